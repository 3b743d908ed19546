/**
 * Appending one entry to an activities.yaml without disturbing anything else in it: comments,
 * key order, quoting and layout stay byte for byte, and only the new entry's text is inserted.
 * The YAML parser finds where the `activities` list ends; the entry is written in the style
 * of its neighbours (a one-line `{…}` mapping, or a block mapping when the last entry is one),
 * with the file's own line ends. Before the text is handed back it is parsed again and must
 * hold exactly the old entries plus the new one. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLSeq } from "yaml";
import { blockListEnd, firstItemPlacement, flowListEnd, isEmptyListValue, oneLineYaml, spliceLines } from "../edit/yaml-list.js";

/** One contact log entry, in the order its keys are written (`done` after `with`). */
export interface ActivityEntry {
  date: string;
  kind: string;
  with: string[];
  by: string | null;
  note: string | null;
  /** The follow-up kinds the contact dealt with (codes), written as `done: [..]` when given. */
  done?: readonly string[] | null;
}

export interface AppendResult {
  /** The whole new file text. */
  text: string;
  /** The entry as written, on one line (for telling the user). */
  entryText: string;
}

/** Why an entry could not be appended; the file is left alone. */
export class AppendError extends Error {}

export const PARSE_OPTIONS = { version: "1.2", schema: "core", uniqueKeys: true, strict: true } as const;

/** The new text of an activities.yaml (`existing`, or null when the file does not exist) with `entry` appended. */
export function appendActivity(existing: string | null, entry: ActivityEntry): AppendResult {
  const bom = existing !== null && existing.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = existing === null ? "" : existing.slice(bom.length);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const entryText = flowEntry(entry);
  const before = existingEntries(text);
  const newText = bom + insert(text, entry, entryText, eol);
  const after = existingEntries(newText.slice(bom.length));
  if (after === null || JSON.stringify(after) !== JSON.stringify([...(before ?? []), plain(entry)])) {
    throw new AppendError("the result would not read back as the old entries plus the new one");
  }
  return { text: newText, entryText };
}

function insert(text: string, entry: ActivityEntry, entryText: string, eol: string): string {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) throw new AppendError(doc.errors[0]!.message.split("\n")[0] ?? "YAML error");
  const root = doc.contents;

  // An empty file, or one with only comments: add the key.
  if (root === null || (isScalar(root) && root.value === null)) {
    const lead = text.length === 0 || text.endsWith("\n") ? text : text + eol;
    return `${lead}activities:${eol}  - ${entryText}${eol}`;
  }
  if (!isMap(root)) throw new AppendError("the file is not a mapping with an activities list");
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === "activities") as Pair<Node, Node | null> | undefined;
  if (pair === undefined) throw new AppendError("the file has no activities key");
  const value = pair.value;

  if (isEmptyListValue(value)) {
    // `activities:`, `activities: ~` or `activities: []`: the entry becomes the first item of a block list.
    const first = firstItemPlacement(text, pair);
    return spliceLines(first.text, first.at, [first.prefix + entryText], eol);
  }
  if (!isSeq(value)) throw new AppendError("activities is not a list");
  if (value.flow === true) return insertInFlowList(text, value, entryText);
  return insertInBlockList(text, value, entry, entryText, eol);
}

function insertInBlockList(text: string, seq: YAMLSeq, entry: ActivityEntry, entryText: string, eol: string): string {
  const end = blockListEnd(text, seq);
  if (end === null) throw new AppendError("cannot find the end of the activities list");
  const body = end.lastIsBlockMap ? blockEntry(entry, " ".repeat(end.prefix.length), eol) : entryText;
  return spliceLines(text, end.at, [end.prefix + body], eol);
}

function insertInFlowList(text: string, seq: YAMLSeq, entryText: string): string {
  const end = flowListEnd(seq);
  if (end === null) throw new AppendError("cannot find the end of the activities list");
  return `${text.slice(0, end)}, ${entryText}${text.slice(end)}`;
}

function plain(entry: ActivityEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { date: entry.date, kind: entry.kind };
  if (entry.with.length > 0) out.with = [...entry.with];
  // Next to `with`: what was dealt with, for those people.
  if (entry.done !== undefined && entry.done !== null) out.done = [...entry.done];
  if (entry.by !== null) out.by = entry.by;
  if (entry.note !== null) out.note = entry.note;
  return out;
}

/** `{date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜, note: …}`, quoted where YAML needs it. */
export function flowEntry(entry: ActivityEntry): string {
  return oneLineYaml(plain(entry));
}

function blockEntry(entry: ActivityEntry, pad: string, eol: string): string {
  return Object.entries(plain(entry))
    .map(([key, value], i) => `${i === 0 ? "" : pad}${key}: ${oneLineYaml(value)}`)
    .join(eol);
}

/** The plain entries of the activities list, or null when the text holds no list (or does not parse). */
function existingEntries(text: string): unknown[] | null {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) return null;
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return [];
  if (typeof data !== "object" || Array.isArray(data)) return null;
  const list = (data as Record<string, unknown>).activities;
  if (list === null || list === undefined) return [];
  return Array.isArray(list) ? list : null;
}
