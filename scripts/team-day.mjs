#!/usr/bin/env node
// A scripted day of two channel workers on two clones of one repository (a copy of
// data-example), merged both ways, first with git's ordinary line merge, then with the merge
// driver: how many files and blocks conflict, how many of those are real (the same field of the
// same record set to two values on both sides), and how many entries the driver's merge lost
// against the union of both sides' changes (goal: 0). The changes are random but seeded: each
// worker logs contacts (`channel log`), sets follow-up dates (`log --next`), adds prospects (as
// `channel add` writes them), corrects fields by hand and deletes a wrong contact now and then.
//
//   node scripts/team-day.mjs [--changes 40] [--seed 1] [--keep]
//   node scripts/team-day.mjs --driver-time /tmp/hq    # the driver's time on the largest activities.yaml there
//
// Uses the built CLI (npm run build) and git, with its own HOME and no system configuration.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { seededRandom } from "./seeded-random.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "bin", "channel");
const { values } = parseArgs({
  options: {
    changes: { type: "string", default: "40" },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    "driver-time": { type: "string" },
  },
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), "channel-team-day-"));
const env = { ...process.env, HOME: work, XDG_CONFIG_HOME: path.join(work, ".config"), GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: path.join(work, "gitconfig"), LANG: "C", NO_COLOR: "1" };
for (const k of Object.keys(env)) if (k.startsWith("GIT_") && !["GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL"].includes(k)) delete env[k];
process.on("exit", () => (values.keep ? console.error(`kept ${work}`) : fs.rmSync(work, { recursive: true, force: true })));

function run(cmd, args, cwd, allowFail = false) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}): ${r.stdout}${r.stderr}`);
  return r;
}
const git = (cwd, args, allowFail) => run("git", ["-c", "user.name=测试", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], cwd, allowFail);
const channel = (cwd, args) => run(process.execPath, [BIN, ...args, "--lang", "en"], cwd);

if (values["driver-time"]) {
  driverTime(path.resolve(values["driver-time"]));
  process.exit(0);
}

const random = seededRandom(values.seed);
const pick = (list) => list[Math.floor(random() * list.length)];

// The repository: data-example, with .gitattributes (channel init adds it), committed.
const seed = path.join(work, "seed");
fs.cpSync(path.join(ROOT, "data-example"), seed, { recursive: true });
git(seed, ["init", "-q"]);
channel(seed, ["init", "."]);
git(seed, ["add", "-A"]);
git(seed, ["commit", "-q", "-m", "the department's repository"]);
const branches = fs.readdirSync(path.join(seed, "branches")).sort();
// The branches people work at: those with a contact log and prospects.
const workBranches = branches.filter((b) => ["activities.yaml", "prospects.yaml"].every((f) => fs.existsSync(path.join(seed, "branches", b, f))));
const workers = { a: path.join(work, "li-na"), b: path.join(work, "sun-lei") };
for (const dir of Object.values(workers)) {
  git(work, ["clone", "-q", seed, dir]);
  channel(dir, ["hook", "install"]);
}

const read = (dir, rel) => fs.readFileSync(path.join(dir, rel), "utf8");
const write = (dir, rel, text) => fs.writeFileSync(path.join(dir, rel), text);
function ids(dir, branch, file, key) {
  const text = read(dir, `branches/${branch}/${file}`);
  const data = parseDocument(text).toJS() ?? {};
  return (data[key] ?? []).map((r) => r.id).filter((id) => typeof id === "string");
}

/** A field set as a person does in an editor: the value's bytes replaced, or a line added at the record's end. */
function setField(text, id, field, value) {
  const doc = parseDocument(text);
  const list = doc.get("prospects", true);
  if (!isSeq(list)) return null;
  const map = list.items.find((i) => isMap(i) && i.get("id") === id);
  if (!isMap(map) || map.flow) return null;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === field);
  if (pair?.value?.range && isScalar(pair.value)) return text.slice(0, pair.value.range[0]) + value + text.slice(pair.value.range[1]);
  if (pair) return null;
  const last = map.items[map.items.length - 1];
  const end = last.value?.range?.[1] ?? last.key.range[1];
  const at = text[end - 1] === "\n" ? end : text.indexOf("\n", end) + 1 || text.length;
  const keyStart = map.items[0].key.range[0];
  const indent = keyStart - (text.lastIndexOf("\n", keyStart - 1) + 1);
  return `${text.slice(0, at)}${" ".repeat(indent)}${field}: ${value}\n${text.slice(at)}`;
}

const KINDS = ["call", "visit", "wechat", "sms", "meal"];
const OCCUPATIONS = ["教师", "医生", "企业主", "公务员", "外贸公司老板", "退休"];
const day = (from, to) => `2012-03-${String(from + Math.floor(random() * (to - from + 1))).padStart(2, "0")}`;
const counts = { a: {}, b: {} };

/** One change by `who`; returns its kind, or null when it did not apply (and another is drawn). */
function change(who, dir, n) {
  const branch = pick(workBranches);
  const r = random();
  const prospects = ids(dir, branch, "prospects.yaml", "prospects");
  const staff = ids(dir, branch, "staff.yaml", "staff");
  if (r < 0.5) {
    const person = pick([...staff, ...prospects]);
    if (!person) return null;
    channel(dir, ["log", person, "--kind", pick(KINDS), "--note", `${who}-${n}`, "--date", day(15, 20), "--by", who === "a" ? "李娜" : "孙磊", "--as-of", "2012-03-20"]);
    return "log";
  }
  if (r < 0.7) {
    const person = pick(prospects);
    if (!person) return null;
    channel(dir, ["log", person, "--kind", "call", "--note", `${who}-${n} 约下次`, "--next", day(21, 31), "--date", "2012-03-20", "--as-of", "2012-03-20"]);
    return "next";
  }
  if (r < 0.8) {
    const rel = `branches/${branch}/prospects.yaml`;
    const text = read(dir, rel);
    write(dir, rel, `${text}${text.endsWith("\n") ? "" : "\n"}\n  - id: p-${who}-${n}\n    name: 新客户${n}\n    tier: basic\n`);
    return "add";
  }
  if (r < 0.95) {
    const person = pick(prospects);
    if (!person) return null;
    const rel = `branches/${branch}/prospects.yaml`;
    const [field, value] = random() < 0.5 ? ["phone", `"139${String(Math.floor(random() * 1e8)).padStart(8, "0")}"`] : ["occupation", pick(OCCUPATIONS)];
    const edited = setField(read(dir, rel), person, field, value);
    if (edited === null) return null;
    write(dir, rel, edited);
    return "edit";
  }
  // A wrong contact deleted: one of the lines the day started with.
  const rel = `branches/${branch}/activities.yaml`;
  const lines = read(dir, rel).split("\n");
  const base = new Set(read(seed, rel).split("\n"));
  const candidates = lines.map((l, i) => [l, i]).filter(([l]) => /^ {2}- \{date:/.test(l) && base.has(l));
  if (candidates.length === 0) return null;
  const [, i] = pick(candidates);
  lines.splice(i, 1);
  write(dir, rel, lines.join("\n"));
  return "delete";
}

const total = Number(values.changes);
for (const who of ["a", "b"]) {
  const dir = workers[who];
  for (let n = 1; n <= total; ) {
    const kind = change(who, dir, n);
    if (kind === null) continue;
    counts[who][kind] = (counts[who][kind] ?? 0) + 1;
    if (n % 10 === 0 || n === total) {
      git(dir, ["add", "-A"]);
      git(dir, ["commit", "-q", "-m", `${who} ${n}`]);
    }
    n++;
  }
}

// --- what the merge should hold: the base with both sides' changes -------------------------
const FILES = branches.flatMap((b) => ["activities.yaml", "prospects.yaml", "staff.yaml"].map((f) => `branches/${b}/${f}`)).filter((rel) => fs.existsSync(path.join(seed, rel)));
const dataOf = (text) => parseDocument(text, { version: "1.2" }).toJS() ?? {};
const canon = (v) => JSON.stringify(sortKeys(v));
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
const listKey = (rel) => (rel.endsWith("activities.yaml") ? "activities" : rel.endsWith("prospects.yaml") ? "prospects" : "staff");

/** Expected entries (activities: canonical entries; records: `id/field` → value) and the real conflicts. */
function expected(rel, [b, o, t]) {
  const key = listKey(rel);
  const [lb, lo, lt] = [b, o, t].map((text) => dataOf(text)[key] ?? []);
  if (key === "activities") {
    const [sb, so, st] = [lb, lo, lt].map((l) => new Set(l.map(canon)));
    return { entries: [...new Set([...so, ...st])].filter((e) => !(sb.has(e) && (!so.has(e) || !st.has(e)))), conflicts: [] };
  }
  const byId = (l) => new Map(l.map((r) => [r.id, r]));
  const [mb, mo, mt] = [lb, lo, lt].map(byId);
  const entries = [];
  const conflicts = [];
  for (const id of new Set([...mo.keys(), ...mt.keys()])) {
    const [rb, ro, rt] = [mb.get(id), mo.get(id), mt.get(id)];
    if (!ro || !rt) {
      const kept = ro ?? rt;
      if (!rb || canon(rb) !== canon(kept)) for (const f of Object.keys(kept)) entries.push([`${id}/${f}`, canon(kept[f])]);
      continue;
    }
    for (const f of new Set([...Object.keys(ro), ...Object.keys(rt)])) {
      const [vb, vo, vt] = [rb?.[f], ro[f], rt[f]].map((v) => (v === undefined ? undefined : canon(v)));
      if (vo === vt || vt === vb) { if (vo !== undefined) entries.push([`${id}/${f}`, vo]); }
      else if (vo === vb) { if (vt !== undefined) entries.push([`${id}/${f}`, vt]); }
      else conflicts.push(`${id}/${f}`);
    }
  }
  return { entries, conflicts };
}

/** The text as it reads with ours kept, and with theirs kept, in every conflict block. */
function sides(text) {
  let ours = "", theirs = "", state = "both";
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith("<<<<<<<")) state = "ours";
    else if (state === "ours" && line.startsWith("=======")) state = "theirs";
    else if (state === "theirs" && line.startsWith(">>>>>>>")) state = "both";
    else { if (state !== "theirs") ours += line; if (state !== "ours") theirs += line; }
  }
  return [ours, theirs];
}

/** Expected entries missing from a merged file (either side of a conflict counts as present). */
function lost(rel, merged, want) {
  const key = listKey(rel);
  const got = sides(merged).map((t) => { try { return dataOf(t)[key] ?? []; } catch { return null; } });
  if (got.some((g) => g === null)) return { lost: want.entries.length, unreadable: true };
  if (key === "activities") {
    const present = new Set(got.flat().map(canon));
    return { lost: want.entries.filter((e) => !present.has(e)).length };
  }
  const present = new Set(got.flat().flatMap((r) => Object.keys(r).map((f) => `${r.id}/${f}=${canon(r[f])}`)));
  return { lost: want.entries.filter(([k, v]) => !present.has(`${k}=${v}`)).length };
}

function merge(into, from, withDriver) {
  const attributes = path.join(into, ".git", "info", "attributes");
  fs.mkdirSync(path.dirname(attributes), { recursive: true });
  // Without the driver: git's own text merge for the data files, as in a clone that never registered it.
  fs.writeFileSync(attributes, withDriver ? "" : "branches/**/*.yaml merge=text\n");
  git(into, ["fetch", "-q", from, "HEAD"]);
  const started = Date.now();
  git(into, ["merge", "--no-edit", "-q", "FETCH_HEAD"], true);
  const ms = Date.now() - started;
  const conflicted = git(into, ["diff", "--name-only", "--diff-filter=U"]).stdout.split("\n").filter(Boolean);
  let blocks = 0;
  let lostEntries = 0;
  const real = new Set();
  const baseRev = git(into, ["merge-base", "HEAD", "FETCH_HEAD"]).stdout.trim();
  for (const rel of FILES) {
    const text = read(into, rel);
    blocks += (text.match(/^<<<<<<< /gm) ?? []).length;
    const three = [baseRev, "HEAD", "FETCH_HEAD"].map((rev) => git(into, ["show", `${rev}:${rel}`]).stdout);
    const want = expected(rel, three);
    want.conflicts.forEach((c) => real.add(`${rel}#${c}`));
    if (withDriver) lostEntries += lost(rel, text, want).lost;
  }
  if (conflicted.length > 0) git(into, ["merge", "--abort"]);
  else git(into, ["reset", "-q", "--hard", "HEAD~1"]);
  fs.writeFileSync(attributes, "");
  return { conflictedFiles: conflicted.length, blocks, realConflicts: real.size, lost: withDriver ? lostEntries : "-", ms };
}

const rows = [];
for (const [into, from, label] of [["a", "b", "李娜 pulls 孙磊 (A ← B)"], ["b", "a", "孙磊 pulls 李娜 (B ← A)"]]) {
  for (const withDriver of [false, true]) {
    rows.push({ merge: label, with: withDriver ? "merge driver" : "git's line merge", ...merge(workers[into], workers[from], withDriver) });
  }
}
console.log(`seed ${values.seed}; changes per worker: ${total} — 李娜 ${JSON.stringify(counts.a)}, 孙磊 ${JSON.stringify(counts.b)}`);
console.log("| merge | with | conflicted files | conflict blocks | real conflicts (same field, two values) | entries lost | merge time |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.merge} | ${r.with} | ${r.conflictedFiles} | ${r.blocks} | ${r.realConflicts} | ${r.lost} | ${r.ms} ms |`);

/** The driver on the largest activities.yaml of a repository: both sides append an entry, one corrects a note. */
function driverTime(repo) {
  let largest = null;
  for (const b of fs.readdirSync(path.join(repo, "branches"))) {
    const file = path.join(repo, "branches", b, "activities.yaml");
    if (fs.existsSync(file) && (!largest || fs.statSync(file).size > fs.statSync(largest).size)) largest = file;
  }
  const base = fs.readFileSync(largest, "utf8");
  const entries = (base.match(/^ {2}- /gm) ?? []).length;
  const ours = base + "  - {date: 2012-03-30, kind: call, with: [x], by: 李娜, note: 甲}\n";
  const theirsText = base + "  - {date: 2012-03-29, kind: visit, with: [y], by: 孙磊, note: 乙}\n";
  fs.writeFileSync(path.join(work, "O"), base);
  fs.writeFileSync(path.join(work, "B"), theirsText);
  const times = [];
  for (let i = 0; i < 5; i++) {
    fs.writeFileSync(path.join(work, "A"), ours);
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, "merge-driver", "O", "A", "B", "branches/x/activities.yaml"], { cwd: work, env, encoding: "utf8" });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (r.status !== 0) throw new Error(`merge-driver exit ${r.status}: ${r.stderr}`);
  }
  const merged = fs.readFileSync(path.join(work, "A"), "utf8");
  if (!merged.includes("note: 甲") || !merged.includes("note: 乙")) throw new Error("the merge lost an entry");
  times.sort((x, y) => x - y);
  console.log(`${path.relative(repo, largest)}: ${fs.statSync(largest).size} bytes, ${entries} entries; merge-driver (whole process) median ${times[2].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[4].toFixed(0)} ms over 5 runs`);
}
