/**
 * Why a write into a file failed, in words: a full disk, a read-only file or file system, no
 * permission, a lock held by another `channel`, a file changed since it was read, or a link
 * leading outside the repository. Every one leaves the file as it was (see
 * atomic-write.ts) and ends the command with exit code 2, like any failure that is not a
 * problem in the data.
 */
import { ChangedSinceReadError, ReadOnlyFileError } from "./atomic-write.js";
import { CliError, EXIT_USAGE, LinkOutsideRepositoryError, LockNotAFileError, LockTimeoutError, LockUnbreakableError } from "./errors.js";

/** The CliError for a failed write of `file` (as the user named it). */
export function writeFailure(file: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ReadOnlyFileError) return new CliError(EXIT_USAGE, "safety.write.readOnlyFile", { file });
  if (error instanceof ChangedSinceReadError) return new CliError(EXIT_USAGE, "safety.write.changedSinceRead", { file });
  if (error instanceof LinkOutsideRepositoryError) {
    return new CliError(EXIT_USAGE, "safety.write.linkOutside", { file, target: error.target ?? "?" });
  }
  if (error instanceof LockTimeoutError) {
    return new CliError(EXIT_USAGE, "safety.write.locked", { file, pid: error.holderPid ?? "?", lock: error.lockFile });
  }
  if (error instanceof LockNotAFileError) return new CliError(EXIT_USAGE, "safety.lock.notAFile", { file, lock: error.lockFile, what: error.what });
  if (error instanceof LockUnbreakableError) return new CliError(EXIT_USAGE, "safety.lock.cannotBreak", { file, lock: error.lockFile, reason: error.reason });
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return new CliError(EXIT_USAGE, "safety.write.diskFull", { file, code });
    case "EACCES":
    case "EPERM":
      return new CliError(EXIT_USAGE, "safety.write.permission", { file, code });
    case "EROFS":
      return new CliError(EXIT_USAGE, "safety.write.readOnlyFs", { file, code });
    default:
      return new CliError(EXIT_USAGE, "error.writeFailed", { file, reason: code ?? (error instanceof Error ? error.message : String(error)) });
  }
}
