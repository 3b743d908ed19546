/**
 * The follow-ups of docs/rules.md, kind by kind, at the edges: due exactly at D+W and one day
 * after, every opening day of an event-like item (`done` listing its kind) on the day itself and
 * the day before, a contact without `done` that closes nothing (v3), events exactly escalate_days
 * old and one day older (escalated, never dropped), `since`, 02-29 birthdays in a common
 * year, lunar day 30 in a 29-day month, the bonus and expense windows, staff who left; then the
 * sort order, the null fields, the phone, filters and purity.
 */
import { describe, expect, it } from "vitest";
import { filterFollowups, findDueFollowups, FOLLOWUP_KINDS, type FollowupItem, type FollowupKind } from "../../src/rules/followups.js";
import type { DoneKind } from "../../src/rules/followup-kinds.js";
import { DEFAULT_FOLLOWUP_POLICY, type Activity, type ActivityKind, type FollowupPolicy, type Model, type Prospect } from "../../src/model/types.js";
import { makeActivity, makeBonusPolicy, makeDepartment, makeModel, makeProspect, type BranchInput, type ModelInput, type StaffInput } from "../builders.js";

const D = "2012-03-20";
const P: FollowupPolicy = DEFAULT_FOLLOWUP_POLICY; // window 7, escalate 30, no since, key 7, leader 30 …

function activity(date: string, withIds: string[], kind: ActivityKind = "call"): Activity {
  return makeActivity(date, kind, withIds);
}

/** An activity that says which follow-up kinds it dealt with. */
function doneActivity(date: string, withIds: string[], done: DoneKind[], kind: ActivityKind = "call"): Activity {
  return { ...makeActivity(date, kind, withIds), done };
}

const prospect = makeProspect;

/**
 * One branch "b1" whose branch-level items (leader report, archive review) are not due within
 * any window used here, so that a test sees only what it sets up. No bonus policy unless given.
 */
function model(branch: Partial<BranchInput> & { staff?: StaffInput[] }, settings: ModelInput["settings"] = {}, more: BranchInput[] = []): Model {
  return makeModel({
    settings: { bonus: null, ...settings },
    branches: [
      {
        id: "b1",
        owner: "李娜",
        reviewed: "2012-03-19",
        staffFile: "read",
        ...branch,
        activities: [activity("2012-03-19", [], "report"), ...(branch.activities ?? [])],
      },
      ...more,
    ],
  });
}

function due(m: Model, asOf = D, within = 7, policy = P): FollowupItem[] {
  return findDueFollowups(m, policy, asOf, within);
}

function ofKind(items: FollowupItem[], kind: FollowupKind): FollowupItem[] {
  return items.filter((i) => i.kind === kind);
}

/** Staff who never need a contact item within these tests: contacted the day before D, cadence 60. */
const quiet = (id: string, more: Partial<StaffInput> = {}): StaffInput => ({ id, cadenceDays: 60, ...more });

describe("birthday", () => {
  const withBirthday = (birthday: StaffInput["birthday"]) => model({ staff: [quiet("s1", { birthday })], activities: [activity("2012-03-19", ["s1"])] });

  it("is listed when it falls exactly on D+W, with the age reached", () => {
    const items = ofKind(due(withBirthday({ year: 1970, month: 3, day: 27 })), "birthday");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ due: "2012-03-27", overdue: false, person: "s1", branch: "b1", owner: "李娜" });
    expect(items[0]!.facts).toMatchObject({ calendar: "solar", age: 42 });
  });

  it("is not listed on D+W+1", () => {
    expect(ofKind(due(withBirthday({ year: 1975, month: 3, day: 28 })), "birthday")).toEqual([]);
  });

  it("on D itself is due today and not overdue; a year-less birthday has no age", () => {
    const [item] = ofKind(due(withBirthday({ year: null, month: 3, day: 20 })), "birthday");
    expect(item).toMatchObject({ due: D, overdue: false, daysLate: 0 });
    expect(item!.facts).toMatchObject({ age: null });
  });

  it("yesterday's birthday is a year away, not overdue", () => {
    expect(ofKind(due(withBirthday({ year: 1980, month: 3, day: 19 })), "birthday")).toEqual([]);
    expect(ofKind(due(withBirthday({ year: 1980, month: 3, day: 19 }), D, 365), "birthday")[0]?.due).toBe("2013-03-19");
  });

  it("02-29 falls on 02-28 in a common year (2013) and on 02-29 in a leap year (2012)", () => {
    const m = withBirthday({ year: 1984, month: 2, day: 29 });
    expect(ofKind(due(m, "2013-02-25"), "birthday")[0]).toMatchObject({ due: "2013-02-28" });
    expect(ofKind(due(m, "2013-02-25"), "birthday")[0]!.facts).toMatchObject({ movedFromLeapDay: true });
    expect(ofKind(due(m, "2012-02-25"), "birthday")[0]).toMatchObject({ due: "2012-02-29" });
    // Seen from 2013-03-01, the next one is 2014-02-28.
    expect(ofKind(due(m, "2013-03-01", 365), "birthday")[0]).toMatchObject({ due: "2014-02-28" });
  });

  it("lunar day 30 in a 29-day month falls on day 29 (二月三十 2012 → 2012-03-21)", () => {
    const m = model({ staff: [quiet("s1", { lunarBirthday: { leap: false, month: 2, day: 30 } })], activities: [activity("2012-03-19", ["s1"])] });
    const [item] = ofKind(due(m), "birthday");
    expect(item).toMatchObject({ due: "2012-03-21" });
    expect(item!.facts).toMatchObject({ calendar: "lunar", occurrence: { day: 29 } });
  });

  it("a leap-month lunar birthday: in the leap month of 2012, in the ordinary month of 2013", () => {
    const m = model({ staff: [quiet("s1", { lunarBirthday: { leap: true, month: 4, day: 5 } })], activities: [activity("2012-05-19", ["s1"])] });
    expect(ofKind(due(m, "2012-05-20"), "birthday")[0]).toMatchObject({ due: "2012-05-25" });
    expect(ofKind(due(m, "2013-05-10"), "birthday")[0]).toMatchObject({ due: "2013-05-14" });
  });

  it("prospects have birthdays too; solar and lunar are separate items", () => {
    const m = model({
      prospects: [prospect({ id: "p1", birthday: { year: 1966, month: 3, day: 24 }, lunarBirthday: { leap: false, month: 2, day: 28 } })],
    });
    const items = ofKind(due(m), "birthday");
    expect(items.map((i) => [i.due, i.person, i.personType])).toEqual([
      ["2012-03-20", "p1", "prospect"],
      ["2012-03-24", "p1", "prospect"],
    ]);
  });
});

describe("holiday", () => {
  const m = (asOf: string) =>
    due(
      model({}, { holidays: [{ date: "2012-04-04", name: "清明节" }, { date: "2012-01-23", name: "春节" }] }),
      asOf,
    );

  it("is listed from D = date − W to D = date, once for the repository, with null branch, person and owner", () => {
    expect(ofKind(m("2012-03-28"), "holiday")).toHaveLength(1);
    expect(ofKind(m("2012-04-04"), "holiday")).toHaveLength(1);
    const [item] = ofKind(m("2012-03-28"), "holiday");
    expect(item).toMatchObject({ due: "2012-04-04", branch: null, department: null, person: null, name: null, owner: null, overdue: false });
  });

  it("is not listed a day too early or once past", () => {
    expect(ofKind(m("2012-03-27"), "holiday")).toEqual([]);
    expect(ofKind(m("2012-04-05"), "holiday")).toEqual([]);
  });
});

describe("contact", () => {
  it("is due at the latest activity on or before D plus the category cadence; due exactly D+W is listed", () => {
    // Influencer: 14 days. Last contact 03-13 → due 03-27 = D+7.
    const m = model({ staff: [{ id: "s1" }], activities: [activity("2012-03-01", ["s1"]), activity("2012-03-13", ["s1"])] });
    const [item] = ofKind(due(m), "contact");
    expect(item).toMatchObject({ due: "2012-03-27", person: "s1" });
    expect(item!.facts).toMatchObject({ last: "2012-03-13", cadenceDays: 14, cadenceBasis: "influencer" });
  });

  it("is not listed when due at D+W+1", () => {
    const m = model({ staff: [{ id: "s1" }], activities: [activity("2012-03-14", ["s1"])] });
    expect(ofKind(due(m), "contact")).toEqual([]);
  });

  it("ignores activities after D", () => {
    const m = model({ staff: [{ id: "s1" }], activities: [activity("2012-03-01", ["s1"]), activity("2012-03-21", ["s1"])] });
    expect(ofKind(due(m), "contact")[0]).toMatchObject({ due: "2012-03-15", overdue: true, daysLate: 5 });
  });

  it("never contacted: due D, not overdue", () => {
    const m = model({ staff: [{ id: "s1", position: "security_guard" }] });
    const [item] = ofKind(due(m), "contact");
    expect(item).toMatchObject({ due: D, overdue: false });
    expect(item!.facts).toMatchObject({ last: null, cadenceBasis: "daily", cadenceDays: 21 });
  });

  it("uses the person's cadence_days over key, and key over the category", () => {
    const m = model({
      staff: [
        { id: "own", key: true, cadenceDays: 10 },
        { id: "key", key: true },
        { id: "cat", position: "branch_head" },
      ],
      activities: [activity("2012-03-12", ["own", "key", "cat"])],
    });
    const byPerson = Object.fromEntries(ofKind(due(m, D, 30), "contact").map((i) => [i.person, i.due]));
    expect(byPerson).toEqual({ own: "2012-03-22", key: "2012-03-19", cat: "2012-04-11" });
  });

  it("counts an activity logged in another branch's file", () => {
    const m = model({ staff: [{ id: "s1" }] }, {}, [{ id: "b2", reviewed: "2012-03-19", staffFile: "read", activities: [activity("2012-03-19", ["s1"]), activity("2012-03-19", [], "report")] }]);
    expect(ofKind(due(m), "contact")).toEqual([]);
  });
});

describe("leader_report", () => {
  const m = (activities: Activity[]) =>
    makeModel({ settings: { bonus: null }, branches: [{ id: "b1", owner: "孙磊", department: "d1", reviewed: "2012-03-19", staffFile: "read", activities }] });

  it("is due at the latest report on or before D plus leader_report_days, with null person", () => {
    const [item] = ofKind(due(m([activity("2012-02-25", [], "report"), activity("2012-03-19", [], "visit")])), "leader_report");
    expect(item).toMatchObject({ due: "2012-03-26", branch: "b1", department: "d1", owner: "孙磊", person: null, name: null });
  });

  it("a report exactly 30 − 7 days ago is due at D+W; one day later is not listed", () => {
    expect(ofKind(due(m([activity("2012-02-26", [], "report")])), "leader_report")[0]?.due).toBe("2012-03-27");
    expect(ofKind(due(m([activity("2012-02-27", [], "report")])), "leader_report")).toEqual([]);
  });

  it("no report on or before D: due D", () => {
    expect(ofKind(due(m([activity("2012-03-21", [], "report")])), "leader_report")[0]).toMatchObject({ due: D, overdue: false });
  });
});

describe("archive_review", () => {
  const m = (branch: Partial<BranchInput>) =>
    makeModel({ settings: { bonus: null }, branches: [{ id: "b1", activities: [activity("2012-03-19", [], "report")], ...branch }] });

  it("is due at reviewed + archive_review_days", () => {
    expect(ofKind(due(m({ reviewed: "2011-11-30", staffFile: "read" })), "archive_review")[0]).toMatchObject({ due: "2012-02-28", overdue: true, daysLate: 21 });
    expect(ofKind(due(m({ reviewed: "2011-12-28", staffFile: "read" })), "archive_review")[0]?.due).toBe("2012-03-27");
    expect(ofKind(due(m({ reviewed: "2011-12-29", staffFile: "read" })), "archive_review")).toEqual([]);
  });

  it("no staff.yaml, or no reviewed: due D", () => {
    expect(ofKind(due(m({ reviewed: null, staffFile: "missing" })), "archive_review")[0]).toMatchObject({ due: D });
    expect(ofKind(due(m({ reviewed: null, staffFile: "read" })), "archive_review")[0]).toMatchObject({ due: D });
  });
});

describe("prospect_followup", () => {
  const m = (nextFollowup: string, contacts: string[] = []) =>
    model({ prospects: [prospect({ id: "p1", nextFollowup })], activities: contacts.map((d) => activity(d, ["p1"])) });

  it("a contact without `done` before the agreed day does not close it", () => {
    expect(ofKind(due(m("2012-03-22", ["2012-03-15", "2012-03-20"])), "prospect_followup")).toHaveLength(1);
  });

  it("an activity after D does not count", () => {
    expect(ofKind(due(m("2012-03-18", ["2012-03-21"])), "prospect_followup")[0]).toMatchObject({ due: "2012-03-18", overdue: true });
  });

  it("is listed up to D+W, and however old: escalated from escalate_days + 1 days late, never dropped", () => {
    expect(ofKind(due(m("2012-03-27")), "prospect_followup")).toHaveLength(1);
    expect(ofKind(due(m("2012-03-28")), "prospect_followup")).toEqual([]);
    expect(ofKind(due(m("2012-02-19")), "prospect_followup")[0]).toMatchObject({ daysLate: 30, escalated: false }); // exactly 30 days old
    expect(ofKind(due(m("2012-02-18")), "prospect_followup")[0]).toMatchObject({ daysLate: 31, escalated: true });
    expect(ofKind(due(m("2009-06-01")), "prospect_followup")[0]).toMatchObject({ escalated: true });
  });

  it("since: items due before it are not listed; due on it, they are", () => {
    const policy = { ...P, since: "2012-02-01" };
    expect(ofKind(due(m("2012-01-31"), D, 7, policy), "prospect_followup")).toEqual([]);
    expect(ofKind(due(m("2012-02-01"), D, 7, policy), "prospect_followup")[0]).toMatchObject({ escalated: true });
  });
});

describe("maturity", () => {
  const m = (matures: string, contacts: string[] = []) =>
    model({ prospects: [prospect({ id: "p1", holdings: [{ product: "定期存款", amount: 500_000, matures }] })], activities: contacts.map((d) => activity(d, ["p1"])) });

  it("is due maturity_lead_days before the holding matures", () => {
    const [item] = ofKind(due(m("2012-03-30")), "maturity");
    expect(item).toMatchObject({ due: "2012-03-23" });
    expect(item!.facts).toMatchObject({ product: "定期存款", amount: 500_000, matures: "2012-03-30" });
  });

  it("window edges: due D+W listed, D+W+1 not", () => {
    expect(ofKind(due(m("2012-04-03")), "maturity")).toHaveLength(1);
    expect(ofKind(due(m("2012-04-04")), "maturity")).toEqual([]);
  });
});

describe("large_movement", () => {
  const m = (event: Prospect["events"][number], contacts: string[] = []) =>
    model({ prospects: [prospect({ id: "p1", events: [event] })], activities: contacts.map((d) => activity(d, ["p1"])) });
  const event = (date: string, amount: number | null, kind = "large_movement") => ({ date, kind, amount, note: null });

  it("an event of at least large_movement_min is due on its date", () => {
    expect(ofKind(due(m(event("2012-03-18", 500_000))), "large_movement")[0]).toMatchObject({ due: "2012-03-18", overdue: true, daysLate: 2 });
  });

  it("below the minimum, another kind, or no amount: not listed", () => {
    expect(ofKind(due(m(event("2012-03-18", 499_999))), "large_movement")).toEqual([]);
    expect(ofKind(due(m(event("2012-03-18", 900_000, "other"))), "large_movement")).toEqual([]);
    expect(ofKind(due(m(event("2012-03-18", null))), "large_movement")).toEqual([]);
  });

  it("an event exactly escalate_days old is listed; one day older is listed escalated", () => {
    expect(ofKind(due(m(event("2012-02-19", 800_000))), "large_movement")[0]).toMatchObject({ escalated: false });
    expect(ofKind(due(m(event("2012-02-18", 800_000))), "large_movement")[0]).toMatchObject({ escalated: true });
  });

  it("an event after D has not happened yet", () => {
    expect(ofKind(due(m(event("2012-03-21", 800_000))), "large_movement")).toEqual([]);
  });

});

describe("care_call", () => {
  const m = (purchase: Prospect["purchases"][number], contacts: string[] = []) =>
    model({ prospects: [prospect({ id: "p1", purchases: [purchase] })], activities: contacts.map((d) => activity(d, ["p1"])) });
  const purchase = (date: string, important = true) => ({ date, product: "长城2号", amount: 300_000, important });

  it("an important purchase is due care_call_days later", () => {
    expect(ofKind(due(m(purchase("2012-03-16"))), "care_call")[0]).toMatchObject({ due: "2012-03-19", overdue: true });
  });

  it("not for purchases that are not important, nor for purchases after D", () => {
    expect(ofKind(due(m(purchase("2012-03-16", false))), "care_call")).toEqual([]);
    expect(ofKind(due(m(purchase("2012-03-22"))), "care_call")).toEqual([]);
  });

  it("purchase exactly escalate_days + care_call_days ago is listed, one day older is escalated", () => {
    expect(ofKind(due(m(purchase("2012-02-16"))), "care_call")[0]).toMatchObject({ escalated: false }); // due 02-19 = D − 30
    expect(ofKind(due(m(purchase("2012-02-15"))), "care_call")[0]).toMatchObject({ escalated: true });
  });
});

describe("closing an event-like item: the opening days", () => {
  // D = 03-20. Each row: a prospect with one item, the opening day for an activity that lists
  // the kind in `done`, and the day v2 let an activity without `done` close it (v3: never).
  const rows: { kind: DoneKind; prospect: Partial<Prospect>; opening: string; plainOpening: string }[] = [
    { kind: "prospect_followup", prospect: { nextFollowup: "2012-03-18" }, opening: "2012-03-11", plainOpening: "2012-03-18" },
    { kind: "maturity", prospect: { holdings: [{ product: "定期存款", amount: 1_000_000, matures: "2012-03-25" }] }, opening: "2012-03-11", plainOpening: "2012-03-18" },
    { kind: "large_movement", prospect: { events: [{ date: "2012-03-15", kind: "large_movement", amount: 600_000, note: null }] }, opening: "2012-03-15", plainOpening: "2012-03-15" },
    { kind: "complaint", prospect: { events: [{ date: "2012-03-15", kind: "complaint", amount: null, note: "排队太久" }] }, opening: "2012-03-15", plainOpening: "2012-03-15" },
    { kind: "care_call", prospect: { purchases: [{ date: "2012-03-15", product: "长城2号", amount: 300_000, important: true }] }, opening: "2012-03-16", plainOpening: "2012-03-16" },
  ];
  const listed = (row: (typeof rows)[number], activities: Activity[]) => ofKind(due(model({ prospects: [prospect({ id: "p1", ...row.prospect })], activities })), row.kind);
  const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  for (const row of rows) {
    describe(row.kind, () => {
      it("is open with no activity at all", () => {
        expect(listed(row, [])).toHaveLength(1);
      });

      it(`done: [${row.kind}] closes it from ${row.opening} on, not the day before`, () => {
        expect(listed(row, [doneActivity(dayBefore(row.opening), ["p1"], [row.kind])])).toHaveLength(1);
        expect(listed(row, [doneActivity(row.opening, ["p1"], [row.kind])])).toEqual([]);
      });

      it(`an activity without done does not close it, neither on ${row.plainOpening} (v2's plain opening day) nor on D`, () => {
        expect(listed(row, [activity(dayBefore(row.plainOpening), ["p1"])])).toHaveLength(1);
        expect(listed(row, [activity(row.plainOpening, ["p1"])])).toHaveLength(1);
        expect(listed(row, [activity(D, ["p1"], "visit"), activity(D, ["p1"], "sms")])).toHaveLength(1);
      });

      it("a done list naming only other kinds does not close it, even on D", () => {
        const others = ["prospect_followup", "maturity", "large_movement", "complaint", "care_call"].filter((k) => k !== row.kind) as DoneKind[];
        expect(listed(row, [doneActivity(D, ["p1"], others)])).toHaveLength(1);
        expect(listed(row, [doneActivity(D, ["p1"], [])])).toHaveLength(1);
      });

      it("an activity about someone else, or dated after D, does not close it", () => {
        expect(listed(row, [doneActivity(D, ["p2"], [row.kind]), activity(D, ["p2"])])).toHaveLength(1);
        expect(listed(row, [doneActivity("2012-03-21", ["p1"], [row.kind]), activity("2012-03-21", ["p1"])])).toHaveLength(1);
      });
    });
  }

  it("何先生: a call about a large movement does not close the maturity due the next day, nor the follow-up agreed for it", () => {
    const he = prospect({
      id: "p-he",
      nextFollowup: "2012-03-21",
      holdings: [{ product: "定期存款", amount: 1_000_000, matures: "2012-03-28" }],
      events: [{ date: "2012-03-20", kind: "large_movement", amount: 600_000, note: null }],
    });
    for (const call of [activity("2012-03-20", ["p-he"]), doneActivity("2012-03-20", ["p-he"], ["large_movement"])]) {
      const items = due(model({ prospects: [he], activities: [call] })).filter((i) => i.person === "p-he" && i.kind !== "large_movement");
      expect(items.map((i) => [i.due, i.kind])).toEqual([
        ["2012-03-21", "prospect_followup"],
        ["2012-03-21", "maturity"],
      ]);
      // v3: the movement itself is closed only by the call that says so.
      expect(ofKind(due(model({ prospects: [he], activities: [call] })), "large_movement")).toHaveLength(call.done === null ? 1 : 0);
      // Still open the next day: the call came before either item's plain opening day.
      expect(due(model({ prospects: [he], activities: [call] }), "2012-03-21").filter((i) => i.person === "p-he" && i.kind !== "large_movement").map((i) => i.kind)).toEqual(["prospect_followup", "maturity"]);
    }
  });

  it("谢老师: the lecture where the follow-up was agreed does not close it; a call on the day closes it only when it says so", () => {
    const xie = prospect({ id: "p-xie", nextFollowup: "2012-03-21" });
    const lecture = activity("2012-03-14", ["p-xie"], "event");
    expect(ofKind(due(model({ prospects: [xie], activities: [lecture] })), "prospect_followup")).toHaveLength(1);
    expect(ofKind(due(model({ prospects: [xie], activities: [lecture] }), "2012-03-23"), "prospect_followup")[0]).toMatchObject({ overdue: true, daysLate: 2 });
    expect(ofKind(due(model({ prospects: [xie], activities: [lecture, activity("2012-03-21", ["p-xie"])] }), "2012-03-23"), "prospect_followup")).toHaveLength(1);
    expect(ofKind(due(model({ prospects: [xie], activities: [lecture, doneActivity("2012-03-21", ["p-xie"], ["prospect_followup"])] }), "2012-03-23"), "prospect_followup")).toEqual([]);
  });

  it("issue 23: a group SMS closes no complaint, an invitation no maturity, a planned salon no care call; the cadence still moves", () => {
    const chen = prospect({
      id: "p-chen",
      tier: "valuable",
      events: [{ date: "2012-03-10", kind: "complaint", amount: null, note: "排队太久" }],
      holdings: [{ product: "定期存款", amount: 300_000, matures: "2012-03-25" }],
      purchases: [{ date: "2012-03-16", product: "长城2号", amount: 300_000, important: true }],
    });
    const activities = [activity("2012-03-19", ["p-chen"], "sms"), activity("2012-03-20", ["p-chen"], "call"), activity("2012-03-20", ["p-chen"], "event")];
    const items = due(model({ prospects: [chen], activities })).filter((i) => i.person === "p-chen");
    expect(items.map((i) => i.kind).sort()).toEqual(["care_call", "complaint", "maturity"]);
    // The contact cadence moved: the next contact is due 04-19, beyond the window (never contacted: due D).
    expect(ofKind(due(model({ prospects: [chen], activities })), "contact").filter((i) => i.person === "p-chen")).toEqual([]);
    expect(ofKind(due(model({ prospects: [chen], activities }), D, 30), "contact").find((i) => i.person === "p-chen")).toMatchObject({ due: "2012-04-19" });
  });

  it("an escalated item is offered to the department's channel lead; --owner matches either", () => {
    const old = prospect({ id: "p1", nextFollowup: "2012-01-10" });
    const m2 = makeModel({
      settings: { bonus: null },
      departments: [makeDepartment({ id: "d1", team: { generalManager: null, marketingLead: null, channelLead: "钱进", specialist: "李娜", members: [] } })],
      branches: [{ id: "b1", department: "d1", owner: "孙磊", reviewed: "2012-03-19", staffFile: "read", prospects: [old], activities: [activity("2012-03-19", [], "report")] }],
    });
    const [item] = ofKind(due(m2), "prospect_followup");
    expect(item).toMatchObject({ escalated: true, owner: "孙磊", channelLead: "钱进" });
    expect(filterFollowups(due(m2), { owner: "钱进" }).map((i) => i.kind)).toEqual(["prospect_followup"]);
    expect(filterFollowups(due(m2), { owner: "孙磊" }).map((i) => i.kind)).toContain("prospect_followup");
    expect(due(m2).filter((i) => i.kind !== "prospect_followup").every((i) => !i.escalated && i.channelLead === null)).toBe(true);
  });

  it("one activity can close several kinds it lists, for every person it names", () => {
    const p1 = prospect({ id: "p1", nextFollowup: "2012-03-22", purchases: [{ date: "2012-03-15", product: "长城2号", amount: 300_000, important: true }] });
    const p2 = prospect({ id: "p2", nextFollowup: "2012-03-22" });
    const items = due(model({ prospects: [p1, p2], activities: [doneActivity("2012-03-17", ["p1", "p2"], ["prospect_followup", "care_call"])] }));
    expect(items.filter((i) => i.personType === "prospect")).toEqual([]);
  });
});

describe("complaint", () => {
  const m = (events: Prospect["events"], activities: Activity[] = []) => model({ prospects: [prospect({ id: "p1", phone: "13900001111", events })], activities });
  const complaint = (date: string, note: string | null = "排队太久") => ({ date, kind: "complaint", amount: null, note });

  it("a complaint dated on or before D is due on its date, with its note", () => {
    const [item] = ofKind(due(m([complaint("2012-03-19")])), "complaint");
    expect(item).toMatchObject({ due: "2012-03-19", overdue: true, daysLate: 1, person: "p1", personType: "prospect", phone: "13900001111" });
    expect(item!.facts).toEqual({ kind: "complaint", date: "2012-03-19", note: "排队太久" });
  });

  it("a complaint after D has not happened yet; one escalate_days old is listed, one day older is escalated", () => {
    expect(ofKind(due(m([complaint("2012-03-21")])), "complaint")).toEqual([]);
    expect(ofKind(due(m([complaint("2012-02-19")])), "complaint")[0]).toMatchObject({ escalated: false });
    expect(ofKind(due(m([complaint("2012-02-18")])), "complaint")[0]).toMatchObject({ escalated: true });
  });

  it("each complaint is its own item; events of other kinds make none", () => {
    const items = ofKind(due(m([complaint("2012-03-10"), complaint("2012-03-18", null), { date: "2012-03-18", kind: "other", amount: null, note: null }])), "complaint");
    expect(items.map((i) => i.due)).toEqual(["2012-03-10", "2012-03-18"]);
  });
});

describe("planned", () => {
  const people = { staff: [quiet("s1", { name: "王芳", phone: "13800138000" })], prospects: [prospect({ id: "p1", name: "陈先生", phone: "13900001111" })] };
  const salon: Activity = { ...makeActivity("2012-03-24", "event", ["p1", "s1"]), note: "理财沙龙 香蜜湖会所" };
  const m = (activities: Activity[]) => model({ ...people, activities: [activity("2012-03-19", ["s1"]), ...activities] });

  it("an activity after D and on or before D+W is listed on its day, about the first person in with", () => {
    const [item] = ofKind(due(m([salon])), "planned");
    expect(item).toMatchObject({ due: "2012-03-24", overdue: false, branch: "b1", owner: "李娜", person: "p1", name: "陈先生", personType: "prospect", phone: "13900001111" });
    expect(item!.facts).toEqual({
      kind: "planned",
      activityKind: "event",
      with: [
        { id: "p1", name: "陈先生", personType: "prospect" },
        { id: "s1", name: "王芳", personType: "staff" },
      ],
      note: "理财沙龙 香蜜湖会所",
    });
  });

  it("at D+W it is listed, at D+W+1 not yet; on D it is a contact, not a plan", () => {
    expect(ofKind(due(m([{ ...salon, date: "2012-03-27" }])), "planned")).toHaveLength(1);
    expect(ofKind(due(m([{ ...salon, date: "2012-03-28" }])), "planned")).toEqual([]);
    expect(ofKind(due(m([{ ...salon, date: D }])), "planned")).toEqual([]);
  });

  it("with nobody in with: no person, no phone; the branch's owner", () => {
    const [item] = ofKind(due(m([{ ...makeActivity("2012-03-22", "event", []), note: "社区开发：华强北 张伟 刘洋" }])), "planned");
    expect(item).toMatchObject({ person: null, name: null, phone: null, branch: "b1", owner: "李娜" });
  });

  it("a plan is not a contact: it neither moves the cadence nor closes an item", () => {
    const items = due(model({ staff: [{ id: "s1" }], prospects: [prospect({ id: "p1", nextFollowup: "2012-03-19" })], activities: [activity("2012-03-01", ["s1"]), doneActivity("2012-03-21", ["s1", "p1"], ["prospect_followup"], "visit")] }));
    expect(ofKind(items, "contact")[0]).toMatchObject({ person: "s1", due: "2012-03-15" });
    expect(ofKind(items, "prospect_followup")).toHaveLength(1);
  });
});

describe("hq_report", () => {
  const m = (hqReported: string | null, amCovered = true) =>
    makeModel({
      settings: { bonus: null },
      departments: [makeDepartment({ id: "dept-a", amCovered })],
      branches: [{ id: "b1", owner: "刘洋", hqReported, reviewed: "2012-03-19", staffFile: "read", activities: [activity("2012-03-19", [], "report")] }],
    });

  it("a branch of an am-covered department not reported on or before D: due D, no person", () => {
    for (const reported of [null, "2012-03-21"]) {
      const [item] = ofKind(due(m(reported)), "hq_report");
      expect(item).toMatchObject({ due: D, overdue: false, branch: "b1", department: "dept-a", owner: "刘洋", person: null, name: null, phone: null });
      expect(item!.facts).toEqual({ kind: "hq_report", end: "2012-03-31" });
    }
  });

  it("none once reported on or before D, nor for a self-driven department", () => {
    expect(ofKind(due(m(D)), "hq_report")).toEqual([]);
    expect(ofKind(due(m(null, false)), "hq_report")).toEqual([]);
  });

  it("only while D is within the expense-support window, and not without the policy", () => {
    expect(ofKind(due(m(null), "2012-02-01"), "hq_report")).toHaveLength(1);
    expect(ofKind(due(m(null), "2012-03-31"), "hq_report")).toHaveLength(1);
    expect(ofKind(due(m(null), "2012-01-31"), "hq_report")).toEqual([]);
    expect(ofKind(due(m(null), "2012-04-01"), "hq_report")).toEqual([]);
    const noPolicy = m(null);
    noPolicy.settings = { ...noPolicy.settings, expenseSupport: null };
    expect(ofKind(due(noPolicy), "hq_report")).toEqual([]);
  });
});

describe("contact of valuable prospects", () => {
  const m = (p: Partial<Prospect>, activities: Activity[] = []) => model({ prospects: [prospect({ id: "p1", tier: "valuable", ...p })], activities });

  it("due at the latest activity on or before D + cadence_days.valuable (30)", () => {
    const [item] = ofKind(due(m({}, [activity("2012-02-20", ["p1"]), activity("2012-02-26", ["p1"]), activity("2012-03-21", ["p1"])])), "contact");
    expect(item).toMatchObject({ due: "2012-03-27", person: "p1", personType: "prospect" });
    expect(item!.facts).toEqual({ kind: "contact", last: "2012-02-26", cadenceDays: 30, cadenceBasis: "valuable" });
    expect(ofKind(due(m({}, [activity("2012-02-27", ["p1"])])), "contact")).toEqual([]);
  });

  it("the prospect's own cadence_days wins; never contacted: due D", () => {
    expect(ofKind(due(m({ cadenceDays: 10 }, [activity("2012-03-12", ["p1"])])), "contact")[0]).toMatchObject({ due: "2012-03-22", facts: { cadenceBasis: "personal", cadenceDays: 10 } });
    expect(ofKind(due(m({})), "contact")[0]).toMatchObject({ due: D, facts: { last: null } });
  });

  it("follows the policy's valuable cadence", () => {
    const policy: FollowupPolicy = { ...P, cadenceDays: { ...P.cadenceDays, valuable: 20 } };
    expect(ofKind(due(m({}, [activity("2012-03-05", ["p1"])]), D, 7, policy), "contact")[0]).toMatchObject({ due: "2012-03-25" });
  });

  it("basic prospects get no contact item", () => {
    expect(ofKind(due(m({ tier: "basic" })), "contact")).toEqual([]);
  });
});

describe("staff who left", () => {
  const m = (left: string | null) =>
    model(
      {
        staff: [{ id: "s1", position: "branch_head", left, birthday: { year: 1970, month: 3, day: 22 } }],
        prospects: [prospect({ id: "p1", nextFollowup: "2012-03-19" })],
        activities: [doneActivity("2012-03-19", ["s1", "p1"], ["prospect_followup"])],
      },
      { bonus: makeBonusPolicy() },
    );
  const forS1 = (items: FollowupItem[]) => items.filter((i) => i.person === "s1").map((i) => i.kind);

  it("left on or before D: no birthday, contact or registration items", () => {
    expect(forS1(due(m(D), D, 30))).toEqual([]);
    expect(forS1(due(m("2012-01-10"), D, 30))).toEqual([]);
  });

  it("leaving after D: still present on D", () => {
    expect(forS1(due(m("2012-03-21"), D, 30)).sort()).toEqual(["birthday", "contact", "hq_registration"]);
  });

  it("their activities still count as history", () => {
    expect(ofKind(due(m(D)), "prospect_followup")).toEqual([]);
  });
});

describe("hq_registration", () => {
  const staff: StaffInput[] = [
    quiet("head", { position: "branch_head" }),
    quiet("reg", { position: "wealth_manager", hqRegistered: "2012-03-20" }),
    quiet("later", { position: "wealth_manager", hqRegistered: "2012-03-21" }),
    quiet("conv", { position: "wealth_manager", conversion: { kind: "asset", amount: "5万", at: "2012-03-20 15:00" } }),
    quiet("teller", { position: "teller" }),
  ];
  const bonus = { start: "2012-02-01", deadline: "2012-03-31" };
  const m = () =>
    makeModel({
      branches: [{ id: "b1", reviewed: "2012-03-19", staffFile: "read", staff, activities: [activity("2012-03-19", ["head", "reg", "later", "conv", "teller"]), activity("2012-03-19", [], "report")] }],
    });

  it("lists eligible staff with neither a registration nor a conversion on or before D, due D", () => {
    const items = ofKind(due(m()), "hq_registration");
    expect(items.map((i) => [i.person, i.due])).toEqual([
      ["head", D],
      ["later", D],
    ]);
  });

  it("only while D is within [start, deadline]", () => {
    expect(ofKind(due(m(), bonus.start), "hq_registration").length).toBeGreaterThan(0);
    expect(ofKind(due(m(), bonus.deadline), "hq_registration").length).toBeGreaterThan(0);
    expect(ofKind(due(m(), "2012-01-31"), "hq_registration")).toEqual([]);
    expect(ofKind(due(m(), "2012-04-01"), "hq_registration")).toEqual([]);
  });

  it("none without a bonus policy", () => {
    const noBonus = m();
    noBonus.settings = { ...noBonus.settings, bonus: null };
    expect(ofKind(due(noBonus), "hq_registration")).toEqual([]);
  });
});

describe("order, fields and filters", () => {
  const m = makeModel({
    settings: { holidays: [{ date: "2012-03-22", name: "测试节" }] },
    branches: [
      {
        id: "b2",
        owner: "孙磊",
        department: "d2",
        reviewed: null,
        staffFile: "read",
        staff: [{ id: "a-staff", birthday: { year: null, month: 3, day: 22 } }, { id: "z-staff" }],
      },
      { id: "b1", owner: "李娜", department: "d1", reviewed: "2012-03-19", staffFile: "read", staff: [{ id: "m-staff", position: "teller" }] },
    ],
  });
  const items = due(m);

  it("sorts by due, then kind in SPEC order, then branch, then person", () => {
    const keys = items.map((i) => [i.due, FOLLOWUP_KINDS.indexOf(i.kind), i.branch ?? "", i.person ?? ""] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
    expect(keys).toEqual(sorted);
    // On D: contacts, leader reports, the archive review, registrations (m-staff is a teller);
    // on 03-22 the birthday comes before the holiday (SPEC kind order).
    expect(items.map((i) => `${i.due} ${i.kind} ${i.branch ?? "-"} ${i.person ?? "-"}`)).toEqual([
      "2012-03-20 contact b1 m-staff",
      "2012-03-20 contact b2 a-staff",
      "2012-03-20 contact b2 z-staff",
      "2012-03-20 leader_report b1 -",
      "2012-03-20 leader_report b2 -",
      "2012-03-20 archive_review b2 -",
      "2012-03-20 hq_registration b2 a-staff",
      "2012-03-20 hq_registration b2 z-staff",
      "2012-03-22 birthday b2 a-staff",
      "2012-03-22 holiday - -",
    ]);
  });

  it("branch-level items have null person and name; staff items name the branch's department and owner", () => {
    const report = items.find((i) => i.kind === "leader_report" && i.branch === "b2")!;
    expect(report).toMatchObject({ person: null, name: null, department: "d2", owner: "孙磊" });
    const contact = items.find((i) => i.kind === "contact" && i.person === "m-staff")!;
    expect(contact).toMatchObject({ branch: "b1", department: "d1", owner: "李娜", name: "m-staff", position: "teller" });
  });

  it("overdue is due < D", () => {
    for (const i of items) expect(i.overdue).toBe(i.due < D);
  });

  it("filters combine with AND; items of the whole repository (holidays) pass the branch, owner and department filters", () => {
    expect(filterFollowups(items, { owner: "孙磊" }).every((i) => i.owner === "孙磊" || (i.kind === "holiday" && i.branch === null))).toBe(true);
    for (const filter of [{ owner: "孙磊" }, { owner: "李娜" }, { department: "d1" }, { branch: "b2" }, { branch: "b1", owner: "孙磊" }]) {
      expect(filterFollowups(items, filter).filter((i) => i.kind === "holiday")).toHaveLength(1);
    }
    expect(filterFollowups(items, { owner: "孙磊", kinds: ["contact"] }).some((i) => i.kind === "holiday")).toBe(false);
    expect(filterFollowups(items, { owner: "孙磊", kinds: ["contact"] }).map((i) => i.person)).toEqual(["a-staff", "z-staff"]);
    expect(filterFollowups(items, { department: "d1", kinds: ["hq_registration"] })).toEqual([]);
    expect(filterFollowups(items, { branch: "b1" }).map((i) => i.kind)).toEqual(["contact", "leader_report", "holiday"]);
    expect(filterFollowups(items, {})).toEqual(items);
  });

  it("is pure: the same result twice, and the model untouched", () => {
    const before = JSON.stringify(m);
    expect(due(m)).toEqual(items);
    expect(JSON.stringify(m)).toBe(before);
  });

  it("identities differ between items (they make calendar UIDs)", () => {
    expect(new Set(items.map((i) => i.identity)).size).toBe(items.length);
  });

  it("a never-contacted person keeps the same identity from one day to the next", () => {
    const today = due(m).find((i) => i.kind === "contact" && i.person === "m-staff")!;
    const tomorrow = due(m, "2012-03-21").find((i) => i.kind === "contact" && i.person === "m-staff")!;
    expect(tomorrow.due).not.toBe(today.due);
    expect(tomorrow.identity).toBe(today.identity);
  });

  it("--within 0 keeps only what is due today or overdue", () => {
    expect(due(m, D, 0).every((i) => i.due <= D)).toBe(true);
  });
});

describe("phone", () => {
  const m = model({
    staff: [{ id: "s1", phone: "13800138000" }, { id: "s2" }],
    prospects: [
      prospect({ id: "p-mobile", tier: "valuable", phone: "13900001111", workPhone: "0755-83195001", homePhone: "0755-26660000" }),
      prospect({ id: "p-work", tier: "valuable", workPhone: "0755-83195001", homePhone: "0755-26660000" }),
      prospect({ id: "p-home", tier: "valuable", homePhone: "0755-26660000" }),
      prospect({ id: "p-none", tier: "valuable" }),
    ],
  });
  const phones = Object.fromEntries(ofKind(due(m), "contact").map((i) => [i.person, i.phone]));

  it("is the staff member's phone, null when none is recorded", () => {
    expect(phones).toMatchObject({ s1: "13800138000", s2: null });
  });

  it("is a prospect's mobile, else the work phone, else the home phone", () => {
    expect(phones).toMatchObject({ "p-mobile": "13900001111", "p-work": "0755-83195001", "p-home": "0755-26660000", "p-none": null });
  });

  it("is null on items without a person", () => {
    // A month on, the branch's leader report and archive review are due: items about no one.
    const branchItems = due(m, "2012-04-25").filter((i) => i.person === null);
    expect(branchItems.map((i) => i.kind)).toContain("leader_report");
    expect(branchItems.every((i) => i.phone === null)).toBe(true);
  });
});
