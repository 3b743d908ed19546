/**
 * Small repositories written to a temporary folder from a map of files, for tests that need
 * the loader (and the disk) but not a whole fixture folder.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRepository } from "../../src/load/parse-file.js";
import { validateRepository, type ValidationResult } from "../../src/validate/index.js";

/** File contents by relative path: text is written as UTF-8, bytes as they are; null makes a directory. */
export type RepoFiles = Record<string, string | Uint8Array | null>;

/** The smallest valid repository: settings, one department, one branch. */
export const MINIMAL_REPO: RepoFiles = {
  "channel.yaml": "version: 1\norganisation: 长城证券\n",
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
  "branches/b1/branch.yaml": "id: b1\nname: 招商银行测试支行\ndepartment: d1\n",
};

export function writeRepo(files: RepoFiles, base: RepoFiles = MINIMAL_REPO): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-repo-"));
  writeFilesInto(dir, { ...base, ...files });
  return dir;
}

/** Writes files (and, for null, directories) into an existing folder. */
export function writeFilesInto(dir: string, files: RepoFiles): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split("/"));
    if (content === null) {
      fs.mkdirSync(abs, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** Writes the repository, validates it, removes it. */
export function validateFiles(files: RepoFiles, options: { base?: RepoFiles; strict?: boolean } = {}): ValidationResult {
  const dir = writeRepo(files, options.base);
  try {
    return validateRepository(loadRepository(dir), { strict: options.strict });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
