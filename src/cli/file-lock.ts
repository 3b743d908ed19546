/**
 * Exclusive locks for the read-modify-write of `channel log` and `import --apply`: twenty
 * `channel log` calls on one branch at once must leave twenty new entries, and without a lock
 * two of them could read the same old file and the second rename would drop the first one's
 * entry. The repository's lock (`.channel.lock` at its root) is held from before the data is
 * read to after the write, and the lock of the file written (`.<name>.lock` beside it) around
 * the write itself.
 *
 * A lock is a file created with O_EXCL (only one process
 * can create it) and holding the owner's pid, host and a random token. A lock whose owner no
 * longer runs (killed mid-write) or that is older than STALE_AFTER_MS is stale and is broken:
 * renamed away under a unique name (only one breaker can win that rename), checked to be the
 * stale lock that was judged (else put back), and removed. Waiting is bounded: after
 * `timeoutMs` with one and the same holder the caller gets a LockTimeoutError naming the holder
 * and the lock file (a queue of callers that moves is waited out, each holder in turn).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { processAlive, removeLeftovers } from "./atomic-write.js";
import { LockNotAFileError, LockTimeoutError, LockUnbreakableError } from "./errors.js";

export { LockTimeoutError };

/** A lock older than this is broken even if its pid runs (a pid reused by another program). */
export const STALE_AFTER_MS = 120_000;

export interface LockOptions {
  /** How long to wait for the lock before giving up; default 15 s. */
  timeoutMs?: number;
}

interface LockContent {
  pid: number;
  host: string;
  token: string;
  time: number;
}

/** The lock file of `target`. */
export function lockFileFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/** What the action is told about its lock. */
export interface Held {
  /** Whether the lock file is still this holder's (it can only be lost if judged stale by another process). */
  stillHeld(): boolean;
}

/** Runs `action` while holding the lock of `target`; the lock is released however `action` ends. */
export function withFileLock<T>(target: string, action: (held: Held) => T, options: LockOptions = {}): T {
  const lock = acquire(lockFileFor(target), options.timeoutMs ?? 15_000);
  try {
    return action({ stillHeld: () => isOurs(lock) });
  } finally {
    release(lock);
  }
}

/**
 * The lock of the repository's data as a whole, `.channel.lock` at its root: `log` and
 * `import --apply` hold it from before they read the data to after they have written, so
 * that each one's read, check and write see no other channel's write in between.
 */
export function repositoryLockFile(root: string): string {
  return path.join(root, ".channel.lock");
}

/** Runs the asynchronous `action` while holding the lock file `lockFile`; released however it ends. */
export async function withLockFile<T>(lockFile: string, action: (held: Held) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = acquire(lockFile, options.timeoutMs ?? 15_000);
  try {
    return await action({ stillHeld: () => isOurs(lock) });
  } finally {
    release(lock);
  }
}

interface HeldLock {
  file: string;
  token: string;
}

function acquire(file: string, timeoutMs: number): HeldLock {
  // A lock set aside by a process killed while breaking it (see breakLock) is still on disk.
  removeLeftovers(path.dirname(file), `${path.basename(file)}.`, ".stale");
  const token = `${process.pid}-${randomBytes(8).toString("hex")}`;
  const content: LockContent = { pid: process.pid, host: os.hostname(), token, time: Date.now() };
  let deadline = Date.now() + timeoutMs;
  let holder: number | null = null;
  let holderToken: string | null = null;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o644);
      let written = false;
      try {
        fs.writeSync(fd, JSON.stringify(content) + "\n");
        written = true;
      } finally {
        fs.closeSync(fd);
        // A full disk can let the lock file be created and not written: leave no empty lock behind.
        if (!written) fs.rmSync(file, { force: true });
      }
      return { file, token };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // A link (even one to nowhere, which O_EXCL counts as existing) or a folder is no lock
    // channel made: waiting for it to go would never end (issue 28).
    refuseIfNotALockFile(file);
    const current = readLock(file);
    if (current === "gone") {
      if (Date.now() >= deadline) throw new LockTimeoutError(file, holder);
      continue;
    }
    holder = current?.pid ?? null;
    // A queue that moves is waited out however long it is: the time runs for one holder at a time.
    if (current !== null && current.token !== holderToken) {
      holderToken = current.token;
      deadline = Date.now() + timeoutMs;
      attempt = 0;
    }
    if (isStale(file, current)) {
      breakLock(file, current);
      continue;
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(file, holder);
    // Jittered, growing waits: the holder needs a few milliseconds to a second.
    sleep(Math.min(200, 5 + attempt * 5) * (0.5 + Math.random()));
  }
}

/** Throws LockNotAFileError when `file` is there as something else than a plain file. */
function refuseIfNotALockFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return;
  }
  if (stat.isSymbolicLink()) throw new LockNotAFileError(file, "link");
  if (!stat.isFile()) throw new LockNotAFileError(file, stat.isDirectory() ? "folder" : "other");
}

function isOurs(lock: HeldLock): boolean {
  const current = readLock(lock.file);
  return current !== "gone" && current !== null && current.token === lock.token;
}

/** Releases the lock if it is still ours. */
function release(lock: HeldLock): void {
  if (isOurs(lock)) fs.rmSync(lock.file, { force: true });
}

/** The lock's content; null while it is being written (or unreadable); "gone" when there is no lock. */
function readLock(file: string): LockContent | null | "gone" {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === "number" && typeof parsed.token === "string" && typeof parsed.time === "number") {
      return { pid: parsed.pid, host: String(parsed.host ?? ""), token: parsed.token, time: parsed.time };
    }
  } catch {
    // Empty or half-written: its owner was killed between creating and writing it, or is writing it now.
  }
  return null;
}

function isStale(file: string, content: LockContent | null): boolean {
  if (content === null) {
    // A lock with no readable owner: stale once it has been so for a while.
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  if (Date.now() - content.time > STALE_AFTER_MS) return true;
  return content.host === os.hostname() && !processAlive(content.pid);
}

/** Removes a stale lock, making sure that it is the lock judged stale and not a new one taken meanwhile. */
function breakLock(file: string, judged: LockContent | null): void {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // someone else broke it first
    // The folder cannot be written: the stale lock stays, and so would this wait, for ever.
    throw new LockUnbreakableError(file, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  const moved = readLock(aside);
  const same = judged === null ? moved === null : moved !== "gone" && moved !== null && moved.token === judged.token;
  if (!same) {
    // A fresh lock was taken between our look and our rename: give it back (unless yet another exists).
    try {
      fs.linkSync(aside, file);
    } catch {
      // The path is taken again: the holder we moved finds its lock gone (`stillHeld`) before it
      // writes, and starts over.
    }
  }
  fs.rmSync(aside, { force: true });
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, Math.max(1, Math.round(ms)));
}
