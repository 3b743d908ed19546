import { describe, expect, it } from "vitest";
import { BONUS_REASONS, computeBonusAwards, type BonusCandidate, type BonusResult } from "../../src/rules/bonus.js";
import type { BonusPolicy } from "../../src/model/types.js";
import { makeBonusPolicy, makeDepartment, makeModel, type BranchInput, type StaffInput } from "../builders.js";

const D = "2012-03-31";

/** One registered wealth manager's asset conversion, overridable field by field. */
function person(id: string, at: string, overrides: Partial<StaffInput> = {}): StaffInput {
  return { id, hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at }, ...overrides };
}

function run(branches: BranchInput[], asOf = D, policy: BonusPolicy = makeBonusPolicy()): BonusResult {
  return computeBonusAwards(makeModel({ branches }), policy, asOf);
}

function byStaff(result: BonusResult, id: string): BonusCandidate {
  const found = result.candidates.find((c) => c.staff === id);
  if (!found) throw new Error(`${id} is not a candidate`);
  return found;
}

function outcome(result: BonusResult, id: string): string {
  const c = byStaff(result, id);
  return c.status === "awarded" ? "awarded" : c.reason!;
}

describe("candidates", () => {
  it("are the staff with a conversion on or before the end of D", () => {
    const result = run(
      [
        {
          id: "b1",
          staff: [
            person("on-d-last-minute", "2012-03-20 23:59:59"),
            person("day-after", "2012-03-21 00:00"),
            { id: "no-conversion", hqRegistered: "2012-02-01" },
          ],
        },
      ],
      "2012-03-20",
    );
    expect(result.candidates.map((c) => c.staff)).toEqual(["on-d-last-minute"]);
  });

  it("are sorted by at, then staff id, whatever the branch order", () => {
    const result = run([
      { id: "b1", staff: [person("zed", "2012-02-10 09:00"), person("amy", "2012-02-12 09:00")] },
      { id: "b0", staff: [person("bob", "2012-02-10 09:00"), person("cat", "2012-02-01 08:00")] },
    ]);
    expect(result.candidates.map((c) => c.staff)).toEqual(["cat", "bob", "zed", "amy"]);
  });
});

describe("eligibility reasons", () => {
  it("position_not_eligible: a teller's conversion", () => {
    expect(outcome(run([{ id: "b1", staff: [person("t", "2012-02-10 10:00", { position: "teller" })] }]), "t")).toBe("position_not_eligible");
  });

  it("below_minimum: assets 1.99万 under 2万; exactly 2万 in any written form qualifies", () => {
    const result = run([
      { id: "b1", staff: [person("under", "2012-02-10 10:00", { conversion: { kind: "asset", amount: "1.99万", at: "2012-02-10 10:00" } })] },
      { id: "b2", staff: [person("exact-number", "2012-02-11 10:00", { conversion: { kind: "asset", amount: 20000, at: "2012-02-11 10:00" } })] },
      { id: "b3", staff: [person("exact-wan", "2012-02-12 10:00", { conversion: { kind: "asset", amount: "2万", at: "2012-02-12 10:00" } })] },
      { id: "b4", staff: [person("exact-yuan", "2012-02-13 10:00", { conversion: { kind: "asset", amount: "20000元", at: "2012-02-13 10:00" } })] },
      { id: "b5", staff: [person("exact-commas", "2012-02-14 10:00", { conversion: { kind: "asset", amount: "20,000", at: "2012-02-14 10:00" } })] },
      { id: "b6", staff: [person("one-yuan-short", "2012-02-15 10:00", { conversion: { kind: "asset", amount: "19,999", at: "2012-02-15 10:00" } })] },
    ]);
    expect(outcome(result, "under")).toBe("below_minimum");
    expect(outcome(result, "one-yuan-short")).toBe("below_minimum");
    for (const id of ["exact-number", "exact-wan", "exact-yuan", "exact-commas"]) expect(outcome(result, id)).toBe("awarded");
    expect(byStaff(result, "under").basis).toEqual({ kind: "asset", amount: 19900, product: null });
  });

  it("below_minimum: fund purchases against fund_min, not asset_min", () => {
    const policy = makeBonusPolicy({ assetMin: 20_000, fundMin: 30_000 });
    const result = run(
      [
        { id: "b1", staff: [person("fund-2.5", "2012-02-10 10:00", { conversion: { kind: "fund", amount: "2.5万", at: "2012-02-10 10:00" } })] },
        { id: "b2", staff: [person("fund-3", "2012-02-10 10:00", { conversion: { kind: "fund", amount: "3万", at: "2012-02-10 10:00" } })] },
        { id: "b3", staff: [person("asset-2.5", "2012-02-10 10:00", { conversion: { kind: "asset", amount: "2.5万", at: "2012-02-10 10:00" } })] },
      ],
      D,
      policy,
    );
    expect(outcome(result, "fund-2.5")).toBe("below_minimum");
    expect(outcome(result, "fund-3")).toBe("awarded");
    expect(outcome(result, "asset-2.5")).toBe("awarded");
  });

  it("product_not_eligible: 长城1号 is not listed, 长城2号 is", () => {
    const result = run([
      { id: "b1", staff: [person("p1", "2012-02-10 10:00", { conversion: { kind: "product", product: "长城1号", at: "2012-02-10 10:00" } })] },
      { id: "b2", staff: [person("p2", "2012-02-10 10:00", { conversion: { kind: "product", product: "长城2号", at: "2012-02-10 10:00" } })] },
    ]);
    expect(outcome(result, "p1")).toBe("product_not_eligible");
    expect(outcome(result, "p2")).toBe("awarded");
    expect(byStaff(result, "p2").basis).toEqual({ kind: "product", amount: null, product: "长城2号" });
  });

  it("before_start: 23:59:59 the day before the start; 00:00 on the start day counts", () => {
    const result = run([
      { id: "b1", staff: [person("early", "2012-01-31 23:59:59", { hqRegistered: "2012-01-10" })] },
      { id: "b2", staff: [person("first", "2012-02-01 00:00", { hqRegistered: "2012-01-10" })] },
    ]);
    expect(outcome(result, "early")).toBe("before_start");
    expect(outcome(result, "first")).toBe("awarded");
  });

  it("after_deadline: 23:59 on the deadline counts, 00:00 the day after does not", () => {
    const staff = [person("last-minute", "2012-03-31 23:59"), person("last-second", "2012-03-31T23:59:59"), person("next-day", "2012-04-01 00:00")];
    const atDeadline = run([{ id: "b1", staff }], "2012-03-31", makeBonusPolicy({ perBranchCap: 5 }));
    expect(outcome(atDeadline, "last-minute")).toBe("awarded");
    expect(outcome(atDeadline, "last-second")).toBe("awarded");
    expect(atDeadline.candidates.some((c) => c.staff === "next-day")).toBe(false);
    const after = run([{ id: "b1", staff }], "2012-04-01", makeBonusPolicy({ perBranchCap: 5 }));
    expect(outcome(after, "next-day")).toBe("after_deadline");
    expect(byStaff(after, "next-day").rank).toBeNull();
  });

  it("not_registered: no registration, or one dated after D", () => {
    const staff = [person("never", "2012-03-06 10:20", { hqRegistered: null }), person("later", "2012-03-20 15:00", { hqRegistered: "2012-04-05" })];
    const result = run([{ id: "b1", staff }], "2012-03-31");
    expect(outcome(result, "never")).toBe("not_registered");
    expect(outcome(result, "later")).toBe("not_registered");
    expect(byStaff(result, "later").registered).toBeNull();
    // Once the registration is on record, it is simply late.
    expect(outcome(run([{ id: "b1", staff }], "2012-04-05"), "later")).toBe("registered_after_conversion");
  });

  it("registered_after_conversion: the day after is late; the same day counts as beforehand, whatever the hour", () => {
    const result = run([
      { id: "b1", staff: [person("late", "2012-02-14 15:20", { hqRegistered: "2012-02-15" })] },
      { id: "b2", staff: [person("same-day", "2012-02-22 00:00", { hqRegistered: "2012-02-22" })] },
      { id: "b3", staff: [person("day-before", "2012-02-22 09:00", { hqRegistered: "2012-02-21" })] },
    ]);
    expect(outcome(result, "late")).toBe("registered_after_conversion");
    expect(byStaff(result, "late").registered).toBe("2012-02-15");
    expect(outcome(result, "same-day")).toBe("awarded");
    expect(outcome(result, "day-before")).toBe("awarded");
  });

  it("reports the first failing check in SPEC order", () => {
    // Each person fails every check from one reason onwards; the reason must be that first one.
    const everything = { position: "teller" as const, customerSince: "2011-01-01", hqRegistered: "2012-04-09 10:00", conversion: { kind: "asset" as const, amount: 100, at: "2012-01-05 10:00" } };
    const cases: [string, StaffInput][] = [
      ["position_not_eligible", { id: "a", ...everything }],
      ["not_new_customer", { id: "n", ...everything, position: "wealth_manager" }],
      ["below_minimum", { id: "b", ...everything, customerSince: null, position: "wealth_manager" }],
      ["product_not_eligible", { id: "c", ...everything, customerSince: null, position: "wealth_manager", conversion: { kind: "product", product: "长城1号", at: "2012-01-05 10:00" } }],
      ["before_start", { id: "d", ...everything, customerSince: null, position: "wealth_manager", conversion: { kind: "asset", amount: "5万", at: "2012-01-05 10:00" } }],
      ["after_deadline", { id: "e", ...everything, customerSince: null, position: "wealth_manager", conversion: { kind: "asset", amount: "5万", at: "2012-04-02 10:00" } }],
      ["not_registered", { id: "f", ...everything, customerSince: null, hqRegistered: null, position: "wealth_manager", conversion: { kind: "asset", amount: "5万", at: "2012-03-02 10:00" } }],
      [
        "registered_after_conversion",
        { id: "g", ...everything, customerSince: null, position: "wealth_manager", hqRegistered: "2012-03-03", conversion: { kind: "asset", amount: "5万", at: "2012-03-02 10:00" } },
      ],
    ];
    const result = run(
      cases.map(([, s], i) => ({ id: `b${i}`, staff: [s] })),
      "2012-04-10",
    );
    for (const [reason, s] of cases) expect(outcome(result, s.id)).toBe(reason);
    expect(cases.map(([r]) => r)).toEqual(BONUS_REASONS.slice(0, 8));
  });
});

describe("issue 25: customer_since and registrations with a time", () => {
  it("not_new_customer: our customer before the day of the transfer; since that very day (or later) is still new", () => {
    const result = run([
      { id: "b1", staff: [person("before", "2012-02-10 10:00", { customerSince: "2012-02-09" })] },
      { id: "b2", staff: [person("same-day", "2012-02-10 10:00", { customerSince: "2012-02-10" })] },
      { id: "b3", staff: [person("after", "2012-02-10 10:00", { customerSince: "2012-02-11" })] },
      { id: "b4", staff: [person("long-ago", "2012-02-10 10:00", { customerSince: "2010-05-01", hqRegistered: null })] },
    ]);
    expect(outcome(result, "before")).toBe("not_new_customer");
    expect(outcome(result, "same-day")).toBe("awarded");
    expect(outcome(result, "after")).toBe("awarded");
    // Checked right after the position: before the registration is even looked at.
    expect(outcome(result, "long-ago")).toBe("not_new_customer");
    expect(byStaff(result, "long-ago").customerSince).toBe("2010-05-01");
    expect(byStaff(result, "before").rank).toBeNull();
  });

  it("a not-new customer takes no place: the next candidate in the branch is awarded", () => {
    const result = run([
      { id: "b1", staff: [person("old", "2012-02-01 09:00", { customerSince: "2011-06-01" }), person("n1", "2012-02-02 09:00"), person("n2", "2012-02-03 09:00")] },
    ]);
    expect(result.candidates.map((c) => [c.staff, outcome(result, c.staff)])).toEqual([
      ["old", "not_new_customer"],
      ["n1", "awarded"],
      ["n2", "awarded"],
    ]);
  });

  it("registered_after_conversion with a time: compared with the transfer to the minute", () => {
    const result = run([
      { id: "b1", staff: [person("after-transfer", "2012-03-05 09:30", { hqRegistered: "2012-03-05 09:40" })] },
      { id: "b2", staff: [person("before-transfer", "2012-03-05 09:30", { hqRegistered: "2012-03-05 09:20" })] },
      { id: "b3", staff: [person("same-minute", "2012-03-05 09:30:10", { hqRegistered: "2012-03-05T09:30:50" })] },
      { id: "b4", staff: [person("next-minute", "2012-03-05 09:30:59", { hqRegistered: "2012-03-05 09:31" })] },
      { id: "b5", staff: [person("bare-day", "2012-03-05 09:30", { hqRegistered: "2012-03-05" })] },
      { id: "b6", staff: [person("day-before-late-hour", "2012-03-05 08:00", { hqRegistered: "2012-03-04 23:59" })] },
    ]);
    expect(outcome(result, "after-transfer")).toBe("registered_after_conversion");
    expect(byStaff(result, "after-transfer").registered).toBe("2012-03-05");
    expect(byStaff(result, "after-transfer").registeredAt).toBe("2012-03-05T09:40:00");
    expect(outcome(result, "before-transfer")).toBe("awarded");
    expect(outcome(result, "same-minute")).toBe("awarded");
    expect(outcome(result, "next-minute")).toBe("registered_after_conversion");
    // A bare day keeps v2's rule: the same day counts as beforehand.
    expect(outcome(result, "bare-day")).toBe("awarded");
    expect(byStaff(result, "bare-day").registeredAt).toBeNull();
    expect(outcome(result, "day-before-late-hour")).toBe("awarded");
  });

  it("a registration with a time is on record at D by its day", () => {
    // D is a day: a registration at 08:00 on D is on record at D; one on the day after is not.
    const staff = [person("p", "2012-03-05 09:30", { hqRegistered: "2012-03-05 08:00" }), person("q", "2012-03-05 09:30", { hqRegistered: "2012-03-06 08:00" })];
    const atD = run([{ id: "b1", staff }, { id: "b2" }], "2012-03-05");
    expect(outcome(atD, "p")).toBe("awarded");
    expect(outcome(atD, "q")).toBe("not_registered");
    expect(byStaff(atD, "q").registeredAt).toBeNull();
  });
});

describe("first come, first served", () => {
  it("two transfers the same minute in any written form: the smaller staff id comes first", () => {
    const result = run([
      {
        id: "b1",
        staff: [
          person("huang-wei", "2012-02-08 09:15"),
          person("wang-fang", "2012-02-20T10:30"),
          person("li-qiang", "2012-02-20 10:30:00", { conversion: { kind: "fund", amount: "3万", at: "2012-02-20 10:30" } }),
        ],
      },
    ]);
    expect(result.candidates.map((c) => [c.staff, c.rank, c.status, c.reason])).toEqual([
      ["huang-wei", 1, "awarded", null],
      ["li-qiang", 2, "awarded", null],
      ["wang-fang", 3, "rejected", "branch_cap_reached"],
    ]);
  });

  it("branch_cap_reached uses no quota: a later candidate elsewhere still gets the last place", () => {
    const policy = makeBonusPolicy({ perBranchCap: 2, totalCap: 3 });
    const result = run(
      [
        { id: "b1", staff: [person("a1", "2012-02-01 09:00"), person("a2", "2012-02-02 09:00"), person("a3", "2012-02-03 09:00")] },
        { id: "b2", staff: [person("b1", "2012-02-04 09:00"), person("b2", "2012-02-05 09:00")] },
      ],
      D,
      policy,
    );
    expect(result.candidates.map((c) => [c.staff, c.rank, outcome(result, c.staff)])).toEqual([
      ["a1", 1, "awarded"],
      ["a2", 2, "awarded"],
      ["a3", 3, "branch_cap_reached"],
      ["b1", 4, "awarded"],
      ["b2", 5, "total_cap_reached"],
    ]);
    expect(result.awarded).toBe(3);
    expect(result.totalLeft).toBe(0);
  });

  it("a full branch is named before a full total", () => {
    const policy = makeBonusPolicy({ perBranchCap: 1, totalCap: 1 });
    const result = run([{ id: "b1", staff: [person("a1", "2012-02-01 09:00"), person("a2", "2012-02-02 09:00")] }], D, policy);
    expect(outcome(result, "a2")).toBe("branch_cap_reached");
  });

  it("ranks count eligible candidates only; ineligible ones have none", () => {
    const result = run([
      {
        id: "b1",
        staff: [person("x1", "2012-02-01 09:00", { position: "cleaner" }), person("x2", "2012-02-02 09:00"), person("x3", "2012-02-03 09:00", { hqRegistered: null }), person("x4", "2012-02-04 09:00")],
      },
    ]);
    expect(result.candidates.map((c) => c.rank)).toEqual([null, 1, null, 2]);
  });

  it("pays the policy amount per award and nothing for a rejection", () => {
    const policy = makeBonusPolicy({ amount: 1500, perBranchCap: 1 });
    const result = run([{ id: "b1", staff: [person("a1", "2012-02-01 09:00"), person("a2", "2012-02-02 09:00")] }], D, policy);
    expect(result.candidates.map((c) => c.amount)).toEqual([1500, 0]);
    expect(result.totalAmount).toBe(1500);
  });
});

describe("totals and places left", () => {
  const model = makeModel({
    departments: [makeDepartment({ id: "dept-b", name: "乙" }), makeDepartment({ id: "dept-a", name: "甲" }), makeDepartment({ id: "dept-c", name: "丙" })],
    branches: [
      { id: "b1", department: "dept-a", staff: [person("a1", "2012-02-01 09:00"), person("a2", "2012-02-02 09:00"), person("a3", "2012-02-03 09:00")] },
      { id: "b2", department: "dept-b", staff: [person("b1", "2012-02-04 09:00")] },
      { id: "b3", department: "dept-b" },
    ],
  });

  it("lists every department by id, with zero rows, and every branch's quota", () => {
    const result = computeBonusAwards(model, makeBonusPolicy(), "2012-03-01");
    expect(result.departments).toEqual([
      { department: "dept-a", name: "甲", awarded: 2, amount: 2000 },
      { department: "dept-b", name: "乙", awarded: 1, amount: 1000 },
      { department: "dept-c", name: "丙", awarded: 0, amount: 0 },
    ]);
    expect(result.branches.map((b) => [b.branch, b.awarded, b.left])).toEqual([
      ["b1", 2, 0],
      ["b2", 1, 1],
      ["b3", 0, 2],
    ]);
    expect(result.totalLeft).toBe(97);
    expect(result.open).toBe(true);
  });

  it("is open through the deadline day and closed after it", () => {
    expect(computeBonusAwards(model, makeBonusPolicy(), "2012-03-31").open).toBe(true);
    expect(computeBonusAwards(model, makeBonusPolicy(), "2012-04-01").open).toBe(false);
  });

  it("does not change the model it reads", () => {
    const before = JSON.stringify(model);
    computeBonusAwards(model, makeBonusPolicy(), "2012-03-01");
    expect(JSON.stringify(model)).toBe(before);
  });
});

describe("money in every written form", () => {
  it("reads each form of SPEC 2 as the same yuan", () => {
    const forms: [string | number, number][] = [
      [20000, 20000],
      ["2万", 20000],
      ["1.5万", 15000],
      ["600万", 6_000_000],
      ["26亿", 2_600_000_000],
      ["20000元", 20000],
      ["1,200,000", 1_200_000],
    ];
    const result = run(
      forms.map(([amount], i) => ({ id: `b${i}`, staff: [person(`s${i}`, `2012-02-1${i} 10:00`, { conversion: { kind: "asset", amount, at: `2012-02-1${i} 10:00` } })] })),
    );
    for (const [i, [, yuan]] of forms.entries()) {
      const c = byStaff(result, `s${i}`);
      expect(c.basis.amount).toBe(yuan);
      expect(outcome(result, `s${i}`)).toBe(yuan >= 20000 ? "awarded" : "below_minimum");
    }
  });
});

describe("people who moved or left, and 分行 folders", () => {
  it("a person who left is still a candidate: the conversion stays", () => {
    const result = run([{ id: "b1", staff: [person("gone", "2012-02-10 10:00", { left: "2012-03-01", leftNote: "离职" })] }]);
    expect(outcome(result, "gone")).toBe("awarded");
  });

  it("a conversion counts for its conversion.branch (cap and department), not the branch the person moved to", () => {
    const result = run([
      { id: "futian", department: "dept-a", staff: [person("f1", "2012-02-10 10:00"), person("f2", "2012-02-11 10:00")] },
      // The head moved to nanshan after converting at futian: futian's two places are already taken.
      { id: "nanshan", department: "dept-b", staff: [person("head", "2012-02-20 10:00", { position: "branch_head", conversion: { kind: "asset", amount: "5万", at: "2012-02-20 10:00", branch: "futian" } })] },
    ]);
    expect(byStaff(result, "head")).toMatchObject({ branch: "futian", department: "dept-a", reason: "branch_cap_reached" });
    expect(result.branches.map((b) => [b.branch, b.awarded])).toEqual([
      ["futian", 2],
      ["nanshan", 0],
    ]);
  });

  it("without conversion.branch, the branch holding the person", () => {
    const result = run([{ id: "nanshan", staff: [person("head", "2012-02-20 10:00", { position: "branch_head" })] }]);
    expect(byStaff(result, "head").branch).toBe("nanshan");
  });

  it("a 分行 folder is its own unit with the same per-branch cap", () => {
    const result = run([
      { id: "cmb-sz", level: "city_branch", staff: [person("c1", "2012-02-10 10:00"), person("c2", "2012-02-11 10:00"), person("c3", "2012-02-12 10:00")] },
      { id: "futian", parent: "cmb-sz", staff: [person("f1", "2012-02-13 10:00")] },
    ]);
    expect(["c1", "c2", "c3", "f1"].map((id) => outcome(result, id))).toEqual(["awarded", "awarded", "branch_cap_reached", "awarded"]);
  });
});
