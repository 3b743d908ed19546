/**
 * The shared first half of every command that reads data: find the root, read, check,
 * and build the model from the files without errors, through the cache when there is one.
 *
 * Three cache entries per repository: each file's own check (parsed value and findings), keyed
 * by a digest of its bytes, so an edit re-parses one file; the whole result (findings and
 * model), keyed by every file's digest, so a morning run on unchanged data parses nothing; and
 * each file's identity (size, modification and change times, inode) with its digest, so that
 * on such a run the files are not even read. An identity is trusted only for a file that had
 * not changed for RACY_MS before the scan that recorded it: a write within the same tick of a
 * coarse file-system clock could otherwise leave the identity as it was (git's "racily clean"
 * entries, handled the same way).
 */
import { textIfUnchanged, textOfRaw } from "../load/file-text.js";
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import { limitHeapGrowth } from "./heap-growth.js";
import { digestBytes, digestText, openCacheStore, type CacheStore, type RecordWriter } from "../load/cache.js";
import { BRANCH_FILE_KINDS, LoadedFile, scanRepository, withoutBytes, type FileKind, type LoadedRepository, type RawFile, type ScannedRepository } from "../load/repository.js";
import { AUDIT_SCOPE } from "../load/file-scope.js";
import type { BranchMemo } from "../model/build.js";
import { EXTRA_BRANCH_FIELDS, EXTRA_PROSPECT_FIELDS, EXTRA_STAFF_FIELDS, type Branch, type BranchCore, type CoreModel, type Model, type ProspectCore, type StaffCore } from "../model/types.js";
import { schemaStamp } from "../validate/fingerprint.js";
import type { Finding } from "../findings.js";
import type { FileCheck, ValidationResult } from "../validate/index.js";
import { BUILD, VERSION } from "../version.js";
import { renderDiagnosticsText } from "../report/diagnostics.js";
import { resolveRoot, type Context } from "./context.js";
import { writePeopleIndex } from "./edit-load.js";
import { knownDigest, type CachedIdentities } from "./file-identities.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_USAGE } from "./errors.js";

/** `M`: the whole model, or (loadCoreData) its core without the extra fields (model/types.ts). */
export interface LoadedData<M extends CoreModel = Model> {
  root: string;
  repo: LoadedRepository;
  validation: ValidationResult;
  model: M;
  /** Files the model leaves out because they have errors. */
  skipped: string[];
  /**
   * Each file's own check (its value and the findings about it alone), when the files were
   * read with `needFileData` (only then). `import` re-validates with one file replaced from these.
   */
  checks?: readonly FileCheck[];
  /**
   * With `needFileData`: each file's bytes as read and checked, by path relative to the root (a
   * file that did not exist or could not be read has none). A command writes only over these.
   */
  bytes?: ReadonlyMap<string, Uint8Array>;
}

export interface LoadOptions {
  strict?: boolean;
  /**
   * Whether every file's parsed value must be at hand in `repo.files` (a command that edits
   * files does); otherwise an unchanged repository is answered from the cached result alone.
   */
  needFileData?: boolean;
  /**
   * The files as recorded in a commit (see load/git-history.ts) instead of the work tree's. They
   * go through the same checks and model. The cache is read (its entries are keyed by the
   * files' bytes, so a file as committed that is as on disk is not parsed again); of it only the
   * checks across files are written, under their own key (`recordedKey`), and the files' own
   * checks with `keepFileChecks`: the rest describes the work tree.
   */
  recorded?: ScannedRepository;
  /**
   * Issue 29 (audit): checks already made in this run of files as recorded in commits, shared by
   * the loads of several commits. `keys[i]` names `recorded.raws[i]`'s bytes (its path and git
   * blob id; null when unknown): a file with a key found in `checks` is not checked again, and
   * every file checked or taken from the cache is added to `checks` under its key. `branches`:
   * the branches modelled by those loads, which the model reuses where its files are the same
   * values (model/build.ts `BranchMemo`).
   */
  recordedChecks?: { keys: readonly (string | null)[]; checks: RecordedChecks; branches?: BranchMemo; crossFile?: CrossFileMemo };
  /**
   * Issue 29: the kinds of file the model is built from, when not every file read (audit: it
   * reads kpis.yaml for its sales as records, from the file's value, and computes with no
   * figure of it, so the model leaves kpis out). The files are checked all the same.
   */
  modelScope?: ReadonlySet<FileKind>;
  /**
   * Issue 29 (audit): with `recorded`, the checks of the files read are written to the cache's
   * lists of file checks, as a work-tree load writes them (only the lists whose every kind the
   * commit's scan read). A file's check depends on its path and bytes alone, and the cache knows
   * a file by the id git gives its bytes, which a commit's file comes with: an audit run again (in
   * another format, or after a change elsewhere) parses none of those files again, nor does the
   * next `validate` those that the work tree has as committed. Nothing else is written: the
   * result, the model, the files' identities and the people index describe the work tree.
   */
  keepFileChecks?: boolean;
}

/**
 * Issue 29 (audit): the findings of the rules across files for the commit read last in this run,
 * and what they were found from. The next commit's are the same when its files are the same
 * (paths, kinds, branch folders, order) and each file that differs states the same facts and is
 * named by no such finding (see `carriedCrossFile`): the deadline's commit is most often the
 * as-of day's with a few files changed.
 */
export interface CrossFileMemo {
  last: { files: readonly { file: string; kind: FileKind; branchFolder: string | null }[]; keys: readonly (string | null)[]; scope: ReadonlySet<FileKind> | undefined; findings: Finding[] } | null;
}

/** Issue 29: one file's own check as recorded in a commit, by `recordedCheckKey` (see `LoadOptions.recordedChecks`). */
export type RecordedChecks = Map<string, { data: unknown; findings: Finding[] }>;

/** The key of a file's check in `RecordedChecks`: its path and its git blob id (a check depends on nothing else). */
export function recordedCheckKey(file: string, blob: string): string {
  return `${file}\0${blob}`;
}

interface CachedFile {
  kind: string;
  digest: string;
  /** The parsed value; absent when the file did not parse. */
  data?: unknown;
  parsed: boolean;
  findings: Finding[];
}

/** The findings of the whole repository (small: what `validate` needs). */
interface CachedResult {
  /** What the result was made from: every file's name and digest, the layout findings, --strict. */
  key: string;
  findings: Finding[];
  files: number;
  skipped: string[];
}

/** The model built from it (large: what the rule commands need), kept apart so validate never reads it. */
interface CachedModel<M extends CoreModel = Model> {
  key: string;
  model: M;
}

/** What `validate` needs: the findings, without building (or reading) the model. */
export type LoadedValidation = Omit<LoadedData, "model">;

/**
 * How much of the model a command needs: none (validate), its core (the rules that take
 * CoreModel: a warm run reads only the cache's core records) or the whole of it.
 */
type ModelNeed = "none" | "core" | "whole";

export function loadData(ctx: Context, options: LoadOptions = {}): Promise<LoadedData> {
  return load(ctx, options, "whole");
}

/**
 * As loadData, for a command whose rules read only the core of the model (CoreModel): a warm run
 * leaves the extra fields unread (at 2,000 branches, ~45% less to parse and hold).
 */
export function loadCoreData(ctx: Context, options: LoadOptions = {}): Promise<LoadedData<CoreModel>> {
  return load(ctx, options, "core");
}

export function loadValidation(ctx: Context, options: LoadOptions = {}): Promise<LoadedValidation> {
  return load(ctx, options, "none");
}

function load(ctx: Context, options: LoadOptions, needModel: "whole"): Promise<LoadedData>;
function load(ctx: Context, options: LoadOptions, needModel: "core"): Promise<LoadedData<CoreModel>>;
function load(ctx: Context, options: LoadOptions, needModel: "none"): Promise<LoadedValidation>;
async function load(ctx: Context, options: LoadOptions, needModel: ModelNeed): Promise<LoadedValidation & { model?: CoreModel }> {
  const root = options.recorded?.root ?? fs.realpathSync(resolveRoot(ctx));
  const cache = ctx.cacheDir === null ? null : openCacheStore(ctx.cacheDir, root, cacheSalt());
  const writesCache = cache !== null && options.recorded === undefined;
  const writesFileChecks = cache !== null && (options.recorded === undefined || options.keepFileChecks === true);
  // The identities vouch for work-tree files; a commit's files are known by their blob ids.
  const known = cache === null || options.recorded !== undefined ? null : readIdentities(cache);
  const scanStarted = Date.now();
  // The digests of the files the scan leaves unread, as the identities recorded them.
  const vouched = new Map<string, string>();
  // A command that edits a file reads every file: it writes only over the very bytes it checked.
  const scan = options.recorded ?? scanRepository(root, {
    unchanged: (file, identity) => {
      const digest = options.needFileData ? null : knownDigest(known, file, identity);
      if (digest !== null) vouched.set(file, digest);
      return digest !== null;
    },
  });
  // Digests key the cache; without one (--no-cache) they would be computed for nothing. A
  // commit's file comes with its digest (its blob id), unless the repository's ids are not the
  // cache's (SHA-256): those are read first, in one batch.
  if (cache !== null) options.recorded?.fetch?.(scan.raws.filter((raw) => raw.digest === undefined));
  const digests = scan.raws.map((raw) =>
    cache === null ? null : (raw.digest ?? (raw.unread === true ? (vouched.get(raw.file) ?? null) : raw.bytes === null ? null : digestBytes(raw.bytes))),
  );
  if (writesCache && scan.raws.some((raw) => raw.unread !== true)) writeIdentities(cache, scan.raws, digests, scanStarted);
  // Compared whole rather than hashed: it is small (a name and a digest per file) and a run
  // that reads nothing should not have to load a hash function for it.
  const resultKey = JSON.stringify([scan.raws.map((r) => r.file), digests, scan.findings, options.strict === true]);
  // Issue 29: a commit's files checked across files by an earlier run (audit reads the same
  // commits again: the as-of day's in each format, the deadline's every month). The same files,
  // bytes, scope and --strict give the same findings, so those checks are not made again.
  const recordedKey =
    cache !== null && options.recorded !== undefined && digests.every((digest) => digest !== null)
      ? digestText(JSON.stringify([resultKey, scan.scope === undefined ? null : [...scan.scope].sort()]))
      : null;
  const recordedResults = recordedKey === null ? [] : readRecordedResults(cache!);
  const recordedValidation = recordedResults.find((result) => result.key === recordedKey)?.validation ?? null;

  if (cache && !options.needFileData) {
    const cached = readResult(cache);
    const cachedModel = needModel !== "none" && cached?.key === resultKey ? readModel(cache, resultKey, needModel === "whole") : null;
    if (cached && cached.key === resultKey && (needModel === "none" || cachedModel !== null)) {
      // No YAML documents: the cached findings were located when they were found.
      const files = scan.raws.map((raw) => new LoadedFile(raw.file, raw.kind, raw.branchFolder, textOfRaw(raw), undefined));
      const errors = new Set(cached.findings.filter((f) => f.severity === "error").map((f) => f.file));
      const validation: ValidationResult = {
        findings: cached.findings,
        errors: cached.findings.filter((f) => f.severity === "error").length,
        warnings: cached.findings.filter((f) => f.severity !== "error").length,
        files: cached.files,
        filesWithErrors: errors,
      };
      const repo = { root: scan.root, files, branchFolders: scan.branchFolders, findings: scan.findings };
      return { root: scan.root, repo, validation, skipped: cached.skipped, ...(cachedModel ? { model: cachedModel.model } : {}) };
    }
  }

  // The parsers, the schema validators and the model builder are loaded only now: a run
  // answered from the cached result never needs them, and they are most of the code.
  const { checkForLoad, checkInParallel, assembleValidation, crossFileFindings, documentOf, buildModel, skippedFiles, StreamedModel, peopleValue, factsOf } = await import("./parse-stage.js");
  const lazyFile = (raw: RawFile, data: unknown) => new LoadedFile(raw.file, raw.kind, raw.branchFolder, textOfRaw(raw), data, documentOf);
  // Issue 29: a command that does not write keeps no file's bytes once checked (at 2,000 branches
  // 160 MB held to the end of the run): a file's text, asked for to quote a line of a finding, is
  // read again, and used only if it is still the very bytes checked (else it is not quoted).
  // A commit's files are let go as well when its scan can read them again (`letGo`).
  const keepsBytes = options.needFileData === true || (options.recorded !== undefined && options.recorded.letGo === undefined);
  const checkedFile = (i: number, data: unknown) => {
    const raw = scan.raws[i]!;
    const digest = digests[i];
    // A file left unread holds no bytes (it reads them when asked).
    if (keepsBytes || digest == null || raw.unread === true) return lazyFile(raw, data);
    return new LoadedFile(raw.file, raw.kind, raw.branchFolder, textIfUnchanged(path.join(scan.root, raw.file), digest), data, documentOf);
  };
  const memo = options.recordedChecks;
  // Issue 29: the cache's file checks are all read or none; when this run's earlier checks
  // cover nearly every byte (another commit of the same data), parsing the rest costs less.
  // A scan of some kinds of file (audit, issue 29) reads only those files' records.
  const previous = cache === null || mostlyChecked(scan.raws, memo) ? new Map<string, CachedFile>() : readFileChecks(cache, scan.scope);
  const hits = scan.raws.map((raw, i) => {
    const key = memo?.keys[i];
    const known = key == null ? undefined : memo!.checks.get(key);
    if (known !== undefined) return { kind: raw.kind, digest: digests[i] ?? "", parsed: known.data !== undefined, data: known.data, findings: known.findings };
    const hit = previous.get(raw.file);
    return digests[i] != null && hit && hit.digest === digests[i] && hit.kind === raw.kind ? hit : null;
  });
  const missing = scan.raws.flatMap((_raw, i) => (hits[i] === null ? [i] : []));
  // Issue 29: a rule command builds its model branch by branch as the checks come in and lets
  // each file's value go once its branch is built (see StreamedModel), rather than hold the whole
  // repository's values until the check is done. audit (which models two commits, sharing
  // branches) and the commands that edit files keep the values.
  const streams = needModel !== "none" && !options.needFileData && memo === undefined && options.modelScope === undefined;
  // Issue 29: the model's extra fields (archives, KPI months, competitors: a third of a branch)
  // are written to the cache as each branch is built; a command that reads only the core then
  // lets them go at once instead of holding them to the end (about 90 MB at 2,000 branches).
  const extraRecords: StreamedExtras | null = streams && writesCache ? { writer: cache.recordWriter("model-extra"), numberOf: new WeakMap(), count: 0 } : null;
  extraRecords?.writer.addValue({ key: resultKey } satisfies ExtraHead);
  const fileRecords = writesFileChecks ? fileRecordWriters(cache, scan.scope) : null;
  // The cache's lists are kept only once complete (see writeModel): a run that stops before
  // (a file changed while read) leaves no temporary file.
  try {
    const streamed = streams
      ? new StreamedModel(scan.raws, (branch) => {
          const kept = needModel === "core" ? coreOf(branch) : branch;
          if (extraRecords !== null) {
            extraRecords.writer.addValue(extraRecordOf(branch));
            extraRecords.numberOf.set(kept, ++extraRecords.count);
          }
          return kept;
        })
      : null;
    const usableAlone = (parsed: boolean, findings: readonly Finding[]) => parsed && !findings.some((f) => options.strict === true || f.severity === "error");
    if (streamed !== null) limitHeapGrowth(v8);
    // The files' list is written again when a file is checked anew, or one is gone.
    const filesRewritten = fileRecords !== null && (missing.some((i) => digests[i] != null) || previous.size !== digests.filter((digest) => digest != null).length);
    // Issue 29: when it is not (nothing changed since it was written: a rule command right after
    // validate), a cached file's value goes once its branch has it, as a checked file's does, and
    // what the rules across files need of it is taken now. Before, the whole repository's values
    // were held to the end of the load beside the model.
    const letHitValuesGo = streamed !== null && !filesRewritten;
    const hitFacts = new Map<number, FileCheck["facts"]>();
    if (streamed !== null) {
      hits.forEach((hit, i) => {
        if (!hit) return;
        streamed.take(i, hit.parsed ? hit.data : undefined, usableAlone(hit.parsed, hit.findings));
        if (!letHitValuesGo) return;
        hitFacts.set(i, factsOf(hit.kind, hit.parsed ? hit.data : undefined));
        delete hit.data;
      });
    }
    const misses = missing.map((i) => scan.raws[i]!);
    // A commit's files are read only now, and only those to be checked (in one batch).
    options.recorded?.fetch?.(misses);
    // Only the model, and a command that edits files, need the values once the files are checked:
    // validate keeps each file's facts and findings and lets the value go (issue 29), its cache
    // record written as it comes in.
    const keepData = needModel !== "none" || options.needFileData === true;
    // What is kept of each file once checked: its value, or (when the model is built as the checks come in) what is kept without it.
    const keepValues = keepData && streamed === null;
    const wants = { data: keepData, json: writesFileChecks };
    // Issue 29: a file's bytes are let go once it is checked, when nothing reads them later but to
    // quote a finding's line (read again, and quoted only if unchanged: see checkedFile) or to build
    // a branch again (read again, and refused if changed: see dataAgain).
    // (A work-tree file is read again only when its digest says it is unchanged: none without a cache.)
    const letBytesGo = streamed !== null && !keepsBytes && (cache !== null || options.recorded !== undefined);
    const checked = await checkInParallel(
      misses,
      (raw) => {
        // A value built into the model as it comes in outlives its file's text (see detach-strings.ts).
        const check = checkForLoad(raw, wants, streamed !== null);
        if (keepData) return { ...check, file: lazyFile(raw, check.data) };
        // Copied: a string the parser made here is a slice of the file's whole text and would keep
        // all of it alive (a worker's results arrive as copies already).
        return { ...check, facts: structuredClone(check.facts), people: structuredClone(check.people), findings: structuredClone(check.findings) };
      },
      ctx.progress,
      ctx.parallelMinBytes,
      wants,
      (index, value) => {
        const digest = digests[missing[index]!] ?? null;
        const raw = misses[index]!;
        if (fileRecords !== null && digest !== null) fileRecords.add(raw.kind, fileRecordJson(raw, digest, value));
        if (letBytesGo && options.recorded !== undefined) options.recorded.letGo!(raw);
        else if (letBytesGo) scan.raws[missing[index]!] = misses[index] = withoutBytes(raw, path.join(scan.root, raw.file));
        if (streamed === null) return { ...value, json: undefined };
        streamed.take(missing[index]!, value.data, usableAlone(value.parsed, value.findings));
        const people = raw.kind === "staff" || raw.kind === "prospects" ? peopleValue(raw.kind, value.data) : undefined;
        return { ...value, data: undefined, file: undefined, json: undefined, people };
      },
      letBytesGo,
    );
    const rewrite = filesRewritten;
    let next = 0;
    // What the people index reads of each file: its value, or the part of it kept for the index.
    const peopleValues: unknown[] = [];
    const unparsed = new Set<string>();
    const checks: FileCheck[] = scan.raws.map((raw, i) => {
      const hit = hits[i];
      if (hit) {
        if (fileRecords !== null && rewrite) fileRecords.add(raw.kind, JSON.stringify([raw.file, hit]));
        const data = hit.parsed ? hit.data : undefined;
        peopleValues.push(data);
        if (!hit.parsed) unparsed.add(raw.file);
        const facts = hitFacts.get(i);
        return facts === undefined ? { file: checkedFile(i, data), findings: hit.findings } : { file: checkedFile(i, undefined), findings: hit.findings, facts };
      }
      const value = checked[next++]!;
      peopleValues.push(keepValues ? value.data : value.people);
      if (!value.parsed) unparsed.add(raw.file);
      // The file as checked holds its text (and perhaps its document): kept only with its value.
      return { file: keepValues ? (value.file ?? checkedFile(i, value.data)) : checkedFile(i, undefined), findings: value.findings, facts: value.facts };
    });
    ctx.progress(scan.raws.length, scan.raws.length);
    // Issue 29: every file's check, for the next commit this run reads (see `recordedChecks`).
    if (memo !== undefined) {
      checks.forEach((check, i) => {
        const key = memo.keys[i];
        if (key != null) memo.checks.set(key, { data: check.file.data, findings: check.findings });
      });
    }
    let validation = recordedValidation;
    if (validation === null) {
      const crossFile = carriedCrossFile(memo, scan, checks, factsOf) ?? crossFileFindings(checks, scan.scope);
      if (memo?.crossFile !== undefined) {
        memo.crossFile.last = { files: scan.raws.map((raw) => ({ file: raw.file, kind: raw.kind, branchFolder: raw.branchFolder })), keys: memo.keys, scope: scan.scope, findings: crossFile };
      }
      validation = assembleValidation(scan.findings, checks, { strict: options.strict, scope: scan.scope, crossFile });
    }
    if (recordedKey !== null && recordedValidation === null) writeRecordedResults(cache!, { key: recordedKey, validation }, recordedResults);
    // The facts served the rules across files; let go before the cache is written (issue 29).
    if (!options.needFileData) {
      for (const check of checks) delete check.facts;
      checked.length = 0;
    }
    const repo: LoadedRepository = { root: scan.root, files: checks.map((c) => c.file), branchFolders: scan.branchFolders, findings: scan.findings };
    const skipped = skippedFiles(repo, validation.filesWithErrors, unparsed);
    // validate never builds the model: at head-office scale that is seconds it does not need.
    const modelled = options.modelScope === undefined ? repo : { ...repo, files: repo.files.filter((file) => options.modelScope!.has(file.kind)) };
    // A file's value is fetched again only for a branch the rules across files changed (rare): a
    // checked file's from its bytes, a cached one's from its record.
    const dataAgain = (i: number) => {
      const hit = hits[i];
      if (hit && !hitFacts.has(i)) return hit.data;
      const raw = scan.raws[i]!;
      // Read again (see letBytesGo, letHitValuesGo): a branch is built only from the very bytes that were checked.
      if ((letBytesGo || hitFacts.has(i)) && digests[i] != null && (raw.bytes === null || digestBytes(raw.bytes) !== digests[i])) throw new CliError(EXIT_USAGE, "load.changedWhileRead", { file: raw.file });
      return checkForLoad(raw, { data: true, json: false }, true).data;
    };
    const model =
      needModel === "none" ? undefined : streamed !== null ? streamed.finish(validation.filesWithErrors, dataAgain) : buildModel(modelled, validation.filesWithErrors, memo?.branches).model;
    if (rewrite) fileRecords!.commit();
    else fileRecords?.abandon();
    if (writesCache) {
      writeResult(cache, { key: resultKey, findings: validation.findings, files: validation.files, skipped });
      if (model) writeModel(cache, { key: resultKey, model }, extraRecords, streamed !== null && needModel === "core");
      // Who is in which branch, for `log` (see edit-load.ts): rewritten with the files' index.
      if (rewrite) writePeopleIndex(cache, scanStarted, handedOver(scan.raws, peopleValues));
    }
    // What a command may write over: the work tree's files (a commit's are never written).
    const bytes = new Map(options.needFileData && options.recorded === undefined ? scan.raws.flatMap((raw) => (raw.bytes === null ? [] : [[raw.file, raw.bytes] as const])) : []);
    // The checks only for a command that edits files: their facts (ids, names, references) are
    // not small at head-office scale and a rule command's model no longer needs them.
    return { root: scan.root, repo, validation, skipped, ...(options.needFileData ? { checks } : {}), bytes, ...(model ? { model } : {}) };
  } finally {
    extraRecords?.writer.abandon();
    fileRecords?.abandon();
  }
}

/** Each file with what the people index reads of it, let go of here as it is handed over (see writePeopleIndex). */
function* handedOver(raws: readonly RawFile[], values: unknown[]): Generator<{ raw: RawFile; data: unknown }> {
  for (let i = 0; i < raws.length; i++) {
    const data = values[i];
    values[i] = undefined;
    yield { raw: raws[i]!, data };
  }
}

/**
 * The findings of the rules across files for these files, carried over from the commit read
 * before them in this run (`memo.crossFile`) when they cannot differ; null when they must be
 * found. The rules read nothing of a file but its facts, and place a finding by its file's text:
 * the same files in the same order, each either the same bytes (path and blob) or with the same
 * facts and named by no finding (not even in another's parameters), give the same findings.
 */
function carriedCrossFile(
  memo: LoadOptions["recordedChecks"],
  scan: ScannedRepository,
  checks: readonly FileCheck[],
  factsOf: (kind: FileKind, data: unknown) => unknown,
): Finding[] | null {
  const last = memo?.crossFile?.last ?? null;
  if (memo === undefined || last === null || last.files.length !== scan.raws.length) return null;
  if ((last.scope === undefined) !== (scan.scope === undefined) || (last.scope !== undefined && [...last.scope].sort().join() !== [...scan.scope!].sort().join())) return null;
  let named: string[] | null = null;
  for (let i = 0; i < scan.raws.length; i++) {
    const raw = scan.raws[i]!;
    const before = last.files[i]!;
    if (raw.file !== before.file || raw.kind !== before.kind || raw.branchFolder !== before.branchFolder) return null;
    const key = memo.keys[i] ?? null;
    const keyBefore = last.keys[i] ?? null;
    if (key !== null && key === keyBefore) continue;
    const earlier = keyBefore === null ? undefined : memo.checks.get(keyBefore);
    if (earlier === undefined) return null;
    // The facts first: a file that changed mostly states other facts, and the findings' words are
    // then never searched (thousands of findings, for each file that changed).
    const check = checks[i]!;
    if (JSON.stringify(check.facts ?? factsOf(raw.kind, check.file.data)) !== JSON.stringify(factsOf(raw.kind, earlier.data))) return null;
    named ??= last.findings.map((finding) => JSON.stringify(finding));
    if (named.some((text) => text.includes(JSON.stringify(raw.file).slice(1, -1)))) return null;
  }
  return last.findings;
}

/**
 * Whether checks made earlier in this run (`memo`) leave less than a tenth of the files to
 * check: then reading the whole cache of file checks (about a seventh of parsing everything)
 * would cost more than parsing what is left. Changes the speed only, never the result.
 */
function mostlyChecked(raws: readonly RawFile[], memo: LoadOptions["recordedChecks"]): boolean {
  if (memo === undefined) return false;
  // Files, not bytes: a commit's files are not read to learn their size.
  const left = raws.filter((_raw, i) => {
    const key = memo.keys[i];
    return key == null || !memo.checks.has(key);
  }).length;
  return left * 10 < raws.length;
}

/**
 * Loads the data and refuses to go on when it has errors: money is never computed from a
 * repository that is only partly readable. The problems go to stderr, as `validate` shows them.
 */
export async function loadValidData(
  ctx: Context,
  recorded?: { scan: ScannedRepository; commit: string; committedAt: string; needFileData?: boolean; recordedChecks?: LoadOptions["recordedChecks"]; modelScope?: LoadOptions["modelScope"] },
): Promise<LoadedData> {
  return refuseErrors(
    ctx,
    await loadData(
      ctx,
      // A commit read as the as-of day's keeps its files' checks for the next run (keepFileChecks).
      recorded === undefined ? {} : { recorded: recorded.scan, needFileData: recorded.needFileData === true, recordedChecks: recorded.recordedChecks, modelScope: recorded.modelScope, keepFileChecks: true },
    ),
    recorded,
  );
}

/** loadValidData for a command whose rules read only the core of the model (see loadCoreData). */
export async function loadValidCoreData(ctx: Context): Promise<LoadedData<CoreModel>> {
  return refuseErrors(ctx, await loadCoreData(ctx));
}

function refuseErrors<D extends LoadedData<CoreModel>>(ctx: Context, data: D, recorded?: { scan: ScannedRepository; commit: string; committedAt: string }): D {
  if (data.validation.errors > 0) {
    // A commit's files let go once checked are read again to quote the findings' lines: in one batch.
    const named = new Set(data.validation.findings.map((finding) => finding.file));
    recorded?.scan.fetch?.(recorded.scan.raws.filter((raw) => named.has(raw.file)));
    ctx.surroundings.stderr(renderDiagnosticsText(data.validation, data.repo.files, ctx.lang, ctx.style));
    if (recorded !== undefined) {
      throw new CliError(EXIT_DATA_ERRORS, "money.error.invalidRecordedData", { errors: data.validation.errors, commit: recorded.commit.slice(0, 12), committedAt: recorded.committedAt });
    }
    throw new CliError(EXIT_DATA_ERRORS, "money.error.invalidData", { errors: data.validation.errors });
  }
  return data;
}

/*
 * The cache entries as records (see load/cache.ts): one per file, finding or branch, never one
 * value for the whole repository. A first record says what follows; a list whose records do
 * not add up is read as no cache.
 */

function writeIdentities(cache: CacheStore, raws: readonly RawFile[], digests: readonly (string | null)[], scannedAt: number): void {
  cache.writeRecords("identities", identityRecords(raws, digests, scannedAt));
}

function* identityRecords(raws: readonly RawFile[], digests: readonly (string | null)[], scannedAt: number): Generator<unknown> {
  yield { scannedAt };
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i]!;
    const digest = digests[i];
    if (raw.identity && typeof digest === "string") yield [raw.file, raw.identity.size, raw.identity.mtimeMs, raw.identity.ctimeMs, raw.identity.ino, digest];
  }
}

/** What a cache is valid for: this build of the tool and its schemas. */
function cacheSalt(): string {
  return `${VERSION}|${BUILD}|${schemaStamp()}`;
}

/**
 * The work tree's files as the cache last read them (identity and digest, the digest being the
 * blob id git would give them), or null without a cache: `audit` tells an unchanged file from
 * the index's blob without reading it (issue 29).
 */
export function cachedIdentities(ctx: Context, root: string): CachedIdentities | null {
  return ctx.cacheDir === null ? null : readIdentities(openCacheStore(ctx.cacheDir, root, cacheSalt()));
}

function readIdentities(cache: CacheStore): CachedIdentities | null {
  const records = cache.readRecords<unknown>("identities");
  if (records === null || records.length === 0) return null;
  const { scannedAt } = records[0] as { scannedAt: number };
  const files: CachedIdentities["files"] = {};
  for (let i = 1; i < records.length; i++) {
    const [file, size, mtimeMs, ctimeMs, ino, digest] = records[i] as [string, number, number, number, number, string];
    files[file] = [size, mtimeMs, ctimeMs, ino, digest];
  }
  return { scannedAt, files };
}

/**
 * A file's record in the cache's `files` list, as JSON text: `[file, {kind, digest, parsed,
 * data, findings}]` (what `JSON.stringify` of that pair gives), its value as the check's JSON
 * text, which is all that is left of it on a cold `validate`.
 */
function fileRecordJson(raw: RawFile, digest: string, value: { parsed: boolean; data: unknown; json?: string; findings: Finding[] }): string {
  const json = value.json ?? (value.parsed ? JSON.stringify(value.data) : undefined);
  const data = json === undefined ? "" : `,"data":${json}`;
  return `[${JSON.stringify(raw.file)},{"kind":${JSON.stringify(raw.kind)},"digest":${JSON.stringify(digest)},"parsed":${value.parsed}${data},"findings":${JSON.stringify(value.findings)}}]`;
}

/** A record writer opened on the first record: a run that adds none never starts a file. */
function lazyRecordWriter(cache: CacheStore, name: string): { add(json: string): void; commit(): void; abandon(): void } {
  let writer: RecordWriter | null = null;
  return {
    add(json: string) {
      writer ??= cache.recordWriter(name);
      writer.addJson(json);
    },
    commit() {
      // Nothing added: an empty list is still a list (every file gone).
      (writer ??= cache.recordWriter(name)).commit();
    },
    abandon() {
      writer?.abandon();
    },
  };
}

/**
 * The cache keeps each file's check in one of two lists by the file's kind: the files `audit`
 * reads (AUDIT_SCOPE: the settings, the departments and each branch's branch, staff and kpis
 * files) and the rest, so that an audit reads a fifth of the checks (issue 29). Every other load
 * reads both.
 */
const FILE_LISTS = ["files-audited", "files-rest"] as const;

function fileListOf(kind: FileKind): (typeof FILE_LISTS)[number] {
  return AUDIT_SCOPE.has(kind) ? "files-audited" : "files-rest";
}

/** Every kind of data file, each in the one list that keeps its checks. */
const FILE_KINDS: readonly FileKind[] = [...new Set<FileKind>(["channel", "departments", ...Object.values(BRANCH_FILE_KINDS)])];

/**
 * The writers of the lists of file checks (see FILE_LISTS). A scan of some kinds of file
 * (`scope`) writes only the lists whose every kind it read: a list written from part of its
 * kinds would lose the others' checks.
 */
function fileRecordWriters(cache: CacheStore, scope: ReadonlySet<FileKind> | undefined): { add(kind: FileKind, json: string): void; commit(): void; abandon(): void } {
  const whole = (name: (typeof FILE_LISTS)[number]) => scope === undefined || FILE_KINDS.every((kind) => fileListOf(kind) !== name || scope.has(kind));
  const writers = new Map(FILE_LISTS.filter(whole).map((name) => [name, lazyRecordWriter(cache, name)] as const));
  return {
    add: (kind, json) => writers.get(fileListOf(kind))?.add(json),
    commit() {
      for (const writer of writers.values()) writer.commit();
      // The one list that versions before kept: hundreds of MB at head-office scale, never read again.
      cache.removeRecords("files");
    },
    abandon() {
      for (const writer of writers.values()) writer.abandon();
    },
  };
}

/**
 * The cached checks of the files, by path: only the lists holding the kinds of `scope` when
 * given. A list that is absent or damaged gives none (an audit may have written only its own:
 * see `keepFileChecks`); every check is still matched by the file's digest before it is used.
 */
function readFileChecks(cache: CacheStore, scope?: ReadonlySet<FileKind>): Map<string, CachedFile> {
  const checks = new Map<string, CachedFile>();
  for (const name of FILE_LISTS) {
    if (scope !== undefined && ![...scope].some((kind) => fileListOf(kind) === name)) continue;
    for (const [file, check] of cache.readRecords<[string, CachedFile]>(name) ?? []) checks.set(file, check);
  }
  return checks;
}

function writeResult(cache: CacheStore, result: CachedResult): void {
  cache.writeRecords("result", resultRecords(result));
}

function* resultRecords(result: CachedResult): Generator<unknown> {
  yield { key: result.key, files: result.files, findings: result.findings.length, skipped: result.skipped.length };
  yield* result.findings;
  yield* result.skipped;
}

function readResult(cache: CacheStore): CachedResult | null {
  const records = cache.readRecords<unknown>("result");
  if (records === null || records.length === 0) return null;
  const head = records[0] as { key: string; files: number; findings: number; skipped: number };
  if (records.length !== 1 + head.findings + head.skipped) return null;
  return { key: head.key, files: head.files, findings: records.slice(1, 1 + head.findings) as Finding[], skipped: records.slice(1 + head.findings) as string[] };
}

/** The checks of a commit's files, by the digest of what they were made from (see `recordedKey` in load). */
interface RecordedResult {
  key: string;
  validation: ValidationResult;
}

/** How many commits' checks are kept: an audit reads two (the as-of day's and the deadline's). */
const RECORDED_RESULTS_KEPT = 4;

/** The head of one result in "result-recorded"; its findings follow it. */
interface RecordedResultHead {
  key: string;
  files: number;
  errors: number;
  warnings: number;
  filesWithErrors: string[];
  findings: number;
}

function readRecordedResults(cache: CacheStore): RecordedResult[] {
  const records = cache.readRecords<unknown>("result-recorded");
  if (records === null) return [];
  const results: RecordedResult[] = [];
  for (let at = 0; at < records.length; ) {
    const head = records[at] as RecordedResultHead | null;
    if (typeof head?.key !== "string" || !Array.isArray(head.filesWithErrors) || !(head.findings >= 0) || at + 1 + head.findings > records.length) return [];
    const findings = records.slice(at + 1, at + 1 + head.findings) as Finding[];
    results.push({ key: head.key, validation: { findings, files: head.files, errors: head.errors, warnings: head.warnings, filesWithErrors: new Set(head.filesWithErrors) } });
    at += 1 + head.findings;
  }
  return results;
}

/** Saves `latest` first, then the others kept (the most recently made first). */
function writeRecordedResults(cache: CacheStore, latest: RecordedResult, earlier: readonly RecordedResult[]): void {
  const kept = [latest, ...earlier.filter((result) => result.key !== latest.key)].slice(0, RECORDED_RESULTS_KEPT);
  cache.writeRecords("result-recorded", recordedResultRecords(kept));
}

function* recordedResultRecords(results: readonly RecordedResult[]): Generator<unknown> {
  for (const { key, validation } of results) {
    const { files, errors, warnings, findings } = validation;
    yield { key, files, errors, warnings, filesWithErrors: [...validation.filesWithErrors].sort(), findings: findings.length } satisfies RecordedResultHead;
    yield* findings;
  }
}

/*
 * The model as two lists of records (issue 29): "model", a head (settings, departments) and each
 * branch's core (the branch without EXTRA_BRANCH_FIELDS, its people without theirs), and
 * "model-extra", a head and each branch's extra fields: the branch's own as an object, its
 * staff's and prospects' as one array of values per person, in the order of EXTRA_STAFF_FIELDS /
 * EXTRA_PROSPECT_FIELDS. A run that needs only the core reads only the first. The extra records
 * may be in the order the branches were built (see StreamedModel), a branch built twice having
 * two: the head of "model" says which record is each branch's.
 */

/** The head of "model-extra": what the model was made from (as CachedModel's key). */
interface ExtraHead {
  key: string;
}

/** A branch's extra fields in "model-extra". */
interface ExtraRecord {
  branch: Record<string, unknown>;
  staff: unknown[][];
  prospects: unknown[][];
}

/** The head of "model". */
interface ModelHead {
  key: string;
  settings: Model["settings"];
  departments: Model["departments"];
  /** How many branch records follow. */
  branches: number;
  /** For each branch, in order, the number of its record in "model-extra" (the head is 0). */
  extras: number[];
}

/** The extra records written as the branches are built, and the number of each kept branch's record. */
interface StreamedExtras {
  writer: RecordWriter;
  numberOf: WeakMap<BranchCore, number>;
  count: number;
}

/**
 * Writes the model; its extra fields as `streamedExtras` wrote them while building it, or now.
 * `cores`: the model's branches are their cores already (see load), written as they are.
 */
function writeModel(cache: CacheStore, cached: CachedModel<CoreModel>, streamedExtras: StreamedExtras | null, cores: boolean): void {
  if (streamedExtras === null) cache.writeRecords("model-extra", modelExtraRecords(cached as CachedModel));
  else streamedExtras.writer.commit();
  // Every branch of a streamed model went through StreamedModel's `keep`, so each has its record
  // (0, which the reader refuses, is never written).
  const extras = cached.model.branches.map((branch, i) => (streamedExtras === null ? i + 1 : (streamedExtras.numberOf.get(branch) ?? 0)));
  cache.writeRecords("model", modelRecords(cached, extras, cores));
}

function* modelRecords({ key, model }: CachedModel<CoreModel>, extras: number[], cores: boolean): Generator<unknown> {
  yield { key, settings: model.settings, departments: model.departments, branches: model.branches.length, extras } satisfies ModelHead;
  for (const branch of model.branches) yield cores ? branch : coreOf(branch as Branch);
}

function* modelExtraRecords({ key, model }: CachedModel): Generator<unknown> {
  yield { key } satisfies ExtraHead;
  for (const branch of model.branches) yield extraRecordOf(branch);
}

function extraRecordOf(branch: Branch): ExtraRecord {
  const own: Record<string, unknown> = {};
  for (const field of EXTRA_BRANCH_FIELDS) own[field] = branch[field];
  return {
    branch: own,
    staff: branch.staff.map((staff) => EXTRA_STAFF_FIELDS.map((field) => staff[field])),
    prospects: branch.prospects.map((prospect) => EXTRA_PROSPECT_FIELDS.map((field) => prospect[field])),
  };
}

/** The core of `branch` (see CoreModel): new objects, the rest shared. */
function coreOf(branch: Branch): BranchCore {
  const core = copiedWithout(branch, EXTRA_BRANCH_FIELDS) as unknown as BranchCore;
  core.staff = branch.staff.map((staff) => copiedWithout(staff, EXTRA_STAFF_FIELDS) as unknown as StaffCore);
  core.prospects = branch.prospects.map((prospect) => copiedWithout(prospect, EXTRA_PROSPECT_FIELDS) as unknown as ProspectCore);
  return core;
}

/**
 * A copy of `value` without `fields`, made by adding the others one by one: `delete` would turn
 * the object into a dictionary (larger, and slower to read), and each of the model's hundreds of
 * thousands of people is read by every rule.
 */
function copiedWithout(value: object, fields: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) if (!fields.includes(field)) copy[field] = fieldValue;
  return copy;
}

/** The cached model made from `key`: its core, or with `whole` also its extra fields; null when either list is absent, stale or does not match. */
function readModel(cache: CacheStore, key: string, whole: true): CachedModel | null;
function readModel(cache: CacheStore, key: string, whole: boolean): CachedModel<CoreModel> | null;
function readModel(cache: CacheStore, key: string, whole: boolean): CachedModel<CoreModel> | null {
  const records = cache.readRecords<unknown>("model");
  if (records === null || records.length === 0) return null;
  const head = records[0] as ModelHead;
  if (head.key !== key || records.length !== 1 + head.branches || !Array.isArray(head.extras) || head.extras.length !== head.branches) return null;
  const branches = records.slice(1) as CoreModel["branches"];
  records.length = 0;
  if (whole && !addExtraFields(cache, key, branches, head.extras)) return null;
  return { key: head.key, model: { settings: head.settings, departments: head.departments, branches } };
}

/** Puts the "model-extra" records onto the branches read from "model" (`extras`: the number of each one's record); false when they do not fit them. */
function addExtraFields(cache: CacheStore, key: string, branches: CoreModel["branches"], extras: readonly number[]): boolean {
  const records = cache.readRecords<unknown>("model-extra");
  if (records === null || records.length === 0 || (records[0] as ExtraHead).key !== key) return false;
  for (let i = 0; i < branches.length; i++) {
    const branch = branches[i] as unknown as Record<string, unknown> & { staff: Record<string, unknown>[]; prospects: Record<string, unknown>[] };
    const number = extras[i]!;
    const extra = Number.isInteger(number) && number > 0 && number < records.length ? (records[number] as ExtraRecord) : undefined;
    if (extra === undefined || extra.staff.length !== branch.staff.length || extra.prospects.length !== branch.prospects.length) return false;
    Object.assign(branch, extra.branch);
    branch.staff.forEach((staff, s) => EXTRA_STAFF_FIELDS.forEach((field, f) => (staff[field] = extra.staff[s]![f])));
    branch.prospects.forEach((prospect, p) => EXTRA_PROSPECT_FIELDS.forEach((field, f) => (prospect[field] = extra.prospects[p]![f])));
  }
  return true;
}

