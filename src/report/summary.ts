/**
 * Head office's summary in every format: a terminal table, Markdown, CSV (ids and bare numbers
 * for spreadsheets), a printable HTML page, and JSON. One row per department, totals last.
 */
import { t, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { SummaryFigures, SummaryResult } from "../rules/summary.js";
import { renderHtmlPage, type DocumentBlock } from "./html.js";
import { formatYuan, yuanNumberText } from "./money-format.js";
import { percentText, renderDocumentCsv, renderDocumentMarkdown, renderDocumentText } from "./monthly.js";
import type { Style } from "./style.js";
import type { Column, Tabular } from "./tabular.js";

export const SUMMARY_FORMATS = ["table", "json", "csv", "md", "html"] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

const DASH = "—";

function figuresJson(f: SummaryFigures): object {
  return {
    branches: f.branches,
    staff: f.staff,
    key_staff: f.keyStaff,
    coverage: f.coverage === null ? null : Math.round(f.coverage * 10000) / 10000,
    prospects_basic: f.prospectsBasic,
    prospects_valuable: f.prospectsValuable,
    prospects_converted: f.prospectsConverted,
    staff_conversions: f.staffConversions,
    sales: f.sales,
    bonus_awarded: f.bonusAwarded,
    bonus_amount: f.bonusAmount,
    expense_support: f.expenseSupport,
    overdue_followups: f.overdueFollowups,
    escalated_followups: f.escalatedFollowups,
    spending: f.spending,
    support_left: f.supportLeft,
  };
}

export function summaryJson(result: SummaryResult): object {
  return {
    as_of: result.asOf,
    campaign: result.campaign,
    departments: result.departments.map((d) => ({ department: d.department, name: d.name, ...figuresJson(d) })),
    totals: figuresJson(result.totals),
    escalated_by_owner: result.escalatedByOwner.map((r) => ({ department: r.department, owner: r.owner, channel_lead: r.channelLead, escalated: r.escalated })),
  };
}

/** The table; `spreadsheet` adds the department id and writes bare numbers and shares. */
export function summaryTabular(result: SummaryResult, lang: Lang, options: { spreadsheet: boolean }): Tabular {
  const h = (key: MessageKey) => t(lang, key);
  const num = (n: number | null) => (n === null ? (options.spreadsheet ? "" : DASH) : String(n));
  const money = (n: number | null) => (n === null ? (options.spreadsheet ? "" : DASH) : options.spreadsheet ? yuanNumberText(n) : formatYuan(n, lang));
  const yuanUnderHeader = (n: number | null) => (n === null ? (options.spreadsheet ? "" : DASH) : yuanNumberText(n));
  const share = (s: number | null) => (s === null ? (options.spreadsheet ? "" : DASH) : options.spreadsheet ? String(Math.round(s * 10000) / 10000) : percentText(s));
  const right = (header: string): Column => ({ header, align: "right", numeric: true });
  const columns: Column[] = [
    ...(options.spreadsheet ? [{ header: h("report.summary.col.departmentId") }] : []),
    { header: h("report.summary.col.department") },
    right(h("report.summary.col.branches")),
    right(h("report.summary.col.staff")),
    right(h("report.summary.col.keyStaff")),
    right(h("report.summary.col.coverage")),
    right(h("report.summary.col.prospectsBasic")),
    right(h("report.summary.col.prospectsValuable")),
    right(h("report.summary.col.prospectsConverted")),
    right(h("report.summary.col.staffConversions")),
    right(h(options.spreadsheet ? "report.summary.col.salesYuan" : "report.summary.col.sales")),
    right(h("report.summary.col.bonusAwarded")),
    right(h("report.summary.col.bonusAmount")),
    right(h("report.summary.col.expenseSupport")),
    right(h("report.summary.col.overdue")),
    right(h("report.summary.col.escalated")),
    right(h("report.summary.col.spending")),
    right(h("report.summary.col.supportLeft")),
  ];
  const cells = (f: SummaryFigures) => [
    num(f.branches),
    num(f.staff),
    num(f.keyStaff),
    share(f.coverage),
    num(f.prospectsBasic),
    num(f.prospectsValuable),
    num(f.prospectsConverted),
    num(f.staffConversions),
    money(f.sales),
    num(f.bonusAwarded),
    // Payouts as bare numbers: their headers say （元）, as the tables of `channel bonus` and `channel expenses` do.
    yuanUnderHeader(f.bonusAmount),
    yuanUnderHeader(f.expenseSupport),
    num(f.overdueFollowups),
    num(f.escalatedFollowups),
    yuanUnderHeader(f.spending),
    yuanUnderHeader(f.supportLeft),
  ];
  const rows = result.departments.map((d) => [...(options.spreadsheet ? [d.department] : []), d.name, ...cells(d)]);
  rows.push([...(options.spreadsheet ? [""] : []), h("report.summary.total"), ...cells(result.totals)]);
  return { columns, rows };
}

export function summaryBlocks(result: SummaryResult, lang: Lang, options: { spreadsheet: boolean }): DocumentBlock[] {
  const table = summaryTabular(result, lang, options);
  const blocks: DocumentBlock[] = [
    { kind: "title", text: t(lang, "report.summary.title", { date: result.asOf }) },
    { kind: "table", table, emphasis: [table.rows.length - 1], compact: true },
  ];
  if (result.escalatedByOwner.length > 0) {
    blocks.push({ kind: "heading", text: t(lang, "report.summary.escalatedTitle") });
    blocks.push({ kind: "table", table: escalatedTabular(result, lang, options), compact: true });
  }
  if (result.campaign !== null) blocks.push({ kind: "note", text: t(lang, "report.summary.campaign", result.campaign) });
  else blocks.push({ kind: "note", text: t(lang, "report.summary.noCampaign") });
  if (result.totals.bonusAwarded === null) blocks.push({ kind: "note", text: t(lang, "report.summary.noBonus") });
  blocks.push({ kind: "note", text: result.campaign !== null ? t(lang, "report.summary.spendingCampaign", result.campaign) : t(lang, "report.summary.spendingAll", { date: result.asOf }) });
  blocks.push({ kind: "note", text: t(lang, "report.summary.explain") });
  return blocks;
}

/** Escalated items per department and owner: whose are they, and which channel lead has them too. */
function escalatedTabular(result: SummaryResult, lang: Lang, options: { spreadsheet: boolean }): Tabular {
  const names = new Map(result.departments.map((d) => [d.department, d.name]));
  return {
    columns: [
      { header: t(lang, options.spreadsheet ? "report.summary.col.departmentId" : "report.summary.col.department") },
      { header: t(lang, "report.summary.col.owner") },
      { header: t(lang, "report.summary.col.channelLead") },
      { header: t(lang, "report.summary.col.escalated"), align: "right", numeric: true },
    ],
    rows: result.escalatedByOwner.map((r) => [
      options.spreadsheet ? r.department : (names.get(r.department) ?? r.department),
      r.owner ?? (options.spreadsheet ? "" : DASH),
      r.channelLead ?? (options.spreadsheet ? "" : DASH),
      String(r.escalated),
    ]),
  };
}

export function renderSummary(result: SummaryResult, format: SummaryFormat, lang: Lang, style: Style): string {
  switch (format) {
    case "json":
      return JSON.stringify(summaryJson(result), null, 2) + "\n";
    case "csv":
      return renderDocumentCsv([
        { kind: "table", table: summaryTabular(result, lang, { spreadsheet: true }) },
        ...(result.escalatedByOwner.length === 0 ? [] : [{ kind: "table" as const, table: escalatedTabular(result, lang, { spreadsheet: true }) }]),
      ]);
    case "md":
      return renderDocumentMarkdown(summaryBlocks(result, lang, { spreadsheet: false }));
    case "table":
      return renderDocumentText(summaryBlocks(result, lang, { spreadsheet: false }), style);
    case "html":
      return renderHtmlPage(summaryBlocks(result, lang, { spreadsheet: false }), { lang, title: t(lang, "report.summary.title", { date: result.asOf }), landscape: true });
  }
}
