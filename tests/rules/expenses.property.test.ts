/** Properties of expense support over generated repositories and policies. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeExpenseSupport, sortTiers, sumExact } from "../../src/rules/expenses.js";
import type { ExpensePolicy, Model } from "../../src/model/types.js";
import { makeDepartment, makeExpensePolicy, makeModel, type BranchInput, type TierInput } from "../builders.js";

const DATES = ["2012-01-31", "2012-02-01", "2012-02-16", "2012-03-05", "2012-03-20", "2012-03-31", "2012-04-01"];

const tierArb: fc.Arbitrary<TierInput> = fc.oneof(
  fc.record({ min: fc.integer({ min: 0, max: 8_000_000 }), amount: fc.integer({ min: 0, max: 30_000 }) }),
  fc.record({ min: fc.integer({ min: 0, max: 8_000_000 }), rate: fc.constantFrom(0.001, 0.002, 0.0025, 0.003), cap: fc.integer({ min: 1000, max: 30_000 }) }),
  fc.record({ min: fc.integer({ min: 0, max: 8_000_000 }), rate: fc.constantFrom(0.001, 0.002, 0.003) }),
);

const policyArb: fc.Arbitrary<ExpensePolicy> = fc
  .record({
    selfTiers: fc.array(tierArb, { maxLength: 4 }),
    ceiling: fc.integer({ min: 1_000_000, max: 9_000_000 }),
    amTiers: fc.array(tierArb, { maxLength: 4 }),
    end: fc.constantFrom("2012-03-20", "2012-03-31"),
  })
  .map((p) => makeExpensePolicy({ end: p.end, selfDriven: { ceiling: p.ceiling, tiers: p.selfTiers }, amCovered: { tiers: p.amTiers } }));

const branchesArb: fc.Arbitrary<BranchInput[]> = fc
  .array(
    fc.record({
      department: fc.constantFrom("dept-a", "dept-b", "dept-c"),
      hqReported: fc.option(fc.constantFrom(...DATES), { nil: null }),
      sales: fc.array(
        fc.record({ date: fc.constantFrom(...DATES), amount: fc.integer({ min: 0, max: 3_000_000 }), product: fc.constantFrom("长城2号", "长城2号", "长城1号") }),
        { maxLength: 5 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((bs) => bs.map((b, i) => ({ id: `b${i}`, ...b })));

const amArb = fc.record({ a: fc.boolean(), b: fc.boolean(), c: fc.boolean() });

function model(branches: BranchInput[], am: { a: boolean; b: boolean; c: boolean }, keepOrder = false): Model {
  const departments = [makeDepartment({ id: "dept-a", amCovered: am.a }), makeDepartment({ id: "dept-b", amCovered: am.b }), makeDepartment({ id: "dept-c", amCovered: am.c })];
  return makeModel({ departments, branches, keepOrder });
}

describe("expense support properties", () => {
  it("does not depend on the order of branches, sales, departments or tiers", () => {
    fc.assert(
      fc.property(branchesArb, amArb, policyArb, (branches, am, policy) => {
        // Tiers with the same min are told apart by their written order, which the reversal changes.
        const distinctMins = (p: ExpensePolicy) => [p.selfDriven?.tiers ?? [], p.amCovered?.tiers ?? []].every((ts) => new Set(ts.map((t) => t.min)).size === ts.length);
        fc.pre(distinctMins(policy));
        const expected = computeExpenseSupport(model(branches, am), policy, "2012-03-31");
        const reversed = model([...branches].reverse().map((b) => ({ ...b, sales: [...(b.sales ?? [])].reverse() })), am, true);
        reversed.departments.reverse();
        const reversedPolicy: ExpensePolicy = {
          ...policy,
          selfDriven: policy.selfDriven && { ...policy.selfDriven, tiers: [...policy.selfDriven.tiers].reverse() },
          amCovered: policy.amCovered && { tiers: [...policy.amCovered.tiers].reverse() },
        };
        const actual = computeExpenseSupport(reversed, reversedPolicy, "2012-03-31");
        expect(actual.departments.map(({ tierRule, ...rest }) => rest)).toEqual(expected.departments.map(({ tierRule, ...rest }) => rest));
        expect(actual.totalSupport).toBe(expected.totalSupport);
      }),
      { numRuns: 300 },
    );
  });

  it("lines add up: counted + excluded per branch, support per department, the tier it names", () => {
    fc.assert(
      fc.property(branchesArb, amArb, policyArb, fc.constantFrom(...DATES), (branches, am, policy, asOf) => {
        const result = computeExpenseSupport(model(branches, am), policy, asOf);
        expect(result.departments.map((d) => d.department)).toEqual(["dept-a", "dept-b", "dept-c"]);
        expect(result.totalSupport).toBe(sumExact(result.departments.map((d) => d.support)));
        for (const d of result.departments) {
          expect(d.sales).toBe(sumExact(d.branches.map((b) => b.sales)));
          expect(d.excludedSales).toBe(sumExact(d.branches.map((b) => b.excludedSales)));
          if (d.scheme === "self_driven") expect(d.excludedSales).toBe(0);
          expect(d.support).toBeGreaterThanOrEqual(0);
          const scheme = d.scheme === "am_covered" ? policy.amCovered! : policy.selfDriven!;
          const tiers = sortTiers(scheme.tiers);
          if (d.tier === null) {
            expect(d.support).toBe(0);
            expect(d.reason).not.toBeNull();
          } else {
            const tier = tiers[d.tier - 1]!;
            expect(tier.min).toBeLessThanOrEqual(d.sales);
            // No later tier is also reached.
            for (const later of tiers.slice(d.tier)) expect(later.min).toBeGreaterThan(d.sales);
            if (tier.cap !== null) expect(d.support).toBeLessThanOrEqual(tier.cap);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("counts nothing sold after D", () => {
    fc.assert(
      fc.property(branchesArb, amArb, policyArb, (branches, am, policy) => {
        const early = computeExpenseSupport(model(branches, am), policy, "2012-03-05");
        const trimmed = branches.map((b) => ({ ...b, sales: (b.sales ?? []).filter((s) => s.date <= "2012-03-05") }));
        expect(computeExpenseSupport(model(trimmed, am), policy, "2012-03-05")).toEqual(early);
      }),
      { numRuns: 200 },
    );
  });
});
