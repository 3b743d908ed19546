/**
 * Writing a file so that a reader (or a crash) sees either the old content or the new,
 * never a mix: write a temporary file beside the target, flush it, then rename over.
 *
 * The temporary file is `.<name>.<pid>.<start>-<time>.tmp`: hidden (the loader skips dot files,
 * and repositories made by `channel init` ignore `*.tmp`), and named after the process that
 * wrote it, so that one left behind by a killed process is removed by the next write beside it
 * once that process is gone. `<start>` is when that process started (see PROCESS_START): ids are
 * reused, and a leftover whose id now belongs to another process is still a leftover. A failed write (full disk, no permission) removes its temporary file
 * and leaves the target as it was. A read-only target is refused, not replaced (renaming over
 * it would succeed, since the folder is writable).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeFolders } from "../load/make-folders.js";

/** How the content reaches the temporary file; tests inject a failing one (a full disk). */
export interface WriteIo {
  write(fd: number, data: Uint8Array): void;
  /**
   * Runs once the temporary file is complete, just before the target is compared once more
   * and replaced: where tests let another program's save land (see replaceFileIfUnchanged).
   */
  beforeReplace?(): void;
}

const DEFAULT_IO: WriteIo = {
  write(fd, data) {
    for (let offset = 0; offset < data.length; ) offset += fs.writeSync(fd, data, offset, data.length - offset);
  },
};

/** The target exists and has no write permission for anyone: it is refused, whoever runs the tool. */
export class ReadOnlyFileError extends Error {
  readonly code = "EREADONLY";
  constructor(readonly file: string) {
    super(`${file} is read-only`);
  }
}

/**
 * The target no longer holds the bytes the new content was made from (an editor saved it, or
 * is saving it, meanwhile): nothing is written, since the new content would drop that change.
 */
export class ChangedSinceReadError extends Error {
  readonly code = "ECHANGED";
  constructor(readonly file: string) {
    super(`${file} changed after it was read`);
  }
}

let tempCounter = 0;

function tempNameFor(target: string): string {
  const writer = PROCESS_START === null ? `${process.pid}.` : `${process.pid}.${PROCESS_START}-`;
  return path.join(path.dirname(target), `.${path.basename(target)}.${writer}${Date.now().toString(36)}${(tempCounter++).toString(36)}.tmp`);
}

/**
 * When the process with this id started, as the kernel counts it (Linux: field 22 of
 * /proc/<pid>/stat, clock ticks since boot), in base 36; null where there is no such entry (no
 * process, or no /proc). A process id and its start name one process for as long as the machine
 * runs: ids alone are reused (Linux often has 32,768 of them, and a test run starts tens of
 * thousands of processes), and a leftover of a killed writer was once kept because its id had
 * gone to another process.
 */
function processStart(pid: number): string | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return null;
  }
  // The command name, in parentheses, may hold spaces and parentheses itself.
  const start = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  return Number.isSafeInteger(start) ? start.toString(36) : null;
}

/** This process's start (see processStart). */
const PROCESS_START = processStart(process.pid);

/** Whether the process that wrote a leftover (its id, and its start when the name has it) still runs. */
function writerRunning(pid: number, start: string | undefined): boolean {
  if (start === undefined || PROCESS_START === null) return pid === process.pid || processAlive(pid);
  return processStart(pid) === start;
}

function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

/** Writes, flushes and closes a new temporary file; on any failure it is removed again. */
function writeTemp(temp: string, content: string | Uint8Array, mode: number, io: WriteIo): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, "wx", mode);
    io.write(fd, bytesOf(content));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Makes a rename or link durable: flushes the folder that holds it (best effort). */
function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot flush a folder; the rename itself is still atomic.
  }
}

/** Whether a process with this id is running (on this machine). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is only someone else's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temporary files of `target` left by processes that no longer run (killed mid-write). */
export function removeStaleTemps(target: string): void {
  removeLeftovers(path.dirname(target), `.${path.basename(target)}.`, ".tmp");
}

/**
 * Removes the files `<prefix><pid>.<random><suffix>` (or `<prefix><pid>.<start>-<random><suffix>`)
 * in `dir` that a process now gone left behind when it was killed (temporary copies; lock files
 * set aside while breaking a stale lock).
 */
export function removeLeftovers(dir: string, prefix: string, suffix: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    // `<pid>.<random>`, or `<pid>.<start>-<random>` (see tempNameFor).
    const m = /^(\d+)\.(?:([0-9a-z]+)-)?[0-9a-z]+$/.exec(name.slice(prefix.length, name.length - suffix.length));
    if (!m) continue;
    if (writerRunning(Number(m[1]), m[2])) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

export function writeFileAtomic(target: string, content: string | Uint8Array, io: WriteIo = DEFAULT_IO): void {
  replace(target, content, io, undefined);
}

/**
 * Replaces `target` with `content` only if it holds exactly `basedOn` (null: only if it does not
 * exist), the bytes the content was made from. It compares before it starts and once more just
 * before the rename (a file that must not exist yet is linked, which never replaces one), so a
 * save by another program during the write is not overwritten; either way a
 * ChangedSinceReadError leaves the target as that program left it. A save landing between the
 * last comparison and the rename itself (two system calls apart) is the one case no rename can exclude.
 */
export function replaceFileIfUnchanged(target: string, basedOn: Uint8Array | null, content: string | Uint8Array, io: WriteIo = DEFAULT_IO): void {
  if (!holds(target, basedOn)) throw new ChangedSinceReadError(target);
  if (basedOn !== null) replace(target, content, io, basedOn);
  else if (!createFileAtomic(target, content, io)) throw new ChangedSinceReadError(target);
}

/** Whether `file` holds exactly `bytes` (null: whether it does not exist). */
export function holds(file: string, bytes: Uint8Array | null): boolean {
  const now = readIfExists(file);
  return bytes === null ? now === null : now !== null && now.equals(bytes);
}

/** Writes a temporary copy and renames it over `target`; with `basedOn`, only while the target still holds it. */
function replace(target: string, content: string | Uint8Array, io: WriteIo, basedOn: Uint8Array | undefined): void {
  // The new file keeps the old one's permissions; a new one gets 0644 less the umask.
  let keepMode: number | null = null;
  try {
    const stat = fs.statSync(target);
    if (stat.isFile() && (stat.mode & 0o222) === 0) throw new ReadOnlyFileError(target);
    keepMode = stat.mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  removeStaleTemps(target);
  const temp = tempNameFor(target);
  writeTemp(temp, content, 0o644, io);
  try {
    if (keepMode !== null) fs.chmodSync(temp, keepMode);
    io.beforeReplace?.();
    if (basedOn !== undefined && !holds(target, basedOn)) throw new ChangedSinceReadError(target);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDir(path.dirname(target));
}

/**
 * Creates a file that must not exist yet, atomically: the content appears whole or not at
 * all, and an existing file (even one created a moment ago by someone else) is never replaced.
 * Returns false when the file already exists.
 */
export function createFileAtomic(target: string, content: string | Uint8Array, io: WriteIo = DEFAULT_IO): boolean {
  // A writer killed after linking the file and before removing its temporary one leaves both.
  removeStaleTemps(target);
  if (fs.existsSync(target)) return false;
  makeFolders(path.dirname(target));
  const temp = tempNameFor(target);
  writeTemp(temp, content, 0o644, io);
  try {
    io.beforeReplace?.();
    fs.linkSync(temp, target);
    syncDir(path.dirname(target));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** A file's bytes, or null when it does not exist (yet): what a writer compares before and after. */
export function readIfExists(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
