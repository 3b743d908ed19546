// The import benchmark of issue 29: `npm run bench -- --import [--rows 20000,200000] [--dir DIR]
// [--kinds staff,prospects] [--profile] [--bin OTHER/bin/channel] [--repo A_20_BRANCH_REPO]`.
//
// A department's sheet of N rows (CSV, UTF-8 with a BOM, written once per N and kind, the same
// bytes every time) is imported into the first branch of a 20-branch repository from
// scripts/generate.mjs --seed 1 (or a copy of --repo): as a dry run, then with --apply on a
// fresh copy of the repository. Each run is its own process under /usr/bin/time: CPU seconds
// (user + sys: on a shared machine the comparable figure), wall seconds, peak resident memory.
//
// The floor, "reading the file", is a plain Node script run on the same sheet: it reads the
// bytes, decodes them as UTF-8 (without the BOM) and splits them into records and cells as RFC
// 4180 says (quoted cells may hold commas, quotes and line breaks), in one process, and prints
// the number of records. It does not use channel's own reader, so a slow reader shows up in
// the ratio rather than in the floor.
//
// 200,000 staff rows make a branch file of about 37 MB, over the 10 MB every command reads: the
// import refuses them (exit 1, nothing written) once it has read and matched the sheet and made
// the would-be text, whose size it checks before the records, so that row measures those steps,
// in both runs: not an import of 200,000 rows, which no branch's file may hold.
//
// --profile runs each import once more with --cpu-prof and prints the functions with the most
// self time (and the garbage collector's share).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEED = 1;
const AS_OF = "2012-03-20";

const say = (message) => process.stderr.write(`[bench-import ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红"];
// Cell values that a YAML writer must quote or escape to read them back as the same text.
const HOBBIES = ["读书", "钓鱼、旅游", "yes", "on", "足球: 周末", "#1 太极", '喝"茶"', "1.5", "2012-03-01", "null", "- 跑步", "'书法'", "羽毛球, 游泳"];
const NOTES = ["", "", "", "老客户介绍", "周三 例会", "no", "~", "电话: 0755-1234", "备注 # 重要", "  前面有空格", "\\n 不是换行"];

/** The n-th distinct name: a surname and one or more given characters (base-30 digits of n). */
function nameOf(n) {
  let name = SURNAMES[n % SURNAMES.length];
  for (let k = n; ; k = Math.floor(k / GIVEN.length)) {
    name += GIVEN[k % GIVEN.length];
    if (k < GIVEN.length) break;
  }
  return name;
}

/** A cell as a CSV writer writes it: quoted when it holds a comma, a quote or a line break. */
function csvCell(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const SHEETS = {
  staff: {
    header: ["姓名", "职务", "手机", "性别", "生日", "入行时间", "兴趣爱好", "备注"],
    row: (i) => [nameOf(i), ["理财经理", "柜员", "大堂经理", "客服", "职员"][i % 5], `139${String(i).padStart(8, "0")}`, i % 2 ? "男" : "女", `19${60 + (i % 40)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`, `20${String(i % 12).padStart(2, "0")}-03-01`, HOBBIES[i % HOBBIES.length], NOTES[i % NOTES.length]],
  },
  prospects: {
    header: ["客户姓名", "客户类型", "手机", "性别", "年龄", "月收入", "来源", "地址", "备注"],
    row: (i) => [nameOf(i), ["普通", "重点客户", "有价值"][i % 3], `138${String(i).padStart(8, "0")}`, i % 2 ? "男" : "女", String(25 + (i % 50)), `${1 + (i % 9)}万`, ["转介绍", "网点活动", "临柜"][i % 3], `深圳市福田区${i % 100}号`, NOTES[i % NOTES.length]],
  },
};

/**
 * `rows` data rows of a kind: every tenth row repeats the row before it without a phone (a
 * duplicate by name, skipped as a department's sheet would have it), the others are new people.
 */
export function ensureImportSheet(work, kind, rows) {
  const file = path.join(work, `import-${kind}-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  const sheet = SHEETS[kind];
  const lines = [sheet.header.join(",")];
  let person = 0;
  for (let i = 0; i < rows; i++) {
    if (i % 10 === 9) {
      const again = sheet.row(person - 1);
      again[2] = "";
      lines.push(again.map(csvCell).join(","));
    } else lines.push(sheet.row(person++).map(csvCell).join(","));
  }
  fs.writeFileSync(`${file}.tmp`, `\uFEFF${lines.join("\r\n")}\r\n`);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

const FLOOR_SOURCE = `import * as fs from "node:fs";
const bytes = fs.readFileSync(process.argv[2]);
const text = new TextDecoder("utf-8").decode(bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0));
// RFC 4180: records end at a line break outside quotes; "" inside quotes is one quote.
const records = [];
let cells = [];
let i = 0;
while (i <= text.length) {
  if (text[i] === '"') {
    let cell = "";
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) { cell += text.slice(j); j = text.length; break; }
      cell += text.slice(j, q);
      if (text[q + 1] === '"') { cell += '"'; j = q + 2; } else { j = q + 1; break; }
    }
    cells.push(cell);
    i = j;
  } else {
    let j = i;
    while (j < text.length && text[j] !== "," && text[j] !== "\\r" && text[j] !== "\\n") j++;
    cells.push(text.slice(i, j));
    i = j;
  }
  if (text[i] === ",") { i++; continue; }
  if (cells.length > 1 || cells[0] !== "") records.push(cells);
  cells = [];
  if (text[i] === "\\r" && text[i + 1] === "\\n") i += 2; else i++;
}
console.log(records.length);
`;

const TIME_FILE = path.join(os.tmpdir(), `channel-bench-import-time-${process.pid}`);

/** One run under /usr/bin/time: CPU (user + sys) and wall seconds, peak RSS in MB, exit status. */
function run(command, args, env, expect = [0, 1]) {
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S %e %M", "-o", TIME_FILE, command, ...args], { stdio: ["ignore", "ignore", "pipe"], env, maxBuffer: 256 * 2 ** 20 });
  const [user, sys, wall, rssKiB] = fs.readFileSync(TIME_FILE, "utf8").trim().split("\n").pop().split(" ").map(Number);
  const ok = expect.includes(r.status);
  if (!ok) say(`  exit ${r.status}: ${String(r.stderr).trim().split("\n").slice(-3).join(" / ")}`);
  return { cpu: user + sys, wall, rssMB: rssKiB / 1024, status: r.status, ok };
}

/** The functions with the most self time in a .cpuprofile, and the garbage collector's share. */
function profileSummary(file, top = 12) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  let total = 0;
  for (const [id, count] of counts) {
    const node = byId.get(id);
    const frame = node.callFrame;
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + count);
    total += count;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([name, count]) => `    ${((100 * count) / total).toFixed(1).padStart(5)} %  ${name}`)
    .join("\n");
}

function ensureRepo(work, from) {
  const dir = path.join(work, "repo-b20");
  if (fs.existsSync(`${dir}.done`)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  if (from !== undefined) {
    fs.cpSync(from, dir, { recursive: true });
    // A shared repository may be read-only; its copy is written by --apply.
    spawnSync("chmod", ["-R", "u+w", dir]);
  }
  else {
    say(`generating 20 branches into ${dir}`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "generate.mjs"), "--branches", "20", "--seed", String(SEED), "--out", dir], { stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error("generate.mjs failed");
  }
  fs.writeFileSync(`${dir}.done`, "");
  return dir;
}

export async function runImportBench({ rows = [20_000, 200_000], kinds = ["staff"], dir, bin, repo: from, profile = false }) {
  if (!fs.existsSync("/usr/bin/time")) throw new Error("bench --import needs /usr/bin/time (GNU time) for CPU seconds and peak memory");
  const work = path.resolve(dir ?? path.join(os.tmpdir(), "channel-bench-import"));
  fs.mkdirSync(work, { recursive: true });
  const channel = path.resolve(bin ?? path.join(ROOT, "bin", "channel"));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "channel-bench-import-cache-"));
  const scratch = path.join(work, "apply");
  process.on("exit", () => {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(TIME_FILE, { force: true });
  });
  const env = { ...process.env, NO_COLOR: "1", CHANNEL_CACHE_DIR: cache };
  delete env.FORCE_COLOR;
  const repo = ensureRepo(work, from);
  const branch = fs.readdirSync(path.join(repo, "branches")).sort()[0];
  const floorScript = path.join(work, "read-csv-floor.mjs");
  fs.writeFileSync(floorScript, FLOOR_SOURCE);
  const loadBefore = os.loadavg();
  const results = [];
  for (const kind of kinds) {
    for (const n of rows) {
      const sheet = ensureImportSheet(work, kind, n);
      const args = ["import", kind, "--branch", branch, "--from", sheet, "--as-of", AS_OF, "--lang", "zh"];
      const floor = run(process.execPath, [floorScript, sheet], env, [0]);
      fs.rmSync(cache, { recursive: true, force: true });
      const dry = run(channel, [...args, "--data", repo], env);
      fs.rmSync(scratch, { recursive: true, force: true });
      fs.cpSync(repo, scratch, { recursive: true });
      fs.rmSync(cache, { recursive: true, force: true });
      const apply = run(channel, [...args, "--apply", "--data", scratch], env);
      const written = fs.statSync(path.join(scratch, "branches", branch, `${kind}.yaml`)).size;
      const result = { kind, rows: n, sheetBytes: fs.statSync(sheet).size, writtenBytes: written, floor, dry, apply };
      results.push(result);
      say(`${kind} ${n}: floor ${floor.cpu.toFixed(2)} s; dry run ${dry.cpu.toFixed(2)} s CPU ${dry.rssMB.toFixed(0)} MB; --apply ${apply.cpu.toFixed(2)} s CPU ${apply.rssMB.toFixed(0)} MB`);
      if (profile) {
        for (const [label, target] of [["dry run", repo], ["--apply", scratch]]) {
          if (label === "--apply") {
            fs.rmSync(scratch, { recursive: true, force: true });
            fs.cpSync(repo, scratch, { recursive: true });
          }
          const profDir = path.join(work, `profile-${kind}-${n}-${label === "dry run" ? "dry" : "apply"}`);
          fs.rmSync(profDir, { recursive: true, force: true });
          fs.rmSync(cache, { recursive: true, force: true });
          // Node 20 refuses --cpu-prof in NODE_OPTIONS: the launcher runs under node itself.
          spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profDir}`, channel, ...args, ...(label === "--apply" ? ["--apply"] : []), "--data", target], { stdio: "ignore", env });
          const profFile = fs.existsSync(profDir) ? fs.readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile")).sort()[0] : undefined;
          if (profFile === undefined) say(`  no CPU profile was written into ${profDir}`);
          if (profFile !== undefined) process.stderr.write(`  profile, ${kind} ${n} ${label} (${path.join(profDir, profFile)}):\n${profileSummary(path.join(profDir, profFile))}\n`);
        }
      }
    }
  }
  const loadAfter = os.loadavg();
  const lines = [];
  lines.push(`channel import bench: into ${branch} of a 20-branch repository, ${os.cpus().length} cores, Node ${process.version}`);
  lines.push(`load average before ${loadBefore.map((x) => x.toFixed(1)).join(" ")}, after ${loadAfter.map((x) => x.toFixed(1)).join(" ")}`);
  lines.push("floor: read the sheet, decode UTF-8, split into records and cells (RFC 4180), one Node process");
  lines.push("");
  lines.push("| kind | rows | sheet MB | floor CPU s | dry run CPU s / wall s / peak MB | × floor | --apply CPU s / wall s / peak MB | × floor | KB peak per row (--apply) |");
  lines.push("|---|---:|---:|---:|---|---:|---|---:|---:|");
  for (const r of results) {
    const cell = (x) => `${x.cpu.toFixed(2)} / ${x.wall.toFixed(2)} / ${x.rssMB.toFixed(0)}${x.ok ? "" : ` **exit ${x.status}**`}`;
    const ratio = (x) => (r.floor.cpu > 0 ? `${(x.cpu / r.floor.cpu).toFixed(2)}` : "n/a");
    lines.push(`| ${r.kind} | ${r.rows} | ${(r.sheetBytes / 2 ** 20).toFixed(1)} | ${r.floor.cpu.toFixed(2)} | ${cell(r.dry)} | ${ratio(r.dry)} | ${cell(r.apply)} | ${ratio(r.apply)} | ${((r.apply.rssMB * 1024) / r.rows).toFixed(1)} |`);
  }
  for (const kind of kinds) {
    const mine = results.filter((r) => r.kind === kind);
    if (mine.length >= 2) {
      const [a, b] = [mine[0], mine[mine.length - 1]];
      const growth = (x, y) => (x > 0 ? (y / x).toFixed(1) : "n/a");
      lines.push(`\n${kind}: ×${(b.rows / a.rows).toFixed(0)} rows → --apply CPU ×${growth(a.apply.cpu, b.apply.cpu)}, peak memory ×${growth(a.apply.rssMB, b.apply.rssMB)}; dry run CPU ×${growth(a.dry.cpu, b.dry.cpu)}`);
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return results;
}
