import { describe, expect, it } from "vitest";
import { computeExpenseSupport, multiplyRoundHalfUp, sumExact, type ExpenseDepartmentLine, type ExpenseResult } from "../../src/rules/expenses.js";
import type { ExpensePolicy } from "../../src/model/types.js";
import { makeDepartment, makeExpensePolicy, makeModel, type BranchInput, type SaleInput } from "../builders.js";

const D = "2012-03-31";

function selfDriven(sales: SaleInput[], policy: ExpensePolicy = makeExpensePolicy(), asOf = D): ExpenseDepartmentLine {
  return line(computeExpenseSupport(makeModel({ branches: [{ id: "b1", department: "dept-a", sales }] }), policy, asOf), "dept-a");
}

function amCovered(branches: BranchInput[], policy: ExpensePolicy = makeExpensePolicy(), asOf = D): ExpenseDepartmentLine {
  const model = makeModel({ departments: [makeDepartment({ id: "dept-a", amCovered: true })], branches: branches.map((b) => ({ ...b, department: "dept-a" })) });
  return line(computeExpenseSupport(model, policy, asOf), "dept-a");
}

function line(result: ExpenseResult, id: string): ExpenseDepartmentLine {
  const found = result.departments.find((d) => d.department === id);
  if (!found) throw new Error(`no line for ${id}`);
  return found;
}

const sale = (date: string, amount: string | number, product = "长城2号"): SaleInput => ({ date, amount, product });

function outcome(l: ExpenseDepartmentLine): [number, number | null, number, string | null] {
  return [l.sales, l.tier, l.support, l.reason];
}

describe("self_driven", () => {
  it("counts all sales of the product in the window and pays the last tier reached", () => {
    const l = selfDriven([sale("2012-02-10", "30万"), sale("2012-02-24", "120万"), sale("2012-03-16", "300万")]);
    expect(l.scheme).toBe("self_driven");
    expect(outcome(l)).toEqual([4_500_000, 3, 15000, null]);
    expect(l.excludedSales).toBe(0);
  });

  it("sales exactly at a tier's min reach that tier; a yuan less does not", () => {
    expect(outcome(selfDriven([sale("2012-02-06", "300万")]))).toEqual([3_000_000, 2, 10000, null]);
    expect(outcome(selfDriven([sale("2012-02-06", 2_999_999)]))).toEqual([2_999_999, 1, 5000, null]);
    expect(outcome(selfDriven([sale("2012-02-06", "100万")]))).toEqual([1_000_000, 1, 5000, null]);
  });

  it("below_first_tier: under the lowest min, and with no sales at all", () => {
    expect(outcome(selfDriven([sale("2012-02-10", 999_999)]))).toEqual([999_999, null, 0, "below_first_tier"]);
    expect(outcome(selfDriven([]))).toEqual([0, null, 0, "below_first_tier"]);
  });

  it("above_ceiling: sales exactly at the ceiling get nothing; a yuan less gets the top tier", () => {
    expect(outcome(selfDriven([sale("2012-02-10", "600万")]))).toEqual([6_000_000, null, 0, "above_ceiling"]);
    expect(outcome(selfDriven([sale("2012-02-10", 5_999_999)]))).toEqual([5_999_999, 3, 15000, null]);
    expect(outcome(selfDriven([sale("2012-02-10", "620万")]))).toEqual([6_200_000, null, 0, "above_ceiling"]);
  });

  it("counts only the policy product within [start, min(end, D)], both ends included", () => {
    const sales = [
      sale("2012-01-31", "100万"),
      sale("2012-02-01", "100万"),
      sale("2012-02-15", "100万", "长城1号"),
      sale("2012-03-20", "100万"),
      sale("2012-03-21", "100万"),
      sale("2012-03-31", "100万"),
      sale("2012-04-01", "100万"),
    ];
    expect(selfDriven(sales, makeExpensePolicy(), "2012-03-20").sales).toBe(2_000_000);
    expect(selfDriven(sales, makeExpensePolicy(), "2012-04-30").sales).toBe(4_000_000);
    expect(selfDriven(sales, makeExpensePolicy(), "2012-01-31").sales).toBe(0);
  });

  it("sums a department's branches", () => {
    const model = makeModel({
      branches: [
        { id: "b1", department: "dept-a", sales: [sale("2012-02-10", "150万")] },
        { id: "b2", department: "dept-a", sales: [sale("2012-02-11", "160万")] },
        { id: "b3", department: "dept-b", sales: [sale("2012-02-12", "500万")] },
      ],
    });
    const result = computeExpenseSupport(model, makeExpensePolicy(), D);
    expect(outcome(line(result, "dept-a"))).toEqual([3_100_000, 2, 10000, null]);
    expect(line(result, "dept-a").branches.map((b) => [b.branch, b.sales])).toEqual([
      ["b1", 1_500_000],
      ["b2", 1_600_000],
    ]);
  });
});

describe("am_covered", () => {
  it("counts sales from the day the branch was reported (that day included); the rest is excluded_sales", () => {
    const l = amCovered([
      { id: "kejiyuan", hqReported: "2012-01-20", sales: [sale("2012-02-08", "100万"), sale("2012-03-15", "80万")] },
      { id: "shekou", hqReported: "2012-03-05", sales: [sale("2012-02-16", "40万"), sale("2012-03-04", "10万"), sale("2012-03-05", "50万"), sale("2012-03-21", "30万")] },
    ]);
    expect(l.scheme).toBe("am_covered");
    expect(l.sales).toBe(2_600_000);
    expect(l.excludedSales).toBe(500_000);
    expect(l.tier).toBe(2);
    expect(l.support).toBe(7800);
  });

  it("a branch never reported has all its sales excluded", () => {
    const l = amCovered([{ id: "b1", hqReported: null, sales: [sale("2012-02-08", "100万")] }]);
    expect([l.sales, l.excludedSales, l.reason]).toEqual([0, 1_000_000, "below_first_tier"]);
  });

  it("excluded_sales holds only policy-product sales inside the window", () => {
    const l = amCovered([
      { id: "b1", hqReported: "2012-03-05", sales: [sale("2012-01-20", "60万"), sale("2012-02-10", "30万", "长城1号"), sale("2012-02-16", "40万"), sale("2012-04-02", "70万")] },
    ]);
    expect(l.excludedSales).toBe(400_000);
  });

  it("ignores the self_driven ceiling", () => {
    const l = amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", "700万")] }]);
    expect([l.tier, l.support, l.reason]).toEqual([2, 20000, null]);
  });

  it("a rate tier rounds half a yuan up", () => {
    // 1,250,250 × 0.002 = 2500.5
    expect(amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", 1_250_250)] }]).support).toBe(2501);
    // 1,250,249 × 0.002 = 2500.498
    expect(amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", 1_250_249)] }]).support).toBe(2500);
    // 395万 × 0.003: floating point gives 11850.000000000002
    expect(amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", "395万")] }]).support).toBe(11850);
  });

  it("a rate tier stops at its cap: at the cap exactly, and above it", () => {
    // 6,666,667 × 0.003 = 20000.001 → 20000, which is the cap itself.
    const atCap = amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", 6_666_667)] }]);
    expect([atCap.support, atCap.capped]).toEqual([20000, false]);
    const above = amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", "800万")] }]);
    expect([above.tier, above.support, above.capped]).toEqual([2, 20000, true]);
    const below = amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", "600万")] }]);
    expect([below.support, below.capped]).toEqual([18000, false]);
  });
});

describe("policies", () => {
  it("tiers written in any order are sorted by min; tier is the index in that order", () => {
    const sorted = makeExpensePolicy();
    const unsorted = makeExpensePolicy({
      selfDriven: { ceiling: "600万", tiers: [{ min: "450万", amount: 15000 }, { min: "100万", amount: 5000 }, { min: "300万", amount: 10000 }] },
      amCovered: { tiers: [{ min: "200万", rate: 0.003, cap: 20000 }, { min: "50万", rate: 0.002 }] },
    });
    for (const amount of ["50万", "100万", "299万", "300万", "460万"]) {
      expect(outcome(selfDriven([sale("2012-02-10", amount)], unsorted))).toEqual(outcome(selfDriven([sale("2012-02-10", amount)], sorted)));
    }
    expect(outcome(selfDriven([sale("2012-02-10", "310万")], unsorted))).toEqual([3_100_000, 2, 10000, null]);
    const am = amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", "60万")] }], unsorted);
    expect([am.tier, am.support]).toEqual([1, 1200]);
  });

  it("a fixed-amount tier under am_covered and a rate tier under self_driven work the same way", () => {
    const policy = makeExpensePolicy({ selfDriven: { ceiling: "1亿", tiers: [{ min: 0, rate: 0.001, cap: 3000 }] }, amCovered: { tiers: [{ min: "10万", amount: 800 }] } });
    expect(outcome(selfDriven([sale("2012-02-10", "150万")], policy))).toEqual([1_500_000, 1, 1500, null]);
    expect(outcome(amCovered([{ id: "b1", hqReported: "2012-01-01", sales: [sale("2012-02-08", "10万")] }], policy))).toEqual([100_000, 1, 800, null]);
  });

  it("scheme_missing: a department whose scheme the policy leaves out gets 0, the others are still computed", () => {
    const policy = makeExpensePolicy({ amCovered: null });
    const model = makeModel({
      departments: [makeDepartment({ id: "am", amCovered: true }), makeDepartment({ id: "self" })],
      branches: [
        { id: "b1", department: "am", hqReported: "2012-01-01", sales: [sale("2012-02-10", "300万")] },
        { id: "b2", department: "self", sales: [sale("2012-02-10", "300万")] },
      ],
    });
    const result = computeExpenseSupport(model, policy, D);
    expect(outcome(line(result, "am"))).toEqual([3_000_000, null, 0, "scheme_missing"]);
    expect(outcome(line(result, "self"))).toEqual([3_000_000, 2, 10000, null]);
    expect(result.totalSupport).toBe(10000);
  });
});

describe("the whole result", () => {
  it("lists every department by id, with or without branches and sales, and totals the support", () => {
    const model = makeModel({
      departments: [makeDepartment({ id: "sz-nanshan", amCovered: true }), makeDepartment({ id: "sz-futian" }), makeDepartment({ id: "sz-luohu" }), makeDepartment({ id: "sz-empty" })],
      branches: [
        { id: "b-f", department: "sz-futian", sales: [sale("2012-02-10", "480万")] },
        { id: "b-l", department: "sz-luohu", sales: [sale("2012-02-10", "620万")] },
        { id: "b-n", department: "sz-nanshan", hqReported: "2012-01-20", sales: [sale("2012-02-10", "395万")] },
      ],
    });
    const result = computeExpenseSupport(model, makeExpensePolicy(), D);
    expect(result.departments.map((d) => [d.department, d.scheme, d.support, d.reason])).toEqual([
      ["sz-empty", "self_driven", 0, "below_first_tier"],
      ["sz-futian", "self_driven", 15000, null],
      ["sz-luohu", "self_driven", 0, "above_ceiling"],
      ["sz-nanshan", "am_covered", 11850, null],
    ]);
    expect(result.totalSupport).toBe(26850);
    expect([result.from, result.to]).toEqual(["2012-02-01", "2012-03-31"]);
  });

  it("reads money in every written form, and sums decimals exactly", () => {
    const l = selfDriven([
      sale("2012-02-10", 20000),
      sale("2012-02-10", "2万"),
      sale("2012-02-11", "1.5万"),
      sale("2012-02-12", "600万"),
      sale("2012-02-13", "20000元"),
      sale("2012-02-14", "1,200,000"),
      sale("2012-02-15", "0.00001万"),
      sale("2012-02-15", "0.00002万"),
    ]);
    // 20000 + 20000 + 15000 + 6000000 + 20000 + 1200000 + 0.1 + 0.2
    expect(l.sales).toBe(7_275_000.3);
    expect(l.reason).toBe("above_ceiling");
    const big = makeExpensePolicy({ selfDriven: { ceiling: "26亿", tiers: [{ min: "1亿", amount: "1.5万" }] } });
    expect(outcome(selfDriven([sale("2012-02-10", "2亿")], big))).toEqual([200_000_000, 1, 15000, null]);
    expect(outcome(selfDriven([sale("2012-02-10", "26亿")], big))).toEqual([2_600_000_000, null, 0, "above_ceiling"]);
  });
});

describe("exact arithmetic", () => {
  it("sums without binary drift", () => {
    expect(sumExact([0.1, 0.2])).toBe(0.3);
    expect(sumExact([])).toBe(0);
    expect(sumExact([1_200_000, 19900.5, 0.25])).toBe(1_219_900.75);
  });

  it("multiplies and rounds half up", () => {
    expect(multiplyRoundHalfUp(3_950_000, 0.003)).toBe(11850);
    expect(multiplyRoundHalfUp(1_250_250, 0.002)).toBe(2501);
    expect(multiplyRoundHalfUp(1.5, 1)).toBe(2);
    expect(multiplyRoundHalfUp(1.49, 1)).toBe(1);
    expect(multiplyRoundHalfUp(0, 0.5)).toBe(0);
  });
});
