/**
 * The monthly statistics table as a document: built once from the (already redacted) figures
 * as blocks, then rendered as Markdown, CSV, HTML (see html.ts) or JSON.
 *
 * The plain-text renderers of documents (Markdown, the terminal, CSV with one section after
 * another) live here too and are shared with the summary and coverage reports.
 */
import { t, tDynamic, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { IsoMonth } from "../model/values.js";
import type { ChartMonth, ConversionLine, FigureRow, KpiRow, MonthlyFigures, SpendingLine } from "../rules/monthly.js";
import { MONEY_METRICS } from "../rules/monthly.js";
import { sumExact } from "../rules/expenses.js";
import { formatDateTimeCell, formatDay } from "./date-format.js";
import { nameWithDeparture } from "./former-staff.js";
import { renderHtmlPage, type DocumentBlock } from "./html.js";
import { formatYuan, yuanNumberText } from "./money-format.js";
import type { Style } from "./style.js";
import type { ChartSpec } from "./svg-chart.js";
import { fitText, renderCsv, renderMarkdown, renderTable, type Column, type Tabular } from "./tabular.js";
import { markdownText, terminalText } from "./untrusted-text.js";

export const MONTHLY_FORMATS = ["md", "html", "csv", "json"] as const;
export type MonthlyFormat = (typeof MONTHLY_FORMATS)[number];

/** What a rendering of the monthly table needs. */
export interface MonthlyView {
  /**
   * The figures as they are to be shown: already projected for their audience
   * (`figuresForAudience`) and passed through `redactMonthly` unless `redacted` is false.
   */
  figures: MonthlyFigures;
  redacted: boolean;
  lang: Lang;
}

const DASH = "—";

// ---- words for months, values and labels ----

/** "2012年3月", "Mar 2012". */
export function monthLabel(month: IsoMonth, lang: Lang): string {
  const m = Number(month.slice(5, 7));
  return t(lang, "report.month", { year: month.slice(0, 4), month: m, monthName: tDynamic(lang, `report.monthName.${m}`) });
}

/** "3月", "Mar". */
export function shortMonthLabel(month: IsoMonth, lang: Lang): string {
  const m = Number(month.slice(5, 7));
  return t(lang, "report.monthShort", { month: m, monthName: tDynamic(lang, `report.monthName.${m}`) });
}

/** A share 0…1 as a percentage with one decimal when it needs one: "93.3%", "100%". */
export function percentText(share: number): string {
  const tenths = Math.round(share * 1000);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

interface ValueOptions {
  lang: Lang;
  /** Bare numbers (yuan) for spreadsheets instead of "410万". */
  spreadsheet: boolean;
}

function valueText(value: number | null, unit: "count" | "yuan", o: ValueOptions): string {
  if (value === null) return o.spreadsheet ? "" : DASH;
  // A bare 0 reads better than "0元" among figures in 万.
  if (unit === "yuan") return o.spreadsheet ? yuanNumberText(value) : value === 0 ? "0" : formatYuan(value, o.lang);
  return String(value);
}

function figureLabel(row: FigureRow, lang: Lang): string {
  switch (row.key) {
    case "sales":
      return t(lang, "report.figure.sales", { product: row.detail ?? "" });
    case "activities":
      return t(lang, "report.figure.activities", { kind: tDynamic(lang, `report.activity.${row.detail ?? "other"}`) });
    default:
      return t(lang, `report.figure.${row.key}` as MessageKey);
  }
}

function metricLabel(metric: string, lang: Lang): string {
  return tDynamic(lang, `report.metric.${metric}`);
}

function metricValue(metric: string, value: number | null, o: ValueOptions): string {
  if (value === null) return o.spreadsheet ? "" : DASH;
  if (metric === "ranking") return o.spreadsheet ? String(value) : t(o.lang, "report.kpi.rank", { rank: value });
  return valueText(value, MONEY_METRICS.has(metric) ? "yuan" : "count", o);
}

/** The change from the previous month: "+2000万", "+15", "上升1名", "持平". */
function changeText(row: KpiRow, o: ValueOptions): string {
  if (row.month === null || row.previous === null) return o.spreadsheet ? "" : DASH;
  const diff = row.month - row.previous;
  if (row.lowerIsBetter) {
    if (diff === 0) return t(o.lang, "report.kpi.same");
    return t(o.lang, diff < 0 ? "report.kpi.rankUp" : "report.kpi.rankDown", { count: Math.abs(diff) });
  }
  if (o.spreadsheet) return MONEY_METRICS.has(row.metric) ? yuanNumberText(diff) : String(diff);
  if (diff === 0) return t(o.lang, "report.kpi.same");
  const magnitude = MONEY_METRICS.has(row.metric) ? formatYuan(Math.abs(diff), o.lang) : String(Math.abs(diff));
  return `${diff > 0 ? "+" : "-"}${magnitude}`;
}

function targetText(row: KpiRow, o: ValueOptions): string {
  if (row.target === null) return o.spreadsheet ? "" : DASH;
  const value = metricValue(row.metric, row.target.value, o);
  if (o.spreadsheet) return value;
  return row.target.period.length === 4
    ? t(o.lang, "report.kpi.targetYear", { value, year: row.target.period })
    : t(o.lang, "report.kpi.targetMonth", { value, month: monthLabel(row.target.period, o.lang) });
}

function completionText(row: KpiRow, o: ValueOptions): string {
  const lang = o.lang;
  if (row.target === null || row.met === null) return o.spreadsheet ? "" : DASH;
  if (row.completion !== null) return percentText(row.completion);
  return t(lang, row.met ? "report.kpi.met" : "report.kpi.notMet");
}

// ---- the document ----

/** The figures as a table: area, item, this month, previous month, year to date. */
function figuresTable(view: MonthlyView, o: ValueOptions): { table: Tabular; gaps: boolean; totals: number[] } {
  const { figures, lang } = view;
  const ytdRange = t(lang, "report.monthRange", { from: shortMonthLabel(`${figures.month.slice(0, 4)}-01`, lang), to: shortMonthLabel(figures.month, lang) });
  const columns: Column[] = [
    { header: t(lang, "report.col.group") },
    { header: t(lang, "report.col.item") },
    { header: t(lang, "report.col.month", { month: monthLabel(figures.month, lang) }), align: "right", numeric: true },
    { header: t(lang, "report.col.previous", { month: monthLabel(figures.previousMonth, lang) }), align: "right", numeric: true },
    { header: t(lang, "report.col.ytd", { range: ytdRange }), align: "right", numeric: true },
  ];
  let gaps = false;
  const totals: number[] = [];
  const rows = figures.rows.map((row, index) => {
    if (row.key === "sales_total" || row.key === "activities_total") totals.push(index);
    let ytd = valueText(row.yearToDate, row.unit, o);
    if (row.yearToDateGaps > 0 && row.yearToDate !== null && !o.spreadsheet) {
      ytd += "*";
      gaps = true;
    }
    return [t(lang, `report.group.${row.group}` as MessageKey), figureLabel(row, lang), valueText(row.month, row.unit, o), valueText(row.previous, row.unit, o), ytd];
  });
  return { table: { columns, rows }, gaps, totals };
}

function kpiTable(view: MonthlyView, o: ValueOptions): Tabular {
  const { figures, lang } = view;
  return {
    columns: [
      { header: t(lang, "report.kpi.col.metric") },
      { header: t(lang, "report.col.month", { month: monthLabel(figures.month, lang) }), align: "right", numeric: true },
      { header: t(lang, "report.col.previous", { month: monthLabel(figures.previousMonth, lang) }), align: "right", numeric: true },
      { header: t(lang, "report.kpi.col.change"), align: "right", numeric: true },
      { header: t(lang, "report.kpi.col.target"), align: "right", numeric: true },
      // A spreadsheet gets the target as a bare number, so its period needs a column of its own.
      ...(o.spreadsheet ? [{ header: t(lang, "report.kpi.col.period") }] : []),
      { header: t(lang, "report.kpi.col.actual"), align: "right", numeric: true },
      { header: t(lang, "report.kpi.col.completion"), align: "right", numeric: true },
    ],
    rows: figures.kpis.map((row) => {
      let actual = metricValue(row.metric, row.actual, o);
      if (row.gaps > 0 && row.actual !== null && !o.spreadsheet) actual += "*";
      return [
        metricLabel(row.metric, lang),
        metricValue(row.metric, row.month, o),
        metricValue(row.metric, row.previous, o),
        changeText(row, o),
        targetText(row, o),
        ...(o.spreadsheet ? [row.target?.period ?? ""] : []),
        actual,
        completionText(row, o),
      ];
    }),
  };
}

/** Compact money for chart labels: zh "410万"; en "4.1M", "350k" (the panel title says yuan). */
function chartMoney(value: number, lang: Lang): string {
  if (value === 0) return "0";
  if (lang === "zh") return formatYuan(value, lang);
  const trim = (x: number) => String(Math.round(x * 100) / 100);
  if (value >= 1e6) return `${trim(value / 1e6)}M`;
  if (value >= 1e3) return `${trim(value / 1e3)}k`;
  return String(value);
}

function chartBlock(view: MonthlyView, o: ValueOptions): Extract<DocumentBlock, { kind: "chart" }> {
  const { figures, lang } = view;
  const months = figures.chart;
  const money = (v: number | null) => (v === null ? "" : chartMoney(v, lang));
  const panel = (title: MessageKey, pick: (m: ChartMonth) => number | null, label: (v: number | null) => string) => ({
    title: t(lang, title),
    values: months.map(pick),
    labels: months.map((m) => label(pick(m))),
  });
  const chart: ChartSpec = {
    months: months.map((m, i) => (i === 0 || m.month.endsWith("-01") ? monthLabel(m.month, lang) : shortMonthLabel(m.month, lang))),
    highlight: months.length - 1,
    panels: [
      panel("report.chart.newAccounts", (m) => m.newAccounts, (v) => (v === null ? "" : String(v))),
      panel("report.chart.assetsIn", (m) => m.assetsIn, money),
      panel("report.chart.sales", (m) => m.sales, money),
      panel("report.chart.activities", (m) => m.activities, (v) => (v === null ? "" : String(v))),
    ],
    description: t(lang, "report.chart.description", { from: monthLabel(months[0]!.month, lang), to: monthLabel(figures.month, lang) }),
    noData: t(lang, "report.chart.noData"),
  };
  const table: Tabular = {
    columns: [
      { header: t(lang, "report.col.monthOnly") },
      { header: t(lang, "report.metric.new_accounts"), align: "right", numeric: true },
      { header: t(lang, "report.figure.assets_in"), align: "right", numeric: true },
      { header: t(lang, "report.figure.sales_total"), align: "right", numeric: true },
      { header: t(lang, "report.figure.activities_total"), align: "right", numeric: true },
    ],
    rows: months.map((m) => [
      o.spreadsheet ? m.month : monthLabel(m.month, lang),
      valueText(m.newAccounts, "count", o),
      valueText(m.assetsIn, "yuan", o),
      valueText(m.sales, "yuan", o),
      valueText(m.activities, "count", o),
    ]),
  };
  return { kind: "chart", chart, table };
}

function conversionsTable(view: MonthlyView, conversions: readonly ConversionLine[], o: ValueOptions): Tabular {
  const { lang, redacted } = view;
  const columns: Column[] = [
    { header: t(lang, "report.conv.col.name") },
    { header: t(lang, "report.conv.col.position") },
    { header: t(lang, "report.conv.col.at"), nowrap: true },
    { header: t(lang, "report.conv.col.basis") },
    ...(redacted ? [] : [{ header: t(lang, "report.conv.col.account") }]),
    { header: t(lang, "report.conv.col.outcome") },
  ];
  const rows = conversions.map((c) => {
    const kind = c.kind === "product" ? t(lang, "report.conv.kind.product", { product: c.product ?? "" }) : t(lang, `report.conv.kind.${c.kind}`);
    const basis = c.amount === null ? kind : t(lang, "report.conv.withAmount", { basis: kind, amount: valueText(c.amount, "yuan", o) });
    const outcome =
      c.status === null ? DASH : c.status === "awarded" ? t(lang, "report.conv.awarded", { amount: valueText(c.bonus, "yuan", { ...o, spreadsheet: false }) }) : t(lang, "report.conv.rejected", { reason: tDynamic(lang, `report.reason.${c.reason}`) });
    return [nameWithDeparture(c.name, c, lang), tDynamic(lang, `position.${c.position}`), formatDateTimeCell(c.at), basis, ...(redacted ? [] : [c.account ?? ""]), outcome];
  });
  return { columns, rows };
}

/** The mobile, then the work and home numbers, each named: "13900001111；单位电话 0755-83195001". */
function phonesText(p: { phone: string | null; workPhone: string | null; homePhone: string | null }, lang: Lang): string {
  const named = [
    p.workPhone === null ? null : `${t(lang, "sheet.col.work_phone")} ${p.workPhone}`,
    p.homePhone === null ? null : `${t(lang, "sheet.col.home_phone")} ${p.homePhone}`,
  ];
  return [p.phone, ...named].filter((x): x is string => x !== null).join(lang === "zh" ? "；" : "; ");
}

function plannedTable(view: MonthlyView, o: ValueOptions): Tabular {
  const { figures, lang, redacted } = view;
  // The bank's version has no archive notes (forBankAudience), so no column for them either.
  const notes = !redacted && figures.audience === "internal";
  const columns: Column[] = [
    { header: t(lang, "report.planned.col.date"), nowrap: true },
    { header: t(lang, "report.planned.col.kind") },
    { header: t(lang, "report.planned.col.person") },
    { header: t(lang, "report.planned.col.detail") },
    { header: t(lang, "report.planned.col.phone"), nowrap: true },
    ...(redacted ? [] : [{ header: t(lang, "report.planned.col.address") }]),
    ...(notes ? [{ header: t(lang, "report.planned.col.notes") }] : []),
  ];
  const rows = figures.planned.map((p) => {
    const detail =
      p.kind === "followup"
        ? t(lang, "report.planned.followupDetail")
        : p.amount === null
          ? t(lang, "report.planned.maturityDetailNoAmount", { product: p.product ?? "" })
          : t(lang, "report.planned.maturityDetail", { product: p.product ?? "", amount: valueText(p.amount, "yuan", { ...o, spreadsheet: false }) });
    const person = `${p.name}（${t(lang, `report.tier.${p.tier}`)}）`;
    return [
      p.date,
      t(lang, p.kind === "maturity" ? "report.planned.maturity" : "report.planned.followup"),
      lang === "zh" ? person : `${p.name} (${t(lang, `report.tier.${p.tier}`)})`,
      detail,
      phonesText(p, lang),
      ...(redacted ? [] : [p.address ?? ""]),
      ...(notes ? [p.notes ?? ""] : []),
    ];
  });
  return { columns, rows };
}

/**
 * "长城证券 深圳福田营业部", but the department's name alone when it already starts with the
 * organisation's ("长城证券长沙五一大道营业部", not "长城证券 长城证券长沙五一大道营业部").
 */
export function organisationAndDepartment(organisation: string, department: string, lang: Lang): string {
  if (organisation.trim() === "" || department.startsWith(organisation.trim())) return department;
  return t(lang, "report.monthly.subtitle", { organisation, department });
}

/** The month's spending by activity kind, then the total (internal version only). */
function spendingTable(view: MonthlyView, spending: readonly SpendingLine[], o: ValueOptions): Tabular {
  const { lang, figures } = view;
  // Summed as the rules sum money (exact decimals): 0.1 + 0.2 yuan is 0.3.
  const total = sumExact(spending.map((line) => line.yuan));
  return {
    columns: [
      { header: t(lang, "report.spending.col.kind") },
      { header: t(lang, "report.spending.col.count"), align: "right", numeric: true },
      { header: t(lang, "report.spending.col.yuan", { month: monthLabel(figures.month, lang) }), align: "right", numeric: true },
    ],
    rows: [
      ...spending.map((line) => [tDynamic(lang, `report.activity.${line.kind}`), String(line.count), valueText(line.yuan, "yuan", o)]),
      [t(lang, "report.spending.total"), String(spending.reduce((sum, line) => sum + line.count, 0)), valueText(total, "yuan", o)],
    ],
  };
}

/** The monthly table as document blocks. `spreadsheet` writes bare numbers (CSV). */
export function monthlyBlocks(view: MonthlyView, options: { spreadsheet: boolean } = { spreadsheet: false }): DocumentBlock[] {
  const { figures, lang } = view;
  const o: ValueOptions = { lang, spreadsheet: options.spreadsheet };
  const day = (d: string) => formatDay(d, lang, figures.cutoff);
  const blocks: DocumentBlock[] = [];
  const internal = figures.audience === "internal";
  const title = t(lang, internal ? "report.monthly.titleInternal" : "report.monthly.title", { branch: figures.branch.name, month: monthLabel(figures.month, lang) });
  // "（内部使用）" must not break across lines in print: HTML keeps it on one line.
  const mark = t(lang, "report.monthly.internalMark");
  blocks.push(internal && title.endsWith(mark) ? { kind: "title", text: title, unbreakableTail: mark } : { kind: "title", text: title });
  const subtitle = [organisationAndDepartment(figures.organisation, figures.branch.departmentName, lang)];
  if (figures.branch.owner !== null) subtitle.push(t(lang, "report.monthly.owner", { owner: figures.branch.owner }));
  subtitle.push(t(lang, "report.monthly.cutoff", { date: figures.cutoff }));
  blocks.push({ kind: "subtitle", text: subtitle.join(" · ") });
  if (figures.partial) blocks.push({ kind: "note", text: t(lang, "report.monthly.partial", { date: day(figures.cutoff) }) });

  blocks.push({ kind: "heading", text: t(lang, "report.section.figures") });
  const { table, gaps, totals } = figuresTable(view, o);
  blocks.push({ kind: "table", table, grouped: true, emphasis: totals });
  if (gaps) blocks.push({ kind: "note", text: t(lang, "report.note.gaps") });
  const onFile = figures.prospectsOnFile;
  let prospectsNote = t(lang, "report.note.prospectsFound", { total: onFile.basic + onFile.valuable, valuable: onFile.valuable, basic: onFile.basic });
  if (figures.addedWithoutFound > 0) prospectsNote += (lang === "zh" ? "" : " ") + t(lang, "report.note.withoutFound", { count: figures.addedWithoutFound });
  if (figures.undatedProspects > 0) prospectsNote += (lang === "zh" ? "" : " ") + t(lang, "report.note.undated", { count: figures.undatedProspects });
  blocks.push({ kind: "note", text: prospectsNote });
  // Complaints at the branch: how many and about what, never who (both versions).
  if (figures.complaints.count > 0) {
    const topics = figures.complaints.topics.join(lang === "zh" ? "；" : "; ");
    blocks.push({ kind: "note", text: topics === "" ? t(lang, "report.complaints.count", { count: figures.complaints.count }) : t(lang, "report.complaints.withTopics", { count: figures.complaints.count, topics }) });
  }
  // The month's spending by kind: the department's own business, never in the bank's version.
  if (figures.spending !== null && figures.spending.length > 0) blocks.push({ kind: "table", table: spendingTable(view, figures.spending, o), emphasis: [figures.spending.length] });

  blocks.push({ kind: "heading", text: t(lang, "report.section.kpis") });
  if (figures.kpis.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "report.kpi.none") });
  else blocks.push({ kind: "table", table: kpiTable(view, o) });
  if (figures.kpis.some((k) => k.gaps > 0 && k.actual !== null) && !gaps) blocks.push({ kind: "note", text: t(lang, "report.note.gaps") });
  if (figures.kpiNotes !== null) blocks.push({ kind: "note", text: t(lang, "report.kpi.notes", { notes: figures.kpiNotes }) });

  blocks.push({ kind: "heading", text: t(lang, "report.section.chart") });
  blocks.push(chartBlock(view, o));

  // The bank's version has no section 四 at all (not even "none"), and its plan is section 四.
  if (figures.conversions !== null) {
    blocks.push({ kind: "heading", text: t(lang, "report.section.conversions") });
    if (figures.conversions.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "report.conv.none") });
    else blocks.push({ kind: "table", table: conversionsTable(view, figures.conversions, o) });
  }

  const next = figures.conversions === null ? "report.section.nextWithoutConversions" : "report.section.next";
  blocks.push({ kind: "heading", text: t(lang, next, { month: monthLabel(figures.nextMonth, lang) }) });
  if (figures.planned.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "report.planned.none") });
  else blocks.push({ kind: "table", table: plannedTable(view, o) });

  // What we ask the branch's leaders to solve together (共同解决存在的问题): the last section of both versions.
  blocks.push({ kind: "heading", text: t(lang, figures.conversions === null ? "report.section.requestsWithoutConversions" : "report.section.requests") });
  if (figures.requests.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "report.requests.none") });
  else for (const [i, request] of figures.requests.entries()) blocks.push({ kind: "paragraph", text: t(lang, "report.requests.item", { n: i + 1, text: request }) });

  blocks.push({ kind: "footer", text: t(lang, "report.footer.generated", { date: figures.cutoff }) });
  if (view.redacted) blocks.push({ kind: "footer", text: t(lang, internal ? "report.footer.redacted" : "report.footer.redactedBank") });
  else blocks.push({ kind: "footer", text: t(lang, "report.footer.internal") });
  if (internal) blocks.push({ kind: "footer", text: t(lang, "report.footer.audienceInternal") });
  return blocks;
}

/** The figures as JSON (snake_case keys, money in yuan, dates ISO). */
export function monthlyJson(view: MonthlyView): object {
  const f = view.figures;
  return {
    audience: f.audience,
    branch: f.branch.id,
    name: f.branch.name,
    department: f.branch.department,
    owner: f.branch.owner,
    month: f.month,
    previous_month: f.previousMonth,
    cutoff: f.cutoff,
    partial: f.partial,
    redacted: view.redacted,
    periods: {
      month: f.periods.month,
      previous: f.periods.previous,
      year_to_date: f.periods.yearToDate,
    },
    figures: f.rows.map((r) => ({
      key: r.key,
      group: r.group,
      detail: r.detail,
      unit: r.unit,
      month: r.month,
      previous: r.previous,
      year_to_date: r.yearToDate,
      year_to_date_gaps: r.yearToDateGaps,
    })),
    kpis: f.kpis.map((k) => ({
      metric: k.metric,
      month: k.month,
      previous: k.previous,
      target: k.target,
      actual: k.actual,
      completion: k.completion,
      met: k.met,
      gaps: k.gaps,
    })),
    kpi_notes: f.kpiNotes,
    conversions: f.conversions?.map((c) => ({
      staff: c.staff,
      name: c.name,
      position: c.position,
      at: c.at,
      kind: c.kind,
      amount: c.amount,
      product: c.product,
      account: c.account,
      status: c.status,
      reason: c.reason,
      bonus: c.bonus,
      left: c.left,
      left_note: c.leftNote,
      moved_to: c.movedTo?.id ?? null,
    })) ?? null,
    next_month: f.nextMonth,
    planned: f.planned.map((p) => ({
      date: p.date,
      kind: p.kind,
      prospect: p.prospect,
      name: p.name,
      tier: p.tier,
      phone: p.phone,
      work_phone: p.workPhone,
      home_phone: p.homePhone,
      product: p.product,
      amount: p.amount,
      address: p.address,
      notes: p.notes,
    })),
    chart: f.chart.map((m) => ({ month: m.month, new_accounts: m.newAccounts, assets_in: m.assetsIn, sales: m.sales, activities: m.activities })),
    prospects_on_file: f.prospectsOnFile,
    undated_prospects: f.undatedProspects,
    added_without_found: f.addedWithoutFound,
    requests: f.requests,
    complaints: { count: f.complaints.count, topics: f.complaints.topics },
    spending: f.spending?.map((s) => ({ kind: s.kind, count: s.count, yuan: s.yuan })) ?? null,
  };
}

export function renderMonthly(view: MonthlyView, format: MonthlyFormat): string {
  switch (format) {
    case "md":
      return renderDocumentMarkdown(monthlyBlocks(view));
    case "csv":
      return renderDocumentCsv(monthlyBlocks(view, { spreadsheet: true }));
    case "html": {
      const blocks = monthlyBlocks(view);
      const title = blocks.find((b) => b.kind === "title");
      return renderHtmlPage(blocks, { lang: view.lang, title: title && "text" in title ? title.text : "" });
    }
    case "json":
      return JSON.stringify(monthlyJson(view), null, 2) + "\n";
  }
}

// ---- documents as text ----

function markdownTable(table: Tabular, grouped: boolean): string {
  const rows = grouped ? table.rows.map((row, r) => row.map((cell, i) => (i === 0 && r > 0 && table.rows[r - 1]![0] === cell ? "" : cell))) : table.rows;
  return renderMarkdown({ columns: table.columns, rows }).trimEnd();
}

/** A document as Markdown: `#` title, `##` sections, tables, notes in italics. */
export function renderDocumentMarkdown(blocks: readonly DocumentBlock[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case "title":
        return `# ${markdownText(b.text)}`;
      case "heading":
        return `## ${markdownText(b.text)}`;
      case "subtitle":
      case "paragraph":
        return markdownText(b.text);
      case "note":
      case "footer":
        return `_${markdownText(b.text)}_`;
      case "table":
        return markdownTable(b.table, b.grouped === true);
      case "chart":
        return markdownTable(b.table, false);
    }
  });
  return parts.join("\n\n") + "\n";
}

/** A document for the terminal: lines of text and aligned tables, fitted to `maxWidth` when given (the terminal's columns). */
export function renderDocumentText(blocks: readonly DocumentBlock[], style: Style, maxWidth: number | null = null): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case "title":
        case "heading":
          return style.bold(fitText(terminalText(b.text), maxWidth)) + "\n";
        case "subtitle":
        case "paragraph":
          return fitText(terminalText(b.text), maxWidth) + "\n";
        case "note":
        case "footer":
          return style.dim(fitText(terminalText(b.text), maxWidth)) + "\n";
        case "table": {
          const rows = b.grouped ? b.table.rows.map((row, r) => row.map((cell, i) => (i === 0 && r > 0 && b.table.rows[r - 1]![0] === cell ? "" : cell))) : b.table.rows;
          return renderTable({ columns: b.table.columns, rows }, style, maxWidth);
        }
        case "chart":
          return renderTable(b.table, style, maxWidth);
      }
    })
    .join("");
}

/**
 * A document as CSV for a spreadsheet: its tables one after another, each under a row with its
 * heading, an empty row between sections; one UTF-8 BOM at the start, CRLF line ends.
 */
export function renderDocumentCsv(blocks: readonly DocumentBlock[]): string {
  const line = (text: string) => stripBom(renderCsv({ columns: [{ header: text }], rows: [] }));
  const parts: string[] = [];
  let footer = false;
  for (const b of blocks) {
    switch (b.kind) {
      case "title":
      case "subtitle":
      case "paragraph":
      case "note":
        parts.push(line(b.text));
        break;
      case "footer":
        // The footer is set off from the last table by an empty row, as on paper.
        parts.push((footer ? "" : "\r\n") + line(b.text));
        footer = true;
        break;
      case "heading":
        parts.push("\r\n" + line(b.text));
        break;
      case "table":
      case "chart":
        parts.push(stripBom(renderCsv(b.table)));
        break;
    }
  }
  return "\uFEFF" + parts.join("");
}

function stripBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}
