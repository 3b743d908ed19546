/**
 * The people index (issue 29): who, staff member or prospect, by id and by name, is in which
 * branch. `log` looks up the one or two people it names here instead of reading the repository
 * (370,000 people at 2,000 branches), so it is kept in the cache in pieces a lookup can read
 * alone:
 *
 *  - the manifest (`people-files`): every staff.yaml and prospects.yaml as last read (size,
 *    times, inode, whether its YAML could be read, how many people it lists and a checksum of
 *    them), the ids that more than one entry holds, and which version of each bucket goes with it;
 *  - the buckets (`people-<n>`): each person under their id and under their name, in the bucket
 *    a hash of that key picks, so a lookup reads one bucket of a few hundred keys.
 *
 * How the index knows it is up to date, git-like: every staff/prospects file is looked at (one
 * lstat each; its identity against the manifest, with the same "settled" rule as the file cache:
 * RACY_MS), nothing else is read for an unchanged one. A changed file is parsed alone. When it
 * only has people added at the end (`add`, a person typed in at the end of the list, or no
 * change to its people at all, as after `log --next` rewrote a prospects.yaml) the new people
 * go into their buckets and only those buckets and the manifest are written; any other change
 * (a person removed, renamed or moved, a file removed) rebuilds the buckets from the old ones
 * and the changed files. Without a manifest (the first run, `--no-cache`, a damaged cache) every
 * staff/prospects file is parsed: the cold path.
 *
 * The pieces are written one at a time, so each bucket carries the token of the writing run and
 * the manifest lists the token of every bucket it goes with: a bucket whose token is not the
 * manifest's (a run stopped half-way, two runs writing at once) is not trusted, and the index is
 * built again from the files.
 */
import { detachString } from "../load/detach-strings.js";
import { crc32 } from "node:zlib";
import type { CacheStore } from "../load/cache.js";
import { scanRepository, type FileIdentity, type FileKind, type RawFile } from "../load/repository.js";
import { highestProspectNumber } from "../import/ids.js";
import { parseDate } from "../model/values.js";
import { RACY_MS } from "./file-identities.js";
import type { PersonRecord } from "./people.js";

/** A staff member or prospect as written in a staff.yaml or prospects.yaml: the record the person resolver takes (cli/people.ts). */
export type IndexedPerson = PersonRecord;

/** Who is in which branch, for the whole repository, read as far as the lookups made need. */
export interface PeopleIndex {
  root: string;
  /** The people whose id or name is one of `values`, in the repository's order (branch folders by name, then file, then list order). */
  matching(values: readonly string[]): IndexedPerson[];
  /** Everyone, in the repository's order: reads the whole index (to suggest a near name for an unknown one). */
  all(): IndexedPerson[];
  /** Of `ids`, each one held in a branch not in `except`, with the first such branch in folder order. */
  heldOutside(ids: ReadonlySet<string>, except: ReadonlySet<string>): Map<string, string>;
  /** Staff and prospects files whose YAML could not be read (in the repository's order): who is in them is unknown. */
  unreadable: string[];
  /** Every branch folder, sorted. */
  branchFolders: string[];
  /** The highest number ending a p-…-NNN id anywhere (import/ids.ts): where `add` goes on numbering prospects. */
  highestProspectNumber: number;
}

type PeopleKind = "staff" | "prospects";

/** A person as a file lists them: `[id, name, left, left_note]` (left only when a real day). */
type PersonFields = [string, string | null, string | null, string | null];

/**
 * A key of a bucket: `[byId, id, name, branch, kind, position, left, leftNote]`, the person under
 * their id (byId 1) or their name (0); kind 0 for prospects.yaml, 1 for staff.yaml (the files'
 * order); position is their place among the file's people. Short, as there are two per person:
 * 740,000 at 2,000 branches, and a cold run writes them all.
 */
type KeyEntry = [0 | 1, string, string | null, string, 0 | 1, number, string | null, string | null];

/** The key a bucket entry is filed under: the id or the name. */
function keyOf(entry: KeyEntry): string {
  return entry[0] === 1 ? entry[1] : entry[2]!;
}

function fileOf(entry: KeyEntry): string {
  return `branches/${entry[3]}/${entry[4] === 1 ? "staff" : "prospects"}.yaml`;
}

/**
 * The manifest's row of a staff/prospects file: `[file, kind, branch, size, mtimeMs, ctimeMs,
 * ino, parsed, count, digest, highest]`; `digest` is the checksum of its `count` people
 * (peopleDigests), `highest` the highest p-…-NNN number of its ids; the identity is -1s for a
 * file that could not be looked at.
 */
type FileRow = [string, PeopleKind, string, number, number, number, number, boolean, number, number, number];

/** The manifest's first record. */
interface ManifestHead {
  /** When the scan that last wrote the manifest began (ms since the epoch). */
  scannedAt: number;
  /** How many buckets there are (a power of two). */
  buckets: number;
  /** The token each bucket must carry to go with this manifest. */
  tokens: string[];
  /** Ids that more than one entry holds (sorted): the only ones that can be a duplicate elsewhere. */
  duplicated: string[];
}

/** A bucket file's one record. */
interface BucketRecord {
  token: string;
  entries: KeyEntry[];
}

/** The cache records, named apart from anything else the cache keeps. */
const MANIFEST = "people-files";
const bucketName = (n: number) => `people-${n}`;
/** About this many keys per bucket: a lookup reads some tens of KB. */
const KEYS_PER_BUCKET = 400;

/** What an id is written as (cross-file.ts): only such ids can clash without their own file being in error. */
const ID_FORM = /^[a-z0-9][a-z0-9-]*$/;

export const PEOPLE_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(["staff", "prospects"]);

/** The people a staff or prospects file's parsed value lists, as the index keeps them. */
export function peopleOf(kind: FileKind, data: unknown, copyStrings = true): PersonFields[] {
  // Kept in the index, 370,000 ids cut out of the files' texts would hold all of them (see detach-strings.ts).
  const own = copyStrings ? detachString : (text: string) => text;
  const list = data !== null && typeof data === "object" ? (data as Record<string, unknown>)[kind === "staff" ? "staff" : "prospects"] : undefined;
  if (!Array.isArray(list)) return [];
  const people: PersonFields[] = [];
  for (const entry of list) {
    if (typeof entry !== "object" || entry === null) continue;
    const { id, name, left, left_note: leftNote } = entry as Record<string, unknown>;
    if (typeof id !== "string") continue;
    // Only a real day: a mistyped one is validate's to report, not a note here.
    people.push([own(id), typeof name === "string" ? own(name) : null, typeof left === "string" ? parseDate(left) : null, typeof leftNote === "string" ? own(leftNote) : null]);
  }
  return people;
}


/** The checksum of each prefix of a file's people (`[0]` = none): a file whose people were only added to keeps its old prefix's. */
function peopleDigests(people: readonly PersonFields[]): number[] {
  const digests = [0];
  for (const person of people) digests.push(crc32(`${JSON.stringify(person)}\n`, digests[digests.length - 1]!));
  return digests;
}

function bucketOf(key: string, buckets: number): number {
  return crc32(key) & (buckets - 1);
}

function bucketCountFor(keys: number): number {
  let buckets = 1;
  while (buckets * KEYS_PER_BUCKET < keys) buckets *= 2;
  return buckets;
}

function keysOf(branch: string, kind: PeopleKind, position: number, person: PersonFields): KeyEntry[] {
  const keys: KeyEntry[] = [keyEntry(1, branch, kind, position, person)];
  if (person[1] !== null) keys.push(keyEntry(0, branch, kind, position, person));
  return keys;
}

function keyEntry(byId: 0 | 1, branch: string, kind: PeopleKind, position: number, [id, name, left, leftNote]: PersonFields): KeyEntry {
  return [byId, id, name, branch, kind === "staff" ? 1 : 0, position, left, leftNote];
}

/** A file's people as a build from the files has them. */
interface PeopleSource {
  branch: string;
  kind: PeopleKind;
  people: readonly PersonFields[];
}

/**
 * Every key of a build from the files, filed by bucket without being made: a bucket's entries
 * are made when it is asked for (issue 29: at 2,000 branches the 1.3 million entries made at
 * once were ~160 MB at the very end of a cold run, its peak). Within a bucket the keys are in
 * the order a build makes them: repository order, a person's id before their name.
 */
class KeyPlan {
  /** Key k is person `person[k]` of `sources[source[k]]`, by id (`byId[k]` 1) or by name. */
  private readonly source: Int32Array;
  private readonly person: Int32Array;
  private readonly byId: Uint8Array;
  /** The keys in bucket order: bucket n's are `order[start[n]]` to `order[start[n + 1] - 1]`. */
  private readonly order: Int32Array;
  private readonly start: Int32Array;
  readonly buckets: number;

  constructor(private readonly sources: readonly PeopleSource[]) {
    let count = 0;
    for (const { people } of sources) for (const person of people) count += person[1] === null ? 1 : 2;
    this.buckets = bucketCountFor(count);
    this.source = new Int32Array(count);
    this.person = new Int32Array(count);
    this.byId = new Uint8Array(count);
    const bucket = new Int32Array(count);
    const sizes = new Int32Array(this.buckets + 1);
    let k = 0;
    sources.forEach(({ people }, s) => {
      people.forEach(([id, name], p) => {
        for (const [byId, key] of name === null ? [[1, id] as const] : [[1, id] as const, [0, name] as const]) {
          this.source[k] = s;
          this.person[k] = p;
          this.byId[k] = byId;
          bucket[k] = bucketOf(key, this.buckets);
          sizes[bucket[k]! + 1]!++;
          k++;
        }
      });
    });
    // A counting sort, stable: each bucket keeps the keys' order.
    this.start = new Int32Array(this.buckets + 1);
    for (let n = 0; n < this.buckets; n++) this.start[n + 1] = this.start[n]! + sizes[n + 1]!;
    const next = this.start.slice(0, this.buckets);
    this.order = new Int32Array(count);
    for (let key = 0; key < count; key++) this.order[next[bucket[key]!]!++] = key;
  }

  /** Bucket n's entries, made anew. */
  entries(n: number): KeyEntry[] {
    const entries: KeyEntry[] = [];
    for (let i = this.start[n]!; i < this.start[n + 1]!; i++) {
      const k = this.order[i]!;
      const { branch, kind, people } = this.sources[this.source[k]!]!;
      entries.push(keyEntry(this.byId[k] === 1 ? 1 : 0, branch, kind, this.person[k]!, people[this.person[k]!]!));
    }
    return entries;
  }

  /** The ids more than one person has, sorted: an id's keys are all in one bucket. */
  duplicated(): string[] {
    const duplicated: string[] = [];
    for (let n = 0; n < this.buckets; n++) {
      const seen = new Map<string, number>();
      for (let i = this.start[n]!; i < this.start[n + 1]!; i++) {
        const k = this.order[i]!;
        if (this.byId[k] !== 1) continue;
        const id = this.sources[this.source[k]!]!.people[this.person[k]!]![0];
        const times = (seen.get(id) ?? 0) + 1;
        seen.set(id, times);
        if (times === 2) duplicated.push(id);
      }
    }
    return duplicated.sort();
  }
}

/** Repository order: branch folder (as sorted), then file (prospects.yaml before staff.yaml), then list position. */
function inRepositoryOrder(a: KeyEntry, b: KeyEntry): number {
  if (a[3] !== b[3]) return a[3] < b[3] ? -1 : 1;
  if (a[4] !== b[4]) return a[4] - b[4];
  return a[5] - b[5];
}

function personOf(entry: KeyEntry): IndexedPerson {
  return { id: entry[1], name: entry[2], branch: entry[3], left: entry[6], leftNote: entry[7], type: entry[4] === 1 ? "staff" : "prospect" };
}

/** A staff/prospects file as the caller has it: its identity when looked at, and its parsed value on demand (undefined: its YAML could not be read). */
export interface PeopleFile {
  file: string;
  kind: PeopleKind;
  branch: string;
  identity: FileIdentity | undefined;
  /** Its value; asked for at most once. */
  data(): unknown;
  /**
   * Whether the people's strings are copied (see detach-strings.ts): needed where the index is kept while the
   * files' texts would otherwise be let go, not where it is written and dropped at once.
   */
  copyStrings: boolean;
}

interface Manifest {
  head: ManifestHead;
  rows: Map<string, FileRow>;
}

function readManifest(cache: CacheStore): Manifest | null {
  const records = cache.readRecords<unknown>(MANIFEST);
  if (records === null || records.length !== 2) return null;
  const head = records[0] as Partial<ManifestHead>;
  const rows = records[1];
  if (typeof head.scannedAt !== "number" || typeof head.buckets !== "number" || !Array.isArray(head.tokens) || head.tokens.length !== head.buckets || !Array.isArray(head.duplicated) || !Array.isArray(rows)) return null;
  // Written by another shape of the index: read as none.
  if (rows.some((row) => !Array.isArray(row) || row.length !== 11)) return null;
  return { head: head as ManifestHead, rows: new Map((rows as FileRow[]).map((row) => [row[0], row])) };
}

/** Whether a file is as the manifest recorded it, and had settled before it was recorded (see RACY_MS). */
function unchangedSince(manifest: Manifest | null, file: string, identity: FileIdentity | undefined): boolean {
  const row = manifest?.rows.get(file);
  if (manifest === null || row === undefined || identity === undefined) return false;
  const settledBefore = manifest.head.scannedAt - RACY_MS;
  return row[4] < settledBefore && row[5] < settledBefore && row[3] === identity.size && row[4] === identity.mtimeMs && row[5] === identity.ctimeMs && row[6] === identity.ino;
}

/**
 * The index as kept in memory for one run: the manifest's view and the buckets read so far. A
 * bucket that cannot be trusted makes it build the whole index from the files (`rebuildFromFiles`).
 */
class IndexState {
  /** Buckets in memory: read from the cache, or all of them after a build. */
  readonly loaded = new Map<number, KeyEntry[]>();
  /** Buckets changed in this run, to write. */
  readonly dirty = new Set<number>();

  constructor(
    private readonly cache: CacheStore | null,
    public head: ManifestHead,
    /** True when every bucket is in `loaded` (after a build from the files). */
    public complete: boolean,
    private readonly rebuildFromFiles: () => void,
  ) {}

  /** A bucket's entries, read when first needed; a missing or foreign one makes the index be built from the files. */
  bucket(n: number): KeyEntry[] {
    const known = this.loaded.get(n);
    if (known !== undefined) return known;
    // Made again each time it is asked for: a lookup asks for few buckets, the write for each once.
    if (this.plan !== null) return this.plan.entries(n);
    const records = this.complete || this.cache === null ? null : this.cache.readRecords<BucketRecord>(bucketName(n));
    const record = records?.length === 1 ? records[0] : undefined;
    if (record === undefined || record.token !== this.head.tokens[n] || !Array.isArray(record.entries)) {
      this.rebuildFromFiles();
      return this.bucket(n);
    }
    this.loaded.set(n, record.entries);
    return record.entries;
  }

  lookup(key: string): KeyEntry[] {
    return this.bucket(bucketOf(key, this.head.buckets)).filter((entry) => keyOf(entry) === key);
  }

  /** Every bucket, read: the whole index. */
  everything(): KeyEntry[] {
    // A bucket that cannot be trusted builds the whole index from the files, and ends the loop.
    for (let n = 0; n < this.head.buckets && !this.complete; n++) this.bucket(n);
    if (this.plan !== null) return Array.from({ length: this.head.buckets }, (_, n) => this.bucket(n)).flat();
    return [...this.loaded.values()].flat();
  }

  /** Set when the index was built from the files during this run. */
  rebuilt = false;

  /** After a build from the files: what each bucket holds, its entries made when asked for. */
  private plan: KeyPlan | null = null;

  /** Replaces every bucket with the keys of `sources`' people (a build from the files). */
  fillFrom(sources: readonly PeopleSource[], token: string): void {
    const plan = new KeyPlan(sources);
    this.replaceAll(plan.buckets, plan.duplicated(), token);
    this.plan = plan;
  }

  private replaceAll(buckets: number, duplicated: string[], token: string): void {
    this.loaded.clear();
    this.plan = null;
    this.head = { scannedAt: this.head.scannedAt, buckets, tokens: new Array<string>(buckets).fill(token), duplicated };
    this.complete = true;
    this.dirty.clear();
    for (let n = 0; n < buckets; n++) this.dirty.add(n);
  }

  /** Replaces every bucket with `entries`, in a bucket count that fits them. */
  fill(entries: readonly KeyEntry[], token: string): void {
    const buckets = bucketCountFor(entries.length);
    const times = new Map<string, number>();
    for (const entry of entries) if (entry[0] === 1) times.set(entry[1], (times.get(entry[1]) ?? 0) + 1);
    this.replaceAll(buckets, [...times].filter(([, count]) => count > 1).map(([id]) => id).sort(), token);
    for (let n = 0; n < buckets; n++) this.loaded.set(n, []);
    for (const entry of entries) this.loaded.get(bucketOf(keyOf(entry), buckets))!.push(entry);
  }

  /** Adds a person's keys (replacing what an interrupted run may have added for the same place). */
  add(keys: readonly KeyEntry[], token: string): void {
    for (const key of keys) {
      const n = bucketOf(keyOf(key), this.head.buckets);
      const entries = this.bucket(n).filter((e) => !(e[0] === key[0] && e[3] === key[3] && e[4] === key[4] && e[5] === key[5]));
      entries.push(key);
      this.loaded.set(n, entries);
      this.dirty.add(n);
      this.head.tokens[n] = token;
      if (key[0] === 1 && entries.filter((e) => e[0] === 1 && e[1] === key[1]).length > 1 && !this.head.duplicated.includes(key[1])) {
        this.head.duplicated = [...this.head.duplicated, key[1]].sort();
      }
    }
  }
}

/**
 * Brings the index up to date with `files` (every staff/prospects file of the repository, in its
 * order) and saves what changed. `changed`: the files that are not as the manifest has them (the
 * others are not asked for their data unless the index must be built from the files).
 */
function refresh(cache: CacheStore | null, manifest: Manifest | null, files: readonly PeopleFile[], changed: ReadonlySet<string>, scannedAt: number): { state: IndexState; rows: FileRow[] } {
  const token = `${process.pid.toString(36)}.${scannedAt.toString(36)}`;
  // Of each file read, its people only: the parsed values of 10,000 files are not kept.
  const parsed = new Map<string, { readable: boolean; people: PersonFields[] }>();
  const peopleIn = (file: PeopleFile) => {
    let known = parsed.get(file.file);
    if (known === undefined) {
      const data = file.data();
      known = { readable: data !== undefined, people: peopleOf(file.kind, data, file.copyStrings) };
      parsed.set(file.file, known);
    }
    return known;
  };
  const rowOf = (file: PeopleFile): FileRow => {
    const { readable, people } = peopleIn(file);
    const id = file.identity ?? { size: -1, mtimeMs: -1, ctimeMs: -1, ino: -1 };
    return [file.file, file.kind, file.branch, id.size, id.mtimeMs, id.ctimeMs, id.ino, readable, people.length, peopleDigests(people).at(-1)!, highestProspectNumber(people.map(([personId]) => personId))];
  };
  const build = () => {
    state.fillFrom(files.map((file) => ({ branch: file.branch, kind: file.kind, people: peopleIn(file).people })), token);
    state.rebuilt = true;
    rows = files.map(rowOf);
    rowsChanged = true;
  };
  const emptyHead: ManifestHead = { scannedAt, buckets: 1, tokens: [""], duplicated: [] };
  const state = new IndexState(cache, manifest?.head ?? emptyHead, false, () => build());
  let rows: FileRow[] = [];
  let rowsChanged = false;

  if (manifest === null) {
    build();
  } else {
    const present = new Set(files.map((f) => f.file));
    const removed = [...manifest.rows.keys()].some((file) => !present.has(file));
    const appended: { file: PeopleFile; from: number; people: PersonFields[] }[] = [];
    let onlyAppended = !removed;
    rows = files.map((file) => {
      const old = manifest.rows.get(file.file);
      if (!changed.has(file.file) && old !== undefined) return old;
      const row = rowOf(file);
      // Looked at again: a row as it was (a file that cannot be read, or one changed too
      // recently to be trusted) is written again only to record that it has now settled.
      if (old === undefined || row.some((value, i) => value !== old[i]) || file.identity !== undefined) rowsChanged = true;
      const from = old === undefined ? 0 : old[8];
      const digests = peopleDigests(peopleIn(file).people);
      if (old !== undefined && (from > row[8] || digests[from] !== old[9])) onlyAppended = false;
      else if (row[8] > from) appended.push({ file, from, people: peopleIn(file).people });
      return row;
    });
    if (!onlyAppended) {
      // Rebuilt from the buckets for the files that did not change, and from the changed files.
      const gone = new Set([...manifest.rows.keys()].filter((file) => !present.has(file) || changed.has(file)));
      const kept = state.everything().filter((entry) => !gone.has(fileOf(entry)));
      if (!state.rebuilt) {
        const entries = [...kept];
        for (const file of files) if (changed.has(file.file)) peopleIn(file).people.forEach((person, i) => entries.push(...keysOf(file.branch, file.kind, i, person)));
        state.fill(entries, token);
        rowsChanged = true;
      }
    } else {
      for (const { file, from, people } of appended) people.slice(from).forEach((person, i) => state.add(keysOf(file.branch, file.kind, from + i, person), token));
    }
  }
  if (cache !== null && (rowsChanged || state.dirty.size > 0)) {
    // Buckets first, the manifest naming them last: a run stopped in between leaves buckets the
    // manifest does not name, which the next run does not trust.
    for (const n of [...state.dirty].sort((a, b) => a - b)) cache.writeRecords(bucketName(n), [{ token: state.head.tokens[n]!, entries: state.bucket(n) } satisfies BucketRecord]);
    cache.writeRecords(MANIFEST, [{ ...state.head, scannedAt }, rows]);
    // A rebuild into fewer buckets (many people removed) leaves the old manifest's last buckets
    // unnamed: they are deleted, once the manifest no longer names them, rather than left on disk.
    for (let n = state.head.buckets; n < (manifest?.head.buckets ?? 0); n++) cache.removeRecords(bucketName(n));
  }
  return { state, rows };
}

/**
 * Brings the people index up to date from files read and parsed by a whole-repository load
 * (pipeline.ts): `files` gives each file as scanned and its parsed value (undefined when it did
 * not parse). Nothing is written when the staff and prospects files are as the index has them.
 */
export function writePeopleIndex(cache: CacheStore, scannedAt: number, files: Iterable<{ raw: RawFile; data: unknown }>): void {
  const manifest = readManifest(cache);
  const people: PeopleFile[] = [];
  const changed = new Set<string>();
  for (const { raw, data } of files) {
    if (!PEOPLE_KINDS.has(raw.kind) || raw.branchFolder === null) continue;
    // Handed over: once its people are read, the file's value is let go (issue 29: at 2,000
    // branches the values and the people made of them were, together, the peak of a cold run).
    let held = data;
    const handOver = () => {
      const value = held;
      held = undefined;
      return value;
    };
    people.push({ file: raw.file, kind: raw.kind as PeopleKind, branch: raw.branchFolder, identity: raw.identity, data: handOver, copyStrings: false });
    if (!unchangedSince(manifest, raw.file, raw.identity)) changed.add(raw.file);
  }
  if (manifest !== null && changed.size === 0 && manifest.rows.size === people.length) return;
  // As log does: people added at the end (add, log --next) touch their buckets only.
  refresh(cache, manifest, people, changed, scannedAt);
}

/**
 * The people index of the repository at `root`, brought up to date (see the top of this file);
 * `cache` null (`--no-cache`): built from the files and not saved.
 */
export async function loadPeopleIndex(root: string, cache: CacheStore | null): Promise<PeopleIndex> {
  const manifest = cache === null ? null : readManifest(cache);
  const scannedAt = Date.now();
  const scan = scanRepository(root, { kinds: PEOPLE_KINDS, unchanged: (file, identity) => unchangedSince(manifest, file, identity) });
  const raws = scan.raws.filter((raw) => raw.branchFolder !== null);
  const changed = new Set(raws.filter((raw) => raw.unread !== true).map((raw) => raw.file));
  // The YAML reader: a warm run reads no staff/prospects file, but the branches log reads need it anyway.
  const { parseRawFile } = await import("../load/parse-file.js");
  const files: PeopleFile[] = raws.map((raw) => ({
    file: raw.file,
    kind: raw.kind as PeopleKind,
    branch: raw.branchFolder!,
    identity: raw.identity,
    data: () => parseRawFile(raw, []).data,
    copyStrings: true,
  }));
  const { state, rows } = refresh(cache, manifest, files, changed, scannedAt);
  const unreadable = rows.filter((row) => !row[7]).map((row) => row[0]);
  const duplicated = () => new Set(state.head.duplicated);
  return {
    root: scan.root,
    unreadable,
    branchFolders: scan.branchFolders,
    highestProspectNumber: rows.reduce((highest, row) => Math.max(highest, row[10]), 0),
    matching(values) {
      const seen = new Set<string>();
      const found: KeyEntry[] = [];
      for (const value of new Set(values)) {
        for (const entry of state.lookup(value)) {
          const place = `${entry[3]}/${entry[4]}/${entry[5]}`;
          if (!seen.has(place)) {
            seen.add(place);
            found.push(entry);
          }
        }
      }
      return found.sort(inRepositoryOrder).map(personOf);
    },
    all: () => state.everything().filter((entry) => entry[0] === 1).sort(inRepositoryOrder).map(personOf),
    heldOutside(ids, except) {
      const held = new Map<string, string>();
      const twice = duplicated();
      for (const id of ids) {
        if (!ID_FORM.test(id) || !twice.has(id)) continue;
        const first = state.lookup(id).filter((entry) => entry[0] === 1 && !except.has(entry[3])).sort(inRepositoryOrder)[0];
        if (first !== undefined) held.set(id, first[3]);
      }
      return held;
    },
  };
}
