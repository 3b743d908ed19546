import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel, type BranchMemo } from "../../src/model/build.js";
import { LoadedFile } from "../../src/load/repository.js";
import { POSITIONS } from "../../src/model/types.js";
import { validateRepository } from "../../src/validate/index.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";
import { writeRepo, type RepoFiles } from "../helpers/repo.js";

function modelOf(files: RepoFiles) {
  const dir = writeRepo(files);
  try {
    const repo = loadRepository(dir);
    const validation = validateRepository(repo);
    return { validation, ...buildModel(repo, validation.filesWithErrors) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("buildModel", () => {
  it("reads possible entrants (潜在竞争者): null when not written, [] when written empty, sorted by name with kind codes", () => {
    const withEntrants = modelOf({
      "branches/b1/competitors.yaml": "competitors:\n  - {name: 招商证券, potential: 高}\npossible_entrants:\n  - {name: 泰康人寿, kind: 保险, note: 下季度}\n  - {name: 国信证券}\n",
    });
    expect(withEntrants.validation.errors).toBe(0);
    expect(withEntrants.model.branches[0]!.possibleEntrants).toEqual([
      { name: "国信证券", kind: null, note: null },
      { name: "泰康人寿", kind: "insurance", note: "下季度" },
    ]);
    // A present competitor's potential stays its threat level, not an entrant.
    expect(withEntrants.model.branches[0]!.competitors[0]!.details).toEqual({ potential: "高" });
    expect(modelOf({ "branches/b1/competitors.yaml": "possible_entrants: []\n" }).model.branches[0]!.possibleEntrants).toEqual([]);
    expect(modelOf({ "branches/b1/competitors.yaml": "competitors: [{name: x}]\n" }).model.branches[0]!.possibleEntrants).toBeNull();
    expect(modelOf({}).model.branches[0]!.possibleEntrants).toBeNull();
  });

  it("normalises money, datetimes and defaults", () => {
    const { model, skipped } = modelOf({
      "departments.yaml": "departments:\n  - id: d1\n    name: 福田\n    team: {specialist: 李娜}\n",
      "branches/b1/staff.yaml":
        "staff:\n  - id: wang-fang\n    name: 王芳\n    position: wealth_manager\n    conversion: {kind: asset, amount: \"1.5万\", at: \"2012-02-20 10:30\"}\n",
      "branches/b1/kpis.yaml": 'sales:\n  - {date: 2012-03-02, product: 长城2号, amount: "1,200,000"}\n  - {date: 2012-03-01, product: 长城2号, amount: "26亿"}\n',
    });
    expect(skipped).toEqual([]);
    const branch = model.branches[0]!;
    expect(branch.owner).toBe("李娜");
    expect(branch.staff[0]).toMatchObject({ category: "influencer", key: false, conversion: { amount: 15000, at: "2012-02-20T10:30:00" } });
    expect(branch.sales.map((s) => [s.date, s.amount])).toEqual([
      ["2012-03-01", 2_600_000_000],
      ["2012-03-02", 1_200_000],
    ]);
    expect(model.settings.followups.largeMovementMin).toBe(500_000);
    expect(model.settings.timezone).toBe("Asia/Shanghai");
  });

  it("leaves out files with errors and names them", () => {
    const { model, skipped } = modelOf({
      "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n    position: tellr\n",
      "branches/b1/prospects.yaml": "prospects:\n  - id: p1\n    name: 陈先生\n",
    });
    expect(skipped).toEqual(["branches/b1/staff.yaml"]);
    expect(model.branches[0]!.staff).toEqual([]);
    expect(model.branches[0]!.prospects.map((p) => p.id)).toEqual(["p1"]);
  });

  it("reads data-example whole: every position, sorted branches", () => {
    const repo = loadRepository(DATA_EXAMPLE);
    const validation = validateRepository(repo);
    const { model, skipped } = buildModel(repo, validation.filesWithErrors);
    expect(skipped).toEqual([]);
    const ids = model.branches.map((b) => b.id);
    expect(ids).toEqual([...ids].sort());
    const staff = model.branches.flatMap((b) => b.staff);
    expect(staff.length).toBeGreaterThanOrEqual(60);
    expect(new Set(staff.map((s) => s.position))).toEqual(new Set(POSITIONS));
    expect(model.departments.map((d) => d.id)).toEqual(["sz-futian", "sz-luohu", "sz-nanshan"]);
  });

  it("with a memo, takes a branch built before when its files are the same values, usable alike, with the same departments (issue 29: audit)", () => {
    const repo = loadRepository(DATA_EXAMPLE);
    const { filesWithErrors } = validateRepository(repo);
    const memo: BranchMemo = new WeakMap();
    const first = buildModel(repo, filesWithErrors, memo).model;
    const again = buildModel(repo, filesWithErrors, memo).model;
    expect(again).toEqual(first);
    again.branches.forEach((branch, i) => expect(branch).toBe(first.branches[i]));
    // Without the memo, or with it as built once, the model is the same.
    expect(buildModel(repo, filesWithErrors).model).toEqual(first);

    // One branch's staff.yaml another value (as another commit holds it): that branch alone is built again.
    const staffFile = repo.files.find((f) => f.kind === "staff")!;
    const changedData = structuredClone(staffFile.data) as { staff: { name: string }[] };
    changedData.staff[0]!.name = "改名了";
    const changed = { ...repo, files: repo.files.map((f) => (f === staffFile ? new LoadedFile(f.file, f.kind, f.branchFolder, () => null, changedData) : f)) };
    const afterChange = buildModel(changed, filesWithErrors, memo).model;
    const rebuilt = afterChange.branches.filter((branch, i) => branch !== first.branches[i]).map((b) => b.id);
    expect(rebuilt).toEqual([staffFile.branchFolder]);
    expect(afterChange.branches.flatMap((b) => b.staff.map((s) => s.name))).toContain("改名了");

    // The same file left out for an error: built again, without its staff.
    const withError = buildModel(repo, new Set([...filesWithErrors, staffFile.file]), memo).model;
    const branchOf = (model: typeof first) => model.branches.find((b) => b.id === staffFile.branchFolder)!;
    expect(branchOf(withError)).not.toBe(branchOf(first));
    expect(branchOf(withError).staff).toEqual([]);

    // Other departments (another name): every branch built again.
    const departmentsFile = repo.files.find((f) => f.kind === "departments")!;
    const renamed = structuredClone(departmentsFile.data) as { departments: { name: string }[] };
    renamed.departments[0]!.name = "新营业部";
    const otherDepartments = { ...repo, files: repo.files.map((f) => (f === departmentsFile ? new LoadedFile(f.file, f.kind, f.branchFolder, () => null, renamed) : f)) };
    const afterDepartments = buildModel(otherDepartments, filesWithErrors, memo).model;
    expect(afterDepartments.branches.some((branch, i) => branch === first.branches[i])).toBe(false);
  });
});
