/**
 * `channel audit`: reads the history of the data root (main line, oldest first), notes the
 * commit that first recorded each money-relevant record, and reports what looks wrong
 * (docs/rules.md, "Audit"). Exit 0 with findings: they are for a person to judge.
 */
import * as fs from "node:fs";
import { decodeUtf8Strict } from "../../load/decode.js";
import { commitsChangingRoot, forEachBlob, lastCommitAtOrBefore, mainLine, scanCommit, type CommitChanges, type CommitStamp, type GitRepository, type RecordedScan } from "../../load/git-history.js";
import { parseYamlFast, parseYaml } from "../../load/parse-yaml.js";
import { BRANCH_FILE_KINDS, BRANCHES_DIR } from "../../load/repository.js";
import { AUDIT_MODEL_SCOPE, AUDIT_SCOPE } from "../../load/file-scope.js";
import type { BranchMemo } from "../../model/build.js";
import type { Model } from "../../model/types.js";
import type { IsoDate } from "../../model/values.js";
import { endOfDayEpochSeconds } from "../../model/zone.js";
import type { AsRecorded } from "../../report/as-recorded.js";
import { renderAuditPieces } from "../../report/audit.js";
import { auditRecords, firstRecordings, recordsOfFile, type AuditRecord, type CommitRecords } from "../../rules/audit.js";
import { computeBonusAwards, type BonusResult } from "../../rules/bonus.js";
import { announceRecorded, commitAtEndOf, historyTimezone, loadRecordedAt, openHistory, recordedCheckKeys, withHistory } from "../as-recorded.js";
import { emitPieces, resolveAsOf, resolveFormat, resolveRoot, type Context } from "../context.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "../errors.js";
import { loadData, recordedCheckKey, type CrossFileMemo, type RecordedChecks } from "../pipeline.js";
import { terminalText } from "../../report/untrusted-text.js";
import { t } from "../../i18n/catalog.js";
import { MONEY_FORMATS } from "./bonus.js";

export async function runAudit(ctx: Context): Promise<number> {
  const format = resolveFormat(ctx, MONEY_FORMATS);
  const root = fs.realpathSync(resolveRoot(ctx));
  const timezone = historyTimezone(root);
  const asOf = resolveAsOf(ctx, timezone);
  const git = openHistory(ctx, root);
  // Rather than guess: in a shallow clone a record's first commit may be one that is missing.
  if (git.shallow) throw new CliError(EXIT_USAGE, "audit.error.incomplete");
  const stamp = commitAtEndOf(git, asOf, timezone);
  // Each file's check by its path and blob id, shared by the commits read and the history's
  // walk (issue 29): a file that did not change between them is parsed and checked once.
  const checks: RecordedChecks = new Map();
  const { model, records, recordsByKey, recorded, bonusAtDeadline, bonusAtDay } = await readCheckpoints(ctx, git, stamp, asOf, timezone, checks);
  // The walk needs the values only of the files that state records and whose records it does not
  // have yet: the others' can go (issue 29).
  for (const key of checks.keys()) if (recordsByKey.has(key) || recordFileOf(key.slice(0, key.indexOf("\0"))) === null) checks.delete(key);
  const history = withHistory(root, () => recordsOfHistory(git, commitsChangingRoot(git, stamp.commit), checks, recordsByKey));
  const line = withHistory(root, () => mainLine(git, stamp.commit));
  const result = auditRecords({ model, records, first: firstRecordings(history), timezone, bonusAtDeadline, bonusAtDay, mainLine: line });
  announceRecorded(ctx, recorded, format);
  emitPieces(ctx, renderAuditPieces({ result, asOf, timezone, recorded }, format, ctx.lang, ctx.style), root);
  return EXIT_OK;
}

/**
 * The data as recorded at the end of the as-of day (refused when invalid), its records, and the
 * bonus as recorded there and at the deadline. In a function of its own so that the files'
 * bytes and values read for it can go once it returns: only the model and the records stay.
 */
async function readCheckpoints(
  ctx: Context,
  git: GitRepository,
  stamp: CommitStamp,
  asOf: IsoDate,
  timezone: string,
  checks: RecordedChecks,
): Promise<{ model: Model; records: AuditRecord[]; recordsByKey: Map<string, AuditRecord[]>; recorded: AsRecorded; bonusAtDeadline: BonusResult | null; bonusAtDay: BonusResult | null }> {
  // Every file's value: the records are read from the files, not from the model.
  // Only the files the audit judges or computes with (issue 29): an error elsewhere is `validate`'s.
  // The deadline's model takes the as-of model's branches whose files did not change.
  const branches: BranchMemo = new WeakMap();
  // The as-of commit's findings across files, which the deadline's commit may share (issue 29).
  const crossFile: CrossFileMemo = { last: null };
  const { data, recorded, scan } = await loadRecordedAt(ctx, git, stamp, asOf, timezone, { needFileData: true, checks, branches, crossFile, scope: AUDIT_SCOPE, modelScope: AUDIT_MODEL_SCOPE });
  const { model } = data;
  const records: AuditRecord[] = [];
  // Each record file's records by its path and blob: the history's walk takes them from here
  // rather than make them again (most of the as-of commit's files are in its first commit).
  const recordsByKey = new Map<string, AuditRecord[]>();
  const keys = recordedCheckKeys(scan);
  data.repo.files.forEach((file, i) => {
    const what = recordFileOf(file.file);
    if (what === null) return;
    const stated = recordsOfFile(file.file, what.kind, what.branch, file.data);
    for (const record of stated) records.push(record);
    const key = keys[i];
    if (key != null) recordsByKey.set(key, stated);
  });
  const bonusPolicy = model.settings.bonus;
  let bonusAtDeadline: BonusResult | null = null;
  let bonusAtDay: BonusResult | null = null;
  if (bonusPolicy !== null && asOf > bonusPolicy.deadline) {
    bonusAtDay = computeBonusAwards(model, bonusPolicy, asOf);
    const atDeadline = await modelAtEndOf(ctx, git, bonusPolicy.deadline, timezone, { commit: stamp.commit, model, scan, checks, branches, crossFile });
    bonusAtDeadline = computeBonusAwards(atDeadline ?? emptyModel(model), atDeadline?.settings.bonus ?? bonusPolicy, bonusPolicy.deadline);
  }
  return { model, records, recordsByKey, recorded, bonusAtDeadline, bonusAtDay };
}

/** The data root's path → what it is: the kind and branch of a branch file that states records. */
function recordFileOf(file: string): { kind: string; branch: string } | null {
  const parts = file.split("/");
  if (parts.length !== 3 || parts[0] !== BRANCHES_DIR) return null;
  const kind = BRANCH_FILE_KINDS[parts[2]!];
  return kind === "staff" || kind === "branch" || kind === "kpis" ? { kind, branch: parts[1]! } : null;
}

/**
 * Each commit's records: the files it changed, each (path and blob) made into records once. A
 * file as the commits read for the audit have it is taken from their checks (`checks`); the
 * other blobs are read in batches (`forEachBlob`) and parsed once per blob, and only their
 * records are kept: what is held does not grow with the history's bytes (issue 29).
 */
function recordsOfHistory(git: GitRepository, commits: readonly CommitChanges[], checks: RecordedChecks, recordsByKey: Map<string, AuditRecord[]>): CommitRecords[] {
  // The files (paths) each blob still to be read was at.
  const unread = new Map<string, string[]>();
  const want = (file: string, blob: string) => {
    const key = recordedCheckKey(file, blob);
    if (recordsByKey.has(key)) return;
    const known = checks.get(key);
    if (known !== undefined) return void recordsByKey.set(key, recordsOfRecordFile(file, known.data));
    const files = unread.get(blob);
    if (files === undefined) unread.set(blob, [file]);
    else if (!files.includes(file)) files.push(file);
  };
  for (const { changes } of commits) {
    for (const change of changes) {
      if (change.newFile !== null && change.newBlob !== null && recordFileOf(change.newFile) !== null) want(change.newFile, change.newBlob);
      if (change.status === "R" && change.oldFile !== null && change.oldBlob !== null && recordFileOf(change.oldFile) !== null) want(change.oldFile, change.oldBlob);
    }
  }
  forEachBlob(git, [...unread.keys()], (blob, bytes) => {
    const data = parseBlob(bytes);
    for (const file of unread.get(blob) ?? []) recordsByKey.set(recordedCheckKey(file, blob), recordsOfRecordFile(file, data));
  });
  const recordsOf = (file: string, blob: string): AuditRecord[] => recordsByKey.get(recordedCheckKey(file, blob)) ?? [];
  return commits.map(({ commit, time, changes }) => {
    const records: AuditRecord[] = [];
    const moved: CommitRecords["moved"] = [];
    for (const change of changes) {
      if (change.newFile === null || change.newBlob === null || recordFileOf(change.newFile) === null) continue;
      // One by one: a spread of 68,000 records overflows the stack.
      for (const record of recordsOf(change.newFile, change.newBlob)) records.push(record);
      if (change.status === "R" && change.oldFile !== null && change.oldBlob !== null && recordFileOf(change.oldFile) !== null) {
        moved.push({ records: recordsOf(change.oldFile, change.oldBlob), toBranch: recordFileOf(change.newFile)!.branch });
      }
    }
    return { commit: { commit, time }, records, moved };
  });
}

/** The records of a file that states records (see `recordFileOf`), from its parsed value. */
function recordsOfRecordFile(file: string, data: unknown): AuditRecord[] {
  const what = recordFileOf(file)!;
  return recordsOfFile(file, what.kind, what.branch, data);
}

/** A blob's parsed value; undefined when it is not UTF-8 or not YAML (it states no records then). */
function parseBlob(bytes: Uint8Array | null): unknown {
  if (bytes === null) return undefined;
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) return undefined;
  const fast = parseYamlFast(decoded.text);
  return fast.ok ? fast.data : parseYaml(decoded.text).data;
}

/** The commit read for the as-of day, as read: what the deadline's reading may reuse. */
interface ReadCommit {
  commit: string;
  model: Model;
  scan: RecordedScan;
  checks: RecordedChecks;
  branches: BranchMemo;
  crossFile: CrossFileMemo;
}

/**
 * The model of the data as recorded at the end of `day`, from the files without errors (the
 * award comparison is for a person to judge; a notice names what was left out); null when
 * nothing was committed by then. The as-of day's commit is not read again when it is the same
 * commit (its data was valid, so no notice), and of another commit only the files that differ
 * from it are read from git and checked (issue 29).
 */
async function modelAtEndOf(ctx: Context, git: GitRepository, day: IsoDate, timezone: string, asRead: ReadCommit): Promise<Model | null> {
  const stamp = withHistory(git.dataRoot, () => lastCommitAtOrBefore(git, endOfDayEpochSeconds(day, timezone)));
  if (stamp === null) return null;
  if (stamp.commit === asRead.commit) return asRead.model;
  const known = new Map<string, Uint8Array>();
  asRead.scan.raws.forEach((raw, i) => {
    const blob = asRead.scan.blobs[i] ?? null;
    // Only what was read: asking a blob the cache vouched for for its bytes would read it now.
    if (blob !== null && raw.unread !== true && raw.bytes !== null) known.set(blob, raw.bytes);
  });
  const scan = withHistory(git.dataRoot, () => scanCommit(git, stamp.commit, known, AUDIT_SCOPE));
  if (!scan.hasRootMarker) return null;
  const data = await loadData(ctx, { recorded: scan, recordedChecks: { keys: recordedCheckKeys(scan), checks: asRead.checks, branches: asRead.branches, crossFile: asRead.crossFile }, modelScope: AUDIT_MODEL_SCOPE });
  if (data.skipped.length > 0 || data.validation.errors > 0) {
    const files = data.skipped.length > 0 ? data.skipped.join(", ") : "-";
    ctx.surroundings.stderr(`channel: ${terminalText(t(ctx.lang, "audit.notice.deadlineInvalid", { deadline: day, files }))}\n`);
  }
  return data.model;
}

/** A model with the settings of `like` and no data: what was recorded before the first commit. */
function emptyModel(like: Model): Model {
  return { settings: like.settings, departments: [], branches: [] };
}
