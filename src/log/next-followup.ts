/**
 * Setting one prospect's `next_followup` in a prospects.yaml by editing its text, so that every
 * comment, key order, quoting and the layout stay byte for byte: the bytes of the existing value
 * are replaced, or the key is added at the end of the prospect's mapping in its own style (a line
 * at its keys' indentation in a block mapping, `, next_followup: …` in a `{…}` one). Before the
 * text is handed back it is parsed again and must hold exactly the old data with that one value
 * set. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { endOfLine, lineStart } from "../edit/yaml-list.js";
import { AppendError, PARSE_OPTIONS } from "./append-activity.js";

const KEY = "next_followup";

/** The new text of a prospects.yaml with the `next_followup` of the prospect `id` set to `date` (YYYY-MM-DD). */
export function setNextFollowup(existing: string, id: string, date: string): string {
  const bom = existing.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = existing.slice(bom.length);
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) throw new AppendError(doc.errors[0]!.message.split("\n")[0] ?? "YAML error");
  const prospect = findProspect(doc.contents as Node | null, id);
  const newText = bom + edit(text, prospect, date);

  const expected = doc.toJS() as { prospects: Record<string, unknown>[] };
  for (const entry of expected.prospects) if (entry !== null && typeof entry === "object" && entry.id === id) entry[KEY] = date;
  const reread = parseDocument(newText.slice(bom.length), PARSE_OPTIONS);
  if (reread.errors.length > 0 || JSON.stringify(reread.toJS()) !== JSON.stringify(expected)) {
    throw new AppendError(`the result would not read back as the old data with ${KEY} set`);
  }
  return newText;
}

/** The mapping of the one prospect whose id is `id`. */
function findProspect(root: Node | null, id: string): YAMLMap {
  if (!isMap(root)) throw new AppendError("the file is not a mapping with a prospects list");
  const list = root.get("prospects", true) as Node | undefined;
  if (!isSeq(list)) throw new AppendError("prospects is not a list");
  const found = list.items.filter((item): item is YAMLMap => isMap(item) && item.get("id") === id);
  if (found.length !== 1) throw new AppendError(found.length === 0 ? `no prospect ${id} in the file` : `the id ${id} is there ${found.length} times`);
  return found[0]!;
}

function edit(text: string, prospect: YAMLMap, date: string): string {
  const pair = prospect.items.find((p) => isScalar(p.key) && p.key.value === KEY) as Pair<Node, Node | null> | undefined;
  if (pair !== undefined) return replaceValue(text, pair, date);
  const last = prospect.items[prospect.items.length - 1] as Pair<Node, Node | null> | undefined;
  const lastEnd = last?.value?.range?.[1] ?? last?.key.range?.[1];
  if (last === undefined || lastEnd === undefined) throw new AppendError("cannot find the end of the prospect's entry");
  if (prospect.flow === true) return `${text.slice(0, lastEnd)}, ${KEY}: ${date}${text.slice(lastEnd)}`;

  // A block mapping: a line of its own after the last key's value, at the keys' indentation.
  const firstKey = (prospect.items[0] as Pair<Node, unknown>).key.range![0];
  const indent = " ".repeat(firstKey - lineStart(text, firstKey));
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  // A block scalar's value ends after its final line break.
  const at = lastEnd > 0 && text[lastEnd - 1] === "\n" ? lastEnd : endOfLine(text, lastEnd);
  const lead = at >= text.length && !text.endsWith("\n") ? eol : "";
  return `${text.slice(0, at)}${lead}${indent}${KEY}: ${date}${eol}${text.slice(at)}`;
}

/** The existing value's bytes replaced; an empty value (`next_followup:`) gets one. */
function replaceValue(text: string, pair: Pair<Node, Node | null>, date: string): string {
  const range = pair.value?.range;
  if (!range) throw new AppendError(`cannot find the value of ${KEY}`);
  const [start, end] = range;
  if (end > start) {
    if (!isScalar(pair.value)) throw new AppendError(`${KEY} is not a single value`);
    return text.slice(0, start) + date + text.slice(end);
  }
  const before = text[start - 1] === ":" ? " " : "";
  const after = text[start] === "#" ? " " : "";
  return text.slice(0, start) + before + date + after + text.slice(start);
}
