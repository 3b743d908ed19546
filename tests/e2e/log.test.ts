/**
 * `channel log` as a user runs it: the entry lands in the right branch's activities.yaml with
 * the rest of the file untouched, `followups` then drops the item, and every refusal leaves the
 * repository as it was.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyToTemp, DATA_EXAMPLE, FIXTURES, runCli, snapshot } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(source?: string): string {
  const dir = copyToTemp(source);
  temps.push(dir);
  return dir;
}

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), "utf8");
}


function followupItems(dir: string, asOf: string): { kind: string; person: string | null; branch: string | null; due: string }[] {
  const result = runCli(["followups", "--data", dir, "--as-of", asOf, "--format", "json"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).items;
}

describe("channel log on data-example", () => {
  it("appends a call to the person's branch, and followups no longer lists the contact", () => {
    const dir = scratch();
    const rel = "branches/cmb-futian-center/activities.yaml";
    const before = read(dir, rel);
    expect(followupItems(dir, "2012-03-20").some((i) => i.kind === "contact" && i.person === "wang-fang")).toBe(true);

    const result = runCli(["log", "wang-fang", "--data", dir, "--date", "2012-03-20", "--note", "约了周五喝茶, 顺便问基金"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(rel);
    expect(result.stdout).toContain("wang-fang");

    const after = read(dir, rel);
    expect(after.startsWith(before)).toBe(true);
    const added = after.slice(before.length).split("\n").filter((l) => l !== "");
    expect(added).toHaveLength(1);
    const entries = (parse(after) as { activities: Record<string, unknown>[] }).activities;
    // by: the branch names no owner, so the department's specialist.
    expect(entries[entries.length - 1]).toEqual({ date: "2012-03-20", kind: "call", with: ["wang-fang"], by: "李娜", note: "约了周五喝茶, 顺便问基金" });

    expect(followupItems(dir, "2012-03-20").some((i) => i.kind === "contact" && i.person === "wang-fang")).toBe(false);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("logs a report for a branch, keeping the file's leading comment, and clears leader_report", () => {
    const dir = scratch();
    const rel = "branches/cmb-shekou/activities.yaml";
    const before = read(dir, rel);
    expect(before.startsWith("# ")).toBe(true);
    const result = runCli(["log", "--branch", "cmb-shekou", "--kind", "report", "--note", "二月统计表", "--data", dir, "--date", "2012-03-20"]);
    expect(result.code).toBe(0);
    const after = read(dir, rel);
    expect(after.startsWith(before)).toBe(true);
    const entries = (parse(after) as { activities: Record<string, unknown>[] }).activities;
    expect(entries[entries.length - 1]).toEqual({ date: "2012-03-20", kind: "report", by: "许文", note: "二月统计表" });
    expect(followupItems(dir, "2012-03-20").some((i) => i.kind === "leader_report" && i.branch === "cmb-shekou")).toBe(false);
  });

  it("takes a unique Chinese name instead of the id, and --by", () => {
    const dir = scratch();
    const result = runCli(["log", "冯志远", "--kind", "visit", "--by", "吴婷", "--data", dir, "--date", "2012-03-20"]);
    expect(result.code).toBe(0);
    const entries = (parse(read(dir, "branches/cmb-xiangmihu/activities.yaml")) as { activities: Record<string, unknown>[] }).activities;
    expect(entries[entries.length - 1]).toMatchObject({ kind: "visit", with: ["feng-zhiyuan"], by: "吴婷" });
  });

  // A contact without a done list closes a follow-up from its day on (陈先生's is 03-22): a call
  // two days early may have been about anything else.
  it("clears a prospect follow-up only when the contact says so (--done), never by a plain contact (v3)", () => {
    const dir = scratch();
    const open = (asOf: string) => followupItems(dir, asOf).some((i) => i.kind === "prospect_followup" && i.person === "p-chen-001");
    expect(open("2012-03-22")).toBe(true);
    expect(runCli(["log", "p-chen-001", "--data", dir, "--date", "2012-03-20"]).code).toBe(0);
    expect(open("2012-03-22")).toBe(true);
    expect(runCli(["log", "p-chen-001", "--data", dir, "--date", "2012-03-22"]).code).toBe(0);
    expect(open("2012-03-22")).toBe(true);
    expect(runCli(["log", "p-chen-001", "--data", dir, "--date", "2012-03-22", "--done", "客户跟进"]).code).toBe(0);
    expect(open("2012-03-22")).toBe(false);
  });
});

describe("channel log refuses, leaving the repository as it was", () => {
  const dir = scratch();
  const untouched = snapshot(dir);

  it("an unknown person (exit 1), suggesting the nearest id", () => {
    const result = runCli(["log", "wang-fnag", "--data", dir, "--date", "2012-03-20"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("wang-fang");
    expect(result.stdout).toBe("");
  });

  it("an unknown name (exit 1), suggesting the nearest name", () => {
    const result = runCli(["log", "王方", "--data", dir, "--date", "2012-03-20"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("王芳");
  });

  it("a day after today without --plan (exit 2), suggesting --plan", () => {
    const result = runCli(["log", "wang-fang", "--data", dir, "--date", "2100-12-31", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--plan");
  });

  it("people of different branches in one entry (exit 1)", () => {
    expect(runCli(["log", "wang-fang", "tian-yu", "--data", dir, "--date", "2012-03-20"]).code).toBe(1);
  });

  it("a person and a --branch that disagree (exit 1)", () => {
    expect(runCli(["log", "wang-fang", "--branch", "cmb-shekou", "--data", dir, "--date", "2012-03-20"]).code).toBe(1);
  });

  it("usage errors (exit 2): no one named, a bad kind, a bad date, an empty note", () => {
    for (const args of [[], ["wang-fang", "--kind", "phone"], ["wang-fang", "--date", "2012-02-30"], ["wang-fang", "--note", " "]]) {
      expect(runCli(["log", ...args, "--data", dir]).code, args.join(" ")).toBe(2);
    }
  });

  it("and nothing was written by any of them", () => {
    expect(snapshot(dir)).toEqual(untouched);
  });

  it("and data-example itself is never touched by these tests", () => {
    expect(fs.existsSync(path.join(DATA_EXAMPLE, "channel.yaml"))).toBe(true);
  });
});

describe("channel log on a small repository", () => {
  const source = path.join(FIXTURES, "log-basic");

  it("keeps a block-style file's comments and blank lines, adding a block entry", () => {
    const dir = scratch(source);
    const rel = "branches/b-one/activities.yaml";
    const before = read(dir, rel);
    const result = runCli(["log", "li-ming", "--kind", "meal", "--data", dir, "--date", "2012-03-19"]);
    expect(result.code).toBe(0);
    const after = read(dir, rel);
    const trailer = "# 文件末尾的注释要保留\n";
    expect(before.endsWith(trailer)).toBe(true);
    const head = before.slice(0, -trailer.length);
    expect(after.startsWith(head)).toBe(true);
    expect(after.endsWith(trailer)).toBe(true);
    expect(after.slice(head.length, -trailer.length)).toBe("  - date: 2012-03-19\n    kind: meal\n    with: [li-ming]\n    by: 孙磊\n");
    expect(runCli(["validate", "--data", dir]).code).toBe(1); // only b-bad's old error
  });

  it("creates activities.yaml when the branch has none", () => {
    const dir = scratch(source);
    const rel = "branches/b-two/activities.yaml";
    expect(fs.existsSync(path.join(dir, rel))).toBe(false);
    const result = runCli(["log", "wu-fang", "--data", dir, "--date", "2012-03-19"]);
    expect(result.code).toBe(0);
    expect(parse(read(dir, rel))).toEqual({ activities: [{ date: "2012-03-19", kind: "call", with: ["wu-fang"], by: "李娜" }] });
  });

  it("refuses a name two people share (exit 1), naming both ids", () => {
    const dir = scratch(source);
    const result = runCli(["log", "张伟", "--data", dir, "--date", "2012-03-19"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("zhang-wei");
    expect(result.stderr).toContain("zhang-wei-2");
  });

  it("--branch narrows a name two branches share to the one at that branch (issue 23)", () => {
    const dir = scratch(source);
    const result = runCli(["log", "张伟", "--branch", "b-two", "--data", dir, "--date", "2012-03-19"]);
    expect(result.code, result.stderr).toBe(0);
    expect((parse(read(dir, "branches/b-two/activities.yaml")) as { activities: { with: string[] }[] }).activities[0]!.with).toEqual(["zhang-wei-2"]);
    const other = runCli(["log", "张伟", "--branch", "b-one", "--data", dir, "--date", "2012-03-19"]);
    expect(other.code, other.stderr).toBe(0);
    const entries = (parse(read(dir, "branches/b-one/activities.yaml")) as { activities: { with?: string[] }[] }).activities;
    expect(entries[entries.length - 1]!.with).toEqual(["zhang-wei"]);
    // A name not at that branch still says where the person is.
    const elsewhere = runCli(["log", "吴芳", "--branch", "b-one", "--data", dir, "--date", "2012-03-19"]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("b-two");
  });

  it("--plan and a future --date compare with --as-of, not the computer's clock (issue 23)", () => {
    const dir = scratch(source);
    // As of 2012-03-19, 03-20 is a plan; the clock (years later) would have refused --plan.
    const planned = runCli(["log", "zhang-wei", "--plan", "--kind", "event", "--date", "2012-03-20", "--as-of", "2012-03-19", "--data", dir]);
    expect(planned.code, planned.stderr).toBe(0);
    const refused = runCli(["log", "zhang-wei", "--date", "2012-03-20", "--as-of", "2012-03-19", "--data", dir, "--lang", "en"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--plan");
    expect(runCli(["log", "zhang-wei", "--plan", "--date", "2012-03-19", "--as-of", "2012-03-19", "--data", dir]).code).toBe(2);
  });

  it("refuses to write into an activities.yaml that has errors now (exit 1)", () => {
    const dir = scratch(source);
    const rel = "branches/b-bad/activities.yaml";
    const before = read(dir, rel);
    const result = runCli(["log", "chen-hao", "--data", dir, "--date", "2012-03-19"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(rel);
    expect(read(dir, rel)).toBe(before);
  });

  it("writes through an activities.yaml that is a link to a file inside the repository, and the link stays a link", () => {
    const dir = scratch(source);
    const rel = "branches/b-one/activities.yaml";
    const shared = path.join(dir, "shared", "b-one-activities.yaml");
    fs.mkdirSync(path.dirname(shared));
    fs.renameSync(path.join(dir, rel), shared);
    fs.symlinkSync("../../shared/b-one-activities.yaml", path.join(dir, rel));
    const before = fs.readFileSync(shared, "utf8");
    const result = runCli(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "经由链接"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.lstatSync(path.join(dir, rel)).isSymbolicLink()).toBe(true);
    const after = fs.readFileSync(shared, "utf8");
    expect(after).not.toBe(before);
    const entries = (parse(after) as { activities: { note?: string }[] }).activities;
    expect(entries[entries.length - 1]!.note).toBe("经由链接");
    expect(fs.readdirSync(path.dirname(shared))).toEqual(["b-one-activities.yaml"]);
  });

  it("refuses an activities.yaml that is a link to outside the repository, writing nothing there", () => {
    const dir = scratch(source);
    const rel = "branches/b-one/activities.yaml";
    const outsideDir = fs.mkdtempSync(path.join(path.dirname(dir), "channel-outside-"));
    temps.push(outsideDir);
    const outside = path.join(outsideDir, "activities.yaml");
    fs.renameSync(path.join(dir, rel), outside);
    fs.symlinkSync(outside, path.join(dir, rel));
    const before = fs.readFileSync(outside, "utf8");
    const result = runCli(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(rel);
    expect(fs.readFileSync(outside, "utf8")).toBe(before);
    expect(fs.lstatSync(path.join(dir, rel)).isSymbolicLink()).toBe(true);
  });

  it("writes notes YAML would misread (..., ---, a long note whose next line is indented) so that they read back", () => {
    const dir = scratch(source);
    const rel = "branches/b-one/activities.yaml";
    const long = `${"客户说这只基金今年的回撤太大，".repeat(10)}\n  下一行缩进：下个月再谈\n最后一行`;
    for (const note of ["...", "---", long]) {
      const result = runCli(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", `--note=${note}`, "--lang", "en"]);
      expect(result.code, result.stderr).toBe(0);
      const entries = (parse(read(dir, rel)) as { activities: { note?: string }[] }).activities;
      expect(entries[entries.length - 1]!.note).toBe(note);
    }
    const check = JSON.parse(runCli(["validate", "--data", dir, "--format", "json"]).stdout) as { diagnostics: { file: string }[] };
    expect(check.diagnostics.filter((d) => d.file === rel)).toEqual([]);
  });

  it("the logged contact on the agreed day, with --done, clears the prospect follow-up in followups", () => {
    const dir = scratch(source);
    const listed = () => runCli(["followups", "--data", dir, "--as-of", "2012-03-22", "--format", "json"]);
    const had = JSON.parse(listed().stdout).items as { kind: string; person: string | null }[];
    expect(had.some((i) => i.kind === "prospect_followup" && i.person === "p-gao")).toBe(true);
    expect(runCli(["log", "高先生", "--data", dir, "--date", "2012-03-22", "--done", "prospect_followup"]).code).toBe(0);
    const now = JSON.parse(listed().stdout).items as { kind: string; person: string | null }[];
    expect(now.some((i) => i.kind === "prospect_followup" && i.person === "p-gao")).toBe(false);
  });
});
