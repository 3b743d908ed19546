/**
 * The errors that end a command, each with its exit code. Everything thrown anywhere is
 * caught once, in `main`, and mapped: 1 for problems in the data, 2 for usage, a missing
 * repository, or anything unexpected.
 */
import type { MessageKey, MessageParams } from "../i18n/catalog.js";

export const EXIT_OK = 0;
export const EXIT_DATA_ERRORS = 1;
export const EXIT_USAGE = 2;

/** A failure the user can fix, described by a catalogue message. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}

export function usageError(key: MessageKey, params: MessageParams = {}): CliError {
  return new CliError(EXIT_USAGE, key, params);
}

/**
 * The lock could not be had in time: someone else holds it. Kept here, not with the lock, so
 * that reporting a failed write loads no locking code.
 */
export class LockTimeoutError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number | null,
  ) {
    super(`${lockFile} is held by ${holderPid ?? "another process"}`);
  }
}

/** A data file that is a link to somewhere outside the repository (or to nowhere): not written. */
export class LinkOutsideRepositoryError extends Error {
  readonly code = "EOUTSIDE";
  constructor(
    readonly file: string,
    /** Where the link leads, or null when it leads nowhere. */
    readonly target: string | null,
  ) {
    super(`${file} leads outside the repository`);
  }
}

/** The lock's path is taken by a link or a folder, which no channel makes (issue 28). */
export class LockNotAFileError extends Error {
  constructor(
    readonly lockFile: string,
    readonly what: "link" | "folder" | "other",
  ) {
    super(`${lockFile} is a ${what}, not a lock file`);
  }
}

/** A stale lock that cannot be removed (its folder is not writable): waiting would never end (issue 28). */
export class LockUnbreakableError extends Error {
  constructor(
    readonly lockFile: string,
    readonly reason: string,
  ) {
    super(`${lockFile} is stale and cannot be removed (${reason})`);
  }
}
