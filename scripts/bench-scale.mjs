// The head-office scale benchmark of issue 29: `npm run bench -- --branches N [--dir DIR]`.
//
// Generates (once, reused) a repository of N branches with scripts/generate.mjs in DIR
// (default <tmpdir>/channel-bench-scale; never inside the source tree: 2,000 branches are
// ~190 MB), then runs each command once as its own process under /usr/bin/time and prints CPU
// seconds (user + sys: on a shared machine the comparable figure), wall seconds, the ratio of
// CPU to the command's floor and the peak resident memory:
//   - cold validate, and bonus with nothing cached / the js-yaml parse floor (read every file, js-yaml load, one process)
//   - warm followups, bonus, report summary / the JSON.parse floor (one .json per data file, read and parsed),
//     taken right before each
//   - log (one contact)        / `channel --version`, and against the same log on a 20-branch repository
//                                (median of 5 runs taken in turn with the 20-branch ones; and once --no-cache)
//   - audit, cold and again, after a validate of the same copy, and again / `git log -p` over the same history (a git copy of the repository, 2 commits),
//     taken right before each
// The load average before and after is printed with the table: figures taken at load 20 on
// 2 cores are not those of a quiet machine.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { commitBenchHistory, WALK_SOURCE } from "./bench-shared.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "bin", "channel");
const SEED = 1;
const AS_OF = "2012-03-20";
const MONTH_END = "2012-03-31";

const say = (message) => process.stderr.write(`[bench-scale ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function walk(dir, ext, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, ext, out);
    else if (entry.isFile() && entry.name.endsWith(ext)) out.push(abs);
  }
  return out;
}

function ensureRepo(work, branches) {
  const dir = path.join(work, `repo-b${branches}`);
  if (fs.existsSync(path.join(dir, "channel.yaml")) && fs.existsSync(`${dir}.done`)) return dir;
  say(`generating ${branches} branches into ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "generate.mjs"), "--branches", String(branches), "--seed", String(SEED), "--out", dir], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("generate.mjs failed");
  fs.writeFileSync(`${dir}.done`, "");
  return dir;
}

/** One .json per data file (js-yaml's value of it): what the JSON.parse floor reads. */
async function ensureJsonMirror(repo) {
  const dir = `${repo}-json`;
  if (fs.existsSync(`${dir}.done`)) return dir;
  say(`writing the JSON copy of ${repo} into ${dir}`);
  const { load } = await import(import.meta.resolve("js-yaml"));
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of walk(repo, ".yaml")) {
    const target = path.join(dir, path.relative(repo, file).replace(/\.yaml$/, ".json"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(load(fs.readFileSync(file, "utf8"))));
  }
  fs.writeFileSync(`${dir}.done`, "");
  return dir;
}

/** A git copy of the repository: the data committed on 2012-03-01, one change on 2012-04-15. */
function ensureGitRepo(repo) {
  const dir = `${repo}-git`;
  if (fs.existsSync(`${dir}.done`)) return dir;
  say(`committing ${repo} to git in ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(repo, dir, { recursive: true });
  commitBenchHistory(dir, path.dirname(dir));
  fs.writeFileSync(`${dir}.done`, "");
  return dir;
}

function writeFloors(work) {
  const jsYaml = JSON.stringify(import.meta.resolve("js-yaml"));
  const floors = {
    yaml: `import * as fs from "node:fs";\nimport * as path from "node:path";\nconst { load } = await import(${jsYaml});\n${WALK_SOURCE}\nconst values = [];\nfor (const file of walk(process.argv[2], ".yaml")) values.push(load(fs.readFileSync(file, "utf8")));\nconsole.log(values.length);\n`,
    json: `import * as fs from "node:fs";\nimport * as path from "node:path";\n${WALK_SOURCE}\nconst values = [];\nfor (const file of walk(process.argv[2], ".json")) values.push(JSON.parse(fs.readFileSync(file, "utf8")));\nconsole.log(values.length);\n`,
  };
  const dir = path.join(work, "scripts");
  fs.mkdirSync(dir, { recursive: true });
  const paths = {};
  for (const [name, source] of Object.entries(floors)) {
    paths[name] = path.join(dir, `${name}-floor.mjs`);
    fs.writeFileSync(paths[name], source);
  }
  return paths;
}

const TIME_FILE = path.join(os.tmpdir(), `channel-bench-scale-time-${process.pid}`);

/** How many runs of log on 20 and on N branches, taken in turn. */
const LOG_PAIRS = 5;

/** The run of median CPU among `runs` (all of them successful, else the first that failed). */
function median(runs) {
  const failed = runs.find((r) => !r.ok);
  if (failed !== undefined) return failed;
  return [...runs].sort((a, b) => a.cpu - b.cpu)[Math.floor(runs.length / 2)];
}

/** One run under /usr/bin/time: CPU (user + sys) and wall seconds, peak RSS in MB, exit status. */
function run(command, args, env, expect = [0]) {
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S %e %M", "-o", TIME_FILE, command, ...args], { stdio: ["ignore", "ignore", "pipe"], env, maxBuffer: 256 * 2 ** 20 });
  const [user, sys, wall, rssKiB] = fs.readFileSync(TIME_FILE, "utf8").trim().split("\n").pop().split(" ").map(Number);
  const ok = expect.includes(r.status);
  if (!ok) say(`  exit ${r.status}: ${String(r.stderr).trim().split("\n").slice(-3).join(" / ")}`);
  return { cpu: user + sys, wall, rssMB: rssKiB / 1024, status: r.status, ok };
}

export async function runScale({ branches, dir }) {
  if (!fs.existsSync("/usr/bin/time")) throw new Error("bench --branches needs /usr/bin/time (GNU time) for CPU seconds and peak memory");
  const work = path.resolve(dir ?? path.join(os.tmpdir(), "channel-bench-scale"));
  fs.mkdirSync(work, { recursive: true });
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "channel-bench-scale-cache-"));
  process.on("exit", () => {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(TIME_FILE, { force: true });
  });
  const env = { ...process.env, NO_COLOR: "1", CHANNEL_CACHE_DIR: cache };
  delete env.FORCE_COLOR;
  const repo = ensureRepo(work, branches);
  const small = ensureRepo(work, 20);
  const jsonDir = await ensureJsonMirror(repo);
  const gitDir = ensureGitRepo(repo);
  const floors = writeFloors(work);
  const node = process.execPath;
  const loadBefore = os.loadavg();
  const rows = [];
  const row = (name, result, floorName, floor) => {
    rows.push({ name, ...result, floorName, ratio: floor && floor.ok && floor.cpu > 0 ? result.cpu / floor.cpu : null });
    say(`${name}: ${result.cpu.toFixed(2)} s CPU, ${result.wall.toFixed(2)} s wall, ${result.rssMB.toFixed(0)} MB${result.ok ? "" : ` (exit ${result.status})`}`);
  };
  // A person of the middle branch of each repository, for `log`.
  const personOf = (repoDir) => {
    const folders = fs.readdirSync(path.join(repoDir, "branches")).sort();
    const folder = folders[Math.floor(folders.length / 2)];
    return /^ {2}- id: (\S+)/m.exec(fs.readFileSync(path.join(repoDir, "branches", folder, "staff.yaml"), "utf8"))[1];
  };

  say(`${branches} branches: ${repo}`);
  const yamlFloor = run(node, [floors.yaml, repo], env);
  row("js-yaml parse floor", yamlFloor);
  fs.rmSync(cache, { recursive: true, force: true });
  // A rule command with nothing cached: every file checked and the model built from them.
  row("bonus (cold: nothing cached)", run(BIN, ["bonus", "--data", repo, "--as-of", MONTH_END, "--format", "json"], env), "js-yaml floor", yamlFloor);
  fs.rmSync(cache, { recursive: true, force: true });
  row("validate (cold)", run(BIN, ["validate", "--data", repo], env, [0, 1]), "js-yaml floor", yamlFloor);
  row("followups (model not cached yet)", run(BIN, ["followups", "--data", repo, "--as-of", AS_OF, "--format", "json"], env), "js-yaml floor", yamlFloor);
  // Each warm command beside a JSON.parse floor taken right before it (as each audit beside its
  // `git log -p`, below): on a shared machine a floor taken minutes earlier says little.
  const warmRow = (name, args) => {
    const floor = run(node, [floors.json, jsonDir], env);
    row("JSON.parse floor", floor);
    row(name, run(BIN, [...args, "--data", repo], env), "JSON floor", floor);
  };
  warmRow("followups (warm)", ["followups", "--as-of", AS_OF, "--format", "json"]);
  warmRow("bonus (warm)", ["bonus", "--as-of", MONTH_END, "--format", "json"]);
  warmRow("report summary (warm)", ["report", "summary", "--as-of", MONTH_END]);
  warmRow("expenses (warm)", ["expenses", "--as-of", MONTH_END, "--format", "csv"]);
  warmRow("coverage (warm)", ["coverage", "--as-of", MONTH_END]);
  const version = run(BIN, ["--version"], env);
  row("channel --version", version);
  // log writes an entry into the branch's activities.yaml: the bench's own repositories only.
  // Each repository has one log first (its people index settled, as on a user's second log);
  // then LOG_PAIRS runs on 20 and on N branches taken in turn, the median of each reported: one
  // run of under a second is too noisy on a shared machine to compare (issue 29).
  const logArgs = (repoDir) => ["log", personOf(repoDir), "--kind", "call", "--as-of", AS_OF, "--date", AS_OF, "--note", "bench", "--data", repoDir];
  run(BIN, logArgs(small), env);
  run(BIN, logArgs(repo), env);
  const smallRuns = [];
  const bigRuns = [];
  for (let i = 0; i < LOG_PAIRS; i++) {
    smallRuns.push(run(BIN, logArgs(small), env));
    bigRuns.push(run(BIN, logArgs(repo), env));
  }
  const logSmall = median(smallRuns);
  row(`log, one contact, 20 branches (warm, median of ${LOG_PAIRS})`, logSmall, "--version", version);
  row(`log, one contact (warm, median of ${LOG_PAIRS})`, median(bigRuns), "--version", version);
  const logRow = rows[rows.length - 1];
  // Without the index (a first log on a machine, or --no-cache): every staff/prospects file is parsed.
  row("log, one contact, --no-cache (cold)", run(BIN, [...logArgs(repo), "--no-cache"], env), "js-yaml floor", yamlFloor);
  // The floor right before each audit: on a shared machine its speed moves by a third from
  // minute to minute, and a ratio is only as good as its two figures taken together.
  const auditRow = (name, auditEnv) => {
    const floor = run("git", ["-C", gitDir, "log", "-p", "--no-color"], env);
    row("git log -p floor", floor);
    row(name, run(BIN, ["audit", "--data", gitDir, "--as-of", "2012-04-30"], auditEnv, [0, 1]), "git log -p", floor);
  };
  auditRow("audit", env);
  // The same audit again with no validate between: the cold one kept its files' checks.
  auditRow("audit (again, after the cold one)", env);
  // Issue 29: the same audit once a command has cached the work tree (its files are the as-of
  // commit's), as when head office audits the repository it works in: no file is parsed again.
  // In a cache of its own, so that nothing the cold audit kept is there: a first audit after the
  // validate, then the same audit again (as in another format, or next month for the deadline's
  // commit), which finds the checks across files of both commits kept.
  const warmEnv = { ...env, CHANNEL_CACHE_DIR: path.join(cache, "warm") };
  run(BIN, ["validate", "--data", gitDir], warmEnv, [0, 1]);
  auditRow("audit (warm: after validate of the same copy)", warmEnv);
  auditRow("audit (warm, again)", warmEnv);
  const loadAfter = os.loadavg();

  const lines = [];
  lines.push(`channel scale bench: ${branches} branches (${walk(repo, ".yaml").length} files), ${os.cpus().length} cores, Node ${process.version}`);
  lines.push(`load average before ${loadBefore.map((x) => x.toFixed(1)).join(" ")}, after ${loadAfter.map((x) => x.toFixed(1)).join(" ")}`);
  lines.push("");
  lines.push("| command | CPU s | wall s | × floor (CPU) | peak MB |");
  lines.push("|---|---:|---:|---|---:|");
  for (const r of rows) {
    const ratio = r.ratio === null ? "" : `${r.ratio.toFixed(2)} × ${r.floorName}`;
    lines.push(`| ${r.name}${r.ok ? "" : ` **exit ${r.status}**`} | ${r.cpu.toFixed(2)} | ${r.wall.toFixed(2)} | ${ratio} | ${r.rssMB.toFixed(0)} |`);
  }
  if (logSmall.ok && logRow.ok) lines.push(`\nlog at ${branches} branches / log at 20 branches (CPU): ${(logRow.cpu / logSmall.cpu).toFixed(2)}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
