/**
 * `channel log` on a terminal (issue 23): with open follow-ups and no --done it asks which of
 * them this contact dealt with, and writes the answer as `done`; without a terminal it never
 * asks. In process, with the terminal's question and answers injected (Surroundings.ask); the
 * clock at 2012-03-20 10:00 in Asia/Shanghai. tests/e2e/log-terminal.test.ts runs the same on a
 * real pseudo-terminal.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Surroundings } from "../../src/cli/context.js";
import { chosenNumbers } from "../../src/cli/commands/log.js";
import { main } from "../../src/cli/main.js";
import { copyToTemp, FIXTURES, scratchFolders } from "../helpers/cli.js";

const folders = scratchFolders("channel-log-prompt-");
const scratch = (): string => folders.keep(copyToTemp(path.join(FIXTURES, "log-done-next")));
const ACTIVITIES = "branches/b-one/activities.yaml";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The questions asked, in order. */
  questions: string[];
}

/** Runs `log` with stdin and stdout a terminal (unless `tty` says otherwise), answering each question with the next of `answers` (null: Ctrl-D). */
async function run(dir: string, args: string[], answers: (string | null)[], tty: { stdin: boolean; stdout: boolean } = { stdin: true, stdout: true }): Promise<Run> {
  const result: Run = { code: -1, stdout: "", stderr: "", questions: [] };
  const surroundings: Surroundings = {
    env: { NO_COLOR: "1", CHANNEL_TERMINAL_WIDTH: "0" },
    cwd: dir,
    now: () => new Date(Date.UTC(2012, 2, 20, 2)),
    stdout: (text) => (result.stdout += text),
    stderr: (text) => (result.stderr += text),
    stdoutIsTTY: tty.stdout,
    stderrIsTTY: tty.stdout,
    stdinIsTTY: tty.stdin,
    ask: async (question) => {
      result.questions.push(question);
      if (answers.length === 0) throw new Error(`asked once too often: ${question}`);
      return answers.shift()!;
    },
  };
  result.code = await main(["log", ...args, "--data", dir, "--lang", "zh", "--no-cache"], surroundings);
  return result;
}

const lastEntry = (dir: string): Record<string, unknown> => {
  const list = (parse(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")) as { activities: Record<string, unknown>[] }).activities;
  return list[list.length - 1]!;
};

// 何先生 (p-he) on 03-20: a large movement of 03-18, the follow-up agreed for 03-21 and the
// maturity due 03-21 (matures 03-28) are open; the list is in the order of the follow-up list.
const LIST = [
  "还有未了结的事项，这次联系办了哪些？",
  "  1) 大额异动，何先生 (潜在客户)，大额资金变动 60万 (3月18日)（应办日 3月18日）",
  "  2) 客户跟进，何先生 (潜在客户)，约定 3月21日 跟进（应办日 3月21日）",
  "  3) 产品到期，何先生 (潜在客户)，定期存款 100万 3月28日到期（应办日 3月21日）",
];

describe("log on a terminal asks which open items the contact dealt with", () => {
  it("lists them numbered, and writes the chosen ones as done (several numbers, any separator)", async () => {
    const dir = scratch();
    const result = await run(dir, ["p-he", "--date", "2012-03-20"], ["3，1"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.questions).toEqual(["输入编号（可多个，空格或逗号分隔；直接回车 = 都没有）："]);
    expect(result.stderr.split("\n").slice(0, 4)).toEqual(LIST);
    expect(lastEntry(dir)).toMatchObject({ date: "2012-03-20", with: ["p-he"], done: ["maturity", "large_movement"] });
    // The hint then says what it closed and what stays open, without suggesting a --done.
    expect(result.stderr).toContain("channel: 已了结：大额异动");
    expect(result.stderr).toContain("channel: 已了结：产品到期");
    expect(result.stderr).toContain("channel: 仍待办：客户跟进");
    expect(result.stderr).not.toContain("应记为 --done");
  });

  it("Enter means none: the contact is written without done", async () => {
    const dir = scratch();
    const result = await run(dir, ["p-he", "--date", "2012-03-20"], [""]);
    expect(result.code).toBe(0);
    expect(lastEntry(dir)).not.toHaveProperty("done");
    expect(result.stderr).toContain("channel: 仍待办：大额异动");
  });

  it("asks again after a wrong answer, and takes Ctrl-D as none", async () => {
    const dir = scratch();
    const result = await run(dir, ["p-he", "--date", "2012-03-20"], ["4", "二", "２"]);
    expect(result.code).toBe(0);
    expect(result.questions).toHaveLength(3);
    expect(result.stderr).toContain("请输入 1 到 3 之间的编号，或直接回车");
    expect(lastEntry(dir)).toMatchObject({ done: ["prospect_followup"] });
    const dDir = scratch();
    expect((await run(dDir, ["p-he", "--date", "2012-03-20"], [null])).code).toBe(0);
    expect(lastEntry(dDir)).not.toHaveProperty("done");
  });

  it("offers only what the contact can close on its day: nothing yet open, no question", async () => {
    // On 03-13 the maturity (opens 03-14) and the follow-up (opens 03-14) are not open yet, and the movement has not happened.
    const dir = scratch();
    const result = await run(dir, ["p-he", "--date", "2012-03-13"], []);
    expect(result.code, result.stderr).toBe(0);
    expect(result.questions).toEqual([]);
  });

  it("never asks with --done, --plan, or without a terminal on stdin or stdout", async () => {
    for (const [args, tty] of [
      [["p-he", "--date", "2012-03-20", "--done", "maturity"], { stdin: true, stdout: true }],
      [["p-he", "--date", "2012-03-20"], { stdin: false, stdout: true }],
      [["p-he", "--date", "2012-03-20"], { stdin: true, stdout: false }],
      [["p-he", "--plan", "--date", "2012-03-22"], { stdin: true, stdout: true }],
    ] as const) {
      const dir = scratch();
      const result = await run(dir, [...args], [], tty);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
      expect(result.questions).toEqual([]);
    }
  });

  it("asks nothing and writes nothing when the command is refused", async () => {
    const dir = scratch();
    const before = fs.readFileSync(path.join(dir, ACTIVITIES), "utf8");
    const result = await run(dir, ["p-nobody", "--date", "2012-03-20"], []);
    expect(result.code).toBe(1);
    expect(result.questions).toEqual([]);
    expect(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")).toBe(before);
  });
});

describe("chosenNumbers", () => {
  it("reads numbers separated by spaces, commas or 、, full-width digits too, each once", () => {
    expect(chosenNumbers("", 3)).toEqual([]);
    expect(chosenNumbers("  ", 3)).toEqual([]);
    expect(chosenNumbers("1 3", 3)).toEqual([1, 3]);
    expect(chosenNumbers("3,1，2、3", 3)).toEqual([3, 1, 2]);
    expect(chosenNumbers("２", 3)).toEqual([2]);
  });
  it("refuses anything else", () => {
    expect(chosenNumbers("0", 3)).toBeNull();
    expect(chosenNumbers("4", 3)).toBeNull();
    expect(chosenNumbers("1-2", 3)).toBeNull();
    expect(chosenNumbers("all", 3)).toBeNull();
  });
});
