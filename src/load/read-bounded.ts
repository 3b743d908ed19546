/**
 * Reading a file named on the command line (`import --from`, `--map`) with a bound: only a
 * regular file is read (a device such as /dev/zero or /dev/urandom never ends, a pipe may never
 * answer), its size is checked before reading, and reading stops at the limit should the file
 * grow meanwhile — nothing larger than the limit is ever held in memory.
 */
import * as fs from "node:fs";

/** Why a file was not read; `size` is what the file held when it was refused. */
export class BoundedReadError extends Error {
  constructor(
    readonly reason: "not_regular" | "too_large",
    readonly size: number,
  ) {
    super(reason);
  }
}

/** The bytes of a regular file of at most `limit` bytes; throws BoundedReadError, or the system's error (ENOENT…). */
export function readBoundedFile(file: string, limit: number): Uint8Array {
  // Non-blocking, so opening a pipe with no writer returns at once; a regular file ignores it.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new BoundedReadError("not_regular", 0);
    if (stat.size > limit) throw new BoundedReadError("too_large", stat.size);
    // Read until the end, growing the buffer up to one byte past the limit: a file that grew
    // after fstat is read as it is now, or refused once it passes the limit.
    let buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw new BoundedReadError("too_large", length);
        const grown = Buffer.alloc(Math.min(limit + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } finally {
    fs.closeSync(fd);
  }
}
