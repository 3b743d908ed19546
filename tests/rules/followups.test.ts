/**
 * SPEC 5 "Follow-ups", kind by kind, at the edges: due exactly at D+W and one day after, an
 * activity exactly at due − P and one day before, events exactly overdue_days old and one day
 * older, 02-29 birthdays in a common year, lunar day 30 in a 29-day month, the bonus window;
 * then the sort order, the null fields, filters and purity.
 */
import { describe, expect, it } from "vitest";
import { filterFollowups, findDueFollowups, FOLLOWUP_KINDS, type FollowupItem, type FollowupKind } from "../../src/rules/followups.js";
import { DEFAULT_FOLLOWUP_POLICY, type Activity, type ActivityKind, type FollowupPolicy, type Model, type Prospect } from "../../src/model/types.js";
import { makeActivity, makeModel, makeProspect, type BranchInput, type ModelInput, type StaffInput } from "../builders.js";

const D = "2012-03-20";
const P: FollowupPolicy = DEFAULT_FOLLOWUP_POLICY; // window 7, overdue 30, key 7, leader 30 …

function activity(date: string, withIds: string[], kind: ActivityKind = "call"): Activity {
  return makeActivity(date, kind, withIds);
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

  it("an activity exactly at due − P makes it done", () => {
    expect(ofKind(due(m("2012-03-22", ["2012-03-15"])), "prospect_followup")).toEqual([]);
  });

  it("an activity one day before due − P does not", () => {
    expect(ofKind(due(m("2012-03-22", ["2012-03-14"])), "prospect_followup")).toHaveLength(1);
  });

  it("an activity after D does not count", () => {
    expect(ofKind(due(m("2012-03-18", ["2012-03-21"])), "prospect_followup")[0]).toMatchObject({ due: "2012-03-18", overdue: true });
  });

  it("is listed up to D+W and back to D − overdue_days, not beyond", () => {
    expect(ofKind(due(m("2012-03-27")), "prospect_followup")).toHaveLength(1);
    expect(ofKind(due(m("2012-03-28")), "prospect_followup")).toEqual([]);
    expect(ofKind(due(m("2012-02-19")), "prospect_followup")).toHaveLength(1); // exactly 30 days old
    expect(ofKind(due(m("2012-02-18")), "prospect_followup")).toEqual([]); // 31 days old
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

  it("done by an activity exactly at due − P, not by one a day earlier", () => {
    expect(ofKind(due(m("2012-03-26", ["2012-03-12"])), "maturity")).toEqual([]);
    expect(ofKind(due(m("2012-03-26", ["2012-03-11"])), "maturity")).toHaveLength(1);
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

  it("an event exactly overdue_days old is listed; one day older is not", () => {
    expect(ofKind(due(m(event("2012-02-19", 800_000))), "large_movement")).toHaveLength(1);
    expect(ofKind(due(m(event("2012-02-18", 800_000))), "large_movement")).toEqual([]);
  });

  it("an event after D has not happened yet", () => {
    expect(ofKind(due(m(event("2012-03-21", 800_000))), "large_movement")).toEqual([]);
  });

  it("done by an activity on or after its date, not by one the day before", () => {
    expect(ofKind(due(m(event("2012-03-12", 600_000), ["2012-03-12"])), "large_movement")).toEqual([]);
    expect(ofKind(due(m(event("2012-03-12", 600_000), ["2012-03-11"])), "large_movement")).toHaveLength(1);
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

  it("done by an activity from the day after the purchase; one on the purchase day does not count", () => {
    expect(ofKind(due(m(purchase("2012-03-16"), ["2012-03-17"])), "care_call")).toEqual([]);
    expect(ofKind(due(m(purchase("2012-03-16"), ["2012-03-16"])), "care_call")).toHaveLength(1);
  });

  it("purchase exactly overdue_days + care_call_days ago is listed, one day older is not", () => {
    expect(ofKind(due(m(purchase("2012-02-16"))), "care_call")).toHaveLength(1); // due 02-19 = D − 30
    expect(ofKind(due(m(purchase("2012-02-15"))), "care_call")).toEqual([]);
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

  it("filters combine with AND", () => {
    expect(filterFollowups(items, { owner: "孙磊" }).every((i) => i.owner === "孙磊")).toBe(true);
    expect(filterFollowups(items, { owner: "孙磊", kinds: ["contact"] }).map((i) => i.person)).toEqual(["a-staff", "z-staff"]);
    expect(filterFollowups(items, { department: "d1", kinds: ["hq_registration"] })).toEqual([]);
    expect(filterFollowups(items, { branch: "b1" }).map((i) => i.kind)).toEqual(["contact", "leader_report"]);
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
