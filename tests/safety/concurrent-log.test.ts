/**
 * Twenty `channel log` calls on one branch at the same moment leave exactly twenty new entries,
 * and ten `import --apply` calls ten imported rows, the file still valid and no lock or
 * temporary file behind: the lock makes the read-check-write of each call wait for the one
 * before. CHANNEL_SAFETY_ROUNDS repeats it (default 2 rounds).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyToTemp, FIXTURES, runCli } from "../helpers/cli.js";
import { dotFiles, startCli } from "./helpers.js";

const ROUNDS = Number(process.env.CHANNEL_SAFETY_ROUNDS ?? 2);
const WRITERS = 20;
const REL = "branches/b-one/activities.yaml";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function entries(dir: string): { note?: string }[] {
  return (parse(fs.readFileSync(path.join(dir, REL), "utf8")) as { activities: { note?: string }[] }).activities;
}

describe(`${WRITERS} concurrent channel log calls on one branch`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: exactly ${WRITERS} new entries, the file valid, nothing left behind`, async () => {
      const dir = copyToTemp(path.join(FIXTURES, "log-basic"));
      temps.push(dir);
      const before = entries(dir);
      const runs = Array.from({ length: WRITERS }, (_, i) =>
        startCli(["log", i % 2 === 0 ? "zhang-wei" : "li-ming", "--data", dir, "--date", "2012-03-20", "--note", `并发 ${round}-${i}`, "--lang", "en"]),
      );
      const results = await Promise.all(runs.map((r) => r.done));
      expect(results.map((r, i) => (r.code === 0 ? "ok" : `writer ${i}: exit ${r.code} ${r.signal ?? ""} ${r.stderr}`))).toEqual(Array(WRITERS).fill("ok"));

      const after = entries(dir);
      expect(after.length).toBe(before.length + WRITERS);
      expect(after.slice(0, before.length)).toEqual(before);
      const notes = after.slice(before.length).map((e) => e.note).sort();
      expect(notes).toEqual(Array.from({ length: WRITERS }, (_, i) => `并发 ${round}-${i}`).sort());

      const check = runCli(["validate", "--data", dir, "--format", "json"]);
      const diagnostics = (JSON.parse(check.stdout) as { diagnostics: { file: string }[] }).diagnostics;
      expect(diagnostics.filter((d) => d.file === REL)).toEqual([]);
      expect(dotFiles(dir)).toEqual([]);
    }, 180_000);
  }
});

const IMPORTS = 10;

describe(`${IMPORTS} concurrent channel import --apply calls on one branch`, () => {
  it(`every one waits its turn: exactly ${IMPORTS} new entries, nothing left behind`, async () => {
    const dir = copyToTemp(path.join(FIXTURES, "log-basic"));
    temps.push(dir);
    const before = entries(dir);
    const sheets = Array.from({ length: IMPORTS }, (_, i) => {
      const csv = path.join(dir, `联络-${i}.csv`);
      fs.writeFileSync(csv, `日期,方式,对象,经办人,说明\n2012/3/${i + 1},拜访,zhang-wei,孙磊,导入 ${i}\n`);
      return csv;
    });
    const runs = sheets.map((csv) => startCli(["import", "activities", "--branch", "b-one", "--from", csv, "--data", dir, "--apply", "--lang", "en"]));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r, i) => (r.code === 0 ? "ok" : `import ${i}: exit ${r.code} ${r.signal ?? ""} ${r.stderr}`))).toEqual(Array(IMPORTS).fill("ok"));
    const after = entries(dir);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => e.note).sort()).toEqual(Array.from({ length: IMPORTS }, (_, i) => `导入 ${i}`).sort());
    for (const csv of sheets) fs.rmSync(csv);
    expect(dotFiles(dir)).toEqual([]);
  }, 180_000);
});

// Issue 25: `channel add` takes the same lock.
const ADDS = 8;

describe(`${ADDS} concurrent channel add calls on one branch`, () => {
  it(`every one waits its turn: ${ADDS} new prospects with distinct ids, the file valid, nothing left behind`, async () => {
    const dir = copyToTemp(path.join(FIXTURES, "log-basic"));
    temps.push(dir);
    const file = path.join(dir, "branches/b-one/prospects.yaml");
    const read = () => (fs.existsSync(file) ? ((parse(fs.readFileSync(file, "utf8")) as { prospects?: { id: string; name: string }[] }).prospects ?? []) : []);
    const before = read();
    const runs = Array.from({ length: ADDS }, (_, i) => startCli(["add", "prospect", `王${"一二三四五六七八"[i]}`, "--branch", "b-one", "--data", dir, "--as-of", "2012-03-20", "--lang", "en"]));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r, i) => (r.code === 0 ? "ok" : `adder ${i}: exit ${r.code} ${r.signal ?? ""} ${r.stderr}`))).toEqual(Array(ADDS).fill("ok"));
    const after = read();
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added).toHaveLength(ADDS);
    expect(new Set(added.map((p) => p.id)).size).toBe(ADDS);
    expect(added.map((p) => p.id).sort()).toEqual(results.map((r) => r.stdout.trim()).sort());
    const check = runCli(["validate", "--data", dir, "--format", "json"]);
    const diagnostics = (JSON.parse(check.stdout) as { diagnostics: { file: string }[] }).diagnostics;
    expect(diagnostics.filter((d) => d.file === "branches/b-one/prospects.yaml")).toEqual([]);
    expect(dotFiles(dir)).toEqual([]);
  }, 180_000);
});
