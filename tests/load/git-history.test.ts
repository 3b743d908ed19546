/**
 * Issue 29: blobs read from git in batches (`forEachBlob`), as the audit's walk through a long
 * history reads them: each id once, the 10 MB cap and missing objects as `readBlobs`
 * has them, whatever the batch size; and `scanCommit` reusing bytes an earlier scan read.
 */
import * as fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { forEachBlob, openGitRepository, readBlobs, scanCommit } from "../../src/load/git-history.js";
import { MAX_FILE_BYTES } from "../../src/load/repository.js";
import { commitAll, git, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
});

const FILES = {
  "channel.yaml": "version: 1\norganisation: 测试\n",
  "branches/b1/branch.yaml": "id: b1\nname: 一支行\n",
  "branches/b1/staff.yaml": "staff: []\n",
  "branches/b2/branch.yaml": "id: b2\nname: 二支行\n",
};

function repository(): { s: ScratchGit; ids: Record<string, string> } {
  const s = scratchGit({ "big.txt": "x".repeat(MAX_FILE_BYTES + 1) }, FILES);
  scratches.push(s);
  commitAll(s.repo, "数据", "2012-03-01T09:00:00+08:00");
  const ids: Record<string, string> = {};
  for (const line of git(s.repo, ["ls-tree", "-r", "HEAD"]).split("\n")) {
    const [meta = "", file = ""] = line.split("\t");
    ids[file] = meta.split(" ")[2]!;
  }
  return { s, ids };
}

describe("forEachBlob (issue 29)", () => {
  it("gives each id once, in order, with the cap and missing objects as readBlobs, whatever the batch size", () => {
    const { s, ids } = repository();
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const wanted = [ids["branches/b1/branch.yaml"]!, ids["big.txt"]!, ids["branches/b1/staff.yaml"]!, missing, ids["branches/b1/branch.yaml"]!, ids["channel.yaml"]!];
    const whole = readBlobs(repo, wanted);
    for (const batchBytes of [1, 30, 64 * 2 ** 20]) {
      const seen: [string, string | null][] = [];
      const sizes = new Map<string, number>();
      forEachBlob(repo, wanted, (id, bytes) => void seen.push([id, bytes === null ? null : Buffer.from(bytes).toString("utf8")]), sizes, batchBytes);
      expect(seen.map(([id]) => id).sort()).toEqual([...new Set(wanted)].sort());
      expect(Object.fromEntries(seen)).toEqual(Object.fromEntries([...whole].map(([id, bytes]) => [id, bytes === null ? null : Buffer.from(bytes).toString("utf8")])));
      // The large blob is measured, not read.
      expect(Object.fromEntries(seen)[ids["big.txt"]!]).toBeNull();
      expect(sizes.get(ids["big.txt"]!)).toBe(MAX_FILE_BYTES + 1);
      expect(Object.fromEntries(seen)[missing]).toBeNull();
      expect(Object.fromEntries(seen)[ids["branches/b1/staff.yaml"]!]).toBe("staff: []\n");
    }
  });

  it("scanCommit takes bytes an earlier scan read (by blob id) and gives each file's blob id", () => {
    const { s, ids } = repository();
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const head = git(s.repo, ["rev-parse", "HEAD"]);
    const plain = scanCommit(repo, head);
    expect(plain.raws.map((raw, i) => [raw.file, plain.blobs[i]])).toEqual(plain.raws.map((raw) => [raw.file, ids[raw.file]]));
    // A stand-in for the staff file's bytes proves they were taken from `known`, not read again.
    const known = new Map([[ids["branches/b1/staff.yaml"]!, new TextEncoder().encode("staff: [] # known\n")]]);
    const reused = scanCommit(repo, head, known);
    const text = (scan: typeof plain, file: string) => Buffer.from(scan.raws.find((raw) => raw.file === file)!.bytes!).toString("utf8");
    expect(text(reused, "branches/b1/staff.yaml")).toBe("staff: [] # known\n");
    expect(text(reused, "branches/b1/branch.yaml")).toBe(text(plain, "branches/b1/branch.yaml"));
    expect(reused.findings).toEqual(plain.findings);
  });
});
