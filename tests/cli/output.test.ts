/**
 * Output goes straight to the file descriptor (src/cli/context.ts, writerTo), with Node's
 * stream as the fallback: every byte arrives in order whatever the descriptor does, and a
 * reader that goes away ends the run quietly.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerTo } from "../../src/cli/context.js";
import { CLI, PROJECT_ROOT } from "../helpers/cli.js";

/** A stand-in for process.stdout that records what it is given. */
function fakeStream() {
  const written: Buffer[] = [];
  const listeners: string[] = [];
  const stream = {
    write: (data: string | Uint8Array) => written.push(Buffer.from(data)) > 0,
    on: (event: string) => {
      listeners.push(event);
      return stream;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, written, listeners };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe.skipIf(process.platform === "win32")("writerTo", () => {
  it("writes all the bytes, taking partial writes as they come", () => {
    const chunks: Buffer[] = [];
    const { stream, written } = fakeStream();
    const write = writerTo(1, () => stream, (_fd, bytes) => {
      const n = Math.min(3, bytes.length);
      chunks.push(Buffer.from(bytes.subarray(0, n)));
      return n;
    });
    write("跟进 ok\n");
    expect(Buffer.concat(chunks).toString("utf8")).toBe("跟进 ok\n");
    expect(written).toEqual([]);
  });

  it("hands the rest, and everything after, to Node's stream when the descriptor says EAGAIN", () => {
    const direct: Buffer[] = [];
    const { stream, written, listeners } = fakeStream();
    let calls = 0;
    const write = writerTo(1, () => stream, (_fd, bytes) => {
      calls += 1;
      if (calls === 1) {
        direct.push(Buffer.from(bytes.subarray(0, 4)));
        return 4;
      }
      throw errno("EAGAIN");
    });
    write("abcdefgh");
    write("ijk");
    expect(Buffer.concat(direct).toString()).toBe("abcd");
    expect(Buffer.concat(written).toString()).toBe("efghijk");
    // The stream gets the same quiet end on a broken pipe as the direct writes.
    expect(listeners).toEqual(["error"]);
    expect(calls).toBe(2);
  });
});

describe.skipIf(process.platform === "win32")("the CLI's output through a pipe", () => {
  let repo = "";
  let full = "";
  const args = () => ["followups", "--data", repo, "--as-of", "2026-11-28", "--within", "365", "--format", "json", "--lang", "en", "--no-cache"];

  beforeAll(() => {
    // More than a pipe holds (64 KiB), so that the writer has to wait for its reader.
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "channel-output-"));
    const generated = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "scripts", "generate.mjs"), "--branches", "12", "--seed", "3", "--out", repo, "--force"], { encoding: "utf8" });
    expect(generated.status).toBe(0);
    const run = spawnSync(process.execPath, [CLI, ...args()], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
    expect(run.status).toBe(0);
    full = run.stdout;
    expect(Buffer.byteLength(full)).toBeGreaterThan(2 * 65536);
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  const quoted = () => [process.execPath, CLI, ...args()].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");

  it("ends quietly with exit code 0 when the reader goes away (`| head`)", () => {
    const run = spawnSync("bash", ["-c", `${quoted()} | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(run.stderr).toBe("exit=0\n");
  });

  it("gives a slow reader every byte, in order", () => {
    const run = spawnSync("bash", ["-c", `${quoted()} | (sleep 0.5; cat)`], { encoding: "utf8", maxBuffer: 64 * 2 ** 20, env: { ...process.env, NO_COLOR: "1" } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(full);
  });

  // O_NONBLOCK on the pipe, set by another program sharing it, makes write() answer EAGAIN
  // once the pipe is full: the rest must go through Node's stream, which waits.
  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("gives every byte through a pipe someone made non-blocking", () => {
    const nonBlocking = `python3 -c 'import fcntl, os, sys; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK); os.execvp(sys.argv[1], sys.argv[1:])'`;
    const run = spawnSync("bash", ["-c", `${nonBlocking} ${quoted()} | (sleep 0.5; cat)`], { encoding: "utf8", maxBuffer: 64 * 2 ** 20, env: { ...process.env, NO_COLOR: "1" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(full);
  });
});
