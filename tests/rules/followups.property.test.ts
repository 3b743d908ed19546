/**
 * Properties of the follow-up list over generated prospects and contact logs (the suite's fixed
 * seed, tests/setup/property-seed.ts): what an activity can close, what a plan can change, and
 * that the same input gives the same list.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectDueFollowups, collectOverdueFollowups, findDueFollowups, type FollowupItem } from "../../src/rules/followups.js";
import { DONE_KINDS, type DoneKind } from "../../src/rules/followup-kinds.js";
import { DEFAULT_FOLLOWUP_POLICY, type Activity, type Model, type Prospect } from "../../src/model/types.js";
import { addDays } from "../../src/model/values.js";
import { makeActivity, makeModel, makeProspect } from "../builders.js";

const D = "2012-03-20";
const P = DEFAULT_FOLLOWUP_POLICY;
/** Days from a month before D to a week after: every window edge of the rules lies in it. */
const DAYS = Array.from({ length: 45 }, (_, i) => addDays("2012-02-15", i));
const dayArb = fc.constantFrom(...DAYS);
const PEOPLE = ["p1", "p2"];

const prospectArb = (id: string): fc.Arbitrary<Prospect> =>
  fc
    .record({
      nextFollowup: fc.option(dayArb, { nil: null }),
      matures: fc.array(fc.constantFrom(...DAYS.map((d) => addDays(d, 7))), { maxLength: 2 }),
      events: fc.array(fc.record({ date: dayArb, kind: fc.constantFrom("large_movement", "complaint", "other"), amount: fc.constantFrom(null, 400_000, 800_000) }), { maxLength: 3 }),
      purchases: fc.array(fc.record({ date: dayArb, important: fc.boolean() }), { maxLength: 2 }),
    })
    .map((p) =>
      makeProspect({
        id,
        nextFollowup: p.nextFollowup,
        holdings: p.matures.map((matures) => ({ product: "定期存款", amount: 1_000_000, matures })),
        events: p.events.map((e) => ({ ...e, note: null })),
        purchases: p.purchases.map((x) => ({ ...x, product: "长城2号", amount: 300_000 })),
      }),
    );

const activityArb: fc.Arbitrary<Activity> = fc
  .record({
    date: dayArb,
    with: fc.subarray(PEOPLE, { minLength: 1 }),
    done: fc.option(fc.subarray([...DONE_KINDS]), { nil: null }),
  })
  .map((a) => ({ ...makeActivity(a.date, "call", a.with), done: a.done }));

function model(prospects: Prospect[], activities: Activity[]): Model {
  return makeModel({ settings: { bonus: null, expenseSupport: null }, branches: [{ id: "b1", reviewed: D, staffFile: "read", prospects, activities }] });
}

const eventLike = (items: FollowupItem[]) => items.filter((i) => (DONE_KINDS as readonly string[]).includes(i.kind)).map((i) => i.identity);
const list = (m: Model, asOf = D) => findDueFollowups(m, P, asOf, P.windowDays);

/** The day an item's plain opening day falls on (docs/rules.md): the earliest day a `done`-less activity can close it. */
function plainOpening(item: FollowupItem): string {
  const f = item.facts;
  switch (f.kind) {
    case "care_call":
      return addDays(f.date, 1);
    case "large_movement":
    case "complaint":
      return f.date;
    default:
      return item.due;
  }
}

describe("follow-up closing properties", () => {
  const inputArb = fc.record({ p1: prospectArb("p1"), p2: prospectArb("p2"), activities: fc.array(activityArb, { maxLength: 6 }) });

  it("the same input gives the same list, in the same order, and leaves the model untouched", () => {
    fc.assert(
      fc.property(inputArb, ({ p1, p2, activities }) => {
        const m = model([p1, p2], activities);
        const before = JSON.stringify(m);
        expect(list(m)).toEqual(list(model([p1, p2], activities)));
        expect(JSON.stringify(m)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it("an added activity only ever closes items; one without done, before an item's plain opening day, never closes it", () => {
    fc.assert(
      fc.property(inputArb, dayArb, fc.subarray(PEOPLE, { minLength: 1 }), ({ p1, p2, activities }, date, withIds) => {
        const open = list(model([p1, p2], activities));
        const after = eventLike(list(model([p1, p2], [...activities, makeActivity(date, "visit", withIds)])));
        for (const id of after) expect(eventLike(open)).toContain(id);
        for (const item of open) {
          if (!(DONE_KINDS as readonly string[]).includes(item.kind)) continue;
          if (date < plainOpening(item) || !withIds.includes(item.person!)) expect(after).toContain(item.identity);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an activity whose done list leaves out a kind never closes an item of that kind", () => {
    fc.assert(
      fc.property(inputArb, dayArb, fc.constantFrom(...DONE_KINDS), ({ p1, p2, activities }, date, kind) => {
        const others: DoneKind[] = DONE_KINDS.filter((k) => k !== kind);
        const before = list(model([p1, p2], activities)).filter((i) => i.kind === kind).map((i) => i.identity);
        const after = list(model([p1, p2], [...activities, { ...makeActivity(date, "call", PEOPLE), done: others }])).filter((i) => i.kind === kind).map((i) => i.identity);
        expect(after).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("the overdue items collected alone are the list's overdue items, in the same order (report summary)", () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...DAYS), ({ p1, p2, activities }, asOf) => {
        const m = model([p1, p2], activities);
        const all = collectDueFollowups(m, P, asOf, P.windowDays);
        expect(collectOverdueFollowups(m, P, asOf, P.windowDays)).toEqual(all.filter((i) => i.overdue));
      }),
      { numRuns: 200 },
    );
  });

  it("activities after D change nothing but the planned items", () => {
    fc.assert(
      fc.property(inputArb, fc.array(activityArb, { maxLength: 3 }), ({ p1, p2, activities }, extra) => {
        const plans = extra.map((a) => ({ ...a, date: addDays(D, 1 + (a.date.charCodeAt(9) % 10)) }));
        const withoutPlans = list(model([p1, p2], activities));
        const withPlans = list(model([p1, p2], [...activities, ...plans])).filter((i) => i.kind !== "planned");
        expect(withPlans).toEqual(withoutPlans.filter((i) => i.kind !== "planned"));
      }),
      { numRuns: 200 },
    );
  });
});
