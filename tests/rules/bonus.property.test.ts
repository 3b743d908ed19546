/**
 * Properties of the bonus over generated repositories: small, crowded ones (few branches, few
 * distinct transfer times, tight caps), where ties and both caps happen often.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeBonusAwards, type BonusResult } from "../../src/rules/bonus.js";
import type { BonusPolicy, Model, Position } from "../../src/model/types.js";
import { compareText } from "../../src/findings.js";
import { makeBonusPolicy, makeModel, type BranchInput, type StaffInput } from "../builders.js";

const POSITIONS: Position[] = ["wealth_manager", "branch_head", "teller", "vip_wealth_manager", "cleaner"];
const DAYS = ["2012-01-30", "2012-02-01", "2012-02-15", "2012-03-01", "2012-03-31", "2012-04-01"];
const TIMES = ["00:00", "09:30", "09:30:30", "23:59"];

interface Generated {
  branches: BranchInput[];
  policy: BonusPolicy;
  asOf: string;
}

const staffArb = fc.record({
  position: fc.constantFrom(...POSITIONS),
  kind: fc.constantFrom("asset" as const, "fund" as const, "product" as const),
  amount: fc.constantFrom(19_999, 20_000, 50_000),
  product: fc.constantFrom("长城1号", "长城2号"),
  day: fc.constantFrom(...DAYS),
  time: fc.constantFrom(...TIMES),
  // Bare days and (issue 25) datetimes, some on the transfer days at the transfer times.
  registered: fc.option(
    fc.constantFrom("2012-01-15", "2012-02-15", "2012-03-01", "2012-04-05", "2012-02-15 09:30", "2012-02-15 09:31", "2012-03-01T00:00", "2012-03-31 23:59:59", "2012-02-01 08:00"),
    { nil: null },
  ),
  customerSince: fc.option(fc.constantFrom("2010-05-01", "2012-02-14", "2012-02-15", "2012-03-31"), { nil: null }),
  converted: fc.boolean(),
  /** The index of the branch the conversion happened at, when the person has moved since (taken modulo the branch count). */
  convertedAt: fc.option(fc.nat({ max: 4 }), { nil: null }),
  left: fc.option(fc.constantFrom("2012-02-20", "2012-04-01"), { nil: null }),
});

const generatedArb: fc.Arbitrary<Generated> = fc
  .record({
    branches: fc.array(fc.record({ department: fc.constantFrom("dept-a", "dept-b", "dept-c"), staff: fc.array(staffArb, { maxLength: 6 }) }), { minLength: 1, maxLength: 5 }),
    perBranchCap: fc.integer({ min: 0, max: 3 }),
    totalCap: fc.integer({ min: 0, max: 8 }),
    asOf: fc.constantFrom("2012-02-15", "2012-03-01", "2012-03-31", "2012-04-10"),
  })
  .map(({ branches, perBranchCap, totalCap, asOf }) => {
    let n = 0;
    return {
      policy: makeBonusPolicy({ perBranchCap, totalCap }),
      asOf,
      branches: branches.map((b, i, all) => ({
        id: `b${i}`,
        department: b.department,
        staff: b.staff.map(
          (s): StaffInput => ({
            // Ids are unique in the repository, but their order is unrelated to branch or time.
            id: `s${String((n++ * 7919) % 1000).padStart(3, "0")}-${n}`,
            position: s.position,
            hqRegistered: s.registered,
            customerSince: s.customerSince,
            left: s.left,
            conversion: s.converted
              ? {
                  kind: s.kind,
                  amount: s.kind === "product" ? undefined : s.amount,
                  product: s.kind === "product" ? s.product : undefined,
                  at: `${s.day} ${s.time}`,
                  branch: s.convertedAt === null ? undefined : `b${s.convertedAt % all.length}`,
                }
              : null,
          }),
        ),
      })),
    };
  });

function compute(g: Generated, model: Model = makeModel({ branches: g.branches })): BonusResult {
  return computeBonusAwards(model, g.policy, g.asOf);
}

const awardedIds = (r: BonusResult) => r.candidates.filter((c) => c.status === "awarded").map((c) => c.staff);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("bonus properties", () => {
  it("never awards more than either cap", () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        const r = compute(g);
        expect(r.awarded).toBeLessThanOrEqual(g.policy.totalCap);
        expect(awardedIds(r)).toHaveLength(r.awarded);
        const perBranch = new Map<string, number>();
        for (const c of r.candidates) if (c.status === "awarded") perBranch.set(c.branch, (perBranch.get(c.branch) ?? 0) + 1);
        for (const count of perBranch.values()) expect(count).toBeLessThanOrEqual(g.policy.perBranchCap);
        expect(r.totalAmount).toBe(r.awarded * g.policy.amount);
      }),
      { numRuns: 300 },
    );
  });

  it("within a branch, every awarded candidate came before every cap-rejected one", () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        const r = compute(g);
        const key = (c: { at: string; staff: string }) => `${c.at}|${c.staff}`;
        for (const branch of new Set(r.candidates.map((c) => c.branch))) {
          const inBranch = r.candidates.filter((c) => c.branch === branch);
          const awarded = inBranch.filter((c) => c.status === "awarded").map(key);
          const capped = inBranch.filter((c) => c.reason === "branch_cap_reached" || c.reason === "total_cap_reached").map(key);
          for (const a of awarded) for (const c of capped) expect(compareText(a, c)).toBeLessThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("ranks are 1..n over exactly the eligible candidates, in first-come order", () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        const r = compute(g);
        const ranked = r.candidates.filter((c) => c.rank !== null);
        expect(ranked.map((c) => c.rank)).toEqual(ranked.map((_, i) => i + 1));
        for (const c of r.candidates) {
          const capOrAward = c.status === "awarded" || c.reason === "branch_cap_reached" || c.reason === "total_cap_reached";
          expect(c.rank !== null).toBe(capOrAward);
          expect(c.reason === null).toBe(c.status === "awarded");
        }
      }),
      { numRuns: 200 },
    );
  });

  it("removing a rejected candidate changes no award", () => {
    fc.assert(
      fc.property(generatedArb, fc.nat(), (g, pick) => {
        const r = compute(g);
        const rejected = r.candidates.filter((c) => c.status === "rejected");
        fc.pre(rejected.length > 0);
        const gone = rejected[pick % rejected.length]!.staff;
        const without = { ...g, branches: g.branches.map((b) => ({ ...b, staff: (b.staff ?? []).filter((s) => s.id !== gone) })) };
        expect(awardedIds(compute(without))).toEqual(awardedIds(r));
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of branches, staff or departments", () => {
    fc.assert(
      fc.property(generatedArb, fc.integer(), (g, seed) => {
        const expected = compute(g);
        const model = makeModel({ branches: g.branches, keepOrder: true });
        model.branches = shuffled(model.branches, seed);
        for (const [i, b] of model.branches.entries()) b.staff = shuffled(b.staff, seed + i);
        model.departments = shuffled(model.departments, seed + 99);
        expect(compute(g, model)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("counts a conversion for its conversion.branch, else the branch holding the person", () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        const r = compute(g);
        for (const b of g.branches) {
          for (const s of b.staff ?? []) {
            const candidate = r.candidates.find((c) => c.staff === s.id);
            if (candidate !== undefined) expect(candidate.branch).toBe(s.conversion?.branch ?? b.id);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("does not change when a person with conversion.branch moves to another branch's staff, or leaves", () => {
    fc.assert(
      fc.property(generatedArb, fc.nat(), fc.nat(), (g, pickPerson, pickBranch) => {
        const people = g.branches.flatMap((b) => (b.staff ?? []).map((s) => ({ s, from: b.id })));
        fc.pre(people.length > 0);
        const { s, from } = people[pickPerson % people.length]!;
        const to = g.branches[pickBranch % g.branches.length]!.id;
        const moved: StaffInput = { ...s, left: null, conversion: s.conversion ? { ...s.conversion, branch: s.conversion.branch ?? from } : s.conversion };
        const stayed: StaffInput = { ...moved, left: "2012-02-20" };
        const place = (who: StaffInput, where: string) => ({
          ...g,
          branches: g.branches.map((b) => ({ ...b, staff: [...(b.staff ?? []).filter((x) => x.id !== s.id), ...(b.id === where ? [who] : [])] })),
        });
        expect(compute(place(moved, to))).toEqual(compute(place(stayed, from)));
      }),
      { numRuns: 200 },
    );
  });

  it("never awards an old customer, nor a registration later than the transfer (to the minute), nor one after D", () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        const r = compute(g);
        const written = new Map(g.branches.flatMap((b) => (b.staff ?? []).map((s) => [s.id, s] as const)));
        for (const c of r.candidates.filter((x) => x.status === "awarded")) {
          const s = written.get(c.staff)!;
          if (s.customerSince) expect(s.customerSince >= c.at.slice(0, 10)).toBe(true);
          const registered = s.hqRegistered!.replace(" ", "T");
          expect(registered.slice(0, 10) <= g.asOf).toBe(true);
          if (registered.length > 10) expect(registered.slice(0, 16) <= c.at.slice(0, 16)).toBe(true);
          else expect(registered <= c.at.slice(0, 10)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same answer every time", () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        expect(JSON.stringify(compute(g))).toBe(JSON.stringify(compute(g)));
      }),
      { numRuns: 100 },
    );
  });
});
