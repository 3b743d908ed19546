/** Colour only on a terminal, never with NO_COLOR, --no-color or --out (chalk is then not even loaded). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Surroundings } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";
import { DATA_EXAMPLE, TEST_CACHE_DIR } from "../helpers/cli.js";

const ANSI = /\x1b\[[0-9;]*m/;
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-color-"));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

async function followups(env: Record<string, string>, extra: string[] = []): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const surroundings: Surroundings = {
    env: { CHANNEL_CACHE_DIR: TEST_CACHE_DIR, ...env },
    cwd: DATA_EXAMPLE,
    now: () => new Date(Date.UTC(2012, 2, 20, 2)),
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => undefined,
    stdoutIsTTY: true,
    stderrIsTTY: false,
  };
  const code = await main(["followups", "--as-of", "2012-03-20", "--lang", "en", ...extra], surroundings);
  return { code, stdout };
}

describe("colour", () => {
  it("colours the table on a terminal", async () => {
    const { code, stdout } = await followups({});
    expect(code).toBe(0);
    expect(stdout).toMatch(ANSI);
  });

  it("leaves it out with NO_COLOR or --no-color, with the same text otherwise", async () => {
    const coloured = (await followups({})).stdout.replace(new RegExp(ANSI.source, "g"), "");
    for (const [env, extra] of [[{ NO_COLOR: "1" }, []], [{}, ["--no-color"]]] as const) {
      const { code, stdout } = await followups(env, [...extra]);
      expect(code).toBe(0);
      expect(stdout).not.toMatch(ANSI);
      expect(stdout).toBe(coloured);
    }
  });

  it("writes no colour into a file given by --out", async () => {
    const out = path.join(outDir, "list.txt");
    const { code } = await followups({}, ["--out", out]);
    expect(code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).not.toMatch(ANSI);
    expect(fs.readFileSync(out, "utf8")).toContain("Follow-ups");
  });
});
