/**
 * The lines `channel log` writes to stderr after recording a contact: which of the people's open
 * follow-ups it closes, which stay open, and the `--done` that would have closed them too. A
 * hint, never a question: the command has already written and ends as it would without it.
 */
import { t, type Lang } from "../i18n/catalog.js";
import { ENUM_NAMES } from "../model/enum-names.js";
import type { IsoDate } from "../model/values.js";
import type { ClosingHint } from "../rules/closing.js";
import type { FollowupItem } from "../rules/followups.js";
import { formatDay } from "./date-format.js";
import { describeFollowup, kindLabel, personLabel } from "./followups.js";

/** What the hint knows besides the items: the follow-up --next replaced, and whether the user has just answered log's question. */
export interface LogHintContext {
  /** The follow-up items --next replaced without the contact saying it dealt with them, and the new day; empty without --next. */
  rescheduled: { items: FollowupItem[]; to: IsoDate | null };
  /** The user has chosen on the terminal what the contact dealt with: no `--done` is suggested. */
  asked: boolean;
}

/** An item in the words of the hint and of log's question: its kind, person, detail and due day. */
export function itemWords(item: FollowupItem, lang: Lang, date: IsoDate): { kind: string; person: string; detail: string; due: string } {
  return { kind: kindLabel(item.kind, lang), person: personLabel(item, lang), detail: describeFollowup(item, lang, date), due: formatDay(item.due, lang, date) };
}

/** The hint's lines, without line breaks (the caller shows them as terminal lines); none when there is nothing to say. */
export function renderLogHint(hint: ClosingHint<FollowupItem>, lang: Lang, date: IsoDate, context: LogHintContext = { rescheduled: { items: [], to: null }, asked: false }): string[] {
  const about = (item: FollowupItem) => itemWords(item, lang, date);
  const lines = hint.closed.map((item) => t(lang, "log.hint.closed", about(item)));
  // The follow-up --next replaced is not "open" any more: the prospect's next_followup names the new day.
  const { to } = context.rescheduled;
  for (const item of context.rescheduled.items) {
    if (to !== null) lines.push(t(lang, "log.hint.rescheduled", { person: personLabel(item, lang), from: formatDay(item.due, lang, date), to: formatDay(to, lang, date) }));
  }
  lines.push(...hint.open.map((item) => t(lang, "log.hint.open", about(item))));
  for (const kind of hint.unmatched) lines.push(t(lang, "log.hint.unmatched", { kind, name: ENUM_NAMES.done[kind][0] }));
  if (hint.suggestedDone !== null && !context.asked) {
    const option = `--done ${hint.suggestedDone.join(" ")}`;
    const list = hint.suggestedDone.join(", ");
    // Without done, a contact closes no follow-up: the hint says what would have (issue 23).
    lines.push(hint.closed.length === 0 && hint.unmatched.length === 0 ? t(lang, "log.hint.suggestPlain", { option, list }) : t(lang, "log.hint.suggest", { option, list }));
  }
  return lines;
}
