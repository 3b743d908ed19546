/**
 * How `channel log` and `channel import --apply` write a data file of the repository.
 *
 * - They hold the repository's lock (`.channel.lock`) from before they load the data to after
 *   they have written: concurrent calls take turns, each one reading what the one before wrote.
 * - A file is written only over exactly the bytes that were read and checked at load. Any other
 *   content (an editor saved meanwhile, or is half-way through a save and has emptied the file)
 *   is a refusal that leaves the file as it is: the new content, made from the old bytes,
 *   would drop that change.
 * - A file that is a link is written through to its target when the target is inside the
 *   repository (the link stays a link); a link leading outside is refused.
 * - Several files written as one operation (`log --next`: prospects.yaml, then activities.yaml)
 *   are all checked against the bytes read before the first is written; should a later one
 *   still fail, the ones already written are put back as they were read, and the message says
 *   so (or, if even that fails, exactly which file holds what).
 * - A process killed between those files (SIGKILL: no handler runs) would leave only the first
 *   written. So before the first is written an intent record (`.channel.intent` at the root)
 *   says what each file held before and will hold after; it is removed once all are written.
 *   The next writer finds a record left behind under the lock, before it loads anything, and
 *   puts the files already written back as they were (or, if one was changed since, says which).
 */
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { ChangedSinceReadError, holds, readIfExists, replaceFileIfUnchanged, writeFileAtomic, type WriteIo } from "./atomic-write.js";
import type { Context } from "./context.js";
import { CliError, EXIT_USAGE, LinkOutsideRepositoryError, LockTimeoutError } from "./errors.js";
import { t } from "../i18n/catalog.js";
import { repositoryLockFile, withFileLock, withLockFile, type Held } from "./file-lock.js";
import { isInside, realPathOf } from "./real-path.js";
import { writeFailure } from "./write-errors.js";
import { recordedSize } from "../load/git-run.js";

/** What a writer knows while it holds the repository's lock. */
export interface RepositoryWrite {
  /** The repository's real path. */
  root: string;
  held: Held;
}

/**
 * Runs `action` (load, check, write) holding the lock of the repository at `rootDir`. Failing to
 * get the lock (another channel holds it too long, the folder cannot be written) is a sentence
 * and exit 2; whatever `action` throws passes as it is.
 */
export async function whileHoldingRepository<T>(rootDir: string, action: (write: RepositoryWrite) => Promise<T>, ctx: Context): Promise<T> {
  const root = fs.realpathSync(rootDir);
  let entered = false;
  try {
    return await withLockFile(repositoryLockFile(root), (held) => {
      entered = true;
      const notice = finishInterruptedWrite(root);
      if (notice !== null) ctx.surroundings.stderr(`channel: ${t(ctx.lang, notice.key, notice.params)}\n`);
      return action({ root, held });
    });
  } catch (error) {
    if (entered) throw error;
    throw writeFailure(rootDir, error);
  }
}

/** One data file to write: see writeDataFiles. */
export interface DataFileEdit {
  /** The path to write (as found under the repository's root). */
  file: string;
  /** The path as the user knows it, relative to the root, for messages. */
  rel: string;
  /** The bytes read and checked at load; null: the file did not exist then. */
  basedOn: Uint8Array | null;
  /** The new content, made from `basedOn`. */
  build: () => string;
}

/**
 * Writes into the data file `file` (`rel`, as the user knows it) the content `build` makes, if
 * the file still holds `basedOn`, the bytes read and checked at load (null: it did not exist
 * then). The file's own lock is held while the content is built and written. A failed write is
 * a CliError with a sentence, and the file is as it was; what `build` throws passes as it is.
 */
export function writeDataFile(ctx: Context, write: RepositoryWrite, file: string, rel: string, basedOn: Uint8Array | null, build: () => string, io?: WriteIo): void {
  writeDataFiles(ctx, write, [{ file, rel, basedOn, build }], io);
}

/**
 * Writes several data files as one operation, in the order given, each as writeDataFile does:
 * every file's lock is held and every content built before any is written, and every file must
 * still hold the bytes it was read with. If a file after the first cannot be written, the files
 * already written are put back (only over what this call wrote), so that either all are
 * written or none; the message names the file that failed and says the others were put back,
 * or, when one could not be, which one now holds the new content.
 */
export function writeDataFiles(ctx: Context, write: RepositoryWrite, edits: readonly DataFileEdit[], io?: WriteIo): void {
  pauseForTest(ctx.testPauseBeforeWrite);
  let building = false;
  let current = edits[0]?.rel ?? "";
  const written: { real: string; edit: DataFileEdit; content: string }[] = [];
  try {
    if (!write.held.stillHeld()) throw new LockTimeoutError(repositoryLockFile(write.root), null);
    const reals = edits.map((edit) => {
      current = edit.rel;
      return writablePath(write.root, edit.file);
    });
    // (Tests hand over a bare context: no options, no surroundings.)
    if (ctx.options?.force !== true) {
      edits.forEach((edit, i) => {
        current = edit.rel;
        refuseIfEmptiedMeanwhile(ctx, edit, reals[i]!);
      });
    }
    withFileLocks(reals, () => {
      building = true;
      const contents = edits.map((edit) => edit.build());
      building = false;
      edits.forEach((edit, i) => {
        current = edit.rel;
        if (!holds(reals[i]!, edit.basedOn)) throw new ChangedSinceReadError(reals[i]!);
      });
      const intent = edits.length > 1 ? writeIntent(write.root, edits, reals, contents) : null;
      edits.forEach((edit, i) => {
        current = edit.rel;
        if (i === 1) pauseForTest(ctx.testPauseBetweenWrites);
        replaceFileIfUnchanged(reals[i]!, edit.basedOn, contents[i]!, io);
        written.push({ real: reals[i]!, edit, content: contents[i]! });
      });
      if (intent !== null) fs.rmSync(intent, { force: true });
    });
  } catch (error) {
    if (building) throw error;
    const failure = writeFailure(current, error);
    if (written.length === 0) throw failure;
    const reason = t(ctx.lang, failure.key, failure.params);
    const notRestored = written.filter((w) => !putBack(w.real, w.content, w.edit.basedOn)).map((w) => w.edit.rel);
    // Put back (or said which is not): the intent record has done its part.
    if (edits.length > 1) fs.rmSync(intentFile(write.root), { force: true });
    const restored = written.map((w) => w.edit.rel).filter((rel) => !notRestored.includes(rel));
    if (notRestored.length === 0) throw new CliError(EXIT_USAGE, "safety.write.othersPutBack", { reason, files: restored.join(", ") });
    throw new CliError(EXIT_USAGE, "safety.write.partial", { reason, written: notRestored.join(", "), failed: current });
  }
}

/**
 * A data file that is empty, missing or less than half as long as the version git has in its
 * index or last commit is not one to add to: most likely an editor is half-way through an
 * in-place save (it emptied the file and will write its bytes back), and the new content,
 * made from the empty file, would replace all of them. Refused (issue 28) unless --force.
 */
function refuseIfEmptiedMeanwhile(ctx: Context, edit: DataFileEdit, real: string): void {
  const size = edit.basedOn === null ? null : edit.basedOn.length;
  const blank = edit.basedOn !== null && Buffer.from(edit.basedOn).toString("utf8").trim() === "";
  const known = recordedSize(ctx.surroundings?.env ?? {}, real);
  if (known === null || known === 0) return;
  if (size === null) throw new CliError(EXIT_USAGE, "safety.write.missingButKnown", { file: edit.rel, known });
  if (blank || size * 2 < known) throw new CliError(EXIT_USAGE, "safety.write.shrunk", { file: edit.rel, size, known });
}

/** The intent record of a write of several files (see the top of this file). */
export function intentFile(root: string): string {
  return path.join(root, ".channel.intent");
}

/** One file of an intent record. */
interface IntentEntry {
  /** As the user knows it (relative to the root). */
  rel: string;
  /** The real path written. */
  real: string;
  /** What it held before, base64; null: it did not exist. */
  before: string | null;
  /** The SHA-256 of what it will hold. */
  after: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes (atomically, flushed) the intent record of the write about to happen; its path. */
function writeIntent(root: string, edits: readonly DataFileEdit[], reals: readonly string[], contents: readonly string[]): string {
  const files: IntentEntry[] = edits.map((edit, i) => ({
    rel: edit.rel,
    real: reals[i]!,
    before: edit.basedOn === null ? null : Buffer.from(edit.basedOn).toString("base64"),
    after: sha256(Buffer.from(contents[i]!, "utf8")),
  }));
  const file = intentFile(root);
  writeFileAtomic(file, JSON.stringify({ version: 1, files }) + "\n");
  return file;
}

/**
 * Completes what a writer killed between files left (an intent record is there): the files it
 * had already written are put back as they were before, so that none of it is recorded, as
 * when the writer fails and can say so. A file that holds neither its old nor its new content
 * was changed since by someone else: nothing is put back then, and the notice names it. Null
 * when there was nothing to do (no record, or none of it written, or all of it).
 */
function finishInterruptedWrite(root: string): { key: "safety.intent.rolledBack" | "safety.intent.unresolved"; params: Record<string, string> } | null {
  const file = intentFile(root);
  let files: IntentEntry[];
  try {
    files = (JSON.parse(fs.readFileSync(file, "utf8")) as { files: IntentEntry[] }).files;
    if (!Array.isArray(files)) throw new Error("no files");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    // Unreadable: written atomically, so not ours half-way; nothing to act on.
    fs.rmSync(file, { force: true });
    return null;
  }
  const states = files.map((entry) => {
    const now = readIfExists(entry.real);
    const before = entry.before === null ? null : Buffer.from(entry.before, "base64");
    if (now !== null && sha256(now) === entry.after) return { entry, now, before, state: "after" as const };
    if (before === null ? now === null : now !== null && now.equals(before)) return { entry, now, before, state: "before" as const };
    return { entry, now, before, state: "other" as const };
  });
  const all = files.map((f) => f.rel).join(", ");
  let notice: ReturnType<typeof finishInterruptedWrite> = null;
  const changed = states.filter((s) => s.state === "other");
  const done = states.filter((s) => s.state === "after");
  if (changed.length > 0) {
    notice = { key: "safety.intent.unresolved", params: { files: all, changed: changed.map((s) => s.entry.rel).join(", ") } };
  } else if (done.length > 0 && done.length < states.length) {
    for (const s of done) {
      if (s.before !== null) replaceFileIfUnchanged(s.entry.real, s.now, s.before);
      else fs.rmSync(s.entry.real);
    }
    notice = { key: "safety.intent.rolledBack", params: { files: all, restored: done.map((s) => s.entry.rel).join(", ") } };
  }
  fs.rmSync(file, { force: true });
  return notice;
}

/** Holds the locks of all `files` (in the given order) while `action` runs. */
function withFileLocks(files: readonly string[], action: () => void): void {
  const [first, ...rest] = files;
  if (first === undefined) return action();
  withFileLock(first, () => withFileLocks(rest, action));
}

/** Puts back what `file` held before this call wrote `written` over it; false when it holds something else now, or the write fails. */
function putBack(file: string, written: string, before: Uint8Array | null): boolean {
  try {
    if (before !== null) replaceFileIfUnchanged(file, Buffer.from(written, "utf8"), before);
    else if (holds(file, Buffer.from(written, "utf8"))) fs.rmSync(file);
    else return false;
    return true;
  } catch {
    return false;
  }
}

/** The real path to write for `file`: itself, or the target of a link when that is inside `root` (a real path). */
export function writablePath(root: string, file: string): string {
  const real = realPathOf(file);
  // A link to nothing: writing would create a file wherever it points.
  if (!fs.existsSync(real) && isLink(file)) throw new LinkOutsideRepositoryError(file, null);
  if (real === root || !isInside(root, real)) throw new LinkOutsideRepositoryError(file, real);
  return real;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * A hook for tests (CHANNEL_TEST_PAUSE_BEFORE_WRITE=FILE): creates FILE, then waits until the
 * test removes it (at most a minute), so that a test can change the data file between the load
 * and the write, at exactly that point and without guessing at timings.
 */
function pauseForTest(marker: string | undefined): void {
  if (marker === undefined) return;
  fs.writeFileSync(marker, String(process.pid));
  const deadline = Date.now() + 60_000;
  while (fs.existsSync(marker) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 5);
}
