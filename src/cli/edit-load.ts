/**
 * What a command that edits one branch (`log`) reads: the people index, and then only the
 * files it needs (issue 29). Recording one contact in a repository of 2,000 branches used to
 * read, check and cache all 12,000 files for the sake of two of them; now its work is:
 *
 *  - the people index: who (staff member or prospect, by id and name) is in which branch. It is
 *    kept in the cache, one record per staff/prospects file with that file's identity (size,
 *    times, inode), and any command that reads the whole repository leaves it there. A file
 *    whose identity is as recorded (and had settled before it was recorded: see RACY_MS) is
 *    taken from the index unread; any other one, or every one on the first run without a cache
 *    (the cold path), is parsed on its own, without the schema or cross-file checks, and the
 *    index is saved again;
 *  - channel.yaml, departments.yaml and the branches the people named could be in: read, parsed
 *    and checked as every command checks them, the cross-file rules included. What those rules
 *    need from the other branches is who exists there, which the index says: a reference to a
 *    person elsewhere resolves through it, and an id that an earlier branch already uses is a
 *    duplicate, as `validate` would say.
 *
 * So the files `log` writes get the same checks as before; what it no longer does is check (and
 * refuse over) the branches it does not touch, which `validate` reports as ever.
 */
import * as fs from "node:fs";
import { openCacheStore, type CacheStore } from "../load/cache.js";
import { scanRepository, type FileKind, type LoadedFile, type LoadedRepository, type RawFile } from "../load/repository.js";
import type { Model } from "../model/types.js";
import { parseDate } from "../model/values.js";
import { schemaStamp } from "../validate/fingerprint.js";
import type { Finding } from "../findings.js";
import type { ValidationResult } from "../validate/index.js";
import { BUILD, VERSION } from "../version.js";
import { resolveRoot, type Context } from "./context.js";
import { findingAt } from "../load/locate.js";
import { knownDigest, type CachedIdentities } from "./file-identities.js";
import type { PersonRecord } from "./people.js";

/** A staff member or prospect as written in a staff.yaml or prospects.yaml: the record the person resolver takes (cli/people.ts). */
export type IndexedPerson = PersonRecord;

/**
 * Who is in which branch, for the whole repository. Kept as each file's list in its JSON text and
 * parsed only for the files a lookup finds in: at 2,000 branches it holds 370,000 people, and
 * making an object of each cost more than the rest of a `log`.
 */
export interface PeopleIndex {
  root: string;
  /** The people whose id or name is one of `values`, in the repository's order (branch folders by name, then file). */
  matching(values: readonly string[]): IndexedPerson[];
  /** Everyone, in the repository's order: parses the whole index (to suggest a near name for an unknown one). */
  all(): IndexedPerson[];
  /** Of `ids`, each one held in a branch not in `except`, with the first such branch in folder order. */
  heldOutside(ids: ReadonlySet<string>, except: ReadonlySet<string>): Map<string, string>;
  /** Staff and prospects files whose YAML could not be read: who is in them is unknown. */
  unreadable: string[];
  /** Every branch folder, sorted. */
  branchFolders: string[];
}

/** A person in the index: `[id, name, left, left_note]`. */
type IndexedEntry = [string, string | null, string | null, string | null];

/**
 * One staff/prospects file in the cached index: `[file, kind, branch, size, mtimeMs, ctimeMs,
 * ino, parsed, people]`, `people` the JSON text of its IndexedEntry list (a string, searched
 * before it is parsed).
 */
type IndexRecord = [string, FileKind, string, number, number, number, number, boolean, string];

/** What an id is written as (cross-file.ts): only such ids can clash without their own file being in error. */
const ID_FORM = /^[a-z0-9][a-z0-9-]*$/;

const PEOPLE_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(["staff", "prospects"]);
const INDEX = "people";

/** The people a staff or prospects file's parsed value lists, as the index keeps them. */
function peopleOf(kind: FileKind, data: unknown): IndexedEntry[] {
  const list = data !== null && typeof data === "object" ? (data as Record<string, unknown>)[kind === "staff" ? "staff" : "prospects"] : undefined;
  if (!Array.isArray(list)) return [];
  const people: IndexedEntry[] = [];
  for (const entry of list) {
    if (typeof entry !== "object" || entry === null) continue;
    const { id, name, left, left_note: leftNote } = entry as Record<string, unknown>;
    if (typeof id !== "string") continue;
    // Only a real day: a mistyped one is validate's to report, not a note here.
    people.push([id, typeof name === "string" ? name : null, typeof left === "string" ? parseDate(left) : null, typeof leftNote === "string" ? leftNote : null]);
  }
  return people;
}

function cacheOf(ctx: Context, root: string): CacheStore | null {
  return ctx.cacheDir === null ? null : openCacheStore(ctx.cacheDir, root, `${VERSION}|${BUILD}|${schemaStamp()}`);
}

/**
 * Saves the people index from files read and parsed by a whole-repository load (pipeline.ts):
 * `files` gives each file as scanned and its parsed value (undefined when it did not parse).
 */
export function writePeopleIndex(cache: CacheStore, scannedAt: number, files: Iterable<{ raw: RawFile; data: unknown }>): void {
  cache.writeRecords(INDEX, indexRecords(scannedAt, files));
}

function* indexRecords(scannedAt: number, files: Iterable<{ raw: RawFile; data: unknown }>): Generator<unknown> {
  yield { scannedAt };
  for (const { raw, data } of files) {
    if (!PEOPLE_KINDS.has(raw.kind) || raw.branchFolder === null || raw.identity === undefined) continue;
    const { size, mtimeMs, ctimeMs, ino } = raw.identity;
    const people = peopleOf(raw.kind, data);
    yield [raw.file, raw.kind, raw.branchFolder, size, mtimeMs, ctimeMs, ino, data !== undefined, JSON.stringify(people)] satisfies IndexRecord;
  }
}

/** The people index, brought up to date: files changed since it was saved (or all, without one) are parsed again. */
export async function loadPeopleIndex(ctx: Context): Promise<PeopleIndex> {
  const root = fs.realpathSync(resolveRoot(ctx));
  const cache = cacheOf(ctx, root);
  const stored = cache?.readRecords<unknown>(INDEX) ?? null;
  const saved = new Map<string, IndexRecord>();
  const identities: CachedIdentities = { scannedAt: 0, files: {} };
  if (stored !== null && stored.length > 0) {
    identities.scannedAt = (stored[0] as { scannedAt: number }).scannedAt;
    for (let i = 1; i < stored.length; i++) {
      const record = stored[i] as IndexRecord;
      // Written by another shape of the index: read as no index.
      if (!Array.isArray(record) || record.length !== 9 || typeof record[8] !== "string") {
        saved.clear();
        break;
      }
      saved.set(record[0], record);
      identities.files[record[0]] = [record[3], record[4], record[5], record[6], ""];
    }
  }
  const scannedAt = Date.now();
  const scan = scanRepository(root, { kinds: PEOPLE_KINDS, unchanged: (file, identity) => knownDigest(identities, file, identity) !== null });
  const fresh = scan.raws.filter((raw) => raw.unread !== true);
  const files: { kind: FileKind; branch: string; text: string }[] = [];
  const unreadable: string[] = [];
  const parse = fresh.length === 0 ? null : (await import("../load/parse-file.js")).parseRawFile;
  const records: IndexRecord[] = [];
  for (const raw of scan.raws) {
    if (raw.branchFolder === null) continue;
    let record = raw.unread === true ? saved.get(raw.file) : undefined;
    if (record === undefined) {
      const data = parse!(raw, []).data;
      const people = peopleOf(raw.kind, data);
      const identity = raw.identity ?? { size: -1, mtimeMs: -1, ctimeMs: -1, ino: -1 };
      record = [raw.file, raw.kind, raw.branchFolder, identity.size, identity.mtimeMs, identity.ctimeMs, identity.ino, data !== undefined, JSON.stringify(people)];
    }
    records.push(record);
    if (!record[7]) unreadable.push(raw.file);
    files.push({ kind: raw.kind, branch: raw.branchFolder, text: record[8] });
  }
  if (fresh.length > 0 && cache !== null) cache.writeRecords(INDEX, [{ scannedAt }, ...records]);
  const peopleIn = (file: (typeof files)[number]): IndexedPerson[] =>
    (JSON.parse(file.text) as IndexedEntry[]).map(([id, name, left, leftNote]) => ({ id, name, branch: file.branch, left, leftNote, type: file.kind === "staff" ? "staff" : "prospect" }));
  return {
    root: scan.root,
    unreadable,
    branchFolders: scan.branchFolders,
    matching(values) {
      // As each value stands in a file's JSON text, quotes included: a cheap search first.
      const needles = values.map((v) => JSON.stringify(v));
      const wanted = new Set(values);
      return files
        .filter((file) => needles.some((needle) => file.text.includes(needle)))
        .flatMap(peopleIn)
        .filter((p) => wanted.has(p.id) || (p.name !== null && wanted.has(p.name)));
    },
    all: () => files.flatMap(peopleIn),
    heldOutside(ids, except) {
      const held = new Map<string, string>();
      const wellFormed = [...ids].filter((id) => ID_FORM.test(id));
      if (wellFormed.length === 0) return held;
      // In a list's JSON text an entry, and only an entry, begins with `["` and its id (a `[`
      // inside a value is followed by `",` or `"]` if by a quote at all): no entry is made to look.
      const entryStart = new RegExp(`\\["(${wellFormed.join("|")})"`, "g");
      for (const file of files) {
        if (except.has(file.branch)) continue;
        for (const match of file.text.matchAll(entryStart)) if (!held.has(match[1]!)) held.set(match[1]!, file.branch);
      }
      return held;
    },
  };
}

/** What `log` works on: the settings and the branches it may write into, checked, with the bytes it read. */
export interface BranchData {
  root: string;
  repo: LoadedRepository;
  /** The findings of the files read (channel.yaml, departments.yaml, the branches), with the whole repository's people in view. */
  validation: ValidationResult;
  /** The model of those files: the settings and those branches only. */
  model: Model;
  bytes: ReadonlyMap<string, Uint8Array>;
}

/** The branches `names` (ids or names) are in, by the index, and `branch` when given. */
export function branchesNamed(index: PeopleIndex, names: readonly string[], branch: string | undefined): Set<string> {
  const branches = new Set(index.matching(names).map((person) => person.branch));
  if (branch !== undefined && index.branchFolders.includes(branch)) branches.add(branch);
  return branches;
}

/**
 * Reads, parses and checks channel.yaml, departments.yaml and `branches`, and builds their model.
 * The cross-file rules run over these files; a reference they could not resolve is looked up in
 * the index, and an id in these branches that an earlier branch holds is a duplicate.
 */
export async function loadBranches(ctx: Context, index: PeopleIndex, branches: ReadonlySet<string>, options: { strict?: boolean } = {}): Promise<BranchData> {
  const scan = scanRepository(index.root, { branches });
  const { checkFile, assembleValidation, buildModel } = await import("./parse-stage.js");
  const checks = scan.raws.map((raw) => checkFile(raw));
  const assembled = assembleValidation(scan.findings, checks, options);
  const findings = [...assembled.findings.filter((f) => !resolvedElsewhere(f, index, branches)), ...duplicatesElsewhere(checks, index, branches)];
  const errors = findings.filter((f) => f.severity === "error");
  const validation: ValidationResult = {
    findings,
    errors: errors.length,
    warnings: findings.length - errors.length,
    files: assembled.files,
    filesWithErrors: new Set(errors.map((f) => f.file)),
  };
  const repo: LoadedRepository = { root: scan.root, files: checks.map((c) => c.file), branchFolders: scan.branchFolders, findings: scan.findings };
  const model = buildModel(repo, validation.filesWithErrors).model;
  const bytes = new Map(scan.raws.flatMap((raw) => (raw.bytes === null ? [] : [[raw.file, raw.bytes] as const])));
  return { root: scan.root, repo, validation, model, bytes };
}

/** An UNKNOWN_REFERENCE to someone the index has in a branch not read, or that an unreadable file there may hold. */
function resolvedElsewhere(finding: Finding, index: PeopleIndex, read: ReadonlySet<string>): boolean {
  if (finding.code !== "UNKNOWN_REFERENCE") return false;
  const { id, expected } = finding.params as { id?: unknown; expected?: unknown };
  if (expected === "branch") return typeof id === "string" && index.branchFolders.includes(id);
  const fits = (type: IndexedPerson["type"]) => expected === "person" || (expected === "staff" ? type === "staff" : type === "prospect");
  if (typeof id === "string" && index.matching([id]).some((p) => p.id === id && !read.has(p.branch) && fits(p.type))) return true;
  return index.unreadable.some((file) => !read.has(file.split("/")[1] ?? "") && fits(file.endsWith("/staff.yaml") ? "staff" : "prospect"));
}

/** DUPLICATE_ID for an id of the branches read that a branch before it (in folder order), not read, already uses. */
function duplicatesElsewhere(checks: readonly { file: LoadedFile }[], index: PeopleIndex, read: ReadonlySet<string>): Finding[] {
  const mine = new Set<string>();
  for (const { file } of checks) if (PEOPLE_KINDS.has(file.kind)) for (const [id] of peopleOf(file.kind, file.data)) mine.add(id);
  // The first branch (in folder order) outside the ones read that holds each of their ids.
  const earlier = index.heldOutside(mine, read);
  const findings: Finding[] = [];
  for (const { file } of checks) {
    if (!PEOPLE_KINDS.has(file.kind) || file.branchFolder === null) continue;
    const folder = file.branchFolder;
    const listKey = file.kind === "staff" ? "staff" : "prospects";
    const list = (file.data as Record<string, unknown> | null | undefined)?.[listKey];
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, i) => {
      const id = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).id : undefined;
      const other = typeof id === "string" ? earlier.get(id) : undefined;
      if (other !== undefined && other < folder) {
        findings.push(findingAt(file, "error", "DUPLICATE_ID", [listKey, i, "id"], { id: id as string, first: `branches/${other}` }));
      }
    });
  }
  return findings;
}
