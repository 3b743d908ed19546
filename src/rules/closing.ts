/**
 * Which follow-up items a contact deals with (docs/rules.md, "What closes an item"): an
 * event-like item is closed by an activity naming its person that either lists the item's kind
 * in `done` and is dated on or after the item's opening day, or has no `done` and is dated on
 * or after its plain opening day. Pure; shared by `channel log`'s hint and the follow-up rules.
 */
import type { FollowupPolicy } from "../model/types.js";
import { addDays, type IsoDate } from "../model/values.js";
import { DONE_KINDS, type DoneKind } from "./followup-kinds.js";
import type { FollowupItem } from "./followups.js";

/** What of an activity the closing rule looks at. */
export interface ClosingActivity {
  date: IsoDate;
  /** The staff and prospect ids it names. */
  with: readonly string[];
  /** The follow-up kinds it lists as dealt with; null when it has no `done` list. */
  done: readonly DoneKind[] | null;
}

/** From which day an activity can close an item. */
export interface OpeningDays {
  /** For an activity that lists the item's kind in `done`. */
  listed: IsoDate;
  /** For an activity without `done`. */
  plain: IsoDate;
}

export function isDoneKind(kind: string): kind is DoneKind {
  return (DONE_KINDS as readonly string[]).includes(kind);
}

/**
 * The opening days of an event-like item (null for the other kinds, which no `done` closes):
 * a planned follow-up and a maturity can be dealt with up to `window_days` ahead when the
 * contact says so, otherwise from their due day; a large movement and a complaint from the
 * day of the event; a care call from the day after the purchase.
 */
export function openingDays(item: Pick<FollowupItem, "kind" | "due" | "facts">, policy: Pick<FollowupPolicy, "windowDays">): OpeningDays | null {
  switch (item.kind) {
    case "prospect_followup":
    case "maturity":
      return { listed: addDays(item.due, -policy.windowDays), plain: item.due };
    case "large_movement":
    case "complaint":
      // Due on the event's date.
      return { listed: item.due, plain: item.due };
    case "care_call": {
      if (item.facts.kind !== "care_call") return null;
      const day = addDays(item.facts.date, 1);
      return { listed: day, plain: day };
    }
    default:
      return null;
  }
}

/**
 * Whether `activity` closes `item`. The caller counts only activities dated on or before the
 * as-of day (a planned one has not happened yet).
 */
export function closes(activity: ClosingActivity, item: Pick<FollowupItem, "kind" | "due" | "facts" | "person">, policy: Pick<FollowupPolicy, "windowDays">): boolean {
  if (item.person === null || !activity.with.includes(item.person)) return false;
  const opening = openingDays(item, policy);
  if (opening === null) return false;
  if (activity.done === null) return activity.date >= opening.plain;
  return isDoneKind(item.kind) && activity.done.includes(item.kind) && activity.date >= opening.listed;
}

/** The items of `items` that `activity` closes, in their order. */
export function itemsClosedBy<T extends Pick<FollowupItem, "kind" | "due" | "facts" | "person">>(activity: ClosingActivity, items: readonly T[], policy: Pick<FollowupPolicy, "windowDays">): T[] {
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
export function closingHint<T extends Pick<FollowupItem, "kind" | "due" | "facts" | "person">>(activity: ClosingActivity, items: readonly T[], policy: Pick<FollowupPolicy, "windowDays">): ClosingHint<T> {
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
