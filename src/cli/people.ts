/**
 * Finding the person a command names: an id, else a name. One resolver for every command that
 * takes a person on the command line (`log`, `show`), so a name that exists twice is refused the
 * same way everywhere, with the ids and branches to choose from, and `--branch` narrows it.
 */
import { t, type Lang } from "../i18n/catalog.js";
import type { LoadedRepository } from "../load/repository.js";
import { parseDate } from "../model/values.js";
import { nearest } from "../validate/suggest.js";
import { CliError, EXIT_DATA_ERRORS } from "./errors.js";

/** A staff member or prospect as written in a staff.yaml or prospects.yaml. */
export interface PersonRecord {
  id: string;
  name: string | null;
  branch: string;
  /** `left` and `left_note` of a staff member who left (found all the same: their record stays). */
  left: string | null;
  leftNote: string | null;
  type: "staff" | "prospect";
}

/** Every staff member and prospect written in the repository, from every file whose YAML could be read. */
export function personRecords(repo: LoadedRepository): PersonRecord[] {
  const records: PersonRecord[] = [];
  for (const file of repo.files) {
    if ((file.kind !== "staff" && file.kind !== "prospects") || file.branchFolder === null) continue;
    const data = file.data as Record<string, unknown> | null | undefined;
    const list = data && typeof data === "object" ? data[file.kind === "staff" ? "staff" : "prospects"] : undefined;
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry !== "object" || entry === null) continue;
      const { id, name, left, left_note: leftNote } = entry as Record<string, unknown>;
      if (typeof id !== "string") continue;
      records.push({
        id,
        name: typeof name === "string" ? name : null,
        branch: file.branchFolder,
        type: file.kind === "staff" ? "staff" : "prospect",
        // Only a real day: a mistyped one is validate's to report, not a note here.
        left: typeof left === "string" ? parseDate(left) : null,
        leftNote: typeof leftNote === "string" ? leftNote : null,
      });
    }
  }
  return records;
}

/**
 * An id, else a unique name; unknown or ambiguous ones are refused with what was meant, if it
 * can be told. `branch` (the command's `--branch`) narrows a name found at several branches to
 * the one there; a name found once is taken wherever it is (the command then says whether that
 * branch is the one it was given). `everyone`: whom to suggest a near name from, when `records`
 * holds only the people looked up (log's people index, issue 29); by default `records`.
 */
export function resolvePerson(lang: Lang, arg: string, records: readonly PersonRecord[], unreadable: readonly string[], branch?: string, everyone: () => readonly PersonRecord[] = () => records): PersonRecord {
  const byId = records.filter((r) => r.id === arg);
  let matches = byId.length > 0 ? byId : records.filter((r) => r.name === arg);
  if (matches.length > 1 && branch !== undefined && matches.some((m) => m.branch === branch)) matches = matches.filter((m) => m.branch === branch);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const ids = matches.map((m) => `${m.id} @ ${m.branch}`).join(", ");
    throw new CliError(EXIT_DATA_ERRORS, "log.error.ambiguousName", { value: arg, ids });
  }
  const candidates = [...new Set(everyone().flatMap((r) => (r.name === null ? [r.id] : [r.id, r.name])))];
  const unread = unreadable.length === 0 ? "" : t(lang, "log.error.unreadableFiles", { files: unreadable.join(", ") });
  throw new CliError(EXIT_DATA_ERRORS, "log.error.unknownPerson", { value: arg, hint: didYouMean(lang, arg, candidates) + unread });
}

/** "（是不是 …？）" for the nearest candidate, or nothing. */
export function didYouMean(lang: Lang, value: string, candidates: readonly string[]): string {
  const suggestion = nearest(value, candidates);
  return suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion });
}
