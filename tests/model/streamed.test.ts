import * as fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanRepository } from "../../src/load/repository.js";
import { buildModel } from "../../src/model/build.js";
import { StreamedModel } from "../../src/model/streamed.js";
import { assembleValidation, checkFile } from "../../src/validate/index.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";
import { writeRepo, type RepoFiles } from "../helpers/repo.js";

/**
 * The model StreamedModel makes of a repository's files taken in `order` (the scan's by default),
 * each judged usable by its own check as the loader does, next to buildModel's of the same files;
 * `again`: the files whose values `finish` asked for again.
 */
function bothModels(dir: string, order?: (count: number) => number[], finalErrors?: (errors: ReadonlySet<string>) => ReadonlySet<string>) {
  const scan = scanRepository(dir);
  const checks = scan.raws.map((raw) => checkFile(raw));
  const validation = assembleValidation(scan.findings, checks);
  const filesWithErrors = finalErrors?.(validation.filesWithErrors) ?? validation.filesWithErrors;
  const streamed = new StreamedModel(scan.raws);
  for (const i of order?.(checks.length) ?? checks.map((_c, i) => i)) {
    const { file, findings } = checks[i]!;
    streamed.take(i, file.data, file.data !== undefined && !findings.some((f) => f.severity === "error"));
  }
  const again: string[] = [];
  const model = streamed.finish(filesWithErrors, (i) => {
    again.push(scan.raws[i]!.file);
    return checks[i]!.file.data;
  });
  const repo = { root: scan.root, files: checks.map((c) => c.file), branchFolders: scan.branchFolders, findings: scan.findings };
  return { model, expected: buildModel(repo, filesWithErrors).model, again: again.sort(), filesWithErrors };
}

function inRepo<T>(files: RepoFiles, run: (dir: string) => T): T {
  const dir = writeRepo(files);
  try {
    return run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const TWO_BRANCHES: RepoFiles = {
  "branches/b1/staff.yaml": "staff:\n  - id: wang-fang\n    name: 王芳\n    position: teller\n",
  "branches/b2/branch.yaml": "id: b2\nname: 招商银行第二支行\ndepartment: d1\n",
  "branches/b2/staff.yaml": "staff:\n  - id: li-na\n    name: 李娜\n    position: teller\n",
  "branches/b2/prospects.yaml": "prospects:\n  - id: p-zhang-001\n    name: 张先生\n",
};

describe("StreamedModel", () => {
  it("makes data-example's model, as buildModel does, asking for no value again", () => {
    const { model, expected, again } = bothModels(DATA_EXAMPLE);
    expect(expected.branches.length).toBeGreaterThan(1);
    expect(model).toEqual(expected);
    expect(again).toEqual([]);
  });

  it("makes the same model whatever order the files come in (fixed seed)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        // A shuffle by the seed: the worker threads hand results back in any order.
        const order = (count: number) => {
          const indices = Array.from({ length: count }, (_v, i) => i);
          let state = seed;
          for (let i = count - 1; i > 0; i--) {
            state = (state * 1103515245 + 12345) % 2 ** 31;
            const j = state % (i + 1);
            [indices[i], indices[j]] = [indices[j]!, indices[i]!];
          }
          return indices;
        };
        const { model, expected } = bothModels(DATA_EXAMPLE, order);
        expect(model).toEqual(expected);
      }),
      { seed: 29, numRuns: 20 },
    );
  });

  it("builds again the branch a rule across files changed (a staff id taken twice), and only that one", () => {
    inRepo({ ...TWO_BRANCHES, "branches/b2/staff.yaml": "staff:\n  - id: wang-fang\n    name: 王芳\n    position: teller\n" }, (dir) => {
      const { model, expected, again, filesWithErrors } = bothModels(dir);
      // The second to name the id is the one in error.
      expect([...filesWithErrors]).toEqual(["branches/b2/staff.yaml"]);
      expect(model).toEqual(expected);
      expect(model.branches.map((b) => [b.id, b.staffFile, b.staff.length])).toEqual([
        ["b1", "read", 1],
        ["b2", "skipped", 0],
      ]);
      // The changed file's folder is built again from its files' values; b1 is left as built.
      expect(again).toEqual(["branches/b2/branch.yaml", "branches/b2/prospects.yaml", "branches/b2/staff.yaml"]);
    });
  });

  it("builds everything again when the settings or the departments turn out unusable", () => {
    inRepo(TWO_BRANCHES, (dir) => {
      const { model, expected, again } = bothModels(dir, undefined, (errors) => new Set([...errors, "departments.yaml"]));
      expect(model).toEqual(expected);
      expect(model.departments).toEqual([]);
      expect(again).toContain("branches/b1/staff.yaml");
      expect(again).toContain("branches/b2/prospects.yaml");
    });
  });

  it("leaves out a folder whose branch.yaml has an error of its own, as buildModel does", () => {
    inRepo({ ...TWO_BRANCHES, "branches/b2/branch.yaml": "id: b2\nname: 招商银行第二支行\ndepartment: d1\nlevel: 火星\n" }, (dir) => {
      const { model, expected, again } = bothModels(dir);
      expect(model).toEqual(expected);
      expect(model.branches.map((b) => b.id)).toEqual(["b1"]);
      expect(again).toEqual([]);
    });
  });
});
