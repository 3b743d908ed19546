/**
 * `bonus --as-recorded`, `expenses --as-recorded` and `audit` on real git repositories built
 * here, with set commit times (Asia/Shanghai, +08:00).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { commitAll, git, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { RECORDED_SETTINGS, recordedPerson, staffFile } from "../helpers/recorded-fixtures.js";
import { writeFilesInto as writeFiles, writeRepo } from "../helpers/repo.js";


const BASE = {
  "channel.yaml": RECORDED_SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n  - id: d2\n    name: 深圳南山营业部\n    am_covered: true\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
  "branches/b2/branch.yaml": "id: b2\nname: 南山支行\ndepartment: d2\n",
};



const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
});

function newRepo(files: Record<string, string> = {}, sub = ""): ScratchGit {
  const scratch = scratchGit(files, BASE, sub);
  scratches.push(scratch);
  return scratch;
}

function channel(scratch: ScratchGit, args: string[], lang = "en"): CliResult {
  return runCli([...args, "--data", scratch.root, "--lang", lang], { env: gitEnv(scratch.home) });
}

function json(result: CliResult): any {
  expect(result.stderr.replace(/^channel: note:.*\n/gm, "")).toBe("");
  return JSON.parse(result.stdout);
}

describe("--as-recorded", () => {
  it("picks the last commit by committer time at the end of the day (23:59:59 in, 00:00:00 of the next day out)", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) });
    // The author date is later than the day: only the committer time counts.
    const first = commitAll(s.repo, "三月底", "2012-03-31T23:59:59+08:00", "2012-04-05T12:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01")) });
    const second = commitAll(s.repo, "四月一日", "2012-04-01T00:00:00+08:00");

    const atDay = json(channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]));
    expect(atDay.as_recorded).toEqual({ commit: first, committed_at: "2012-03-31T23:59:59", uncommitted_changes_ignored: false });
    expect(atDay.candidates.map((c: { staff: string }) => c.staff)).toEqual(["a"]);

    const nextDay = json(channel(s, ["bonus", "--as-recorded", "--as-of", "2012-04-01", "--format", "json"]));
    expect(nextDay.as_recorded.commit).toBe(second);
    expect(nextDay.candidates.map((c: { staff: string }) => c.staff)).toEqual(["a", "b"]);
  });

  it("ignores uncommitted changes and says so", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) });
    commitAll(s.repo, "初始", "2012-03-01T09:00:00+08:00");
    // Not committed: a second conversion, and a file that would not even parse.
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01")), "branches/b1/kpis.yaml": "sales: [" });
    const result = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.candidates.map((c: { staff: string }) => c.staff)).toEqual(["a"]);
    expect(out.as_recorded.uncommitted_changes_ignored).toBe(true);
    expect(result.stderr).toContain("uncommitted changes were ignored (2 file(s): branches/b1/kpis.yaml, branches/b1/staff.yaml)");

    const table = channel(s, ["expenses", "--as-recorded", "--as-of", "2012-03-31"], "zh");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^按记录计算：2012-03-31 日终前的最后一次提交 [0-9a-f]{12}/);
    expect(table.stderr).toContain("未提交的改动已忽略");
    // The work tree is as it was: nothing was checked out or staged.
    expect(fs.readFileSync(path.join(s.root, "branches/b1/kpis.yaml"), "utf8")).toBe("sales: [");
    expect(git(s.repo, ["status", "--porcelain"])).toContain("?? branches/b1/kpis.yaml");
  });

  it("reads a data root that is a folder below the git top level", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) }, "数据/channel");
    fs.writeFileSync(path.join(s.repo, "other.txt"), "not data\n");
    commitAll(s.repo, "初始", "2012-03-01T09:00:00+08:00");
    const out = json(channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]));
    expect(out.candidates.map((c: { staff: string; status: string }) => [c.staff, c.status])).toEqual([["a", "awarded"]]);
    // Paths are the data root's own, in the audit and in the notice of uncommitted changes alike.
    fs.writeFileSync(path.join(s.root, "branches/b1/notes.txt"), "草稿\n");
    fs.writeFileSync(path.join(s.repo, "outside.txt"), "not in the data folder\n");
    const audit = channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"]);
    expect(JSON.parse(audit.stdout).records.map((r: { file: string; record: string }) => [r.file, r.record])).toEqual([
      ["branches/b1/staff.yaml", "a.conversion"],
      ["branches/b1/staff.yaml", "a.hq_registered"],
    ]);
    // Issue 29: the audit names only changes to the files it reads (notes.txt is none of them);
    // bonus --as-recorded reads every file and names every change.
    expect(audit.stderr).not.toContain("uncommitted");
    fs.writeFileSync(path.join(s.root, "branches/b1/kpis.yaml"), "sales: []\n");
    const auditAgain = channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"]);
    expect(auditAgain.stderr).toContain("uncommitted changes were ignored (1 file(s): branches/b1/kpis.yaml)");
    const bonus = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]);
    expect(bonus.stderr).toContain("uncommitted changes were ignored (2 file(s): branches/b1/kpis.yaml, branches/b1/notes.txt)");
  });

  it("refuses invalid data as recorded, naming the commit (exit 1)", () => {
    const s = newRepo({ "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 甲\n    position: 不存在的职位\n" });
    const commit = commitAll(s.repo, "有错", "2012-03-01T09:00:00+08:00");
    const result = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("branches/b1/staff.yaml");
    expect(result.stderr).toContain(`the data as recorded (commit ${commit.slice(0, 12)}, 2012-03-01 09:00:00)`);
  });

  it("quotes each problem's line as committed, the work tree changed since, cold, warm and without a cache (the commit's files are read again to quote them)", () => {
    const s = newRepo({
      "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 甲\n    position: 不存在的职位\n",
      "branches/b2/staff.yaml": "staff:\n  - id: b\n    name: 乙\n    position: wealth_manager\n    phone: 12345\n",
    });
    commitAll(s.repo, "有错", "2012-03-01T09:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": "# 改过\nstaff: []\n", "branches/b2/staff.yaml": "staff: []\n" });
    const cache = path.join(s.home, "recorded-cache");
    const run = (extra: string[]) => runCli(["bonus", "--as-recorded", "--as-of", "2012-03-31", "--data", s.root, "--lang", "zh", ...extra], { env: { ...gitEnv(s.home), CHANNEL_CACHE_DIR: cache } });
    const cold = run([]);
    expect(cold.code).toBe(1);
    expect(cold.stderr).toContain("  4 |     position: 不存在的职位\n");
    expect(cold.stderr).toContain("branches/b2/staff.yaml:5:");
    expect(cold.stderr).toContain("  5 |     phone: 12345\n");
    for (const again of [run([]), run(["--no-cache"])]) {
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(cold.stderr);
    }
  });

  it("not a git work tree: a sentence, exit 2", () => {
    const dir = writeRepo({}, BASE);
    try {
      const result = runCli(["bonus", "--as-recorded", "--as-of", "2012-03-31", "--data", dir, "--lang", "zh"], { env: gitEnv(dir) });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("不在 git 仓库中");
      expect(result.stdout).toBe("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("git missing: a sentence, exit 2", () => {
    const s = newRepo();
    commitAll(s.repo, "初始", "2012-03-01T09:00:00+08:00");
    const empty = path.join(s.home, "no-git-here");
    fs.mkdirSync(empty);
    const result = runCli(["bonus", "--as-recorded", "--as-of", "2012-03-31", "--data", s.root, "--lang", "en"], { env: { ...gitEnv(s.home), PATH: empty } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("git was not found");
  });

  it("no commit that old: a sentence, exit 2", () => {
    const s = newRepo();
    commitAll(s.repo, "初始", "2012-04-01T00:00:00+08:00");
    const result = channel(s, ["expenses", "--as-recorded", "--as-of", "2012-03-31"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no commit was made by the end of 2012-03-31 (Asia/Shanghai)");
  });

  it("a shallow clone says the history is incomplete when it cannot be sure, and reads when it can", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) });
    commitAll(s.repo, "一", "2012-03-01T09:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01")) });
    commitAll(s.repo, "二", "2012-04-15T09:00:00+08:00");
    const clone = path.join(s.home, "clone");
    git(s.home, ["clone", "-q", "--depth", "1", `file://${s.repo}`, clone]);
    const shallow: ScratchGit = { home: s.home, repo: clone, root: clone };

    const old = channel(shallow, ["bonus", "--as-recorded", "--as-of", "2012-03-31"]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("shallow clone: the history is incomplete");
    // The clone's one commit is the newest: the last commit by the end of a later day is surely it.
    expect(json(channel(shallow, ["bonus", "--as-recorded", "--as-of", "2012-04-30", "--format", "json"])).candidates).toHaveLength(2);

    const audit = channel(shallow, ["audit", "--as-of", "2012-04-30"]);
    expect(audit.code).toBe(2);
    expect(audit.stderr).toContain("shallow clone: the history is incomplete");
  });
});

describe("audit", () => {
  function findings(result: CliResult): { code: string; record: string; file: string; claimed: string; first_committed: string | null; commit: string | null; detail: string }[] {
    expect(result.code).toBe(0);
    return json(result).findings;
  }

  it("the issue's case: a conversion dated 2012-02-10 committed on 4/15 changes a 3/31 award", () => {
    // Registered with head office first, then converted: as it should be.
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", null, "2012-02-01"), recordedPerson("b", null, "2012-02-01"), recordedPerson("c", null, "2012-02-01")) });
    commitAll(s.repo, "备案", "2012-02-01T18:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01"), recordedPerson("c", null, "2012-02-01")) });
    commitAll(s.repo, "二月转化", "2012-02-22T18:00:00+08:00");
    writeFiles(s.root, {
      "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01"), recordedPerson("c", "2012-02-10 09:00", "2012-02-01")),
    });
    const late = commitAll(s.repo, "补录", "2012-04-15T10:00:00+08:00");

    const recorded = json(channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]));
    expect(recorded.candidates.map((c: { staff: string; status: string }) => [c.staff, c.status])).toEqual([["a", "awarded"], ["b", "awarded"]]);
    const now = json(channel(s, ["bonus", "--as-of", "2012-03-31", "--format", "json"]));
    expect(now.candidates.find((c: { staff: string }) => c.staff === "b").reason).toBe("branch_cap_reached");

    const found = findings(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]));
    expect(found.map((f) => [f.code, f.record])).toEqual([
      ["recorded_after_deadline", "c.conversion"],
      ["award_changed", "b.conversion"],
      ["award_changed", "c.conversion"],
    ]);
    const afterDeadline = found[0]!;
    expect(afterDeadline).toMatchObject({ file: "branches/b1/staff.yaml", claimed: "2012-02-10T09:00:00", first_committed: "2012-04-15T10:00:00", commit: late });
    expect(found[1]!.detail).toBe("as recorded on the deadline 2012-03-31: awarded; now: rejected (branch_cap_reached)");
    expect(found[2]!.detail).toBe("as recorded on the deadline 2012-03-31: not a candidate; now: awarded");

    for (const format of ["table", "md", "csv"]) {
      const out = channel(s, ["audit", "--as-of", "2012-04-30", "--format", format], "zh");
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(format === "csv" ? "recorded_after_deadline" : "截止后录入");
    }
  });

  it("a registration typed in weeks after the conversion is recorded after the fact; one committed before is not", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-20 11:00", null)) });
    commitAll(s.repo, "转化", "2012-02-20T18:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-20 11:00", "2012-02-15")) });
    commitAll(s.repo, "补备案", "2012-03-12T09:00:00+08:00");
    const found = findings(channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"]));
    expect(found.map((f) => [f.code, f.record, f.claimed, f.first_committed])).toEqual([["recorded_after_the_fact", "b.hq_registered", "2012-02-15", "2012-03-12T09:00:00"]]);
  });

  it("issue 25: registrations with a time, and one after the transfer, audited and paid as recorded", () => {
    // a: registered 09:40, converted 10:00 (in time); b: registered the same day at 11:30, after the 11:00 transfer.
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-20 09:40"), recordedPerson("b", "2012-02-20 11:00", null)) });
    commitAll(s.repo, "转化", "2012-02-20T18:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-20 09:40"), recordedPerson("b", "2012-02-20 11:00", "2012-02-20 11:30")) });
    commitAll(s.repo, "补备案", "2012-03-12T09:00:00+08:00");
    const bonus = json(channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]));
    expect(bonus.candidates.map((c: { staff: string; reason: string | null }) => [c.staff, c.reason])).toEqual([
      ["a", null],
      ["b", "registered_after_conversion"],
    ]);
    const result = channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"]);
    // b's registration is already refused by the bonus; a's was in time: nothing to flag.
    expect(findings(result)).toEqual([]);
    const records = json(result).records as { record: string; claimed: string; first_committed: string }[];
    expect(records.filter((r) => r.record.endsWith("hq_registered")).map((r) => [r.record, r.claimed, r.first_committed])).toEqual([
      ["a.hq_registered", "2012-02-20T09:40:00", "2012-02-20T18:00:00"],
      ["b.hq_registered", "2012-02-20T11:30:00", "2012-03-12T09:00:00"],
    ]);
    // A registration with a time typed in later, claiming to precede the transfer, is after the fact.
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-20 09:40"), recordedPerson("b", "2012-02-20 11:00", "2012-02-20 10:30")) });
    commitAll(s.repo, "改备案时间", "2012-03-13T09:00:00+08:00");
    const later = findings(channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"]));
    expect(later.map((f) => [f.code, f.record, f.claimed, f.first_committed])).toEqual([["recorded_after_the_fact", "b.hq_registered", "2012-02-20T10:30:00", "2012-03-13T09:00:00"]]);
    const table = channel(s, ["audit", "--as-of", "2012-03-31"], "zh");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("2012-02-20 10:30");
  });

  it("a staff member moved to another branch's staff.yaml keeps their first commit", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) });
    const first = commitAll(s.repo, "录入", "2012-02-20T18:00:00+08:00");
    writeFiles(s.root, { "branches/b1/staff.yaml": "staff: []\n", "branches/b2/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) });
    commitAll(s.repo, "调动", "2012-05-10T09:00:00+08:00");
    const out = json(channel(s, ["audit", "--as-of", "2012-05-31", "--format", "json"]));
    expect(out.findings).toEqual([]);
    const conversion = out.records.find((r: { record: string }) => r.record === "a.conversion");
    expect(conversion).toMatchObject({ file: "branches/b2/staff.yaml", commit: first, first_committed: "2012-02-20T18:00:00" });
  });

  it("a renamed branch folder keeps its sales' and report's first commits", () => {
    const s = newRepo({
      "branches/b2/branch.yaml": "id: b2\nname: 南山支行\ndepartment: d2\nhq_reported: 2012-02-01\n",
      "branches/b2/kpis.yaml": "sales:\n  - {date: 2012-02-15, product: 长城2号, amount: 120万}\n",
    });
    const first = commitAll(s.repo, "录入", "2012-02-15T18:00:00+08:00");
    fs.renameSync(path.join(s.root, "branches/b2"), path.join(s.root, "branches/b2-new"));
    writeFiles(s.root, { "branches/b2-new/branch.yaml": "id: b2-new\nname: 南山支行\ndepartment: d2\nhq_reported: 2012-02-01\n" });
    commitAll(s.repo, "改名", "2012-05-01T09:00:00+08:00");
    const out = json(channel(s, ["audit", "--as-of", "2012-05-31", "--format", "json"]));
    expect(out.findings).toEqual([]);
    const sale = out.records.find((r: { kind: string }) => r.kind === "sale");
    expect(sale).toMatchObject({ file: "branches/b2-new/kpis.yaml", record: "b2-new.sales[2012-02-15 长城2号 1200000]", commit: first });
  });

  it("a branch report typed in after the sales it had to precede is recorded after the fact", () => {
    const s = newRepo({ "branches/b2/kpis.yaml": "sales:\n  - {date: 2012-02-15, product: 长城2号, amount: 120万}\n" });
    commitAll(s.repo, "销售", "2012-02-15T18:00:00+08:00");
    writeFiles(s.root, { "branches/b2/branch.yaml": "id: b2\nname: 南山支行\ndepartment: d2\nhq_reported: 2012-02-01\n" });
    commitAll(s.repo, "补报备", "2012-03-05T09:00:00+08:00");
    const found = findings(channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"]));
    expect(found.map((f) => [f.code, f.record, f.claimed])).toEqual([["recorded_after_the_fact", "b2.hq_reported", "2012-02-01"]]);
  });

  it("reads history rewritten by a rebase: the rewritten commits are the record", () => {
    const s = newRepo({ "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")) });
    commitAll(s.repo, "录入", "2012-02-20T18:00:00+08:00");
    git(s.repo, ["checkout", "-q", "-b", "side"]);
    writeFiles(s.root, { "branches/b2/staff.yaml": staffFile(recordedPerson("z", "2012-03-01 10:00", "2012-02-01")) });
    commitAll(s.repo, "支行二", "2012-03-01T18:00:00+08:00");
    git(s.repo, ["checkout", "-q", "main"]);
    writeFiles(s.root, { "branches/b1/kpis.yaml": "sales: []\n" });
    commitAll(s.repo, "指标", "2012-03-02T18:00:00+08:00");
    git(s.repo, ["checkout", "-q", "side"]);
    // The rebase makes new commits, committed (by the rule of git rebase) at this time: after the deadline.
    git(s.repo, ["rebase", "-q", "main"], { GIT_COMMITTER_DATE: "2012-04-10T09:00:00+08:00" });
    const rewritten = git(s.repo, ["rev-parse", "HEAD"]);
    const found = findings(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]));
    expect(found.find((f) => f.record === "z.conversion")).toMatchObject({ code: "recorded_after_deadline", commit: rewritten, first_committed: "2012-04-10T09:00:00" });
  });

  it("shows hostile values from the data safely in every format", () => {
    // Control characters are errors in the data (and would be refused); the rest is text to show safely.
    const hostile = "=HYPERLINK(1)|<b>**x**</b>|[a](http://x)";
    const s = newRepo({ "branches/b1/kpis.yaml": `sales:\n  - {date: 2012-02-15, product: ${JSON.stringify(hostile)}, amount: 10万}\n` });
    commitAll(s.repo, "销售", "2012-02-15T18:00:00+08:00");
    const table = channel(s, ["audit", "--as-of", "2012-03-31"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("b1.sales[2012-02-15");
    const md = channel(s, ["audit", "--as-of", "2012-03-31", "--format", "md"]);
    expect(md.stdout).toContain("b1.sales\\[2012-02-15 =HYPERLINK(1)\\|\\<b\\>");
    expect(md.stdout).not.toContain("<b>");
    expect(md.stdout).not.toContain("[a](http");
    const csv = channel(s, ["audit", "--as-of", "2012-03-31", "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).not.toMatch(/(^|,)=/m);
    expect(json(channel(s, ["audit", "--as-of", "2012-03-31", "--format", "json"])).records[0].record).toBe(`b1.sales[2012-02-15 ${hostile} 100000]`);
  });

  it("not a git work tree: a sentence, exit 2", () => {
    const dir = writeRepo({}, BASE);
    try {
      const result = runCli(["audit", "--data", dir, "--lang", "en"], { env: gitEnv(dir) });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("is not inside a git work tree");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
