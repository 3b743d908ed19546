/** Archive coverage (rules/coverage.ts): each checklist of the field manual, item by item; shares and the order of the gaps. */
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import type { Competitor, KpiMonth } from "../../src/model/types.js";
import {
  isFilled,
  measureBranch,
  measureCoverage,
  monthsEndedBy,
  PROSPECT_VALUABLE_CHECKLIST,
  STAFF_CHECKLIST,
  type BranchCoverage,
  type Checklist,
  type CoverageItem,
  type Missing,
} from "../../src/rules/coverage.js";
import { validateRepository } from "../../src/validate/index.js";
import { makeBranch, makeDepartment, makeModel, makeProspect } from "../builders.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";

const D = "2012-03-31";

function competitor(name: string, details: Record<string, unknown> = {}): Competitor {
  return { name, kind: null, since: null, staffCount: null, details };
}

function kpiMonth(month: string, figures: Record<string, number | null>): KpiMonth {
  return { month, figures, notes: null, requests: [] };
}

function item(coverage: BranchCoverage, checklist: Checklist, key: string, month: string | null = null): CoverageItem {
  const found = coverage.items.find((i) => i.checklist === checklist && i.item === key && i.month === month);
  if (!found) throw new Error(`no item ${checklist}.${key} ${month ?? ""}`);
  return found;
}

/** Ids, names or paths of what an item misses, in its order. */
function missing(i: CoverageItem): string[] {
  return i.missing.map((m: Missing) => (m.kind === "field" ? m.path : m.kind === "figure" ? m.figure : m.kind === "competitor" ? m.name : m.id));
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

describe("staff: 个人信息 a–h plus birthday and phone", () => {
  const branch = makeBranch({
    id: "b1",
    staff: [
      { id: "cleaner", position: "cleaner" },
      { id: "teller", position: "teller", archive: { hobbies: ["跑步"], family: "  ", wechat: "teller88" } },
      { id: "head", name: "赵行长", position: "branch_head", key: true, phone: "13800000001", lunarBirthday: { month: 4, day: 15, leap: false }, archive: { hobbies: "书法", history: "信贷出身", values: "看重业绩" } },
      { id: "wm", position: "wealth_manager", key: true, birthday: { year: 1985, month: 6, day: 15 }, archive: { hobbies: [], email: "wm@example.com" } },
    ],
  });
  const coverage = measureBranch(branch, D);

  it("keeps the manual's letters a–h and adds birthday and phone", () => {
    expect(STAFF_CHECKLIST.map((d) => [d.letter, d.item])).toEqual([
      ["a", "contact"],
      ["b", "history"],
      ["c", "hobbies"],
      ["d", "family"],
      ["e", "personality"],
      ["f", "values"],
      ["g", "schedule"],
      ["h", "relationships"],
      [null, "birthday"],
      [null, "phone"],
    ]);
  });

  it("gives each item the share of staff answering it", () => {
    expect(item(coverage, "staff", "hobbies")).toMatchObject({ filled: 2, total: 4, share: 0.5 });
    expect(item(coverage, "staff", "family")).toMatchObject({ filled: 0, share: 0 });
    // 价值观 is an item of its own.
    expect(item(coverage, "staff", "values")).toMatchObject({ filled: 1, total: 4 });
  });

  it("answers a (contact) by any way to reach the person, and phone only by the phone", () => {
    expect(missing(item(coverage, "staff", "contact"))).toEqual(["cleaner"]);
    expect(missing(item(coverage, "staff", "phone"))).toEqual(["wm", "teller", "cleaner"]);
  });

  it("answers birthday by a solar or a lunar birthday", () => {
    expect(missing(item(coverage, "staff", "birthday"))).toEqual(["teller", "cleaner"]);
  });

  it("lists who is missing an item: key persons first, then leaders, then by position and id", () => {
    expect(missing(item(coverage, "staff", "family"))).toEqual(["head", "wm", "teller", "cleaner"]);
    expect(item(coverage, "staff", "hobbies").missing).toEqual([
      { kind: "staff", id: "wm", name: "wm", key: true },
      { kind: "staff", id: "cleaner", name: "cleaner", key: false },
    ]);
  });

  it("counts only staff present at D: a person who left on or before D is not asked about", () => {
    const withLeavers = makeBranch({
      id: "b2",
      staff: [
        { id: "stays", archive: { hobbies: "钓鱼" } },
        { id: "gone", left: "2012-03-31" },
        { id: "leaves-later", left: "2012-04-01" },
      ],
    });
    const at31 = measureBranch(withLeavers, "2012-03-31");
    expect(at31.staff).toBe(2);
    expect(item(at31, "staff", "hobbies")).toMatchObject({ filled: 1, total: 2 });
    expect(missing(item(at31, "staff", "hobbies"))).toEqual(["leaves-later"]);
    // The day before the leaving day the person is still there.
    expect(item(measureBranch(withLeavers, "2012-03-30"), "staff", "hobbies").total).toBe(3);
    // After both left, only one person is measured.
    expect(item(measureBranch(withLeavers, "2012-04-01"), "staff", "hobbies")).toMatchObject({ filled: 1, total: 1, share: 1 });
  });

  it("treats a branch without staff present as the biggest gap, not as complete", () => {
    const empty = measureBranch(makeBranch({ id: "b3", staff: [{ id: "x", left: "2012-01-01" }] }), D);
    expect(item(empty, "staff", "contact")).toMatchObject({ filled: 0, total: 0, share: 0 });
  });
});

describe("branch: basic information, environment, business information, surroundings", () => {
  const branch = makeBranch({
    id: "b1",
    address: "深南中路 1 号",
    parent: "深圳分行",
    sections: {
      business: { deposits: 4_200_000_000, head_promoted: false, growth: "" },
      profile: { status: "旗舰", staff_count: 56, daily_customers: 600, peak_hours: "上午", org_chart: "…", opened: "2000-01-01" },
    },
  });
  const coverage = measureBranch(branch, D);

  it("names the missing fields of each group by their path in branch.yaml", () => {
    // makeBranch gives bank 招商银行; phone is missing.
    expect(item(coverage, "branch", "basic")).toMatchObject({ filled: 3, total: 4 });
    expect(missing(item(coverage, "branch", "basic"))).toEqual(["phone"]);
    expect(item(coverage, "branch", "environment")).toMatchObject({ filled: 0, total: 7, share: 0 });
    expect(item(coverage, "branch", "surroundings")).toMatchObject({ filled: 0, total: 6 });
  });

  it("takes business information from the profile and business sections together", () => {
    const business = item(coverage, "branch", "business");
    expect([business.filled, business.total]).toEqual([8, 19]);
    expect(missing(business)).toContain("business.growth");
    expect(missing(business)).not.toContain("business.head_promoted");
    expect(missing(business)).not.toContain("profile.status");
  });

  it("measures a 分行 folder on its staff and basic information only, without a parent", () => {
    const city = measureBranch(makeBranch({ id: "sz", level: "city_branch", address: "深南大道", phone: "0755-83000000", staff: [{ id: "s1" }] }), D);
    expect([...new Set(city.items.map((i) => i.checklist))].sort()).toEqual(["branch", "staff"]);
    expect(city.items.filter((i) => i.checklist === "branch").map((i) => i.item)).toEqual(["basic"]);
    expect(item(city, "branch", "basic")).toMatchObject({ filled: 3, total: 3, share: 1 });
  });
});

describe("competitors: the count, strategy, strengths and weaknesses by name, possible entrants", () => {
  const branch = makeBranch({
    id: "b1",
    competitors: [competitor("招商证券", { strategy: "驻点", strengths: "品牌", potential: "高" }), competitor("华夏基金", { strategy: "路演" })],
  });
  const coverage = measureBranch(branch, D);

  it("attributes a missing detail to the competitor by name", () => {
    expect(item(coverage, "competitors", "strategy")).toMatchObject({ filled: 2, total: 2, share: 1 });
    expect(missing(item(coverage, "competitors", "strengths"))).toEqual(["华夏基金"]);
    expect(missing(item(coverage, "competitors", "weaknesses"))).toEqual(["华夏基金", "招商证券"]);
    expect(coverage.competitors).toBe(2);
  });

  it("does not read a present competitor's potential as a possible entrant", () => {
    expect(item(coverage, "competitors", "possible_entrants")).toMatchObject({ filled: 0, total: 1, share: 0 });
    expect(coverage.possibleEntrants).toBeNull();
  });

  it("counts possible entrants as considered once the list is written, even empty", () => {
    const none = measureBranch(makeBranch({ id: "b2", possibleEntrants: [] }), D);
    expect(item(none, "competitors", "possible_entrants")).toMatchObject({ filled: 1, share: 1 });
    expect(none.possibleEntrants).toBe(0);
    const some = measureBranch(makeBranch({ id: "b3", possibleEntrants: [{ name: "国信证券", kind: "securities", note: null }] }), D);
    expect(some.possibleEntrants).toBe(1);
  });

  it("with no competitor recorded: the count item is the gap, the details have nothing to measure", () => {
    const empty = measureBranch(makeBranch({ id: "b4" }), D);
    expect(item(empty, "competitors", "competitors")).toMatchObject({ filled: 0, total: 1, share: 0 });
    expect(item(empty, "competitors", "strategy")).toMatchObject({ filled: 0, total: 0, share: null });
  });
});

describe("KPIs: the key figures of the last three months ended by D", () => {
  it("takes D's own month only when D is its last day", () => {
    expect(monthsEndedBy("2012-03-31", 3)).toEqual(["2012-03", "2012-02", "2012-01"]);
    expect(monthsEndedBy("2012-03-30", 3)).toEqual(["2012-02", "2012-01", "2011-12"]);
    expect(monthsEndedBy("2012-02-29", 1)).toEqual(["2012-02"]);
    expect(monthsEndedBy("2012-01-15", 2)).toEqual(["2011-12", "2011-11"]);
  });

  it("measures each month by its key figures and names the missing ones", () => {
    const branch = makeBranch({
      id: "b1",
      kpiMonths: [
        kpiMonth("2012-01", { deposits: 1, vip_customers: 2, new_accounts: 3, assets_in: 4, ranking: 5 }),
        kpiMonth("2012-02", { deposits: 1, vip_customers: null, good_customers: 9 }),
      ],
    });
    const coverage = measureBranch(branch, "2012-03-20");
    expect(item(coverage, "kpis", "monthly_figures", "2012-01")).toMatchObject({ filled: 5, total: 5, share: 1 });
    expect(item(coverage, "kpis", "monthly_figures", "2012-02")).toMatchObject({ filled: 1, total: 5 });
    expect(missing(item(coverage, "kpis", "monthly_figures", "2012-02"))).toEqual(["vip_customers", "new_accounts", "assets_in", "ranking"]);
    expect(item(coverage, "kpis", "monthly_figures", "2011-12")).toMatchObject({ filled: 0, total: 5, share: 0 });
    expect(coverage.items.filter((i) => i.checklist === "kpis")).toHaveLength(3);
  });
});

describe("prospects: 简易信息 for every prospect, 有价值客户 a–j for valuable ones", () => {
  const prospects = [
    makeProspect({ id: "p-basic", phone: "13900000001", referral: { kind: "walk_in", staff: null, customer: null } }),
    makeProspect({ id: "p-home", homePhone: "0755-83000001", holdings: [{ product: "定期存款", amount: 500000, matures: "2012-05-01" }] }),
    makeProspect({
      id: "p-full",
      tier: "valuable",
      phone: "13900000002",
      workPhone: "0755-83000002",
      homePhone: "0755-83000003",
      birthday: { year: null, month: 3, day: 25 },
      archive: { gender: "M", age: 50, address: "福田区", work_address: "车公庙", qq: "12345", family: "一子", occupation: "老板", income_monthly: 80000, hobbies: "茶", attitude: "稳健", products: ["基金"], broker: "国信", frequency: "每周", institutions: "平安", fee_acceptance: "万三" },
    }),
    makeProspect({ id: "p-half", tier: "valuable", phone: "13900000003", archive: { gender: "F", email: "a@b.cn", attitude: "保守" } }),
  ];
  const coverage = measureBranch(makeBranch({ id: "b1", prospects }), D);

  it("asks the basic list of every prospect; any of the three phones answers it", () => {
    // p-home has only a home phone, and that answers it.
    expect(item(coverage, "prospects_basic", "phone")).toMatchObject({ filled: 4, total: 4 });
    expect(missing(item(coverage, "prospects_basic", "source"))).toEqual(["p-full", "p-half", "p-home"]);
    expect(missing(item(coverage, "prospects_basic", "holdings"))).toEqual(["p-full", "p-half", "p-basic"]);
  });

  it("keeps the manual's letters a–j for the valuable list", () => {
    expect(PROSPECT_VALUABLE_CHECKLIST.map((d) => d.letter)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
  });

  it("asks the valuable list of valuable prospects only, every part of an item", () => {
    for (const definition of PROSPECT_VALUABLE_CHECKLIST) {
      expect(item(coverage, "prospects_valuable", definition.item).total).toBe(2);
    }
    // c asks for the work, home and mobile numbers: p-half has only the mobile.
    expect(missing(item(coverage, "prospects_valuable", "phones"))).toEqual(["p-half"]);
    // d: QQ or email is enough.
    expect(item(coverage, "prospects_valuable", "online")).toMatchObject({ filled: 2, share: 1 });
    // h asks for the attitude and the products chosen.
    expect(missing(item(coverage, "prospects_valuable", "attitude_products"))).toEqual(["p-half"]);
    // a: gender, age and a birthday; p-full has a birthday without a year.
    expect(missing(item(coverage, "prospects_valuable", "personal"))).toEqual(["p-half"]);
    expect(coverage.valuableProspects).toBe(2);
  });

  it("has nothing to measure without prospects: a null share, left out of the mean", () => {
    const none = measureBranch(makeBranch({ id: "b2" }), D);
    expect(item(none, "prospects_basic", "phone")).toMatchObject({ total: 0, share: null });
    expect(item(none, "prospects_valuable", "family")).toMatchObject({ total: 0, share: null });
    const shares = none.items.flatMap((i) => (i.share === null ? [] : [i.share]));
    expect(none.share).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / shares.length, 12);
  });
});

describe("measureBranch: the mean and the order", () => {
  const coverage = measureBranch(
    makeBranch({ id: "b1", staff: [{ id: "s1", archive: { hobbies: "x" } }, { id: "s2" }], competitors: [competitor("甲", { strategy: "x", strengths: "x", weaknesses: "x" })], possibleEntrants: [] }),
    D,
  );

  it("averages the items that have a share, each item weighing the same", () => {
    const shares = coverage.items.flatMap((i) => (i.share === null ? [] : [i.share]));
    // 10 staff, 4 branch, 5 competitor, 3 KPI items; the prospect lists have nothing to measure.
    expect(shares).toHaveLength(22);
    expect(coverage.share).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / 22, 12);
  });

  it("lists the biggest gaps first, equal shares in checklist order, nothing-to-measure last", () => {
    const shares = coverage.items.map((i) => i.share ?? 2);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(coverage.items.slice(0, 3).map((i) => `${i.checklist}.${i.item}`)).toEqual(["staff.contact", "staff.history", "staff.family"]);
    expect(coverage.items.at(-1)).toMatchObject({ checklist: "prospects_valuable", item: "institutions_fees", share: null });
    // KPI months: the newest first among equal shares.
    expect(coverage.items.filter((i) => i.checklist === "kpis").map((i) => i.month)).toEqual(["2012-03", "2012-02", "2012-01"]);
  });
});

describe("measureCoverage", () => {
  const model = makeModel({
    departments: [makeDepartment({ id: "d1", name: "福田" }), makeDepartment({ id: "d2", name: "南山" }), makeDepartment({ id: "d3", name: "空" })],
    branches: [
      {
        id: "b-full",
        department: "d1",
        staff: [{ id: "s1", phone: "13800000000", birthday: { year: null, month: 1, day: 1 }, archive: { history: "x", hobbies: "x", family: "x", personality: "x", values: "x", schedule: "x", relationships: "x" } }],
      },
      { id: "b-empty", department: "d1" },
      { id: "b-other", department: "d2", staff: [{ id: "s2" }] },
    ],
  });

  it("sorts branches lowest first and averages them per department and overall", () => {
    const result = measureCoverage(model, D);
    expect(result.asOf).toBe(D);
    expect(result.branches.map((b) => b.branch)).toEqual(["b-empty", "b-other", "b-full"]);
    const full = result.branches.find((b) => b.branch === "b-full")!;
    // All ten staff items and the bank of the basic group (1 of 4), of 19 measured items (no
    // competitor recorded: its details have nothing to measure; no prospect either).
    expect(full.share).toBeCloseTo((10 + 0.25) / 19, 12);
    const d1 = result.departments.find((d) => d.department === "d1")!;
    const empty = result.branches.find((b) => b.branch === "b-empty")!;
    expect(d1.share).toBeCloseTo((full.share + empty.share) / 2, 12);
    expect(result.departments.find((d) => d.department === "d3")).toMatchObject({ branches: 0, share: null });
    expect(result.share).toBeCloseTo(result.branches.reduce((a, b) => a + b.share, 0) / 3, 12);
  });

  it("measures one branch when asked", () => {
    const result = measureCoverage(model, D, { branch: "b-other" });
    expect(result.branches.map((b) => b.branch)).toEqual(["b-other"]);
    expect(result.departments.map((d) => d.department)).toEqual(["d2"]);
  });
});

describe("measureCoverage on data-example", () => {
  const repo = loadRepository(DATA_EXAMPLE);
  const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);
  const result = measureCoverage(model, D);
  const byId = (id: string) => result.branches.find((b) => b.branch === id)!;

  it("finds 蛇口 with a partial business section and no environment", () => {
    const shekou = byId("cmb-shekou");
    expect(item(shekou, "branch", "environment")).toMatchObject({ filled: 0, total: 7 });
    expect(missing(item(shekou, "branch", "business"))).toContain("profile.opened");
    expect(missing(item(shekou, "staff", "history")).slice(0, 2)).toEqual(["lv-jianhua", "pan-yue"]);
  });

  it("reads the three KPI months 2012-01 … 2012-03 at the end of March", () => {
    for (const b of result.branches.filter((b) => b.level === "sub_branch")) {
      expect(b.items.filter((i) => i.checklist === "kpis").map((i) => i.month).sort()).toEqual(["2012-01", "2012-02", "2012-03"]);
      expect(b.items.filter((i) => i.checklist === "kpis").every((i) => i.filled > 0)).toBe(true);
    }
  });

  it("finds possible entrants considered where competitors.yaml lists them", () => {
    const considered = result.branches.filter((b) => b.possibleEntrants !== null).map((b) => b.branch);
    expect(considered.length).toBeGreaterThan(0);
    for (const id of considered) expect(item(byId(id), "competitors", "possible_entrants").share).toBe(1);
  });

  it("finds 福田中心 the most complete and 香蜜湖 among the least", () => {
    const subBranches = result.branches.filter((b) => b.level === "sub_branch");
    expect(subBranches.at(-1)!.branch).toBe("cmb-futian-center");
    expect(subBranches.slice(0, 3).map((b) => b.branch)).toContain("cmb-xiangmihu");
    expect(item(byId("cmb-futian-center"), "branch", "environment").share).toBe(1);
  });
});
