/**
 * The monthly report (its document blocks from report/monthly.ts, drawn by report/html.ts inside
 * the page), validate's findings with a link to each file:line, and the page that shows a
 * data file's lines around one of them — the text the loader read, looked up by the file's
 * name among the files it read, never a path taken from the address to the disk.
 */
import { t, type Lang } from "../i18n/catalog.js";
import type { LoadedFile } from "../load/repository.js";
import type { Model } from "../model/types.js";
import type { IsoMonth } from "../model/values.js";
import { findingMessage } from "../report/diagnostics.js";
import { blockHtml, type DocumentBlock } from "../report/html.js";
import { scrubPhones } from "../report/redact.js";
import { MAX_CELL_CHARS, shorten } from "../report/untrusted-text.js";
import type { Audience } from "../rules/monthly.js";
import type { Finding } from "../findings.js";
import type { ValidationResult } from "../validate/index.js";
import { branchLink, esc, link, pageHref, renderPage, tableHtml, type PageContext } from "./page.js";

// ---- monthly ----

export interface MonthlyChoice {
  branch: string | null;
  month: IsoMonth;
  audience: Audience;
}

/** The picker, and the report's blocks (null with a message when there is none to show). */
export function renderMonthlyPage(ctx: PageContext, model: Model, choice: MonthlyChoice, report: { blocks: readonly DocumentBlock[] } | { message: string }): string {
  const { lang } = ctx;
  const branch = model.branches.find((b) => b.id === choice.branch) ?? null;
  const picker = [
    '<form class="filters" method="get" action="/monthly">',
    `<label>${esc(t(lang, "serve.col.branch"))}<select name="branch">${model.branches.map((b) => `<option value="${esc(b.id)}"${b.id === choice.branch ? " selected" : ""}>${esc(b.name)}</option>`).join("")}</select></label>`,
    `<label>${esc(t(lang, "serve.col.month"))}<input type="month" name="month" value="${esc(choice.month)}"></label>`,
    `<label>${esc(t(lang, "serve.monthly.pick"))}<select name="audience">${(["bank", "internal"] as const).map((a) => `<option value="${a}"${a === choice.audience ? " selected" : ""}>${esc(t(lang, a === "bank" ? "serve.monthly.audience.bank" : "serve.monthly.audience.internal"))}</option>`).join("")}</select></label>`,
    ctx.asOfParam === null ? "" : `<input type="hidden" name="as_of" value="${esc(ctx.asOfParam)}">`,
    `<button type="submit">${esc(t(lang, "serve.kpis.show"))}</button>`,
    "</form>",
  ].join("");
  const parts = [picker];
  if (branch !== null) parts.push(`<p>${branchLink(ctx, branch.id, branch.name)}</p>`);
  if ("message" in report) parts.push(`<p id="message">${esc(report.message)}</p>`);
  else {
    const main = report.blocks.filter((b) => b.kind !== "footer").map(blockHtml);
    const footer = report.blocks.filter((b) => b.kind === "footer").map(blockHtml);
    parts.push(`<div class="report">${main.join("\n")}<div class="note">${footer.join("\n")}</div></div>`);
  }
  const titleBlock = "blocks" in report ? report.blocks.find((b) => b.kind === "title") : undefined;
  const title = titleBlock !== undefined && titleBlock.kind === "title" ? titleBlock.text : t(lang, "serve.nav.monthly");
  return renderPage(ctx, { title, section: "monthly", body: parts.join("\n") });
}

// ---- validate ----

/** More findings than this are counted, not listed. */
export const MAX_FINDINGS_SHOWN = 2000;

function findingText(ctx: PageContext, finding: Finding): string {
  const message = findingMessage(finding, ctx.lang);
  return ctx.redacted ? scrubPhones(message) : message;
}

/** The link to a finding's place: the file's lines around it. */
export function findingHref(ctx: PageContext, finding: Pick<Finding, "file" | "line">): string {
  return `${pageHref(ctx, "/source", { file: finding.file, line: String(finding.line) })}#L${finding.line}`;
}

function severityLabel(lang: Lang, finding: Finding): string {
  return t(lang, finding.severity === "error" ? "serve.validate.error" : "serve.validate.warning");
}

function findingsTable(ctx: PageContext, findings: readonly Finding[]): string {
  const { lang } = ctx;
  const rows = findings.map((f) => [
    { html: link(findingHref(ctx, f), `${f.file}:${f.line}:${f.column}`), className: "nowrap" },
    { html: esc(severityLabel(lang, f)), className: f.severity === "error" ? "late" : "" },
    esc(f.code),
    esc(findingText(ctx, f)),
  ]);
  const attributes = findings.map((f) => ` class="finding" data-code="${esc(f.code)}" data-file="${esc(f.file)}" data-line="${f.line}"`);
  return tableHtml([t(lang, "serve.validate.col.where"), t(lang, "serve.validate.col.severity"), t(lang, "serve.validate.col.code"), t(lang, "serve.validate.col.message")], rows, { rowAttributes: attributes });
}

export function renderValidate(ctx: PageContext, validation: ValidationResult): string {
  const { lang } = ctx;
  const title = t(lang, "serve.validate.title");
  const parts: string[] = [`<h1>${esc(title)}</h1>`];
  const { findings } = validation;
  if (findings.length === 0) parts.push(`<p id="clean">${esc(t(lang, "serve.validate.clean", { files: validation.files }))}</p>`);
  else {
    parts.push(`<p>${esc(t(lang, "serve.validate.counts", { errors: validation.errors, warnings: validation.warnings, files: validation.files }))}</p>`);
    if (findings.length > MAX_FINDINGS_SHOWN) parts.push(`<p class="note">${esc(t(lang, "serve.validate.truncated", { shown: MAX_FINDINGS_SHOWN, total: findings.length }))}</p>`);
    parts.push(findingsTable(ctx, findings.slice(0, MAX_FINDINGS_SHOWN)));
  }
  return renderPage(ctx, { title, section: "validate", body: parts.join("\n") });
}

/** How many lines the source page shows on either side of the line asked for. */
export const SOURCE_CONTEXT_LINES = 15;
/** A line is shown at most this long (a 5 MB line would otherwise be the page). */
const MAX_SOURCE_LINE = 2000;

/** A line with the span a finding points at marked (counted in characters, as findings count columns). */
function markedText(text: string, finding: Finding | undefined): string {
  const chars = [...text];
  if (finding === undefined || finding.column > chars.length) return esc(text);
  const from = finding.column - 1;
  const to = Math.min(chars.length, from + Math.max(1, finding.length));
  return `${esc(chars.slice(0, from).join(""))}<mark>${esc(chars.slice(from, to).join(""))}</mark>${esc(chars.slice(to).join(""))}`;
}

export function renderSource(ctx: PageContext, file: LoadedFile, line: number, findings: readonly Finding[]): string {
  const { lang } = ctx;
  const title = t(lang, "serve.source.title", { file: file.file, line });
  const parts: string[] = [`<h1>${esc(title)}</h1>`];
  const own = findings.filter((f) => f.file === file.file);
  const near = own.filter((f) => Math.abs(f.line - line) <= SOURCE_CONTEXT_LINES);
  if (near.length > 0) parts.push(findingsTable(ctx, near));
  const source = file.source;
  if (source === null) parts.push(`<p>${esc(t(lang, "serve.source.unreadable"))}</p>`);
  else {
    if (ctx.redacted) parts.push(`<p class="note">${esc(t(lang, "serve.source.maskedNote"))}</p>`);
    const first = Math.max(1, line - SOURCE_CONTEXT_LINES);
    const last = Math.min(source.lineCount, line + SOURCE_CONTEXT_LINES);
    const marked = new Set(own.map((f) => f.line));
    const lines: string[] = [];
    for (let n = first; n <= last; n++) {
      const raw = shorten(source.lineText(n), MAX_SOURCE_LINE);
      const text = ctx.redacted ? scrubPhones(raw) : raw;
      lines.push(`<span class="line${n === line || marked.has(n) ? " at" : ""}" id="L${n}"><span class="no">${n}</span>${markedText(text, own.find((f) => f.line === n))}</span>`);
    }
    parts.push(`<pre class="source">${lines.join("")}</pre>`);
  }
  parts.push(`<p>${link(pageHref(ctx, "/validate"), t(lang, "serve.nav.validate"))}</p>`);
  return renderPage(ctx, { title: shorten(title, MAX_CELL_CHARS), section: "validate", body: parts.join("\n") });
}
