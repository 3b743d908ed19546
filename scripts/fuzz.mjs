#!/usr/bin/env node
// The fuzzer (issue 7): `npm run fuzz -- --runs N [--seed S] [--command validate|bonus|expenses|followups|report]…`
//
// Makes N seeded mutants of data-example and tests/fixtures/*, runs the built CLI on each (every
// command, or those given with --command), and checks: exit code 0/1/2, no stack trace or
// "internal error", no hang, every `validate --format json` position inside its file, and
// MERGE_CONFLICT for every conflict marker. A failing mutant is saved under
// tests/fixtures/fuzz-regressions/<name>/ (the test suite runs those forever after).
//
// Other options: --replay I (only mutant I of the seed, with every run's output; add --keep to
// save it as a regression fixture even when it passes now), --timeout MS
// (per in-process run; default 30000), --workers N, --spawn-every K (every Kth run through
// bin/channel instead of in-process; 0 never; default 50), --no-save, --max-failures N.
// Build first: `npm run build`.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { COMMANDS, runFuzz } from "./fuzz/runner.mjs";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const options = { runs: 100, seed: undefined, commands: [], timeoutMs: 30_000, workers: undefined, spawnEvery: 50, save: true, replay: undefined, maxFailures: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    const number = () => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) usage(`${flag} needs a whole number`);
      return v;
    };
    switch (flag) {
      case "--runs":
        options.runs = number();
        break;
      case "--seed":
        options.seed = number();
        break;
      case "--command":
        for (const c of value().split(",")) {
          if (!COMMANDS.includes(c)) usage(`--command must be one of ${COMMANDS.join("|")}, not ${c}`);
          options.commands.push(c);
        }
        break;
      case "--timeout":
        options.timeoutMs = number();
        break;
      case "--workers":
        options.workers = Math.max(1, number());
        break;
      case "--spawn-every":
        options.spawnEvery = number();
        break;
      case "--replay":
        options.replay = number();
        break;
      case "--max-failures":
        options.maxFailures = number();
        break;
      case "--keep":
        options.keep = true;
        break;
      case "--no-save":
        options.save = false;
        break;
      case "-h":
      case "--help":
        console.log("usage: npm run fuzz -- --runs N [--seed S] [--command validate|bonus|expenses|followups|report]… [--replay I [--keep]] [--timeout MS] [--workers N] [--spawn-every K] [--no-save] [--max-failures N]");
        process.exit(0);
        break;
      default:
        usage(`unknown option ${arg}`);
    }
  }
  return options;
}

function usage(message) {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
const seed = options.seed ?? (Date.now() % 2 ** 31);
const commands = options.commands.length > 0 ? [...new Set(options.commands)] : COMMANDS;
const replay = options.replay !== undefined;
console.log(`fuzz: seed ${seed}, ${replay ? `replaying mutant ${options.replay}` : `${options.runs} mutant(s)`}, commands ${commands.join(", ")}`);

const stats = await runFuzz({
  projectRoot,
  runs: options.runs,
  seed,
  commands,
  mode: "all",
  spawnEvery: replay ? 0 : options.spawnEvery,
  workers: replay ? 1 : options.workers,
  timeoutMs: options.timeoutMs,
  saveDir: options.save ? path.join(projectRoot, "tests", "fixtures", "fuzz-regressions") : null,
  keepMutant: replay && options.keep === true,
  only: options.replay,
  maxFailures: options.maxFailures,
  verbose: replay,
  log: (line) => console.log(line),
});

console.log(
  [
    `fuzz: ${stats.mutants} mutant(s) in ${stats.seconds} s (seed ${stats.seed})`,
    `  mutants per command: ${Object.entries(stats.mutantsPerCommand).map(([c, n]) => `${c} ${n}`).join(", ")}`,
    `  runs per command:    ${Object.entries(stats.runsPerCommand).map(([c, n]) => `${c} ${n}`).join(", ")}`,
    `  runs in-process ${stats.inProcess}, through bin/channel ${stats.binary}; exit codes 0: ${stats.exitCodes[0]}, 1: ${stats.exitCodes[1]}, 2: ${stats.exitCodes[2]}`,
    `  exit codes per command (0/1/2): ${Object.entries(stats.exitCodesPerCommand).map(([c, e]) => `${c} ${e[0]}/${e[1]}/${e[2]}`).join(", ")}`,
    `  mutants with git conflict markers: ${stats.conflictMutants}`,
    `  slowest runs: ${stats.slowest.map((s) => `${s.ms} ms (mutant ${s.index}, ${s.via}: ${s.argv.split(" ").slice(0, 2).join(" ")})`).join("; ")}`,
    stats.failures.length === 0 ? "  no failures" : `  ${stats.failures.length} failing mutant(s): ${stats.failures.map((f) => f.savedAs ?? `#${f.index}`).join(", ")}`,
  ].join("\n"),
);
process.exitCode = stats.failures.length === 0 ? 0 : 1;
