/**
 * One table, four renderings: a terminal table (Chinese text aligned by display width), CSV
 * for spreadsheets (UTF-8 with a BOM, so Excel shows Chinese correctly), Markdown, and the
 * rows as plain values. Commands build a `Tabular` from their figures and pick the renderer.
 */
import { displayWidth } from "./text-width.js";
import type { Style } from "./style.js";

export interface Column {
  header: string;
  align?: "left" | "right";
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
  const headers = table.columns.map((c) => style.bold(c.header));
  // Each cell is measured once.
  const measured = [headers, ...table.rows].map((cells) => ({ cells, widths: cells.map(cellWidth) }));
  const widths: number[] = [];
  for (const row of measured) {
    row.widths.forEach((w, i) => {
      widths[i] = Math.max(widths[i] ?? 0, w);
    });
  }
  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => "─".repeat(w + 2)).join(middle) + right;
  const line = ({ cells, widths: cellWidths }: { cells: readonly string[]; widths: readonly number[] }) =>
    "│" +
    widths
      .map((w, i) => {
        const cell = cells[i] ?? "";
        const gap = " ".repeat(Math.max(0, w - (cellWidths[i] ?? 0)));
        return ` ${table.columns[i]?.align === "right" ? gap + cell : cell + gap} `;
      })
      .join("│") +
    "│";
  return [rule("┌", "┬", "┐"), ...measured.map(line), rule("└", "┴", "┘")].join("\n") + "\n";
}

/** Terminal cells of a cell's text, colour codes not counted. */
function cellWidth(text: string): number {
  return displayWidth(text.includes("\x1b") ? text.replace(/\x1b\[[0-9;]*m/g, "") : text);
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 BOM. */
export function renderCsv(table: Tabular): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvCell).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

function csvCell(value: string): string {
  // A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderMarkdown(table: Tabular): string {
  const escape = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const head = `| ${table.columns.map((c) => escape(c.header)).join(" | ")} |`;
  const rule = `|${table.columns.map((c) => (c.align === "right" ? "---:" : "---")).join("|")}|`;
  const body = table.rows.map((row) => `| ${row.map(escape).join(" | ")} |`);
  return [head, rule, ...body].join("\n") + "\n";
}
