/**
 * Appending to a YAML list by editing its text (so every comment and the layout stay as they
 * are), shared by `channel log` and `channel import`: where a new item goes and how it is
 * indented, read off the items already there.
 */
import { Document, isMap, isScalar, isSeq, visit, type Node, type Pair, type YAMLSeq } from "yaml";

/** Where a new item goes at the end of a block list. */
export interface BlockListEnd {
  /** The list's last item. */
  last: Node;
  /** Whether the last item is a block mapping (a new item is then written the same way). */
  lastIsBlockMap: boolean;
  /** What starts an item line, as the last item's line starts (`  - `). */
  prefix: string;
  /** The offset of the line after the last item. */
  at: number;
}

/** The end of a block list with at least one item; null when its positions cannot be found. */
export function blockListEnd(text: string, seq: YAMLSeq): BlockListEnd | null {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const start = last?.range?.[0];
  const end = last?.range?.[1];
  if (last === undefined || start === undefined || end === undefined) return null;
  const found = text.slice(lineStart(text, start), start);
  const seqColumn = (seq.range?.[0] ?? 0) - lineStart(text, seq.range?.[0] ?? 0);
  const prefix = /^ *- +$/.test(found) ? found : `${" ".repeat(seqColumn)}- `;
  // The last item ends where its value ends; a block scalar's value ends after its final line break.
  const at = end > 0 && text[end - 1] === "\n" ? end : endOfLine(text, end);
  return { last, lastIsBlockMap: isMap(last) && last.flow !== true, prefix, at };
}

/** The offset just after the last item of a flow list (`[a, b]`), where `, c` goes; null when unknown. */
export function flowListEnd(seq: YAMLSeq): number | null {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  return last?.range?.[1] ?? null;
}

/** Whether a key holds no list yet: `key:`, `key: ~` or `key: []`. */
export function isEmptyListValue(value: Node | null): boolean {
  return value === null || (isScalar(value) && value.value === null) || (isSeq(value) && value.flow === true && value.items.length === 0);
}

/**
 * Where the first item goes under a key whose value is empty (see isEmptyListValue): the text
 * with an empty value (`~`, `[]`) taken out, the offset of the line after the key, and the item
 * prefix, indented two columns more than the key.
 */
export function firstItemPlacement(text: string, pair: Pair<Node, Node | null>): { text: string; at: number; prefix: string } {
  const value = pair.value;
  let cut = text;
  if (value !== null && value.range && value.range[1] > value.range[0]) {
    const [start, end] = value.range;
    cut = text.slice(0, start).replace(/[ \t]+$/, "") + text.slice(end).replace(/^[ \t]+(?=[^\s#])/, " ");
  }
  const keyStart = pair.key.range?.[0] ?? 0;
  return { text: cut, at: endOfLine(cut, keyStart), prefix: `${" ".repeat(keyStart - lineStart(cut, keyStart) + 2)}- ` };
}

/** Inserts whole lines at offset `at` (a line start, or the end of a text without a final line break). */
export function spliceLines(text: string, at: number, lines: readonly string[], eol: string): string {
  const body = lines.join(eol) + eol;
  if (at >= text.length) {
    const lead = text.length === 0 || text.endsWith("\n") ? text : text + eol;
    return lead + body;
  }
  return text.slice(0, at) + body + text.slice(at);
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset just after the line break that ends the line holding `offset` (or the text's end). */
export function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Everything on one line: no wrapping, and line breaks inside text written as `\n`. */
const ONE_LINE = { lineWidth: 0, flowCollectionPadding: false, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER } as const;

/**
 * A value on one line, written so that YAML reads it back as the same value wherever the line
 * goes (a flow list's item, a block mapping's value): mappings and lists in flow style
 * (`{a: 1, b: "x, y"}`), text plain where that reads back, else double-quoted with escapes —
 * text with line breaks, and text YAML would write as a block scalar on lines of its own
 * (`...` and `---` read as document markers). Values of the keys in `alwaysQuoted` are
 * double-quoted whatever they are (phone numbers); `key` names the key of a value written alone.
 */
export function oneLineYaml(value: unknown, options: { key?: string; alwaysQuoted?: ReadonlySet<string> } = {}): string {
  const alwaysQuoted = options.alwaysQuoted ?? new Set<string>();
  const doc = new Document(value, { version: "1.2" });
  if (isMap(doc.contents) || isSeq(doc.contents)) doc.contents.flow = true;
  visit(doc, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (alwaysQuoted.has(key) && isScalar(pair.value) && typeof pair.value.value === "string") pair.value.type = "QUOTE_DOUBLE";
    },
    Scalar(_key, node) {
      if (typeof node.value === "string" && needsQuotes(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  const top = doc.contents;
  if (options.key !== undefined && alwaysQuoted.has(options.key) && isScalar(top) && typeof top.value === "string") top.type = "QUOTE_DOUBLE";
  return doc.toString(ONE_LINE).replace(/\n$/, "");
}

/** Whether text would not stay on one line unquoted: it has a line break, or YAML writes it as a block scalar. */
function needsQuotes(text: string): boolean {
  return /[\r\n]/.test(text) || new Document(text, { version: "1.2" }).toString(ONE_LINE).replace(/\n$/, "").includes("\n");
}
