/** Archive coverage (rules/coverage.ts): each checklist of the field manual, item by item; shares and the order of the gaps. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import { POSITIONS, type Competitor, type KpiMonth, type Model } from "../../src/model/types.js";
import {
  isFilled,
  measureBranch,
  measureCoverage,
  monthsEndedBy,
  BUSINESS_CHECKLIST,
  COMPETITOR_CHECKLIST,
  PROSPECT_BASIC_CHECKLIST,
  PROSPECT_VALUABLE_CHECKLIST,
  STAFF_CHECKLIST,
  SURROUNDINGS_CHECKLIST,
  type BranchCoverage,
  type Checklist,
  type CoverageItem,
  type CoverageResult,
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
  const found = [...coverage.items, ...coverage.beyondManual].find((i) => i.checklist === checklist && i.item === key && i.month === month);
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

describe("staff: 个人信息采集 a–h, and birthday and phone beyond the manual", () => {
  const branch = makeBranch({
    id: "b1",
    staff: [
      { id: "cleaner", position: "cleaner" },
      { id: "teller", position: "teller", gender: "F", archive: { hobbies: ["跑步"], family: "  ", wechat: "teller88" } },
      { id: "head", name: "赵行长", position: "branch_head", key: true, gender: "M", joined: "1995-07-01", phone: "13800000001", lunarBirthday: { month: 4, day: 15, leap: false }, archive: { hobbies: "书法", history: "信贷出身", values: "看重业绩", personality: "稳重" } },
      { id: "wm", position: "wealth_manager", key: true, birthday: { year: 1985, month: 6, day: 15 }, archive: { hobbies: [], email: "wm@example.com", history: "三年", notes: "下月休产假" } },
    ],
  });
  const coverage = measureBranch(branch, D);

  it("keeps the manual's letters a–h, and lists birthday and phone apart", () => {
    expect(STAFF_CHECKLIST.map((d) => [d.letter, d.item, d.beyondManual === true])).toEqual([
      ["a", "name_gender_position", false],
      ["b", "joined_history", false],
      ["c", "hobbies", false],
      ["d", "family", false],
      ["e", "personality_values", false],
      ["f", "schedule", false],
      ["g", "relationships", false],
      ["h", "other", false],
      [null, "birthday", true],
      [null, "phone", true],
    ]);
    expect(coverage.items.some((i) => i.checklist === "staff" && (i.item === "birthday" || i.item === "phone"))).toBe(false);
    expect(coverage.beyondManual.filter((i) => i.checklist === "staff").map((i) => i.item).sort()).toEqual(["birthday", "phone"]);
  });

  it("answers a by the gender (name and position are required), b by joined and history, e by personality and values, h by notes", () => {
    expect(missing(item(coverage, "staff", "name_gender_position"))).toEqual(["wm", "cleaner"]);
    expect(missing(item(coverage, "staff", "joined_history"))).toEqual(["wm", "teller", "cleaner"]);
    expect(item(coverage, "staff", "personality_values")).toMatchObject({ filled: 1, total: 4 });
    expect(missing(item(coverage, "staff", "other"))).toEqual(["head", "teller", "cleaner"]);
  });

  it("answers phone only by the phone (beyond the manual)", () => {
    expect(missing(item(coverage, "staff", "phone"))).toEqual(["wm", "teller", "cleaner"]);
    expect(item(coverage, "staff", "phone").beyondManual).toBe(true);
  });

  it("gives each item the share of staff answering it", () => {
    expect(item(coverage, "staff", "hobbies")).toMatchObject({ filled: 2, total: 4, share: 0.5 });
    expect(item(coverage, "staff", "family")).toMatchObject({ filled: 0, share: 0 });
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
    expect(item(empty, "staff", "name_gender_position")).toMatchObject({ filled: 0, total: 0, share: 0 });
  });
});

describe("the branch: 银行网点基本信息 a–F, 银行经营信息 a–G, 银行地理位置及周边信息 a–f", () => {
  const branch = makeBranch({
    id: "b1",
    address: "深南中路 1 号",
    parent: "深圳分行",
    sections: {
      business: { deposits: 4_200_000_000, head_promoted: false, growth: "", assets: "稳定" },
      profile: { status: "旗舰", staff_count: 56, daily_customers: 600, org_chart: "…", opened: "2000-01-01" },
      surroundings: { transport: "地铁口" },
    },
  });
  const coverage = measureBranch(branch, D);

  it("names the missing fields of an item by their path in branch.yaml", () => {
    // makeBranch gives bank 招商银行; phone is missing.
    expect(item(coverage, "branch_basic", "status")).toMatchObject({ letter: "a", filled: 6, total: 7 });
    expect(missing(item(coverage, "branch_basic", "status"))).toEqual(["phone"]);
    expect(missing(item(coverage, "branch_basic", "traffic"))).toEqual(["profile.peak_hours"]);
    expect(item(coverage, "branch_basic", "organisation")).toMatchObject({ letter: "D", share: 1 });
    expect(item(coverage, "branch_basic", "competitors")).toMatchObject({ letter: "E", share: 0 });
    expect(item(coverage, "branch_basic", "other")).toMatchObject({ letter: "F", share: 0 });
  });

  it("keeps the physical environment apart, beyond the manual", () => {
    expect(item(coverage, "branch_basic", "environment")).toMatchObject({ filled: 0, total: 7, share: 0, beyondManual: true, letter: null });
    expect(coverage.items.some((i) => i.item === "environment")).toBe(false);
  });

  it("asks the business questions of a and F part by part", () => {
    expect(item(coverage, "business", "volume")).toMatchObject({ letter: "a", filled: 2, total: 5 });
    expect(missing(item(coverage, "business", "volume"))).toEqual(["business.vip_customers", "business.key_customer_holders", "business.good_customers"]);
    // head_promoted: false is an answer.
    expect(missing(item(coverage, "business", "personnel"))).toEqual(["business.head_tenure", "business.head_previous_post", "business.securities_handler"]);
    expect(item(coverage, "business", "growth")).toMatchObject({ letter: "D", share: 0 });
    expect(BUSINESS_CHECKLIST.map((d) => d.letter)).toEqual(["a", "B", "C", "D", "E", "F", "G"]);
  });

  it("asks each surroundings item on its own", () => {
    expect(SURROUNDINGS_CHECKLIST.map((d) => d.letter)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(item(coverage, "surroundings", "transport")).toMatchObject({ filled: 1, total: 1, share: 1 });
    expect(item(coverage, "surroundings", "population")).toMatchObject({ filled: 0, total: 1, share: 0 });
  });

  it("answers F (其它) by the branch's notes or the profile's", () => {
    const withNotes = measureBranch(makeBranch({ id: "b2", notes: "行长下月调任" }), D);
    expect(item(withNotes, "branch_basic", "other").share).toBe(1);
    const profileNotes = measureBranch(makeBranch({ id: "b3", sections: { profile: { notes: "装修中" } } }), D);
    expect(item(profileNotes, "branch_basic", "other").share).toBe(1);
  });

  it("measures a 分行 folder on its staff and item a only, without a parent", () => {
    const city = measureBranch(makeBranch({ id: "sz", level: "city_branch", address: "深南大道", phone: "0755-83000000", staff: [{ id: "s1" }] }), D);
    expect([...new Set(city.items.map((i) => i.checklist))].sort()).toEqual(["branch_basic", "staff"]);
    expect(city.items.filter((i) => i.checklist === "branch_basic").map((i) => i.item)).toEqual(["status"]);
    expect(item(city, "branch_basic", "status")).toMatchObject({ filled: 3, total: 6 });
  });
});

describe("competitors: 竞争对手情况信息 a–d", () => {
  const branch = makeBranch({
    id: "b1",
    competitors: [competitor("招商证券", { strategy: "驻点", strengths: "品牌", weaknesses: "流动", potential: "高" }), competitor("华夏基金", { strategy: "路演", strengths: "产品" })],
  });
  const coverage = measureBranch(branch, D);

  it("keeps the manual's letters", () => {
    expect(COMPETITOR_CHECKLIST.map((d) => [d.letter, d.item])).toEqual([
      ["a", "competitors"],
      ["b", "strategy"],
      ["c", "strengths_weaknesses"],
      ["d", "possible_entrants"],
    ]);
  });

  it("attributes a missing detail to the competitor by name; c asks strengths and weaknesses", () => {
    expect(item(coverage, "competitors", "strategy")).toMatchObject({ filled: 2, total: 2, share: 1 });
    expect(missing(item(coverage, "competitors", "strengths_weaknesses"))).toEqual(["华夏基金"]);
    expect(item(coverage, "competitors", "competitors")).toMatchObject({ filled: 1, total: 1 });
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

  it("with no competitor recorded: a is the gap, b and c have nothing to measure", () => {
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

  it("measures B for each month by the targets and the month's key figures, and names the missing ones", () => {
    const branch = makeBranch({
      id: "b1",
      kpiMonths: [
        kpiMonth("2012-01", { deposits: 1, vip_customers: 2, new_accounts: 3, assets_in: 4, ranking: 5 }),
        kpiMonth("2012-02", { deposits: 1, vip_customers: null, good_customers: 9 }),
      ],
    });
    const coverage = measureBranch(branch, "2012-03-20");
    expect(item(coverage, "branch_basic", "kpis", "2012-01")).toMatchObject({ letter: "B", filled: 5, total: 6 });
    expect(missing(item(coverage, "branch_basic", "kpis", "2012-01"))).toEqual(["targets"]);
    expect(item(coverage, "branch_basic", "kpis", "2012-02")).toMatchObject({ filled: 1, total: 6 });
    expect(missing(item(coverage, "branch_basic", "kpis", "2012-02"))).toEqual(["targets", "vip_customers", "new_accounts", "assets_in", "ranking"]);
    expect(item(coverage, "branch_basic", "kpis", "2011-12")).toMatchObject({ filled: 0, total: 6, share: 0 });
    expect(coverage.items.filter((i) => i.item === "kpis")).toHaveLength(3);
    const withTargets = measureBranch({ ...branch, kpiTargets: [{ metric: "deposits", period: "2012", target: 3e9 }] }, "2012-03-20");
    expect(item(withTargets, "branch_basic", "kpis", "2012-01").share).toBe(1);
  });
});

describe("prospects: 日常流量客户简易采集 a–e for every prospect, 有价值客户信息采集 a–j for valuable ones", () => {
  const prospects = [
    makeProspect({ id: "p-basic", phone: "13900000001", referral: { kind: "walk_in", staff: null, customer: null }, archive: { attitude: "稳健", home_address: "福田区" } }),
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
    makeProspect({ id: "p-half", tier: "valuable", phone: "13900000003", birthday: { year: 1970, month: 1, day: 2 }, archive: { gender: "F", email: "a@b.cn", attitude: "保守" } }),
  ];
  const coverage = measureBranch(makeBranch({ id: "b1", prospects }), D);

  it("keeps the manual's letters a–e for the basic list, and the source apart", () => {
    expect(PROSPECT_BASIC_CHECKLIST.map((d) => [d.letter, d.item])).toEqual([
      ["a", "name"],
      ["b", "phone"],
      ["c", "home_address"],
      ["d", "attitude"],
      ["e", "products"],
      [null, "source"],
    ]);
    expect(item(coverage, "prospects_basic", "source").beyondManual).toBe(true);
  });

  it("asks the basic list of every prospect; any of the three phones answers 联系电话", () => {
    // p-home has only a home phone, and that answers it.
    expect(item(coverage, "prospects_basic", "phone")).toMatchObject({ filled: 4, total: 4 });
    expect(item(coverage, "prospects_basic", "name")).toMatchObject({ filled: 4, total: 4 });
    expect(missing(item(coverage, "prospects_basic", "home_address"))).toEqual(["p-half", "p-home"]);
    expect(missing(item(coverage, "prospects_basic", "attitude"))).toEqual(["p-home"]);
    // 已选择理财品种: the products written, or what they hold.
    expect(missing(item(coverage, "prospects_basic", "products"))).toEqual(["p-half", "p-basic"]);
  });

  it("keeps the manual's letters a–j for the valuable list", () => {
    expect(PROSPECT_VALUABLE_CHECKLIST.map((d) => d.letter)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
  });

  it("asks the valuable list of valuable prospects only", () => {
    for (const definition of PROSPECT_VALUABLE_CHECKLIST) {
      expect(item(coverage, "prospects_valuable", definition.item).total).toBe(2);
    }
    // c: a mobile answers 联系电话.
    expect(item(coverage, "prospects_valuable", "phones")).toMatchObject({ filled: 2, share: 1 });
    // d: QQ or email is enough.
    expect(item(coverage, "prospects_valuable", "online")).toMatchObject({ filled: 2, share: 1 });
    // a: name, gender and age; a birthday with its year gives the age.
    expect(item(coverage, "prospects_valuable", "name_gender_age")).toMatchObject({ filled: 2, share: 1 });
    expect(missing(item(coverage, "prospects_valuable", "addresses"))).toEqual(["p-half"]);
    expect(coverage.valuableProspects).toBe(2);
  });

  it("does not take a birthday without a year for the age", () => {
    const noYear = measureBranch(makeBranch({ id: "b9", prospects: [makeProspect({ id: "p", tier: "valuable", birthday: { year: null, month: 3, day: 25 }, archive: { gender: "M" } })] }), D);
    expect(missing(item(noYear, "prospects_valuable", "name_gender_age"))).toEqual(["p"]);
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

  it("averages the manual's items that have a share, each item weighing the same", () => {
    const shares = coverage.items.flatMap((i) => (i.share === null ? [] : [i.share]));
    // 8 staff, 5 + 3 months branch basic, 7 business, 6 surroundings, 4 competitor items; the prospect lists have nothing to measure.
    expect(shares).toHaveLength(33);
    expect(coverage.share).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / 33, 12);
  });

  it("lists the biggest gaps first, equal shares in checklist order, nothing-to-measure last", () => {
    const shares = coverage.items.map((i) => i.share ?? 2);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(coverage.items.slice(0, 3).map((i) => `${i.checklist}.${i.item}`)).toEqual(["staff.name_gender_position", "staff.joined_history", "staff.family"]);
    expect(coverage.items.at(-1)).toMatchObject({ checklist: "prospects_valuable", item: "fee_acceptance", share: null });
    // Months: the newest first among equal shares.
    expect(coverage.items.filter((i) => i.item === "kpis").map((i) => i.month)).toEqual(["2012-03", "2012-02", "2012-01"]);
  });
});

describe("measureCoverage", () => {
  const model = makeModel({
    departments: [makeDepartment({ id: "d1", name: "福田" }), makeDepartment({ id: "d2", name: "南山" }), makeDepartment({ id: "d3", name: "空" })],
    branches: [
      {
        id: "b-full",
        department: "d1",
        staff: [{ id: "s1", gender: "F", joined: "2001-01-01", archive: { history: "x", hobbies: "x", family: "x", personality: "x", values: "x", schedule: "x", relationships: "x", notes: "x" } }],
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
    // All eight staff items and the bank of item a (1 of 7 parts), of 31 measured items: 8 staff,
    // 5 + 3 months branch basic, 7 business, 6 surroundings, and competitor items a and d (no
    // competitor recorded: b and c have nothing to measure; no prospect either).
    expect(full.share).toBeCloseTo((8 + 1 / 7) / 31, 12);
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
    expect(item(shekou, "branch_basic", "environment")).toMatchObject({ filled: 0, total: 7, beyondManual: true });
    expect(missing(item(shekou, "branch_basic", "status"))).toContain("profile.opened");
    expect(missing(item(shekou, "staff", "joined_history")).slice(0, 2)).toEqual(["lv-jianhua", "pan-yue"]);
  });

  it("reads the three months 2012-01 … 2012-03 of B at the end of March", () => {
    for (const b of result.branches.filter((b) => b.level === "sub_branch")) {
      expect(b.items.filter((i) => i.item === "kpis").map((i) => i.month).sort()).toEqual(["2012-01", "2012-02", "2012-03"]);
      expect(b.items.filter((i) => i.item === "kpis").every((i) => i.filled > 0)).toBe(true);
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
    expect(item(byId("cmb-futian-center"), "branch_basic", "environment").share).toBe(1);
  });
});

/** `result` as measured with `named` false should be: the staff and prospect items name nobody. */
function unnamed(result: CoverageResult): CoverageResult {
  const emptied = (i: CoverageItem): CoverageItem => (i.checklist === "staff" || i.checklist.startsWith("prospects_") ? { ...i, missing: [] } : i);
  return { ...result, branches: result.branches.map((b) => ({ ...b, items: b.items.map(emptied), beyondManual: b.beyondManual.map(emptied) })) };
}

describe("measureCoverage without names (report summary's)", () => {
  it("gives data-example's shares, counts and order, naming no staff member or prospect", () => {
    const repo = loadRepository(DATA_EXAMPLE);
    const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);
    const named = measureCoverage(model, D);
    const counted = measureCoverage(model, D, { named: false });
    expect(counted).toEqual(unnamed(named));
    // Not vacuous: data-example's lists do name people missing.
    expect(named.branches.some((b) => b.items.some((i) => i.checklist === "staff" && i.missing.length > 0))).toBe(true);
    expect(named.branches.some((b) => b.items.some((i) => i.checklist === "prospects_valuable" && i.missing.length > 0))).toBe(true);
  });

  it("gives the same shares as the named measure for any archive (generated branches)", () => {
    const STAFF_FIELDS = ["history", "hobbies", "family", "personality", "values", "schedule", "relationships", "notes"];
    const PROSPECT_FIELDS = ["home_address", "attitude", "products", "gender", "age", "qq", "family", "income_monthly", "occupation", "hobbies", "broker"];
    const filled = (fields: string[]) => fc.subarray(fields).map((chosen) => Object.fromEntries(chosen.map((f, i) => [f, i % 3 === 0 ? ["跑步"] : i % 3 === 1 ? "有" : "  "])));
    const staffArb = fc.record({ position: fc.constantFrom(...POSITIONS), key: fc.boolean(), gender: fc.constantFrom(null, "F" as const), left: fc.constantFrom(null, "2012-01-01"), archive: filled(STAFF_FIELDS) });
    const prospectArb = fc.record({ tier: fc.constantFrom("basic" as const, "valuable" as const), phone: fc.constantFrom(null, "13800000000"), archive: filled(PROSPECT_FIELDS) });
    const branchArb = fc.record({ staff: fc.array(staffArb, { maxLength: 6 }), prospects: fc.array(prospectArb, { maxLength: 6 }), city: fc.boolean() });
    fc.assert(
      fc.property(fc.array(branchArb, { minLength: 1, maxLength: 4 }), (branches) => {
        const model: Model = makeModel({
          branches: branches.map((b, n) => ({
            id: `b${n}`,
            level: b.city ? "city_branch" : "sub_branch",
            staff: b.staff.map((s, i) => ({ id: `s${n}-${i}`, ...s })),
            prospects: b.prospects.map((p, i) => makeProspect({ id: `p${n}-${i}`, ...p })),
          })),
        });
        expect(measureCoverage(model, D, { named: false })).toEqual(unnamed(measureCoverage(model, D)));
      }),
    );
  });
});
