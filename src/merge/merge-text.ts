/**
 * The three-way merge of a branch data file as text: our file (what git calls "ours", the
 * clone's own version) edited in place, so that its comments, key order, quoting and layout stay
 * byte for byte, and only what their side changed is spliced in — their new entries as they
 * wrote them (reindented to our list), their changed values, our deleted lines removed. A record
 * whose same field both sides changed to different values is written twice between conflict
 * markers (ours, then theirs: each with every other change of both sides applied), the only
 * lines git must have a person look at.
 *
 * Before the text is handed back it is parsed again and must hold exactly the merged data (each
 * side of a conflict read on its own); anything this cannot do that way — a side that is not
 * valid YAML, aliases, a record list written in `[…]` style, a file kind it does not know — is
 * null, and the caller leaves the file to git's ordinary line merge. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { endOfLine, lineStart, oneLineYaml } from "../edit/yaml-list.js";
import { parseYamlFast } from "../load/parse-yaml.js";
import { YAML_PARSE_OPTIONS } from "../load/yaml-options.js";
import { canonical, displayKey, isPlainMap, LIST_RULES, mergeFileData, type FieldConflict, type MergedItem, type Plain } from "./merge-data.js";

/** What the driver writes: the merged text and the fields left in conflict (none: a clean merge). */
export interface TextMerge {
  text: string;
  conflicts: FieldConflict[];
}

/** The label our conflict markers carry, so that `validate` can tell them from git's own. */
export const RECORD_CONFLICT_LABEL = "channel";

/** Keys whose text values are always written in double quotes (a phone number must not read as a number). */
const ALWAYS_QUOTED = new Set(["phone", "work_phone", "home_phone", "account", "qq"]);

/** The merged text of the branch file `fileName` (`activities.yaml`…); null: leave it to git. */
export function mergeBranchText(fileName: string, base: string, ours: string, theirs: string): TextMerge | null {
  if (ours === theirs || base === theirs) return { text: ours, conflicts: [] };
  if (base === ours) return { text: theirs, conflicts: [] };
  const rules = LIST_RULES[fileName];
  if (rules === undefined) return null;

  // Work on LF text without a BOM; our file's BOM and line ends are put back at the end.
  const bom = ours.startsWith("\uFEFF") ? "\uFEFF" : "";
  const crlf = ours.includes("\r\n");
  const [b, o, t] = [base, ours, theirs].map((x) => x.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"));
  if ([b, o, t].some((x) => x!.includes("\r"))) return null;
  const baseData = dataOfSide(b!);
  const [po, pt] = [parseSide(o!), parseSide(t!)];
  if (baseData === null || po === null || pt === null) return null;

  const merged = mergeFileData(baseData, po.data, pt.data, rules);
  let text: string | null;
  if (!isMap(po.doc.contents)) {
    // Ours holds no data (only comments, or nothing): theirs as it is, when that is the merge.
    text = canonical(merged.value) === canonical(pt.data) ? t! : null;
  } else {
    const render = new Renderer(o!, t!, merged.lists, merged.conflicts);
    const splices = render.map(po.doc.contents, po.data, merged.value, isMap(pt.doc.contents) ? pt.doc.contents : null, pt.data, true);
    text = splices === null ? null : applySplices(o!, splices);
  }
  if (text === null || !readsBackAs(text, merged.value, merged.theirsValue)) return null;
  const out = bom + (crlf ? text.replace(/\n/g, "\r\n") : text);
  return { text: out, conflicts: merged.conflicts };
}

interface ParsedSide {
  doc: Document.Parsed;
  data: { [key: string]: Plain };
}

/** A side's data alone (no positions): the fast reader where it can, as the loader reads files. */
function dataOfSide(text: string): { [key: string]: Plain } | null {
  const fast = parseYamlFast(text);
  if (!fast.ok) return parseSide(text)?.data ?? null;
  const data = fast.data as Plain | undefined;
  if (data === null || data === undefined) return {};
  return isPlainMap(data) ? data : null;
}

function parseSide(text: string): ParsedSide | null {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, YAML_PARSE_OPTIONS);
  } catch {
    return null;
  }
  if (doc.errors.length > 0) return null;
  let aliases = false;
  visit(doc, {
    Alias() {
      aliases = true;
      return visit.BREAK;
    },
  });
  if (aliases) return null;
  // The data from the fast reader when it can read the text (the full parser's toJS is several times slower).
  const fast = parseYamlFast(text);
  const data = (fast.ok ? fast.data : doc.toJS()) as Plain | undefined;
  if (data === null || data === undefined) return { doc, data: {} };
  return isPlainMap(data) ? { doc, data } : null;
}

/** A replacement of `text[start, end)`; an insertion has start = end. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * The text with the splices made; null when two overlap. At one offset, insertions (an entry
 * after the one that ends there) come before a replacement of what starts there, each kind in
 * the order given.
 */
function applySplices(text: string, splices: readonly Splice[]): string | null {
  const isInsert = (s: Splice) => (s.start === s.end ? 0 : 1);
  const sorted = splices.map((s, i) => ({ s, i })).sort((x, y) => x.s.start - y.s.start || isInsert(x.s) - isInsert(y.s) || x.i - y.i);
  let out = "";
  let cursor = 0;
  for (const { s } of sorted) {
    if (s.start < cursor) return null;
    out += text.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

/** Where a node's value ends as whole lines: after the line break that ends its last line. */
function wholeLineEnd(text: string, end: number): number {
  return end > 0 && text[end - 1] === "\n" ? end : endOfLine(text, end);
}

function pairEnd(text: string, pair: Pair<Node, Node | null>): number {
  const end = pair.value?.range?.[1] ?? pair.key.range![1];
  return wholeLineEnd(text, end);
}

/** Whether only spaces are before `offset` on its line. */
function startsItsLine(text: string, offset: number): boolean {
  return /^ *$/.test(text.slice(lineStart(text, offset), offset));
}

/** The lines with `delta` columns more (or fewer) indentation; null when a line has too few spaces to lose. */
function reindent(lines: string, delta: number): string | null {
  if (delta === 0) return lines;
  const parts = lines.split("\n");
  const out: string[] = [];
  for (const [i, line] of parts.entries()) {
    if (line === "" && i === parts.length - 1) {
      out.push(line);
      continue;
    }
    if (delta > 0) out.push(line === "" ? line : " ".repeat(delta) + line);
    else if (line === "" || line.startsWith(" ".repeat(-delta))) out.push(line.slice(Math.min(-delta, line.length)));
    else return null;
  }
  return out.join("\n");
}

function ensureLineBreak(text: string): string {
  return text.endsWith("\n") ? text : text + "\n";
}

function sameValue(a: Plain | undefined, b: Plain | undefined): boolean {
  return canonical(a) === canonical(b);
}

/** A label for the conflict markers: printable, one line, short. */
function markerLabel(key: string): string {
  const clean = [...key].filter((c) => c >= " " && c !== "\u007f" && c !== "(" && c !== ")").join("");
  return clean.length > 60 ? clean.slice(0, 59) + "…" : clean;
}

function conflictBlock(label: string, oursLines: string, theirsLines: string): string {
  const l = markerLabel(label);
  return `<<<<<<< ours (${RECORD_CONFLICT_LABEL}: ${l})\n${ensureLineBreak(oursLines)}=======\n${ensureLineBreak(theirsLines)}>>>>>>> theirs (${RECORD_CONFLICT_LABEL}: ${l})\n`;
}

class Renderer {
  constructor(
    private readonly ours: string,
    private readonly theirs: string,
    private readonly lists: Map<string, MergedItem[]>,
    private readonly conflicts: FieldConflict[],
  ) {}

  /**
   * The splices that turn our mapping `node` (holding `oursData`) into `target`; `top` marks the
   * file's top mapping, whose lists merge item by item and whose conflicts are written here.
   */
  map(node: unknown, oursData: { [key: string]: Plain }, target: { [key: string]: Plain }, theirsNode: YAMLMap | null, theirsData: { [key: string]: Plain } | null, top: boolean): Splice[] | null {
    if (!isMap(node)) return null;
    const text = this.ours;
    const splices: Splice[] = [];
    if (node.flow === true) {
      if (sameValue(oursData, target)) return [];
      // A one-line `{…}` mapping: changed values in place; a key added or taken out: the mapping anew.
      const changedOnly = Object.keys(target).length === Object.keys(oursData).length && Object.keys(target).every((k) => k in oursData);
      if (!changedOnly) return [{ start: node.range![0], end: node.range![1], text: oneLineYaml(target, { alwaysQuoted: ALWAYS_QUOTED }) }];
    }
    const pairs = node.items as Pair<Node, Node | null>[];
    for (const pair of pairs) {
      if (!isScalar(pair.key) || typeof pair.key.value !== "string") return null;
      const key = pair.key.value;
      const theirsPair = theirsNode?.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
      if (top && this.conflicts.some((c) => c.path[0] === key) && !this.lists.has(key)) {
        // A field of the file itself changed both ways: the field's lines between markers.
        if (!startsItsLine(text, pair.key.range![0])) return null;
        const start = lineStart(text, pair.key.range![0]);
        const end = pairEnd(text, pair);
        const oursLines = text.slice(start, end);
        const theirsLines = theirsPair !== undefined && startsItsLine(this.theirs, theirsPair.key.range![0]) ? reindent(this.theirs.slice(lineStart(this.theirs, theirsPair.key.range![0]), pairEnd(this.theirs, theirsPair)), (pair.key.range![0] - start) - (theirsPair.key.range![0] - lineStart(this.theirs, theirsPair.key.range![0]))) : null;
        if (theirsLines === null) return null;
        splices.push({ start, end, text: conflictBlock(key, oursLines, theirsLines) });
        continue;
      }
      if (!(key in target)) {
        if (node.flow === true || !startsItsLine(text, pair.key.range![0])) return null;
        splices.push({ start: lineStart(text, pair.key.range![0]), end: pairEnd(text, pair), text: "" });
        continue;
      }
      const list = top ? this.lists.get(key) : undefined;
      // A list whose conflicts keep our values reads as ours, but its conflicting records still get their markers.
      if (sameValue(target[key], oursData[key]) && !list?.some((i) => i.conflicts.length > 0)) continue;
      if (list !== undefined && isSeq(pair.value) && pair.value.flow !== true && pair.value.items.length > 0) {
        const theirsSeq = theirsPair !== undefined && isSeq(theirsPair.value) ? theirsPair.value : null;
        const listSplices = this.list(pair.value, list, theirsSeq, (oursData[key] ?? []) as Plain[], ((theirsData ?? {})[key] ?? []) as Plain[]);
        if (listSplices !== null) {
          splices.push(...listSplices);
          continue;
        }
        if (list.some((i) => i.conflicts.length > 0)) return null;
      }
      const replaced = this.replaceValue(pair, target[key]!, theirsPair, theirsData?.[key], node.flow === true);
      if (replaced === null) return null;
      splices.push(replaced);
    }
    // Keys only the merge has, after our last key, in the mapping's own style.
    const added = Object.keys(target).filter((k) => !(k in oursData));
    if (added.length > 0) {
      const last = pairs[pairs.length - 1];
      if (last === undefined) return null;
      if (node.flow === true) {
        const at = last.value?.range?.[1] ?? last.key.range![1];
        splices.push({ start: at, end: at, text: added.map((k) => `, ${k}: ${oneLineYaml(target[k]!, { key: k, alwaysQuoted: ALWAYS_QUOTED })}`).join("") });
      } else {
        const firstKey = (pairs[0]!.key as Node).range![0];
        const column = firstKey - lineStart(text, firstKey);
        const at = pairEnd(text, last);
        const lines: string[] = [];
        for (const k of added) {
          const theirsPair = theirsNode?.items.find((p) => isScalar(p.key) && p.key.value === k) as Pair<Node, Node | null> | undefined;
          lines.push(this.theirsPairLines(theirsPair, theirsData?.[k], target[k]!, column) ?? `${" ".repeat(column)}${k}: ${oneLineYaml(target[k]!, { key: k, alwaysQuoted: ALWAYS_QUOTED })}\n`);
        }
        const lead = at === text.length && !text.endsWith("\n") ? "\n" : "";
        splices.push({ start: at, end: at, text: lead + lines.join("") });
      }
    }
    return splices;
  }

  /** Their lines of a pair (reindented to `column`) when they hold `value` and stand on lines of their own. */
  private theirsPairLines(theirsPair: Pair<Node, Node | null> | undefined, theirsValue: Plain | undefined, value: Plain, column: number): string | null {
    if (theirsPair === undefined || !sameValue(theirsValue, value)) return null;
    const keyStart = theirsPair.key.range![0];
    if (!startsItsLine(this.theirs, keyStart)) return null;
    const start = lineStart(this.theirs, keyStart);
    const lines = reindent(this.theirs.slice(start, pairEnd(this.theirs, theirsPair)), column - (keyStart - start));
    return lines === null ? null : ensureLineBreak(lines);
  }

  /** One field's new value: in place when ours is on one line, else the field's lines anew. */
  private replaceValue(pair: Pair<Node, Node | null>, value: Plain, theirsPair: Pair<Node, Node | null> | undefined, theirsValue: Plain | undefined, inFlow: boolean): Splice | null {
    const text = this.ours;
    const key = String((pair.key as { value: unknown }).value);
    const v = pair.value;
    const single = v !== null && v.range != null && v.range[1] > v.range[0] && !text.slice(v.range[0], v.range[1]).includes("\n") && (isScalar(v) || (v as YAMLMap | YAMLSeq).flow === true);
    if (single) {
      const tv = theirsPair?.value;
      const theirsSingle = tv !== null && tv !== undefined && tv.range != null && sameValue(theirsValue, value) && (isScalar(tv) || (tv as YAMLMap | YAMLSeq).flow === true) && !this.theirs.slice(tv.range[0], tv.range[1]).includes("\n");
      const newText = theirsSingle ? this.theirs.slice(tv.range![0], tv.range![1]) : oneLineYaml(value, { key, alwaysQuoted: ALWAYS_QUOTED });
      return { start: v.range![0], end: v.range![1], text: newText };
    }
    if (inFlow || !startsItsLine(text, pair.key.range![0])) return null;
    const start = lineStart(text, pair.key.range![0]);
    const column = pair.key.range![0] - start;
    const lines = this.theirsPairLines(theirsPair, theirsValue, value, column) ?? `${" ".repeat(column)}${key}: ${oneLineYaml(value, { key, alwaysQuoted: ALWAYS_QUOTED })}\n`;
    return { start, end: pairEnd(text, pair), text: lines };
  }

  /** The splices that make our block list `seq` hold the merged `items`; null when it cannot be done line by line. */
  private list(seq: YAMLSeq, items: MergedItem[], theirsSeq: YAMLSeq | null, oursList: Plain[], theirsList: Plain[]): Splice[] | null {
    const text = this.ours;
    const spans: { start: number; end: number; prefixEnd: number; column: number }[] = [];
    for (const item of seq.items as Node[]) {
      const range = item.range;
      if (range === undefined || range === null) return null;
      const start = lineStart(text, range[0]);
      if (!/^ *- +$/.test(text.slice(start, range[0]))) return null;
      spans.push({ start, end: wholeLineEnd(text, range[1]), prefixEnd: range[0], column: text.slice(start, range[0]).indexOf("-") });
    }
    const column = spans[0]!.column;
    const splices: Splice[] = [];
    const kept = new Set(items.map((i) => i.oursIndex).filter((i): i is number => i !== null));
    spans.forEach((span, i) => {
      if (!kept.has(i)) splices.push({ start: span.start, end: span.end, text: "" });
    });
    let insertAt = spans[0]!.start;
    for (const item of items) {
      if (item.oursIndex !== null) {
        const span = spans[item.oursIndex]!;
        insertAt = span.end;
        const node = seq.items[item.oursIndex] as Node;
        if (item.conflicts.length > 0) {
          const oursVariant = this.itemText(node, span, oursList[item.oursIndex]!, item.value, item.theirsIndex, theirsSeq, theirsList);
          const theirsVariant = this.itemText(node, span, oursList[item.oursIndex]!, item.theirsValue, item.theirsIndex, theirsSeq, theirsList);
          if (oursVariant === null || theirsVariant === null) return null;
          splices.push({ start: span.start, end: span.end, text: conflictBlock(displayKey(item.key), oursVariant, theirsVariant) });
        } else if (!sameValue(item.value, oursList[item.oursIndex])) {
          const changed = this.itemText(node, span, oursList[item.oursIndex]!, item.value, item.theirsIndex, theirsSeq, theirsList);
          if (changed === null) return null;
          splices.push({ start: span.start, end: span.end, text: changed });
        }
        continue;
      }
      const added = this.theirsItemLines(item.theirsIndex, theirsSeq, theirsList, item.value, column, true) ?? `${" ".repeat(column)}- ${oneLineYaml(item.value, { alwaysQuoted: ALWAYS_QUOTED })}\n`;
      const lead = insertAt === text.length && !text.endsWith("\n") ? "\n" : "";
      splices.push({ start: insertAt, end: insertAt, text: lead + added });
    }
    return splices;
  }

  /** Our item's lines made to hold `value`: edited field by field, else their item's lines, else written anew. */
  private itemText(node: Node, span: { start: number; end: number }, oursValue: Plain, value: Plain, theirsIndex: number | null, theirsSeq: YAMLSeq | null, theirsList: Plain[]): string | null {
    const column = this.ours.slice(span.start, span.end).indexOf("-");
    if (isMap(node) && isPlainMap(oursValue) && isPlainMap(value)) {
      const theirsNode = theirsIndex !== null && theirsSeq !== null && isMap(theirsSeq.items[theirsIndex]) ? (theirsSeq.items[theirsIndex] as YAMLMap) : null;
      const theirsValue = theirsIndex !== null ? theirsList[theirsIndex] : undefined;
      const edits = this.map(node, oursValue, value, theirsNode, isPlainMap(theirsValue) ? theirsValue : null, false);
      if (edits !== null) {
        const shifted = edits.map((s) => ({ start: s.start - span.start, end: s.end - span.start, text: s.text }));
        const edited = applySplices(this.ours.slice(span.start, span.end), shifted);
        if (edited !== null) return ensureLineBreak(edited);
      }
    }
    return this.theirsItemLines(theirsIndex, theirsSeq, theirsList, value, column) ?? `${" ".repeat(column)}- ${oneLineYaml(value, { alwaysQuoted: ALWAYS_QUOTED })}\n`;
  }

  /**
   * Their item's lines, reindented to our list's `column`, when it holds `value`; with the
   * comment lines right above it that our file does not have (a note on why the entry is there).
   */
  private theirsItemLines(theirsIndex: number | null, theirsSeq: YAMLSeq | null, theirsList: Plain[], value: Plain, column: number, added = false): string | null {
    if (theirsIndex === null || theirsSeq === null || !sameValue(theirsList[theirsIndex], value)) return null;
    const node = theirsSeq.items[theirsIndex] as Node | undefined;
    const range = node?.range;
    if (!range) return null;
    const t = this.theirs;
    let start = lineStart(t, range[0]);
    const prefix = t.slice(start, range[0]);
    if (!/^ *- +$/.test(prefix)) return null;
    const theirsColumn = prefix.indexOf("-");
    // Comment lines right above, at the item's indentation, that ours lacks.
    for (;;) {
      if (start === 0) break;
      const above = lineStart(t, start - 1);
      const line = t.slice(above, start - 1);
      if (!new RegExp(`^ {${theirsColumn}}#`).test(line) || this.ours.includes(line)) break;
      start = above;
    }
    const lines = reindent(t.slice(start, wholeLineEnd(t, range[1])), column - theirsColumn);
    if (lines === null) return null;
    // A new entry set off by a blank line on their side (prospects often are) is set off here too.
    const blankAbove = added && start > 0 && t.slice(lineStart(t, start - 1), start - 1).trim() === "";
    return (blankAbove ? "\n" : "") + ensureLineBreak(lines);
  }
}

/** The sides of every conflict block: the text as it reads with ours kept, and with theirs kept. */
export function conflictSides(text: string): { ours: string; theirs: string } {
  let ours = "";
  let theirs = "";
  let state: "both" | "ours" | "theirs" = "both";
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith("<<<<<<< ")) state = "ours";
    else if (state === "ours" && /^=======\r?\n?$/.test(line)) state = "theirs";
    else if (state === "theirs" && line.startsWith(">>>>>>> ")) state = "both";
    else {
      if (state !== "theirs") ours += line;
      if (state !== "ours") theirs += line;
    }
  }
  return { ours, theirs };
}

/** Whether the text (each side of its conflicts) reads back as the merged data. */
function readsBackAs(text: string, value: Plain, theirsValue: Plain): boolean {
  const sides = conflictSides(text);
  const read = (t: string): string | null => {
    const data = dataOfSide(t);
    return data === null ? null : canonical(data);
  };
  return read(sides.ours) === canonical(value) && read(sides.theirs) === canonical(theirsValue);
}
