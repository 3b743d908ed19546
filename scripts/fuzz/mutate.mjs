// The mutation half of the fuzzer (issue 7): a seeded random generator and the operators that
// turn a data repository into a damaged one — byte flips and inserts, deleted, duplicated and
// re-indented lines, truncation, git conflict markers, random Unicode (emoji, right-to-left),
// numbers with hundreds of digits, .nan/.inf in money fields, values at the edges of their
// type, 100,000-deep nesting, a 5 MB line. Pure: a corpus and a seed in, changed files out.
// Shared by scripts/fuzz.mjs and tests/fuzz/fuzz.test.ts (types in mutate.d.mts).
import * as fs from "node:fs";
import * as path from "node:path";

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same run. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    /** An integer in [lo, hi]. */
    range: (lo, hi) => lo + int(hi - lo + 1),
    pick: (list) => list[int(list.length)],
    chance: (p) => next() < p,
    /** Picks by weight from [[weight, value], …]. */
    weighted: (entries) => {
      const total = entries.reduce((sum, [w]) => sum + w, 0);
      let r = next() * total;
      for (const [w, value] of entries) {
        if ((r -= w) < 0) return value;
      }
      return entries[entries.length - 1][1];
    },
  };
}

/** The seed of mutant `index` in a run seeded with `seed`: mutants can be replayed one by one. */
export function mutantSeed(seed, index) {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

// ------------------------------------------------------------------------------------------
// The corpus

/** Every regular file of a repository folder, by relative path with `/`. */
export function readTree(root) {
  const files = new Map();
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.set(child, fs.readFileSync(path.join(root, child)));
    }
  };
  walk("");
  return files;
}

/** A base repository to mutate: its files, the data files among them, and names worth knowing. */
export function loadBase(name, root) {
  const files = readTree(root);
  const dataFiles = [...files.keys()].filter((rel) => rel === "channel.yaml" || rel === "departments.yaml" || /^branches\/[^/]+\/[^/]+$/.test(rel)).sort();
  const branches = [...new Set(dataFiles.map((rel) => /^branches\/([^/]+)\//.exec(rel)?.[1]).filter(Boolean))].sort();
  const ids = new Set();
  const departments = new Set();
  for (const rel of dataFiles) {
    const text = files.get(rel).toString("utf8");
    for (const m of text.matchAll(/\bid: ([a-z0-9][a-z0-9-]*)/g)) ids.add(m[1]);
    if (rel === "departments.yaml") for (const m of text.matchAll(/\bid: ([a-z0-9][a-z0-9-]*)/g)) departments.add(m[1]);
  }
  return { name, root, files, dataFiles, branches, ids: [...ids].sort(), departments: [...departments].sort() };
}

/** data-example and every folder of tests/fixtures that is a repository (holds channel.yaml). */
export function loadCorpus(projectRoot) {
  const bases = [loadBase("data-example", path.join(projectRoot, "data-example"))];
  const fixtures = path.join(projectRoot, "tests", "fixtures");
  for (const name of fs.readdirSync(fixtures).sort()) {
    if (fs.existsSync(path.join(fixtures, name, "channel.yaml"))) bases.push(loadBase(`fixtures/${name}`, path.join(fixtures, name)));
  }
  return bases;
}

// ------------------------------------------------------------------------------------------
// Interesting values, by the kind of field they go into

const digits = (rng, n) => {
  let s = String(rng.range(1, 9));
  while (s.length < n) s += String(rng.int(10));
  return s;
};

const MONEY_KEYS = /^(amount|asset_min|fund_min|ceiling|min|cap|deposits|assets_in|target|large_movement_min|income_monthly|sales|balance)$/;
const DATE_KEYS = /^(date|start|end|deadline|hq_registered|hq_reported|reviewed|joined|matures|next_followup|since|converted)$/;
const INT_KEYS = /^(version|window_days|overdue_days|leader_report_days|archive_review_days|maturity_lead_days|care_call_days|cadence_days|key|leader|influencer|resource|daily|external|per_branch_cap|total_cap|staff_count|vip_customers|new_accounts|ranking|age|daily_customers|rate)$/;
const ID_KEYS = /^(id|department|staff|customer|prospect)$/;
const ENUM_VALUES = {
  position: ["branch_head", "teller", "wealth_manager", "vip_wealth_manager", "security_guard", "wealth-manager", "理财经理", "Branch_Head"],
  kind: ["call", "visit", "report", "asset", "fund", "product", "large_movement", "staff_referral", "securities", "other", "Call", "电话"],
  tier: ["basic", "valuable", "vip"],
  gender: ["F", "M", "f", "女", "X"],
  key: ["true", "false", "yes", "on", "1"],
  am_covered: ["true", "false", "yes", "null"],
  important: ["true", "false", "1"],
  timezone: ["Asia/Shanghai", "UTC", "Etc/GMT-14", "Etc/GMT+12", "America/St_Johns", "Pacific/Kiritimati", "Mars/Olympus", '""', "+08:00", "asia/shanghai"],
};

function moneyValue(rng) {
  return rng.pick([
    () => rng.pick([".nan", ".NaN", ".NAN", ".inf", ".Inf", "-.inf", "+.inf", ".INF"]),
    () => rng.pick(['"NaN万"', '"Infinity"', '"inf万"', '"万"', '"元"', '"-5万"', '"2万万"', '"1e5万"', '"２万"', '"1,2,3"', '"1,200,000.999"', '"0.000000001万"', '"  2万  "']),
    () => rng.pick(["1e400", "-1", "0", "-0", "-0.0", "0.0000001", "1e-400", "0x10", "0o17", "+5", "12345678901234567890", "9007199254740993", "1.7976931348623157e308"]),
    () => digits(rng, rng.range(100, 800)),
    () => `"${digits(rng, rng.range(100, 800))}${rng.pick(["", "万", "亿", "元", "万元"])}"`,
    () => `${digits(rng, rng.range(20, 400))}.${digits(rng, rng.range(20, 400))}`,
    () => `"${rng.range(1, 9999)}.${digits(rng, rng.range(1, 30))}${rng.pick(["万", "亿", ""])}"`,
    () => `${rng.range(0, 99999999)}`,
  ])();
}

function dateValue(rng) {
  return rng.pick([
    () => rng.pick(["2012-02-29", "2011-02-29", "2012-02-30", "2012-04-31", "0000-01-01", "0001-01-01", "9999-12-31", "1900-01-01", "2100-02-28", "1969-12-31", "1583-10-10"]),
    () => rng.pick(["275760-09-13", "2012-3-1", "2012-13-01", "2012-00-10", "20120320", '"2012-03-20"', "2012-03-20T10:00", "2012-03-20 10:00", "2012-03-20Z", "2012/03/20", "二〇一二年三月"]),
    () => `${rng.range(2010, 2014)}-${String(rng.range(1, 12)).padStart(2, "0")}-${String(rng.range(1, 28)).padStart(2, "0")}`,
    () => `2012-03-${String(rng.range(1, 31)).padStart(2, "0")}`,
  ])();
}

function datetimeValue(rng) {
  return rng.pick([
    "2012-03-31 23:59:59", "2012-03-31 24:00", "2012-04-01 00:00", "2012-02-29T25:61", "9999-12-31 23:59:59", "0000-01-01 00:00",
    "2012-03-31 23:59:60", "2012-03-31T10:30:00Z", '"2012-03-31 10:30+08:00"', "2012-03-31", "2012-02-01 00:00:00", "2012-01-31 23:59:59",
    "2012-02-14 10:30", "2012-03-31T23:59:59.999", "2012-03-31 1:2", "12:30",
  ]);
}

function monthValue(rng) {
  return rng.pick(["2012-00", "2012-13", "0000-01", "9999-12", "2012-02", "2012-03", "2011-12", "2012-3", '"2012"', "2012-03-01", "1970-01"]);
}

function intValue(rng) {
  return rng.pick(["0", "-1", "1", "2", "1e9", "99999999999", "2147483648", "9007199254740993", "1.5", ".nan", ".inf", "36500", "100000", digits(rng, rng.range(100, 400)), "0x7fffffff", "-0"]);
}

function idValue(rng, base) {
  return rng.pick([
    () => rng.pick(base.ids.length > 0 ? base.ids : ["x"]),
    () => rng.pick(base.departments.length > 0 ? base.departments : ["d"]),
    () => rng.pick(["", '""', "A", "-x", "x_y", "王芳", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "0", "00", "a--b", "branches", "..", "."]),
    () => "a".repeat(rng.range(100, 5000)),
  ])();
}

function phoneValue(rng) {
  return rng.pick(["13800138000", '"138"', '"+86 13800138000"', '"0755-8300000"', '"0755-830000000"', "07558300000", `"${digits(rng, 200)}"`, '"１３８００１３８０００"', '"138 0013 8000"']);
}

function lunarValue(rng) {
  return rng.pick(['"闰04-15"', '"闰01-30"', '"12-30"', '"闰12-30"', '"00-00"', '"13-01"', '"闰06-30"', '"01-01"', '"02-30"', '"闰02-29"', "04-15", '"闰闰04-15"']);
}

function birthdayValue(rng) {
  return rng.pick(["--02-29", "--02-30", "1985-02-29", "1984-02-29", "--13-01", "0000-02-29", "--12-31", "--01-01", "9999-12-31", "1900-02-29", "2000-02-29", "---02-29", '"--06-15"']);
}

const UNICODE = [
  "😀", "👨‍👩‍👧‍👦", "🇨🇳", "🧧", "مرحبا", "שלום", "\u202E", "\u202Eabc\u202C", "\u200F", "\u200B", "\u200D", "\uFEFF", "\u2028", "\u2029", "\u0085",
  "\u0000", "\u0007", "\u001B[31m", "e\u0301\u0301\u0301", "𠀀𠮷", "：", "　", "\u00A0", "\t", "\r", "ｓｔａｆｆ", "Ǆ", "ß", "İ", "\uFFFD", "\uFFFF", "\uD83D\uDE00",
];

/** Another value of the same kind (or any kind) for `key`, as YAML text. */
function valueFor(rng, key, base) {
  if (rng.chance(0.15)) return genericValue(rng, base);
  if (MONEY_KEYS.test(key)) return moneyValue(rng);
  if (key === "at") return datetimeValue(rng);
  if (key === "birthday") return birthdayValue(rng);
  if (key === "lunar_birthday") return lunarValue(rng);
  if (key === "month" || key === "period") return monthValue(rng);
  if (DATE_KEYS.test(key)) return dateValue(rng);
  if (key === "phone") return phoneValue(rng);
  if (ID_KEYS.test(key)) return idValue(rng, base);
  if (key in ENUM_VALUES) return rng.pick(ENUM_VALUES[key]);
  if (INT_KEYS.test(key)) return intValue(rng);
  if (key === "with" || key === "eligible_positions" || key === "products" || key === "members") {
    return rng.pick([() => "[]", () => `[${base.ids.slice(0, rng.range(1, 4)).join(", ")}]`, () => `[${rng.pick(base.ids.length ? base.ids : ["x"])}, ${rng.pick(base.ids.length ? base.ids : ["x"])}]`, () => "~", () => "x"])();
  }
  return genericValue(rng, base);
}

function genericValue(rng, base) {
  return rng.pick([
    () => rng.pick(["~", "null", '""', "''", "[]", "{}", "true", "yes", "0", "-0.0", "&a x", "*a", "!!binary aGVsbG8=", "!!timestamp 2012-01-01", "!custom x", '"unterminated', "'", "{", "[", "%", "@x", "`x", "- x", "? x", "|", ">-", "a: b", "#", "<<: *a"]),
    () => rng.pick(UNICODE) + rng.pick(["王芳", "x", ""]) + rng.pick(UNICODE),
    () => JSON.stringify(rng.pick(UNICODE).repeat(rng.range(1, 50))),
    () => digits(rng, rng.range(100, 600)),
    () => moneyValue(rng),
    () => dateValue(rng),
    () => idValue(rng, base),
  ])();
}

/** Fields of free text: any string is valid there. */
const TEXT_KEYS = /^(name|note|notes|by|bank|parent|address|home_address|work_address|organisation|city|history|family|personality|values|schedule|relationships|occupation|attitude|strategy|strengths|weaknesses|potential|owner|product|general_manager|marketing_lead|channel_lead|specialist|status|wechat|email)$/;

/** A value that is still valid for `key` but at the edge of its range (null: no such value known): the data the rules must compute on. */
function validValueFor(rng, key, base) {
  const day = () => {
    const y = rng.pick([rng.range(2011, 2013), rng.range(2011, 2013), rng.range(1900, 2100), rng.pick([1, 1583, 1899, 2100, 2101, 9999])]);
    const m = rng.range(1, 12);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(rng.pick([1, dim, rng.range(1, dim)])).padStart(2, "0")}`;
  };
  const nearDay = () => (rng.chance(0.6) ? `2012-${String(rng.range(1, 4)).padStart(2, "0")}-${String(rng.range(1, 28)).padStart(2, "0")}` : rng.pick(["2012-02-29", "2012-03-31", "2012-04-01", "2012-01-31", "2012-02-01"]));
  if (MONEY_KEYS.test(key)) {
    return rng.pick([
      () => digits(rng, rng.range(100, 800)),
      () => `"${digits(rng, rng.range(100, 400))}${rng.pick(["万", "亿", "元", "万元"])}"`,
      () => `"${rng.range(0, 9999)}.${digits(rng, rng.range(1, 40))}${rng.pick(["万", "亿", ""])}"`,
      () => rng.pick(["0", "1", '"0万"', '"0.5"', '"1,200,000"', '"1,000,000,000,000,000,000"', "19999", "20000", "20001", '"1.99万"', '"2万"', '"600万"', '"26亿"', "5999999", "6000000"]),
      () => String(rng.range(0, 99999999)),
    ])();
  }
  if (key === "rate") return rng.pick(["0", "1", "0.0000001", "100", "0.003", "0.5", "2"]);
  if (key === "at") {
    const time = `${String(rng.range(0, 23)).padStart(2, "0")}:${String(rng.pick([0, 59, rng.range(0, 59)])).padStart(2, "0")}${rng.chance(0.3) ? ":" + String(rng.range(0, 59)).padStart(2, "0") : ""}`;
    return `${rng.chance(0.7) ? nearDay() : day()}${rng.pick([" ", "T"])}${time}`;
  }
  if (key === "birthday") return rng.chance(0.3) ? rng.pick(["--02-29", "--12-31", "--01-01", "--03-31", "--04-01"]) : rng.chance(0.5) ? `--${day().slice(5)}` : day();
  if (key === "lunar_birthday") return `"${rng.chance(0.3) ? "闰" : ""}${String(rng.range(1, 12)).padStart(2, "0")}-${String(rng.pick([1, 29, 30, rng.range(1, 30)])).padStart(2, "0")}"`;
  if (key === "month") return rng.chance(0.7) ? `2012-${String(rng.range(1, 12)).padStart(2, "0")}` : rng.pick(["0000-01", "9999-12", "2011-12", "1900-02"]);
  if (key === "period") return rng.pick(['"2012"', '"2012-03"', '"2012-Q1"', '"0000"', '"9999"']);
  if (DATE_KEYS.test(key)) return rng.chance(0.7) ? nearDay() : day();
  if (key === "phone") return rng.pick(['"13800138000"', '"19999999999"', '"0755-83000000"', '"010-1234567"']);
  if (key === "department") return rng.pick(base.departments.length ? base.departments : ["d1"]);
  if (key === "id") return rng.chance(0.8) ? `fuzz-${rng.int(1_000_000)}${rng.chance(0.2) ? "-" + "a".repeat(rng.range(1, 300)) : ""}` : rng.pick(base.ids.length ? base.ids : ["x"]);
  if (ID_KEYS.test(key)) return rng.pick(base.ids.length ? base.ids : ["x"]);
  if (key === "gender") return rng.pick(["F", "M"]);
  if (key === "tier") return rng.pick(["basic", "valuable"]);
  if (key === "key" || key === "important" || key === "am_covered") return rng.pick(["true", "false"]);
  // Other enums (kind, position, …) depend on where they stand: only swapped with their neighbours' values.
  if (key in ENUM_VALUES) return null;
  if (key === "version") return "1";
  if (INT_KEYS.test(key)) return rng.pick(["0", "1", "2", "3", "7", "30", "365", "100000", "2147483648", "9007199254740991", digits(rng, rng.range(16, 40))]);
  if (key === "with") return `[${Array.from({ length: rng.range(0, 4) }, () => rng.pick(base.ids.length ? base.ids : ["x"])).join(", ")}]`;
  if (!TEXT_KEYS.test(key)) return null;
  return JSON.stringify(rng.pick(["王芳", "", " ", "😀", "\u202E李娜", "a".repeat(rng.range(1, 3000)), "长".repeat(rng.range(1, 2000)), "line\nbreak"]));
}

/** The values written for `key` elsewhere in the same text: swapping them in keeps the type right. */
function valuesOfKey(str, key) {
  const values = new Set();
  for (const f of keyValueLines(str).found) if (f.key === key) values.add(f.value);
  for (const p of flowPairs(str)) if (p.key === key) values.add(str.slice(p.start, p.end));
  return [...values];
}

/** Replaces 1–6 values with valid ones at the edges: the file stays valid, so the rules run on it. */
function replaceValidValues(rng, buf, ctx) {
  let str = text(buf);
  const ops = [];
  const n = rng.range(1, 6);
  const pickValue = (key) => {
    const same = key === "id" ? [] : valuesOfKey(str, key);
    return same.length > 1 && rng.chance(0.5) ? rng.pick(same) : validValueFor(rng, key, ctx.base);
  };
  for (let i = 0; i < n; i++) {
    const { lines, found } = keyValueLines(str);
    const pairs = flowPairs(str);
    if (found.length === 0 && pairs.length === 0) break;
    if (pairs.length > 0 && (found.length === 0 || rng.chance(0.5))) {
      const p = rng.pick(pairs);
      const value = pickValue(p.key);
      if (value === null) continue;
      str = str.slice(0, p.start) + value + str.slice(p.end);
      ops.push(`${p.key} = ${value.slice(0, 40)}`);
    } else {
      const f = rng.pick(found);
      // A line that opens a flow mapping (`- {date: …, kind: …}`) is changed through flowPairs.
      if (f.prefix.includes("{")) continue;
      const value = pickValue(f.key);
      if (value === null) continue;
      lines[f.index] = `${f.prefix}${f.key}: ${value}${f.suffix}`;
      str = lines.join("\n");
      ops.push(`line ${f.index + 1} ${f.key} = ${value.slice(0, 40)}`);
    }
  }
  return { bytes: bytes(str), op: `validValues(${ops.join("; ")})` };
}

// ------------------------------------------------------------------------------------------
// Operators. Each takes (rng, bytes, ctx) and returns new bytes and a short description.

const NL = 0x0a;

function splitLines(buf) {
  const lines = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === NL) {
      lines.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}

const joinLines = (lines) => Buffer.concat(lines);
const text = (buf) => buf.toString("utf8");
const bytes = (str) => Buffer.from(str, "utf8");

/** A line `  key: value` (or `- key: value`) that holds a value, as [index, prefix, key, value, suffix]. */
function keyValueLines(str) {
  const lines = str.split("\n");
  const found = [];
  lines.forEach((line, i) => {
    const m = /^(\s*(?:- )?(?:\{\s*)?)([A-Za-z_][\w-]*):[ \t]+(.*?)(\s*(?:#.*)?)$/.exec(line);
    if (m && m[3] !== "" && !m[3].startsWith("#")) found.push({ index: i, prefix: m[1], key: m[2], value: m[3], suffix: m[4] });
  });
  return { lines, found };
}

/** `key: value` pairs inside flow mappings `{a: 1, b: 2}`: where one-line entries keep their fields. */
function flowPairs(str) {
  const pairs = [];
  for (const m of str.matchAll(/([{,]\s*)([A-Za-z_][\w-]*):\s*([^,{}[\]\n]+|\[[^\]\n]*\])/g)) {
    const start = m.index + m[1].length + m[2].length + 1;
    const valueStart = str.indexOf(m[3], start);
    pairs.push({ key: m[2], start: valueStart, end: valueStart + m[3].length });
  }
  return pairs;
}

const OPERATORS = {
  flipBit(rng, buf) {
    if (buf.length === 0) return { bytes: Buffer.from([rng.int(256)]), op: "flipBit(empty→byte)" };
    const out = Buffer.from(buf);
    const at = rng.int(out.length);
    const bit = rng.int(8);
    out[at] ^= 1 << bit;
    return { bytes: out, op: `flipBit(@${at}, bit ${bit})` };
  },
  insertBytes(rng, buf) {
    const pool = [0x00, 0x0d, 0x0a, 0x09, 0x22, 0x27, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x23, 0x26, 0x2a, 0x21, 0x7c, 0x3e, 0x2d, 0x20, 0xff, 0xfe, 0xc0, 0xe4, 0x80, 0xbf, 0xef, 0xbb];
    const n = rng.range(1, 8);
    const ins = Buffer.from(Array.from({ length: n }, () => (rng.chance(0.6) ? rng.pick(pool) : rng.int(256))));
    const at = rng.int(buf.length + 1);
    return { bytes: Buffer.concat([buf.subarray(0, at), ins, buf.subarray(at)]), op: `insertBytes(@${at}, ${ins.toString("hex")})` };
  },
  deleteBytes(rng, buf) {
    if (buf.length === 0) return { bytes: buf, op: "deleteBytes(empty)" };
    const at = rng.int(buf.length);
    const n = rng.range(1, 16);
    return { bytes: Buffer.concat([buf.subarray(0, at), buf.subarray(at + n)]), op: `deleteBytes(@${at}, ${n})` };
  },
  truncate(rng, buf) {
    const at = rng.int(buf.length + 1);
    return { bytes: buf.subarray(0, at), op: `truncate(@${at} of ${buf.length})` };
  },
  deleteLine(rng, buf) {
    const lines = splitLines(buf);
    if (lines.length === 0) return { bytes: buf, op: "deleteLine(none)" };
    const i = rng.int(lines.length);
    const n = rng.chance(0.8) ? 1 : rng.range(2, 10);
    lines.splice(i, n);
    return { bytes: joinLines(lines), op: `deleteLines(${i + 1}, ${n})` };
  },
  duplicateLine(rng, buf) {
    const lines = splitLines(buf);
    if (lines.length === 0) return { bytes: buf, op: "duplicateLine(none)" };
    const i = rng.int(lines.length);
    const n = rng.chance(0.8) ? 1 : rng.range(2, 10);
    const copies = rng.chance(0.9) ? 1 : rng.range(2, 200);
    const block = lines.slice(i, i + n);
    const last = block[block.length - 1];
    if (last && last[last.length - 1] !== NL) block[block.length - 1] = Buffer.concat([last, Buffer.from("\n")]);
    for (let c = 0; c < copies; c++) lines.splice(i + n, 0, ...block);
    return { bytes: joinLines(lines), op: `duplicateLines(${i + 1}, ${n}, ×${copies})` };
  },
  reindentLine(rng, buf) {
    const lines = splitLines(buf);
    if (lines.length === 0) return { bytes: buf, op: "reindentLine(none)" };
    const i = rng.int(lines.length);
    const line = text(lines[i]);
    const body = line.replace(/^[ \t]*/, "");
    const indent = line.length - body.length;
    const how = rng.pick(["more", "less", "tab", "zero", "deep"]);
    const next = how === "more" ? indent + rng.range(1, 4) : how === "less" ? Math.max(0, indent - rng.range(1, 4)) : how === "zero" ? 0 : how === "deep" ? rng.range(40, 400) : -1;
    lines[i] = bytes((next < 0 ? "\t".repeat(rng.range(1, 2)) + " ".repeat(indent) : " ".repeat(next)) + body);
    return { bytes: joinLines(lines), op: `reindentLine(${i + 1}, ${how})` };
  },
  swapLines(rng, buf) {
    const lines = splitLines(buf);
    if (lines.length < 2) return { bytes: buf, op: "swapLines(none)" };
    const a = rng.int(lines.length);
    const b = rng.int(lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return { bytes: joinLines(lines), op: `swapLines(${a + 1}, ${b + 1})` };
  },
  crossover(rng, buf, ctx) {
    const other = ctx.base.files.get(rng.pick(ctx.base.dataFiles));
    const theirs = splitLines(other);
    const lines = splitLines(buf);
    if (theirs.length === 0) return { bytes: buf, op: "crossover(none)" };
    const from = rng.int(theirs.length);
    const n = rng.range(1, 12);
    const at = rng.int(lines.length + 1);
    lines.splice(at, 0, ...theirs.slice(from, from + n));
    return { bytes: joinLines(lines), op: `crossover(${n} lines at ${at + 1})` };
  },
  conflictMarkers(rng, buf) {
    const lines = splitLines(buf);
    const at = rng.int(lines.length + 1);
    const n = Math.min(rng.range(0, 6), lines.length - at);
    const ours = lines.slice(at, at + n);
    const theirs = ours.map((l) => {
      const s = text(l);
      return bytes(rng.chance(0.5) ? s.replace(/\d/, String(rng.int(10))) : s);
    });
    const eol = text(buf).includes("\r\n") ? "\r\n" : "\n";
    const label = rng.pick(["HEAD", "HEAD", "Updated upstream", "", "李娜的修改"]);
    const open = bytes(`<<<<<<<${label === "" ? "" : " " + label}${eol}`);
    const mid = bytes(`=======${eol}`);
    const close = bytes(`>>>>>>> ${rng.pick(["feature/march", "origin/main", "a1b2c3d (更新三月数据)"])}${eol}`);
    const ensureEol = (block) => {
      const last = block[block.length - 1];
      if (last && last[last.length - 1] !== NL) block[block.length - 1] = Buffer.concat([last, bytes(eol)]);
      return block;
    };
    lines.splice(at, n, open, ...ensureEol([...ours]), mid, ...ensureEol(theirs), close);
    return { bytes: joinLines(lines), op: `conflictMarkers(line ${at + 1}, ${n} lines, "${label}")`, conflict: true };
  },
  unicode(rng, buf) {
    const str = text(buf);
    const at = rng.int(str.length + 1);
    const ins = Array.from({ length: rng.range(1, 4) }, () => rng.pick(UNICODE)).join("");
    return { bytes: bytes(str.slice(0, at) + ins + str.slice(at)), op: `unicode(@${at}, ${JSON.stringify(ins)})` };
  },
  replaceValue(rng, buf, ctx) {
    const str = text(buf);
    const { lines, found } = keyValueLines(str);
    const pairs = flowPairs(str);
    if (found.length === 0 && pairs.length === 0) return OPERATORS.unicode(rng, buf, ctx);
    if (pairs.length > 0 && (found.length === 0 || rng.chance(0.4))) {
      const p = rng.pick(pairs);
      const value = valueFor(rng, p.key, ctx.base);
      return { bytes: bytes(str.slice(0, p.start) + value + str.slice(p.end)), op: `replaceValue(flow ${p.key} = ${value.slice(0, 40)})` };
    }
    const f = rng.pick(found);
    const value = valueFor(rng, f.key, ctx.base);
    lines[f.index] = `${f.prefix}${f.key}: ${value}${f.suffix}`;
    return { bytes: bytes(lines.join("\n")), op: `replaceValue(line ${f.index + 1} ${f.key} = ${value.slice(0, 40)})` };
  },
  moneyNanInf(rng, buf, ctx) {
    const str = text(buf);
    const candidates = [...str.matchAll(/\b(amount|asset_min|fund_min|ceiling|min|cap|deposits|assets_in|target|large_movement_min|income_monthly): *([^,}\n#]+)/g)];
    if (candidates.length === 0) return OPERATORS.replaceValue(rng, buf, ctx);
    const m = rng.pick(candidates);
    const value = rng.pick([".nan", ".inf", "-.inf", ".NaN", ".Inf", "+.inf", '".nan"', "1e400", digits(rng, rng.range(100, 700))]);
    const start = m.index + m[0].length - m[2].length;
    return { bytes: bytes(str.slice(0, start) + value + " " + str.slice(start + m[2].trimEnd().length)), op: `money(${m[1]} = ${value.slice(0, 30)})` };
  },
  hugeNumber(rng, buf, ctx) {
    const str = text(buf);
    const nums = [...str.matchAll(/(?<![\w.-])\d+(?:\.\d+)?(?![\w.-])/g)];
    if (nums.length === 0) return OPERATORS.replaceValue(rng, buf, ctx);
    const m = rng.pick(nums);
    const value = rng.chance(0.7) ? digits(rng, rng.range(100, 1000)) : `${digits(rng, rng.range(1, 400))}.${digits(rng, rng.range(100, 400))}`;
    return { bytes: bytes(str.slice(0, m.index) + value + str.slice(m.index + m[0].length)), op: `hugeNumber(@${m.index}, ${value.length} digits)` };
  },
  deepNesting(rng, buf, ctx) {
    const depth = rng.pick([1001, 5000, 100000]);
    const shape = rng.pick(["flow-seq", "flow-map", "block-seq", "block-map", "unclosed", "mixed"]);
    let nest;
    if (shape === "flow-seq") nest = "[".repeat(depth) + "]".repeat(depth);
    else if (shape === "flow-map") nest = "{a: ".repeat(depth) + "1" + "}".repeat(depth);
    else if (shape === "block-seq") nest = "- ".repeat(depth) + "x";
    else if (shape === "unclosed") nest = "[".repeat(depth);
    else if (shape === "mixed") nest = "[{a: ".repeat(Math.floor(depth / 2)) + "1" + "}]".repeat(Math.floor(depth / 2));
    else {
      // Block mappings one space deeper each line: 100,000 levels would be 5 GB of spaces, so 3,000.
      const d = Math.min(depth, 3000);
      nest = "";
      for (let i = 0; i < d; i++) nest += `${i === 0 ? "" : "\n" + " ".repeat(i)}k:`;
      nest += " 1";
    }
    const str = text(buf);
    const { lines, found } = keyValueLines(str);
    if (found.length === 0 || rng.chance(0.3)) return { bytes: bytes(nest + "\n"), op: `deepNesting(whole file, ${shape}, ${depth})`, heavy: true };
    const f = rng.pick(found);
    const indented = nest.replace(/\n/g, "\n" + " ".repeat(f.prefix.length + 2));
    lines[f.index] = shape.startsWith("block") ? `${f.prefix}${f.key}:\n${" ".repeat(f.prefix.length + 2)}${indented}` : `${f.prefix}${f.key}: ${indented}`;
    return { bytes: bytes(lines.join("\n")), op: `deepNesting(line ${f.index + 1} ${f.key}, ${shape}, ${depth})`, heavy: true };
  },
  longLine(rng, buf, ctx) {
    const size = rng.pick([5 * 1024 * 1024, 5 * 1024 * 1024 + 17, 11 * 1024 * 1024]);
    const unit = rng.pick(["x", "长", "😀", "a ", "\\\"", "'"]);
    const body = unit.repeat(Math.ceil(size / Buffer.byteLength(unit)));
    const str = text(buf);
    const { lines, found } = keyValueLines(str);
    const how = rng.pick(["value", "quoted", "comment", "key", "file"]);
    if (how === "file" || found.length === 0) return { bytes: bytes(body), op: `longLine(whole file, ${size} bytes of ${JSON.stringify(unit)})`, heavy: true };
    const f = rng.pick(found);
    if (how === "comment") lines.splice(f.index, 0, `# ${body}`);
    else if (how === "key") lines.splice(f.index, 0, `${f.prefix}${body.slice(0, 5 * 1024 * 1024)}: 1`);
    else lines[f.index] = `${f.prefix}${f.key}: ${how === "quoted" ? JSON.stringify(body) : body}${f.suffix}`;
    void ctx;
    return { bytes: bytes(lines.join("\n")), op: `longLine(line ${f.index + 1} ${f.key}, ${how}, ${size} bytes of ${JSON.stringify(unit)})`, heavy: true };
  },
  aliasBomb(rng) {
    const levels = rng.range(5, 12);
    let s = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < levels; i++) s += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
    return { bytes: bytes(s), op: `aliasBomb(${levels} levels)` };
  },
  encoding(rng, buf) {
    const str = text(buf).replace(/^\uFEFF/, "");
    const how = rng.pick(["utf16le", "utf16be", "bom", "crlf", "cr", "latin1", "double-bom"]);
    if (how === "utf16le") return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(str, "utf16le")]), op: "encoding(utf16le)" };
    if (how === "utf16be") {
      const le = Buffer.from(str, "utf16le");
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return { bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), le]), op: "encoding(utf16be)" };
    }
    if (how === "bom") return { bytes: bytes("\uFEFF" + str), op: "encoding(bom)" };
    if (how === "double-bom") return { bytes: bytes("\uFEFF\uFEFF" + str), op: "encoding(double bom)" };
    if (how === "crlf") return { bytes: bytes(str.replace(/\n/g, "\r\n")), op: "encoding(crlf)" };
    if (how === "cr") return { bytes: bytes(str.replace(/\n/g, "\r")), op: "encoding(cr only)" };
    return { bytes: Buffer.from(str, "latin1"), op: "encoding(latin1)" };
  },
  stretchList(rng, buf) {
    // Repeats a whole list entry (a line starting with `- ` and what is indented under it) many times.
    const lines = text(buf).split("\n");
    const starts = lines.map((l, i) => (/^\s*- /.test(l) ? i : -1)).filter((i) => i >= 0);
    if (starts.length === 0) return { bytes: buf, op: "stretchList(none)" };
    const s = rng.pick(starts);
    const indent = lines[s].length - lines[s].trimStart().length;
    let e = s + 1;
    while (e < lines.length && lines[e].trim() !== "" && lines[e].length - lines[e].trimStart().length > indent) e++;
    const block = lines.slice(s, e);
    const times = rng.pick([10, 100, 1000, 5000]);
    const copies = [];
    for (let i = 0; i < times; i++) copies.push(...block);
    lines.splice(e, 0, ...copies);
    return { bytes: bytes(lines.join("\n")), op: `stretchList(line ${s + 1}, ${block.length} lines ×${times})`, heavy: times >= 1000 };
  },
};

/** Whole-file changes: a file deleted, emptied, made a folder, or a stray file added beside it. */
function fileLevel(rng, rel, buf, ctx) {
  const how = rng.pick(["delete", "empty", "whitespace", "dir", "comment-only", "null", "list", "scalar", "multi-doc", "unknown-file", "yml-twin", "new-branch"]);
  switch (how) {
    case "delete":
      return [{ rel, content: null, op: `delete ${rel}` }];
    case "empty":
      return [{ rel, content: Buffer.alloc(0), op: `empty ${rel}` }];
    case "whitespace":
      return [{ rel, content: bytes(rng.pick(["\n\n\n", "   ", "\t\n", "\uFEFF", "\r\n"])), op: `whitespace-only ${rel}` }];
    case "dir":
      return [{ rel, content: "dir", op: `${rel} replaced by a folder` }];
    case "comment-only":
      return [{ rel, content: bytes("# 只有注释\n"), op: `comment-only ${rel}` }];
    case "null":
      return [{ rel, content: bytes(rng.pick(["~\n", "null\n", "---\n...\n"])), op: `null document ${rel}` }];
    case "list":
      return [{ rel, content: bytes("- a\n- b\n"), op: `top-level list ${rel}` }];
    case "scalar":
      return [{ rel, content: bytes(rng.pick(["hello\n", "42\n", '"x"\n', "2012-03-31\n"])), op: `top-level scalar ${rel}` }];
    case "multi-doc":
      return [{ rel, content: Buffer.concat([buf, bytes("\n---\n"), buf]), op: `two documents ${rel}` }];
    case "unknown-file": {
      const branch = rng.pick(ctx.base.branches.length ? ctx.base.branches : ["x"]);
      const name = rng.pick(["Staff.yaml", "staff.yml", "notes.txt", "activities.yaml.bak", "客户.yaml", ".hidden.yaml", ".activities.yaml.123.abc.tmp"]);
      return [{ rel: `branches/${branch}/${name}`, content: buf, op: `stray file branches/${branch}/${name}` }];
    }
    case "yml-twin":
      return [{ rel: rel.replace(/\.yaml$/, ".yml"), content: buf, op: `twin ${rel.replace(/\.yaml$/, ".yml")}` }];
    default: {
      const name = rng.pick(["new-branch", "Bad Branch", "新支行", "-x", "a".repeat(200)]);
      return [{ rel: `branches/${name}/${rng.pick(["branch.yaml", "staff.yaml"])}`, content: buf, op: `new branch folder ${name}` }];
    }
  }
}

const TEXT_OPS = [
  [10, "replaceValue"],
  [3, "moneyNanInf"],
  [2, "hugeNumber"],
  [3, "unicode"],
  [4, "deleteLine"],
  [4, "duplicateLine"],
  [4, "reindentLine"],
  [1, "swapLines"],
  [2, "crossover"],
  [3, "conflictMarkers"],
  [0.6, "deepNesting"],
  [0.5, "longLine"],
  [0.3, "aliasBomb"],
  [1, "encoding"],
  [0.6, "stretchList"],
];
const BYTE_OPS = [
  [3, "flipBit"],
  [3, "insertBytes"],
  [1, "deleteBytes"],
  [2, "truncate"],
];
const BYTE_NAMES = new Set(BYTE_OPS.map(([, name]) => name));

/**
 * One mutant of `base`: 1–3 operators on one or two of its data files (or a whole-file change).
 * Returns the changed files (rel → Buffer, null to delete, "dir" for a folder in its place),
 * what was done, and whether a git conflict marker went in.
 */
export function makeMutant(rng, base) {
  const changes = new Map();
  const ops = [];
  let conflict = false;
  let heavy = false;
  if (rng.chance(0.4)) {
    // A semantic mutant: valid values at the edges, in one to three files, for the rules to chew on.
    const fileCount = rng.range(1, 3);
    for (let f = 0; f < fileCount; f++) {
      const rel = rng.chance(0.25) ? "channel.yaml" : rng.pick(base.dataFiles);
      const current = changes.get(rel);
      const result = replaceValidValues(rng, Buffer.isBuffer(current) ? current : base.files.get(rel), { base, rel });
      changes.set(rel, result.bytes);
      ops.push(`${rel}: ${result.op}`);
    }
    if (rng.chance(0.2)) {
      const rel = rng.pick(base.dataFiles.filter((r) => r.endsWith("activities.yaml") || r === "channel.yaml") ?? base.dataFiles);
      const current = changes.get(rel);
      const result = OPERATORS.duplicateLine(rng, Buffer.isBuffer(current) ? current : base.files.get(rel), { base, rel });
      changes.set(rel, result.bytes);
      ops.push(`${rel}: ${result.op}`);
    }
    return { changes, ops, conflict, heavy };
  }
  const fileCount = rng.chance(0.8) ? 1 : 2;
  for (let f = 0; f < fileCount; f++) {
    // Settings and policy touch every command: give channel.yaml more than its share.
    const rel = rng.chance(0.15) ? "channel.yaml" : rng.pick(base.dataFiles);
    const current = changes.get(rel);
    let buf = Buffer.isBuffer(current) ? current : base.files.get(rel) ?? Buffer.alloc(0);
    if (rng.chance(0.06)) {
      for (const change of fileLevel(rng, rel, buf, { base })) {
        changes.set(change.rel, change.content);
        ops.push(change.op);
      }
      continue;
    }
    const count = rng.weighted([[6, 1], [3, 2], [1, 3]]);
    const names = [];
    for (let i = 0; i < count; i++) names.push(rng.chance(0.8) ? rng.weighted(TEXT_OPS) : rng.weighted(BYTE_OPS));
    // Text operators read the file as UTF-8: run them before the byte operators break it.
    names.sort((a, b) => Number(BYTE_NAMES.has(a)) - Number(BYTE_NAMES.has(b)));
    for (const name of names) {
      const result = OPERATORS[name](rng, buf, { base, rel });
      buf = result.bytes;
      ops.push(`${rel}: ${result.op}`);
      if (result.conflict) conflict = true;
      if (result.heavy) heavy = true;
    }
    // Past the loader's 10 MB limit more bytes prove nothing (FILE_TOO_LARGE) and can fill the disk.
    if (buf.length > MAX_MUTANT_BYTES) {
      buf = buf.subarray(0, MAX_MUTANT_BYTES);
      ops.push(`${rel}: capped at ${MAX_MUTANT_BYTES} bytes`);
    }
    changes.set(rel, buf);
  }
  return { changes, ops, conflict, heavy };
}

const MAX_MUTANT_BYTES = 10 * 1024 * 1024 + 4096;

/** Writes `base` with `changes` applied into the empty folder `dir`. */
export function writeMutant(dir, base, changes) {
  for (const [rel, content] of base.files) {
    if (changes.has(rel)) continue;
    const abs = path.join(dir, ...rel.split("/"));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  for (const [rel, content] of changes) {
    const abs = path.join(dir, ...rel.split("/"));
    if (content === null) continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (content === "dir") fs.mkdirSync(abs, { recursive: true });
    else fs.writeFileSync(abs, content);
  }
}
