/**
 * The frame every page of `channel serve` shares: navigation, the as-of day, the masking
 * statement, CSS and the one small script, and the helpers pages build HTML with. Pages are
 * pure functions from data to an HTML string; every value from the data goes through `esc`
 * (HTML escaping after control and bidi characters are made visible, as in every output), and
 * every link through `href` (each part URL-encoded).
 */
import { createHash } from "node:crypto";
import { hasMessage, t, tDynamic, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { IsoDate } from "../model/values.js";
import { maskName, maskPhone } from "../report/redact.js";
import { escapeXml } from "../report/svg-chart.js";

/** What every page knows of the request and of how the server was started. */
export interface PageContext {
  lang: Lang;
  /** Personal data masked (the default; false with --no-redact). */
  redacted: boolean;
  /** The day the page is computed for. */
  asOf: IsoDate;
  /** `as_of` as asked for in the address (kept on every link), or null for the server's own day. */
  asOfParam: IsoDate | null;
  /** Files left out of the model for their errors. */
  skipped: readonly string[];
  /** The address part of a prospect's card: the id, or (masked) a token that does not carry the name. */
  prospectKey: (id: string) => string;
}

/** Text from the data or the catalogue, safe in HTML text and in quoted attribute values. */
export function esc(text: string | number): string {
  return escapeXml(String(text));
}

/** A path on this server with its query: parts encoded, empty values left out. */
export function href(path: string, query: Record<string, string | null | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined && entry[1] !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length === 0 ? path : `${path}?${parts.join("&")}`;
}

/** A link to one of this server's pages, keeping the as-of day the reader chose. */
export function pageHref(ctx: PageContext, path: string, query: Record<string, string | null | undefined> = {}): string {
  return href(path, { ...query, as_of: ctx.asOfParam });
}

export function link(url: string, text: string): string {
  return `<a href="${esc(url)}">${esc(text)}</a>`;
}

export function branchLink(ctx: PageContext, id: string, name: string): string {
  return link(pageHref(ctx, `/branch/${encodeURIComponent(id)}`), name);
}

export function staffLink(ctx: PageContext, id: string, name: string): string {
  return link(pageHref(ctx, `/staff/${encodeURIComponent(id)}`), name);
}

export function prospectLink(ctx: PageContext, id: string, name: string): string {
  return link(pageHref(ctx, `/prospect/${encodeURIComponent(ctx.prospectKey(id))}`), ctx.redacted ? maskedName(name) : name);
}

/** A prospect's name as the page shows it: "陈**" while masked (as the reports mask it). */
export function maskedName(name: string): string {
  return maskName(name);
}

/** A phone: a `tel:` link when shown in full, the masked digits as text otherwise. */
export function phoneHtml(ctx: PageContext, phone: string | null): string {
  if (phone === null) return "-";
  if (ctx.redacted) return esc(maskPhone(phone));
  const dial = phone.replace(/[^\d+]/g, "");
  return dial === "" ? esc(phone) : `<a href="tel:${esc(dial)}">${esc(phone)}</a>`;
}

/** A catalogue label when there is one, else the code as written. */
export function labelOr(lang: Lang, key: string, fallback: string): string {
  return hasMessage(key) ? tDynamic(lang, key) : fallback;
}

/** A cell of a table: HTML already made safe, with optional classes. */
export interface Cell {
  html: string;
  className?: string;
  title?: string;
}

export type CellInput = string | Cell;

/** A table; header cells are plain text, body cells are HTML made with `esc`/`link`. */
export function tableHtml(headers: readonly string[], rows: readonly (readonly CellInput[])[], options: { numeric?: readonly number[]; className?: string; rowAttributes?: readonly string[] } = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const head = `<thead><tr>${headers.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ""}>${esc(h)}</th>`).join("")}</tr></thead>`;
  const body = rows
    .map((row, r) => {
      const cells = row.map((cell, i) => {
        const c: Cell = typeof cell === "string" ? { html: cell } : cell;
        const classes = [numeric.has(i) ? "num" : "", c.className ?? ""].filter((x) => x !== "").join(" ");
        return `<td${classes === "" ? "" : ` class="${classes}"`}${c.title === undefined ? "" : ` title="${esc(c.title)}"`}>${c.html}</td>`;
      });
      return `<tr${options.rowAttributes?.[r] ?? ""}>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table${options.className ? ` class="${options.className}"` : ""}>${head}<tbody>${body}</tbody></table>`;
}

/** Which navigation entry a page belongs to. */
export type Section = "today" | "branches" | "coverage" | "kpis" | "bonus" | "expenses" | "monthly" | "validate" | "none";

const NAV: readonly { section: Exclude<Section, "none">; path: string; key: MessageKey }[] = [
  { section: "today", path: "/", key: "serve.nav.today" },
  { section: "branches", path: "/branches", key: "serve.nav.branches" },
  { section: "coverage", path: "/coverage", key: "serve.nav.coverage" },
  { section: "kpis", path: "/kpis", key: "serve.nav.kpis" },
  { section: "bonus", path: "/bonus", key: "serve.nav.bonus" },
  { section: "expenses", path: "/expenses", key: "serve.nav.expenses" },
  { section: "monthly", path: "/monthly", key: "serve.nav.monthly" },
  { section: "validate", path: "/validate", key: "serve.nav.validate" },
];

const FONT_STACK = `"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`;

/** The one style sheet (its hash is in the Content-Security-Policy, so it must not vary). */
export const PAGE_CSS = `
* { box-sizing: border-box; }
body { font-family: ${FONT_STACK}; font-size: 14px; line-height: 1.5; color: #222; background: #f6f8fa; margin: 0; }
header { background: #1f4e79; color: #fff; padding: 0 16px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; }
header .brand { font-weight: bold; padding: 10px 0; }
header nav { display: flex; flex-wrap: wrap; }
header nav a { color: #dce8f4; text-decoration: none; padding: 10px 10px; display: block; }
header nav a:hover { background: #2b6297; color: #fff; }
header nav a.active { background: #f6f8fa; color: #1f4e79; font-weight: bold; }
header .asof { margin-left: auto; color: #dce8f4; font-size: 13px; }
.privacy { padding: 6px 16px; font-size: 13px; border-bottom: 1px solid #e1e4e8; }
.privacy.masked { background: #eef6ee; color: #245b24; }
.privacy.unmasked { background: #fff4e5; color: #8a4b00; font-weight: bold; }
.skipped { padding: 6px 16px; background: #fdecea; color: #8b1a1a; font-size: 13px; }
main { padding: 12px 16px 24px; max-width: 1400px; }
h1 { font-size: 20px; margin: 8px 0 12px; }
h2 { font-size: 16px; margin: 20px 0 8px; padding-left: 8px; border-left: 4px solid #1f4e79; }
h2.overdue, h2.escalated { border-left-color: #c62828; color: #b71c1c; }
h2.today { border-left-color: #e08a00; }
p.note, .note { color: #555; font-size: 13px; }
table { border-collapse: collapse; background: #fff; margin: 0 0 8px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #e8eef5; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
td.late { color: #b71c1c; font-weight: bold; white-space: nowrap; }
a { color: #0b5cad; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; background: #fff; border: 1px solid #d0d7de; padding: 8px 10px; margin: 0 0 10px; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: #555; }
form.filters select, form.filters input { font: inherit; font-size: 13px; padding: 2px 4px; }
form.filters button { font: inherit; padding: 3px 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; background: #fff; border: 1px solid #d0d7de; padding: 8px 12px; margin: 0 0 8px; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; white-space: pre-wrap; }
.hidden { color: #888; font-style: italic; }
.key { color: #b26a00; }
table.heat td.cell { text-align: center; min-width: 64px; }
table.heat th { white-space: normal; max-width: 110px; font-size: 12px; }
.h0 { background: hsl(0, 65%, 80%); }
.h1 { background: hsl(12, 65%, 80%); }
.h2 { background: hsl(24, 65%, 80%); }
.h3 { background: hsl(36, 65%, 80%); }
.h4 { background: hsl(48, 65%, 80%); }
.h5 { background: hsl(60, 65%, 80%); }
.h6 { background: hsl(72, 65%, 80%); }
.h7 { background: hsl(84, 65%, 80%); }
.h8 { background: hsl(96, 65%, 80%); }
.h9 { background: hsl(108, 65%, 80%); }
.h10 { background: hsl(120, 65%, 80%); }
.hn { background: #eee; color: #888; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 2px; }
pre.source { background: #fff; border: 1px solid #d0d7de; padding: 0; margin: 0 0 8px; overflow-x: auto; font-size: 13px; }
pre.source span.line { display: block; padding: 0 8px; white-space: pre; }
pre.source span.line.at { background: #fff3c4; }
pre.source span.no { display: inline-block; min-width: 4em; color: #888; user-select: none; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; margin: 4px 0 10px; }
.report { background: #fff; border: 1px solid #d0d7de; padding: 8px 16px; }
.report h1 { text-align: center; }
.report p.subtitle { text-align: center; color: #555; }
.report tr.total td { font-weight: bold; background: #f4f7fa; }
.report td.group { background: #f4f7fa; font-weight: bold; white-space: nowrap; }
footer { padding: 8px 16px; color: #777; font-size: 12px; }
@media print { header nav, form.filters { display: none; } }
`.trim();

/**
 * The one script: a filter form sends itself when a choice changes, so a reader need not find
 * the button. Without scripts the button does the same; every filter works on the server.
 */
export const PAGE_SCRIPT = `document.querySelectorAll("form.filters select, form.filters input[type=date]").forEach(function (el) { el.addEventListener("change", function () { el.form.submit(); }); });`;

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

/**
 * The Content-Security-Policy: nothing from anywhere but this page's own style sheet and
 * script (by hash), SVG and images only inline, forms only to this server, no frames.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${sha256(PAGE_CSS)}'`,
  `script-src 'sha256-${sha256(PAGE_SCRIPT)}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The whole page around a body. */
export function renderPage(ctx: PageContext, options: { title: string; section: Section; body: string }): string {
  const { lang } = ctx;
  const nav = NAV.map((n) => `<a href="${esc(pageHref(ctx, n.path))}"${n.section === options.section ? ' class="active"' : ""}>${esc(t(lang, n.key))}</a>`).join("");
  const privacy = ctx.redacted
    ? `<div class="privacy masked" id="privacy">${esc(t(lang, "serve.frame.masked"))}</div>`
    : `<div class="privacy unmasked" id="privacy">${esc(t(lang, "serve.frame.unmasked"))}</div>`;
  const skipped =
    ctx.skipped.length === 0
      ? ""
      : `<div class="skipped">${esc(t(lang, "serve.frame.skipped", { count: ctx.skipped.length, files: ctx.skipped.slice(0, 5).join(", ") + (ctx.skipped.length > 5 ? " …" : "") }))} ${link(pageHref(ctx, "/validate"), t(lang, "serve.nav.validate"))}</div>`;
  return [
    "<!DOCTYPE html>",
    `<html lang="${lang === "zh" ? "zh-CN" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(options.title)} · channel</title>`,
    `<style>${PAGE_CSS}</style>`,
    "</head>",
    "<body>",
    `<header><span class="brand">channel</span><nav>${nav}</nav><span class="asof">${esc(t(lang, "serve.frame.asOf", { date: ctx.asOf }))}</span></header>`,
    privacy,
    skipped,
    "<main>",
    options.body,
    "</main>",
    `<footer>${esc(t(lang, "serve.frame.readOnly"))}</footer>`,
    `<script>${PAGE_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** A page that says what went wrong (not found, a wrong date), in the frame. */
export function messagePage(ctx: PageContext, title: string, message: string): string {
  return renderPage(ctx, { title, section: "none", body: `<h1>${esc(title)}</h1><p>${esc(message)}</p>` });
}
