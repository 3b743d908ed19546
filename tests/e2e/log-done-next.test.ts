/**
 * `channel log --done/--next/--plan` as a user runs it, on tests/fixtures/log-done-next: what
 * is written (only the edit changes the files' bytes), the hint about the follow-ups the contact
 * closes, every refusal leaving the repository as it was, and the two files written as one under
 * the lock: a change by another program between the read and the write refuses both.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyToTemp, FIXTURES, runCli, scratchFolders, snapshot } from "../helpers/cli.js";
import { dotFiles, runPausedBeforeWrite, startCli } from "../safety/helpers.js";

const ACTIVITIES = "branches/b-one/activities.yaml";
const PROSPECTS = "branches/b-one/prospects.yaml";

const folders = scratchFolders("channel-log-next-");
const scratch = (): string => folders.keep(copyToTemp(path.join(FIXTURES, "log-done-next")));
const read = (dir: string, rel: string): string => fs.readFileSync(path.join(dir, rel), "utf8");

function lastEntry(dir: string): Record<string, unknown> {
  const list = (parse(read(dir, ACTIVITIES)) as { activities: Record<string, unknown>[] }).activities;
  return list[list.length - 1]!;
}

function items(dir: string, within = 7): { kind: string; person: string | null; due: string }[] {
  const result = runCli(["followups", "--data", dir, "--as-of", "2012-03-20", "--within", String(within), "--format", "json"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).items;
}

describe("channel log --done --next", () => {
  it("writes done as codes (Chinese names accepted) and moves next_followup, each file changed only by its edit", () => {
    const dir = scratch();
    const activitiesBefore = read(dir, ACTIVITIES);
    const prospectsBefore = read(dir, PROSPECTS);
    const result = runCli(["log", "p-he", "--kind", "call", "--done", "maturity", "大额异动", "--next", "2012-03-30", "--date", "2012-03-20", "--data", dir, "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(ACTIVITIES);
    expect(result.stdout).toContain(`${PROSPECTS} 中把 p-he 的下次跟进日期 next_followup 设为 2012-03-30`);

    const trailer = "# 文件末尾\n";
    expect(read(dir, ACTIVITIES)).toBe(
      activitiesBefore.slice(0, -trailer.length) + "  - date: 2012-03-20\n    kind: call\n    with: [p-he]\n    done: [maturity, large_movement]\n    by: 孙磊\n" + trailer,
    );
    expect(read(dir, PROSPECTS)).toBe(prospectsBefore.replace("next_followup: 2012-03-21   # 约好的", "next_followup: 2012-03-30   # 约好的"));
    expect(runCli(["validate", "--data", dir]).code).toBe(0);

    const now = items(dir, 10).filter((i) => i.person === "p-he");
    expect(now.map((i) => i.kind)).toEqual(["prospect_followup"]);
    expect(now[0]!.due).toBe("2012-03-30");
  });

  it("takes --kind by its Chinese name as the files do (电话 is written call), and names both forms when it is wrong", () => {
    const dir = scratch();
    const result = runCli(["log", "p-he", "--kind", "电话", "--date", "2012-03-20", "--data", dir, "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(0);
    expect(lastEntry(dir)).toMatchObject({ date: "2012-03-20", kind: "call", with: ["p-he"] });
    const wrong = runCli(["log", "p-he", "--kind", "电活", "--date", "2012-03-20", "--data", dir, "--lang", "zh"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("call 电话");
  });

  it("adds next_followup to a block prospect without one and to a one-line one, keeping every other byte", () => {
    const dir = scratch();
    const before = read(dir, PROSPECTS);
    expect(runCli(["log", "谢老师", "--next", "2012-03-27", "--date", "2012-03-20", "--data", dir]).code).toBe(0);
    expect(runCli(["log", "p-gao", "--next", "2012-04-02", "--date", "2012-03-20", "--data", dir]).code).toBe(0);
    expect(read(dir, PROSPECTS)).toBe(
      before
        .replace("    tier: valuable\n", "    tier: valuable\n    next_followup: 2012-03-27\n")
        .replace("{id: p-gao, name: 高先生}", "{id: p-gao, name: 高先生, next_followup: 2012-04-02}"),
    );
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("says in Chinese which open items the contact closes, which stay open, and the --done that would close them", () => {
    const dir = scratch();
    const result = runCli(["log", "p-he", "--date", "2012-03-20", "--data", dir, "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trimEnd().split("\n");
    // v3: a contact without done closes nothing; the hint names the --done that would.
    expect(lines).toEqual([
      "channel: 仍待办：大额异动，何先生 (潜在客户)，大额资金变动 60万 (3月18日)（应办日 3月18日）",
      "channel: 仍待办：客户跟进，何先生 (潜在客户)，约定 3月21日 跟进（应办日 3月21日）",
      "channel: 仍待办：产品到期，何先生 (潜在客户)，定期存款 100万 3月28日到期（应办日 3月21日）",
      "channel: 没有写 done 的联系不了结任何事项；若这次联系办了上面的事，应记为 --done prospect_followup maturity large_movement（可在刚写入的记录里补上 done: [prospect_followup, maturity, large_movement]）",
    ]);
    // With --done large_movement: that one is closed, the suggestion keeps it and adds the others.
    const one = runCli(["log", "p-he", "--date", "2012-03-20", "--done", "大额异动", "--data", scratch(), "--lang", "zh"]);
    expect(one.stderr.trimEnd().split("\n")[0]).toBe("channel: 已了结：大额异动，何先生 (潜在客户)，大额资金变动 60万 (3月18日)");
    expect(one.stderr).toContain("若这次联系也办了仍待办的事，应记为 --done prospect_followup maturity large_movement");
    // The hint is on stderr only: what a script reads (stdout) is the record, as before.
    expect(result.stdout).not.toContain("仍待办");
  });

  it("after --next, closing the follow-up reads as closed, not as 'no open item' (issue 23)", () => {
    const result = runCli(["log", "p-he", "--done", "prospect_followup", "--next", "2012-04-10", "--date", "2012-03-20", "--data", scratch(), "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("channel: 已了结：客户跟进，何先生 (潜在客户)，约定 3月21日 跟进\n");
    expect(result.stderr).not.toContain("没有这位的此类事项");
    // Without --done, the follow-up --next replaces is said to be rescheduled, not left open.
    const moved = runCli(["log", "p-he", "--next", "2012-04-20", "--date", "2012-03-20", "--data", scratch(), "--lang", "zh"]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toContain("channel: 改约：何先生 (潜在客户) 的客户跟进由 3月21日 改到 4月20日");
    expect(moved.stderr).not.toContain("仍待办：客户跟进");
  });

  it("names a --done kind that matches no open item, and says nothing with --quiet", () => {
    const dir = scratch();
    const result = runCli(["log", "p-he", "--done", "complaint", "--date", "2012-03-20", "--data", dir, "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("--done complaint（投诉）：当天清单上没有这位的此类事项可了结（已照样记下）");
    const quiet = runCli(["log", "p-he", "--date", "2012-03-20", "--data", dir, "--lang", "zh", "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
  });
});

describe("channel log --plan", () => {
  it("records an activity after today, and gives no hint", () => {
    const dir = scratch();
    const result = runCli(["log", "--branch", "b-one", "--kind", "event", "--plan", "--date", "2100-04-14", "--note", "社区开发：海月花园, 李娜、孙磊, 易拉宝", "--data", dir, "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(lastEntry(dir)).toEqual({ date: "2100-04-14", kind: "event", by: "孙磊", note: "社区开发：海月花园, 李娜、孙磊, 易拉宝" });
  });
});

describe("channel log refuses, leaving the repository as it was", () => {
  const dir = scratch();
  const untouched = snapshot(dir);
  const log = (...args: string[]) => runCli(["log", ...args, "--data", dir, "--lang", "en"]);

  it("a --done kind it does not know (exit 2), naming the kinds there are and the nearest one", () => {
    const result = log("p-he", "--done", "maturty", "--date", "2012-03-20");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("maturty");
    expect(result.stderr).toContain("`maturity`");
    for (const kind of ["prospect_followup", "large_movement", "complaint", "care_call"]) expect(result.stderr).toContain(kind);
    // The person after --done is taken as a kind, and the message says where the person goes.
    const swallowed = log("--done", "maturity", "p-he", "--date", "2012-03-20");
    expect(swallowed.code).toBe(2);
    expect(swallowed.stderr).toContain("--done does not know p-he");
    expect(swallowed.stderr).toContain("name the person before it");
  });

  it("--next for a staff member (exit 2)", () => {
    const result = log("zhang-wei", "--next", "2012-03-28", "--date", "2012-03-20");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("zhang-wei");
    expect(result.stderr).toContain("prospects.yaml");
  });

  it("--next for two people, or not after the contact's day (exit 2)", () => {
    expect(log("p-he", "p-xie", "--next", "2012-03-28", "--date", "2012-03-20").code).toBe(2);
    expect(log("p-he", "--next", "2012-03-20", "--date", "2012-03-20").code).toBe(2);
    expect(log("p-he", "--next", "2012-02-30", "--date", "2012-03-20").code).toBe(2);
  });

  it("--done without a person (exit 2)", () => {
    expect(log("--branch", "b-one", "--done", "maturity", "--date", "2012-03-20").code).toBe(2);
  });

  it("a day after today without --plan (exit 2), saying to add --plan; --plan on a day that has come (exit 2)", () => {
    const future = log("p-he", "--date", "2100-01-05");
    expect(future.code).toBe(2);
    expect(future.stderr).toContain("add --plan");
    const past = log("p-he", "--plan", "--date", "2012-03-20");
    expect(past.code).toBe(2);
    expect(past.stderr).toContain("--plan records an activity still to come");
  });

  it("a note with a control character (exit 2)", () => {
    expect(log("p-he", "--date", "2012-03-20", "--note", "坏\u001b[31m红").code).toBe(2);
  });

  it("and nothing was written by any of them", () => {
    expect(snapshot(dir)).toEqual(untouched);
  });
});

describe("the two files are written as one, under the repository's lock", () => {
  const args = (dir: string) => ["log", "p-he", "--done", "maturity", "--next", "2012-03-30", "--date", "2012-03-20", "--data", dir, "--lang", "en"];

  // [the file another program changes after the read, the other one]: refused, neither written.
  for (const [changed, other] of [
    [PROSPECTS, ACTIVITIES],
    [ACTIVITIES, PROSPECTS],
  ] as const) {
    it(`${changed} changed by another program after the read: refused (exit 2), ${other} not written either`, async () => {
      const dir = scratch();
      const untouched = read(dir, other);
      const theirs = `${read(dir, changed)}# 另一个程序的修改\n`;
      const result = await runPausedBeforeWrite(args(dir), () => fs.writeFileSync(path.join(dir, changed), theirs));
      expect(result.paused).toBe(true);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`${changed} changed after channel read and checked it`);
      expect(read(dir, changed)).toBe(theirs);
      expect(read(dir, other)).toBe(untouched);
      expect(dotFiles(dir)).toEqual([]);
    });
  }

  it("two calls at the same moment, each setting one prospect's day, both land", async () => {
    const dir = scratch();
    const runs = [
      startCli(["log", "p-he", "--next", "2012-03-30", "--date", "2012-03-20", "--data", dir, "--lang", "en"]),
      startCli(["log", "p-xie", "--next", "2012-03-27", "--date", "2012-03-20", "--data", dir, "--lang", "en"]),
      startCli(["log", "p-gao", "--next", "2012-04-02", "--date", "2012-03-20", "--data", dir, "--lang", "en"]),
    ];
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const prospects = (parse(read(dir, PROSPECTS)) as { prospects: { id: string; next_followup?: string }[] }).prospects;
    expect(Object.fromEntries(prospects.map((p) => [p.id, p.next_followup]))).toEqual({ "p-he": "2012-03-30", "p-xie": "2012-03-27", "p-gao": "2012-04-02" });
    const activities = (parse(read(dir, ACTIVITIES)) as { activities: unknown[] }).activities;
    expect(activities).toHaveLength(5);
    expect(dotFiles(dir)).toEqual([]);
  }, 60_000);
});
