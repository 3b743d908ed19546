/**
 * One table, four renderings: a terminal table (Chinese text aligned by display width), CSV
 * for spreadsheets (UTF-8 with a BOM, so Excel shows Chinese correctly), Markdown, and the
 * rows as plain values. Commands build a `Tabular` from their figures and pick the renderer.
 */
import { displayWidth } from "./text-width.js";
import type { Style } from "./style.js";
import { markdownInline, spreadsheetText, terminalCell } from "./untrusted-text.js";

export interface Column {
  header: string;
  align?: "left" | "right";
  /**
   * The column holds numbers our code writes: in CSV a cell of it that is a plain decimal
   * number (`-300`, `1.5`) stays a number; any other cell is guarded like text.
   */
  numeric?: boolean;
  /**
   * Dates, times and phone numbers: kept on one line in HTML, where a narrow column in print
   * would otherwise break `2012-04-20` after a hyphen.
   */
  nowrap?: boolean;
  /**
   * On a terminal narrower than the table, this column may be narrowed and its cells wrapped
   * onto several lines (names, explanations); the others (dates, money, ids, phones) keep
   * their width.
   */
  wrap?: boolean;
  /** How the terminal table paints this column's cells (colour), applied after measuring. */
  paint?: (text: string) => string;
}

export interface Tabular {
  columns: Column[];
  rows: string[][];
}

/**
 * Rows under headings that span the whole table (the morning list on a terminal: one heading
 * per person, their items below). The columns line up across all groups.
 */
export interface GroupedTabular {
  columns: Column[];
  groups: TableGroup[];
}

export interface TableGroup {
  /** One line of text across the table (wrapped onto more when the table is narrow). */
  heading: string;
  rows: string[][];
}

/**
 * A boxed table for the terminal. Columns are as wide as their widest cell in terminal cells
 * (a Chinese character takes two), so Chinese text lines up. Drawn here rather than with
 * cli-table3, which measured every cell several times over with an emoji regular expression:
 * a head office's follow-up list (28,000 lines) took 36 s to draw, and takes under one now.
 *
 * With `maxWidth` (the terminal's columns) a table wider than that narrows its `wrap` columns
 * and wraps their cells onto several lines (see `fitColumnWidths`); without it (output to a
 * pipe or a file) nothing changes.
 */
export function renderTable(table: Tabular, style: Style, maxWidth: number | null = null): string {
  return renderTablePieces(table, style, maxWidth).join("");
}

/**
 * `renderTable`'s text in pieces that make it when joined (about 500 lines each): a head
 * office's audit (110,000 rows) is written out piece by piece, never held whole (issue 29).
 */
export function renderTablePieces(table: Tabular, style: Style, maxWidth: number | null = null): string[] {
  return drawTable(table.columns, [{ heading: null, rows: table.rows }], style, maxWidth);
}

/** A table of groups under full-width headings; fitted to `maxWidth` as `renderTable`. */
export function renderGroupedTable(table: GroupedTabular, style: Style, maxWidth: number | null = null): string {
  return drawTable(table.columns, table.groups, style, maxWidth).join("");
}

/** A cell made safe and measured once: shown form, cut, one line (untrusted-text.ts). */
interface Measured {
  cells: readonly string[];
  widths: ArrayLike<number>;
}

function measureRow(raw: readonly string[]): Measured {
  const cells: string[] = new Array(raw.length);
  const widths: number[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const cell = terminalCell(raw[i]!);
    cells[i] = cell;
    widths[i] = displayWidth(cell);
  }
  return { cells, widths };
}

/**
 * A group's rows made safe and measured, held compactly (issue 29: an audit of a head office
 * is 110,000 rows, each measured before any is drawn): a row whose cells are shown as they are
 * is the caller's own array, and the widths of all cells are one typed array.
 */
interface MeasuredBlock {
  heading: string | null;
  rows: (readonly string[])[];
  /** The display width of row r's cell i at r × columns + i. */
  widths: Int32Array;
}

function measureBlock(heading: string | null, raw: readonly (readonly string[])[], columns: number): MeasuredBlock {
  const rows: (readonly string[])[] = new Array(raw.length);
  const widths = new Int32Array(raw.length * columns);
  for (let r = 0; r < raw.length; r++) {
    const row = raw[r]!;
    let shown: string[] | null = null;
    for (let i = 0; i < columns; i++) {
      const text = row[i] ?? "";
      const cell = terminalCell(text);
      if (cell !== text || i >= row.length) shown ??= Array.from({ length: columns }, (_, k) => row[k] ?? "");
      if (shown !== null) shown[i] = cell;
      widths[r * columns + i] = displayWidth(cell);
    }
    rows[r] = shown ?? row;
  }
  return { heading: heading === null ? null : terminalCell(heading), rows, widths };
}

/**
 * Lines joined a batch at a time, each batch one flat string ending in a newline: not
 * thousands of pieces of lines held to the end (issue 29).
 */
class LineSink {
  private readonly batches: string[] = [];
  private pending: string[] = [];

  push(...lines: string[]): void {
    for (const line of lines) this.pending.push(line);
    if (this.pending.length >= 512) this.flush();
  }

  /** The pieces of the text, in order. */
  pieces(): string[] {
    this.flush();
    return this.batches;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.pending.push("");
    this.batches.push(this.pending.join("\n"));
    this.pending = [];
  }
}

function drawTable(columns: readonly Column[], groups: readonly { heading: string | null; rows: readonly string[][] }[], style: Style, maxWidth: number | null): string[] {
  const count = columns.length;
  const header = measureRow(columns.map((c) => c.header));
  const blocks = groups.map((g) => measureBlock(g.heading, g.rows, count));
  const natural = columns.map((_, i) => header.widths[i] ?? 0);
  for (const block of blocks) {
    for (let at = 0; at < block.widths.length; at++) if (block.widths[at]! > natural[at % count]!) natural[at % count] = block.widths[at]!;
  }
  // A heading wider than the columns widens the last column that may wrap (else the last one).
  const inner = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w, 0) + 3 * (widths.length - 1);
  const lastWrap = lastIndexWhere(columns, (c) => c.wrap === true);
  const widen = (widths: number[], span: number) => {
    if (span > inner(widths) && widths.length > 0) widths[lastWrap === -1 ? widths.length - 1 : lastWrap]! += span - inner(widths);
  };
  // Columns are fitted by their cells; headings then take what room the width leaves.
  const headingWidth = Math.max(0, ...blocks.map((b) => (b.heading === null ? 0 : displayWidth(b.heading))));
  const widths =
    maxWidth === null
      ? natural
      : fitWithin(
          natural,
          columns.map((c, i) => columnMinimum(c, header.cells[i] ?? "", blocks.flatMap((b) => b.rows.map((r) => r[i] ?? "")))),
          maxWidth,
        );
  widen(widths, maxWidth === null ? headingWidth : Math.min(headingWidth, maxWidth - 4));
  widen(widths, Math.max(0, ...blocks.map((b) => (b.heading === null ? 0 : widestUnit([b.heading])))));
  const headingSpan = inner(widths);

  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => "─".repeat(w + 2)).join(middle) + right;
  const spanRule = (left: string, right: string) => left + "─".repeat(headingSpan + 2) + right;
  // The spaces that pad a cell, made once per width.
  const gaps: string[] = [];
  const gap = (n: number): string => (n <= 0 ? "" : (gaps[n] ??= " ".repeat(n)));
  /** One cell of one line, between its borders: painted (or bold in the header) after measuring, padded to its column. */
  const drawCell = (i: number, text: string, textWidth: number, isHeader: boolean): string => {
    const column = columns[i];
    const cell = text === "" ? "" : isHeader ? style.bold(text) : column?.paint !== undefined ? column.paint(text) : text;
    const padding = gap(widths[i]! - textWidth);
    return column?.align === "right" ? ` ${padding}${cell} ` : ` ${cell}${padding} `;
  };
  // A row whose cells all fit is one line, drawn straight into its text: an audit or a morning
  // list of a head office is 100,000 such rows (issue 29).
  const oneLine = (cells: readonly string[], cellWidths: ArrayLike<number>, from: number): string | null => {
    if (widths.length === 0) return null;
    let line = "│";
    for (let i = 0; i < widths.length; i++) {
      const cellWidth = cellWidths[from + i] ?? 0;
      if (cellWidth > widths[i]!) return null;
      line += drawCell(i, cells[i] ?? "", cellWidth, false) + "│";
    }
    return line;
  };
  const rowLines = (cells: readonly string[], cellWidths: ArrayLike<number>, from: number, isHeader: boolean): string[] => {
    // Most cells fit: they are drawn as measured, and only the others are wrapped and measured again.
    const wrapped = widths.map((w, i) => ((cellWidths[from + i] ?? 0) <= w ? null : shownLines(wrapText(cells[i] ?? "", w))));
    const height = Math.max(1, ...wrapped.map((pieces) => pieces?.length ?? 1));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = widths.map((_, i) => {
        const pieces = wrapped[i] ?? null;
        const text = pieces === null ? (k === 0 ? (cells[i] ?? "") : "") : (pieces[k] ?? "");
        const textWidth = pieces === null ? (k === 0 ? (cellWidths[from + i] ?? 0) : 0) : displayWidth(text);
        return drawCell(i, text, textWidth, isHeader);
      });
      lines.push("│" + parts.join("│") + "│");
    }
    return lines;
  };
  const headingLines = (heading: string): string[] =>
    (displayWidth(heading) <= headingSpan ? [heading] : shownLines(wrapText(heading, headingSpan))).map(
      (piece) => `│ ${style.bold(piece)}${" ".repeat(Math.max(0, headingSpan - displayWidth(piece)))} │`,
    );

  const out = new LineSink();
  out.push(rule("┌", "┬", "┐"), ...rowLines(header.cells, header.widths, 0, true));
  for (const block of blocks) {
    if (block.heading !== null) {
      out.push(spanRule("├", "┤").replace(/─/g, (_, at: number) => (columnJoinAt(widths, at) ? "┴" : "─")), ...headingLines(block.heading));
      out.push(spanRule("├", "┤").replace(/─/g, (_, at: number) => (columnJoinAt(widths, at) ? "┬" : "─")));
    }
    for (let r = 0; r < block.rows.length; r++) {
      const cells = block.rows[r]!;
      const line = oneLine(cells, block.widths, r * count);
      if (line !== null) out.push(line);
      else out.push(...rowLines(cells, block.widths, r * count, false));
    }
  }
  out.push(rule("└", "┴", "┘"));
  return out.pieces();
}

/** Wrapped lines as shown: the spaces where a line was broken, and those it ends with, are not drawn. */
export function shownLines(pieces: readonly string[]): string[] {
  return pieces.map((piece, k) => (k > 0 ? piece.replace(/^[ \u3000]+/, "") : piece).replace(/[ \u3000]+$/, ""));
}

/** A line of text for a terminal `maxWidth` columns wide, wrapped as table cells are (see `wrapText`); as it is without a width. */
export function fitText(text: string, maxWidth: number | null): string {
  return maxWidth === null ? text : shownLines(wrapText(text, maxWidth)).join("\n");
}

/** Whether position `at` of a rule line (the corner is 0) is where two columns meet. */
function columnJoinAt(widths: readonly number[], at: number): boolean {
  let position = 0;
  for (let i = 0; i < widths.length - 1; i++) {
    position += widths[i]! + 3;
    if (position === at) return true;
  }
  return false;
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/**
 * The narrowest a column can be: a column that may wrap, its widest unbreakable piece; any
 * other, its widest cell (dates, money, ids and phones are never wrapped), though its header
 * may wrap ("奖励（元）" over two lines above "1000").
 */
function columnMinimum(column: Column, header: string, cells: readonly string[]): number {
  if (column.wrap === true) return widestUnit([header, ...cells]);
  return Math.max(widestUnit([header]), ...cells.map(displayWidth));
}

/** Below this a column is hard to read (four Chinese characters, a short word): only a tight terminal gets narrower ones. */
const READABLE_WIDTH = 8;

/**
 * Column widths for a terminal `maxWidth` wide: narrowed to no less than a readable width when
 * that fits; else to the columns' minimums when those fit; else, as the table cannot fit
 * anyway, at readable widths (the terminal wraps a readable table better than it shows
 * columns one character wide).
 */
function fitWithin(natural: readonly number[], minimums: readonly number[], maxWidth: number): number[] {
  const tableWidth = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w, 0) + 3 * widths.length + 1;
  const readable = fitColumnWidths(natural, minimums.map((min, i) => Math.max(min, Math.min(natural[i] ?? 0, READABLE_WIDTH))), maxWidth);
  if (tableWidth(readable) <= maxWidth) return readable;
  const tight = fitColumnWidths(natural, minimums, maxWidth);
  return tableWidth(tight) <= maxWidth ? tight : readable;
}

/**
 * Column widths that make the table at most `maxWidth` wide: columns give up width one cell at
 * a time, wide ones more than narrow ones, down to their minimum (`columnMinimum`). When even the minimums
 * are too wide the table is drawn at its minimum: it cannot be narrower.
 */
export function fitColumnWidths(natural: readonly number[], minimums: readonly number[], maxWidth: number): number[] {
  const widths = [...natural];
  let excess = widths.reduce((sum, w) => sum + w, 0) + 3 * widths.length + 1 - maxWidth;
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, i) => {
      // The column with the most width × share of its own width kept gives up the next cell:
      // between widest-first (a long explanation gives up most, a short kind keeps its line) and
      // in proportion (the explanation stays the widest column).
      if (w <= (minimums[i] ?? w)) return;
      const weight = (j: number) => (widths[j]! * widths[j]!) / Math.max(1, natural[j]!);
      if (widest === -1 || weight(i) > weight(widest) || (weight(i) === weight(widest) && w >= widths[widest]!)) widest = i;
    });
    if (widest === -1) break;
    widths[widest]! -= 1;
    excess -= 1;
  }
  return widths;
}

/** The narrowest a table can be drawn (see `columnMinimum`); a terminal narrower than that gets readable columns instead. */
export function minimumTableWidth(table: Tabular): number {
  const widths = table.columns.map((column, i) => columnMinimum(column, terminalCell(column.header), table.rows.map((row) => terminalCell(row[i] ?? ""))));
  return widths.reduce((sum, w) => sum + w, 0) + 3 * widths.length + 1;
}

/**
 * Made on first use: the first Intl object of a run starts ICU's locale machinery, ~10 ms of
 * CPU, and most runs draw only text that never needs cutting into graphemes (issue 28).
 */
let graphemeSegmenter: Intl.Segmenter | undefined;
/** A control character or bidi override as `terminalCell` shows it (`\x1B`, `\u202E`): never split. */
const SHOWN_CONTROL = /\\x[0-9A-F]{2}|\\u[0-9A-F]{4}/g;

/** The pieces a line may break between: graphemes, and shown control characters whole. */
function breakUnits(text: string): string[] {
  const units: string[] = [];
  let from = 0;
  const graphemes = (part: string) => {
    graphemeSegmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
    for (const { segment } of graphemeSegmenter.segment(part)) units.push(segment);
  };
  for (const match of text.matchAll(SHOWN_CONTROL)) {
    graphemes(text.slice(from, match.index));
    units.push(match[0]);
    from = match.index + match[0].length;
  }
  graphemes(text.slice(from));
  return units;
}

/** The widest unbreakable piece of any of the texts: the narrowest a wrapping column can be. */
function widestUnit(texts: readonly string[]): number {
  let widest = 0;
  for (const text of texts) {
    // Most text is ASCII and CJK, one character a unit of at most two cells: only other text is cut up.
    if (PLAIN_UNITS.test(text)) widest = Math.max(widest, WIDE_UNIT.test(text) ? 2 : text === "" ? 0 : 1);
    else for (const unit of breakUnits(text)) widest = Math.max(widest, displayWidth(unit));
  }
  return widest;
}

/** Printable ASCII but the backslash, CJK ideographs and punctuation, fullwidth forms: each character a grapheme. */
const PLAIN_UNITS = /^[\x20-\x5b\x5d-\x7e\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]*$/;
const WIDE_UNIT = /[\u3000-\uff60]/;

/**
 * After these a line may break: a space, and Chinese punctuation that ends a clause. (ASCII
 * punctuation is followed by a space where a break belongs: "Mar 12, key"; not in "10:00", "300,000".)
 */
const BREAK_AFTER = new Set([" ", "\u3000", "，", "、", "；", "。", "：", "！", "？", "）", "」", "』", "】"]);
const SPACES = new Set([" ", "\u3000"]);
/** These never end a line (a hard break moves them along). */
const NEVER_LAST = new Set(["（", "「", "『", "【", "(", "《"]);
/** These never start a line (a hard break moves the character before them along). */
const NEVER_FIRST = new Set(["，", "、", "；", "。", "：", "！", "？", "）", "」", "』", "】", ",", ";", ":", "!", "?", ")", "."]);

/** Letters, digits and what joins them in a word or a number (3.5, 10:00, 300,000, 2012-03-20, 50%). */
const WORD_UNIT = /^[0-9A-Za-z.,:%'\-]$/;
/** What follows a number as its unit (10万, 30天, 3月). */
const NUMBER_UNIT = new Set(["万", "亿", "元", "天", "日", "月", "年", "档", "号", "人", "岁", "项", "%"]);

function keepTogether(before: string, after: string): boolean {
  if (NEVER_FIRST.has(after) || NEVER_LAST.has(before)) return true;
  if (WORD_UNIT.test(before) && WORD_UNIT.test(after)) return true;
  return /^[0-9]$/.test(before) && NUMBER_UNIT.has(after);
}

/**
 * Text cut into lines of at most `width` terminal cells, breaking after a space or a clause's
 * punctuation (，、；) when that keeps the line at least a third full, else between any two
 * characters (where Chinese breaks) but inside a word or a number; never inside a character, a grapheme (an emoji with its
 * modifiers, a letter with its accents) or a shown control character. The lines joined give
 * the text back; each is at most `width` wide but for the spaces it ends with, which are not
 * drawn (`shownLines`). A piece wider than `width` on its own gets a line of its own.
 */
export function wrapText(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const units = breakUnits(text);
  const unitWidths = units.map(displayWidth);
  const lines: string[] = [];
  let start = 0;
  let used = 0;
  /** The unit index after the last break opportunity in the current line, and the line's width there. */
  let breakAt = -1;
  let usedAtBreak = 0;
  const restart = (from: number, to: number) => {
    lines.push(units.slice(start, from).join(""));
    start = from;
    used = 0;
    breakAt = -1;
    for (let j = from; j < to; j++) {
      used += unitWidths[j]!;
      if (BREAK_AFTER.has(units[j]!)) {
        breakAt = j + 1;
        usedAtBreak = used;
      }
    }
  };
  for (let i = 0; i < units.length; i++) {
    // A space that does not fit hangs at the end of the line (it is not drawn there: `shownLines`).
    while (used + unitWidths[i]! > width && i > start && !SPACES.has(units[i]!)) {
      if (breakAt > start && usedAtBreak * 3 >= width) restart(breakAt, i);
      else {
        // Between two characters, but not inside a word or a number ("10万", "10:00"), nor before a
        // comma or after an opening bracket, unless the whole line is one such run.
        let cut = i;
        while (cut > start && keepTogether(units[cut - 1]!, units[cut]!)) cut--;
        restart(cut === start ? i : cut, i);
      }
    }
    used += unitWidths[i]!;
    if (BREAK_AFTER.has(units[i]!)) {
      breakAt = i + 1;
      usedAtBreak = used;
    }
  }
  lines.push(units.slice(start).join(""));
  return lines;
}

/**
 * RFC 4180 CSV with CRLF line ends and a UTF-8 BOM. Cells are made safe for spreadsheets
 * (see `csvCell`); a `numeric` column's plain numbers stay numbers.
 */
export function renderCsv(table: Tabular): string {
  const header = table.columns.map((c) => csvCell(c.header, false)).join(",");
  const rows = table.rows.map((row) => row.map((cell, i) => csvCell(cell, table.columns[i]?.numeric === true)).join(","));
  return "\uFEFF" + [header, ...rows].join("\r\n") + "\r\n";
}

/** A number as our code writes one: `-300`, `1.5`, `12`. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell. Following OWASP's advice on CSV injection, text starting with `=`, `+`, `-`,
 * `@`, a tab or a line break (CR) is prefixed with `'`, so a spreadsheet shows it instead of evaluating
 * it; a plain number in a numeric column is left as it is. The text itself is made safe as
 * for any spreadsheet (`spreadsheetText`: cut at what a cell holds, a CR as a line break,
 * control and bidi characters shown).
 */
function csvCell(value: string, numeric: boolean): string {
  const text = spreadsheetText(value);
  const safe = /^[=+\-@\t\r\n]/.test(text) && !(numeric && PLAIN_NUMBER.test(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A GitHub-flavoured Markdown table; every cell escaped so that no value becomes markup. */
export function renderMarkdown(table: Tabular): string {
  const head = `| ${table.columns.map((c) => markdownInline(c.header)).join(" | ")} |`;
  const rule = `|${table.columns.map((c) => (c.align === "right" ? "---:" : "---")).join("|")}|`;
  const body = table.rows.map((row) => `| ${row.map((cell) => markdownInline(cell)).join(" | ")} |`);
  return [head, rule, ...body].join("\n") + "\n";
}
