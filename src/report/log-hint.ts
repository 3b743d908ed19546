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

/** The hint's lines, without line breaks (the caller shows them as terminal lines); none when there is nothing to say. */
export function renderLogHint(hint: ClosingHint<FollowupItem>, lang: Lang, date: IsoDate): string[] {
  const about = (item: FollowupItem) => ({ kind: kindLabel(item.kind, lang), person: personLabel(item, lang), detail: describeFollowup(item, lang, date), due: formatDay(item.due, lang, date) });
  const lines = [...hint.closed.map((item) => t(lang, "log.hint.closed", about(item))), ...hint.open.map((item) => t(lang, "log.hint.open", about(item)))];
  for (const kind of hint.unmatched) lines.push(t(lang, "log.hint.unmatched", { kind, name: ENUM_NAMES.done[kind][0] }));
  if (hint.suggestedDone !== null) {
    lines.push(t(lang, "log.hint.suggest", { option: `--done ${hint.suggestedDone.join(" ")}`, list: hint.suggestedDone.join(", ") }));
  }
  return lines;
}
