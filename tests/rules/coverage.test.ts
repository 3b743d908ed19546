/** Archive coverage (rules/coverage.ts): what counts as filled, shares, and the order of the gaps. */
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import type { Competitor } from "../../src/model/types.js";
import { isFilled, measureBranch, measureCoverage, type BranchCoverage } from "../../src/rules/coverage.js";
import { validateRepository } from "../../src/validate/index.js";
import { makeBranch, makeDepartment, makeModel } from "../builders.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";

function competitor(name: string, fields: Partial<Competitor> & { details?: Record<string, unknown> } = {}): Competitor {
  return { name, kind: null, since: null, staffCount: null, details: {}, ...fields };
}

function item(coverage: BranchCoverage, key: string) {
  const found = coverage.items.find((i) => i.item === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}

describe("isFilled", () => {
  it("counts text with a character, lists with a filled entry, numbers and booleans", () => {
    expect(isFilled("高尔夫")).toBe(true);
    expect(isFilled("  ")).toBe(false);
    expect(isFilled("")).toBe(false);
    expect(isFilled(["高尔夫"])).toBe(true);
    expect(isFilled(["", " "])).toBe(false);
    expect(isFilled([])).toBe(false);
    expect(isFilled(0)).toBe(true);
    // head_promoted: false is an answer, not a gap.
    expect(isFilled(false)).toBe(true);
    expect(isFilled(null)).toBe(false);
    expect(isFilled(undefined)).toBe(false);
  });
});

describe("measureBranch", () => {
  const branch = makeBranch({
    id: "b1",
    staff: [
      { id: "cleaner", position: "cleaner", gender: "F" },
      { id: "teller", position: "teller", archive: { hobbies: ["跑步"], family: "  " } },
      { id: "head", name: "赵行长", position: "branch_head", key: true, joined: "1991-07-01", archive: { hobbies: "书法", history: "信贷出身" } },
      { id: "wm", position: "wealth_manager", key: true, archive: { hobbies: [] } },
    ],
    sections: { business: { deposits: 4_200_000_000, head_promoted: false, growth: "" }, profile: { status: "旗舰", staff_count: 56, daily_customers: 600, peak_hours: "上午", org_chart: "…", opened: "2000-01-01" } },
    competitors: [competitor("招商证券", { kind: "securities", since: "2009-05-01", staffCount: 2, details: { strategy: "驻点", strengths: "品牌" } }), competitor("华夏基金", { kind: "fund", details: { potential: "低" } })],
  });
  const coverage = measureBranch(branch);

  it("gives each personal item the share of staff with it filled", () => {
    expect([item(coverage, "name").filled, item(coverage, "name").total]).toEqual([4, 4]);
    expect([item(coverage, "hobbies").filled, item(coverage, "hobbies").share]).toEqual([2, 0.5]);
    expect(item(coverage, "family").filled).toBe(0);
    expect(item(coverage, "gender").share).toBe(0.25);
  });

  it("lists who is missing an item: key persons first, then leaders, then by position and id", () => {
    expect(item(coverage, "family").missingStaff.map((s) => s.id)).toEqual(["head", "wm", "teller", "cleaner"]);
    expect(item(coverage, "hobbies").missingStaff.map((s) => [s.id, s.key])).toEqual([
      ["wm", true],
      ["cleaner", false],
    ]);
  });

  it("gives each section the share of its checklist fields filled, and names the missing ones", () => {
    expect([item(coverage, "profile").filled, item(coverage, "profile").total, item(coverage, "profile").share]).toEqual([6, 6, 1]);
    const business = item(coverage, "business");
    expect([business.filled, business.total]).toEqual([2, 13]);
    expect(business.missingFields).toContain("growth");
    expect(business.missingFields).not.toContain("head_promoted");
    expect([item(coverage, "environment").share, item(coverage, "surroundings").share]).toEqual([0, 0]);
  });

  it("scores competitors by the details recorded about each", () => {
    const competitors = item(coverage, "competitors");
    // 招商证券: kind, since, staff_count, strategy, strengths = 5 of 7; 华夏基金: kind, potential = 2 of 7.
    expect([competitors.filled, competitors.total]).toEqual([7, 14]);
    expect(competitors.missingFields).toEqual(["since", "staff_count", "strategy", "strengths", "weaknesses", "potential"]);
  });

  it("averages the fifteen items and lists the biggest gaps first", () => {
    expect(coverage.items).toHaveLength(15);
    const mean = coverage.items.reduce((a, i) => a + i.share, 0) / 15;
    expect(coverage.share).toBeCloseTo(mean, 12);
    const shares = coverage.items.map((i) => i.share);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    // Equal shares keep the checklist order: personal items first.
    expect(coverage.items.slice(0, 6).map((i) => i.item)).toEqual(["family", "personality", "schedule", "relationships", "environment", "surroundings"]);
    expect([coverage.staff, coverage.keyStaff, coverage.competitors]).toEqual([4, 2, 2]);
  });

  it("treats a branch without staff or competitors as the biggest gap, not as complete", () => {
    const empty = measureBranch(makeBranch({ id: "b2" }));
    expect(item(empty, "name")).toMatchObject({ filled: 0, total: 0, share: 0 });
    expect(item(empty, "competitors")).toMatchObject({ filled: 0, total: 0, share: 0 });
    expect(empty.share).toBe(0);
  });
});

describe("measureCoverage", () => {
  const model = makeModel({
    departments: [makeDepartment({ id: "d1", name: "福田" }), makeDepartment({ id: "d2", name: "南山" }), makeDepartment({ id: "d3", name: "空" })],
    branches: [
      { id: "b-full", department: "d1", staff: [{ id: "s1", gender: "M", joined: "2000-01-01", archive: { history: "x", hobbies: "x", family: "x", personality: "x", schedule: "x", relationships: "x" } }] },
      { id: "b-empty", department: "d1" },
      { id: "b-other", department: "d2", staff: [{ id: "s2" }] },
    ],
  });

  it("sorts branches lowest first and averages them per department and overall", () => {
    const result = measureCoverage(model);
    expect(result.branches.map((b) => b.branch)).toEqual(["b-empty", "b-other", "b-full"]);
    const full = result.branches.find((b) => b.branch === "b-full")!;
    // All ten personal items, none of the five branch items.
    expect(full.share).toBeCloseTo(10 / 15, 12);
    const d1 = result.departments.find((d) => d.department === "d1")!;
    expect(d1.share).toBeCloseTo((10 / 15 + 0) / 2, 12);
    expect(result.departments.find((d) => d.department === "d3")).toMatchObject({ branches: 0, share: null });
    expect(result.share).toBeCloseTo(result.branches.reduce((a, b) => a + b.share, 0) / 3, 12);
  });

  it("measures one branch when asked", () => {
    const result = measureCoverage(model, { branch: "b-other" });
    expect(result.branches.map((b) => b.branch)).toEqual(["b-other"]);
    expect(result.departments.map((d) => d.department)).toEqual(["d2"]);
  });
});

describe("measureCoverage on data-example", () => {
  const repo = loadRepository(DATA_EXAMPLE);
  const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);
  const result = measureCoverage(model);

  it("finds 蛇口 with no business section and a partial profile", () => {
    const shekou = result.branches.find((b) => b.branch === "cmb-shekou")!;
    expect(item(shekou, "business")).toMatchObject({ filled: 0, total: 13 });
    expect(item(shekou, "profile")).toMatchObject({ filled: 3, total: 6, missingFields: ["opened", "staff_count", "org_chart"] });
    expect(item(shekou, "joined").missingStaff.slice(0, 2).map((s) => s.name)).toEqual(["吕建华", "潘越"]);
  });

  it("finds 福田中心 the most complete and 香蜜湖 the least", () => {
    expect(result.branches[0]!.branch).toBe("cmb-xiangmihu");
    expect(result.branches.at(-1)!.branch).toBe("cmb-futian-center");
    const futian = result.branches.at(-1)!;
    // 赵国强, 黄伟, 李强, 王芳, 周雪 have hobbies; 陈璐, 张慧, 刘大海, 吴秀兰 do not.
    expect(item(futian, "hobbies")).toMatchObject({ filled: 5, total: 9 });
    expect(item(futian, "hobbies").missingStaff.map((s) => s.name)).toEqual(["张慧", "陈璐", "刘大海", "吴秀兰"]);
    expect(item(futian, "business").share).toBe(1);
  });
});
