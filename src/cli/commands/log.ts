/**
 * `channel log`: records a contact by appending one entry to the activities.yaml of the branch
 * where the person is (created when missing), keeping the rest of the file as it was; with
 * `--done` the entry says which follow-ups the contact dealt with, with `--next` the prospect's
 * `next_followup` in that branch's prospects.yaml is set too (both files or neither), with
 * `--plan` it records an activity still to come. One of the commands that write into the
 * repository, so it refuses rather than guesses: an unknown or ambiguous person, a day after
 * D (--as-of, else today) without `--plan`, or a file to write that has errors now. On a terminal,
 * when the people have open follow-ups and no `--done` was given, it first asks which of them this
 * contact dealt with. Afterwards it says which of the person's open follow-ups this contact closes
 * and which stay open (a hint on stderr).
 */
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { AppendError, appendActivity, type ActivityEntry } from "../../log/append-activity.js";
import { setNextFollowup } from "../../log/next-followup.js";
import { ACTIVITY_KINDS, type Model } from "../../model/types.js";
import { describeAllowed, ENUM_NAMES, enumCode } from "../../model/enum-names.js";
import type { IsoDate } from "../../model/values.js";
import { closes, closingHint, isDoneKind } from "../../rules/closing.js";
import { DONE_KINDS, type DoneKind } from "../../rules/followup-kinds.js";
import { findDueFollowups, type FollowupItem } from "../../rules/followups.js";
import { itemWords, renderLogHint } from "../../report/log-hint.js";
import { departureText } from "../../report/former-staff.js";
import { firstControlCharacter, shownCharacter, terminalLine, terminalText } from "../../report/untrusted-text.js";
import { parseDayOption } from "../date-options.js";
import { whileHoldingRepository, writeDataFiles, type DataFileEdit } from "../data-write.js";
import { resolveAsOf, resolveRoot, type Context } from "../context.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK, usageError } from "../errors.js";
import { didYouMean, resolvePerson, type PersonRecord } from "../people.js";
import { groupContact, parseGroups } from "../log-to.js";
import type { GreetGroup } from "../../model/holidays.js";
import { branchesNamed, loadBranches, loadPeopleIndex, type PeopleIndex } from "../edit-load.js";

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
  /** `--to`: greet groups (codes or Chinese names, commas between): the entry names their present members at `--branch` (issue 23). */
  to?: string;
}

export async function runLog(ctx: Context, people: string[], options: LogOptions): Promise<number> {
  const lang = ctx.lang;
  // First: `log --done maturity p-chen-001` took the person for a kind, and is told so.
  let done = options.done === undefined ? null : doneKinds(lang, options.done);
  const groups = options.to === undefined ? null : checkTo(lang, options, people);
  if (people.length === 0 && options.branch === undefined) throw usageError("log.error.noTarget");
  // The kind as the files take it: its code or its Chinese name (电话), written as the code; a
  // message to a group is an SMS unless told.
  const kindWritten = options.kind ?? (groups !== null ? "sms" : people.length === 0 ? "report" : "call");
  const kind = enumCode("activity", kindWritten.trim());
  if (!(ACTIVITY_KINDS as readonly string[]).includes(kind)) {
    throw usageError("log.error.badKind", { value: kindWritten, allowed: describeAllowed(ACTIVITY_KINDS).join(lang === "zh" ? "、" : ", "), hint: didYouMean(lang, kindWritten, ACTIVITY_KINDS) });
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

  // On a terminal, with open items and no --done: which of them did this contact deal with?
  // Asked before the lock is taken, so that another `log` waits for the lock and not for an answer.
  let asked = false;
  if (done === null && options.plan !== true && people.length > 0 && isInteractive(ctx)) {
    const answer = await askWhatWasDone(ctx, people, options, next);
    if (answer !== undefined) {
      asked = true;
      done = answer;
    }
  }

  // Under the repository's lock from the load to the write: calls at the same moment take
  // turns, each one reading what the one before wrote.
  return whileHoldingRepository(resolveRoot(ctx), async (write) => {
    // log edits a file: it reads the files it may write as they are now, not a cached answer,
    // and of the rest of the repository only who is where (edit-load.ts, issue 29).
    const { index, root, validation, model, bytes } = await loadForLog(ctx, people, options);
    const { date, found, branch } = resolveTargets(ctx, index, model, people, options, next);
    const unreadablePeople = [`branches/${branch}/staff.yaml`, `branches/${branch}/prospects.yaml`].filter((f) => validation.filesWithErrors.has(f));
    const group = groups === null ? null : groupContact(lang, model, branch, groups, date, unreadablePeople);

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
      with: group?.ids ?? [...new Set(found.map((p) => p.id))],
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
    if (group !== null) out.push(`${group.summary}\n`);
    if (prospect !== null && next !== null) out.push(`${t(lang, "log.nextWritten", { file: prospectsRel, person: prospect.id, date: next })}\n`);
    ctx.surroundings.stdout(out.join(""));

    // What this contact does to the follow-ups open on its day before it (the follow-up --next
    // replaces is among them: closed when done lists it, else said to be rescheduled). A message
    // to a group (--to) deals with no one's follow-ups and cannot take --done: no hint.
    if (options.plan !== true && ctx.options.quiet !== true && group === null) {
      let lines: string[];
      try {
        lines = hintLines(lang, model, entry.with, date, done, { next: prospect !== null && next !== null ? { person: prospect.id, date: next } : null, asked });
      } catch (error) {
        // The record is written: a failing hint must not read as a failed (and so repeated) log.
        lines = [t(lang, "log.hint.failed", { detail: error instanceof Error ? error.message : String(error) })];
      }
      for (const line of lines) ctx.surroundings.stderr(`channel: ${terminalLine(line)}\n`);
    }
    return EXIT_OK;
  }, ctx);
}

/**
 * The people index and the files of the branches the people named may be in (and --branch):
 * what `log` reads instead of the whole repository.
 */
async function loadForLog(ctx: Context, people: readonly string[], options: LogOptions) {
  const index = await loadPeopleIndex(ctx);
  return { index, ...(await loadBranches(ctx, index, branchesNamed(index, people, options.branch))) };
}

/** The open event-like items of `people` as of `date`: what a contact of theirs on that day could deal with. */
function openItems(model: Model, people: readonly string[], date: IsoDate): FollowupItem[] {
  const policy = model.settings.followups;
  return findDueFollowups(model, policy, date, policy.windowDays).filter((i) => isDoneKind(i.kind) && i.person !== null && people.includes(i.person));
}

/**
 * The hint about the open follow-ups of `people` as of `date` that an activity with `done` closes
 * (docs/rules.md). `next`: the prospect whose follow-up --next moved; `asked`: the user has just
 * answered the question, so no `--done` is suggested.
 */
function hintLines(lang: Lang, model: Model, people: readonly string[], date: IsoDate, done: DoneKind[] | null, context: { next: { person: string; date: IsoDate } | null; asked: boolean }): string[] {
  const policy = model.settings.followups;
  const items = openItems(model, people, date);
  // The follow-up --next replaces leaves the list whatever the contact says: closed when done lists it, else rescheduled.
  const { next } = context;
  const replaced = (item: FollowupItem) => next !== null && item.kind === "prospect_followup" && item.person === next.person && !(done ?? []).includes("prospect_followup");
  const hint = closingHint({ date, with: people, done }, items.filter((item) => !replaced(item)), policy);
  return renderLogHint(hint, lang, date, { rescheduled: { items: items.filter(replaced), to: next?.date ?? null }, asked: context.asked });
}

/** Whether `log` may ask a question: standard input and output are both a terminal (never in a pipe or a script). */
function isInteractive(ctx: Context): boolean {
  const { surroundings } = ctx;
  return surroundings.ask !== undefined && surroundings.stdinIsTTY === true && surroundings.stdoutIsTTY;
}

/**
 * The day of the entry, the people it names and the branch it goes to, checked as `log` checks
 * them before writing: a day after D needs --plan, a planned one must be after D (D is --as-of,
 * else today in the repository's timezone).
 */
function resolveTargets(
  ctx: Context,
  index: PeopleIndex,
  model: Model,
  people: readonly string[],
  options: LogOptions,
  next: IsoDate | null,
): { date: IsoDate; found: PersonRecord[]; branch: string } {
  const lang = ctx.lang;
  const timezone = model.settings.timezone;
  const asOf = resolveAsOf(ctx, timezone);
  const date = options.date ?? asOf;
  if (options.plan === true && date <= asOf) throw usageError("log.error.planNotFuture", { date, today: asOf });
  if (options.plan !== true && date > asOf) throw usageError("log.error.futureDate", { date, today: asOf });
  if (next !== null && next <= date) throw usageError("log.error.nextNotAfter", { next, date });

  // Only the people named are looked up; everyone only to suggest a near name for an unknown one.
  const records = index.matching(people);
  const found = people.map((arg) => resolvePerson(lang, arg, records, index.unreadable, options.branch, () => index.all()));
  const branch = targetBranch(lang, found, options.branch, index.branchFolders);
  return { date, found, branch };
}

/**
 * Asks which of the open items of the people this contact dealt with: a numbered list, the
 * answer one or more numbers (Enter: none). Returns the `done` kinds chosen (null: none), or
 * undefined when there was nothing to ask about. Only items the contact can close on its day
 * are offered (a maturity more than window_days ahead is not open yet).
 */
async function askWhatWasDone(ctx: Context, people: readonly string[], options: LogOptions, next: IsoDate | null): Promise<DoneKind[] | null | undefined> {
  const lang = ctx.lang;
  const { index, model } = await loadForLog(ctx, people, options);
  const { date, found } = resolveTargets(ctx, index, model, people, options, next);
  const ids = [...new Set(found.map((p) => p.id))];
  const policy = model.settings.followups;
  const items = openItems(model, ids, date).filter((item) => isDoneKind(item.kind) && closes({ date, with: ids, done: [item.kind] }, item, policy));
  if (items.length === 0) return undefined;
  const ask = ctx.surroundings.ask!;
  const lines = [t(lang, "log.prompt.title")];
  items.forEach((item, index) => lines.push(terminalLine(t(lang, "log.prompt.item", { number: index + 1, ...itemWords(item, lang, date) }))));
  ctx.surroundings.stderr(lines.join("\n") + "\n");
  for (;;) {
    const answer = await ask(t(lang, "log.prompt.question"));
    if (answer === null) return null;
    const chosen = chosenNumbers(answer, items.length);
    if (chosen === null) {
      ctx.surroundings.stderr(t(lang, "log.prompt.invalid", { max: items.length }) + "\n");
      continue;
    }
    if (chosen.length === 0) return null;
    const picked = chosen.map((n) => items[n - 1]!);
    const kinds = DONE_KINDS.filter((kind) => picked.some((item) => item.kind === kind));
    // done records kinds: naming one maturity of someone who has two closes both. Said, not hidden.
    for (const kind of kinds) {
      const same = items.filter((item) => item.kind === kind).length;
      if (same > picked.filter((item) => item.kind === kind).length) {
        ctx.surroundings.stderr(t(lang, "log.prompt.sameKind", { kind: `${kind}（${ENUM_NAMES.done[kind][0]}）`, count: same }) + "\n");
      }
    }
    return kinds;
  }
}

/** The numbers typed (spaces, commas or 、 between them), each once; [] for an empty answer; null when one is not a number from 1 to max. */
export function chosenNumbers(answer: string, max: number): number[] | null {
  const words = answer.split(/[\s,，、]+/).filter((w) => w !== "");
  const numbers: number[] = [];
  for (const word of words) {
    // Full-width digits typed with a Chinese input method count too.
    const digits = word.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (!/^\d{1,4}$/.test(digits)) return null;
    const n = Number(digits);
    if (n < 1 || n > max) return null;
    if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

/** `--to`'s groups, after refusing what does not go with it: people named too, no `--branch`, `--done` or `--next` (issue 23). */
function checkTo(lang: Lang, options: LogOptions, people: readonly string[]): GreetGroup[] {
  const groups = parseGroups(lang, options.to!);
  if (people.length > 0) throw usageError("log.error.toWithPeople", { people: people.join(" ") });
  if (options.branch === undefined) throw usageError("log.error.toWithoutBranch");
  if (options.done !== undefined) throw usageError("log.error.toWithDone", { option: "--done" });
  if (options.next !== undefined) throw usageError("log.error.toWithDone", { option: "--next" });
  return groups;
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
      throw usageError("log.error.badDone", { value, allowed, hint: didYouMean(lang, value, candidates) });
    }
    if (!kinds.includes(code)) kinds.push(code);
  }
  if (kinds.length === 0) throw usageError("log.error.emptyText", { option: "--done" });
  return kinds;
}


/** The one branch the entry goes to: where the people are, which must agree with --branch when given. */
function targetBranch(lang: Lang, people: readonly PersonRecord[], branch: string | undefined, folders: readonly string[]): string {
  if (branch !== undefined && !folders.includes(branch)) {
    throw new CliError(EXIT_DATA_ERRORS, "log.error.unknownBranch", { value: branch, hint: didYouMean(lang, branch, folders) });
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

