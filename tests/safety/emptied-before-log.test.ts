/**
 * Issue 28: `log` (and `log --next`, `import --apply`) *starts* while an editor has emptied the
 * data file for an in-place save (opened with O_TRUNC, its bytes not yet written back). The
 * file git has with content is not one to append to: the write is refused with a sentence
 * (exit 2) unless --force, and once the editor writes its bytes back nothing is lost.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, FIXTURES, runCli, scratchFolders } from "../helpers/cli.js";
import { git } from "../helpers/git.js";

const REL = "branches/b-one/activities.yaml";
const folders = scratchFolders("channel-emptied-");

/** The log-basic fixture, committed in a git work tree of its own. */
function committedRepo(): string {
  const dir = folders.keep(copyToTemp(path.join(FIXTURES, "log-basic")));
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "start"]);
  return dir;
}

const logArgs = (dir: string, lang = "en", extra: string[] = []) => ["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "清空中", "--lang", lang, ...extra];

describe("a data file emptied by an editor when log starts", () => {
  it("log refuses (exit 2) and, once the editor writes its bytes back, every entry is there", () => {
    const dir = committedRepo();
    const file = path.join(dir, REL);
    const before = fs.readFileSync(file);
    // The editor: open with O_TRUNC now, write the old bytes back later through the same descriptor.
    const editor = fs.openSync(file, "w");
    try {
      const result = runCli(logArgs(dir));
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`${REL} now holds 0 bytes while git (the index or the last commit) has it with ${before.length}`);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      fs.writeSync(editor, before);
    } finally {
      fs.closeSync(editor);
    }
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it("in Chinese", () => {
    const dir = committedRepo();
    fs.truncateSync(path.join(dir, REL), 0);
    const result = runCli(logArgs(dir, "zh"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${REL} 现在只有 0 字节，而 git（暂存区或最近一次提交）里它有`);
  });

  it("a file cut to less than half of what git has is refused too; --force writes onto it", () => {
    const dir = committedRepo();
    const file = path.join(dir, REL);
    const cut = fs.readFileSync(file, "utf8");
    const more = Array.from({ length: 12 }, (_, i) => `  - {date: 2012-03-${String(i + 1).padStart(2, "0")}, kind: call, with: [zhang-wei]}\n`).join("");
    fs.writeFileSync(file, cut + more);
    git(dir, ["commit", "-q", "-am", "more"]);
    // What is left of an editor's save cut short: the first entries only.
    expect(cut.length * 2).toBeLessThan(cut.length + more.length);
    fs.writeFileSync(file, cut);
    expect(runCli(logArgs(dir)).code).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe(cut);
    const forced = runCli(logArgs(dir, "en", ["--force"]));
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toContain("清空中");
  });

  it("a file git knows that is missing is not started afresh without --force", () => {
    const dir = committedRepo();
    fs.rmSync(path.join(dir, REL));
    const result = runCli(logArgs(dir));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${REL} does not exist while git (the index or the last commit) has it`);
    expect(fs.existsSync(path.join(dir, REL))).toBe(false);
  });

  it("log --next: refused, prospects.yaml untouched", () => {
    const dir = committedRepo();
    const prospects = path.join(dir, "branches/b-one/prospects.yaml");
    const prospectsBefore = fs.readFileSync(prospects, "utf8");
    fs.truncateSync(path.join(dir, REL), 0);
    const result = runCli(["log", "p-gao", "--data", dir, "--date", "2012-03-20", "--next", "2012-04-01", "--lang", "en"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${REL} now holds 0 bytes`);
    expect(fs.readFileSync(prospects, "utf8")).toBe(prospectsBefore);
  });

  it("import --apply: refused", () => {
    const dir = committedRepo();
    fs.truncateSync(path.join(dir, REL), 0);
    const csv = path.join(dir, "联络.csv");
    fs.writeFileSync(csv, "日期,方式,对象,经办人,说明\n2012/3/21,拜访,zhang-wei,孙磊,送资料\n");
    const result = runCli(["import", "activities", "--branch", "b-one", "--from", csv, "--data", dir, "--apply", "--lang", "en"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${REL} now holds 0 bytes`);
    expect(fs.readFileSync(path.join(dir, REL), "utf8")).toBe("");
  });

  it("an ordinary log into a committed file still writes (git is asked, and agrees)", () => {
    const dir = committedRepo();
    const result = runCli(logArgs(dir));
    expect(result.code, result.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, REL), "utf8")).toContain("清空中");
  });
});
