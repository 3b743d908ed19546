/**
 * Which follow-up items a contact deals with (docs/rules.md, "What closes an item"): an
 * event-like item is closed only by an activity that names its person, lists the item's kind in
 * `done`, and is dated on or after the item's opening day (and, as the caller sees to, on or
 * before the as-of day). A contact without `done` closes no event-like item: it still counts for
 * the contact cadence. Pure; shared by `channel log`'s hint and prompt and by the follow-up rules.
 *
 * It needs only the few fields of an item named by ClosableItem, so it depends on the kinds
 * (followup-kinds.ts) and not on the rules that make the items (followups.ts imports this file).
 */
import { addDays, type IsoDate } from "../model/values.js";
import { DONE_KINDS, type DoneKind } from "./followup-kinds.js";

/** What of an activity the closing rule looks at. */
export interface ClosingActivity {
  date: IsoDate;
  /** The staff and prospect ids it names. */
  with: readonly string[];
  /** The follow-up kinds it lists as dealt with; null when it has no `done` list. */
  done: readonly DoneKind[] | null;
}

/** What of a follow-up item the closing rule looks at (a FollowupItem of rules/followups.ts has all of it). */
export interface ClosableItem {
  kind: string;
  due: IsoDate;
  person: string | null;
  /** Why it is due: for a care call, `date` is the purchase's day (the item opens the day after). */
  facts: { kind: string; date?: IsoDate };
}

export function isDoneKind(kind: string): kind is DoneKind {
  return (DONE_KINDS as readonly string[]).includes(kind);
}

/**
 * The opening day of an event-like item of `kind` due on `due`: a planned follow-up and a
 * maturity can be dealt with up to `window_days` ahead of their due day; a large movement and a
 * complaint (due on the event's date) from that day; a care call from the day after the purchase
 * (`purchased`).
 */
export function openingDayFor(kind: DoneKind, due: IsoDate, purchased: IsoDate | null, windowDays: number): IsoDate {
  switch (kind) {
    case "prospect_followup":
    case "maturity":
      return addDays(due, -windowDays);
    case "large_movement":
    case "complaint":
      return due;
    case "care_call":
      return addDays(purchased ?? due, 1);
  }
}

/** The opening day of an item (null for the kinds no contact closes). */
export function openingDay(item: ClosableItem, policy: { windowDays: number }): IsoDate | null {
  if (!isDoneKind(item.kind)) return null;
  if (item.kind === "care_call" && item.facts.kind !== "care_call") return null;
  return openingDayFor(item.kind, item.due, item.facts.kind === "care_call" ? (item.facts.date ?? null) : null, policy.windowDays);
}

/** Whether a contact on `contact.date` with this `done` list deals with an item of `kind` that opens on `opening`: it must list the kind. */
export function contactDeals(contact: Pick<ClosingActivity, "date" | "done">, kind: DoneKind, opening: IsoDate): boolean {
  return contact.done !== null && contact.done.includes(kind) && opening <= contact.date;
}

/**
 * Whether `activity` closes `item`. The caller counts only activities dated on or before the
 * as-of day (a planned one has not happened yet).
 */
export function closes(activity: ClosingActivity, item: ClosableItem, policy: { windowDays: number }): boolean {
  if (item.person === null || !activity.with.includes(item.person) || !isDoneKind(item.kind)) return false;
  const opening = openingDay(item, policy);
  return opening !== null && contactDeals(activity, item.kind, opening);
}

/** The items of `items` that `activity` closes, in their order. */
export function itemsClosedBy<T extends ClosableItem>(activity: ClosingActivity, items: readonly T[], policy: { windowDays: number }): T[] {
  return items.filter((item) => closes(activity, item, policy));
}

/** What `channel log` tells after writing an activity: see closingHint. */
export interface ClosingHint<T> {
  /** The items the activity closes. */
  closed: T[];
  /** The items that stay open. */
  open: T[];
  /**
   * The `done` list that would close what the activity closes and also every open item it
   * could close by listing it, in DONE_KINDS order; null when listing would close nothing more.
   */
  suggestedDone: DoneKind[] | null;
  /** Kinds the activity lists that none of the items has (a slip, or nothing was open). */
  unmatched: DoneKind[];
}

/** Which of `items` (the open items of the activity's people) the activity closes, which stay open, and the `done` that would close more. */
export function closingHint<T extends ClosableItem>(activity: ClosingActivity, items: readonly T[], policy: { windowDays: number }): ClosingHint<T> {
  const closed = itemsClosedBy(activity, items, policy);
  const open = items.filter((item) => !closed.includes(item));
  // A done list closes only what it lists: the suggestion keeps the kinds the activity closes now.
  const listed = new Set<string>(closed.map((item) => item.kind));
  const more = open.filter((item) => isDoneKind(item.kind) && closes({ ...activity, done: [item.kind] }, item, policy));
  for (const item of more) listed.add(item.kind);
  const suggestedDone = more.length === 0 ? null : DONE_KINDS.filter((k) => listed.has(k));
  const unmatched = (activity.done ?? []).filter((kind) => !items.some((item) => item.kind === kind));
  return { closed, open, suggestedDone, unmatched };
}
