/** Head office's summary (rules/summary.ts): per department and totals, from the same rules as the dedicated commands. */
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import type { Prospect } from "../../src/model/types.js";
import { computeSummary } from "../../src/rules/summary.js";
import { validateRepository } from "../../src/validate/index.js";
import { makeActivity, makeDepartment, makeModel, makeProspect } from "../builders.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";

const repo = loadRepository(DATA_EXAMPLE);
const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);

function pick(row: object, keys: string[]): unknown[] {
  return keys.map((k) => (row as Record<string, unknown>)[k]);
}

describe("computeSummary on data-example", () => {
  it("gives each department's figures at 2012-03-31 (bonus and expenses as in data-example/README.md)", () => {
    const result = computeSummary(model, "2012-03-31");
    expect(result.departments.map((d) => d.department)).toEqual(["sz-futian", "sz-luohu", "sz-nanshan"]);
    const keys = ["branches", "staff", "staffConversions", "sales", "bonusAwarded", "bonusAmount", "expenseSupport"];
    expect(result.departments.map((d) => pick(d, keys))).toEqual([
      // With the 分行 folder cmb-shenzhen and its 2 staff.
      [4, 27, 10, 4_800_000, 5, 5000, 15000],
      [2, 18, 3, 6_200_000, 3, 3000, 0],
      // 395万 counted + 40万 sold at 蛇口 before it was reported.
      [3, 25, 7, 4_350_000, 4, 4000, 11850],
    ]);
    expect(pick(result.totals, keys)).toEqual([9, 70, 20, 15_350_000, 12, 12000, 26850]);
    expect(result.campaign).toEqual({ product: "长城2号", from: "2012-02-01", to: "2012-03-31" });
  });

  it("counts prospects by tier and those converted by D", () => {
    const result = computeSummary(model, "2012-03-31");
    const totals = result.totals;
    expect(totals.prospectsBasic + totals.prospectsValuable).toBe(38);
    // 陈先生 03-16, 林先生 03-08, 邱 02-06.
    expect(totals.prospectsConverted).toBe(3);
    expect(computeSummary(model, "2012-03-01").totals.prospectsConverted).toBe(1);
  });

  // 25 since the morning list has complaints (福田: 冯先生's of 03-19) and valuable prospects'
  // contact cadence (罗湖: 邱先生 and 傅先生 overdue); 27 since only done closes an item and
  // nothing drops off (福田: 黄先生's movement of 02-10, escalated, and 徐总's care call).
  it("counts the follow-ups overdue at D per department (data-example/README.md at 03-20: 27 overdue)", () => {
    const result = computeSummary(model, "2012-03-20");
    expect(result.departments.map((d) => d.overdueFollowups)).toEqual([13, 7, 7]);
    expect(result.totals.overdueFollowups).toBe(27);
  });

  it("counts the escalated follow-ups per department and per owner, with the channel lead they are offered to (issue 23)", () => {
    const result = computeSummary(model, "2012-03-20");
    expect(result.departments.map((d) => d.escalatedFollowups)).toEqual([1, 0, 0]);
    expect(result.totals.escalatedFollowups).toBe(1);
    expect(result.escalatedByOwner).toEqual([{ department: result.departments[0]!.department, owner: "孙磊", channelLead: "钱进", escalated: 1 }]);
  });

  it("takes the total coverage over all branches, not over departments", () => {
    const result = computeSummary(model, "2012-03-31");
    const shares = result.departments.map((d) => [d.coverage!, d.branches] as const);
    const weighted = shares.reduce((a, [share, n]) => a + share * n, 0) / 9;
    expect(result.totals.coverage).toBeCloseTo(weighted, 12);
    expect(result.totals.keyStaff).toBe(18);
  });
});

describe("computeSummary over the years", () => {
  it("counts only the staff present at D, and conversions at their conversion.branch", () => {
    // 周雪 left 2012-05-10 and 魏东 2012-06-15; 郑华 moved to 后海 in the same department.
    expect(computeSummary(model, "2012-03-31").totals.staff).toBe(70);
    expect(computeSummary(model, "2012-05-10").totals.staff).toBe(69);
    expect(computeSummary(model, "2012-06-15").totals.staff).toBe(68);
    expect(computeSummary(model, "2012-06-15").totals.staffConversions).toBe(21);
  });

  it("counts a conversion for the department of its conversion.branch", () => {
    const moved = makeModel({
      branches: [
        { id: "old", department: "dept-a" },
        { id: "new", department: "dept-b", staff: [{ id: "head", position: "branch_head", conversion: { kind: "asset", amount: "5万", at: "2012-02-20 10:00", branch: "old" } }] },
      ],
    });
    expect(computeSummary(moved, "2012-03-31").departments.map((d) => [d.department, d.staff, d.staffConversions])).toEqual([
      ["dept-a", 0, 1],
      ["dept-b", 1, 0],
    ]);
  });
});

describe("computeSummary without policies", () => {
  it("issue 25: sets each department's spending within the campaign window against its support", () => {
    const result = computeSummary(model, "2012-03-31");
    // 福田: 260 (meal 02-14) + 1800 (event 02-25) + 680 (meal 03-14); January's 2500 gift is before the campaign.
    expect(result.departments.map((d) => [d.department, d.spending, d.supportLeft])).toEqual([
      ["sz-futian", 2740, 12260],
      ["sz-luohu", 450, -450],
      ["sz-nanshan", 0, 11850],
    ]);
    expect([result.totals.spending, result.totals.supportLeft]).toEqual([3190, 23660]);
    // On 02-20 only what was spent by then counts.
    expect(computeSummary(model, "2012-02-20").departments[0]!.spending).toBe(260);
  });

  it("leaves campaign sales, bonus and support empty, and keeps the rest", () => {
    const prospect: Prospect = makeProspect({ id: "p1", name: "陈先生", tier: "valuable", branch: "b1", converted: { date: "2012-03-01", account: null } });
    const bare = makeModel({
      settings: { bonus: null, expenseSupport: null },
      departments: [makeDepartment({ id: "d1" }), makeDepartment({ id: "d2" })],
      branches: [{ id: "b1", department: "d1", staff: [{ id: "s1", key: true }], prospects: [prospect] }, { id: "b9", department: "d-unlisted", activities: [{ ...makeActivity("2011-05-01", "meal", [], "b9"), cost: 300 }, { ...makeActivity("2012-04-01", "gift", [], "b9"), cost: 99 }] }],
    });
    const result = computeSummary(bare, "2012-03-31");
    expect(result.campaign).toBeNull();
    expect(result.departments.map((d) => d.department)).toEqual(["d-unlisted", "d1", "d2"]);
    const d1 = result.departments.find((d) => d.department === "d1")!;
    expect(pick(d1, ["branches", "staff", "keyStaff", "prospectsValuable", "prospectsConverted", "sales", "bonusAwarded", "bonusAmount", "expenseSupport"])).toEqual([1, 1, 1, 1, 1, null, null, null, null]);
    expect(result.departments.find((d) => d.department === "d2")).toMatchObject({ branches: 0, coverage: null });
    // Without an expense_support policy every cost up to D counts, and there is nothing to set it against.
    expect([d1.spending, d1.supportLeft]).toEqual([0, null]);
    expect(result.departments.find((d) => d.department === "d-unlisted")!.spending).toBe(300);
  });
});
