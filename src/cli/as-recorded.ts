/**
 * Reading the data as git recorded it at the end of a day (`--as-recorded`, `audit`): the
 * commit, its files through the usual pipeline, and the sentences (exit 2) for a folder that
 * is not a git work tree, git missing, no commit that old, or a shallow clone that cannot say.
 */
import * as fs from "node:fs";
import { GitHistoryError, lastCommitAtOrBefore, openGitRepository, scanCommit, shallowHistoryCovers, uncommittedChanges, type CommitStamp, type GitRepository, type RecordedScan } from "../load/git-history.js";
import { readRepositoryTimezone } from "../load/repository-language.js";
import type { FileIdentity } from "../load/repository.js";
import { knownDigest } from "./file-identities.js";
import { inScope, type FileScope } from "../load/file-scope.js";
import { DEFAULT_TIMEZONE, type BranchMemo } from "../model/build.js";
import type { IsoDate } from "../model/values.js";
import { isKnownTimezone } from "../model/values.js";
import { endOfDayEpochSeconds, localDateTimeOf } from "../model/zone.js";
import type { AsRecorded } from "../report/as-recorded.js";
import { asRecordedLine, uncommittedNotice } from "../report/as-recorded.js";
import { terminalText } from "../report/untrusted-text.js";
import { resolveAsOf, resolveRoot, type Context } from "./context.js";
import { CliError, EXIT_USAGE } from "./errors.js";
import { cachedIdentities, loadValidData, recordedCheckKey, type CrossFileMemo, type LoadedData, type RecordedChecks } from "./pipeline.js";

/**
 * The repository's timezone for reading its history: channel.yaml's `timezone` as the work
 * tree has it (the history's own settings cannot be read before a commit is chosen), else the default.
 */
export function historyTimezone(root: string): string {
  const zone = readRepositoryTimezone(root);
  return zone !== null && isKnownTimezone(zone) ? zone : DEFAULT_TIMEZONE;
}

/** Runs `read`, turning the history's problems into sentences with exit code 2. */
export function withHistory<T>(root: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof GitHistoryError)) throw error;
    if (error.problem === "git_missing") throw new CliError(EXIT_USAGE, "history.error.gitMissing");
    if (error.problem === "not_a_work_tree") throw new CliError(EXIT_USAGE, "history.error.notWorkTree", { dir: root });
    throw new CliError(EXIT_USAGE, "history.error.gitFailed", { detail: error.detail });
  }
}

/** The git work tree around the data root. */
export function openHistory(ctx: Context, root: string): GitRepository {
  return withHistory(root, () => openGitRepository(root, ctx.surroundings.env));
}

/** The last commit at or before the end of `day`; a sentence and exit 2 when there is none or a shallow clone cannot be sure. */
export function commitAtEndOf(git: GitRepository, day: IsoDate, timezone: string): CommitStamp {
  return withHistory(git.dataRoot, () => {
    const found = lastCommitAtOrBefore(git, endOfDayEpochSeconds(day, timezone));
    if (!shallowHistoryCovers(git, found)) throw new CliError(EXIT_USAGE, "history.error.incomplete", { day, timezone });
    if (found === null) throw new CliError(EXIT_USAGE, "history.error.noCommit", { day, timezone });
    return found;
  });
}

/**
 * The data as recorded in `stamp`, checked and modelled like the work tree's; refused (exit 1) when invalid.
 * With `scope` (audit, issue 29), only the files of those kinds are read, checked and modelled,
 * and only uncommitted changes to such files are named: the others are not in the figures anyway.
 */
export async function loadRecordedAt(
  ctx: Context,
  git: GitRepository,
  stamp: CommitStamp,
  day: IsoDate,
  timezone: string,
  options: { needFileData?: boolean; checks?: RecordedChecks; branches?: BranchMemo; crossFile?: CrossFileMemo; scope?: FileScope; modelScope?: FileScope } = {},
): Promise<{ data: LoadedData; recorded: AsRecorded; scan: RecordedScan }> {
  const committedAt = localDateTimeOf(stamp.time, timezone);
  const { checks, branches, crossFile, scope, ...rest } = options;
  const scan = withHistory(git.dataRoot, () => scanCommit(git, stamp.commit, undefined, scope));
  if (!scan.hasRootMarker) throw new CliError(EXIT_USAGE, "history.error.noData", { commit: stamp.commit.slice(0, 12), committedAt: committedAt.replace("T", " "), dir: git.dataRoot });
  const recordedChecks = checks === undefined ? undefined : { keys: recordedCheckKeys(scan), checks, branches, crossFile };
  const data = await loadValidData(ctx, { scan, commit: stamp.commit, committedAt: committedAt.replace("T", " "), ...rest, recordedChecks });
  // Files the cache has read and that have not changed since are not read again to say so.
  const identities = cachedIdentities(ctx, git.dataRoot);
  const vouch = (file: string, identity: FileIdentity) => knownDigest(identities, file, identity);
  const uncommitted = withHistory(git.dataRoot, () => uncommittedChanges(git, scope === undefined ? undefined : (file) => inScope(scope, file), vouch));
  return { data, recorded: { day, commit: stamp.commit, committedAt, uncommitted }, scan };
}

/** Issue 29: each file's key in `RecordedChecks` (its path and blob id), in the scan's order. */
export function recordedCheckKeys(scan: RecordedScan): (string | null)[] {
  return scan.raws.map((raw, i) => {
    const blob = scan.blobs[i] ?? null;
    return blob === null ? null : recordedCheckKey(raw.file, blob);
  });
}

/** What `bonus --as-recorded` and `expenses --as-recorded` compute from: the data at the end of the as-of day. */
export async function loadRecordedData(ctx: Context): Promise<{ data: LoadedData; recorded: AsRecorded; asOf: IsoDate }> {
  const root = fs.realpathSync(resolveRoot(ctx));
  const timezone = historyTimezone(root);
  const asOf = resolveAsOf(ctx, timezone);
  const git = openHistory(ctx, root);
  const stamp = commitAtEndOf(git, asOf, timezone);
  return { ...(await loadRecordedAt(ctx, git, stamp, asOf, timezone)), asOf };
}

/** Says on stderr where the figures came from and that uncommitted changes were left out (when there are any). */
export function announceRecorded(ctx: Context, recorded: AsRecorded, format: string): void {
  // Table and Markdown carry the commit in their heading; the other formats say it here.
  if (format === "csv") ctx.surroundings.stderr(`channel: ${terminalText(asRecordedLine(recorded, ctx.lang))}\n`);
  const notice = uncommittedNotice(recorded, ctx.lang);
  if (notice !== null) ctx.surroundings.stderr(`channel: ${terminalText(notice)}\n`);
}
