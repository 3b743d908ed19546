/**
 * The edits people make to branch files, as text in, text out: what `log`, `log --next`, `add`
 * and a hand edit in an editor do. Used by the merge driver's tests to make two clones' days.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { appendActivity, type ActivityEntry } from "../../src/log/append-activity.js";
import { setNextFollowup } from "../../src/log/next-followup.js";
import { endOfLine, lineStart, oneLineYaml } from "../../src/edit/yaml-list.js";

const OPTIONS = { version: "1.2", schema: "core", uniqueKeys: true } as const;

/** One edit of a day's work. */
export type Edit =
  | { op: "log"; entry: ActivityEntry }
  | { op: "next"; id: string; date: string }
  | { op: "add"; id: string; name: string; found: string }
  | { op: "set"; id: string; field: string; value: string }
  | { op: "deleteProspect"; id: string }
  | { op: "deleteActivity"; index: number };

/** The branch's two files the edits touch. */
export interface Files {
  activities: string;
  prospects: string;
}

export function applyEdit(files: Files, edit: Edit): Files {
  switch (edit.op) {
    case "log":
      return { ...files, activities: appendActivity(files.activities, edit.entry).text };
    case "next":
      return { ...files, prospects: setNextFollowup(files.prospects, edit.id, edit.date) };
    case "add":
      return { ...files, prospects: addProspect(files.prospects, edit.id, edit.name, edit.found) };
    case "set":
      return { ...files, prospects: setField(files.prospects, edit.id, edit.field, edit.value) };
    case "deleteProspect":
      return { ...files, prospects: deleteItem(files.prospects, "prospects", (item) => item.get("id") === edit.id) };
    case "deleteActivity": {
      let n = -1;
      return { ...files, activities: deleteItem(files.activities, "activities", () => ++n === edit.index) };
    }
  }
}

/** What `channel add prospect` writes: a block entry after a blank line at the end of the list. */
export function addProspect(text: string, id: string, name: string, found: string): string {
  const lead = text.endsWith("\n") ? "" : "\n";
  return `${text}${lead}\n  - id: ${id}\n    name: ${oneLineYaml(name)}\n    found: ${found}\n`;
}

function record(text: string, id: string): { map: YAMLMap } {
  const doc = parseDocument(text, OPTIONS);
  const list = (doc.contents as YAMLMap).get("prospects", true) as Node;
  if (!isSeq(list)) throw new Error("no prospects list");
  const map = list.items.find((i) => isMap(i) && i.get("id") === id);
  if (!isMap(map)) throw new Error(`no prospect ${id}`);
  return { map };
}

/** A field's value set as a person does in an editor: the value replaced, or a line added at the record's end. */
export function setField(text: string, id: string, field: string, value: string): string {
  const { map } = record(text, id);
  const written = oneLineYaml(value, { key: field, alwaysQuoted: new Set(["phone"]) });
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === field) as Pair<Node, Node> | undefined;
  if (pair?.value?.range) return text.slice(0, pair.value.range[0]) + written + text.slice(pair.value.range[1]);
  const last = map.items[map.items.length - 1] as Pair<Node, Node>;
  const end = last.value!.range![1];
  const at = end > 0 && text[end - 1] === "\n" ? end : endOfLine(text, end);
  const firstKey = (map.items[0] as Pair<Node, Node>).key.range![0];
  const indent = " ".repeat(firstKey - lineStart(text, firstKey));
  const lead = at >= text.length && !text.endsWith("\n") ? "\n" : "";
  return `${text.slice(0, at)}${lead}${indent}${field}: ${written}\n${text.slice(at)}`;
}

/** The lines of the first list item `matches` removed. */
function deleteItem(text: string, key: string, matches: (item: YAMLMap) => boolean): string {
  const doc = parseDocument(text, OPTIONS);
  const list = (doc.contents as YAMLMap).get(key, true) as Node;
  if (!isSeq(list)) return text;
  const item = list.items.find((i) => isMap(i) && matches(i)) as Node | undefined;
  if (!item?.range) return text;
  const end = item.range[1];
  return text.slice(0, lineStart(text, item.range[0])) + text.slice(end > 0 && text[end - 1] === "\n" ? end : endOfLine(text, end));
}
