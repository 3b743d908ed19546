#!/usr/bin/env node
// Checks the JSON Schemas in schemas/ (draft 2020-12):
//  - each compiles with Ajv in strict mode, registered under its file name (no $id);
//  - house rules: no $id, every object has additionalProperties: false, every property
//    has a bilingual title and a description;
//  - built-in good and bad fixtures are accepted / rejected as expected;
//  - with --spec FILE.md (optional): the YAML examples of a Markdown specification, each a
//    ```yaml block under a `### <kind>.yaml` heading, are accepted;
//  - every file under data-example/ (if present) is valid;
//  - docs/data-format.md documents every field path.
// Usage: node scripts/check-schemas.mjs [--spec FILE.md] [--data DIR]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = path.join(root, "schemas");
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
let failures = 0;
const fail = (msg) => { failures++; console.error("FAIL " + msg); };
const ok = (msg) => console.log("ok   " + msg);

const KINDS = ["channel", "departments", "branch", "staff", "kpis", "competitors", "prospects", "activities"];
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword({ keyword: "enumDescriptions", schemaType: "array" }); // for editors: see scripts/sync-schema-enums.mjs
for (const keyword of ["patternErrorMessage", "errorMessage"]) ajv.addKeyword({ keyword, schemaType: "string" }); // for editors: see src/validate/schema-messages.ts
for (const f of ["channel-datetime", "channel-birthday", "channel-timezone", "channel-money", "channel-date-or-datetime"]) ajv.addFormat(f, true);
const schemas = {};
for (const name of ["common", ...KINDS]) {
  const file = `${name}.schema.json`;
  schemas[name] = JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8"));
  ajv.addSchema(schemas[name], file);
}
const validators = {};
for (const name of ["common", ...KINDS]) {
  try {
    validators[name] = ajv.getSchema(`${name}.schema.json`);
    ok(`compiles: ${name}.schema.json`);
  } catch (e) {
    fail(`${name}.schema.json does not compile: ${e.message}`);
  }
}

// ── house rules
const APPLICATORS = new Set(["if", "then", "else", "oneOf", "anyOf", "allOf", "not", "dependentSchemas"]);
function lint(name, s, where, inApplicator) {
  if (!s || typeof s !== "object") return;
  if ("$id" in s) fail(`${name}: $id at ${where}`);
  const isObject = s.type === "object" || (Array.isArray(s.type) && s.type.includes("object"));
  if (isObject && s.additionalProperties !== false) fail(`${name}: ${where} lacks additionalProperties: false`);
  if (s.properties && !inApplicator) {
    for (const [k, p] of Object.entries(s.properties)) {
      if (typeof p !== "object") { fail(`${name}: ${where}.${k} is not a schema`); continue; }
      if (!/^.+ \/ .+$/.test(p.title ?? "")) fail(`${name}: ${where}.${k} lacks a "中文 / english" title`);
      if (!/[\u4e00-\u9fff]/.test(p.description ?? "") || !/[A-Za-z]{3}/.test(p.description ?? "")) fail(`${name}: ${where}.${k} lacks a bilingual description`);
      if (!/^[a-z][a-z0-9_]*$/.test(k)) fail(`${name}: ${where}.${k} is not snake_case`);
    }
  }
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties") for (const [pk, pv] of Object.entries(v)) lint(name, pv, `${where}.${pk}`, inApplicator);
    else if (k === "items") lint(name, v, `${where}[]`, inApplicator);
    else if (APPLICATORS.has(k)) {
      for (const sub of Array.isArray(v) ? v : [v]) lint(name, sub, `${where}/${k}`, true);
    }
  }
}
for (const name of KINDS) {
  const s = schemas[name];
  if (s.$schema !== "https://json-schema.org/draft/2020-12/schema") fail(`${name}: $schema`);
  if (!s.title || !s.description) fail(`${name}: root title/description`);
  if (s.$defs) fail(`${name}: local $defs (keep shared types in common.schema.json)`);
  lint(name, s, name, false);
}
if (!failures) ok("house rules: no $id, additionalProperties: false everywhere, titles and descriptions");

// ── fixtures
const y = (text) => parse(text, { version: "1.2", schema: "core", uniqueKeys: true });
function expect(kind, label, data, valid, schemaPathPart) {
  const v = validators[kind];
  if (!v) return;
  const result = v(data);
  if (result !== valid) {
    fail(`${kind}: ${label}: expected ${valid ? "valid" : "invalid"}` + (v.errors ? "\n     " + v.errors.map((e) => `${e.instancePath} ${e.message} (${e.schemaPath})`).join("\n     ") : ""));
  } else if (!valid && schemaPathPart && !v.errors.some((e) => e.schemaPath.includes(schemaPathPart))) {
    fail(`${kind}: ${label}: no error with schemaPath containing ${schemaPathPart}: ${JSON.stringify(v.errors.map((e) => e.schemaPath))}`);
  } else ok(`${kind}: ${label}`);
}

const channelBase = () => y(`
version: 1
organisation: 长城证券
bonus: {start: 2012-02-01, deadline: 2012-03-31, amount: 1000, per_branch_cap: 2, total_cap: 100,
        eligible_positions: [wealth_manager], asset_min: 2万, fund_min: 2万, products: [长城2号]}
expense_support:
  product: 长城2号
  start: 2012-02-01
  end: 2012-03-31
  self_driven: {ceiling: 600万, tiers: [{min: 100万, amount: 5000}]}
`);
expect("channel", "minimal", y("version: 1\norganisation: 长城证券\n"), true);
expect("channel", "policies", channelBase(), true);
expect("channel", "version 2", y("version: 2\norganisation: x\n"), false);
expect("channel", "missing organisation", y("version: 1\n"), false);
expect("channel", "typo key", y("version: 1\norganisation: x\ntimezon: Asia/Shanghai\n"), false);
{ const d = channelBase(); delete d.bonus.fund_min; expect("channel", "bonus without fund_min", d, false); }
{ const d = channelBase(); d.bonus.eligible_positions = ["manager"]; expect("channel", "unknown position", d, false, "$defs/position"); }
{ const d = channelBase(); delete d.expense_support.self_driven; expect("channel", "expense_support without a scheme", d, false); }
{ const d = channelBase(); delete d.expense_support.end; expect("channel", "expense_support without end", d, false); }
{ const d = channelBase(); d.expense_support.am_covered = { tiers: [{ min: "50万", rate: 0.002, cap: 20000 }] }; expect("channel", "am_covered rate tier with cap", d, true); }
{ const d = channelBase(); d.expense_support.self_driven.tiers[0].rate = 0.01; expect("channel", "tier with amount and rate", d, false); }
{ const d = channelBase(); d.expense_support.self_driven.tiers = [{ min: 1 }]; expect("channel", "tier with neither amount nor rate", d, false); }
{ const d = channelBase(); d.expense_support.self_driven.tiers[0].cap = 1; expect("channel", "amount tier with cap", d, false); }
{ const d = channelBase(); delete d.expense_support.self_driven.ceiling; expect("channel", "self_driven without ceiling", d, false); }
{ const d = channelBase(); d.expense_support.self_driven.tiers[0].min = "-5万"; expect("channel", "negative money", d, false, "$defs/money"); }
{ const d = channelBase(); d.bonus.amount = "一千"; expect("channel", "money as words", d, false, "$defs/money"); }
{ const d = channelBase(); d.bonus.start = "2012/02/01"; expect("channel", "date with slashes", d, false, "$defs/date"); }
expect("channel", "holiday without name", y("version: 1\norganisation: x\nholidays: [{date: 2012-04-04}]\n"), false);
expect("channel", "cadence typo", y("version: 1\norganisation: x\nfollowups: {cadence_days: {leaders: 30}}\n"), false);

const staffBase = () => y(`
staff:
  - id: wang-fang
    name: 王芳
    position: wealth_manager
    phone: "13800138000"
    conversion: {kind: asset, amount: 5万, at: 2012-02-20 10:30}
`);
expect("staff", "base", staffBase(), true);
{ const d = staffBase(); d.staff[0].phone = 13800138000; expect("staff", "unquoted phone", d, false, "$defs/phone"); }
{ const d = staffBase(); delete d.staff[0].position; expect("staff", "missing position", d, false); }
{ const d = staffBase(); d.staff[0].birthdy = "1985-06-15"; expect("staff", "typo key", d, false); }
{ const d = staffBase(); delete d.staff[0].conversion.amount; expect("staff", "asset conversion without amount", d, false); }
{ const d = staffBase(); d.staff[0].conversion.kind = "fund"; delete d.staff[0].conversion.amount; expect("staff", "fund conversion without amount", d, false); }
{ const d = staffBase(); d.staff[0].conversion = { kind: "product", at: "2012-02-20 10:30" }; expect("staff", "product conversion without product", d, false); }
{ const d = staffBase(); d.staff[0].conversion = { kind: "product", product: "长城2号", at: "2012-02-20 10:30" }; expect("staff", "product conversion", d, true); }
{ const d = staffBase(); delete d.staff[0].conversion.at; expect("staff", "conversion without at", d, false); }
{ const d = staffBase(); d.staff[0].lunar_birthday = "13-01"; expect("staff", "bad lunar birthday", d, false, "$defs/lunarBirthday"); }
{ const d = staffBase(); d.staff[0].key = "yes"; expect("staff", "key: yes (a string in YAML 1.2)", d, false); }
{ const d = staffBase(); d.staff[0].cadence_days = 0; expect("staff", "cadence_days 0", d, false); }
{ const d = staffBase(); d.staff[0].id = "Wang_Fang"; expect("staff", "bad id", d, false, "$defs/id"); }

expect("branch", "full", y(`
id: cmb-futian
name: 招商银行深圳福田支行
bank: 招商银行
parent: 深圳分行
department: sz-futian
owner: 李娜
hq_reported: 2012-02-05
address: 深圳市福田区
phone: "0755-83000000"
environment: {self_service_area: 6台ATM, lobby_desk: 入口左侧, ordinary_windows: 4, vip_windows: 2, corporate_windows: 1, vip_room: 有, display: 大堂资料架, notes: x}
profile: {status: 成熟网点, opened: 2005-01-01, staff_count: 25, daily_customers: 300, peak_hours: [周一上午, 发薪日], org_chart: 行长-副行长-主管}
business: {deposits: 26亿, vip_customers: 1210, good_customers: 企业主较多, key_customer_holders: 王芳, ranking: 第3, structure: x, sales_habits: x, growth: x,
           head_attention: 存款, head_tenure: 2年, head_previous_post: 副行长, head_promoted: true, securities_handler: wang-fang}
surroundings: {population: x, commerce: x, transport: 地铁, busiest_time: 周末, daily_transactions: 800, district_type: 商业区}
`), true);
expect("branch", "missing department", y("id: a\nname: b\n"), false);
expect("branch", "typo in a section", y("id: a\nname: b\ndepartment: c\nenvironment: {vip_window: 2}\n"), false);
expect("branch", "window count as text", y("id: a\nname: b\ndepartment: c\nenvironment: {vip_windows: 两个}\n"), false, "$defs/count");

expect("kpis", "targets", y(`targets: [{metric: vip_customers, period: "2012-03", target: 1300}, {metric: sales, period: "2012", target: 1000万}]`), true);
expect("kpis", "unquoted period", y(`targets: [{metric: deposits, period: 2012, target: 30亿}]`), false);
expect("kpis", "unknown metric", y(`targets: [{metric: deposit, period: "2012", target: 30亿}]`), false);
expect("kpis", "month without month", y(`months: [{deposits: 26亿}]`), false);
expect("kpis", "bad month", y(`months: [{month: 2012-13}]`), false, "$defs/month");
expect("kpis", "sale without amount", y(`sales: [{date: 2012-02-15, product: 长城2号}]`), false);

expect("competitors", "full", y(`competitors: [{name: 某证券, kind: securities, since: 2011-06-01, staff_count: 2, strategy: x, strengths: x, weaknesses: x, potential: x, notes: x}]`), true);
expect("competitors", "bad kind", y(`competitors: [{name: x, kind: broker}]`), false);
expect("competitors", "missing name", y(`competitors: [{kind: bank}]`), false);
expect("competitors", "possible entrants", y(`possible_entrants: [{name: 某保险, kind: 保险, note: 听说下季度来}]`), true);
expect("competitors", "possible entrants considered, none", y(`competitors: [{name: x}]\npossible_entrants: []`), true);
expect("competitors", "possible entrant without name", y(`possible_entrants: [{kind: bank}]`), false);
expect("competitors", "possible entrant typo", y(`possible_entrants: [{name: x, notes: y}]`), false);

expect("prospects", "checklist", y(`
prospects:
  - {id: p-1, name: 陈先生, gender: M, age: 45, birthday: --06-15, lunar_birthday: "闰04-15", address: x, home_address: x, work_address: x,
     qq: "12345678", email: chen@example.com, wechat: chen, family: x, income_monthly: 3万, occupation: x, hobbies: [钓鱼], attitude: 稳健,
     products: [基金, 银行理财], broker: x, frequency: 每周, institutions: x, fee_acceptance: 千分之一, notes: x,
     source: {kind: customer_referral, customer: p-2, note: x}, events: [{date: 2012-03-01, kind: maturity, amount: 10万, note: x}]}
`), true);
expect("prospects", "bad tier", y(`prospects: [{id: p-1, name: x, tier: vip}]`), false);
expect("prospects", "bad source kind", y(`prospects: [{id: p-1, name: x, source: {kind: friend}}]`), false);
expect("prospects", "unquoted qq", y(`prospects: [{id: p-1, name: x, qq: 12345678}]`), false);
expect("prospects", "missing name", y(`prospects: [{id: p-1}]`), false);

expect("activities", "minimal", y(`activities: [{date: 2012-03-01, kind: visit}]`), true);
expect("activities", "with as a string", y(`activities: [{date: 2012-03-01, kind: visit, with: zhou-hang}]`), false);
expect("activities", "bad kind", y(`activities: [{date: 2012-03-01, kind: lunch}]`), false);
expect("activities", "missing kind", y(`activities: [{date: 2012-03-01}]`), false);
expect("departments", "missing name", y(`departments: [{id: sz}]`), false);
expect("departments", "team typo", y(`departments: [{id: sz, name: x, team: {specialists: x}}]`), false);

// ── specification examples (--spec)
const specPath = opt("--spec");
if (specPath) {
  const spec = fs.readFileSync(specPath, "utf8");
  const re = /^### (\S+)\.yaml\n(?:(?!###)[\s\S])*?```yaml\n([\s\S]*?)```/gm;
  let m, n = 0;
  while ((m = re.exec(spec))) {
    const kind = m[1];
    if (!validators[kind]) { fail(`spec example for unknown kind ${kind}`); continue; }
    n++;
    expect(kind, "SPEC example", y(m[2]), true);
  }
  if (n < 6) fail(`only ${n} SPEC examples found`);
}

// ── data files
function kindOf(rel) {
  const parts = rel.split("/");
  if (parts.length === 1 && (parts[0] === "channel.yaml" || parts[0] === "departments.yaml")) return parts[0].slice(0, -5);
  if (parts.length === 3 && parts[0] === "branches" && parts[2].endsWith(".yaml")) {
    const k = parts[2].slice(0, -5);
    return KINDS.includes(k) && k !== "channel" && k !== "departments" ? k : null;
  }
  return null;
}
function walk(dir, base = dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out); else if (e.name.endsWith(".yaml") || e.name.endsWith(".yml")) out.push(path.relative(base, p).split(path.sep).join("/"));
  }
  return out;
}
for (const dataDir of [opt("--data") ?? path.join(root, "data-example")]) {
  if (!fs.existsSync(dataDir)) continue;
  for (const rel of walk(dataDir).sort()) {
    const kind = kindOf(rel);
    if (!kind) { console.log(`skip ${rel} (not a data file kind)`); continue; }
    let data;
    try { data = y(fs.readFileSync(path.join(dataDir, rel), "utf8").replace(/^\uFEFF/, "")); }
    catch (e) { fail(`${rel}: YAML error: ${e.message}`); continue; }
    expect(kind, `${path.basename(dataDir)}/${rel}`, data, true);
  }
}

// ── documentation covers every field
const docPath = path.join(root, "docs", "data-format.md");
if (fs.existsSync(docPath)) {
  const doc = fs.readFileSync(docPath, "utf8");
  const paths = [];
  const collect = (s, prefix) => {
    if (!s || typeof s !== "object") return;
    if (s.properties) for (const [k, v] of Object.entries(s.properties)) {
      const p = prefix ? `${prefix}.${k}` : k;
      paths.push(p);
      collect(v, p);
    }
    if (s.items) collect(s.items, `${prefix}[]`);
  };
  // the first yaml example of each file section must be valid
  const exRe = /<a id="(\w+)-yaml"><\/a>(?:(?!<a id=)[\s\S])*?```yaml\n([\s\S]*?)```/g;
  let ex, seen = 0;
  while ((ex = exRe.exec(doc))) { seen++; expect(ex[1], "docs example", y(ex[2]), true); }
  if (seen !== KINDS.length) fail(`docs/data-format.md: ${seen} file examples found, expected ${KINDS.length}`);
  for (const name of KINDS) {
    const before = paths.length;
    collect(schemas[name], "");
    const missing = paths.slice(before).filter((p) => !doc.includes("`" + p + "`"));
    if (missing.length) fail(`docs/data-format.md does not document ${name}: ${missing.join(", ")}`);
    else ok(`docs cover ${name}.schema.json (${paths.length - before} fields)`);
  }
} else fail("docs/data-format.md is missing");

console.log(failures ? `\n${failures} failure(s)` : "\nall checks passed");
process.exit(failures ? 1 : 0);
