/**
 * `channel followups`: the morning list. Works from the files without errors, names the
 * skipped ones on stderr and then exits 1; `--ics FILE` also writes the list as a calendar.
 */
import * as fs from "node:fs";
import { t, type Lang, type MessageKey } from "../../i18n/catalog.js";
import { ENUM_NAMES } from "../../model/enum-names.js";
import { isDoneKind } from "../../rules/closing.js";
import type { CoreModel } from "../../model/types.js";
import { filterFollowups, findDueFollowups, FOLLOWUP_KINDS, type FollowupFilter, type FollowupKind } from "../../rules/followups.js";
import { branchDisplayNames, followupsJsonPieces, renderFollowupsCsv, renderFollowupsMarkdown, renderFollowupsTable, type FollowupReport } from "../../report/followups.js";
import { renderIcs } from "../../report/ics.js";
import { terminalLine } from "../../report/untrusted-text.js";
import { nearest } from "../../validate/suggest.js";
import { emit, emitPieces, resolveAsOf, resolveFormat, resolveFromCwd, terminalWidth, type Context } from "../context.js";
import { outputTarget, writeOutput } from "../output-file.js";
import { EXIT_DATA_ERRORS, EXIT_OK, usageError } from "../errors.js";
import { loadCoreData } from "../pipeline.js";
import { writeFailure } from "../write-errors.js";

export interface FollowupsOptions {
  within?: string;
  owner?: string;
  department?: string;
  branch?: string;
  kind?: string[];
  ics?: string;
}

export async function runFollowups(ctx: Context, options: FollowupsOptions): Promise<number> {
  const format = resolveFormat(ctx, ["table", "json", "csv", "md"] as const);
  const kinds = parseKinds(ctx.lang, options.kind ?? []);
  const within = options.within === undefined ? undefined : parseWithin(options.within);
  const { root, repo, model, skipped } = await loadCoreData(ctx);
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  const filter = checkFilter(ctx.lang, options, kinds, model, repo.branchFolders);
  const policy = model.settings.followups;
  const days = within ?? policy.windowDays;

  const items = filterFollowups(findDueFollowups(model, policy, asOf, days), filter);
  const report: FollowupReport = { asOf, within: days, items, skipped, branchNames: branchDisplayNames(model), lang: ctx.lang, escalateDays: policy.escalateDays };

  // JSON in pieces (issue 29): at head-office scale its text alone is ~90 MB.
  if (format === "json") emitPieces(ctx, followupsJsonPieces(report), root);
  else {
    const output = format === "csv" ? renderFollowupsCsv(report) : format === "md" ? renderFollowupsMarkdown(report) : renderFollowupsTable(report, ctx.style, terminalWidth(ctx));
    emit(ctx, output, root);
  }
  if (options.ics !== undefined) writeIcs(ctx, options.ics, root, renderIcs(report, { stamp: ctx.surroundings.now() }), items.length);

  for (const file of skipped) ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "followups.skippedFile", { file }))}\n`);
  return skipped.length > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}

function parseWithin(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim())) throw usageError("followups.error.badWithin", { value });
  return Number(value.trim());
}

/**
 * The Chinese names `--kind` takes for a kind: the list's own label (生日, 计划活动) and, for the
 * kinds an activity's `done` names, the names `done` takes (到期提醒, 约定跟进).
 */
export function followupKindNames(kind: FollowupKind): string[] {
  const names = [t("zh", `followups.kind.${kind}` as MessageKey)];
  if (isDoneKind(kind)) names.push(...ENUM_NAMES.done[kind]);
  return [...new Set(names)];
}

/** "birthday (生日) | holiday (节日) | …": the kinds as help and a refusal list them, code and names. */
export function describeFollowupKinds(): string {
  return FOLLOWUP_KINDS.map((kind) => `${kind} (${followupKindNames(kind).join("/")})`).join(" | ");
}

/** `--kind` may be repeated and may list several kinds separated by commas (also 、 and ，); a code or a Chinese name. */
function parseKinds(lang: Lang, values: string[]): FollowupKind[] {
  const kinds: FollowupKind[] = [];
  for (const value of values.flatMap((v) => v.split(/[,，、]/)).map((v) => v.trim()).filter((v) => v !== "")) {
    const kind = FOLLOWUP_KINDS.find((k) => k === value || followupKindNames(k).includes(value));
    if (kind === undefined) {
      const candidates = [...FOLLOWUP_KINDS, ...FOLLOWUP_KINDS.flatMap(followupKindNames)];
      throw usageError("followups.error.badKind", { value, allowed: describeFollowupKinds(), hint: hint(lang, value, candidates) });
    }
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

/** The filter, after checking that what it names exists (a typo would otherwise show an empty list). */
function checkFilter(lang: Lang, options: FollowupsOptions, kinds: FollowupKind[], model: CoreModel, branchFolders: readonly string[]): FollowupFilter {
  const filter: FollowupFilter = {};
  if (kinds.length > 0) filter.kinds = kinds;
  if (options.branch !== undefined) {
    const known = [...new Set([...model.branches.map((b) => b.id), ...branchFolders])];
    if (!known.includes(options.branch)) throw usageError("followups.error.unknownBranch", { value: options.branch, hint: hint(lang, options.branch, known) });
    filter.branch = options.branch;
  }
  if (options.department !== undefined) {
    const known = [...new Set([...model.departments.map((d) => d.id), ...model.branches.map((b) => b.department)])];
    if (!known.includes(options.department)) throw usageError("followups.error.unknownDepartment", { value: options.department, hint: hint(lang, options.department, known) });
    filter.department = options.department;
  }
  if (options.owner !== undefined) {
    // An owner, or a channel lead to whom escalated items are offered.
    const owners = [...model.branches.map((b) => b.owner), ...model.departments.map((d) => d.team.channelLead)];
    const known = [...new Set(owners.filter((o): o is string => o !== null))];
    if (!known.includes(options.owner)) throw usageError("followups.error.unknownOwner", { value: options.owner, hint: hint(lang, options.owner, known) });
    filter.owner = options.owner;
  }
  return filter;
}

function hint(lang: Lang, value: string, candidates: readonly string[]): string {
  const suggestion = nearest(value, candidates);
  return suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion });
}

/**
 * Writes the calendar. Re-exporting each morning over yesterday's file is the normal use, so an
 * existing calendar file is replaced without --force; anything else that exists needs --force,
 * and the repository's data files are never written.
 */
function writeIcs(ctx: Context, file: string, root: string, text: string, count: number): void {
  try {
    const target = outputTarget(resolveFromCwd(ctx.surroundings, file), file, root);
    if (target.kind === "file" && target.exists && ctx.options.force !== true && !isCalendarFile(target.real)) {
      throw usageError("followups.error.icsExists", { file });
    }
    writeOutput(target, text, true);
  } catch (error) {
    throw writeFailure(file, error);
  }
  ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "followups.icsWritten", { file, count }))}\n`);
}

function isCalendarFile(target: string): boolean {
  try {
    const fd = fs.openSync(target, "r");
    const head = Buffer.alloc(32);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    return head.subarray(0, read).toString("utf8").replace(/^\uFEFF/, "").startsWith("BEGIN:VCALENDAR");
  } catch {
    return false;
  }
}
