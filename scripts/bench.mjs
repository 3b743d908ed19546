#!/usr/bin/env node
// The benchmark of issue 6: `npm run bench` (full, under ~10 minutes on 2 cores) or
// `npm run bench -- --quick` (10 and 50 branches, fewer runs). `--json FILE` saves the raw
// numbers, `--dir DIR` chooses the working folder (default: <tmpdir>/channel-bench, where the
// generated repositories are kept and reused across runs).
//
// Every case runs as its own process, several times, interleaved with the baseline it is
// compared to; the table shows medians. The baselines are plain Node scripts written by this
// bench into its working folder:
//   - parse floor: reads every data file and parses it with js-yaml, in one process;
//   - ajv: the same, then validates each value with ajv against schemas/*.json compiled at
//     run time (what ajv-cli does; ajv-cli 5 itself reads YAML as 1.1 with js-yaml 3, where
//     `2012-03-31` is a Date, so it would validate other values and fail every file);
//   - JSON: reads one .json file per data file (each file's value, written once by the bench
//     with js-yaml) and JSON.parses it.
// The CLI's cache lives in a bench-private folder (CHANNEL_CACHE_DIR); a cold run clears it
// and passes --no-cache (when the CLI knows that option).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { commitBenchHistory, WALK_SOURCE } from "./bench-shared.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = path.join(ROOT, "data-example");
const SEED = 1;
const AS_OF = "2012-03-20";

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    json: { type: "string" },
    dir: { type: "string" },
    branches: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
    // Issue 28: the hostile shapes only (`npm run bench -- --shapes [--bin OTHER/bin/channel]`).
    shapes: { type: "boolean", default: false },
    // Issue 28: the start-up case only (`npm run bench -- --startup`), wall and CPU time.
    startup: { type: "boolean", default: false },
    bin: { type: "string" },
    // Issue 29: import of a large sheet (`npm run bench -- --import [--rows 20000,200000] [--kinds staff,prospects] [--profile] [--repo DIR]`).
    import: { type: "boolean", default: false },
    rows: { type: "string" },
    kinds: { type: "string" },
    profile: { type: "boolean", default: false },
    repo: { type: "string" },
  },
});
// `--bin OTHER/bin/channel` measures another build (an older commit's checkout) in every mode.
const BIN = opts.bin === undefined ? path.join(ROOT, "bin", "channel") : path.resolve(opts.bin);
if (opts.help) {
  console.log("usage: npm run bench -- [--quick] [--json FILE] [--dir DIR]\n       npm run bench -- --branches N [--dir DIR]   (head-office scale, issue 29: scripts/bench-scale.mjs)\n       npm run bench -- --startup [--quick] [--bin PATH]     (the start-up case alone: wall and CPU time)\n       npm run bench -- --import [--rows 20000,200000] [--kinds staff,prospects] [--profile] [--repo DIR] [--bin PATH] [--dir DIR]   (import of a large sheet, issue 29: scripts/bench-import.mjs)");
  process.exit(0);
}
if (opts.branches !== undefined) {
  const branches = Number(opts.branches);
  if (!Number.isInteger(branches) || branches < 1) throw new Error(`--branches: a whole number of branches, not ${opts.branches}`);
  const { runScale } = await import("./bench-scale.mjs");
  await runScale({ branches, dir: opts.dir });
  process.exit(0);
}

if (opts.import) {
  const { runImportBench } = await import("./bench-import.mjs");
  const list = (text) => text.split(",").map((x) => x.trim()).filter((x) => x !== "");
  const rows = opts.rows === undefined ? undefined : list(opts.rows).map(Number);
  if (rows !== undefined && !rows.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`--rows: whole numbers of rows, not ${opts.rows}`);
  await runImportBench({ rows, kinds: opts.kinds === undefined ? undefined : list(opts.kinds), dir: opts.dir, bin: opts.bin, repo: opts.repo, profile: opts.profile });
  process.exit(0);
}

if (opts.shapes) {
  await benchShapes(BIN, opts.dir ?? path.join(os.tmpdir(), "channel-bench-shapes"));
  process.exit(0);
}

/**
 * Issue 28: `validate` on shapes that used to be quadratic or to exhaust the heap, at 10k, 40k
 * and 200k: one staff entry with N unknown keys; N staff sharing one name (referred to by
 * name); a file of N broken lines (450,000 such lines is a 9.9 MB file), tab-indented or with
 * colons in every value; N items each failing the schema, on one line or one per line; N
 * conversions without their amount (an if/then per entry). Each run is cold
 * (--no-cache), killed after 300 s; prints one line per case: seconds, peak memory, exit code.
 */
async function benchShapes(bin, work) {
  fs.mkdirSync(work, { recursive: true });
  const head = {
    "channel.yaml": "version: 1\norganisation: 长城证券\ntimezone: Asia/Shanghai\n",
    "departments.yaml": "departments:\n  - id: d1\n    name: 福田营业部\n",
    "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
  };
  const shapes = {
    unknownKeys: (n) => ({ "branches/b1/staff.yaml": `staff:\n  - id: s1\n    name: 王芳\n    position: wealth_manager\n${Array.from({ length: n }, (_, i) => `    extra_${i}: 1\n`).join("")}` }),
    sameName: (n) => ({
      "branches/b1/staff.yaml": `staff:\n${Array.from({ length: n }, (_, i) => `  - {id: s${i}, name: 王芳, position: wealth_manager}\n`).join("")}`,
      "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, with: 王芳}\n",
    }),
    brokenLines: (n) => ({ "branches/b1/activities.yaml": `activities:\n${Array.from({ length: n }, (_, i) => `  x${i}: y: z # 备注\n`).join("")}` }),
    // The shapes of "450,000 broken lines" that get past the first syntax error, and the
    // schema's own worst cases: every item failing it, on one line or one per line.
    tabIndented: (n) => ({ "branches/b1/activities.yaml": `activities:\n${Array.from({ length: n }, (_, i) => `\t- {date: 2012-03-01, kind: call, with: [s${i}]}\n`).join("")}` }),
    nestedColons: (n) => ({ "branches/b1/activities.yaml": `activities:\n${Array.from({ length: n }, () => "  - a: b: c: d: e: f\n").join("")}` }),
    oneLineFailing: (n) => ({ "branches/b1/activities.yaml": `activities: [${Array.from({ length: n }, () => "{d: 1}").join(",")}]\n` }),
    everyItemFailing: (n) => ({ "branches/b1/activities.yaml": `activities:\n${Array.from({ length: n }, () => "  - {date: 2012-02-30, kind: 见面}\n").join("")}` }),
    conversionWithoutAmount: (n) => ({
      "branches/b1/staff.yaml": `staff:\n${Array.from({ length: n }, (_, i) => `  - {id: s${i}, name: 王芳${i}, position: wealth_manager, conversion: {kind: account, at: "2012-03-01 10:00"}}\n`).join("")}`,
    }),
  };
  const time = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
  for (const [name, make] of Object.entries(shapes)) {
    for (const n of [10_000, 40_000, 200_000]) {
      const dir = path.join(work, `${name}-${n}`);
      if (!fs.existsSync(path.join(dir, "channel.yaml"))) {
        for (const [rel, text] of Object.entries({ ...head, ...make(n) })) {
          fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
          fs.writeFileSync(path.join(dir, rel), text);
        }
      }
      const args = [process.execPath, bin, "validate", "--data", dir, "--no-cache", "--lang", "en"];
      const begin = performance.now();
      const result = spawnSync(time ?? args[0], time ? ["-f", "%M", ...args] : args.slice(1), { encoding: "utf8", timeout: 300_000, killSignal: "SIGKILL", maxBuffer: 2 ** 30, env: { ...process.env, CHANNEL_CACHE_DIR: path.join(work, ".cache") } });
      const seconds = ((performance.now() - begin) / 1000).toFixed(1);
      const peak = time ? `${Math.round(Number((result.stderr.trim().split("\n").pop() ?? "0")) / 1024)} MB` : "n/a";
      const outcome = result.signal ? `killed (${result.signal}) after ${seconds} s` : `exit ${result.status}`;
      console.log(`${name.padEnd(23)} ${String(n).padStart(7)}  ${seconds.padStart(7)} s  peak ${peak.padStart(8)}  ${outcome}  stdout ${(result.stdout ?? "").length} bytes`);
    }
  }
}

const QUICK = opts.quick;
const SIZES = QUICK ? [10, 50] : [10, 50, 100, 500];
const BIG = SIZES[SIZES.length - 1];
// Start-up runs take ~0.15 s each and sit within a few ms of their target on a machine whose
// speed drifts from minute to minute: 31 interleaved pairs give a median that a burst of
// activity elsewhere moves less than 11 did.
const RUNS = QUICK
  ? { startup: 5, startupCold: 3, small: 3, big: 3 }
  : { startup: 31, startupCold: 5, small: 5, big: 3 };
const WORK = path.resolve(opts.dir ?? path.join(os.tmpdir(), "channel-bench"));
fs.mkdirSync(WORK, { recursive: true });
const CACHE = fs.mkdtempSync(path.join(os.tmpdir(), "channel-bench-cache-"));
const DEVNULL = fs.openSync(os.devNull, "w");
const started = Date.now();

const log = (message) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}\n`);

process.on("exit", () => fs.rmSync(CACHE, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// The machine

function machine() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return { cpu, cores, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.type()} ${os.release()}` };
}

// ---------------------------------------------------------------------------------------------
// Repositories and the files derived from them

const sha256 = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);
const GENERATOR_HASH = sha256(fs.readFileSync(path.join(ROOT, "scripts", "generate.mjs")));

function walk(dir, ext) {
  const out = [];
  const visit = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const abs = path.join(d, entry.name);
      if (entry.isDirectory()) visit(abs);
      else if (entry.isFile() && entry.name.endsWith(ext)) out.push(abs);
    }
  };
  visit(dir);
  return out;
}

function readMarker(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** A generated repository of `branches` branches, reused when one with the same inputs exists. */
function ensureRepo(branches) {
  const dir = path.join(WORK, `repo-b${branches}-s${SEED}`);
  const markerFile = `${dir}.json`;
  const marker = readMarker(markerFile);
  if (marker && marker.generator === GENERATOR_HASH && fs.existsSync(dir)) return { dir, ...marker };
  log(`generating ${branches} branches (seed ${SEED}) into ${dir}`);
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "generate.mjs"), "--branches", String(branches), "--seed", String(SEED), "--out", tmp], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`generate.mjs failed: ${result.stderr || result.stdout}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(markerFile, { force: true });
  fs.renameSync(tmp, dir);
  const files = walk(dir, ".yaml");
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const fresh = { branches, seed: SEED, generator: GENERATOR_HASH, files: files.length, bytes };
  fs.writeFileSync(markerFile, JSON.stringify(fresh, null, 2));
  return { dir, ...fresh };
}

/**
 * The repository of `repo` committed to git (a copy, so the generated folder stays as it is):
 * one commit dated 2012-03-01 holding every file and one dated 2012-04-15 changing one file,
 * so that `--as-recorded` on AS_OF reads the older one. Reused while the generated data is.
 */
function ensureGitRepo(repo) {
  const dir = `${repo.dir}-git`;
  const markerFile = `${dir}.json`;
  const marker = readMarker(markerFile);
  if (marker && marker.generator === repo.generator && fs.existsSync(path.join(dir, ".git"))) return { dir, ...marker };
  log(`committing ${repo.branches} branches to git in ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(repo.dir, dir, { recursive: true });
  commitBenchHistory(dir, WORK);
  const fresh = { branches: repo.branches, generator: repo.generator };
  fs.writeFileSync(markerFile, JSON.stringify(fresh, null, 2));
  return { dir, ...fresh };
}

/**
 * A department's staff sheet of `rows` generated rows (CSV, UTF-8 with a BOM): distinct names and
 * phones, and every tenth person a second time without a phone (a duplicate of an earlier row).
 */
function ensureImportSheet(rows) {
  const file = path.join(WORK, `import-staff-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗";
  const given = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红";
  const positions = ["理财经理", "柜员", "大堂经理", "客服", "职员"];
  const lines = ["姓名,职务,手机,兴趣爱好"];
  for (let i = 0; i < rows; i++) {
    let name = surnames[i % surnames.length];
    for (let n = i; ; n = Math.floor(n / given.length)) {
      name += given[n % given.length];
      if (n < given.length) break;
    }
    lines.push(`${name},${positions[i % positions.length]},139${String(i).padStart(8, "0")},读书`);
    if (i % 10 === 0) lines.push(`${name},${positions[i % positions.length]},,`);
  }
  fs.writeFileSync(`${file}.tmp`, `\uFEFF${lines.join("\r\n")}\r\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** One .json file per data file of `repo`, holding the value js-yaml reads from it. */
async function ensureJsonMirror(repo) {
  const dir = path.join(WORK, `json-b${repo.branches}-s${SEED}`);
  const markerFile = `${dir}.json`;
  const marker = readMarker(markerFile);
  if (marker && marker.generator === GENERATOR_HASH && fs.existsSync(dir)) return dir;
  log(`writing the JSON copy of ${repo.branches} branches into ${dir}`);
  const { load } = await import(import.meta.resolve("js-yaml"));
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of walk(repo.dir, ".yaml")) {
    const rel = path.relative(repo.dir, file);
    const target = path.join(dir, rel.replace(/\.yaml$/, ".json"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(load(fs.readFileSync(file, "utf8"))));
  }
  fs.writeFileSync(markerFile, JSON.stringify({ generator: GENERATOR_HASH }));
  return dir;
}

/** Reads every file once so that all cases find them in the page cache alike. */
function warmPageCache(dir) {
  for (const file of [...walk(dir, ".yaml"), ...walk(dir, ".json")]) fs.readFileSync(file);
}

// ---------------------------------------------------------------------------------------------
// The baseline scripts


/** Which format functions the ajv baseline uses: the CLI's own when its build has them. */
const FORMATS_MODULE = path.join(ROOT, "dist", "validate", "formats.js");

function writeScripts() {
  const dir = path.join(WORK, "scripts");
  fs.mkdirSync(dir, { recursive: true });
  const jsYaml = JSON.stringify(import.meta.resolve("js-yaml"));
  const floor = `// The parse floor: read every data file and parse it with js-yaml, in one process.
import * as fs from "node:fs";
import * as path from "node:path";
const { load } = await import(${jsYaml});
${WALK_SOURCE}
const values = [];
for (const file of walk(process.argv[2], ".yaml")) values.push(load(fs.readFileSync(file, "utf8")));
console.log(values.length);
`;
  const json = `// The JSON floor: read the same records as JSON and JSON.parse them.
import * as fs from "node:fs";
import * as path from "node:path";
${WALK_SOURCE}
const values = [];
for (const file of walk(process.argv[2], ".json")) values.push(JSON.parse(fs.readFileSync(file, "utf8")));
console.log(values.length);
`;
  const ajv = `// What ajv-cli does, in one process: parse each data file with js-yaml and validate it with
// ajv against its schema from schemas/, compiled at run time (no cross-file rules, no positions).
import * as fs from "node:fs";
import * as path from "node:path";
const { load } = await import(${jsYaml});
const ajvModule = await import(${JSON.stringify(import.meta.resolve("ajv/dist/2020.js"))});
const Ajv2020 = ajvModule.default.default ?? ajvModule.default;
const { fullFormats } = await import(${JSON.stringify(import.meta.resolve("ajv-formats/dist/formats.js"))});
${WALK_SOURCE}
let formats;
try {
  formats = (await import(${JSON.stringify(new URL(`file://${FORMATS_MODULE}`).href)})).ALL_FORMATS;
} catch {
  // The CLI's build has no formats module: ajv-formats' ones and the shapes of ours.
  formats = {
    ...fullFormats,
    "channel-datetime": /^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?$/,
    "channel-birthday": /^(\\d{4}|-)-\\d{2}-\\d{2}$/,
    "channel-timezone": (name) => { try { new Intl.DateTimeFormat("en", { timeZone: name }); return true; } catch { return false; } },
  };
}
const schemaDir = ${JSON.stringify(path.join(ROOT, "schemas"))};
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
ajv.addKeyword({ keyword: "enumDescriptions", schemaType: "array" });
for (const keyword of ["patternErrorMessage", "errorMessage"]) ajv.addKeyword({ keyword, schemaType: "string" });
for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".schema.json")).sort()) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, name), "utf8")), name);
}
const validators = {};
for (const kind of ["channel", "departments", "branch", "staff", "kpis", "competitors", "prospects", "activities"]) {
  validators[kind] = ajv.getSchema(kind + ".schema.json");
}
const values = [];
let invalid = 0;
for (const file of walk(process.argv[2], ".yaml")) {
  const value = load(fs.readFileSync(file, "utf8"));
  values.push(value);
  const validate = validators[path.basename(file, ".yaml")];
  if (validate && !validate(value)) invalid++;
}
console.log(JSON.stringify({ files: values.length, invalid }));
`;
  const paths = { floor: path.join(dir, "parse-floor.mjs"), json: path.join(dir, "json-floor.mjs"), ajv: path.join(dir, "ajv-validate.mjs") };
  fs.writeFileSync(paths.floor, floor);
  fs.writeFileSync(paths.json, json);
  fs.writeFileSync(paths.ajv, ajv);
  return paths;
}

// ---------------------------------------------------------------------------------------------
// Running

const ENV = { ...process.env, NO_COLOR: "1", CHANNEL_CACHE_DIR: CACHE };
delete ENV.FORCE_COLOR;

function gnuTime() {
  if (!fs.existsSync("/usr/bin/time")) return null;
  const out = path.join(os.tmpdir(), `channel-bench-time-${process.pid}`);
  process.on("exit", () => fs.rmSync(out, { force: true }));
  const probe = spawnSync("/usr/bin/time", ["-f", "%M", "-o", out, process.execPath, "-e", "0"]);
  const ok = probe.status === 0 && /\d+\s*$/.test(readText(out));
  fs.rmSync(out, { force: true });
  return ok ? out : null;
}
function readText(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
const TIME_OUT = gnuTime();
const MEMORY_METHOD = TIME_OUT ? "/usr/bin/time -f %M" : fs.existsSync("/proc/self/status") ? "/proc polling (VmHWM)" : "n/a";

/** One run of `node ...args`: wall time, exit status, and (when `memory`) peak RSS in KiB. */
/** The preload that reports a run's CPU time (issue 28: start-up is judged on CPU as well as wall time). */
const CPU_REPORT = path.join(ROOT, "scripts", "bench-cpu-report.cjs");
const CPU_OUT = path.join(os.tmpdir(), `channel-bench-cpu-${process.pid}`);
process.on("exit", () => fs.rmSync(CPU_OUT, { force: true }));

function runOnce(args, { memory = false, cpu = false } = {}) {
  const withTime = memory && TIME_OUT;
  const nodeArgs = cpu ? ["-r", CPU_REPORT, ...args] : args;
  const cmd = withTime ? "/usr/bin/time" : process.execPath;
  const argv = withTime ? ["-f", "%M", "-o", TIME_OUT, process.execPath, ...nodeArgs] : nodeArgs;
  if (cpu) fs.rmSync(CPU_OUT, { force: true });
  const t0 = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { stdio: ["ignore", DEVNULL, "pipe"], env: cpu ? { ...ENV, BENCH_CPU_OUT: CPU_OUT } : ENV, maxBuffer: 64 * 2 ** 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = cpu && fs.existsSync(CPU_OUT) ? Number(fs.readFileSync(CPU_OUT, "utf8")) / 1000 : null;
  let rssKiB = null;
  if (withTime) {
    const m = /(\d+)\s*$/.exec(readText(TIME_OUT));
    rssKiB = m ? Number(m[1]) : null;
  }
  return { ms, cpuMs, status: result.status, signal: result.signal, stderr: String(result.stderr ?? "").slice(0, 2000), rssKiB };
}

/** Peak RSS of one run, by polling /proc/<pid>/status (when /usr/bin/time is missing). */
function peakByPolling(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", DEVNULL, "ignore"], env: ENV });
    let peak = null;
    const poll = () => {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(readText(`/proc/${child.pid}/status`));
      if (m) peak = Math.max(peak ?? 0, Number(m[1]));
    };
    const timer = setInterval(poll, 20);
    child.on("exit", () => {
      clearInterval(timer);
      resolve(peak);
    });
  });
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const results = {};

/**
 * Runs the cases of a group `runs` times, interleaved (a1 b1 a2 b2 …) so that drift of the
 * machine hits all of them alike. A case is { name, args, before?, memory?, expect? }.
 */
function measure(group, cases, runs) {
  for (const c of cases) results[c.name] = { group, args: c.args, runs: [], error: null };
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const r = results[c.name];
      if (r.error) continue;
      c.before?.();
      log(`${c.name} (${i + 1}/${runs})`);
      const run = runOnce(c.args, { memory: c.memory, cpu: c.cpu });
      const expected = c.expect ?? [0];
      if (!expected.includes(run.status)) {
        r.error = `exit ${run.status ?? run.signal}: ${run.stderr.trim().split("\n").slice(0, 3).join(" / ") || "(no stderr)"}`;
        log(`  failed: ${r.error}`);
        continue;
      }
      r.runs.push(run);
    }
  }
  for (const c of cases) {
    const r = results[c.name];
    r.medianMs = median(r.runs.map((x) => x.ms));
    r.medianRssKiB = median(r.runs.map((x) => x.rssKiB));
    r.medianCpuMs = median(r.runs.map((x) => x.cpuMs));
  }
}

// ---------------------------------------------------------------------------------------------
// The cache folder, and whether the CLI knows --no-cache yet

function clearCache(repoDir) {
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  // A CLI that ignores CHANNEL_CACHE_DIR may keep its cache in the data repository: clear
  // that too, but only in the bench's own generated repositories.
  if (repoDir && repoDir.startsWith(WORK + path.sep)) fs.rmSync(path.join(repoDir, ".channel", "cache"), { recursive: true, force: true });
}

function countFiles(dir) {
  try {
    return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

function detectNoCache(repoDir) {
  const r = runOnce([BIN, "validate", "--data", repoDir, "--no-cache"]);
  if (r.status === 2 && /unknown option/i.test(r.stderr) && r.stderr.includes("--no-cache")) return false;
  if (r.status !== 0) log(`note: \`channel validate --no-cache\` exited ${r.status}: ${r.stderr.trim().split("\n")[0] ?? ""}`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// The bench

const info = machine();
const loadBefore = os.loadavg()[0];
log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}`);
log(`mode: ${QUICK ? "quick" : "full"}; working folder ${WORK}; cache folder ${CACHE}`);

if (opts.startup) {
  // The start-up case alone, measured as in the full run below.
  const args = [BIN, "followups", "--data", EXAMPLE, "--as-of", AS_OF, "--lang", "zh"];
  warmPageCache(EXAMPLE);
  clearCache();
  runOnce(args);
  measure("startup", [
    { name: "startup.channel", args, cpu: true },
    { name: "startup.node", args: ["-e", "0"], cpu: true },
  ], RUNS.startup);
  const [c, n] = [results["startup.channel"], results["startup.node"]];
  if (c.error || n.error) throw new Error(c.error ?? n.error);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`start-up (median of ${RUNS.startup} interleaved runs, load average ${os.loadavg()[0].toFixed(1)} at the end):`);
  console.log(`  wall: channel ${ms(c.medianMs)}, node -e 0 ${ms(n.medianMs)}, ratio ${(c.medianMs / n.medianMs).toFixed(2)}× (target ≤ 1.5×)`);
  console.log(`  CPU:  channel ${ms(c.medianCpuMs)}, node -e 0 ${ms(n.medianCpuMs)}, ratio ${(c.medianCpuMs / n.medianCpuMs).toFixed(2)}× (target ≤ 1.5×)`);
  process.exit(0);
}

const repos = {};
for (const n of SIZES) repos[n] = ensureRepo(n);
const big = repos[BIG];
const jsonDir = await ensureJsonMirror(big);
const scripts = writeScripts();
for (const n of SIZES) warmPageCache(repos[n].dir);
warmPageCache(jsonDir);
warmPageCache(EXAMPLE);
const repoEntriesBefore = fs.readdirSync(big.dir).sort().join(",");

const noCache = detectNoCache(repos[SIZES[0]].dir);
log(noCache ? "the CLI accepts --no-cache" : "the CLI does not know --no-cache yet: cold runs only clear the cache folder");
const cold = (args) => (noCache ? [...args, "--no-cache"] : args);

// Start-up: the daily `followups` on the example repository (warm cache, as every morning) vs `node -e 0`.
const followupsExample = [BIN, "followups", "--data", EXAMPLE, "--as-of", AS_OF, "--lang", "zh"];
clearCache();
runOnce(followupsExample); // fills the cache
measure("startup", [
  { name: "startup.channel", args: followupsExample, cpu: true },
  { name: "startup.node", args: ["-e", "0"], cpu: true },
], RUNS.startup);
measure("startup-cold", [
  { name: "startupCold.channel", args: cold(followupsExample), before: () => clearCache() },
], RUNS.startupCold);

// Cold validate on the biggest repository vs the parse floor and vs ajv; with peak memory.
measure("cold", [
  { name: `cold.validate.${BIG}`, args: cold([BIN, "validate", "--data", big.dir]), before: () => clearCache(big.dir), memory: true },
  { name: `cold.floor.${BIG}`, args: [scripts.floor, big.dir], memory: true },
  { name: `cold.ajv.${BIG}`, args: [scripts.ajv, big.dir], memory: true },
], RUNS.big);
if (!TIME_OUT && MEMORY_METHOD !== "n/a") {
  clearCache(big.dir);
  log(`peak memory of cold validate on ${BIG} branches (polling /proc)`);
  results[`cold.validate.${BIG}`].medianRssKiB = await peakByPolling(cold([BIN, "validate", "--data", big.dir]));
}
const ajvCheck = spawnSync(process.execPath, [scripts.ajv, big.dir], { encoding: "utf8", env: ENV });
const ajvSummary = (() => {
  try {
    return JSON.parse(ajvCheck.stdout);
  } catch {
    return { files: null, invalid: null };
  }
})();

// Growth: cold validate (and the parse floor) on every size.
for (const n of SIZES) {
  if (n === BIG) continue;
  measure(`scale.${n}`, [
    { name: `cold.validate.${n}`, args: cold([BIN, "validate", "--data", repos[n].dir]), before: () => clearCache(repos[n].dir) },
    { name: `cold.floor.${n}`, args: [scripts.floor, repos[n].dir] },
  ], RUNS.small);
}

// Warm: fill the cache once, then nothing changes between runs.
const validateBig = [BIN, "validate", "--data", big.dir];
const followupsBig = [BIN, "followups", "--data", big.dir, "--as-of", AS_OF];
clearCache(big.dir);
log(`filling the cache (validate and followups on ${BIG} branches)`);
runOnce(validateBig);
runOnce(followupsBig);
const cacheFiles = countFiles(CACHE);
measure("warm", [
  { name: `warm.validate.${BIG}`, args: validateBig },
  { name: `warm.followups.${BIG}`, args: followupsBig },
  { name: `warm.json.${BIG}`, args: [scripts.json, jsonDir] },
], RUNS.big);
const repoEntriesAfter = fs.readdirSync(big.dir).sort().join(",");

// --as-recorded on the biggest repository committed to git: every file read from one commit
// through one `git cat-file --batch`, then checked and modelled (never from the cache), vs
// the same command on the work tree, cold.
const gitBig = ensureGitRepo(big);
warmPageCache(path.join(gitBig.dir, ".git"));
measure("as-recorded", [
  { name: `asRecorded.bonus.${BIG}`, args: [BIN, "bonus", "--as-recorded", "--data", gitBig.dir, "--as-of", AS_OF] },
  { name: `cold.bonus.${BIG}`, args: cold([BIN, "bonus", "--data", gitBig.dir, "--as-of", AS_OF]), before: () => clearCache(gitBig.dir) },
], RUNS.big);

// Import (dry run: read, plan, validate the would-be file) of a generated staff sheet at two
// sizes, into the smallest repository: the time per row must not grow with the sheet (it did,
// quadratically: 20,000 rows took 58 s).
const IMPORT_ROWS = QUICK ? [1000, 4000] : [2500, 10000];
const importRepo = repos[SIZES[0]];
const importBranch = fs.readdirSync(path.join(importRepo.dir, "branches")).sort()[0];
const importArgs = (rows) => cold([BIN, "import", "staff", "--branch", importBranch, "--from", ensureImportSheet(rows), "--data", importRepo.dir]);
measure("import", IMPORT_ROWS.map((rows) => ({ name: `import.staff.${rows}`, args: importArgs(rows), before: () => clearCache(importRepo.dir) })), RUNS.big);

// ---------------------------------------------------------------------------------------------
// Report

const fmtMs = (ms) => (ms === null || ms === undefined ? "n/a" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`);
const fmtMiB = (kib) => (kib === null || kib === undefined ? "n/a" : `${Math.round(kib / 1024)} MiB`);
const fmtMB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const cell = (name) => {
  const r = results[name];
  return r?.error ? "error" : fmtMs(r?.medianMs);
};
const ratioOf = (a, b) => {
  const x = results[a];
  const y = results[b];
  if (!x || !y || x.error || y.error || !x.medianMs || !y.medianMs) return null;
  return x.medianMs / y.medianMs;
};
const verdict = (ok) => (ok === null ? "n/a" : ok ? "met" : "**NOT met**");

const bigLabel = `${BIG} branches`;
const targets = [];
function target(label, channel, baseline, baselineLabel, ratio, limit, limitLabel) {
  const met = ratio === null ? null : ratio <= limit;
  targets.push({ label, channel, baseline, baselineLabel, ratio, limit, met });
  return `| ${label} | ${cell(channel)} | ${baselineLabel}: ${cell(baseline)} | ${ratio === null ? "n/a" : `${ratio.toFixed(2)}×`} | ${limitLabel} | ${verdict(met)} |`;
}

/** A target on the median CPU time of runs made with `cpu: true` (issue 28). */
function cpuTarget(label, channel, baseline, baselineLabel, limit, limitLabel) {
  const x = results[channel]?.medianCpuMs ?? null;
  const y = results[baseline]?.medianCpuMs ?? null;
  const ratio = x === null || y === null || !y ? null : x / y;
  const met = ratio === null ? null : ratio <= limit;
  targets.push({ label, channel, baseline, baselineLabel, ratio, limit, met, cpuMs: x, baselineCpuMs: y });
  return `| ${label} | ${fmtMs(x)} | ${baselineLabel}: ${fmtMs(y)} | ${ratio === null ? "n/a" : `${ratio.toFixed(2)}×`} | ${limitLabel} | ${verdict(met)} |`;
}

const rows = [
  "| case | channel | baseline (median) | ratio | target | result |",
  "|---|---:|---|---:|---|---|",
  target("start-up: `followups` on data-example (warm cache)", "startup.channel", "startup.node", "`node -e 0`", ratioOf("startup.channel", "startup.node"), 1.5, "≤ 1.5×"),
  cpuTarget("start-up, CPU time (user + system)", "startup.channel", "startup.node", "`node -e 0`", 1.5, "≤ 1.5×"),
  target(`cold \`validate\`, ${bigLabel}`, `cold.validate.${BIG}`, `cold.floor.${BIG}`, "js-yaml parse floor", ratioOf(`cold.validate.${BIG}`, `cold.floor.${BIG}`), 2.0, "≤ 2×"),
  target(`cold \`validate\`, ${bigLabel}`, `cold.validate.${BIG}`, `cold.ajv.${BIG}`, "ajv (inline ajv-cli equivalent)", ratioOf(`cold.validate.${BIG}`, `cold.ajv.${BIG}`), 0.99999, "< 1× (faster)"),
  target(`warm \`validate\`, ${bigLabel}`, `warm.validate.${BIG}`, `warm.json.${BIG}`, "JSON.parse floor", ratioOf(`warm.validate.${BIG}`, `warm.json.${BIG}`), 3.0, "≤ 3×"),
  target(`warm \`followups\`, ${bigLabel}`, `warm.followups.${BIG}`, `warm.json.${BIG}`, "JSON.parse floor", ratioOf(`warm.followups.${BIG}`, `warm.json.${BIG}`), 3.0, "≤ 3×"),
];
rows.push(`| \`bonus --as-recorded\`, ${bigLabel} in git | ${cell(`asRecorded.bonus.${BIG}`)} | cold \`bonus\` on the work tree: ${cell(`cold.bonus.${BIG}`)} | ${(() => { const r = ratioOf(`asRecorded.bonus.${BIG}`, `cold.bonus.${BIG}`); return r === null ? "n/a" : `${r.toFixed(2)}×`; })()} | reads in seconds (< 10 s) | ${verdict(results[`asRecorded.bonus.${BIG}`]?.medianMs ? results[`asRecorded.bonus.${BIG}`].medianMs < 10_000 : null)} |`);
targets.push({ label: `bonus --as-recorded, ${bigLabel} in git`, ms: results[`asRecorded.bonus.${BIG}`]?.medianMs ?? null, limitMs: 10_000, met: results[`asRecorded.bonus.${BIG}`]?.medianMs ? results[`asRecorded.bonus.${BIG}`].medianMs < 10_000 : null });
const peakKiB = results[`cold.validate.${BIG}`]?.error ? null : results[`cold.validate.${BIG}`]?.medianRssKiB ?? null;
const peakMet = peakKiB === null ? null : peakKiB * 1024 < 1e9;
targets.push({ label: `peak memory, cold validate, ${bigLabel}`, rssKiB: peakKiB, limitBytes: 1e9, met: peakMet });
rows.push(`| peak memory (RSS), cold \`validate\`, ${bigLabel} | ${fmtMiB(peakKiB)} | parse floor: ${fmtMiB(results[`cold.floor.${BIG}`]?.medianRssKiB)}, ajv: ${fmtMiB(results[`cold.ajv.${BIG}`]?.medianRssKiB)} | | < 1 GB | ${verdict(peakMet)} |`);

const scaleRows = ["| branches | files | YAML | cold `validate` | per branch | parse floor | ratio |", "|---:|---:|---:|---:|---:|---:|---:|"];
for (const n of SIZES) {
  const v = results[`cold.validate.${n}`];
  const perBranch = v && !v.error && v.medianMs ? `${(v.medianMs / n).toFixed(1)} ms` : "n/a";
  const ratio = ratioOf(`cold.validate.${n}`, `cold.floor.${n}`);
  scaleRows.push(`| ${n} | ${repos[n].files} | ${fmtMB(repos[n].bytes)} | ${cell(`cold.validate.${n}`)} | ${perBranch} | ${cell(`cold.floor.${n}`)} | ${ratio === null ? "n/a" : `${ratio.toFixed(2)}×`} |`);
}
// Linear growth: the time per added branch between the two largest sizes stays within 1.25×
// of the time per branch of the largest size over the second largest (fixed costs excluded).
const [nA, nB] = SIZES.slice(-2);
const tA = results[`cold.validate.${nA}`]?.medianMs;
const tB = results[`cold.validate.${nB}`]?.medianMs;
const growth = tA && tB ? tB / tA / (nB / nA) : null;
targets.push({ label: `growth ${nA} → ${nB} branches (time ratio ÷ size ratio)`, ratio: growth, limit: 1.25, met: growth === null ? null : growth <= 1.25 });

const importRows = ["| rows | `import staff` (dry run) | per 1,000 rows |", "|---:|---:|---:|"];
for (const rows of IMPORT_ROWS) {
  const r = results[`import.staff.${rows}`];
  importRows.push(`| ${rows} | ${cell(`import.staff.${rows}`)} | ${r && !r.error && r.medianMs ? fmtMs((r.medianMs / rows) * 1000) : "n/a"} |`);
}
const [rowsA, rowsB] = IMPORT_ROWS;
const importA = results[`import.staff.${rowsA}`]?.medianMs;
const importB = results[`import.staff.${rowsB}`]?.medianMs;
const importGrowth = importA && importB ? importB / importA / (rowsB / rowsA) : null;
targets.push({ label: `import growth ${rowsA} → ${rowsB} rows (time ratio ÷ size ratio)`, ratio: importGrowth, limit: 1.25, met: importGrowth === null ? null : importGrowth <= 1.25 });
importRows.push("", `Import growth ${rowsA} → ${rowsB} rows: ${importGrowth === null ? "n/a" : importGrowth.toFixed(2)} (time ratio ÷ size ratio; 1.00 is linear, fixed costs make it smaller; target ≤ 1.25: ${verdict(importGrowth === null ? null : importGrowth <= 1.25)}).`);

const notes = [
  `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB RAM, Node ${info.node} (${info.platform}).`,
  `Medians of ${RUNS.startup} runs (start-up), ${RUNS.big} runs (${bigLabel}) and ${RUNS.small} runs (smaller repositories), each a separate process; repositories from \`scripts/generate.mjs --seed ${SEED}\`.`,
  `Cold: the cache folder (CHANNEL_CACHE_DIR) emptied before each run${noCache ? " and `--no-cache` passed" : " (this build does not know `--no-cache`)"}. Warm: the cache filled by one run of each command first.`,
  "Parse floor: one Node process reading every data file and parsing it with js-yaml. ajv: the same plus ajv (2020-12, allErrors) validating each value against schemas/*.json compiled at run time — the inline equivalent of ajv-cli, which reads YAML 1.1 (js-yaml 3) and cannot read these files as the CLI does.",
  `JSON.parse floor: one .json file per data file (${jsonDir}), each file's value, read and JSON.parsed in one process.`,
  `Peak memory: ${MEMORY_METHOD}. Linear growth: time(${nB}) / time(${nA}) ÷ (${nB} / ${nA}) = ${growth === null ? "n/a" : growth.toFixed(2)} (1.00 is exactly linear; target ≤ 1.25: ${verdict(growth === null ? null : growth <= 1.25)}).`,
];
const loadAfter = os.loadavg()[0];
const warnings = [];
if (Math.max(loadBefore, loadAfter) > info.cores / 2) {
  warnings.push(`the machine was busy (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${info.cores} cores): other processes were running, so times and ratios are noisy`);
}
if (!noCache) warnings.push("the CLI does not accept `--no-cache` yet; cold runs only emptied the cache folder");
if (cacheFiles === 0) warnings.push("the cache folder stayed empty after the warm-up runs: this build keeps no cache in CHANNEL_CACHE_DIR, so warm runs are cold runs");
if (repoEntriesAfter !== repoEntriesBefore) warnings.push(`the CLI wrote into the data repository (${repoEntriesAfter}); is CHANNEL_CACHE_DIR honoured?`);
if (ajvSummary.invalid) warnings.push(`the ajv baseline found ${ajvSummary.invalid} of ${ajvSummary.files} files invalid (the generated repository should be clean)`);
if (!fs.existsSync(FORMATS_MODULE)) warnings.push("the ajv baseline used approximations of the channel formats (dist/validate/formats.js is missing)");
for (const [name, r] of Object.entries(results)) if (r.error) warnings.push(`${name} failed: ${r.error}`);

const out = [
  "",
  `## Performance (${QUICK ? "quick run: 10 and 50 branches" : "full run"})`,
  "",
  ...rows,
  "",
  "Cold `validate` by repository size:",
  "",
  ...scaleRows,
  "",
  `\`import staff\` of a generated sheet (every tenth person twice) into the ${SIZES[0]}-branch repository, cold:`,
  "",
  ...importRows,
  "",
  ...notes.map((n) => `- ${n}`),
  ...(warnings.length ? ["", "Warnings:", ...warnings.map((w) => `- ${w}`)] : []),
  "",
  `Startup cold cache (informational): ${cell("startupCold.channel")}. Bench took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
];
console.log(out.join("\n"));

if (opts.json) {
  const raw = { date: new Date().toISOString(), quick: QUICK, machine: info, loadAverage: { before: loadBefore, after: loadAfter }, seed: SEED, sizes: SIZES, runs: RUNS, noCacheOption: noCache, memoryMethod: MEMORY_METHOD, cacheFilesAfterWarmUp: cacheFiles, repositories: repos, jsonDir, ajv: ajvSummary, results, targets, warnings };
  fs.writeFileSync(path.resolve(opts.json), JSON.stringify(raw, null, 2));
  log(`raw numbers written to ${path.resolve(opts.json)}`);
}
const failed = targets.some((t) => t.met === false) || Object.values(results).some((r) => r.error);
log(failed ? "some targets are not met (see the table)" : "every target is met");
