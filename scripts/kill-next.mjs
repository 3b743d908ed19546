#!/usr/bin/env node
// The kill loop of issue 28: `node scripts/kill-next.mjs [--runs 300] [--bin PATH] [--seed N]`.
// Starts `channel log p-gao --next DAY` on a copy of tests/fixtures/log-basic and kills it
// (SIGKILL) at a seeded point: half at a random time within a typical run, half a random
// 0–15 ms after the first temporary file appears beside prospects.yaml (the write has begun).
// After each kill one ordinary `channel log` runs (any writer finishes an interrupted write
// first), then the pair is checked: prospects.yaml says DAY exactly when activities.yaml holds
// that call's entry. Prints the counts; exit 1 when a pair is inconsistent.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "300" }, bin: { type: "string" }, seed: { type: "string", default: "28" } } });
const BIN = opts.bin ?? path.join(ROOT, "bin", "channel");
let state = Number(opts.seed) >>> 0;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-kill-next-"));
fs.cpSync(path.join(ROOT, "tests/fixtures/log-basic"), dir, { recursive: true });
const branch = path.join(dir, "branches/b-one");
const env = { ...process.env, NO_COLOR: "1", LANG: "C" };
for (const key of Object.keys(env)) if (key.startsWith("CHANNEL_")) delete env[key];
env.CHANNEL_CACHE_DIR = path.join(dir, ".cache");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const dayOf = (i) => new Date(Date.UTC(2013, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

let killed = 0, finished = 0, inconsistent = 0, halfSeen = 0;
const typical = (() => {
  const start = performance.now();
  spawnSync(process.execPath, [BIN, "validate", "--data", dir], { env });
  return performance.now() - start;
})();
for (let i = 0; i < Number(opts.runs); i++) {
  const day = dayOf(i);
  const child = spawn(process.execPath, [BIN, "log", "p-gao", "--data", dir, "--date", "2012-03-20", "--next", day, "--note", `k${i}`], { env, stdio: "ignore" });
  let ended = false;
  const done = new Promise((resolve) => child.on("close", (code, signal) => { ended = true; resolve(signal); }));
  if (random() < 0.5) await sleep(random() * typical * 1.5);
  else {
    const deadline = performance.now() + typical * 4;
    while (!ended && performance.now() < deadline && !fs.readdirSync(branch).some((n) => n.endsWith(".tmp"))) await new Promise((r) => setImmediate(r));
    await sleep(random() * 15);
  }
  if (!ended) child.kill("SIGKILL");
  const signal = await done;
  if (signal === "SIGKILL") killed++; else finished++;
  const prospectsNow = fs.readFileSync(path.join(branch, "prospects.yaml"), "utf8");
  const activitiesNow = fs.readFileSync(path.join(branch, "activities.yaml"), "utf8");
  if (prospectsNow.includes(day) !== activitiesNow.includes(`k${i}`)) halfSeen++;
  // Any next writer: finishes (or puts back) what the killed one left.
  spawnSync(process.execPath, [BIN, "log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", `after ${i}`], { env });
  const prospects = fs.readFileSync(path.join(branch, "prospects.yaml"), "utf8");
  const activities = fs.readFileSync(path.join(branch, "activities.yaml"), "utf8");
  if (prospects.includes(day) !== activities.includes(`k${i}`)) inconsistent++;
}
console.log(JSON.stringify({ bin: BIN, runs: Number(opts.runs), killed, finished, halfStatesRightAfterKill: halfSeen, inconsistentAfterNextRun: inconsistent }));
fs.rmSync(dir, { recursive: true, force: true });
process.exit(inconsistent === 0 ? 0 : 1);
