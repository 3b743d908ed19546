/**
 * The data repository's git history, read with the `git` executable (spawned without a shell)
 * and never through the work tree or the index: what `--as-recorded` and `audit` read. Paths
 * git gives are relative to its top level; the data root may be a folder below it, so every
 * path is cut to the data root's own (`branches/b1/staff.yaml`) before anything else sees it.
 * Blobs are read in one `git cat-file --batch` process per request, however many there are.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding } from "../findings.js";
import { GitRunError, runSafeGit } from "./git-run.js";
import { BRANCH_FILE_KINDS, BRANCHES_DIR, DEPARTMENTS_FILE, fileFinding, MAX_FILE_BYTES, ROOT_MARKER, sharedAllocator, suggestFileName, type FileIdentity, type FileKind, type RawFile, type ScannedRepository } from "./repository.js";

/** Why the history could not be read. */
export type GitHistoryProblem = "git_missing" | "not_a_work_tree" | "git_failed";

export class GitHistoryError extends Error {
  constructor(
    readonly problem: GitHistoryProblem,
    /** What git said (its first line), for `git_failed`. */
    readonly detail: string = "",
  ) {
    super(`${problem}${detail ? `: ${detail}` : ""}`);
  }
}

/** A data root inside a git work tree. */
export interface GitRepository {
  /** The data root (real path). */
  dataRoot: string;
  /** The git work tree's top level. */
  toplevel: string;
  /** The data root relative to the top level, with a trailing `/`; "" when they are the same. */
  prefix: string;
  /** Whether the clone is shallow: older commits may be missing. */
  shallow: boolean;
  /** The environment git runs with. */
  env: Record<string, string | undefined>;
  /** How the repository names objects: "sha1" or "sha256". */
  objectFormat?: string;
}

/** One commit: its id and its committer time. */
export interface CommitStamp {
  commit: string;
  /** Committer time, seconds since the epoch. */
  time: number;
}

function runGit(repo: Pick<GitRepository, "env">, cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return runSafeGit(repo.env, cwd, args, input);
  } catch (error) {
    if (error instanceof GitRunError) throw new GitHistoryError(error.problem, error.detail);
    throw error;
  }
}

/** The git work tree around a data root; throws `GitHistoryError` when there is none or git cannot run. */
export function openGitRepository(dataRoot: string, env: Record<string, string | undefined>): GitRepository {
  const root = fs.realpathSync(dataRoot);
  let out: string;
  try {
    out = runGit({ env }, root, ["rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--show-object-format"]).toString("utf8");
  } catch (error) {
    if (error instanceof GitHistoryError && error.problem === "git_failed") throw new GitHistoryError("not_a_work_tree", error.detail);
    throw error;
  }
  const [inside, toplevel, prefix, shallow, objectFormat] = out.split("\n");
  if (inside !== "true" || toplevel === undefined) throw new GitHistoryError("not_a_work_tree");
  return { dataRoot: root, toplevel, prefix: prefix ?? "", shallow: shallow === "true", env, objectFormat: objectFormat || "sha1" };
}

/** The pathspec that limits git to the data root. */
function rootPathspec(repo: GitRepository): string[] {
  return repo.prefix === "" ? [] : ["--", repo.prefix];
}

/**
 * The last commit of the main line (first parents from HEAD) whose committer time is on or
 * before `instant` (seconds since the epoch); null when there is none, or no commit at all.
 */
export function lastCommitAtOrBefore(repo: GitRepository, instant: number): CommitStamp | null {
  // `@<seconds>` is git's own way of writing an instant: no zone to interpret.
  let out: string;
  try {
    out = runGit(repo, repo.toplevel, ["log", "--no-show-signature", "-1", "--first-parent", `--before=@${instant}`, "--format=%H %ct", "HEAD", "--"]).toString("utf8").trim();
  } catch (error) {
    // A repository without any commit yet has no HEAD to start from.
    if (error instanceof GitHistoryError && error.problem === "git_failed" && !hasHead(repo)) return null;
    throw error;
  }
  return out === "" ? null : parseStamp(out);
}

function hasHead(repo: GitRepository): boolean {
  try {
    runGit(repo, repo.toplevel, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    return true;
  } catch {
    return false;
  }
}

function parseStamp(line: string): CommitStamp {
  const [commit = "", time = "0"] = line.split(" ");
  return { commit, time: Number(time) };
}

/**
 * Whether, in a shallow clone, `found` is surely the last commit at or before its instant: the
 * missing commits are older than the clone's oldest commits (its boundary), so when no boundary
 * commit is newer than `found`, none of them can come between. This assumes committer times
 * grow along the history, as they do when commits are made one after another.
 */
export function shallowHistoryCovers(repo: GitRepository, found: CommitStamp | null): boolean {
  if (!repo.shallow) return true;
  if (found === null) return false;
  const boundary = shallowBoundary(repo);
  if (boundary.length === 0) return true;
  const times = runGit(repo, repo.toplevel, ["log", "--no-show-signature", "--no-walk", "--format=%ct", ...boundary, "--"]).toString("utf8").trim().split("\n").map(Number);
  return times.every((time) => time <= found.time);
}

/** The commits whose parents a shallow clone lacks. */
function shallowBoundary(repo: GitRepository): string[] {
  const file = path.resolve(repo.toplevel, runGit(repo, repo.toplevel, ["rev-parse", "--git-path", "shallow"]).toString("utf8").trim());
  try {
    return fs.readFileSync(file, "utf8").split("\n").filter((line) => /^[0-9a-f]{40,64}$/.test(line));
  } catch {
    return [];
  }
}

/**
 * The changes to the data root that are not committed (paths relative to the data root),
 * sorted: files whose work-tree bytes differ from the index's blob, whose index entry differs
 * from HEAD's, or that git does not track (and does not ignore). Found by reading the index
 * and hashing the bytes here, not by `git status`, which would run the repository's fsmonitor
 * hook and clean filters. A file that a filter would rewrite (line endings) counts as changed.
 * With `include`, only the paths (relative to the data root) it accepts are looked at, and only
 * their bytes hashed (issue 29: `audit` reads a few kinds of file and speaks of those alone).
 */
export function uncommittedChanges(repo: GitRepository, include?: (file: string) => boolean, vouch?: VouchedDigest): string[] {
  const looked = (gitPath: string) => {
    if (include === undefined) return true;
    const file = relativeToRoot(repo, gitPath);
    return file !== null && include(file);
  };
  const scope = repo.prefix === "" ? ["--", "."] : ["--", repo.prefix];
  const head = new Map<string, string>();
  if (hasHead(repo)) {
    for (const record of runGit(repo, repo.toplevel, ["ls-tree", "-r", "-z", "--full-tree", "HEAD", ...scope.slice(repo.prefix === "" ? 2 : 0)]).toString("utf8").split("\0")) {
      const tab = record.indexOf("\t");
      if (tab < 0) continue;
      const [mode = "", , object = ""] = record.slice(0, tab).split(" ");
      if (looked(record.slice(tab + 1))) head.set(record.slice(tab + 1), `${mode} ${object}`);
    }
  }
  const changed = new Set<string>();
  const index = new Map<string, string>();
  for (const record of runGit(repo, repo.toplevel, ["ls-files", "-s", "-z", "--full-name", ...scope]).toString("utf8").split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", object = "", stage = "0"] = record.slice(0, tab).split(" ");
    const file = record.slice(tab + 1);
    if (!looked(file)) continue;
    // An entry in conflict (stage 1–3) is a change by itself.
    if (stage !== "0") changed.add(file);
    index.set(file, `${mode} ${object}`);
    if (stage === "0" && !workTreeHolds(repo, file, mode, object, vouch)) changed.add(file);
  }
  for (const file of new Set([...head.keys(), ...index.keys()])) if (head.get(file) !== index.get(file)) changed.add(file);
  for (const file of runGit(repo, repo.toplevel, ["ls-files", "-z", "--full-name", "--others", "--exclude-standard", ...scope]).toString("utf8").split("\0")) {
    if (file !== "" && looked(file)) changed.add(file);
  }
  return [...changed].map((file) => relativeToRoot(repo, file) ?? file).sort();
}

/**
 * The digest (a SHA-1 blob id: cache.ts `digestBytes`) of a data file whose identity vouches for
 * its content, by its path relative to the data root; null when it must be read (file-identities.ts).
 */
export type VouchedDigest = (file: string, identity: FileIdentity) => string | null;

/**
 * Whether the work tree's `file` (relative to the top level) is the index's blob `object` of
 * `mode`. A file `vouch` knows by its identity is not read (issue 29: a warm `audit`).
 */
function workTreeHolds(repo: GitRepository, file: string, mode: string, object: string, vouch?: VouchedDigest): boolean {
  const full = path.join(repo.toplevel, ...file.split("/"));
  let bytes: Buffer;
  try {
    const stat = fs.lstatSync(full);
    const rel = vouch === undefined || repo.objectFormat === "sha256" || !stat.isFile() ? null : relativeToRoot(repo, file);
    const vouched = rel === null ? null : vouch!(rel, { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino });
    if (vouched !== null && mode.startsWith("100")) return vouched === object;
    if (mode === "120000") {
      if (!stat.isSymbolicLink()) return false;
      bytes = Buffer.from(fs.readlinkSync(full, { encoding: "buffer" }));
    } else if (mode.startsWith("100")) {
      if (!stat.isFile()) return false;
      bytes = fs.readFileSync(full);
    } else {
      // A submodule (160000): its own repository's business.
      return true;
    }
  } catch {
    return false;
  }
  return blobId(repo, bytes) === object;
}

/** The id git gives a blob of these bytes. */
function blobId(repo: GitRepository, bytes: Uint8Array): string {
  const hash = createHash(repo.objectFormat === "sha256" ? "sha256" : "sha1");
  hash.update(`blob ${bytes.length}\0`);
  hash.update(bytes);
  return hash.digest("hex");
}

/** A path git gives (relative to its top level) as one relative to the data root; null when outside it. */
export function relativeToRoot(repo: GitRepository, gitPath: string): string | null {
  if (repo.prefix === "") return gitPath;
  return gitPath.startsWith(repo.prefix) ? gitPath.slice(repo.prefix.length) : null;
}

/**
 * How many bytes of blobs one `git cat-file --batch` gives at most in `forEachBlob`: what a
 * history's walk holds at once, however long the history (issue 29).
 */
const BLOB_BATCH_BYTES = 64 * 2 ** 20;

/**
 * Reads blobs by id through `git cat-file` and hands each id to `visit` once (not necessarily in
 * the order given): first every size (`--batch-check`), then the bytes of those at most
 * `MAX_FILE_BYTES` long, in batches of at most `batchBytes`, so that what is held at once does not
 * grow with the number of blobs (`visit` keeps what it needs, and copies it: the bytes it is given
 * are a view of the batch's output). A larger blob is not read (the work tree's cap: a 100 MB blob
 * in the history is not taken into memory): it is given as null, and its size goes into `sizes`
 * when given; so is an object the repository lacks (a shallow or partial clone).
 */
export function forEachBlob(
  repo: GitRepository,
  ids: readonly string[],
  visit: (id: string, bytes: Uint8Array | null) => void,
  sizes?: Map<string, number>,
  batchBytes: number = BLOB_BATCH_BYTES,
): void {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const checked = runGit(repo, repo.toplevel, ["cat-file", "--batch-check"], unique.join("\n") + "\n").toString("utf8").split("\n");
  let batch: string[] = [];
  let batchSize = 0;
  const flush = () => {
    if (batch.length > 0) readBatch(repo, batch, visit);
    batch = [];
    batchSize = 0;
  };
  for (let i = 0; i < unique.length; i++) {
    const id = unique[i]!;
    const header = (checked[i] ?? "").split(" ");
    if (header[1] !== "blob" || header.length < 3) {
      visit(id, null);
      continue;
    }
    const size = Number(header[2]);
    sizes?.set(id, size);
    if (size > MAX_FILE_BYTES) {
      visit(id, null);
      continue;
    }
    if (batch.length > 0 && batchSize + size > batchBytes) flush();
    batch.push(id);
    batchSize += size;
  }
  flush();
}

/** One `git cat-file --batch` of `wanted` (blobs no larger than the cap), each handed to `visit`. */
function readBatch(repo: GitRepository, wanted: readonly string[], visit: (id: string, bytes: Uint8Array | null) => void): void {
  const out = runGit(repo, repo.toplevel, ["cat-file", "--batch"], wanted.join("\n") + "\n");
  let at = 0;
  for (const id of wanted) {
    const lineEnd = out.indexOf(0x0a, at);
    if (lineEnd < 0) throw new GitHistoryError("git_failed", "cat-file ended early");
    const header = out.subarray(at, lineEnd).toString("utf8").split(" ");
    at = lineEnd + 1;
    if (header[1] === "missing" || header.length < 3) {
      visit(id, null);
      continue;
    }
    const size = Number(header[2]);
    visit(id, out.subarray(at, at + size));
    // The contents are followed by a line feed.
    at += size + 1;
  }
}

/** A file of a commit's tree under the data root. */
interface TreeEntry {
  /** Relative to the data root. */
  file: string;
  mode: string;
  type: string;
  object: string;
}

/** Every file of a commit under the data root; empty when the data root did not exist then. */
function listTree(repo: GitRepository, commit: string): TreeEntry[] {
  let out: string;
  try {
    out = runGit(repo, repo.toplevel, ["ls-tree", "-r", "-z", "--full-tree", commit, ...rootPathspec(repo)]).toString("utf8");
  } catch (error) {
    if (error instanceof GitHistoryError && error.problem === "git_failed") return [];
    throw error;
  }
  const entries: TreeEntry[] = [];
  for (const record of out.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", object = ""] = record.slice(0, tab).split(" ");
    const file = relativeToRoot(repo, record.slice(tab + 1));
    if (file !== null) entries.push({ file, mode, type, object });
  }
  return entries;
}

/** The data files of one commit, as `scanRepository` gives the work tree's. */
export interface RecordedScan extends ScannedRepository {
  /** Whether the commit holds channel.yaml at the data root. */
  hasRootMarker: boolean;
  /** Each of `raws`' git blob id (same order); null where the entry is not a readable blob. */
  blobs: (string | null)[];
  /**
   * Reads the bytes of these raws (of this scan) that are not read yet, in one batch: a raw's
   * bytes are otherwise read when first asked for, one `git cat-file` each.
   */
  fetch(raws: readonly RawFile[]): void;
}

/**
 * The data files of `commit` under the data root, read when asked for (`fetch`), laid out
 * as `scanRepository` lays out the work tree: the same order, the same findings about the
 * layout (unknown files, a branch folder without branch.yaml), so the rest of the pipeline
 * cannot tell where the bytes came from. With `scope`, only the files of those kinds are read
 * (issue 29: what `audit` needs), and the scan says so (`scope`).
 */
export function scanCommit(repo: GitRepository, commit: string, known?: ReadonlyMap<string, Uint8Array>, scope?: ReadonlySet<FileKind>): RecordedScan {
  const entries = listTree(repo, commit).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const findings: Finding[] = [];
  const wanted: { entry: TreeEntry; kind: FileKind; branchFolder: string | null }[] = [];
  const branchFolders: string[] = [];
  const byBranch = new Map<string, TreeEntry[]>();
  let hasRootMarker = false;
  for (const entry of entries) {
    const parts = entry.file.split("/");
    if (parts.some((part) => part.startsWith("."))) continue;
    if (parts.length === 1 && entry.file === ROOT_MARKER) {
      hasRootMarker = true;
      wanted.unshift({ entry, kind: "channel", branchFolder: null });
    } else if (parts.length === 1 && entry.file === DEPARTMENTS_FILE) {
      if (scope === undefined || scope.has("departments")) wanted.push({ entry, kind: "departments", branchFolder: null });
    } else if (parts[0] === BRANCHES_DIR && parts.length === 2) {
      findings.push(fileFinding("warning", "UNKNOWN_FILE", entry.file, { name: parts[1]! }));
    } else if (parts[0] === BRANCHES_DIR && parts.length >= 3) {
      const folder = parts[1]!;
      if (!byBranch.has(folder)) byBranch.set(folder, []);
      byBranch.get(folder)!.push(entry);
    }
  }
  // Top-level files first (channel.yaml, then departments.yaml), then branches by folder name.
  wanted.sort((a, b) => (a.kind === "channel" ? -1 : b.kind === "channel" ? 1 : 0));
  for (const folder of [...byBranch.keys()].sort()) {
    branchFolders.push(folder);
    const rel = `${BRANCHES_DIR}/${folder}`;
    const files = byBranch.get(folder)!;
    if (!files.some((e) => e.file === `${rel}/branch.yaml`)) findings.push(fileFinding("error", "MISSING_BRANCH_FILE", `${rel}/branch.yaml`, { branch: folder }));
    const reported = new Set<string>();
    for (const entry of files) {
      const name = entry.file.split("/")[2]!;
      const kind = entry.file.split("/").length === 3 ? BRANCH_FILE_KINDS[name] : undefined;
      // Issue 29: a file out of `scope` is not read; the layout is still judged whole.
      if (kind) {
        if (scope === undefined || scope.has(kind)) wanted.push({ entry, kind, branchFolder: folder });
      }
      else if (!reported.has(name)) {
        reported.add(name);
        findings.push(fileFinding("warning", "UNKNOWN_FILE", `${rel}/${name}`, { name, suggestion: suggestFileName(name) }));
      }
    }
  }
  const readable = wanted.filter(({ entry }) => entry.type === "blob" && entry.mode !== "120000");
  // Issue 29: a blob is read only when its bytes are asked for: a load asks for those of the
  // files its cache has not checked (`fetch`, one batch), and the digest a cache entry is keyed
  // by is the blob id itself (cache.ts `digestBytes`), so a file the cache knows is never read.
  // A blob an earlier scan of this run read (`known`: by blob id) is not read again.
  const loaded = new Map<string, Uint8Array | null>();
  const allocate = sharedAllocator();
  const copied = (bytes: Uint8Array) => {
    const copy = allocate(bytes.length);
    copy.set(bytes);
    return copy;
  };
  if (known !== undefined) for (const { entry } of readable) if (known.has(entry.object)) loaded.set(entry.object, known.get(entry.object)!);
  const objectOf = new Map<RawFile, TreeEntry>();
  // How many of this scan's files are each blob (identical files share one): its bytes go when
  // every one of them has let go (`letGo`).
  const holders = new Map<string, number>();
  const letGo = new Set<RawFile>();
  // The files a finding already says could not be read.
  const reported = new Set<string>();
  const fetch = (entries: readonly TreeEntry[]) => {
    const ids = entries.filter((entry) => !loaded.has(entry.object)).map((entry) => entry.object);
    if (ids.length === 0) return;
    const sizes = new Map<string, number>();
    // In batches, each blob copied out of git's output into shared room (as the work tree's
    // files are read: see sharedAllocator): the check's worker threads see it without another
    // copy, and a batch's output, or a block of room, goes once its files are let go (issue 29:
    // one output of every file, and a second copy for the workers, were ~400 MB of a cold
    // `bonus --as-recorded` at 2,000 branches).
    const read = new Map<string, Uint8Array | null>();
    forEachBlob(repo, ids, (id, bytes) => void read.set(id, bytes === null ? null : copied(bytes)), sizes);
    for (const id of ids) loaded.set(id, read.get(id) ?? null);
    for (const entry of entries) {
      if (loaded.get(entry.object) !== null || reported.has(entry.file)) continue;
      reported.add(entry.file);
      const size = sizes.get(entry.object);
      // Too large to read, or a blob the tree names but the repository lacks (a damaged or partial clone).
      if (size !== undefined && size > MAX_FILE_BYTES) findings.push(fileFinding("error", "FILE_TOO_LARGE", entry.file, { size, limit: MAX_FILE_BYTES }));
      else findings.push(fileFinding("error", "FILE_UNREADABLE", entry.file, { reason: "NOT_A_FILE" }));
    }
  };
  // The cache's digests are SHA-1 blob ids: a SHA-256 repository's ids never match them.
  const idIsDigest = repo.objectFormat !== "sha256";
  const raws: RawFile[] = wanted.map(({ entry, kind, branchFolder }) => {
    if (entry.type !== "blob" || entry.mode === "120000") {
      findings.push(fileFinding("error", "FILE_UNREADABLE", entry.file, { reason: entry.mode === "120000" ? "SYMLINK_IN_HISTORY" : "NOT_A_FILE" }));
      return { file: entry.file, kind, branchFolder, bytes: null };
    }
    const raw: RawFile = {
      file: entry.file,
      kind,
      branchFolder,
      get bytes() {
        fetch([entry]);
        return loaded.get(entry.object) ?? null;
      },
      get unread() {
        return !loaded.has(entry.object);
      },
      ...(idIsDigest ? { digest: entry.object } : {}),
    };
    objectOf.set(raw, entry);
    holders.set(entry.object, (holders.get(entry.object) ?? 0) + 1);
    return raw;
  });
  const readableObjects = new Set(readable.map(({ entry }) => entry));
  const blobIds = wanted.map(({ entry }) => (readableObjects.has(entry) ? entry.object : null));
  return {
    root: repo.dataRoot,
    branchFolders,
    raws,
    findings,
    hasRootMarker,
    blobs: blobIds,
    fetch: (some) => fetch(some.flatMap((raw) => objectOf.get(raw) ?? [])),
    // A blob's bytes are the same whenever read: a file let go is read again when asked.
    letGo: (raw) => {
      const entry = objectOf.get(raw);
      if (entry === undefined || letGo.has(raw)) return;
      letGo.add(raw);
      const left = holders.get(entry.object)! - 1;
      holders.set(entry.object, left);
      if (left === 0) loaded.delete(entry.object);
    },
    ...(scope === undefined ? {} : { scope }),
  };
}

/** One file a commit changed under the data root (paths relative to the data root). */
export interface FileChange {
  /** git's status letter: A added, M modified, D deleted, R renamed, C copied, T type changed. */
  status: string;
  /** The path before (null for an added file). */
  oldFile: string | null;
  /** The path after (null for a deleted file). */
  newFile: string | null;
  /** The blob before and after; null where there is none (or it is not a file). */
  oldBlob: string | null;
  newBlob: string | null;
}

/** A commit of the main line that changed the data root, with what it changed. */
export interface CommitChanges extends CommitStamp {
  changes: FileChange[];
}

const NULL_OBJECT = /^0+$/;

/**
 * The commits of the main line (first parents, oldest first) up to and including `until` that
 * changed something under the data root, each with its changed files and their blobs before
 * and after (renames detected), in one `git log`. A merge's changes are those against its
 * first parent: what the main line gained by it.
 */
export function commitsChangingRoot(repo: GitRepository, until: string): CommitChanges[] {
  const out = runGit(repo, repo.toplevel, [
    "log", "--no-show-signature", "--reverse", "--first-parent", "--diff-merges=first-parent", "--root", "--raw", "-z", "--no-abbrev", "-M",
    "--format=%x01%H %ct", until, "--", ...(repo.prefix === "" ? [] : [repo.prefix]),
  ]).toString("utf8");
  const commits: CommitChanges[] = [];
  const fields = out.split("\0");
  let current: CommitChanges | null = null;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!.replace(/^\n/, "");
    if (field.startsWith("\x01")) {
      current = { ...parseStamp(field.slice(1)), changes: [] };
      commits.push(current);
      continue;
    }
    if (!field.startsWith(":") || current === null) continue;
    const [oldMode = "", newMode = "", oldBlob = "", newBlob = "", statusField = ""] = field.slice(1).split(" ");
    const status = statusField.charAt(0);
    const first = fields[++i] ?? "";
    const second = status === "R" || status === "C" ? (fields[++i] ?? "") : first;
    const isFile = (mode: string, blob: string) => (mode.startsWith("100") && !NULL_OBJECT.test(blob) ? blob : null);
    const oldFile = status === "A" ? null : relativeToRoot(repo, first);
    const newFile = status === "D" ? null : relativeToRoot(repo, second);
    if (oldFile === null && newFile === null) continue;
    current.changes.push({
      status,
      oldFile,
      newFile,
      oldBlob: oldFile === null ? null : isFile(oldMode, oldBlob),
      newBlob: newFile === null ? null : isFile(newMode, newBlob),
    });
  }
  return commits;
}

/** The main line (first parents) from `until` back to the root, oldest first, with committer times. */
export function mainLine(repo: GitRepository, until: string): CommitStamp[] {
  const out = runGit(repo, repo.toplevel, ["log", "--no-show-signature", "--first-parent", "--reverse", "--format=%H %ct", until, "--"]).toString("utf8");
  const line: CommitStamp[] = [];
  for (const text of out.split("\n")) if (text !== "") line.push(parseStamp(text));
  return line;
}
