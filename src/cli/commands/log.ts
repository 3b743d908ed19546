/**
 * `channel log`: records a contact by appending one entry to the activities.yaml of the branch
 * where the person is (created when missing), keeping the rest of the file as it was. One of
 * the two commands that write into the repository, so it refuses rather than guesses: an
 * unknown or ambiguous person, a day after today, or a log file that has errors now.
 */
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { AppendError, appendActivity, type ActivityEntry } from "../../log/append-activity.js";
import type { LoadedRepository } from "../../load/repository.js";
import { ACTIVITY_KINDS } from "../../model/types.js";
import { parseDate } from "../../model/values.js";
import { parseDayOption } from "../date-options.js";
import { nearest } from "../../validate/suggest.js";
import { departureText } from "../../report/former-staff.js";
import { terminalText } from "../../report/untrusted-text.js";
import { whileHoldingRepository, writeDataFile } from "../data-write.js";
import { resolveAsOf, resolveRoot, todayIn, type Context } from "../context.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK, usageError } from "../errors.js";
import { loadData } from "../pipeline.js";

export { ACTIVITY_KINDS };

export interface LogOptions {
  kind?: string;
  note?: string;
  date?: string;
  by?: string;
  branch?: string;
}

/** A staff member or prospect as written in a staff.yaml or prospects.yaml. */
interface PersonRecord {
  id: string;
  name: string | null;
  branch: string;
  /** `left` and `left_note` of a staff member who left (found all the same: their record stays). */
  left: string | null;
  leftNote: string | null;
}

export async function runLog(ctx: Context, people: string[], options: LogOptions): Promise<number> {
  const lang = ctx.lang;
  if (people.length === 0 && options.branch === undefined) throw usageError("log.error.noTarget");
  const kind = options.kind ?? (people.length === 0 ? "report" : "call");
  if (!(ACTIVITY_KINDS as readonly string[]).includes(kind)) {
    throw usageError("log.error.badKind", { value: kind, allowed: ACTIVITY_KINDS.join("|"), hint: hint(lang, kind, ACTIVITY_KINDS) });
  }
  for (const [option, value] of [["--note", options.note], ["--by", options.by]] as const) {
    if (value !== undefined && value.trim() === "") throw usageError("log.error.emptyText", { option });
  }
  if (options.date !== undefined) parseDayOption("--date", options.date);

  // Under the repository's lock from the load to the write: calls at the same moment take
  // turns, each one reading what the one before wrote.
  return whileHoldingRepository(resolveRoot(ctx), async (write) => {
    // log edits a file: it needs every file as it is now, not a cached answer.
    const { root, repo, validation, model, bytes } = await loadData(ctx, { needFileData: true });
    const timezone = model.settings.timezone;
    const today = todayIn(timezone, ctx.surroundings.now());
    const date = options.date ?? resolveAsOf(ctx, timezone);
    if (date > today) throw new CliError(EXIT_DATA_ERRORS, "log.error.futureDate", { date, today });

    const records = personRecords(repo);
    const unreadable = repo.files.filter((f) => (f.kind === "staff" || f.kind === "prospects") && f.data === undefined).map((f) => f.file);
    const found = people.map((arg) => resolvePerson(lang, arg, records, unreadable));
    const branch = targetBranch(lang, found, options.branch, repo.branchFolders);

    const rel = `branches/${branch}/activities.yaml`;
    if (validation.filesWithErrors.has(rel)) throw new CliError(EXIT_DATA_ERRORS, "log.error.fileHasErrors", { file: rel });
    const owner = model.branches.find((b) => b.id === branch)?.owner ?? null;
    const entry: ActivityEntry = {
      date,
      kind,
      with: [...new Set(found.map((p) => p.id))],
      by: options.by?.trim() ?? owner,
      note: options.note?.trim() ?? null,
    };

    // The entry goes into the very bytes that were read and checked above, and only over them.
    const basedOn = bytes?.get(rel) ?? null;
    let entryText = "";
    writeDataFile(ctx, write, path.join(root, "branches", branch, "activities.yaml"), rel, basedOn, () => {
      try {
        const result = appendActivity(basedOn === null ? null : Buffer.from(basedOn).toString("utf8"), entry);
        entryText = result.entryText;
        return result.text;
      } catch (error) {
        if (error instanceof AppendError) throw new CliError(EXIT_DATA_ERRORS, "log.error.cannotEdit", { file: rel, reason: error.message });
        throw error;
      }
    });
    ctx.surroundings.stdout(`${t(lang, basedOn === null ? "log.created" : "log.written", { file: rel })}\n  - ${entryText}\n${departureNotes(lang, found, date)}`);
    return EXIT_OK;
  });
}

/** Every staff member and prospect written in the repository, from every file whose YAML could be read. */
function personRecords(repo: LoadedRepository): PersonRecord[] {
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
        // Only a real day: a mistyped one is validate's to report, not a note here.
        left: typeof left === "string" ? parseDate(left) : null,
        leftNote: typeof leftNote === "string" ? leftNote : null,
      });
    }
  }
  return records;
}

/** An id, else a unique name; unknown or ambiguous ones are refused with what was meant, if it can be told. */
function resolvePerson(lang: Lang, arg: string, records: readonly PersonRecord[], unreadable: readonly string[]): PersonRecord {
  const byId = records.filter((r) => r.id === arg);
  const matches = byId.length > 0 ? byId : records.filter((r) => r.name === arg);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const ids = matches.map((m) => `${m.id} @ ${m.branch}`).join(", ");
    throw new CliError(EXIT_DATA_ERRORS, "log.error.ambiguousName", { value: arg, ids });
  }
  const candidates = [...new Set(records.flatMap((r) => (r.name === null ? [r.id] : [r.id, r.name])))];
  const unread = unreadable.length === 0 ? "" : t(lang, "log.error.unreadableFiles", { files: unreadable.join(", ") });
  throw new CliError(EXIT_DATA_ERRORS, "log.error.unknownPerson", { value: arg, hint: hint(lang, arg, candidates) + unread });
}

/** The one branch the entry goes to: where the people are, which must agree with --branch when given. */
function targetBranch(lang: Lang, people: readonly PersonRecord[], branch: string | undefined, folders: readonly string[]): string {
  if (branch !== undefined && !folders.includes(branch)) {
    throw new CliError(EXIT_DATA_ERRORS, "log.error.unknownBranch", { value: branch, hint: hint(lang, branch, folders) });
  }
  const first = people[0];
  if (first === undefined) return branch!;
  for (const other of people) {
    if (other.branch !== first.branch) throw new CliError(EXIT_DATA_ERRORS, "log.error.severalBranches", { first: first.id, second: other.id });
  }
  if (branch !== undefined && branch !== first.branch) {
    throw new CliError(EXIT_DATA_ERRORS, "log.error.otherBranch", { person: first.id, actual: first.branch, branch });
  }
  return first.branch;
}

/**
 * A line for each person who had left by the day of the contact: the contact is recorded (a
 * former colleague is still worth a call), and the user sees that the record says they left.
 */
function departureNotes(lang: Lang, people: readonly PersonRecord[], date: string): string {
  return people
    .filter((p) => p.left !== null && p.left <= date)
    .map((p) => {
      const departure = { left: p.left, leftNote: p.leftNote === null ? null : terminalText(p.leftNote), movedTo: null };
      return `${t(lang, "log.formerStaff", { person: terminalText(p.name ?? p.id), departure: departureText(departure, lang) ?? "" })}\n`;
    })
    .join("");
}

function hint(lang: Lang, value: string, candidates: readonly string[]): string {
  const suggestion = nearest(value, candidates);
  return suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion });
}
