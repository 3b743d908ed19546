/**
 * Issue 28 (start-up): whether stdout is a terminal is first asked of the descriptor, so that
 * output to a file, a pipe or /dev/null never makes Node build its stdout stream. Those three
 * are surely not terminals; anything else is left to the stream to answer.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mayBeTerminal } from "../../src/cli/context.js";

const opened: number[] = [];
afterEach(() => {
  for (const fd of opened.splice(0)) fs.closeSync(fd);
});
function open(file: string, flags: string): number {
  const fd = fs.openSync(file, flags);
  opened.push(fd);
  return fd;
}

describe.skipIf(process.platform === "win32")("mayBeTerminal", () => {
  it("is false for a regular file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-tty-"));
    try {
      expect(mayBeTerminal(open(path.join(dir, "out.txt"), "w"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is false for /dev/null, a character device that is no terminal", () => {
    const fd = open("/dev/null", "w");
    expect(fs.fstatSync(fd).isCharacterDevice()).toBe(true);
    expect(mayBeTerminal(fd)).toBe(false);
  });

  it("is false for a folder and true for another character device (the stream then decides)", () => {
    expect(mayBeTerminal(open(os.tmpdir(), "r"))).toBe(false);
    // /dev/zero: a character device other than the null one; only the stream can tell it is no terminal.
    expect(mayBeTerminal(open("/dev/zero", "r"))).toBe(true);
  });

  it("is true (ask the stream) for a descriptor that is not open", () => {
    expect(mayBeTerminal(987_654)).toBe(true);
  });
});
