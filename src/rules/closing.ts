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
 * The opening days of an event-like item of `kind` due on `due`: a planned follow-up and a
 * maturity can be dealt with up to `window_days` ahead when the contact says so, otherwise from
 * their due day; a large movement and a complaint (due on the event's date) from that day; a
 * care call from the day after the purchase (`purchased`).
 */
export function openingDaysFor(kind: DoneKind, due: IsoDate, purchased: IsoDate | null, windowDays: number): OpeningDays {
  switch (kind) {
    case "prospect_followup":
    case "maturity":
      return { listed: addDays(due, -windowDays), plain: due };
    case "large_movement":
    case "complaint":
      return { listed: due, plain: due };
    case "care_call": {
      const day = addDays(purchased ?? due, 1);
      return { listed: day, plain: day };
    }
  }
}

/** The opening days of an item (null for the kinds no contact closes). */
export function openingDays(item: Pick<FollowupItem, "kind" | "due" | "facts">, policy: Pick<FollowupPolicy, "windowDays">): OpeningDays | null {
  if (!isDoneKind(item.kind)) return null;
  if (item.kind === "care_call" && item.facts.kind !== "care_call") return null;
  return openingDaysFor(item.kind, item.due, item.facts.kind === "care_call" ? item.facts.date : null, policy.windowDays);
}

/** Whether a contact on `contact.date` with this `done` list deals with an item of `kind` that opens on `opening`. */
export function contactDeals(contact: Pick<ClosingActivity, "date" | "done">, kind: DoneKind, opening: OpeningDays): boolean {
  return contact.done === null ? opening.plain <= contact.date : contact.done.includes(kind) && opening.listed <= contact.date;
}

/**
 * Whether `activity` closes `item`. The caller counts only activities dated on or before the
 * as-of day (a planned one has not happened yet).
 */
export function closes(activity: ClosingActivity, item: Pick<FollowupItem, "kind" | "due" | "facts" | "person">, policy: Pick<FollowupPolicy, "windowDays">): boolean {
  if (item.person === null || !activity.with.includes(item.person) || !isDoneKind(item.kind)) return false;
  const opening = openingDays(item, policy);
  return opening !== null && contactDeals(activity, item.kind, opening);
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
