/**
 * Which width the tables are fitted to: the terminal's, COLUMNS before it, CHANNEL_TERMINAL_WIDTH
 * before both (0: as for a pipe); none for a pipe or --out, which get one row per item.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Surroundings } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";
import { displayWidth } from "../../src/report/text-width.js";
import { DATA_EXAMPLE, TEST_CACHE_DIR } from "../helpers/cli.js";

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-width-"));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

async function followups(terminal: { tty: boolean; columns?: number }, env: Record<string, string> = {}, extra: string[] = []): Promise<string> {
  let stdout = "";
  const surroundings: Surroundings = {
    env: { CHANNEL_CACHE_DIR: TEST_CACHE_DIR, NO_COLOR: "1", ...env },
    cwd: DATA_EXAMPLE,
    now: () => new Date(Date.UTC(2012, 2, 20, 2)),
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => undefined,
    stdoutIsTTY: terminal.tty,
    stderrIsTTY: false,
    stdoutColumns: terminal.columns,
  };
  expect(await main(["followups", "--as-of", "2012-03-20", "--lang", "zh", ...extra], surroundings)).toBe(0);
  return stdout;
}

const widest = (text: string) => Math.max(...text.split("\n").map(displayWidth));
/** The grouped list: a heading per person, "· 负责人 …" in it; the piped one has day groups instead. */
const grouped = (text: string) => text.includes("· 负责人 ") && !text.includes("逾期 (");

describe("the width tables are fitted to", () => {
  it("is the terminal's own", async () => {
    const out = await followups({ tty: true, columns: 64 });
    expect(grouped(out)).toBe(true);
    expect(widest(out)).toBeLessThanOrEqual(64);
    expect(widest(out)).toBeGreaterThan(56);
  });

  it("is COLUMNS when set, on a terminal", async () => {
    expect(widest(await followups({ tty: true, columns: 120 }, { COLUMNS: "60" }))).toBeLessThanOrEqual(60);
    // Not a number: the terminal's.
    expect(widest(await followups({ tty: true, columns: 70 }, { COLUMNS: "wide" }))).toBeLessThanOrEqual(70);
  });

  it("is 80 on a terminal that does not say", async () => {
    const out = await followups({ tty: true });
    expect(grouped(out)).toBe(true);
    expect(widest(out)).toBeLessThanOrEqual(80);
  });

  it("is CHANNEL_TERMINAL_WIDTH wherever the output goes, and none with 0", async () => {
    const forced = await followups({ tty: false }, { CHANNEL_TERMINAL_WIDTH: "50" });
    expect(grouped(forced)).toBe(true);
    expect(widest(forced)).toBeLessThanOrEqual(50);
    const piped = await followups({ tty: false });
    expect(await followups({ tty: true, columns: 60 }, { CHANNEL_TERMINAL_WIDTH: "0" })).toBe(piped);
  });

  it("is none for a pipe, whatever COLUMNS says, and none for --out", async () => {
    const piped = await followups({ tty: false }, { COLUMNS: "60" });
    expect(grouped(piped)).toBe(false);
    expect(widest(piped)).toBeGreaterThan(100);
    const file = path.join(outDir, "list.txt");
    expect(await followups({ tty: true, columns: 60 }, {}, ["--out", file])).toBe("");
    expect(fs.readFileSync(file, "utf8")).toBe(piped);
  });
});
