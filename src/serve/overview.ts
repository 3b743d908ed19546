/**
 * The pages across branches: coverage as a heat map (branches × checklist parts, from
 * rules/coverage.ts) and each branch's KPI trend as bar charts (svg-chart.ts).
 */
import { t, tDynamic } from "../i18n/catalog.js";
import type { Branch, Model } from "../model/types.js";
import type { IsoMonth } from "../model/values.js";
import { monthLabel, percentText, shortMonthLabel } from "../report/monthly.js";
import { formatYuan } from "../report/money-format.js";
import { renderChartSvg, type ChartSpec } from "../report/svg-chart.js";
import { CHECKLISTS, type BranchCoverage, type Checklist, type CoverageResult } from "../rules/coverage.js";
import { branchLink, esc, labelOr, renderPage, tableHtml, type Cell, type PageContext } from "./page.js";

/** A heat-map column: one of the manual's checklists. */
interface HeatColumn {
  checklist: Checklist;
  label: string;
}

function heatColumns(lang: Parameters<typeof t>[0]): HeatColumn[] {
  return CHECKLISTS.map((checklist) => ({ checklist, label: tDynamic(lang, `coverage.checklist.${checklist}`) }));
}

/** The mean share of a branch's items in a column; null when none of them has a share. */
export function columnShare(branch: BranchCoverage, column: HeatColumn): number | null {
  // Items of our own (beyond the manual) count in no share, as in channel coverage.
  const shares = branch.items.filter((i) => i.checklist === column.checklist && !i.beyondManual).map((i) => i.share).filter((s): s is number => s !== null);
  return shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length;
}

function heatCell(share: number | null, title: string): Cell {
  if (share === null) return { html: "—", className: "cell hn", title };
  return { html: esc(percentText(share)), className: `cell h${Math.round(share * 10)}`, title };
}

export function renderCoverage(ctx: PageContext, result: CoverageResult): string {
  const { lang } = ctx;
  const title = t(lang, "serve.coverage.title", { date: result.asOf });
  const columns = heatColumns(lang);
  const parts: string[] = [`<h1>${esc(title)}</h1>`];
  if (result.share !== null) parts.push(`<p>${esc(t(lang, "serve.coverage.overall", { share: percentText(result.share) }))}</p>`);
  parts.push(`<p class="note">${esc(t(lang, "serve.coverage.legend"))}</p>`);
  parts.push(`<p class="legend">${[0, 2, 4, 6, 8, 10].map((i) => `<span class="h${i}">${i * 10}%</span>`).join("")}</p>`);
  const rows = result.branches.map((b) => [
    branchLink(ctx, b.branch, b.name),
    heatCell(b.share, b.name),
    ...columns.map((c) => {
      const share = columnShare(b, c);
      return heatCell(share, `${b.name} · ${c.label}`);
    }),
  ]);
  parts.push(tableHtml([t(lang, "serve.col.branch"), t(lang, "serve.coverage.col.all"), ...columns.map((c) => c.label)], rows, { className: "heat" }));
  parts.push(`<h2>${esc(t(lang, "serve.coverage.departments"))}</h2>`);
  parts.push(tableHtml([t(lang, "serve.col.department"), t(lang, "serve.col.branch"), t(lang, "serve.coverage.col.all")], result.departments.map((d) => [esc(d.name), esc(d.branches), heatCell(d.share, d.name)]), { numeric: [1], className: "heat" }));
  return renderPage(ctx, { title, section: "coverage", body: parts.join("\n") });
}

// ---- KPI trends ----

/** The figures the trend shows, in this order; `sales` is our own sales through the branch. */
export const TREND_FIGURES = ["deposits", "vip_customers", "new_accounts", "sales"] as const;
/** How many months the chart spans, ending with the as-of month. */
export const TREND_MONTHS = 12;

export interface KpiTrend {
  months: IsoMonth[];
  /** One value per month per figure (null: nothing entered). */
  values: Record<(typeof TREND_FIGURES)[number], (number | null)[]>;
}

/** The months from the first with a figure or a sale to the as-of month, at most TREND_MONTHS. */
export function kpiTrend(branch: Branch, asOfMonth: IsoMonth): KpiTrend {
  const sales = new Map<IsoMonth, number>();
  for (const s of branch.sales) if (s.date.slice(0, 7) <= asOfMonth) sales.set(s.date.slice(0, 7), (sales.get(s.date.slice(0, 7)) ?? 0) + s.amount);
  const known = [...branch.kpiMonths.map((m) => m.month), ...sales.keys()].filter((m) => m <= asOfMonth).sort();
  if (known.length === 0) return { months: [], values: { deposits: [], vip_customers: [], new_accounts: [], sales: [] } };
  const months: IsoMonth[] = [];
  for (let m = asOfMonth; months.length < TREND_MONTHS && m >= known[0]!; m = previousMonth(m)) months.unshift(m);
  const byMonth = new Map(branch.kpiMonths.map((k) => [k.month, k.figures]));
  const figure = (name: string) => months.map((m) => byMonth.get(m)?.[name] ?? null);
  return { months, values: { deposits: figure("deposits"), vip_customers: figure("vip_customers"), new_accounts: figure("new_accounts"), sales: months.map((m) => sales.get(m) ?? null) } };
}

function previousMonth(month: IsoMonth): IsoMonth {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
}

export function renderKpis(ctx: PageContext, model: Model, branch: Branch | null): string {
  const { lang } = ctx;
  const picker = [
    '<form class="filters" method="get" action="/kpis">',
    `<label>${esc(t(lang, "serve.kpis.pick"))}<select name="branch">${model.branches.map((b) => `<option value="${esc(b.id)}"${b.id === branch?.id ? " selected" : ""}>${esc(b.name)}</option>`).join("")}</select></label>`,
    ctx.asOfParam === null ? "" : `<input type="hidden" name="as_of" value="${esc(ctx.asOfParam)}">`,
    `<button type="submit">${esc(t(lang, "serve.kpis.show"))}</button>`,
    "</form>",
  ].join("");
  if (branch === null) return renderPage(ctx, { title: t(lang, "serve.nav.kpis"), section: "kpis", body: `<h1>${esc(t(lang, "serve.nav.kpis"))}</h1>${picker}<p>${esc(t(lang, "serve.kpis.none"))}</p>` });
  const title = t(lang, "serve.kpis.title", { branch: branch.name });
  const trend = kpiTrend(branch, ctx.asOf.slice(0, 7));
  const parts: string[] = [`<h1>${esc(t(lang, "serve.kpis.title", { branch: "" }))}${branchLink(ctx, branch.id, branch.name)}</h1>`, picker];
  if (trend.months.length === 0) parts.push(`<p>${esc(t(lang, "serve.kpis.none"))}</p>`);
  else {
    const label = (figure: (typeof TREND_FIGURES)[number]) => (figure === "sales" ? t(lang, "serve.kpis.sales") : labelOr(lang, `coverage.figure.${figure}`, figure));
    const text = (figure: (typeof TREND_FIGURES)[number], v: number | null) => (v === null ? "" : figure === "deposits" || figure === "sales" ? formatYuan(v, lang) : String(v));
    const spec: ChartSpec = {
      months: trend.months.map((m) => shortMonthLabel(m, lang)),
      highlight: trend.months.length - 1,
      panels: TREND_FIGURES.map((f) => ({ title: label(f), values: trend.values[f], labels: trend.values[f].map((v) => text(f, v)) })),
      description: t(lang, "serve.kpis.description", { branch: branch.name }),
      noData: t(lang, "serve.kpis.noData"),
    };
    parts.push(renderChartSvg(spec));
    const rows = trend.months.map((m, i) => [esc(monthLabel(m, lang)), ...TREND_FIGURES.map((f) => esc(text(f, trend.values[f][i] ?? null) || "-"))]);
    parts.push(tableHtml([t(lang, "serve.col.month"), ...TREND_FIGURES.map(label)], rows, { numeric: [1, 2, 3, 4] }));
  }
  return renderPage(ctx, { title, section: "kpis", body: parts.join("\n") });
}
