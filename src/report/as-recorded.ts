/**
 * What a report read from git history says about where its data came from: the commit, when
 * it was made, and whether changes not yet committed were left out.
 */
import { t, type Lang } from "../i18n/catalog.js";
import type { IsoDate, IsoDateTime } from "../model/values.js";
import { formatDateTimeCell } from "./date-format.js";

/** The commit a report was computed from (`--as-recorded`, `audit`). */
export interface AsRecorded {
  /** The day D whose end the commit was chosen for. */
  day: IsoDate;
  /** The commit's full id. */
  commit: string;
  /** Its committer time, local to the repository's timezone. */
  committedAt: IsoDateTime;
  /** Files under the data root with changes not committed (relative paths, sorted); they were not read. */
  uncommitted: string[];
}

/** The `as_recorded` field of the JSON outputs. */
export function asRecordedJson(recorded: AsRecorded): object {
  return { commit: recorded.commit, committed_at: recorded.committedAt, uncommitted_changes_ignored: recorded.uncommitted.length > 0 };
}

/** The line that heads a table or Markdown report computed as recorded. */
export function asRecordedLine(recorded: AsRecorded, lang: Lang): string {
  return t(lang, "history.asRecorded", { day: recorded.day, commit: recorded.commit.slice(0, 12), committedAt: formatDateTimeCell(recorded.committedAt) });
}

/** The notice (for stderr) that uncommitted changes were left out; null when there are none. */
export function uncommittedNotice(recorded: AsRecorded, lang: Lang): string | null {
  if (recorded.uncommitted.length === 0) return null;
  const shown = recorded.uncommitted.slice(0, 5).join(", ") + (recorded.uncommitted.length > 5 ? ", …" : "");
  return t(lang, "history.uncommittedIgnored", { count: recorded.uncommitted.length, files: shown });
}
