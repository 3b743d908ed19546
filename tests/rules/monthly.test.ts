/** The monthly figures (rules/monthly.ts): periods, sums, counts and targets, value by value. */
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import type { Activity, ActivityKind, KpiMonth, Prospect } from "../../src/model/types.js";
import { addMonths, computeMonthlyFigures, computeMonthlyForAudience, figuresForAudience, forBankAudience, lastDay, monthsBetween, type FigureKey, type MonthlyFigures } from "../../src/rules/monthly.js";
import { monthlyBlocks, organisationAndDepartment, renderMonthly } from "../../src/report/monthly.js";
import { validateRepository } from "../../src/validate/index.js";
import { makeActivity, makeModel, makeProspect, yuan, type BranchInput } from "../builders.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";

function activity(date: string, kind: ActivityKind, withIds: string[] = []): Activity {
  return makeActivity(date, kind, withIds, "b1");
}

function prospect(input: Partial<Prospect> & { id: string }): Prospect {
  return makeProspect({ branch: "b1", ...input });
}

function kpi(month: string, figures: Record<string, number | string>): KpiMonth {
  return { month, figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === "string" ? yuan(v) : v])), notes: null, requests: [] };
}

function figuresOf(branch: Partial<BranchInput>, month: string, asOf: string, settings = {}): MonthlyFigures {
  const model = makeModel({ branches: [{ id: "b1", ...branch }], settings });
  return computeMonthlyFigures(model, "b1", month, asOf);
}

function row(f: MonthlyFigures, key: FigureKey, detail: string | null = null) {
  const found = f.rows.find((r) => r.key === key && r.detail === detail);
  if (!found) throw new Error(`no row ${key} ${detail}`);
  return [found.month, found.previous, found.yearToDate];
}

describe("month arithmetic", () => {
  it("steps over year ends and knows month lengths", () => {
    expect(addMonths("2012-01", -1)).toBe("2011-12");
    expect(addMonths("2011-12", 1)).toBe("2012-01");
    expect(addMonths("2012-03", -5)).toBe("2011-10");
    expect(lastDay("2012-02")).toBe("2012-02-29");
    expect(lastDay("2011-02")).toBe("2011-02-28");
    expect(monthsBetween("2011-11", "2012-02")).toEqual(["2011-11", "2011-12", "2012-01", "2012-02"]);
  });
});

describe("computeMonthlyFigures", () => {
  it("sets the periods: the month, the calendar month before, and the year to date", () => {
    const f = figuresOf({}, "2012-01", "2012-06-30");
    expect(f.previousMonth).toBe("2011-12");
    expect(f.nextMonth).toBe("2012-02");
    expect(f.periods).toEqual({
      month: { from: "2012-01-01", to: "2012-01-31" },
      previous: { from: "2011-12-01", to: "2011-12-31" },
      yearToDate: { from: "2012-01-01", to: "2012-01-31" },
    });
    expect(f.partial).toBe(false);
  });

  it("counts a running month only up to the as-of day", () => {
    const f = figuresOf(
      { sales: [{ date: "2012-03-10", amount: "10万" }, { date: "2012-03-25", amount: "20万" }], activities: [activity("2012-03-05", "visit"), activity("2012-03-21", "visit")] },
      "2012-03",
      "2012-03-20",
    );
    expect(f.cutoff).toBe("2012-03-20");
    expect(f.partial).toBe(true);
    expect(row(f, "sales_total")).toEqual([100_000, 0, 100_000]);
    expect(row(f, "activities", "visit")).toEqual([1, 0, 1]);
  });

  it("sums KPI flows over the year and counts the months missing from the sum", () => {
    const f = figuresOf(
      { kpiMonths: [kpi("2011-12", { new_accounts: 50 }), kpi("2012-01", { new_accounts: 9, assets_in: "150万" }), kpi("2012-03", { new_accounts: 17, assets_in: "410万" })] },
      "2012-03",
      "2012-04-10",
    );
    const accounts = f.rows.find((r) => r.key === "new_accounts")!;
    // December is last year's; February has no entry.
    expect([accounts.month, accounts.previous, accounts.yearToDate, accounts.yearToDateGaps]).toEqual([17, null, 26, 1]);
    expect(row(f, "assets_in")).toEqual([4_100_000, null, 5_600_000]);
    // effective_customers is shown only when recorded.
    expect(f.rows.some((r) => r.key === "effective_customers")).toBe(false);
  });

  it("adds sales per product with exact decimal sums, and their total", () => {
    const f = figuresOf(
      {
        sales: [
          { date: "2012-02-10", amount: "1.5万" },
          { date: "2012-03-01", amount: "0.1万", product: "长城1号" },
          { date: "2012-03-02", amount: "0.2万", product: "长城1号" },
          { date: "2011-12-30", amount: "99万", product: "长城3号" },
        ],
      },
      "2012-03",
      "2012-03-31",
    );
    expect(row(f, "sales", "长城1号")).toEqual([3000, 0, 3000]);
    expect(row(f, "sales", "长城2号")).toEqual([0, 15000, 15000]);
    // A product sold only last year is not listed.
    expect(f.rows.some((r) => r.detail === "长城3号")).toBe(false);
    expect(row(f, "sales_total")).toEqual([3000, 15000, 18000]);
  });

  it("counts a prospect as added in the month of their first dated record, and converted by its date", () => {
    const f = figuresOf(
      {
        prospects: [
          prospect({ id: "p-a", purchases: [{ date: "2012-02-10", product: "长城2号", amount: 1, important: false }] }),
          prospect({ id: "p-b", events: [{ date: "2012-03-17", kind: "large_movement", amount: 1, note: null }], converted: { date: "2012-03-20", account: null } }),
          prospect({ id: "p-c" }),
          prospect({ id: "p-d", nextFollowup: "2012-03-02" }),
          // First named in the log in January, bought in March: added in January.
          prospect({ id: "p-e", purchases: [{ date: "2012-03-01", product: "长城2号", amount: 1, important: false }] }),
          // Only a record after the cut-off: not added yet.
          prospect({ id: "p-f", events: [{ date: "2012-04-02", kind: "other", amount: null, note: null }] }),
        ],
        activities: [activity("2012-01-05", "call", ["p-e"])],
      },
      "2012-03",
      "2012-03-31",
    );
    expect(row(f, "prospects_added")).toEqual([1, 1, 3]);
    expect(row(f, "prospects_converted")).toEqual([1, 0, 1]);
    expect(f.undatedProspects).toBe(3);
    expect(f.prospectsOnFile).toEqual({ basic: 6, valuable: 0 });
  });

  it("counts activities by kind, events and trainings first, kinds never used left out", () => {
    const f = figuresOf(
      { activities: [activity("2012-03-01", "call"), activity("2012-03-02", "event"), activity("2012-02-01", "training"), activity("2012-03-09", "call"), activity("2011-12-01", "gift")] },
      "2012-03",
      "2012-03-31",
    );
    const kinds = f.rows.filter((r) => r.key === "activities").map((r) => r.detail);
    expect(kinds).toEqual(["event", "training", "call"]);
    expect(row(f, "activities", "call")).toEqual([2, 0, 2]);
    expect(row(f, "activities_total")).toEqual([3, 1, 4]);
  });

  it("counts the bank staff converted and the bonus they earn at the cut-off", () => {
    const f = figuresOf(
      {
        staff: [
          { id: "s1", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-03-02 10:00", account: "8800" } },
          { id: "s2", position: "teller", conversion: { kind: "asset", amount: "5万", at: "2012-03-03 10:00" } },
          { id: "s3", hqRegistered: "2012-02-01", conversion: { kind: "fund", amount: "3万", at: "2012-02-20 10:00" } },
          { id: "s4", hqRegistered: "2012-02-01", conversion: { kind: "fund", amount: "3万", at: "2012-04-01 10:00" } },
        ],
      },
      "2012-03",
      "2012-03-31",
    );
    expect(row(f, "staff_conversions")).toEqual([2, 1, 3]);
    expect(row(f, "bonus_awarded")).toEqual([1, 1, 2]);
    expect(f.conversions!.map((c) => [c.staff, c.status, c.reason, c.amount, c.account])).toEqual([
      ["s1", "awarded", null, 50_000, "8800"],
      ["s2", "rejected", "position_not_eligible", 50_000, null],
    ]);
  });

  it("counts a conversion at its conversion.branch, and marks who moved on or left by the cut-off", () => {
    const model = makeModel({
      branches: [
        {
          id: "b1",
          name: "福田支行",
          staff: [
            { id: "gone", name: "周雪", hqRegistered: "2012-02-01", left: "2012-03-10", leftNote: "离职", conversion: { kind: "asset", amount: "5万", at: "2012-03-02 10:00" } },
            { id: "later", name: "李强", hqRegistered: "2012-02-01", left: "2012-04-10", leftNote: "离职", conversion: { kind: "asset", amount: "5万", at: "2012-03-03 10:00" } },
          ],
        },
        { id: "b2", name: "南山支行", staff: [{ id: "head", name: "郑华", position: "branch_head", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-03-04 10:00", branch: "b1" } }] },
      ],
    });
    const f = computeMonthlyFigures(model, "b1", "2012-03", "2012-03-31");
    expect(f.conversions!.map((c) => [c.staff, c.left, c.leftNote, c.movedTo?.id ?? null])).toEqual([
      ["gone", "2012-03-10", "离职", null],
      ["later", null, null, null],
      ["head", null, null, "b2"],
    ]);
    expect(row(f, "staff_conversions")).toEqual([3, 0, 3]);
    expect(computeMonthlyFigures(model, "b2", "2012-03", "2012-03-31").conversions).toEqual([]);
  });

  it("leaves the bonus column empty without a bonus policy", () => {
    const f = figuresOf({ staff: [{ id: "s1", conversion: { kind: "asset", amount: "5万", at: "2012-03-02 10:00" } }] }, "2012-03", "2012-03-31", { bonus: null });
    expect(row(f, "staff_conversions")).toEqual([1, 0, 1]);
    expect(row(f, "bonus_awarded")).toEqual([null, null, null]);
    expect(f.conversions![0]!.status).toBeNull();
  });

  it("compares KPIs with the targets of the month and the year", () => {
    const f = figuresOf(
      {
        kpiMonths: [kpi("2012-01", { deposits: "41.2亿", new_accounts: 10, ranking: 4 }), kpi("2012-02", { deposits: "41.8亿", ranking: 3 }), kpi("2012-03", { deposits: "42亿", new_accounts: 20, ranking: 2 })],
        kpiTargets: [
          { metric: "deposits", period: "2012", target: yuan("45亿") },
          { metric: "new_accounts", period: "2012", target: 100 },
          { metric: "new_accounts", period: "2012-03", target: 20 },
          { metric: "ranking", period: "2012", target: 2 },
          { metric: "sales", period: "2012", target: yuan("100万") },
          { metric: "deposits", period: "2011", target: yuan("1亿") },
        ],
        sales: [{ date: "2012-01-10", amount: "30万" }, { date: "2012-03-10", amount: "20万" }],
      },
      "2012-03",
      "2012-03-31",
    );
    const rows = f.kpis.map((k) => [k.metric, k.target?.period ?? null, k.month, k.actual, k.completion === null ? null : Math.round(k.completion * 1000) / 1000, k.met, k.gaps]);
    expect(rows).toEqual([
      ["deposits", "2012", 4_200_000_000, 4_200_000_000, 0.933, false, 0],
      ["ranking", "2012", 2, 2, null, true, 0],
      // The monthly target compares the month; the yearly one the year to date (February missing).
      ["new_accounts", "2012-03", 20, 20, 1, true, 0],
      ["new_accounts", "2012", 20, 30, 0.3, false, 1],
      ["sales", "2012", 200_000, 500_000, 0.5, false, 0],
    ]);
    expect(f.kpis.find((k) => k.metric === "ranking")!.lowerIsBetter).toBe(true);
  });

  it("lists maturities and planned follow-ups of the next month, by date", () => {
    const f = figuresOf(
      {
        prospects: [
          prospect({ id: "p-a", name: "陈先生", phone: "13900001111", nextFollowup: "2012-04-10", archive: { work_address: "福田区", notes: "喜欢喝茶" } }),
          prospect({
            id: "p-b",
            tier: "valuable",
            holdings: [
              { product: "定期存款", amount: 500_000, matures: "2012-04-10" },
              { product: "国债", amount: null, matures: "2012-05-01" },
              { product: "理财", amount: null, matures: "2012-04-02" },
            ],
          }),
          prospect({ id: "p-c", nextFollowup: "2012-03-30" }),
        ],
      },
      "2012-03",
      "2012-03-31",
    );
    expect(f.planned.map((p) => [p.date, p.kind, p.prospect, p.product])).toEqual([
      ["2012-04-02", "maturity", "p-b", "理财"],
      ["2012-04-10", "maturity", "p-b", "定期存款"],
      ["2012-04-10", "followup", "p-a", null],
    ]);
    expect(f.planned[2]).toMatchObject({ name: "陈先生", phone: "13900001111", address: "福田区", notes: "喜欢喝茶" });
  });

  it("gives six months for the chart, ending with the month", () => {
    const f = figuresOf({ kpiMonths: [kpi("2012-03", { new_accounts: 17, assets_in: "410万" })], sales: [{ date: "2011-11-11", amount: "1万" }], activities: [activity("2012-03-01", "call")] }, "2012-03", "2012-03-31");
    expect(f.chart.map((m) => m.month)).toEqual(["2011-10", "2011-11", "2011-12", "2012-01", "2012-02", "2012-03"]);
    expect(f.chart[1]).toEqual({ month: "2011-11", newAccounts: null, assetsIn: null, sales: 10_000, activities: 0, internalActivities: 0 });
    expect(f.chart[5]).toEqual({ month: "2012-03", newAccounts: 17, assetsIn: 4_100_000, sales: 0, activities: 1, internalActivities: 0 });
  });

  it("leaves the chart's months before the branch's first record as not entered, not 0 (issue 19)", () => {
    const f = figuresOf({ kpiMonths: [kpi("2012-02", { new_accounts: 14 })], activities: [activity("2012-03-01", "call")] }, "2012-04", "2012-04-30");
    expect(f.chart.map((m) => [m.month, m.sales, m.activities])).toEqual([
      ["2011-11", null, null],
      ["2011-12", null, null],
      ["2012-01", null, null],
      ["2012-02", 0, 0],
      ["2012-03", 0, 1],
      ["2012-04", 0, 0],
    ]);
    const none = figuresOf({}, "2012-04", "2012-04-30");
    expect(none.chart).toHaveLength(6);
    expect(none.chart.every((m) => m.sales === null && m.activities === null)).toBe(true);
  });

  it("throws on an unknown branch (the CLI says so in words first)", () => {
    expect(() => computeMonthlyFigures(makeModel({ branches: [{ id: "b1" }] }), "nope", "2012-03", "2012-03-31")).toThrow(/unknown branch/);
  });
});

describe("computeMonthlyFigures on data-example", () => {
  const repo = loadRepository(DATA_EXAMPLE);
  const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);
  const f = computeMonthlyFigures(model, "cmb-futian-center", "2012-03", "2012-04-15");

  it("has 福田中心支行's March figures", () => {
    expect(row(f, "new_accounts")).toEqual([17, 14, 40]);
    expect(row(f, "assets_in")).toEqual([4_100_000, 3_200_000, 8_800_000]);
    expect(row(f, "sales", "长城2号")).toEqual([300_000, 1_500_000, 2_600_000]);
    expect(row(f, "sales", "长城1号")).toEqual([500_000, 0, 500_000]);
    expect(row(f, "sales_total")).toEqual([800_000, 1_500_000, 3_100_000]);
    // By found (issue 25): 吴阿姨 (03-03, the community campaign) in March, 何小姐 (imported 02-02) in February,
    // 陈先生 in December 2011; by their first record: 周先生 (event 03-17), 刘女士 (02-10), 徐总 (January).
    expect(row(f, "prospects_added")).toEqual([2, 2, 5]);
    expect(f.addedWithoutFound).toBe(3);
    expect(row(f, "prospects_converted")).toEqual([1, 0, 1]);
    expect(row(f, "activities_total")).toEqual([7, 4, 14]);
    expect(row(f, "activities", "event")).toEqual([0, 1, 1]);
    // 黄伟, 周雪, 李强, 王芳 converted in February; 黄伟 and 李强 are awarded.
    expect(row(f, "staff_conversions")).toEqual([0, 4, 4]);
    expect(row(f, "bonus_awarded")).toEqual([0, 2, 2]);
    expect(f.undatedProspects).toBe(0);
  });

  it("has its KPIs against the 2012 targets and April's maturity", () => {
    expect(f.kpis.map((k) => [k.metric, k.month, k.previous, k.target?.value ?? null])).toEqual([
      ["deposits", 4_200_000_000, 4_180_000_000, 4_500_000_000],
      ["vip_customers", 2110, 2095, 2300],
      ["ranking", 1, 2, null],
    ]);
    expect(f.planned.map((p) => [p.date, p.kind, p.name, p.product, p.amount])).toEqual([["2012-04-20", "maturity", "刘女士", "招行理财产品", 1_000_000]]);
  });
});

describe("forBankAudience", () => {
  // March: a visit, a meal and two gifts; February: a gift; one staff conversion in March; a prospect with notes.
  const full = figuresOf(
    {
      activities: [activity("2012-02-10", "gift"), activity("2012-03-01", "visit"), activity("2012-03-02", "meal"), activity("2012-03-03", "gift"), activity("2012-03-04", "gift")],
      staff: [{ id: "s1", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-03-05 10:00" } }],
      prospects: [prospect({ id: "p1", nextFollowup: "2012-04-02", archive: { notes: "送过礼品" } })],
    },
    "2012-03",
    "2012-03-31",
  );
  const bank = forBankAudience(full);

  it("computes everything first: the full figures are the internal version", () => {
    expect(full.audience).toBe("internal");
    expect(row(full, "activities", "meal")).toEqual([1, 0, 1]);
    expect(row(full, "activities", "gift")).toEqual([2, 1, 3]);
    expect(row(full, "activities_total")).toEqual([4, 1, 5]);
    expect(row(full, "staff_conversions")).toEqual([1, 0, 1]);
    expect(full.conversions!.map((c) => [c.staff, c.status, c.bonus])).toEqual([["s1", "awarded", 1000]]);
    expect(full.chart.at(-1)).toMatchObject({ activities: 4, internalActivities: 3 });
    expect(figuresForAudience(full, "internal")).toBe(full);
  });

  it("leaves out the conversion rows, section 四, meals and gifts, and counts the rest", () => {
    expect(bank.audience).toBe("bank");
    expect(bank.rows.map((r) => [r.key, r.detail])).toEqual([
      ["new_accounts", null],
      ["assets_in", null],
      ["sales_total", null],
      ["prospects_added", null],
      ["prospects_converted", null],
      ["activities", "visit"],
      ["activities_total", null],
    ]);
    expect(row(bank, "activities_total")).toEqual([1, 0, 1]);
    expect(bank.conversions).toBeNull();
    expect(bank.chart.at(-1)).toMatchObject({ activities: 1, internalActivities: null });
    expect(bank.chart.at(-2)).toMatchObject({ activities: 0, internalActivities: null });
    expect(bank.planned.map((p) => [p.prospect, p.notes])).toEqual([["p1", null]]);
    expect(figuresForAudience(full, "bank")).toEqual(bank);
  });

  it("keeps what is not internal as it is, changes nothing twice, and leaves its input alone", () => {
    expect({ ...bank, audience: full.audience, rows: full.rows, conversions: full.conversions, planned: full.planned, chart: full.chart, spending: full.spending }).toEqual(full);
    expect(forBankAudience(bank)).toEqual(bank);
    expect(full.conversions).toHaveLength(1);
    expect(full.rows.some((r) => r.detail === "meal")).toBe(true);
  });

  it("keeps the chart's months before the branch's records as not entered", () => {
    expect(bank.chart.slice(0, 4).map((m) => m.activities)).toEqual([null, null, null, null]);
  });
});

describe("issue 25: found, requests, complaints, spending", () => {
  const withCost = (date: string, kind: ActivityKind, cost: number | null, withIds: string[] = []): Activity => ({ ...activity(date, kind, withIds), cost });

  it("counts 新增潜在客户 by found, else by the first dated record, and counts those without found", () => {
    const f = figuresOf(
      {
        prospects: [
          // Imported on 02-02, first contacted in March: added in February.
          prospect({ id: "li", found: "2012-02-02" }),
          // Found at the 03-03 community campaign, no other record: added in March.
          prospect({ id: "wang", found: "2012-03-03" }),
          // No found: its first dated record (a purchase) counts.
          prospect({ id: "old", purchases: [{ date: "2012-03-10", product: "长城2号", amount: null, important: false }] }),
          // Found after the cut-off: not on file yet, neither added nor undated.
          prospect({ id: "later", found: "2012-04-02" }),
          prospect({ id: "undated" }),
        ],
        activities: [activity("2012-03-05", "call", ["li"])],
      },
      "2012-03",
      "2012-03-31",
    );
    expect(row(f, "prospects_added")).toEqual([2, 1, 3]);
    expect(f.addedWithoutFound).toBe(1);
    expect(f.undatedProspects).toBe(1);
  });

  it("takes M's requests as written, and complaints in M as a count with their notes, never names", () => {
    const f = figuresOf(
      {
        kpiMonths: [{ ...kpi("2012-03", {}), requests: ["希望协调大堂位置摆放宣传资料", "三月理财讲座场地"] }, { ...kpi("2012-02", {}), requests: ["二月的事"] }],
        prospects: [
          prospect({ id: "p1", name: "李阿姨", events: [{ date: "2012-03-19", kind: "complaint", amount: null, note: "排队一个多小时" }, { date: "2012-02-10", kind: "complaint", amount: null, note: "二月的投诉" }] }),
          prospect({ id: "p2", name: "王大爷", events: [{ date: "2012-03-02", kind: "complaint", amount: null, note: null }, { date: "2012-03-05", kind: "large_movement", amount: 600000, note: "转出" }] }),
        ],
      },
      "2012-03",
      "2012-03-31",
    );
    expect(f.requests).toEqual(["希望协调大堂位置摆放宣传资料", "三月理财讲座场地"]);
    expect(f.complaints).toEqual({ count: 2, topics: ["排队一个多小时"] });
    const bank = forBankAudience(f);
    expect(bank.requests).toEqual(f.requests);
    expect(bank.complaints).toEqual(f.complaints);
    const md = renderMonthly({ figures: bank, redacted: true, lang: "zh" }, "md");
    expect(md).toContain("本月支行客户投诉 2 起：排队一个多小时。");
    expect(md).toContain("五、需协调解决的问题");
    expect(md).toContain("1、希望协调大堂位置摆放宣传资料");
    expect(md).toContain("2、三月理财讲座场地");
    expect(md).not.toContain("李");
    expect(md).not.toContain("王大爷");
  });

  it("sums the month's spending by kind for the department only; the bank's version has none", () => {
    const f = figuresOf(
      { activities: [withCost("2012-03-02", "meal", 380), withCost("2012-03-09", "meal", 260), withCost("2012-03-08", "gift", 1500), withCost("2012-03-20", "event", 2000), withCost("2012-03-21", "visit", null), withCost("2012-02-20", "meal", 999)] },
      "2012-03",
      "2012-03-31",
    );
    expect(f.spending).toEqual([
      { kind: "event", count: 1, yuan: 2000 },
      { kind: "meal", count: 2, yuan: 640 },
      { kind: "gift", count: 1, yuan: 1500 },
    ]);
    const internal = renderMonthly({ figures: f, redacted: true, lang: "zh" }, "md");
    expect(internal).toContain("| 费用合计 | 4 | 4140元 |");
    const bank = forBankAudience(f);
    expect(bank.spending).toBeNull();
    const bankText = renderMonthly({ figures: bank, redacted: true, lang: "zh" }, "md") + JSON.stringify(renderMonthly({ figures: bank, redacted: true, lang: "zh" }, "json"));
    expect(bankText).not.toContain("费用");
    expect(bankText).not.toContain("2000");
  });

  it("a meal or gift changes no figure of the bank's version, even one naming a prospect", () => {
    const base: Partial<BranchInput> = {
      prospects: [prospect({ id: "p1", purchases: [{ date: "2012-03-10", product: "长城2号", amount: null, important: false }] })],
      activities: [activity("2012-03-05", "visit")],
    };
    const model = (extra: Activity[]) => makeModel({ branches: [{ id: "b1", ...base, activities: [...base.activities!, ...extra] }] });
    const before = computeMonthlyForAudience(model([]), "b1", "2012-03", "2012-03-31", "bank");
    // A gift to the prospect in February (before their first other record) and a meal with a cost in January (before the branch's records begin).
    const after = computeMonthlyForAudience(model([withCost("2012-02-20", "gift", 500, ["p1"]), withCost("2012-01-05", "meal", 300)]), "b1", "2012-03", "2012-03-31", "bank");
    expect(after).toEqual(before);
    // The internal version does count them.
    const internal = computeMonthlyForAudience(model([withCost("2012-02-20", "gift", 500, ["p1"])]), "b1", "2012-03", "2012-03-31", "internal");
    expect(row(internal, "prospects_added")).toEqual([0, 1, 1]);
  });

  it("does not repeat the organisation when the department's name starts with it", () => {
    expect(organisationAndDepartment("长城证券", "长城证券长沙五一大道营业部", "zh")).toBe("长城证券长沙五一大道营业部");
    expect(organisationAndDepartment("长城证券", "深圳福田营业部", "zh")).toBe("长城证券 深圳福田营业部");
    expect(organisationAndDepartment("", "深圳福田营业部", "zh")).toBe("深圳福田营业部");
    const f = { ...figuresOf({}, "2012-03", "2012-03-31"), organisation: "长城证券" };
    const subtitle = monthlyBlocks({ figures: { ...f, branch: { ...f.branch, departmentName: "长城证券长沙五一大道营业部" } }, redacted: true, lang: "zh" }).find((b) => b.kind === "subtitle");
    expect(subtitle && "text" in subtitle ? subtitle.text : "").toMatch(/^长城证券长沙五一大道营业部 · /);
  });

  it("keeps （内部使用） on one line in HTML", () => {
    const f = figuresOf({}, "2012-03", "2012-03-31");
    const html = renderMonthly({ figures: f, redacted: true, lang: "zh" }, "html");
    expect(html).toMatch(/<h1>[^<]*渠道工作统计表<span class="nowrap">（内部使用）<\/span><\/h1>/);
    expect(html).toContain("span.nowrap { white-space: nowrap; }");
    const en = renderMonthly({ figures: f, redacted: true, lang: "en" }, "html");
    expect(en).toMatch(/ <span class="nowrap">\(Internal use\)<\/span><\/h1>/);
    expect(renderMonthly({ figures: forBankAudience(f), redacted: true, lang: "zh" }, "html")).not.toContain('<span class="nowrap">');
  });
});
