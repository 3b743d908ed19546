#!/usr/bin/env node
// What the real Red Hat YAML language server (the engine of VS Code's YAML extension) says for
// ten typical mistakes, with the schemas of a folder: by default the copies `channel init`
// writes (run in a temporary repository, in --lang zh or en), or `--schemas DIR` (schemas/ of
// this or another checkout, to compare). Prints one line per mistake: the value written and the
// server's message at it. With --expect, fails unless every message is one of ours (no regular
// expression, no list of values).
//
//   node scripts/check-yaml-language-server-messages.mjs [--lang zh|en] [--schemas DIR] [--expect] [server-bin]
//
// The server is not a dependency of channel: give its bin as the argument or in
// YAML_LANGUAGE_SERVER, or install it into a temporary folder
// (`npm install --no-save yaml-language-server@1.25.0`). Skips (exit 0) when there is none.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findServer, NO_SERVER, serverVersionOf, startServer } from "./yaml-language-server-client.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const lang = option("--lang") ?? "zh";
let schemaDir = option("--schemas");
const expectOurs = args.includes("--expect");
const positional = args.filter((a) => !a.startsWith("--"));

const server = findServer(positional[0]);
if (server === null) {
  console.log(NO_SERVER);
  process.exit(0);
}
const serverVersion = serverVersionOf(server);

const dir = mkdtempSync(path.join(tmpdir(), "channel-yls-mistakes-"));
if (schemaDir === undefined) {
  const repo = path.join(dir, "repo");
  const init = spawnSync(process.execPath, [path.join(root, "bin", "channel"), "init", repo, "--lang", lang], { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`channel init failed: ${init.stderr}`);
  schemaDir = path.join(repo, ".channel", "schemas");
}
schemaDir = path.resolve(schemaDir);

const STAFF = "staff:\n  - id: wang-fang\n    name: 王芳\n    position: teller\n";
/** Ten typical mistakes: the file, its text, and the value the mistake is in. */
const MISTAKES = [
  { what: "conversion time without the time", file: "staff.yaml", text: STAFF + "    conversion: {kind: product, product: 长城2号, at: 2012-02-14}\n", value: "2012-02-14" },
  { what: "a date that does not exist", file: "activities.yaml", text: "activities:\n  - {date: 2012-02-30, kind: call, with: [wang-fang]}\n", value: "2012-02-30" },
  { what: "a birthday without leading zeros", file: "staff.yaml", text: STAFF + "    birthday: 1985-6-15\n", value: "1985-6-15" },
  { what: "a position that is no position", file: "staff.yaml", text: "staff:\n  - id: wang-fang\n    name: 王芳\n    position: 大堂\n", value: "大堂" },
  { what: "a phone typed as a number", file: "staff.yaml", text: STAFF + "    phone: 13800138000\n", value: "13800138000" },
  { what: "an id with capitals", file: "staff.yaml", text: "staff:\n  - id: Wang-Fang\n    name: 王芳\n    position: teller\n", value: "Wang-Fang" },
  { what: "a kind of contact in other words", file: "activities.yaml", text: "activities:\n  - {date: 2012-03-01, kind: 见面, with: [wang-fang]}\n", value: "见面" },
  { what: "an amount with words", file: "kpis.yaml", text: "months:\n  - {month: 2012-03, deposits: 26亿多}\n", value: "26亿多" },
  { what: "a timezone that does not exist", file: "channel.yaml", text: "version: 1\norganisation: 长城证券\ntimezone: Asia/Beijing\n", value: "Asia/Beijing" },
  { what: "a competitor kind in other words", file: "competitors.yaml", text: "competitors:\n  - {name: 国泰君安, kind: 券商}\n", value: "券商" },
];

const SCHEMA_OF = { "staff.yaml": "staff", "activities.yaml": "activities", "kpis.yaml": "kpis", "channel.yaml": "channel", "competitors.yaml": "competitors" };
const settings = { yaml: { schemas: {}, hover: true, completion: true, validate: true, yamlVersion: "1.2" } };
const documents = MISTAKES.map((m, i) => {
  const rel = m.file === "channel.yaml" ? `m${i}/channel.yaml` : `m${i}/branches/b1/${m.file}`;
  const schema = pathToFileURL(path.join(schemaDir, `${SCHEMA_OF[m.file]}.schema.json`)).href;
  (settings.yaml.schemas[schema] ??= []).push(`**/${rel}`);
  const file = path.join(dir, ...rel.split("/"));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, m.text);
  return { ...m, uri: pathToFileURL(file).href };
});
// The modeline of docs/data-format.md, in a file no setting associates with a schema: the path
// is relative to the file, so from branches/<id>/ it climbs two folders to .channel/schemas.
const modelineDir = path.join(dir, "modeline", "branches", "b1");
mkdirSync(modelineDir, { recursive: true });
mkdirSync(path.join(dir, "modeline", ".channel"), { recursive: true });
spawnSync("cp", ["-r", schemaDir, path.join(dir, "modeline", ".channel", "schemas")]);
for (const [name, line] of [
  ["staff.yaml", "# yaml-language-server: $schema=../../.channel/schemas/staff.schema.json"],
  ["prospects.yaml", "# yaml-language-server: $schema=./.channel/schemas/prospects.schema.json"],
]) {
  const text = `${line}\n${name === "staff.yaml" ? "staff" : "prospects"}:\n  - id: Wang-Fang\n    name: 王芳\n${name === "staff.yaml" ? "    position: teller\n" : ""}`;
  writeFileSync(path.join(modelineDir, name), text);
  documents.push({ what: `modeline ${line.split("=")[1]}`, file: name, text, value: "Wang-Fang", uri: pathToFileURL(path.join(modelineDir, name)).href, wrong: line.includes("=./") });
}

const diagnostics = new Map();
let allDone;
const done = new Promise((resolve) => (allDone = resolve));
const { child, send, request } = startServer(server, {
  settings: () => settings.yaml,
  onMessage: (message) => {
    if (message.method === "textDocument/publishDiagnostics" && message.params.diagnostics.length > 0) {
      diagnostics.set(message.params.uri, message.params.diagnostics);
      // The wrong modeline may never get a diagnostic: wait for the others.
      if (documents.filter((d) => !d.wrong).every((d) => diagnostics.has(d.uri))) setTimeout(allDone, 1500);
    }
  },
});

const timer = setTimeout(() => allDone(), 30_000);
const failures = [];
try {
  await request("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings } });
  for (const d of documents) send({ method: "textDocument/didOpen", params: { textDocument: { uri: d.uri, languageId: "yaml", version: 1, text: d.text } } });
  await done;
  console.log(`yaml-language-server ${serverVersion}, schemas from ${schemaDir}:`);
  documents.forEach((d, i) => {
    const lines = d.text.split("\n");
    const line = lines.findIndex((l) => l.includes(d.value));
    const at = (diagnostics.get(d.uri) ?? []).filter((x) => x.range.start.line === line);
    const shown = at.map((x) => x.message.replace(/\s+/g, " ").slice(0, 160)).join(" | ") || "(nothing)";
    console.log(`${String(i + 1).padStart(2)}. ${d.what} (${d.file}: ${d.value})\n    ${shown}`);
    // The modeline as documented before (relative to the repository, not the file) finds no schema: nothing is checked.
    if (expectOurs && d.wrong && at.length > 0) failures.push(`${d.what}: expected nothing, got ${shown}`);
    if (expectOurs && !d.wrong && (at.length === 0 || at.some((x) => /does not match the pattern|Value is not accepted|Incorrect type|Valid values/.test(x.message)))) failures.push(`${d.what}: ${shown}`);
  });
} catch (error) {
  failures.push(String(error));
} finally {
  clearTimeout(timer);
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
