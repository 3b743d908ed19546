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
  /** How the terminal table paints this column's cells (colour), applied after measuring. */
  paint?: (text: string) => string;
}

export interface Tabular {
  columns: Column[];
  rows: string[][];
}

/**
 * A boxed table for the terminal. Columns are as wide as their widest cell in terminal cells
 * (a Chinese character takes two), so Chinese text lines up. Drawn here rather than with
 * cli-table3, which measured every cell several times over with an emoji regular expression:
 * a head office's follow-up list (28,000 lines) took 36 s to draw, and takes under one now.
 */
export function renderTable(table: Tabular, style: Style): string {
  // Every cell is made safe and measured once: shown form, cut, one line (untrusted-text.ts).
  const measure = (raw: readonly string[], painted: boolean) => {
    const cells = raw.map(terminalCell);
    return { cells, widths: cells.map(displayWidth), painted };
  };
  const measured = [measure(table.columns.map((c) => c.header), true), ...table.rows.map((row) => measure(row, false))];
  const widths: number[] = [];
  for (const row of measured) {
    row.widths.forEach((w, i) => {
      widths[i] = Math.max(widths[i] ?? 0, w);
    });
  }
  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => "─".repeat(w + 2)).join(middle) + right;
  const line = ({ cells, widths: cellWidths, painted }: { cells: readonly string[]; widths: readonly number[]; painted: boolean }) =>
    "│" +
    widths
      .map((w, i) => {
        const column = table.columns[i];
        const text = cells[i] ?? "";
        const cell = painted ? style.bold(text) : column?.paint !== undefined ? column.paint(text) : text;
        const gap = " ".repeat(Math.max(0, w - (cellWidths[i] ?? 0)));
        return ` ${column?.align === "right" ? gap + cell : cell + gap} `;
      })
      .join("│") +
    "│";
  return [rule("┌", "┬", "┐"), ...measured.map(line), rule("└", "┴", "┘")].join("\n") + "\n";
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
