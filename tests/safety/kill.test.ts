/**
 * Killed at any moment (SIGKILL: no handler runs), a writer leaves the target holding the old or
 * the new complete content, never a mix: `channel log` (the activities file still valid YAML
 * with the old entries, or the old entries plus the new one), `channel init` (every file absent
 * or complete) and `--out` (the old file or the whole new output). What a killed writer leaves
 * (a temporary file, a lock) is hidden from the loader and removed by the next write. The kill
 * points are seeded: half at a random time in the run, half a random few milliseconds after the
 * write begins (the lock or the temporary file appears). CHANNEL_KILL_RUNS scales the count.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { initFiles } from "../../src/cli/commands/init.js";
import { createRng } from "../../scripts/fuzz/mutate.mjs";
import { copyToTemp, DATA_EXAMPLE, FIXTURES, runCli } from "../helpers/cli.js";
import { dotFiles, sleep, startCli, type Running } from "./helpers.js";

const RUNS = Number(process.env.CHANNEL_KILL_RUNS ?? 8);
const SEED = Number(process.env.CHANNEL_KILL_SEED ?? 7);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(source: string): string {
  const dir = copyToTemp(source);
  temps.push(dir);
  return dir;
}

interface KillOutcome {
  /** The process ended by itself before the kill. */
  finished: boolean;
  /** The write had begun (its lock or temporary file existed) when it was killed. */
  midWrite: boolean;
}

/**
 * Runs `args` and kills it: after a random time within `typicalMs`, or a random 0–`windowMs`
 * after `marker()` shows the write has begun.
 */
async function killSomewhere(args: string[], rng: ReturnType<typeof createRng>, typicalMs: number, windowMs: number, marker: () => boolean): Promise<KillOutcome> {
  const run: Running = startCli(args);
  let ended = false;
  void run.done.then(() => (ended = true));
  let midWrite = false;
  if (rng.chance(0.5)) {
    await sleep(rng.next() * typicalMs);
  } else {
    const deadline = performance.now() + typicalMs * 3;
    while (!ended && performance.now() < deadline && !marker()) await new Promise((resolve) => setImmediate(resolve));
    await sleep(rng.next() * windowMs);
  }
  if (!ended) {
    midWrite = marker();
    run.child.kill("SIGKILL");
  }
  const result = await run.done;
  return { finished: result.signal === null, midWrite: midWrite && result.signal !== null };
}

describe("killed at any moment", () => {
  it(`channel log, ${RUNS} kills: the old entries, or the old entries plus the new one`, async () => {
    const dir = scratch(path.join(FIXTURES, "log-basic"));
    const rel = "branches/b-one/activities.yaml";
    const file = path.join(dir, rel);
    // A long log makes the write take long enough to be hit: 1,500 entries.
    const filler = Array.from({ length: 1500 }, (_, i) => `  - {date: 2012-01-${String((i % 28) + 1).padStart(2, "0")}, kind: call, with: [zhang-wei], note: 旧记录 ${i}}\n`).join("");
    fs.appendFileSync(file, filler);
    const parsedEntries = (text: string): unknown[] => (parse(text, { uniqueKeys: true }) as { activities: unknown[] }).activities;
    // The filler goes after the file's closing comment, at the list's indentation: still one list.
    let previous = fs.readFileSync(file, "utf8");
    expect(parsedEntries(previous).length).toBeGreaterThan(1500);

    const branchDir = path.dirname(file);
    const marker = () => fs.readdirSync(branchDir).some((n) => n.startsWith("."));
    const timing = await startCli(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "计时"]).done;
    expect(timing.code).toBe(0);
    previous = fs.readFileSync(file, "utf8");

    const rng = createRng(SEED);
    let midWrite = 0;
    let killed = 0;
    for (let k = 0; k < RUNS; k++) {
      const note = `kill ${k}`;
      const outcome = await killSomewhere(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", note], rng, timing.ms, 120, marker);
      if (!outcome.finished) killed++;
      if (outcome.midWrite) midWrite++;
      const now = fs.readFileSync(file, "utf8");
      const before = parsedEntries(previous);
      const after = parsedEntries(now);
      if (now !== previous) {
        // The new complete content: every old entry, then this one.
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.length).toBe(before.length + 1);
        expect((after[after.length - 1] as { note: string }).note).toBe(note);
      }
      previous = now;
    }
    // The next write cleans up whatever the killed ones left (temporary files, a lock).
    const last = await startCli(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "收尾"]).done;
    expect(last.code, last.stderr).toBe(0);
    expect(dotFiles(dir)).toEqual([]);
    const check = runCli(["validate", "--data", dir, "--format", "json"]);
    expect((JSON.parse(check.stdout) as { diagnostics: { file: string }[] }).diagnostics.filter((d) => d.file === rel)).toEqual([]);
    console.info(`channel log: ${RUNS} runs, ${killed} killed, ${midWrite} of them while the write was under way`);
    expect(killed).toBeGreaterThan(0);
    expect(midWrite, "no kill landed while the write was under way").toBeGreaterThan(0);
  }, 300_000);

  it(`channel init, ${RUNS} kills: every file absent or complete, and a second init completes it`, async () => {
    // The CLI runs with LANG=C: English.
    const expected = initFiles("en");
    const base = fs.mkdtempSync(path.join(path.dirname(scratch(path.join(FIXTURES, "log-basic"))), "channel-init-kill-"));
    temps.push(base);
    const timing = await startCli(["init", path.join(base, "timing")]).done;
    expect(timing.code).toBe(0);
    const rng = createRng(SEED + 1);
    let partial = 0;
    for (let k = 0; k < RUNS; k++) {
      const target = path.join(base, `repo-${k}`);
      const marker = () => fs.existsSync(target);
      await killSomewhere(["init", target], rng, timing.ms, 30, marker);
      const present = [...expected.keys()].filter((rel) => fs.existsSync(path.join(target, ...rel.split("/")))).length;
      if (present > 0 && present < expected.size) partial++;
      for (const [rel, content] of expected) {
        const abs = path.join(target, ...rel.split("/"));
        if (fs.existsSync(abs)) expect(fs.readFileSync(abs, "utf8"), rel).toBe(content);
      }
      const again = runCli(["init", target]);
      expect(again.code).toBe(0);
      for (const [rel, content] of expected) expect(fs.readFileSync(path.join(target, ...rel.split("/")), "utf8"), rel).toBe(content);
      expect(dotFiles(target)).toEqual([]);
      // The merge driver's line is whole after the second init, however the first one ended.
      expect(fs.readFileSync(path.join(target, ".gitattributes"), "utf8")).toContain("branches/**/*.yaml merge=channel\n");
    }
    console.info(`channel init: ${RUNS} runs, ${partial} killed with some files written and others not`);
  }, 300_000);

  it(`--out --force, ${RUNS} kills: the old file or the whole new output`, async () => {
    const dir = scratch(path.join(FIXTURES, "log-basic"));
    const out = path.join(dir, "out");
    fs.mkdirSync(out);
    const args = (file: string) => ["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--format", "json", "--out", file, "--force"];
    const timing = await startCli(args(path.join(out, "expected.json"))).done;
    expect(timing.code).toBe(0);
    const whole = fs.readFileSync(path.join(out, "expected.json"), "utf8");
    const target = path.join(out, "bonus.json");
    const marker = () => fs.readdirSync(out).some((n) => n.startsWith(".bonus.json."));
    const rng = createRng(SEED + 2);
    let midWrite = 0;
    for (let k = 0; k < RUNS; k++) {
      fs.writeFileSync(target, "OLD\n");
      if ((await killSomewhere(args(target), rng, timing.ms, 5, marker)).midWrite) midWrite++;
      expect(["OLD\n", whole]).toContain(fs.readFileSync(target, "utf8"));
    }
    console.info(`--out: ${RUNS} runs, ${midWrite} killed while the temporary file existed`);
    const last = await startCli(args(target)).done;
    expect(last.code).toBe(0);
    expect(fs.readFileSync(target, "utf8")).toBe(whole);
    expect(fs.readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  }, 300_000);
});
