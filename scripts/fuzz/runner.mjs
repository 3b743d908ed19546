// The driver of the fuzzer (issue 7): makes mutants, runs the built CLI on each — mostly
// in-process in worker threads (fast, and a worker that does not answer in time is terminated,
// so a hang is caught and bounded), some through the real binary `bin/channel` (a spawned
// process with a timeout) — checks every run, and saves a failing mutant as a regression
// fixture. Used by scripts/fuzz.mjs and tests/fuzz/fuzz.test.ts.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { gunzipSync, gzipSync } from "node:zlib";
import { checkRun, commandRuns, COMMANDS } from "./check.mjs";
import { createRng, loadCorpus, makeMutant, mutantSeed, readTree, writeMutant } from "./mutate.mjs";

export { COMMANDS };

/** The clock of in-process runs: a fixed morning, so that `today` never depends on when the fuzzer runs. */
const NOW = "2012-03-31T02:00:00.000Z";
/** Files over this size are stored gzipped in a regression fixture. */
const GZIP_OVER = 64 * 1024;

// ------------------------------------------------------------------------------------------
// Running the CLI

class WorkerPool {
  constructor(size, cliModule) {
    this.cliModule = cliModule;
    this.idle = [];
    this.waiters = [];
    this.starting = [];
    for (let i = 0; i < size; i++) this.starting.push(this.spawnWorker());
  }

  spawnWorker() {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./worker.mjs", import.meta.url), {
        workerData: { cliModule: this.cliModule },
        // A stack no deeper than the main thread's (about 1 MB), so that a recursion the real
        // CLI cannot survive is not hidden by a worker's larger default stack.
        resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 3072 },
        stdout: true,
        stderr: true,
      });
      // Whatever leaks past `surroundings` (console.log, process.emitWarning) is captured too.
      worker.leaked = [];
      worker.stdout.on("data", (chunk) => worker.leaked.push(String(chunk)));
      worker.stderr.on("data", (chunk) => worker.leaked.push(String(chunk)));
      const onReady = (message) => {
        if (message && message.ready) {
          worker.off("message", onReady);
          this.release(worker);
          resolve();
        }
      };
      worker.on("message", onReady);
      worker.once("error", reject);
    });
  }

  async ready() {
    await Promise.all(this.starting);
  }

  release(worker) {
    const waiter = this.waiters.shift();
    if (waiter) waiter(worker);
    else this.idle.push(worker);
  }

  acquire() {
    const worker = this.idle.shift();
    return worker ? Promise.resolve(worker) : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs one command line; resolves with {code, stdout, stderr, ms} or {timedOut} / {crashed}. */
  async run(job, timeoutMs) {
    const worker = await this.acquire();
    worker.leaked.length = 0;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result, healthy) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (healthy) {
          // Let stray output written during the run arrive before it is judged.
          setImmediate(() => {
            const leaked = worker.leaked.join("");
            this.release(worker);
            resolve(leaked === "" ? result : { ...result, stderr: `${result.stderr ?? ""}${leaked}` });
          });
        } else {
          worker.terminate().catch(() => undefined);
          this.spawnWorker().catch(() => undefined);
          resolve(result);
        }
      };
      const onMessage = (message) => finish(message, true);
      const onError = (error) => finish({ crashed: `uncaught in the worker: ${error && error.message}`, stderr: "" }, false);
      const onExit = (exitCode) => finish({ crashed: `worker exited (${exitCode})`, stderr: "" }, false);
      const timer = setTimeout(() => finish({ timedOut: true, timeoutMs, stderr: "" }, false), timeoutMs);
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage(job);
    });
  }

  async close() {
    await this.ready().catch(() => undefined);
    await Promise.all(this.idle.map((w) => w.terminate()));
    this.idle = [];
  }
}

/** Runs `bin/channel` as a separate process, killed after `timeoutMs`. */
function spawnCli(bin, argv, { env, cwd, timeoutMs }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...argv], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ crashed: `cannot spawn: ${error.message}`, stderr: "" });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), ms: performance.now() - started };
      if (timedOut) resolve({ ...result, timedOut: true, timeoutMs });
      else if (signal) resolve({ ...result, crashed: `killed by ${signal}` });
      else resolve(result);
    });
  });
}

/** One command line on one repository, in-process or through the binary; the result and what is wrong with it. */
async function execute(ctx, run, dir, cacheDir, viaBinary) {
  const argv = [...run.argv, "--data", dir, ...(run.cache ? [] : ["--no-cache"])];
  const env = { NO_COLOR: "1", LANG: "C", CHANNEL_CACHE_DIR: cacheDir };
  let result;
  if (viaBinary) {
    result = await spawnCli(ctx.bin, argv, { env: { ...env, PATH: process.env.PATH ?? "", HOME: cacheDir }, cwd: dir, timeoutMs: ctx.spawnTimeoutMs });
  } else {
    result = await ctx.pool.run({ id: ctx.jobs++, argv, env, cwd: dir, now: NOW }, ctx.timeoutMs);
  }
  let failures;
  try {
    failures = checkRun(run, result, dir);
  } catch (error) {
    failures = [`the fuzzer's own check failed: ${error instanceof Error ? error.message : String(error)}`];
  }
  return { result, failures, via: viaBinary ? "binary" : "in-process" };
}

// ------------------------------------------------------------------------------------------
// Fuzzing

/**
 * Runs `runs` mutants. Options: projectRoot, runs, seed, commands (subset of COMMANDS), mode
 * ("all": every command on each mutant; "sample": validate plus one other command), spawnEvery
 * (every Nth run goes through the binary; 0 never), workers, timeoutMs, saveDir (null: keep
 * nothing), only (a single mutant index, for replaying), log (progress lines), verbose.
 */
export async function runFuzz(options) {
  const projectRoot = options.projectRoot;
  const cliModule = new URL(`file://${path.join(projectRoot, "dist", "channel.cjs")}`).href;
  if (!fs.existsSync(path.join(projectRoot, "dist", "channel.cjs"))) throw new Error("dist/channel.cjs is missing: run `npm run build` first");
  const workers = options.workers ?? Math.max(1, Math.min(4, os.availableParallelism()));
  const ctx = {
    bin: path.join(projectRoot, "bin", "channel"),
    pool: new WorkerPool(workers, cliModule),
    jobs: 0,
    timeoutMs: options.timeoutMs ?? 30_000,
    spawnTimeoutMs: options.spawnTimeoutMs ?? Math.max(options.timeoutMs ?? 30_000, 60_000),
  };
  await ctx.pool.ready();
  const corpus = loadCorpus(projectRoot);
  const commands = options.commands ?? COMMANDS;
  const mode = options.mode ?? "all";
  const seed = options.seed >>> 0;
  const spawnEvery = options.spawnEvery ?? 50;
  const log = options.log ?? (() => undefined);
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "channel-fuzz-"));
  // Interrupted (Ctrl-C, kill): the mutants written so far go too.
  const onSignal = (signal) => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const stats = {
    seed,
    mutants: 0,
    runsPerCommand: Object.fromEntries(commands.map((c) => [c, 0])),
    mutantsPerCommand: Object.fromEntries(commands.map((c) => [c, 0])),
    inProcess: 0,
    binary: 0,
    exitCodes: { 0: 0, 1: 0, 2: 0 },
    exitCodesPerCommand: {},
    conflictMutants: 0,
    failures: [],
    slowest: [],
  };
  let spawnCounter = 0;
  const started = Date.now();
  let lastLog = started;
  const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.runs }, (_, i) => i);
  let cursor = 0;

  const fuzzOne = async (index) => {
    const rng = createRng(mutantSeed(seed, index));
    const base = rng.chance(0.5) ? corpus[0] : rng.pick(corpus);
    const mutant = makeMutant(rng, base);
    const useCache = rng.chance(0.3);
    const chosen = mode === "all" ? commands : sampleCommands(rng, commands);
    const runs = chosen.flatMap((command) => commandRuns(rng, command, base).map((run) => ({ ...run, cache: useCache })));
    const dir = path.join(tmpRoot, `m${index}`);
    const cacheDir = path.join(tmpRoot, `m${index}.cache`);
    fs.mkdirSync(dir);
    writeMutant(dir, base, mutant.changes);
    if (mutant.conflict) stats.conflictMutants++;
    if (options.verbose) log(`mutant ${index} of ${base.name}:\n  ${mutant.ops.join("\n  ")}`);
    const failed = [];
    for (const run of runs) {
      const viaBinary = spawnEvery > 0 && (spawnCounter++ % spawnEvery === spawnEvery - 1 || (mutant.heavy && rng.chance(0.3)));
      const { result, failures, via } = await execute(ctx, run, dir, cacheDir, viaBinary);
      stats.runsPerCommand[run.command]++;
      if (via === "binary") stats.binary++;
      else stats.inProcess++;
      if (result.code in stats.exitCodes) stats.exitCodes[result.code]++;
      const perCommand = (stats.exitCodesPerCommand[run.command] ??= { 0: 0, 1: 0, 2: 0 });
      if (result.code in perCommand) perCommand[result.code]++;
      if (typeof result.ms === "number") noteSlow(stats.slowest, { ms: Math.round(result.ms), index, argv: run.argv.join(" "), via });
      if (options.verbose) log(`  ${via} ${run.argv.join(" ")} → ${result.timedOut ? "timeout" : result.crashed ?? result.code}${failures.length ? `\n    FAIL: ${failures.join("\n    FAIL: ")}` : ""}\n${indent((result.stderr ?? "").slice(0, 2000))}`);
      if (failures.length > 0) failed.push({ command: run.command, argv: run.argv, cache: run.cache, via, failures, code: result.code ?? null, stderr: (result.stderr ?? "").slice(0, 4000) });
    }
    for (const command of new Set(runs.map((r) => r.command))) stats.mutantsPerCommand[command]++;
    stats.mutants++;
    if (failed.length > 0 || options.keepMutant) {
      const failure = { seed, index, base: base.name, ops: mutant.ops, runs: failed };
      if (options.saveDir) failure.savedAs = saveRegression(options.saveDir, dir, failure, runs);
      if (failed.length > 0) stats.failures.push(failure);
      log(`${failed.length > 0 ? "FAIL" : "kept"} mutant ${index} (${base.name}): ${failed.map((f) => `${f.argv.join(" ")} [${f.via}]: ${f.failures.join("; ")}`).join(" | ")}${failure.savedAs ? `\n  saved as ${failure.savedAs}` : ""}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`… ${stats.mutants}/${indexes.length} mutants, ${stats.failures.length} failing, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };

  const lane = async () => {
    while (cursor < indexes.length) {
      const index = indexes[cursor++];
      await fuzzOne(index);
      if (options.maxFailures !== undefined && stats.failures.length >= options.maxFailures) cursor = indexes.length;
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await ctx.pool.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  stats.seconds = Math.round((Date.now() - started) / 1000);
  return stats;
}

/** validate, and one other command taken in turn: the mix the test suite runs. */
function sampleCommands(rng, commands) {
  const others = commands.filter((c) => c !== "validate");
  const picked = commands.includes("validate") ? ["validate"] : [];
  if (others.length > 0) picked.push(rng.pick(others));
  return picked;
}

function noteSlow(list, entry) {
  list.push(entry);
  list.sort((a, b) => b.ms - a.ms);
  list.length = Math.min(list.length, 5);
}

function indent(text) {
  return text === "" ? "" : text.replace(/^/gm, "      ");
}

// ------------------------------------------------------------------------------------------
// Regression fixtures

/** Copies a failing mutant to `saveDir/<name>/repo` with a case.json and a note; returns the name. */
function saveRegression(saveDir, dir, failure, runs) {
  const name = `s${failure.seed}-m${failure.index}-${failure.runs[0]?.command ?? runs[0]?.command ?? "all"}`;
  const target = path.join(saveDir, name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.join(target, "repo"), { recursive: true });
  const gzipped = [];
  const copy = (rel) => {
    const abs = path.join(dir, ...rel.split("/"));
    const entries = fs.readdirSync(abs, { withFileTypes: true });
    // git keeps no empty folder (a data file replaced by a folder): leave a marker in it.
    if (rel !== "" && entries.length === 0) fs.writeFileSync(path.join(target, "repo", ...rel.split("/"), ".fuzz-keep"), "");
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const dest = path.join(target, "repo", ...child.split("/"));
      if (entry.isDirectory()) {
        fs.mkdirSync(dest, { recursive: true });
        copy(child);
      } else {
        const bytes = fs.readFileSync(path.join(dir, ...child.split("/")));
        if (bytes.length > GZIP_OVER) {
          fs.writeFileSync(`${dest}.gz`, gzipSync(bytes, { level: 9 }));
          gzipped.push(child);
        } else fs.writeFileSync(dest, bytes);
      }
    }
  };
  copy("");
  const record = {
    found: new Date().toISOString().slice(0, 10),
    seed: failure.seed,
    index: failure.index,
    base: failure.base,
    ops: failure.ops,
    gzipped,
    runs: runs.map((r) => ({ command: r.command, argv: r.argv, cache: r.cache })),
    failures: failure.runs.map((r) => ({ argv: r.argv, via: r.via, code: r.code, failures: r.failures, stderr: r.stderr.slice(0, 1000) })),
  };
  fs.writeFileSync(path.join(target, "case.json"), JSON.stringify(record, null, 2) + "\n");
  const note = [
    `# Fuzz regression ${name}`,
    "",
    `Found by \`npm run fuzz -- --seed ${failure.seed} --replay ${failure.index}\` on ${record.found}, from \`${failure.base}\`.`,
    "",
    "Mutations:",
    ...failure.ops.map((op) => `- ${op}`),
    "",
    "Failure:",
    ...failure.runs.map((r) => `- \`channel ${r.argv.join(" ")}\` (${r.via}): ${r.failures.join("; ")}`),
    "",
    "Fix: (describe the fix here)",
    "",
    "`repo/` is the mutated repository" + (gzipped.length ? `; ${gzipped.join(", ")} stored gzipped` : "") + ". tests/fuzz/fuzz.test.ts runs every command line of case.json on it.",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(target, "README.md"), note);
  return name;
}

/** Writes a saved regression's repository (unzipping what was stored gzipped) into `dir`. */
export function materializeRegression(caseDir, dir) {
  const record = JSON.parse(fs.readFileSync(path.join(caseDir, "case.json"), "utf8"));
  const gzipped = new Set(record.gzipped ?? []);
  for (const [rel, bytes] of readTree(path.join(caseDir, "repo"))) {
    if (path.posix.basename(rel) === ".fuzz-keep") {
      fs.mkdirSync(path.join(dir, ...path.posix.dirname(rel).split("/")), { recursive: true });
      continue;
    }
    const original = rel.endsWith(".gz") && gzipped.has(rel.slice(0, -3)) ? rel.slice(0, -3) : null;
    const abs = path.join(dir, ...(original ?? rel).split("/"));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, original ? gunzipSync(bytes) : bytes);
  }
  return record;
}

/** Every saved regression under `regressionsDir`, each command line in-process and through the binary. */
export async function runRegressions(options) {
  const projectRoot = options.projectRoot;
  const regressionsDir = options.regressionsDir ?? path.join(projectRoot, "tests", "fixtures", "fuzz-regressions");
  const names = fs.existsSync(regressionsDir) ? fs.readdirSync(regressionsDir).filter((n) => fs.existsSync(path.join(regressionsDir, n, "case.json"))).sort() : [];
  const result = { cases: names.length, runs: 0, failures: [] };
  if (names.length === 0) return result;
  const cliModule = new URL(`file://${path.join(projectRoot, "dist", "channel.cjs")}`).href;
  const ctx = { bin: path.join(projectRoot, "bin", "channel"), pool: new WorkerPool(1, cliModule), jobs: 0, timeoutMs: options.timeoutMs ?? 30_000, spawnTimeoutMs: options.spawnTimeoutMs ?? 60_000 };
  await ctx.pool.ready();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "channel-fuzz-regressions-"));
  try {
    for (const name of names) {
      const dir = path.join(tmpRoot, name);
      fs.mkdirSync(dir);
      const record = materializeRegression(path.join(regressionsDir, name), dir);
      for (const run of record.runs) {
        for (const viaBinary of options.binary === false ? [false] : [false, true]) {
          const { failures, via } = await execute(ctx, run, dir, path.join(tmpRoot, `${name}.cache`), viaBinary);
          result.runs++;
          if (failures.length > 0) result.failures.push({ name, argv: run.argv, via, failures });
        }
      }
    }
  } finally {
    await ctx.pool.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  return result;
}
