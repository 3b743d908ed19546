#!/usr/bin/env node
// Writes every enum of schemas/*.json from the one table of codes and Chinese names
// (src/model/enum-names.ts, ENUM_NAMES) and the English label of each code (the message
// catalogue): the `enum` (codes first, then the Chinese names) and, beside it,
// `enumDescriptions` (one per value, "branch_head — 行长 / branch head").
//
// Why `enumDescriptions` and not `oneOf: [{const, title}]`: the Red Hat YAML language server
// (the VS Code YAML extension) shows `enumDescriptions` both in completion (the documentation of
// each offered value) and on hover (the "Allowed Values" list); a `oneOf` of consts would make
// ajv report one error per alternative instead of one `enum` error, changing our diagnostics,
// and other validators treat an unknown keyword as an annotation (ajv is told about it in
// src/validate/compile.ts).
//
// Only the two arrays are rewritten, in place: the rest of each file keeps its layout.
//
//   npm run build && node scripts/sync-schema-enums.mjs          rewrite the schemas
//   node scripts/sync-schema-enums.mjs --check                   exit 1 if a schema is out of date
//
// Adding an enum: add its kind to ENUM_NAMES, give each code an English label in the message
// catalogue (src/i18n/messages/, under one key prefix), add a row to ENUM_LOCATIONS below naming
// that prefix and every place in the schemas that takes the enum (file and JSON Pointer to the
// schema object that holds `"type": "string"`; for a list of such values, its `items`), then run
// this script: it adds `enum` and `enumDescriptions` there when they are missing. tests/validate/
// schema-enums.test.ts fails until every ENUM_NAMES kind has a row and the schemas match.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The one table of where each enum kind lives: `labels` is the message-key prefix of the
 * English label of each code (`${labels}${code}`); `at` lists [schema file, JSON Pointer].
 */
export const ENUM_LOCATIONS = [
  { kind: "position", labels: "position.", at: [["common.schema.json", "/$defs/position"]] },
  { kind: "gender", labels: "gender.", at: [["common.schema.json", "/$defs/gender"]] },
  { kind: "tier", labels: "report.tier.", at: [["prospects.schema.json", "/properties/prospects/items/properties/tier"]] },
  {
    kind: "activity",
    labels: "sheet.activity.",
    at: [["activities.schema.json", "/properties/activities/items/properties/kind"]],
  },
  {
    kind: "competitor",
    labels: "competitor.",
    at: [["competitors.schema.json", "/properties/competitors/items/properties/kind"]],
  },
  {
    kind: "source",
    labels: "sheet.source.",
    at: [["prospects.schema.json", "/properties/prospects/items/properties/source/properties/kind"]],
  },
  {
    kind: "event",
    labels: "event.",
    at: [["prospects.schema.json", "/properties/prospects/items/properties/events/items/properties/kind"]],
  },
  { kind: "level", labels: "level.", at: [["branch.schema.json", "/properties/level"]] },
  { kind: "done", labels: "done.", at: [["activities.schema.json", "/properties/activities/items/properties/done/items"]] },
  // issue 23
  { kind: "greet", labels: "greet.", at: [["channel.schema.json", "/properties/holidays/items/properties/greet/items"]] },
];

/** The `enum` and `enumDescriptions` of one kind: codes, then names, each described as "code — 名 / label". */
export function enumArrays(names, english) {
  const values = [];
  const descriptions = [];
  const describe = (code) => `${code} — ${names[code][0]} / ${english(code)}`;
  for (const code of Object.keys(names)) {
    values.push(code);
    descriptions.push(describe(code));
  }
  for (const [code, list] of Object.entries(names)) {
    for (const name of list) {
      values.push(name);
      descriptions.push(describe(code));
    }
  }
  return { values, descriptions };
}

/**
 * The schema texts with every located enum rewritten. `texts`: [file name, text] pairs;
 * `enumNames`: ENUM_NAMES; `english(key)`: the English message of a catalogue key;
 * `locations`: ENUM_LOCATIONS (another table only in tests).
 * Throws when ENUM_NAMES has a kind without a row, or a location is not in the schemas.
 */
export function syncSchemaTexts(texts, enumNames, english, locations = ENUM_LOCATIONS) {
  const unmapped = Object.keys(enumNames).filter((kind) => !locations.some((row) => row.kind === kind));
  if (unmapped.length > 0) throw new Error(`ENUM_LOCATIONS in scripts/sync-schema-enums.mjs has no row for: ${unmapped.join(", ")}`);
  const out = new Map(texts);
  for (const row of locations) {
    const names = enumNames[row.kind];
    if (names === undefined) throw new Error(`ENUM_NAMES has no kind ${row.kind}`);
    const { values, descriptions } = enumArrays(names, (code) => english(`${row.labels}${code}`));
    for (const [file, pointer] of row.at) {
      const text = out.get(file);
      if (text === undefined) throw new Error(`no schema ${file}`);
      out.set(file, setArrays(text, pointer, values, descriptions, `${file}#${pointer}`));
    }
  }
  return texts.map(([name]) => [name, out.get(name)]);
}

/**
 * `text` with the object at `pointer` given these `enum` and `enumDescriptions`: each replaced
 * where it is, or added (after `enum`, after the last member) when missing.
 */
function setArrays(text, pointer, values, descriptions, where) {
  const node = locate(text, pointer, where);
  if (node.kind !== "object" || node.members.length === 0) throw new Error(`${where} is not a schema object with members`);
  const indent = lineIndent(text, node.members[0].keyStart);
  const array = (items) =>
    `[\n${items.map((item) => `${indent}  ${JSON.stringify(item)}`).join(",\n")}\n${indent}]`;
  const member = (key, items) => `,\n${indent}${JSON.stringify(key)}: ${array(items)}`;
  const enumMember = node.members.find((m) => m.key === "enum");
  const descMember = node.members.find((m) => m.key === "enumDescriptions");
  const edits = [];
  if (enumMember) edits.push({ start: enumMember.value.start, end: enumMember.value.end, text: array(values) });
  const after = (enumMember ?? node.members.at(-1)).value.end;
  const added = (enumMember ? "" : member("enum", values)) + (descMember ? "" : member("enumDescriptions", descriptions));
  if (added !== "") edits.push({ start: after, end: after, text: added });
  if (descMember) edits.push({ start: descMember.value.start, end: descMember.value.end, text: array(descriptions) });
  edits.sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

// issue 24: the editor messages (src/validate/schema-messages.ts, SCHEMA_MESSAGES).

/**
 * The schema texts with each message of `messages` ({file, pointer, keyword, key}) set to
 * `text(key)`: the member replaced where it is, or added after the object's last member.
 */
export function syncSchemaMessages(texts, messages, text) {
  const out = new Map(texts);
  for (const message of messages) {
    const schema = out.get(message.file);
    if (schema === undefined) throw new Error(`no schema ${message.file}`);
    out.set(message.file, setMember(schema, message.pointer, message.keyword, text(message.key), `${message.file}#${message.pointer}`));
  }
  return texts.map(([name]) => [name, out.get(name)]);
}

function setMember(text, pointer, key, value, where) {
  const node = locate(text, pointer, where);
  if (node.kind !== "object" || node.members.length === 0) throw new Error(`${where} is not a schema object with members`);
  const existing = node.members.find((m) => m.key === key);
  if (existing) return text.slice(0, existing.value.start) + JSON.stringify(value) + text.slice(existing.value.end);
  const indent = lineIndent(text, node.members[0].keyStart);
  const after = node.members.at(-1).value.end;
  return text.slice(0, after) + `,\n${indent}${JSON.stringify(key)}: ${JSON.stringify(value)}` + text.slice(after);
}

function lineIndent(text, offset) {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))[0];
}

/** The span of the JSON value at `pointer` (RFC 6901) in `text`, with an object's members and their spans. */
function locate(text, pointer, where) {
  let node = parseValue(text, skip(text, 0));
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const member = node.kind === "object" ? node.members.find((m) => m.key === token) : undefined;
    if (member === undefined) throw new Error(`${where}: no "${token}"`);
    node = member.value;
  }
  return node;
}

function skip(text, i) {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** A small JSON reader that keeps where each value starts and ends (JSON.parse does not). */
function parseValue(text, start) {
  const ch = text[start];
  if (ch === "{") {
    const members = [];
    let i = skip(text, start + 1);
    if (text[i] === "}") return { kind: "object", start, end: i + 1, members };
    for (;;) {
      const keyNode = parseValue(text, i);
      if (keyNode.kind !== "string") throw new Error(`expected a key at ${i}`);
      i = skip(text, keyNode.end);
      if (text[i] !== ":") throw new Error(`expected ':' at ${i}`);
      const value = parseValue(text, skip(text, i + 1));
      members.push({ key: JSON.parse(text.slice(keyNode.start, keyNode.end)), keyStart: keyNode.start, value });
      i = skip(text, value.end);
      if (text[i] === "}") return { kind: "object", start, end: i + 1, members };
      if (text[i] !== ",") throw new Error(`expected ',' or '}' at ${i}`);
      i = skip(text, i + 1);
    }
  }
  if (ch === "[") {
    let i = skip(text, start + 1);
    if (text[i] === "]") return { kind: "array", start, end: i + 1 };
    for (;;) {
      const item = parseValue(text, i);
      i = skip(text, item.end);
      if (text[i] === "]") return { kind: "array", start, end: i + 1 };
      if (text[i] !== ",") throw new Error(`expected ',' or ']' at ${i}`);
      i = skip(text, i + 1);
    }
  }
  if (ch === '"') {
    let i = start + 1;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return { kind: "string", start, end: i + 1 };
  }
  const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(start, start + 40));
  if (m === null) throw new Error(`unexpected ${JSON.stringify(ch)} at ${start}`);
  return { kind: "scalar", start, end: start + m[0].length };
}

async function main() {
  const check = process.argv.includes("--check");
  const schemaDir = fileURLToPath(new URL("../schemas/", import.meta.url));
  // The tables as the build compiled them (tsc's output, not the bundle): run `npm run build` first.
  const { ENUM_NAMES } = await import("../dist/model/enum-names.js");
  const { tDynamic } = await import("../dist/i18n/catalog.js");
  const { SCHEMA_MESSAGES, bilingualSchemaMessage } = await import("../dist/validate/schema-messages.js");
  const names = [...new Set([...ENUM_LOCATIONS.flatMap((row) => row.at.map(([file]) => file)), ...SCHEMA_MESSAGES.map((m) => m.file)])].sort();
  const texts = names.map((name) => [name, readFileSync(schemaDir + name, "utf8")]);
  const english = (key) => {
    const text = tDynamic("en", key);
    if (text === key) throw new Error(`the message catalogue has no ${key}`);
    return text;
  };
  const synced = syncSchemaMessages(syncSchemaTexts(texts, ENUM_NAMES, english), SCHEMA_MESSAGES, bilingualSchemaMessage);
  const stale = synced.filter(([name, text], i) => text !== texts[i][1]).map(([name]) => name);
  if (check) {
    if (stale.length > 0) {
      console.error(`sync-schema-enums: out of date: ${stale.join(", ")} (run: npm run build && node scripts/sync-schema-enums.mjs)`);
      process.exit(1);
    }
    console.log("sync-schema-enums: every enum matches ENUM_NAMES");
    return;
  }
  for (const [name, text] of synced) if (stale.includes(name)) writeFileSync(schemaDir + name, text);
  console.log(stale.length > 0 ? `sync-schema-enums: rewrote ${stale.join(", ")}` : "sync-schema-enums: already in sync");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
