/**
 * The closing rule of docs/rules.md at each row of the opening-day table: an activity that lists
 * the kind in `done` the day before the opening day leaves the item open, one on the day itself
 * closes it; an activity without `done` never closes an event-like item (v3). P (window_days) is 7 here.
 */
import { describe, expect, it } from "vitest";
import { addDays, type IsoDate } from "../../src/model/values.js";
import { closes, closingHint, itemsClosedBy, openingDay, type ClosingActivity } from "../../src/rules/closing.js";
import type { DoneKind } from "../../src/rules/followup-kinds.js";
import type { FollowupItem } from "../../src/rules/followups.js";

type ClosableItem = Pick<FollowupItem, "kind" | "due" | "facts" | "person">;

const policy = { windowDays: 7 };
const person = "p-he";

/** An item of `kind` due on `due` for 何先生; the facts are what the rules would attach. */
function item(kind: DoneKind, due: IsoDate, eventDate: IsoDate = due): ClosableItem {
  switch (kind) {
    case "prospect_followup":
      return { kind, due, person, facts: { kind, planned: due } };
    case "maturity":
      return { kind, due, person, facts: { kind, product: "定期存款", amount: 1_000_000, matures: "2012-03-28", leadDays: 7 } };
    case "large_movement":
      return { kind, due, person, facts: { kind, date: eventDate, amount: 600_000, note: null } };
    case "care_call":
      return { kind, due, person, facts: { kind, date: eventDate, product: "长城2号", amount: 300_000 } };
    case "complaint":
      // Only the kind and the due day (the complaint's date) matter to the rule.
      return { kind, due, person, facts: { kind: "large_movement", date: due, amount: null, note: "排队太久" } };
  }
}

const call = (date: IsoDate, done: DoneKind[] | null = null, withIds: string[] = [person]): ClosingActivity => ({ date, with: withIds, done });

/** [kind, the item, its opening day]. */
const rows: [DoneKind, ClosableItem, IsoDate][] = [
  ["prospect_followup", item("prospect_followup", "2012-03-21"), "2012-03-14"],
  ["maturity", item("maturity", "2012-03-21"), "2012-03-14"],
  ["large_movement", item("large_movement", "2012-03-18"), "2012-03-18"],
  ["complaint", item("complaint", "2012-03-19"), "2012-03-19"],
  // Bought on 03-16, care call due 3 days later: from the day after the purchase.
  ["care_call", item("care_call", "2012-03-19", "2012-03-16"), "2012-03-17"],
];

const dayBefore = (d: IsoDate): IsoDate => addDays(d, -1);

describe("the opening-day table", () => {
  for (const [kind, subject, opening] of rows) {
    describe(kind, () => {
      it(`opens on ${opening}`, () => {
        expect(openingDay(subject, policy)).toBe(opening);
      });
      it("listed in done: open the day before the opening day, closed on the day itself", () => {
        expect(closes(call(dayBefore(opening), [kind]), subject, policy)).toBe(false);
        expect(closes(call(opening, [kind]), subject, policy)).toBe(true);
      });
      it("without done: never closed, not even long after its due day (v3)", () => {
        expect(closes(call(opening), subject, policy)).toBe(false);
        expect(closes(call(subject.due), subject, policy)).toBe(false);
        expect(closes(call("2012-04-30"), subject, policy)).toBe(false);
      });
      it("a done list that names other kinds does not close it, even long after", () => {
        const others = rows.map((r) => r[0]).filter((k) => k !== kind);
        expect(closes(call("2012-04-30", others), subject, policy)).toBe(false);
        expect(closes(call("2012-04-30", []), subject, policy)).toBe(false);
      });
      it("an activity that does not name the person does not close it", () => {
        expect(closes(call(opening, [kind], ["someone-else"]), subject, policy)).toBe(false);
        expect(closes(call(opening, [kind], []), subject, policy)).toBe(false);
      });
    });
  }
});

describe("itemsClosedBy", () => {
  it("a call about a movement on 03-20 does not close the maturity due 03-21 unless it says so (issue 17's 何先生)", () => {
    const movement = item("large_movement", "2012-03-18");
    const maturity = item("maturity", "2012-03-21");
    const followup = item("prospect_followup", "2012-03-21");
    const all = [movement, maturity, followup];
    expect(itemsClosedBy(call("2012-03-20"), all, policy)).toEqual([]);
    expect(itemsClosedBy(call("2012-03-20", ["large_movement"]), all, policy)).toEqual([movement]);
    expect(itemsClosedBy(call("2012-03-20", ["large_movement", "maturity"]), all, policy)).toEqual([movement, maturity]);
    expect(itemsClosedBy(call("2012-03-20", ["maturity", "prospect_followup"]), all, policy)).toEqual([maturity, followup]);
  });

  it("the meeting where a follow-up is agreed, a week before it, does not close it", () => {
    // 谢老师: agreed at the 03-14 lecture for 03-21.
    expect(itemsClosedBy(call("2012-03-14"), [item("prospect_followup", "2012-03-21")], policy)).toEqual([]);
  });

  it("issue 23: a group SMS about a salon, an invitation, a planned salon close nothing", () => {
    const complaint = item("complaint", "2012-03-10");
    const maturity = item("maturity", "2012-03-21");
    const care = item("care_call", "2012-03-19", "2012-03-16");
    const sms = { date: "2012-03-20", with: ["zhang-zong", person], done: null };
    expect(itemsClosedBy(sms, [complaint, maturity, care], policy)).toEqual([]);
    expect(itemsClosedBy(call("2012-03-20", ["care_call"]), [complaint, maturity, care], policy)).toEqual([care]);
  });

  it("items of other kinds (a birthday, a routine contact) are never closed by it", () => {
    const birthday: ClosableItem = { kind: "birthday", due: "2012-03-20", person, facts: { kind: "birthday", calendar: "solar", birthday: { year: null, month: 3, day: 20 }, age: null, movedFromLeapDay: false } };
    expect(itemsClosedBy(call("2012-03-20"), [birthday], policy)).toEqual([]);
  });
});

describe("closingHint", () => {
  const movement = item("large_movement", "2012-03-18");
  const maturity = item("maturity", "2012-03-21");
  const followup = item("prospect_followup", "2012-03-21");

  it("a plain call closes nothing: the suggested done lists every kind it could close", () => {
    const hint = closingHint(call("2012-03-20"), [movement, maturity, followup], policy);
    expect(hint.closed).toEqual([]);
    expect(hint.open).toEqual([movement, maturity, followup]);
    expect(hint.suggestedDone).toEqual(["prospect_followup", "maturity", "large_movement"]);
    expect(hint.unmatched).toEqual([]);
  });

  it("a call listing one kind: the suggestion keeps it and adds the others it could close", () => {
    const hint = closingHint(call("2012-03-20", ["maturity"]), [movement, maturity, followup], policy);
    expect(hint.closed).toEqual([maturity]);
    expect(hint.suggestedDone).toEqual(["prospect_followup", "maturity", "large_movement"]);
  });

  it("a call listing every open kind: nothing more to suggest; a listed kind with no item is named", () => {
    const hint = closingHint(call("2012-03-20", ["maturity", "large_movement", "prospect_followup", "complaint"]), [movement, maturity, followup], policy);
    expect(hint.open).toEqual([]);
    expect(hint.suggestedDone).toBeNull();
    expect(hint.unmatched).toEqual(["complaint"]);
  });

  it("an item not yet open even when listed (a care call on the purchase day) is open and not suggested", () => {
    const care = item("care_call", "2012-03-19", "2012-03-16");
    const hint = closingHint(call("2012-03-16"), [care], policy);
    expect(hint.open).toEqual([care]);
    expect(hint.suggestedDone).toBeNull();
  });
});

describe("closingHint's suggestion", () => {
  it("leaves out a listed kind that has no item, and keeps the listed kinds that close one", () => {
    const movement = item("large_movement", "2012-03-18");
    const followup = item("prospect_followup", "2012-03-05");
    const hint = closingHint(call("2012-03-20", ["large_movement", "complaint"]), [movement, followup], policy);
    expect(hint.closed).toEqual([movement]);
    expect(hint.unmatched).toEqual(["complaint"]);
    expect(hint.suggestedDone).toEqual(["prospect_followup", "large_movement"]);
  });
});

describe("closing.ts's dependencies", () => {
  it("does not import the follow-up rules, which import it (issue 23: no import circle)", async () => {
    const fs = await import("node:fs");
    const source = fs.readFileSync(new URL("../../src/rules/closing.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/^import .* from "(.+)";$/gm)].map((m) => m[1]);
    expect(imports).toEqual(["../model/values.js", "./followup-kinds.js"]);
  });
});
