/**
 * One table, four renderings: a terminal table (Chinese text aligned by display width), CSV
 * for spreadsheets (UTF-8 with a BOM, so Excel shows Chinese correctly), Markdown, and the
 * rows as plain values. Commands build a `Tabular` from their figures and pick the renderer.
 */
import Table from "cli-table3";
import type { Style } from "./style.js";

export interface Column {
  header: string;
  align?: "left" | "right";
}

export interface Tabular {
  columns: Column[];
  rows: string[][];
}

export function renderTable(table: Tabular, style: Style): string {
  const out = new Table({
    head: table.columns.map((c) => style.bold(c.header)),
    colAligns: table.columns.map((c) => c.align ?? "left"),
    style: { head: [], border: [] },
    // No rule between body rows: long lists stay readable.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    wordWrap: false,
  });
  for (const row of table.rows) out.push(row);
  return out.toString() + "\n";
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
