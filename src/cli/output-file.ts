/**
 * Where `--out FILE` and `followups --ics FILE` write, and how.
 *
 * A regular file (or one that does not exist yet) is written atomically (a temporary file
 * beside it, renamed over) at its real path: a symlink to it stays a symlink, and the guard
 * against the repository's data judges the file that is really written. A pipe, a terminal or
 * another character device (`/dev/stdout`, `/dev/null`, a FIFO, or a symlink to one) is not a
 * file to replace but a stream to write into: it is opened and written, never renamed over
 * (which would put a regular file in its place — as root, even in /dev). Anything else (a
 * block device, a socket) is refused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT_MARKER } from "../load/repository.js";
import { createFileAtomic, writeFileAtomic } from "./atomic-write.js";
import { usageError } from "./errors.js";
import { isInside, realPathOf } from "./real-path.js";

/** Where an output goes, as decided before anything is written. */
export type OutputTarget =
  /** A pipe, a terminal, another character device, or this process's own stdout or stderr: written into as it is. */
  | { kind: "stream"; file: string }
  /** A regular file, by its real path (every symlink resolved); `exists` when there is one already. */
  | { kind: "file"; real: string; exists: boolean };

/**
 * Decides where the output named `shown` (resolved to `absolute`) goes: refuses a data file
 * of the repository at `root` (judged by real paths, so no symlink leads around it) and a
 * special file that is neither a pipe nor a character device.
 */
export function outputTarget(absolute: string, shown: string, root: string | null): OutputTarget {
  const stat = statOrNull(absolute);
  if (stat !== null && !stat.isFile() && !stat.isDirectory()) {
    if (stat.isFIFO() || stat.isCharacterDevice() || stdioDescriptorOf(stat) !== null) return { kind: "stream", file: absolute };
    throw usageError("error.outNotAFile", { file: shown });
  }
  const real = realPathOf(absolute);
  if (root !== null && isDataFile(realPathOf(root), real)) throw usageError("error.outIsDataFile", { file: shown });
  return { kind: "file", real, exists: stat !== null };
}

/**
 * Writes the output. A file that exists is replaced only when `replace` says so: returns false
 * (having written nothing) when it exists and may not be replaced. A stream is always written.
 */
export function writeOutput(target: OutputTarget, content: string | Uint8Array, replace: boolean): boolean {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  if (target.kind === "stream") {
    writeStream(target.file, bytes);
    return true;
  }
  if (replace) {
    writeFileAtomic(target.real, bytes);
    return true;
  }
  // Creating and checking for an existing file are one step: no race.
  return createFileAtomic(target.real, bytes);
}

/** Whether a real path is one of the repository's data files, or anything in its branches folder. */
function isDataFile(realRoot: string, real: string): boolean {
  if (!isInside(realRoot, real)) return false;
  const parts = path.relative(realRoot, real).split(path.sep);
  if (parts[0] === "branches") return true;
  return parts.length === 1 && (parts[0] === ROOT_MARKER || parts[0] === "departments.yaml");
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}

/**
 * 1 or 2 when `stat` is this process's own stdout or stderr (`--out /dev/stdout`): written through
 * that descriptor, which also works for a socket, which cannot be opened by its name.
 */
function stdioDescriptorOf(stat: fs.Stats): 1 | 2 | null {
  for (const fd of [1, 2] as const) {
    try {
      const own = fs.fstatSync(fd);
      if (own.dev === stat.dev && own.ino === stat.ino && !own.isFile()) return fd;
    } catch {
      // Closed: not this one.
    }
  }
  return null;
}

function writeStream(file: string, bytes: Uint8Array): void {
  const stat = fs.statSync(file);
  const stdio = stdioDescriptorOf(stat);
  if (stdio !== null) return writeAll(stdio, bytes);
  // No O_CREAT, no O_TRUNC: this opens what is there and creates or cuts nothing. A pipe waits
  // here for its reader, as `echo > pipe` does.
  const fd = fs.openSync(file, fs.constants.O_WRONLY | (fs.constants.O_NOCTTY ?? 0));
  try {
    const opened = fs.fstatSync(fd);
    // Replaced by a regular file between the look and the open: refused, not written over its start.
    if (!opened.isFIFO() && !opened.isCharacterDevice()) throw usageError("error.outNotAFile", { file });
    writeAll(fd, bytes);
  } finally {
    fs.closeSync(fd);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      // A descriptor someone made non-blocking, full for now: wait a moment and go on.
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}
