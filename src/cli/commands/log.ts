/**
 * `channel log`: records a contact by appending one entry to the activities.yaml of the branch
 * where the person is (created when missing), keeping the rest of the file as it was; with
 * `--done` the entry says which follow-ups the contact dealt with, with `--next` the prospect's
 * `next_followup` in that branch's prospects.yaml is set too (both files or neither), with
 * `--plan` it records an activity still to come. One of the commands that write into the
 * repository, so it refuses rather than guesses: an unknown or ambiguous person, a day after
 * today without `--plan`, or a file to write that has errors now. Afterwards it says which of
 * the person's open follow-ups this contact closes and which stay open (a hint on stderr).
 */
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { AppendError, appendActivity, type ActivityEntry } from "../../log/append-activity.js";
import type { LoadedRepository } from "../../load/repository.js";
import { setNextFollowup } from "../../log/next-followup.js";
import { ACTIVITY_KINDS, type Model } from "../../model/types.js";
import { describeAllowed, ENUM_NAMES, enumCode } from "../../model/enum-names.js";
import { parseDate, type IsoDate } from "../../model/values.js";
import { closingHint, isDoneKind } from "../../rules/closing.js";
import { DONE_KINDS, type DoneKind } from "../../rules/followup-kinds.js";
import { findDueFollowups } from "../../rules/followups.js";
import { renderLogHint } from "../../report/log-hint.js";
import { departureText } from "../../report/former-staff.js";
import { firstControlCharacter, shownCharacter, terminalLine, terminalText } from "../../report/untrusted-text.js";
import { parseDayOption } from "../date-options.js";
import { nearest } from "../../validate/suggest.js";
import { whileHoldingRepository, writeDataFiles, type DataFileEdit } from "../data-write.js";
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
  /** `--done`: follow-up kinds as codes or Chinese names, several per value when separated by commas. */
  done?: string[];
  /** `--next`: the prospect's next follow-up day. */
  next?: string;
  /** `--plan`: the activity is still to come (its day after today). */
  plan?: boolean;
}

/** A staff member or prospect as written in a staff.yaml or prospects.yaml. */
interface PersonRecord {
  id: string;
  name: string | null;
  branch: string;
  /** `left` and `left_note` of a staff member who left (found all the same: their record stays). */
  left: string | null;
  leftNote: string | null;
  type: "staff" | "prospect";
}

export async function runLog(ctx: Context, people: string[], options: LogOptions): Promise<number> {
  const lang = ctx.lang;
  // First: `log --done maturity p-chen-001` took the person for a kind, and is told so.
  const done = options.done === undefined ? null : doneKinds(lang, options.done);
  if (people.length === 0 && options.branch === undefined) throw usageError("log.error.noTarget");
  // The kind as the files take it: its code or its Chinese name (电话), written as the code.
  const kindWritten = options.kind ?? (people.length === 0 ? "report" : "call");
  const kind = enumCode("activity", kindWritten.trim());
  if (!(ACTIVITY_KINDS as readonly string[]).includes(kind)) {
    throw usageError("log.error.badKind", { value: kindWritten, allowed: describeAllowed(ACTIVITY_KINDS).join(lang === "zh" ? "、" : ", "), hint: hint(lang, kindWritten, ACTIVITY_KINDS) });
  }
  const note = options.note?.replace(/\r\n/g, "\n");
  for (const [option, value] of [["--note", note], ["--by", options.by]] as const) {
    if (value !== undefined && value.trim() === "") throw usageError("log.error.emptyText", { option });
    // What validate would flag in the file (CONTROL_CHARACTER) is not written into it.
    const at = value === undefined ? -1 : firstControlCharacter(value);
    if (at >= 0) throw usageError("log.error.controlCharacter", { option, char: shownCharacter(value!.charAt(at)) });
  }
  if (options.date !== undefined) parseDayOption("--date", options.date);
  if (done !== null && people.length === 0) throw usageError("log.error.doneWithoutPerson");
  const next = options.next === undefined ? null : parseDayOption("--next", options.next);
  if (next !== null && people.length !== 1) throw usageError("log.error.nextOnePerson");

  // Under the repository's lock from the load to the write: calls at the same moment take
  // turns, each one reading what the one before wrote.
  return whileHoldingRepository(resolveRoot(ctx), async (write) => {
    // log edits a file: it needs every file as it is now, not a cached answer.
    const { root, repo, validation, model, bytes } = await loadData(ctx, { needFileData: true });
    const timezone = model.settings.timezone;
    const today = todayIn(timezone, ctx.surroundings.now());
    const date = options.date ?? resolveAsOf(ctx, timezone);
    if (options.plan === true && date <= today) throw usageError("log.error.planNotFuture", { date, today });
    if (options.plan !== true && date > today) throw usageError("log.error.futureDate", { date, today });
    if (next !== null && next <= date) throw usageError("log.error.nextNotAfter", { next, date });

    const records = personRecords(repo);
    const unreadable = repo.files.filter((f) => (f.kind === "staff" || f.kind === "prospects") && f.data === undefined).map((f) => f.file);
    const found = people.map((arg) => resolvePerson(lang, arg, records, unreadable));
    const branch = targetBranch(lang, found, options.branch, repo.branchFolders);

    const prospect = next === null ? null : found[0]!;
    if (prospect !== null && prospect.type !== "prospect") throw usageError("log.error.nextNotProspect", { person: prospect.id });

    const rel = `branches/${branch}/activities.yaml`;
    const prospectsRel = `branches/${branch}/prospects.yaml`;
    for (const file of next === null ? [rel] : [prospectsRel, rel]) {
      if (validation.filesWithErrors.has(file)) throw new CliError(EXIT_DATA_ERRORS, "log.error.fileHasErrors", { file });
    }
    const owner = model.branches.find((b) => b.id === branch)?.owner ?? null;
    const entry: ActivityEntry = {
      date,
      kind,
      with: [...new Set(found.map((p) => p.id))],
      by: options.by?.trim() ?? owner,
      note: note?.trim() ?? null,
      done,
    };

    // The edits go into the very bytes that were read and checked above, and only over them:
    // prospects.yaml first, then activities.yaml, both or neither (data-write.ts).
    const basedOn = bytes?.get(rel) ?? null;
    let entryText = "";
    const edits: DataFileEdit[] = [];
    if (prospect !== null && next !== null) {
      // The prospect was found in this file, so it was read.
      const prospectsBytes = bytes?.get(prospectsRel) ?? new Uint8Array();
      edits.push({
        file: path.join(root, "branches", branch, "prospects.yaml"),
        rel: prospectsRel,
        basedOn: prospectsBytes,
        build: () => editOrRefuse(prospectsRel, "log.error.cannotSetNext", () => setNextFollowup(Buffer.from(prospectsBytes).toString("utf8"), prospect.id, next)),
      });
    }
    edits.push({
      file: path.join(root, "branches", branch, "activities.yaml"),
      rel,
      basedOn,
      build: () =>
        editOrRefuse(rel, "log.error.cannotEdit", () => {
          const result = appendActivity(basedOn === null ? null : Buffer.from(basedOn).toString("utf8"), entry);
          entryText = result.entryText;
          return result.text;
        }),
    });
    writeDataFiles(ctx, write, edits);

    const out = [`${t(lang, basedOn === null ? "log.created" : "log.written", { file: rel })}\n  - ${entryText}\n${departureNotes(lang, found, date)}`];
    if (prospect !== null && next !== null) out.push(`${t(lang, "log.nextWritten", { file: prospectsRel, person: prospect.id, date: next })}\n`);
    ctx.surroundings.stdout(out.join(""));

    // What this contact does to the follow-ups open on its day before it (with the new next_followup).
    if (options.plan !== true && ctx.options.quiet !== true) {
      const withNext = prospect !== null && next !== null ? withNextFollowup(model, prospect.id, next) : model;
      let lines: string[];
      try {
        lines = hintLines(lang, withNext, entry.with, date, done);
      } catch (error) {
        // The record is written: a failing hint must not read as a failed (and so repeated) log.
        lines = [t(lang, "log.hint.failed", { detail: error instanceof Error ? error.message : String(error) })];
      }
      for (const line of lines) ctx.surroundings.stderr(`channel: ${terminalLine(line)}\n`);
    }
    return EXIT_OK;
  }, ctx);
}

/** The hint about the open follow-ups of `people` as of `date` that an activity with `done` closes (docs/rules.md). */
function hintLines(lang: Lang, model: Model, people: readonly string[], date: IsoDate, done: DoneKind[] | null): string[] {
  const policy = model.settings.followups;
  const items = findDueFollowups(model, policy, date, policy.windowDays).filter((i) => isDoneKind(i.kind) && i.person !== null && people.includes(i.person));
  return renderLogHint(closingHint({ date, with: people, done }, items, policy), lang, date);
}

/** The content `edit` makes, or the command's refusal naming the file and why it cannot be edited. */
function editOrRefuse(file: string, key: "log.error.cannotEdit" | "log.error.cannotSetNext", edit: () => string): string {
  try {
    return edit();
  } catch (error) {
    if (error instanceof AppendError) throw new CliError(EXIT_DATA_ERRORS, key, { file, reason: error.message });
    throw error;
  }
}

/**
 * The `--done` values as codes, each once, in the order given: a code or a Chinese name
 * (ENUM_NAMES.done), several in one value when separated by commas; anything else is refused
 * with the kinds there are.
 */
function doneKinds(lang: Lang, values: readonly string[]): DoneKind[] {
  const kinds: DoneKind[] = [];
  for (const value of values.flatMap((v) => v.split(/[,，、]/)).map((v) => v.trim())) {
    if (value === "") continue;
    const code = enumCode("done", value);
    if (!isDoneKind(code)) {
      const allowed = DONE_KINDS.map((k) => `${k} (${ENUM_NAMES.done[k].join("/")})`).join(", ");
      const candidates = [...DONE_KINDS, ...Object.values(ENUM_NAMES.done).flat()];
      throw usageError("log.error.badDone", { value, allowed, hint: hint(lang, value, candidates) });
    }
    if (!kinds.includes(code)) kinds.push(code);
  }
  if (kinds.length === 0) throw usageError("log.error.emptyText", { option: "--done" });
  return kinds;
}

/** The model with one prospect's next follow-up moved to `date`, as the files will say once written. */
function withNextFollowup(model: Model, prospectId: string, date: IsoDate): Model {
  return {
    ...model,
    branches: model.branches.map((b) =>
      b.prospects.some((p) => p.id === prospectId) ? { ...b, prospects: b.prospects.map((p) => (p.id === prospectId ? { ...p, nextFollowup: date } : p)) } : b,
    ),
  };
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
        type: file.kind === "staff" ? "staff" : "prospect",
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
