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
 */
import * as fs from "node:fs";
import { replaceFileIfUnchanged, type WriteIo } from "./atomic-write.js";
import type { Context } from "./context.js";
import { LinkOutsideRepositoryError, LockTimeoutError } from "./errors.js";
import { repositoryLockFile, withFileLock, withLockFile, type Held } from "./file-lock.js";
import { isInside, realPathOf } from "./real-path.js";
import { writeFailure } from "./write-errors.js";

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
export async function whileHoldingRepository<T>(rootDir: string, action: (write: RepositoryWrite) => Promise<T>): Promise<T> {
  const root = fs.realpathSync(rootDir);
  let entered = false;
  try {
    return await withLockFile(repositoryLockFile(root), (held) => {
      entered = true;
      return action({ root, held });
    });
  } catch (error) {
    if (entered) throw error;
    throw writeFailure(rootDir, error);
  }
}

/**
 * Writes into the data file `file` (`rel`, as the user knows it) the content `build` makes, if
 * the file still holds `basedOn`, the bytes read and checked at load (null: it did not exist
 * then). The file's own lock is held while the content is built and written. A failed write is
 * a CliError with a sentence, and the file is as it was; what `build` throws passes as it is.
 */
export function writeDataFile(ctx: Context, write: RepositoryWrite, file: string, rel: string, basedOn: Uint8Array | null, build: () => string, io?: WriteIo): void {
  pauseForTest(ctx.testPauseBeforeWrite);
  let building = false;
  try {
    if (!write.held.stillHeld()) throw new LockTimeoutError(repositoryLockFile(write.root), null);
    const real = writablePath(write.root, file);
    withFileLock(real, () => {
      building = true;
      const content = build();
      building = false;
      replaceFileIfUnchanged(real, basedOn, content, io);
    });
  } catch (error) {
    throw building ? error : writeFailure(rel, error);
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
