/** Progress shows on a terminal for work over a second, never when piped or with --quiet. */
import { describe, expect, it } from "vitest";
import { makeContext, type Surroundings } from "../../src/cli/context.js";
import { PLAIN } from "../../src/report/style.js";

function surroundings(stderrIsTTY: boolean, stepMs: number): { s: Surroundings; err: string[] } {
  let clock = Date.UTC(2012, 2, 20);
  const err: string[] = [];
  const s: Surroundings = {
    env: {},
    cwd: "/",
    now: () => new Date((clock += stepMs)),
    stdout: () => undefined,
    stderr: (text) => err.push(text),
    stdoutIsTTY: false,
    stderrIsTTY,
  };
  return { s, err };
}

function run(ctxSurroundings: Surroundings, quiet = false): void {
  const ctx = makeContext({ lang: "en", quiet }, ctxSurroundings, PLAIN);
  for (let i = 0; i <= 50; i++) ctx.progress(i, 50);
}

describe("progress", () => {
  it("counts files on a terminal once the work has taken a second, then erases itself", () => {
    const { s, err } = surroundings(true, 200);
    run(s);
    expect(err.some((e) => e.includes("reading files 10/50"))).toBe(true);
    expect(err.at(-1)).toBe("\r\x1b[K");
  });

  it("stays silent for quick work, when piped, and with --quiet", () => {
    for (const [tty, step, quiet] of [[true, 1, false], [false, 200, false], [true, 200, true]] as const) {
      const { s, err } = surroundings(tty, step);
      run(s, quiet);
      expect(err).toEqual([]);
    }
  });
});
