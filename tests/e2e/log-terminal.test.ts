/**
 * `channel log` on a real pseudo-terminal (util-linux `script`): the question of issue 23 is
 * asked when stdin and stdout are a terminal, answered by typing, and the answer is written as
 * `done`; piped, the same command never asks. Skipped where `script` is not installed.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLI, copyToTemp, FIXTURES, runCli, scratchFolders, TEST_CACHE_DIR } from "../helpers/cli.js";

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
const folders = scratchFolders("channel-log-terminal-");
const ACTIVITIES = "branches/b-one/activities.yaml";

const lastEntry = (dir: string): Record<string, unknown> => {
  const list = (parse(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")) as { activities: Record<string, unknown>[] }).activities;
  return list[list.length - 1]!;
};

/** Runs the CLI inside `script` (a pseudo-terminal for stdin and stdout), typing `answer` and Enter once the question is on screen. */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; screen: string }> {
  const quoted = [CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-q", "-e", "-c", quoted, "/dev/null"], {
    env: { ...process.env, NO_COLOR: "1", CHANNEL_CACHE_DIR: TEST_CACHE_DIR, CHANNEL_LANG: "zh" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let screen = "";
  let typed = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no end within 30 s; screen:\n${screen}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      screen += chunk.toString("utf8");
      if (!typed && screen.includes("直接回车 = 都没有")) {
        typed = true;
        child.stdin.write(`${answer}\r`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe.skipIf(!hasScript)("channel log on a pseudo-terminal", () => {
  it("asks which open items the contact dealt with and writes the answer as done", async () => {
    const dir = folders.keep(copyToTemp(path.join(FIXTURES, "log-done-next")));
    const { code, screen } = await onTerminal(["log", "p-he", "--date", "2012-03-20", "--data", dir, "--lang", "zh"], "2");
    expect(code, screen).toBe(0);
    expect(screen).toContain("还有未了结的事项，这次联系办了哪些？");
    expect(screen).toContain("2) 客户跟进，何先生 (潜在客户)，约定 3月21日 跟进（应办日 3月21日）");
    expect(lastEntry(dir)).toMatchObject({ date: "2012-03-20", with: ["p-he"], done: ["prospect_followup"] });
    expect(screen).toContain("已了结：客户跟进");
  }, 40_000);

  it("piped, never asks: the hint names the --done that would close the open items", () => {
    const dir = folders.keep(copyToTemp(path.join(FIXTURES, "log-done-next")));
    const result = runCli(["log", "p-he", "--date", "2012-03-20", "--data", dir, "--lang", "zh"], { input: "1\n" });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("这次联系办了哪些");
    expect(result.stderr).toContain("应记为 --done prospect_followup maturity large_movement");
    expect(lastEntry(dir)).not.toHaveProperty("done");
  });
});
