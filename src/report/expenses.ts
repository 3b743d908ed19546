/**
 * Rendering expense support: one row per department with an explanation a head-office reader
 * can check on its own ("资管代表覆盖，计入 180万，未报备支行 60万 不计入，第1档（≥ 50万）0.2%，
 * 支持 3600元"), the total, the per-branch figures the rows add up from, and the JSON of docs/json-output.md.
 */
import { t, type Lang } from "../i18n/catalog.js";
import type { ExpenseDepartmentLine, ExpenseResult } from "../rules/expenses.js";
import { multiplyRoundHalfUp } from "../rules/expenses.js";
import { renderSections, withRecordedHeading, type MoneyReportFormat, type Section } from "./bonus.js";
import { asRecordedJson, type AsRecorded } from "./as-recorded.js";
import { formatRate, formatYuan, formatYuanPlain, yuanNumberText } from "./money-format.js";
import type { Style } from "./style.js";
import { renderCsv, type Tabular } from "./tabular.js";

/** The `expenses` JSON of docs/json-output.md. */
export function expensesJson(result: ExpenseResult): object {
  return {
    as_of: result.asOf,
    product: result.product,
    departments: result.departments.map((d) => ({
      department: d.department,
      name: d.name,
      scheme: d.scheme,
      sales: d.sales,
      excluded_sales: d.excludedSales,
      tier: d.tier,
      support: d.support,
      reason: d.reason,
    })),
    total_support: result.totalSupport,
    policy_is_example: result.policy.example,
  };
}

/** The row's explanation: what was counted, what was left out, which tier and why it pays what it pays. */
export function expenseExplanation(line: ExpenseDepartmentLine, lang: Lang): string {
  const money = (n: number) => formatYuan(n, lang);
  // Above the ceiling, the sales figure and the ceiling are the whole explanation.
  if (line.reason === "above_ceiling") return t(lang, "expenses.explain.aboveCeiling", { sales: money(line.sales), ceiling: money(line.ceiling ?? 0) });
  const parts: string[] = [];
  if (line.scheme === "self_driven") {
    parts.push(t(lang, "expenses.explain.selfDriven", { sales: money(line.sales) }));
  } else {
    parts.push(t(lang, "expenses.explain.amCovered", { sales: money(line.sales) }));
    if (line.excludedSales > 0) parts.push(t(lang, "expenses.explain.excluded", { excluded: money(line.excludedSales) }));
  }
  const rule = line.tierRule;
  if (line.reason === "scheme_missing") {
    parts.push(t(lang, "expenses.explain.schemeMissing", { scheme: `${t(lang, `expenses.scheme.${line.scheme}`)} (${line.scheme})` }));
  } else if (line.reason === "below_first_tier") {
    parts.push(line.firstTierMin === null ? t(lang, "expenses.explain.noTiers") : t(lang, "expenses.explain.belowFirstTier", { min: money(line.firstTierMin) }));
  } else if (rule !== null && line.tier !== null) {
    const common = { tier: line.tier, min: money(rule.min), support: formatYuanPlain(line.support, lang) };
    if (rule.amount !== null || rule.rate === null) {
      parts.push(t(lang, "expenses.explain.tierAmount", common));
    } else if (line.capped) {
      parts.push(
        t(lang, "expenses.explain.tierRateCapped", {
          ...common,
          rate: formatRate(rule.rate),
          raw: formatYuanPlain(multiplyRoundHalfUp(line.sales, rule.rate), lang),
          cap: formatYuanPlain(rule.cap ?? 0, lang),
        }),
      );
    } else {
      parts.push(t(lang, "expenses.explain.tierRate", { ...common, rate: formatRate(rule.rate) }));
    }
  }
  return parts.join(t(lang, "expenses.explain.separator"));
}

/**
 * One row per department. `spreadsheet` (CSV) adds the id and codes and writes money as bare
 * numbers of yuan; people get 万 and words.
 */
export function expensesTabular(result: ExpenseResult, lang: Lang, options: { spreadsheet: boolean }): Tabular {
  const h = (key: Parameters<typeof t>[1]) => t(lang, key);
  const tierText = (d: ExpenseDepartmentLine) => (d.tier === null ? "-" : t(lang, "expenses.tier", { tier: d.tier }));
  if (options.spreadsheet) {
    return {
      columns: [
        { header: h("expenses.header.departmentId") },
        { header: h("expenses.header.department") },
        { header: h("expenses.header.schemeCode") },
        { header: h("expenses.header.scheme") },
        { header: h("expenses.header.salesYuan"), align: "right", numeric: true },
        { header: h("expenses.header.excludedYuan"), align: "right", numeric: true },
        { header: h("expenses.header.tier"), align: "right", numeric: true },
        { header: h("expenses.header.support"), align: "right", numeric: true },
        { header: h("expenses.header.reasonCode") },
        { header: h("expenses.header.explain") },
      ],
      rows: result.departments.map((d) => [
        d.department,
        d.name,
        d.scheme,
        t(lang, `expenses.scheme.${d.scheme}`),
        yuanNumberText(d.sales),
        yuanNumberText(d.excludedSales),
        d.tier === null ? "" : String(d.tier),
        yuanNumberText(d.support),
        d.reason ?? "",
        expenseExplanation(d, lang),
      ]),
    };
  }
  return {
    columns: [
      { header: h("expenses.header.department"), wrap: true },
      { header: h("expenses.header.scheme"), wrap: true },
      { header: h("expenses.header.sales"), align: "right", numeric: true },
      { header: h("expenses.header.excluded"), align: "right", numeric: true },
      { header: h("expenses.header.tier") },
      { header: h("expenses.header.support"), align: "right", numeric: true },
      { header: h("expenses.header.explain"), wrap: true },
    ],
    rows: result.departments.map((d) => [
      d.name,
      t(lang, `expenses.scheme.${d.scheme}`),
      formatYuan(d.sales, lang),
      d.excludedSales === 0 ? "-" : formatYuan(d.excludedSales, lang),
      tierText(d),
      yuanNumberText(d.support),
      expenseExplanation(d, lang),
    ]),
  };
}

/** The figures each department's row adds up from, branch by branch. */
function branchTabular(result: ExpenseResult, lang: Lang): Tabular {
  return {
    columns: [
      { header: t(lang, "expenses.header.branch"), wrap: true },
      { header: t(lang, "expenses.header.department"), wrap: true },
      { header: t(lang, "expenses.header.scheme"), wrap: true },
      { header: t(lang, "expenses.header.hqReported") },
      { header: t(lang, "expenses.header.sales"), align: "right", numeric: true },
      { header: t(lang, "expenses.header.excluded"), align: "right", numeric: true },
    ],
    rows: result.departments.flatMap((d) =>
      d.branches.map((b) => [
        b.name,
        d.name,
        t(lang, `expenses.scheme.${d.scheme}`),
        b.hqReported ?? t(lang, "expenses.notReported"),
        formatYuan(b.sales, lang),
        b.excludedSales === 0 ? "-" : formatYuan(b.excludedSales, lang),
      ]),
    ),
  };
}

export function expensesSections(result: ExpenseResult, lang: Lang): Section[] {
  const policyWindow = { start: result.policy.start, end: result.policy.end };
  // The range is stated once: sales count from the campaign's start, to its end or to the as-of day.
  const params = { product: result.product, start: policyWindow.start, end: policyWindow.end, asOf: result.asOf };
  const title =
    result.to < result.from
      ? t(lang, "expenses.titleNotStarted", params)
      : t(lang, result.to < policyWindow.end ? "expenses.titleRunning" : "expenses.title", params);
  const sections: Section[] = [{ text: title }, { table: expensesTabular(result, lang, { spreadsheet: false }) }];
  sections.push({ text: t(lang, "expenses.total", { support: formatYuanPlain(result.totalSupport, lang) }) });
  if (result.departments.some((d) => d.branches.length > 0)) {
    sections.push({ text: t(lang, "expenses.byBranch") });
    sections.push({ table: branchTabular(result, lang) });
  }
  return sections;
}

/** `maxWidth`: the terminal's columns, to fit the tables to (null: drawn whole, for a pipe or a file). */
export function renderExpenses(result: ExpenseResult, format: MoneyReportFormat, lang: Lang, style: Style, recorded: AsRecorded | null = null, maxWidth: number | null = null): string {
  switch (format) {
    case "json":
      return JSON.stringify(recorded === null ? expensesJson(result) : { ...expensesJson(result), as_recorded: asRecordedJson(recorded) }, null, 2) + "\n";
    case "csv":
      return renderCsv(expensesTabular(result, lang, { spreadsheet: true }));
    case "table":
    case "md":
      return renderSections(withRecordedHeading(expensesSections(result, lang), recorded, lang), format, style, maxWidth);
  }
}
