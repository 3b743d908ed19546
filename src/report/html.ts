/**
 * Reports as documents: a list of blocks (title, headings, paragraphs, tables, a chart) that a
 * report builds once and each format renders. This module renders them as one self-contained
 * HTML page — inline CSS, no scripts, no fonts or images from the network — that prints on A4
 * and shows Chinese with the fonts a Chinese desktop has (PingFang on macOS, YaHei on Windows,
 * Noto CJK or WenQuanYi on Linux). Every piece of text is HTML-escaped.
 */
import type { Lang } from "../i18n/catalog.js";
import { escapeXml, renderChartSvg, type ChartSpec } from "./svg-chart.js";
import type { Tabular } from "./tabular.js";

/** One part of a report document. */
export type DocumentBlock =
  /** `unbreakableTail`: the end of `text` that print must keep on one line ("（内部使用）"). */
  | { kind: "title"; text: string; unbreakableTail?: string }
  | { kind: "subtitle"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  /** A smaller remark under a table. */
  | { kind: "note"; text: string }
  | {
      kind: "table";
      table: Tabular;
      /** The first column names a group and repeats on each of its rows; shown once per group. */
      grouped?: boolean;
      /** Indexes of rows to set off (totals). */
      emphasis?: number[];
      /** A wide table: smaller type, and the first column (the row's name) kept on one line. */
      compact?: boolean;
    }
  /** A chart, and the same figures as a table for formats without graphics. */
  | { kind: "chart"; chart: ChartSpec; table: Tabular }
  | { kind: "footer"; text: string };

const FONT_STACK = `"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`;

const css = (landscape: boolean) => `
@page { size: A4${landscape ? " landscape" : ""}; margin: 14mm 13mm 16mm 13mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.5; color: #222; background: #fff; margin: 0 auto; max-width: ${landscape ? 271 : 184}mm; padding: 12mm 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 1.5mm; letter-spacing: 0.5pt; }
.subtitle { text-align: center; color: #555; margin: 0 0 1mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2.5mm; padding-left: 2.5mm; border-left: 4px solid #1f4e79; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
.note { color: #555; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; font-size: 10pt; margin: 0 0 1.5mm; }
thead { display: table-header-group; }
th, td { border: 1px solid #b7c3d0; padding: 1.1mm 2mm; vertical-align: top; text-align: left; }
th { background: #e8eef5; font-weight: bold; word-break: keep-all; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { word-break: keep-all; }
td.first, td.nowrap { white-space: nowrap; }
span.nowrap { white-space: nowrap; }
table.compact { font-size: 9pt; }
table.compact th, table.compact td { padding: 0.9mm 1.4mm; }
td.group { background: #f4f7fa; font-weight: bold; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.total td { font-weight: bold; background: #f4f7fa; }
svg.chart { display: block; width: 100%; height: auto; margin: 1mm 0 2mm; break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #ccc; color: #666; font-size: 8.5pt; }
footer p { margin: 0.5mm 0; }
@media print { body { max-width: none; padding: 0; } }
`.trim();

function tableHtml(block: Extract<DocumentBlock, { kind: "table" }>): string {
  const { table } = block;
  const cls = (i: number) => {
    const names = [table.columns[i]?.align === "right" ? "num" : "", table.columns[i]?.nowrap ? "nowrap" : ""].filter((n) => n !== "");
    return names.length === 0 ? "" : ` class="${names.join(" ")}"`;
  };
  const head = `<thead><tr>${table.columns.map((c, i) => `<th${cls(i)}>${escapeXml(c.header)}</th>`).join("")}</tr></thead>`;
  const emphasis = new Set(block.emphasis ?? []);
  const body = table.rows.map((row, r) => {
    const cells: string[] = [];
    row.forEach((cell, i) => {
      if (i === 0 && block.grouped) {
        // One cell spanning the group's rows; none on the rows it spans.
        if (r > 0 && table.rows[r - 1]![0] === cell) return;
        let span = 1;
        while (table.rows[r + span]?.[0] === cell) span += 1;
        cells.push(`<td class="group"${span > 1 ? ` rowspan="${span}"` : ""}>${escapeXml(cell)}</td>`);
        return;
      }
      cells.push(`<td${i === 0 && block.compact ? ' class="first"' : cls(i)}>${escapeXml(cell)}</td>`);
    });
    return `<tr${emphasis.has(r) ? ' class="total"' : ""}>${cells.join("")}</tr>`;
  });
  return `<table${block.compact ? ' class="compact"' : ""}>${head}<tbody>${body.join("\n")}</tbody></table>`;
}

/** One block as HTML (`channel serve` puts report blocks in its own pages). */
export function blockHtml(block: DocumentBlock): string {
  switch (block.kind) {
    case "title": {
      const tail = block.unbreakableTail;
      if (tail === undefined || tail === "" || !block.text.endsWith(tail)) return `<h1>${escapeXml(block.text)}</h1>`;
      // A leading space stays outside the span: the line may still break before the tail.
      const kept = tail.trimStart();
      return `<h1>${escapeXml(block.text.slice(0, block.text.length - kept.length))}<span class="nowrap">${escapeXml(kept)}</span></h1>`;
    }
    case "subtitle":
      return `<p class="subtitle">${escapeXml(block.text)}</p>`;
    case "heading":
      return `<h2>${escapeXml(block.text)}</h2>`;
    case "paragraph":
      return `<p>${escapeXml(block.text)}</p>`;
    case "note":
      return `<p class="note">${escapeXml(block.text)}</p>`;
    case "table":
      return tableHtml(block);
    case "chart":
      return renderChartSvg(block.chart);
    case "footer":
      return `<p>${escapeXml(block.text)}</p>`;
  }
}

/**
 * The whole page. `title` is the browser tab's (and the PDF's) title; `landscape` turns the
 * printed A4 sheet for wide tables.
 */
export function renderHtmlPage(blocks: readonly DocumentBlock[], options: { lang: Lang; title: string; landscape?: boolean }): string {
  const main = blocks.filter((b) => b.kind !== "footer").map(blockHtml);
  const footer = blocks.filter((b) => b.kind === "footer").map(blockHtml);
  return [
    "<!DOCTYPE html>",
    `<html lang="${options.lang === "zh" ? "zh-CN" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(options.title)}</title>`,
    `<style>\n${css(options.landscape === true)}\n</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...main,
    "</main>",
    ...(footer.length > 0 ? ["<footer>", ...footer, "</footer>"] : []),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
