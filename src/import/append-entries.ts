/**
 * Adding records to a branch's staff.yaml, prospects.yaml or activities.yaml without disturbing
 * anything else in it — the same promise `channel log` keeps for one activity
 * (src/log/append-activity.ts), generalised to many entries of any of the three lists, and to
 * filling fields into entries already there:
 *
 * - comments, key order, quoting, blank lines, line ends and a BOM stay byte for byte; only the
 *   new text is inserted;
 * - new entries copy their neighbours' style: block mappings after a block mapping (with a blank
 *   line between entries when the file has them), one-line `{…}` mappings after a one-line one;
 *   a new file gets block entries for people and one-line entries for activities;
 * - filled fields go after an entry's last field, at its indentation (or before the `}` of a
 *   one-line entry);
 * - before the text is handed back it is parsed again and must hold exactly the old entries, with
 *   the filled fields added, followed by the new ones (appendEntries, appendWritable); or, for a
 *   caller that parses the new text anyway (import checks it with the repository), the draft
 *   says what it must read back as (draftWritable, issue 29: a sheet of 200,000 rows is then
 *   parsed once, not three times).
 *
 * Each value is written directly (src/edit/yaml-value.ts), not through a YAML document per value.
 *
 * Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { blockListEnd, endOfLine, firstItemPlacement, flowListEnd, isEmptyListValue, lineStart, spliceLines } from "../edit/yaml-list.js";
import { unwritableReason, UnwritableValueError, yamlValue } from "../edit/yaml-value.js";

export type ListKey = "staff" | "prospects" | "activities";

export interface FillEdit {
  /** The entry's index in the list. */
  index: number;
  fields: Record<string, unknown>;
  /** Fields the entry has whose values are replaced (`import --update`): each value is rewritten in place, the rest of the line kept. */
  replace?: Record<string, unknown>;
}

/** Why the file cannot be edited; it is left alone. */
export class EditError extends Error {}

const PARSE_OPTIONS = { version: "1.2", schema: "core", uniqueKeys: true, strict: true } as const;

/** Keys whose text values are always quoted, so no tool reads them as numbers or dates. */
const QUOTED_KEYS = new Set(["phone", "work_phone", "home_phone", "qq", "account", "lunar_birthday", "wechat"]);

interface Edit {
  at: number;
  text: string;
  /** Where the replaced text ends; absent for an insertion. */
  end?: number;
}

const NOT_READ_BACK = "the result would not read back as the old entries plus the new ones";

export function appendEntries(existing: string | null, key: ListKey, entries: readonly Record<string, unknown>[], fills: readonly FillEdit[] = []): string {
  const old = readOld(existing, key);
  const draft = draftFrom(old, key, entries, fills);
  if (!readsBackAs(listEntries(draft.text.slice(old.bom.length), key), draft.expected)) throw new EditError(NOT_READ_BACK);
  return draft.text;
}

/** The file as read before the edit: its text without a BOM, its line end, its document and its entries. */
interface OldFile {
  bom: string;
  text: string;
  eol: string;
  doc: Document.Parsed;
  entries: unknown[];
}

function readOld(existing: string | null, key: ListKey): OldFile {
  const bom = existing !== null && existing.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = existing === null ? "" : existing.slice(bom.length);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  // Parsed once: the edit finds its places in this document, the check compares with its entries.
  const doc = parseDocument(text, PARSE_OPTIONS);
  const entries = doc.errors.length > 0 ? null : listOf(doc.toJS() as unknown, key);
  if (entries === null) throw new EditError(`the file does not hold a ${key} list that can be read`);
  return { bom, text, eol, doc, entries };
}

/** The new text, and the list it must read back as. */
export interface AppendDraft {
  /**
   * The whole new text (with the BOM the file had), written when first read. It holds what the
   * sample's edit held for every entry, which was written the same way (each value checked up
   * front), so reading it does not fail where the sample did not.
   */
  readonly text: string;
  /** How many entries the list held before. */
  oldCount: number;
  /** The list as the new text must read: the old entries with their fills, then the new entries. */
  expected: unknown[];
}

function draftFrom(old: OldFile, key: ListKey, entries: readonly Record<string, unknown>[], fills: readonly FillEdit[]): AppendDraft {
  return { text: old.bom + editText(old, key, entries, fills), oldCount: old.entries.length, expected: listAfter(old.entries, entries, fills) };
}

function editText(old: OldFile, key: ListKey, entries: readonly Record<string, unknown>[], fills: readonly FillEdit[]): string {
  try {
    return edit(old.text, old.doc, key, entries, fills, old.eol);
  } catch (error) {
    if (error instanceof UnwritableValueError) throw new EditError(`${NOT_READ_BACK}: ${error.message}`);
    throw error;
  }
}

/** A list after the edit: its entries with their fills (an entry's first fill), then the new entries. */
export function listAfter(before: readonly unknown[], entries: readonly Record<string, unknown>[], fills: readonly FillEdit[]): unknown[] {
  // By index and by concatenation: a sheet of 200,000 rows overflowed the stack with push(...entries).
  const fillAt = new Map<number, FillEdit>();
  for (const f of fills) if (!fillAt.has(f.index)) fillAt.set(f.index, f);
  return before
    .map((entry, i) => {
      const fill = fillAt.get(i);
      return fill === undefined ? entry : { ...(entry as Record<string, unknown>), ...fill.fields, ...(fill.replace ?? {}) };
    })
    .concat(entries);
}

/** Whether a list as read (null: none could be read) is the list a draft expects. */
export function readsBackAs(list: unknown[] | null, expected: readonly unknown[]): boolean {
  return list !== null && sameData(list, expected);
}

/** What appendWritable could write, and what it left out. */
export interface WritableAppend {
  text: string;
  /** The entries (by index into the entries given) that cannot be written, each with why. */
  unwritableEntries: Map<number, string>;
  /** The same for the fills. */
  unwritableFills: Map<number, string>;
}

/** draftWritable's answer: the text, whether it read back on a sample, and what was left out. */
export interface WritableDraft {
  /**
   * The whole new text (with the BOM the file had), written when first read. It holds what the
   * sample's edit held for every entry, which was written the same way (each value checked up
   * front), so reading it does not fail where the sample did not.
   */
  readonly text: string;
  /** How many entries the list held before. */
  oldCount: number;
  /** The new entries and the fills written into `text`: those given, less the unwritable ones. */
  written: { entries: readonly Record<string, unknown>[]; fills: readonly FillEdit[] };
  /**
   * Whether the sample read back: the edit made with every fill but only the first and the last
   * new entry, parsed, holds exactly the old entries with their fills and those two.
   */
  readsBack: boolean;
  unwritableEntries: Map<number, string>;
  unwritableFills: Map<number, string>;
}

/**
 * The edit of appendWritable for a sheet of any size (issue 29), without parsing the whole new
 * text: an entry or fill holding a value that cannot be written (a Date) is left out and named;
 * every value is written by yamlValue, which writes text that reads back as the value
 * (tests/import/yaml-value.test.ts); and where the new entries go is read back on a sample, the
 * edit made with only the first and the last of them. All entries are written by the same code
 * at the same place, so the new text reads as listAfter(old entries, written entries, fills);
 * the caller checks that value (not the text) with the repository. When the sample does not
 * read back, the caller falls back to appendWritable. A file that cannot be edited throws
 * EditError, as appendEntries does.
 */
export function draftWritable(existing: string | null, key: ListKey, entries: readonly Record<string, unknown>[], fills: readonly FillEdit[] = []): WritableDraft {
  const old = readOld(existing, key);
  const whyNot = (value: unknown): string | null => {
    const why = unwritableReason(value);
    return why === null ? null : `${NOT_READ_BACK}: ${why}`;
  };
  const unwritableEntries = new Map<number, string>();
  const unwritableFills = new Map<number, string>();
  entries.forEach((entry, i) => {
    const why = whyNot(entry);
    if (why !== null) unwritableEntries.set(i, why);
  });
  fills.forEach((fill, i) => {
    const why = whyNot(fill.fields) ?? whyNot(fill.replace ?? {});
    if (why !== null) unwritableFills.set(i, why);
  });
  const writtenEntries = unwritableEntries.size === 0 ? entries : entries.filter((_e, i) => !unwritableEntries.has(i));
  const writtenFills = unwritableFills.size === 0 ? fills : fills.filter((_f, i) => !unwritableFills.has(i));
  // The whole text is written when it is first asked for: a dry run whose value checks clean
  // never needs it (issue 29: 200,000 entries are 37 MB of text).
  let text: string | null = null;
  const wholeText = (): string => (text ??= old.bom + editText(old, key, writtenEntries, writtenFills));
  const sample = writtenEntries.length <= 2 ? writtenEntries : [writtenEntries[0]!, writtenEntries[writtenEntries.length - 1]!];
  const sampleText = sample.length === writtenEntries.length ? wholeText().slice(old.bom.length) : editText(old, key, sample, writtenFills);
  const readsBack = readsBackAs(listEntries(sampleText, key), listAfter(old.entries, sample, writtenFills));
  return {
    get text() {
      return wholeText();
    },
    oldCount: old.entries.length,
    written: { entries: writtenEntries, fills: writtenFills },
    readsBack,
    unwritableEntries,
    unwritableFills,
  };
}

/**
 * appendEntries, except that an entry or fill that cannot be written (its text would not read
 * back as it is) is left out and named, and the others are written: when the whole edit
 * fails, each one is tried alone on the old text. An edit that fails for every one alike
 * (the file itself cannot be edited) throws, as appendEntries does.
 */
export function appendWritable(existing: string | null, key: ListKey, entries: readonly Record<string, unknown>[], fills: readonly FillEdit[] = []): WritableAppend {
  try {
    return { text: appendEntries(existing, key, entries, fills), unwritableEntries: new Map(), unwritableFills: new Map() };
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    const whyNot = (edit: () => string): string | null => {
      try {
        edit();
        return null;
      } catch (alone) {
        if (alone instanceof EditError) return alone.message;
        throw alone;
      }
    };
    const failing = <T>(items: readonly T[], edit: (item: T) => string) =>
      new Map(items.flatMap((item, i) => {
        const why = whyNot(() => edit(item));
        return why === null ? [] : [[i, why] as const];
      }));
    const unwritableEntries = failing(entries, (entry) => appendEntries(existing, key, [entry]));
    const unwritableFills = failing(fills, (fill) => appendEntries(existing, key, [], [fill]));
    if (unwritableEntries.size === 0 && unwritableFills.size === 0) throw error;
    const text = appendEntries(
      existing,
      key,
      entries.filter((_e, i) => !unwritableEntries.has(i)),
      fills.filter((_f, i) => !unwritableFills.has(i)),
    );
    return { text, unwritableEntries, unwritableFills };
  }
}

function edit(text: string, doc: Document.Parsed, key: ListKey, entries: readonly Record<string, unknown>[], fills: readonly FillEdit[], eol: string): string {
  if (doc.errors.length > 0) throw new EditError(doc.errors[0]!.message.split("\n")[0] ?? "YAML error");
  const root = doc.contents;
  const edits: Edit[] = [];
  const flowByDefault = key === "activities";

  if (root === null || (isScalar(root) && root.value === null)) {
    if (entries.length === 0) return text;
    const lead = text.length === 0 || text.endsWith("\n") ? text : text + eol;
    const body = entries.map((e) => renderEntry(e, "  - ", flowByDefault, eol)).join(eol);
    return `${lead}${key}:${eol}${body}${eol}`;
  }
  if (!isMap(root)) throw new EditError(`the file is not a mapping with a ${key} list`);
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;

  if (pair === undefined) {
    // Other keys but no list yet (a staff.yaml with only `reviewed:`): the key goes at the end.
    if (entries.length === 0) return text;
    const lead = text.length === 0 || text.endsWith("\n") ? text : text + eol;
    const body = entries.map((e) => renderEntry(e, "  - ", flowByDefault, eol)).join(eol);
    return `${lead}${key}:${eol}${body}${eol}`;
  }
  const value = pair.value;
  if (isEmptyListValue(value)) {
    if (entries.length === 0) return text;
    const first = firstItemPlacement(text, pair);
    return spliceLines(first.text, first.at, entries.map((e) => renderEntry(e, first.prefix, flowByDefault, eol)), eol);
  }
  if (!isSeq(value)) throw new EditError(`${key} is not a list`);

  for (const fill of fills) {
    if (fill.replace !== undefined) edits.push(...replaceEdits(value, fill));
    if (Object.keys(fill.fields).length > 0) edits.push(fillEdit(text, value, fill, eol));
  }
  if (entries.length > 0) edits.push(value.flow === true ? appendToFlowList(value, entries) : appendToBlockList(text, value, entries, eol));
  edits.sort((a, b) => a.at - b.at);
  let out = "";
  let from = 0;
  for (const e of edits) {
    if (e.at < from) throw new EditError("two edits overlap");
    out += text.slice(from, e.at) + e.text;
    from = e.end ?? e.at;
  }
  return out + text.slice(from);
}

/**
 * The values of an entry's fields rewritten in place (`import --update`): only the value's own
 * text changes; the key, a comment after it, the line's layout stay. Single values only: a
 * block list or mapping as a value is not rewritten.
 */
function replaceEdits(seq: YAMLSeq, fill: FillEdit): Edit[] {
  const item = seq.items[fill.index] as Node | undefined;
  if (item === undefined || !isMap(item)) throw new EditError(`entry ${fill.index} is not a mapping`);
  const map = item as YAMLMap;
  const flow = map.flow === true;
  return Object.entries(fill.replace ?? {}).map(([key, next]) => {
    const pair = (map.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && p.key.value === key);
    const node = pair?.value;
    if (pair === undefined || node === null || node === undefined || !isScalar(node) || node.range === undefined || node.range === null) {
      throw new EditError(`entry ${fill.index} has no single value for ${key} to change`);
    }
    // In a one-line {…} entry the value is written as a flow context needs it (commas quoted).
    const written = flow ? flowText({ [key]: next }).slice(1, -1).replace(/^[^:]*:\s*/, "") : valueText(key, next);
    return { at: node.range[0], end: node.range[1], text: written };
  });
}

function appendToBlockList(text: string, seq: YAMLSeq, entries: readonly Record<string, unknown>[], eol: string): Edit {
  const end = blockListEnd(text, seq);
  if (end === null) throw new EditError("cannot find the end of the list");
  const items = seq.items as Node[];
  const blankBetween = items.length >= 2 && hasBlankLineBetween(text, items[items.length - 2]!, end.last);
  const lines = entries.map((e) => (blankBetween ? eol : "") + renderEntry(e, end.prefix, !end.lastIsBlockMap, eol));
  if (end.at >= text.length && !text.endsWith("\n")) return { at: text.length, text: eol + lines.join(eol) + eol };
  return { at: end.at, text: lines.join(eol) + eol };
}

function appendToFlowList(seq: YAMLSeq, entries: readonly Record<string, unknown>[]): Edit {
  const end = flowListEnd(seq);
  if (end === null) throw new EditError("cannot find the end of the list");
  return { at: end, text: entries.map((e) => `, ${flowText(e)}`).join("") };
}

function fillEdit(text: string, seq: YAMLSeq, fill: FillEdit, eol: string): Edit {
  const item = seq.items[fill.index] as Node | undefined;
  if (item === undefined || !isMap(item)) throw new EditError(`entry ${fill.index} is not a mapping`);
  const map = item as YAMLMap;
  const pairs = map.items as Pair<Node, Node | null>[];
  const lastPair = pairs[pairs.length - 1];
  const lastEnd = lastPair?.value?.range?.[1] ?? (lastPair?.key as Node | undefined)?.range?.[1];
  if (lastPair === undefined || lastEnd === undefined) throw new EditError(`entry ${fill.index} is empty`);
  const fields = Object.entries(fill.fields);
  if (map.flow === true) return { at: lastEnd, text: flowPairs(fill.fields) };
  const keyStart = (pairs[0]!.key as Node).range?.[0] ?? 0;
  const pad = " ".repeat(keyStart - lineStart(text, keyStart));
  const at = lastEnd > 0 && text[lastEnd - 1] === "\n" ? lastEnd : endOfLine(text, lastEnd);
  const lines = fields.map(([k, v]) => `${pad}${k}: ${valueText(k, v)}`);
  if (at >= text.length && !text.endsWith("\n")) return { at: text.length, text: eol + lines.join(eol) + eol };
  return { at, text: lines.join(eol) + eol };
}

function hasBlankLineBetween(text: string, a: Node, b: Node): boolean {
  const aEnd = a.range?.[1];
  const bStart = b.range?.[0];
  if (aEnd === undefined || bStart === undefined) return false;
  return /\n[ \t]*\r?\n/.test(text.slice(aEnd - 1 >= 0 && text[aEnd - 1] === "\n" ? aEnd - 1 : aEnd, lineStart(text, bStart)));
}

/** One entry: `- {a: 1, b: 2}` in flow style, or a block mapping under `prefix` with its keys aligned. */
function renderEntry(entry: Record<string, unknown>, prefix: string, flow: boolean, eol: string): string {
  if (flow) return prefix + flowText(entry);
  const pad = " ".repeat(prefix.length);
  return Object.entries(entry)
    .map(([key, value], i) => `${i === 0 ? prefix : pad}${key}: ${valueText(key, value)}`)
    .join(eol);
}

/** `{a: 1, b: "x, y"}`: values quoted as a flow context needs. */
function flowText(entry: Record<string, unknown>): string {
  return yamlValue(entry, { alwaysQuoted: QUOTED_KEYS });
}

/** `, a: 1, b: "x, y"`: pairs to add inside an existing `{…}`. */
function flowPairs(fields: Record<string, unknown>): string {
  return `, ${flowText(fields).slice(1, -1)}`;
}

/** A value on one line in block context, quoted where YAML needs it (and always for phones and the like). */
function valueText(key: string, value: unknown): string {
  return yamlValue(value, { key, alwaysQuoted: QUOTED_KEYS });
}

/** The entries of the list in a file's text (none for a missing file), or null when it holds no readable list. */
export function readEntries(text: string | null, key: ListKey): unknown[] | null {
  return text === null ? [] : listEntries(text.replace(/^\uFEFF/, ""), key);
}

/** The plain entries of the list, or null when the text holds no list (or does not parse). */
function listEntries(text: string, key: ListKey): unknown[] | null {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) return null;
  return listOf(doc.toJS() as unknown, key);
}

/** The list under `key` of a file's value: none for an empty file or key, null when it is not a list. */
function listOf(data: unknown, key: ListKey): unknown[] | null {
  if (data === null || data === undefined) return [];
  if (typeof data !== "object" || Array.isArray(data)) return null;
  const list = (data as Record<string, unknown>)[key];
  if (list === null || list === undefined) return [];
  return Array.isArray(list) ? list : null;
}

/** Deep equality of plain data, ignoring the order of mapping keys. */
function sameData(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
