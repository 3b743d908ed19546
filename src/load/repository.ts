/**
 * Finding the repository root and reading its files: the only part of loading that touches
 * the disk. Every file becomes a `LoadedFile`, whether or not it could be read, so later
 * stages see one list in a stated order (top-level files, then branches by folder name).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Document } from "yaml";
import type { Finding, FindingCode, FindingParams, Severity } from "../findings.js";
import { SourceText } from "./source-text.js";

export type FileKind = "channel" | "departments" | "branch" | "staff" | "kpis" | "competitors" | "prospects" | "activities";

export const ROOT_MARKER = "channel.yaml";
export const DEPARTMENTS_FILE = "departments.yaml";
export const BRANCHES_DIR = "branches";

/** The files a branch folder may hold, by name. */
export const BRANCH_FILE_KINDS: Readonly<Record<string, FileKind>> = {
  "branch.yaml": "branch",
  "staff.yaml": "staff",
  "kpis.yaml": "kpis",
  "competitors.yaml": "competitors",
  "prospects.yaml": "prospects",
  "activities.yaml": "activities",
};

/** Files over this size are refused unread. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The YAML document of a file, or how to make it from the file's text on first use. */
export type DocumentSource = Document.Parsed | null | ((text: string) => Document.Parsed | null);

/**
 * One data file and what could be made of it. The text and the YAML document (with its
 * positions) are made only when something asks for them: a file that parsed cleanly on the
 * fast path, or came from the cache, needs neither unless a finding must be located in it.
 * This module does not parse (the parser is loaded only on a run that reads files): the
 * document comes from whoever made the file (see parse-file.ts), and a file answered from
 * the cached result has none, since its findings were located when they were cached.
 */
export class LoadedFile {
  private sourceMemo: SourceText | null | undefined;
  private docMemo: DocumentSource;

  constructor(
    /** Path relative to the root, with `/`. */
    readonly file: string,
    readonly kind: FileKind,
    /** The branch folder name for files under `branches/`, else null. */
    readonly branchFolder: string | null,
    /** The decoded text, or null when the file could not be read or decoded. */
    private readonly text: (() => string | null) | string | null,
    /** The plain value; undefined unless the YAML parsed without error. */
    readonly data: unknown,
    doc: DocumentSource = null,
  ) {
    this.docMemo = doc;
  }

  /** The decoded text with line positions; null when the file could not be read or decoded. */
  get source(): SourceText | null {
    if (this.sourceMemo === undefined) {
      const text = typeof this.text === "function" ? this.text() : this.text;
      this.sourceMemo = text === null ? null : new SourceText(text);
    }
    return this.sourceMemo;
  }

  /** The YAML document with source positions; null when there is no text or it could not be parsed at all. */
  get doc(): Document.Parsed | null {
    if (typeof this.docMemo === "function") {
      const source = this.source;
      this.docMemo = source === null ? null : this.docMemo(source.text);
    }
    return this.docMemo;
  }
}

export interface LoadedRepository {
  root: string;
  files: LoadedFile[];
  /** Branch folder names, sorted. */
  branchFolders: string[];
  /** Problems with reading, decoding, parsing and layout. */
  findings: Finding[];
}

/** Walks up from `start` to the first folder holding channel.yaml; null when there is none. */
export function findRoot(start: string, ceilings: readonly string[] = []): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, ROOT_MARKER))) return dir;
    const parent = path.dirname(dir);
    // A ceiling (CHANNEL_CEILING_DIRECTORIES, as git's GIT_CEILING_DIRECTORIES) is not gone up into.
    if (parent === dir || ceilings.includes(parent)) return null;
    dir = parent;
  }
}

/**
 * What `stat` says of a file. Two equal identities mean the same content, once the file had
 * been left alone for a moment before it was read (see the cache in cli/pipeline.ts): any
 * write changes the change time (ctime), which no tool can set back.
 */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A data file as read from disk, before decoding. */
export interface RawFile {
  file: string;
  kind: FileKind;
  branchFolder: string | null;
  /**
   * The bytes; null when the file could not be read (a finding says why). A file the scan was
   * told is unchanged is read only when its bytes are first asked for.
   */
  readonly bytes: Uint8Array | null;
  /** The file's identity when the scan looked at it; absent when it could not be looked at. */
  readonly identity?: FileIdentity;
  /** Whether the scan left it unread, on being told it is unchanged. */
  readonly unread?: boolean;
  /**
   * The digest of its bytes (cache.ts `digestBytes`) when known without reading them: a file of
   * a commit, whose tree names it by its blob id (issue 29: a warm `audit` reads no blob the
   * cache has checked).
   */
  readonly digest?: string;
}

export interface ScanOptions {
  /** Whether a file is known as it is (by its identity): such a file is not read by the scan. */
  unchanged?: (file: string, identity: FileIdentity) => boolean;
  /**
   * Only these branch folders' files are looked at (every folder is still listed): a command
   * that edits one branch reads that branch, not the repository (issue 29).
   */
  branches?: ReadonlySet<string>;
  /** Only files of these kinds are looked at (the people index reads staff and prospects files alone). */
  kinds?: ReadonlySet<FileKind>;
  /**
   * The branch folders as a scan of this same run listed them: taken as the list, and only the
   * folders of `branches` are looked at (log's second scan, of the branches it reads, issue 29).
   */
  folders?: readonly string[];
}

/** What the disk holds: the data files' bytes and the problems found while reading the layout. */
export interface ScannedRepository {
  root: string;
  branchFolders: string[];
  raws: RawFile[];
  findings: Finding[];
  /**
   * Issue 29: when only files of these kinds were read (see load/file-scope.ts), the rest being
   * left alone on purpose: the cross-file rules then leave unchecked a reference into a kind not
   * read. Absent: every data file was read.
   */
  scope?: ReadonlySet<FileKind>;
  /** For a scan whose files are read when asked for (a commit's: load/git-history.ts), reads these in one batch. */
  fetch?(raws: readonly RawFile[]): void;
  /**
   * For a scan whose files can be read again just as they were (a commit's blobs), lets go of a
   * file's bytes once it is checked: they are read again if asked for (to quote a finding's line).
   */
  letGo?(raw: RawFile): void;
}

/**
 * Reads every data file's bytes (except the ones `options.unchanged` vouches for), in the stated
 * order: channel.yaml, departments.yaml, branches by folder name.
 */
export function scanRepository(rootDir: string, options: ScanOptions = {}): ScannedRepository {
  const root = fs.realpathSync(rootDir);
  const findings: Finding[] = [];
  const raws: RawFile[] = [];
  const allocate = sharedAllocator();

  const readOne = (rel: string, kind: FileKind, branchFolder: string | null, linkStat?: fs.Stats): void => {
    if (options.kinds !== undefined && !options.kinds.has(kind)) return;
    // Not path.join: rel is made of names readdir gave (dot names skipped), so there is nothing
    // to normalise, and path.normalize over every file's path was ~1 ms of a warm start.
    const abs = root + path.sep + (path.sep === "/" ? rel : rel.split("/").join(path.sep));
    const identity = lookAtDataFile(root, abs, rel, findings, linkStat);
    if (identity === null) raws.push({ file: rel, kind, branchFolder, bytes: null });
    else if (options.unchanged?.(rel, identity)) raws.push(unreadFile(rel, kind, branchFolder, abs, identity));
    else raws.push({ file: rel, kind, branchFolder, bytes: readBytes(abs, rel, findings, allocate), identity });
  };

  readOne(ROOT_MARKER, "channel", null);
  if (fs.existsSync(path.join(root, DEPARTMENTS_FILE))) readOne(DEPARTMENTS_FILE, "departments", null);

  const branchFolders: string[] = [];
  const branchesDir = path.join(root, BRANCHES_DIR);
  if (isDirectoryInside(root, branchesDir, BRANCHES_DIR, findings)) {
    // A folder that readdir says is one (not a link) needs no lstat: 2,000 of them were a tenth of a `log` (issue 29).
    const listed = options.folders !== undefined ? options.folders.filter((name) => options.branches?.has(name) ?? true).map((name) => ({ name, folder: false })) : sortedFolderEntries(branchesDir);
    for (const { name, folder } of listed) {
      const rel = `${BRANCHES_DIR}/${name}`;
      if (name.startsWith(".")) continue;
      const abs = path.join(branchesDir, name);
      if (!folder && !isDirectoryInside(root, abs, rel, findings)) {
        if (!isSymlinkOutside(root, abs)) findings.push(fileFinding("warning", "UNKNOWN_FILE", rel, { name }));
        continue;
      }
      branchFolders.push(name);
      if (options.branches !== undefined && !options.branches.has(name)) continue;
      if (options.kinds !== undefined && !options.kinds.has("branch")) {
        // Only some kinds, as the people index wants: their files by name, without listing the
        // folder (thousands of readdir calls were most of a `log` at head-office scale).
        for (const entry of KIND_FILE_NAMES) {
          if (!options.kinds.has(BRANCH_FILE_KINDS[entry]!)) continue;
          // One lstat: whether the file is there, and what it is.
          const linkStat = lstatIfThere(path.join(abs, entry));
          if (linkStat !== undefined) readOne(`${rel}/${entry}`, BRANCH_FILE_KINDS[entry]!, name, linkStat);
        }
        continue;
      }
      const entries = sortedEntries(abs);
      if (!entries.includes("branch.yaml")) findings.push(fileFinding("error", "MISSING_BRANCH_FILE", `${rel}/branch.yaml`, { branch: name }));
      for (const entry of entries) {
        if (entry.startsWith(".")) continue;
        const kind = BRANCH_FILE_KINDS[entry];
        if (kind) readOne(`${rel}/${entry}`, kind, name);
        else findings.push(fileFinding("warning", "UNKNOWN_FILE", `${rel}/${entry}`, { name: entry, suggestion: suggestFileName(entry) }));
      }
    }
  }
  return { root, branchFolders: options.folders !== undefined ? [...options.folders] : branchFolders, raws, findings };
}

/** The names of BRANCH_FILE_KINDS in the order a sorted listing gives them. */
const KIND_FILE_NAMES = Object.keys(BRANCH_FILE_KINDS).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The lstat of whatever is under this name (a file, a link, even a dangling one); undefined when nothing is, or it cannot be looked at. */
function lstatIfThere(abs: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A folder's entries sorted by name, each with whether readdir says it is a folder (false for a link or an unknown type: to be looked at). */
function sortedFolderEntries(dir: string): { name: string; folder: boolean }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((entry) => ({ name: entry.name, folder: entry.isDirectory() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function sortedEntries(dir: string): string[] {
  return fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether `abs` is a directory we may enter: a symlink pointing outside the root is refused and reported. */
function isDirectoryInside(root: string, abs: string, rel: string, findings: Finding[]): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(abs);
  } catch {
    return false;
  }
  if (stat.isSymbolicLink()) {
    if (isSymlinkOutside(root, abs)) {
      findings.push(fileFinding("error", "SYMLINK_OUTSIDE_REPOSITORY", rel, {}));
      return false;
    }
    try {
      return fs.statSync(abs).isDirectory();
    } catch {
      return false;
    }
  }
  return stat.isDirectory();
}

function isSymlinkOutside(root: string, abs: string): boolean {
  try {
    if (!fs.lstatSync(abs).isSymbolicLink()) return false;
    const target = fs.realpathSync(abs);
    return target !== root && !target.startsWith(root + path.sep);
  } catch {
    // A dangling link leads nowhere inside the repository either.
    return true;
  }
}

/** The identity of a data file that may be read, or null with a finding when it may not. */
function lookAtDataFile(root: string, abs: string, rel: string, findings: Finding[], known?: fs.Stats): FileIdentity | null {
  // One lstat per file: for a file that is not a link it is the stat too (a warm run makes
  // nothing but these calls, about 60 for a repository of ten branches). `known`: made already.
  let linkStat: fs.Stats | null;
  try {
    linkStat = known ?? fs.lstatSync(abs);
  } catch {
    linkStat = null;
  }
  if (linkStat === null || (linkStat.isSymbolicLink() && isSymlinkOutside(root, abs))) {
    findings.push(fileFinding("error", "SYMLINK_OUTSIDE_REPOSITORY", rel, {}));
    return null;
  }
  try {
    const stat = linkStat.isSymbolicLink() ? fs.statSync(abs) : linkStat;
    if (!stat.isFile()) {
      findings.push(fileFinding("error", "FILE_UNREADABLE", rel, { reason: "NOT_A_FILE" }));
      return null;
    }
    const tooLarge = sizeFindings(rel, stat.size);
    if (tooLarge.length > 0) {
      findings.push(...tooLarge);
      return null;
    }
    return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
  } catch (error) {
    findings.push(fileFinding("error", "FILE_UNREADABLE", rel, { reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
    return null;
  }
}

function readBytes(abs: string, rel: string, findings: Finding[], allocate: (size: number) => Buffer): Uint8Array | null {
  try {
    return readShared(abs, allocate);
  } catch (error) {
    findings.push(fileFinding("error", "FILE_UNREADABLE", rel, { reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
    return null;
  }
}

/** See sharedAllocator. */
const SHARED_BLOCK_BYTES = 40 * 2 ** 20;

/**
 * Room for one scan's files, side by side in SharedArrayBuffers of SHARED_BLOCK_BYTES (a file
 * over a quarter of that has one of its own). Issue 29: one allocation per file (12,000 of ~16 KB
 * at 2,000 branches) came from the C heap, which kept the memory once the files were let go
 * (~70 MB of a cold run's peak); a block this large is mapped by itself (over glibc's largest
 * mmap threshold, 32 MB), and given back whole once no thread holds any of its files. Only what
 * is written into it is ever resident.
 */
export function sharedAllocator(): (size: number) => Buffer {
  let block: SharedArrayBuffer | null = null;
  let used = 0;
  return (size) => {
    if (size > SHARED_BLOCK_BYTES / 4) return Buffer.from(new SharedArrayBuffer(size));
    if (block === null || used + size > SHARED_BLOCK_BYTES) {
      block = new SharedArrayBuffer(SHARED_BLOCK_BYTES);
      used = 0;
    }
    const bytes = Buffer.from(block, used, size);
    used += size;
    return bytes;
  };
}

/**
 * A file's bytes in a SharedArrayBuffer: the check's worker threads see them without a copy (a
 * second copy of every file was ~190 MB of a cold check at 2,000 branches; issue 29). A file
 * that grows while it is read is read again whole, as readFileSync reads it.
 */
function readShared(abs: string, allocate: (size: number) => Buffer): Buffer {
  const fd = fs.openSync(abs, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = allocate(size);
    let length = 0;
    while (length < size) {
      const read = fs.readSync(fd, bytes, length, size - length, null);
      if (read === 0) return bytes.subarray(0, length);
      length += read;
    }
    if (fs.readSync(fd, Buffer.alloc(1), 0, 1, null) === 0) return bytes;
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(abs);
}

/** A file left unread: its bytes are read when first asked for (to quote a line, or to parse it again). */
function unreadFile(file: string, kind: FileKind, branchFolder: string | null, abs: string, identity: FileIdentity): RawFile {
  return readWhenAsked({ file, kind, branchFolder, identity, unread: true }, abs);
}

/** `raw` with bytes read from `abs` when first asked for (null if it is gone or unreadable by then). */
function readWhenAsked(raw: Omit<RawFile, "bytes">, abs: string): RawFile {
  let bytes: Uint8Array | null | undefined;
  return {
    ...raw,
    get bytes(): Uint8Array | null {
      if (bytes === undefined) {
        try {
          bytes = fs.readFileSync(abs);
        } catch {
          // Gone or unreadable since the scan: as a file that could not be read (the next run says why).
          bytes = null;
        }
      }
      return bytes;
    },
  };
}

/**
 * The file without the bytes the scan read (issue 29: a check of the whole repository held all of
 * them to its end, 160 MB at 2,000 branches): asked for again, they are read from disk as they
 * are then, so the caller compares them with what was checked (their digest) before using them.
 */
export function withoutBytes(raw: RawFile, abs: string): RawFile {
  if (raw.unread === true || raw.bytes === null) return raw;
  const { file, kind, branchFolder, identity, digest } = raw;
  return readWhenAsked({ file, kind, branchFolder, ...(identity ? { identity } : {}), ...(digest ? { digest } : {}) }, abs);
}

/** A finding about a whole file or folder, placed at its start. */
/**
 * FILE_TOO_LARGE for a file of `size` bytes that the loader does not read. A command that writes
 * a data file checks its new text with it as well: a file written and then refused by every
 * later command would lose its records to all of them (an import of a whole department into
 * one branch).
 */
export function sizeFindings(rel: string, size: number): Finding[] {
  return size > MAX_FILE_BYTES ? [fileFinding("error", "FILE_TOO_LARGE", rel, { size, limit: MAX_FILE_BYTES })] : [];
}

export function fileFinding(severity: Severity, code: FindingCode, file: string, params: FindingParams): Finding {
  return { severity, code, file, line: 1, column: 1, path: "", length: 1, params };
}

/** `staff.yml` or `Staff.yaml` is almost surely meant as `staff.yaml`. */
export function suggestFileName(name: string): string | undefined {
  const stem = name.toLowerCase().replace(/\.ya?ml$/, "");
  return Object.keys(BRANCH_FILE_KINDS).find((known) => known.replace(/\.yaml$/, "") === stem);
}
