/**
 * Another program changes the data file after `channel log` or `import --apply` has read and
 * checked it, before the write: an editor half-way through an in-place save (the file emptied,
 * not yet written back), an editor's rename-style save, a link pointed elsewhere. Each time the
 * write is refused with a sentence and exit 2, and the file is exactly as the other program
 * left it. The CLI is stopped at that point by its test hook (see runPausedBeforeWrite), so the
 * race is the same on every run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, FIXTURES, scratchFolders } from "../helpers/cli.js";
import { dotFiles, runPausedBeforeWrite } from "./helpers.js";

const REL = "branches/b-one/activities.yaml";

const folders = scratchFolders("channel-race-");
const scratch = (): string => folders.keep(copyToTemp(path.join(FIXTURES, "log-basic")));

const logArgs = (dir: string, lang = "en") => ["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "竞态", "--lang", lang];

describe("the data file changes between the load and the write", () => {
  it("log: emptied by an editor half-way through a save — refused (exit 2), the file left as the editor has it", async () => {
    const dir = scratch();
    const file = path.join(dir, REL);
    const result = await runPausedBeforeWrite(logArgs(dir), () => fs.truncateSync(file, 0));
    expect(result.paused).toBe(true);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${REL} changed after channel read and checked it`);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    // Untouched: the editor writes its save back, and nothing of it is lost.
    expect(fs.readFileSync(file, "utf8")).toBe("");
    expect(dotFiles(dir)).toEqual([]);
  });

  it("log: the message in Chinese", async () => {
    const dir = scratch();
    const file = path.join(dir, REL);
    const result = await runPausedBeforeWrite(logArgs(dir, "zh"), () => fs.truncateSync(file, 0));
    expect(result.paused).toBe(true);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${REL} 在 channel 读取并检查之后被其他程序改动了`);
  });

  it("log: an editor's rename-style save lands — refused (exit 2), the save kept", async () => {
    const dir = scratch();
    const file = path.join(dir, REL);
    const editorSave = fs.readFileSync(file, "utf8").replace("一月统计表", "一月统计表（已改）");
    const result = await runPausedBeforeWrite(logArgs(dir), () => {
      fs.writeFileSync(`${file}.editor`, editorSave);
      fs.renameSync(`${file}.editor`, file);
    });
    expect(result.paused).toBe(true);
    expect(result.code, result.stderr).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe(editorSave);
    expect(dotFiles(dir)).toEqual([]);
  });

  it("log: a new activities.yaml created meanwhile by someone else — refused, theirs kept", async () => {
    const dir = scratch();
    const file = path.join(dir, "branches/b-two/activities.yaml");
    const theirs = "activities:\n  - {date: 2012-03-01, kind: call, with: [wu-fang]}\n";
    const result = await runPausedBeforeWrite(["log", "wu-fang", "--data", dir, "--date", "2012-03-20", "--lang", "en"], () => fs.writeFileSync(file, theirs));
    expect(result.paused).toBe(true);
    expect(result.code, result.stderr).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe(theirs);
  });

  it("import --apply: emptied by an editor — refused (exit 2), the file left as the editor has it", async () => {
    const dir = scratch();
    const file = path.join(dir, REL);
    const csv = path.join(dir, "联络.csv");
    fs.writeFileSync(csv, "日期,方式,对象,经办人,说明\n2012/3/21,拜访,zhang-wei,孙磊,送资料\n");
    const result = await runPausedBeforeWrite(["import", "activities", "--branch", "b-one", "--from", csv, "--data", dir, "--apply", "--lang", "en"], () => fs.truncateSync(file, 0));
    expect(result.paused).toBe(true);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${REL} changed after channel read and checked it`);
    expect(fs.readFileSync(file, "utf8")).toBe("");
  });

  it("log: the link activities.yaml pointed outside the repository meanwhile — refused (exit 2), nothing written there", async () => {
    const dir = scratch();
    const file = path.join(dir, REL);
    const inside = path.join(dir, "shared-activities.yaml");
    fs.renameSync(file, inside);
    fs.symlinkSync("../../shared-activities.yaml", file);
    const outsideDir = folders.dir();
    const outside = path.join(outsideDir, "activities.yaml");
    fs.copyFileSync(inside, outside);
    const outsideBefore = fs.readFileSync(outside, "utf8");
    const result = await runPausedBeforeWrite(logArgs(dir), () => {
      fs.rmSync(file);
      fs.symlinkSync(outside, file);
    });
    expect(result.paused).toBe(true);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("outside the repository");
    expect(fs.readFileSync(outside, "utf8")).toBe(outsideBefore);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(outsideDir)).toEqual(["activities.yaml"]);
  });
});
