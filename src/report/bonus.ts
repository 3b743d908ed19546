/**
 * Rendering the conversion bonus: a table that explains every candidate's outcome in words,
 * a summary (per department, places left), CSV for head office's spreadsheets, Markdown for
 * reports, and the JSON of docs/json-output.md.
 */
import { t, tDynamic, type Lang } from "../i18n/catalog.js";
import type { BonusCandidate, BonusResult } from "../rules/bonus.js";
import { formatDateTimeCell, formatDay, formatDayTime } from "./date-format.js";
import { formatYuan, formatYuanPlain, yuanNumberText } from "./money-format.js";
import type { Style } from "./style.js";
import { fitText, renderCsv, renderMarkdown, renderTablePieces, type Column, type Tabular } from "./tabular.js";
import { markdownText, terminalText } from "./untrusted-text.js";
import { asRecordedJson, asRecordedLine, type AsRecorded } from "./as-recorded.js";

export type MoneyReportFormat = "table" | "json" | "csv" | "md";

/** What is shown: `--department` narrows the view, never the computation. */
export interface BonusView {
  result: BonusResult;
  /** The department shown, or null for all. */
  department: string | null;
}

/** A part of a human-readable report: a line of text or a table. */
export type Section = { text: string } | { table: Tabular };

/** Text and tables, for the terminal (`table`, fitted to `maxWidth` when given) or Markdown (`md`). */
export function renderSections(sections: readonly Section[], format: "table" | "md", style: Style, maxWidth: number | null = null): string {
  return renderSectionsPieces(sections, format, style, maxWidth).join("");
}

/** `renderSections`' text in pieces that make it when joined: a long table's lines come a batch at a time (see `renderTablePieces`). */
export function renderSectionsPieces(sections: readonly Section[], format: "table" | "md", style: Style, maxWidth: number | null = null): string[] {
  if (format === "table") return sections.flatMap((s) => ("table" in s ? renderTablePieces(s.table, style, maxWidth) : [fitText(terminalText(s.text), maxWidth) + "\n"]));
  // Markdown needs blank lines between paragraphs and tables; the terminal reads better dense.
  const parts = sections.map((s) => ("table" in s ? renderMarkdown(s.table) : markdownText(s.text) + "\n"));
  return [parts.map((p) => p.replace(/\n$/, "")).join("\n\n") + "\n"];
}

function shownCandidates(view: BonusView): BonusCandidate[] {
  return view.department === null ? view.result.candidates : view.result.candidates.filter((c) => c.department === view.department);
}

/** The `bonus` JSON of docs/json-output.md. Top-level `awarded` and `total_amount` stay those of the whole repository, as the quota is. */
export function bonusJson(view: BonusView): object {
  const { result } = view;
  return {
    as_of: result.asOf,
    amount: result.policy.amount,
    per_branch_cap: result.policy.perBranchCap,
    total_cap: result.policy.totalCap,
    awarded: result.awarded,
    total_amount: result.totalAmount,
    policy_is_example: result.policy.example,
    candidates: shownCandidates(view).map((c) => ({
      rank: c.rank,
      staff: c.staff,
      name: c.name,
      position: c.position,
      branch: c.branch,
      department: c.department,
      at: c.at,
      basis: { kind: c.basis.kind, amount: c.basis.amount, product: c.basis.product },
      status: c.status,
      reason: c.reason,
      amount: c.amount,
    })),
    departments: result.departments
      .filter((d) => view.department === null || d.department === view.department)
      .map((d) => ({ department: d.department, awarded: d.awarded, amount: d.amount })),
  };
}

/** "资产 5万", "基金 3万", "长城2号". */
export function basisText(candidate: BonusCandidate, lang: Lang): string {
  const { kind, amount, product } = candidate.basis;
  if (kind === "product") return t(lang, "bonus.basis.product", { product: product ?? t(lang, "bonus.basis.unknown") });
  const amountText = amount === null ? t(lang, "bonus.basis.unknown") : formatYuan(amount, lang);
  return t(lang, kind === "fund" ? "bonus.basis.fund" : "bonus.basis.asset", { amount: amountText });
}

/** The reason in words, with the figures that decide it: "资产不足2万 (1.99万)", "支行名额已满 (2/2)". */
export function bonusReasonText(candidate: BonusCandidate, result: BonusResult, lang: Lang): string {
  const { policy, asOf } = result;
  const day = (d: string) => formatDay(d, lang, asOf);
  switch (candidate.reason) {
    case null:
      return "";
    case "position_not_eligible":
      return t(lang, "bonus.reason.position_not_eligible", { position: tDynamic(lang, `position.${candidate.position}`) });
    case "not_new_customer":
      return t(lang, "bonus.reason.not_new_customer", { since: day(candidate.customerSince ?? asOf) });
    case "below_minimum": {
      const fund = candidate.basis.kind === "fund";
      const amount = candidate.basis.amount === null ? t(lang, "bonus.basis.unknown") : formatYuan(candidate.basis.amount, lang);
      return t(lang, fund ? "bonus.reason.below_minimum.fund" : "bonus.reason.below_minimum.asset", {
        min: formatYuan(fund ? policy.fundMin : policy.assetMin, lang),
        amount,
      });
    }
    case "product_not_eligible":
      return t(lang, "bonus.reason.product_not_eligible", { product: candidate.basis.product ?? t(lang, "bonus.basis.unknown") });
    case "before_start":
      return t(lang, "bonus.reason.before_start", { at: formatDayTime(candidate.at, lang, asOf), start: day(policy.start) });
    case "after_deadline":
      return t(lang, "bonus.reason.after_deadline", { at: formatDayTime(candidate.at, lang, asOf), deadline: day(policy.deadline) });
    case "not_registered":
      return t(lang, "bonus.reason.not_registered", { asOf: day(asOf) });
    case "registered_after_conversion":
      // With a registration time, both sides to the minute: the day alone would read "3月5日 > 3月5日".
      if (candidate.registeredAt !== null) {
        return t(lang, "bonus.reason.registered_after_conversion", { registered: formatDayTime(candidate.registeredAt, lang, asOf), at: formatDayTime(candidate.at, lang, asOf) });
      }
      return t(lang, "bonus.reason.registered_after_conversion", { registered: day(candidate.registered ?? asOf), at: day(candidate.at.slice(0, 10)) });
    case "branch_cap_reached":
      return t(lang, "bonus.reason.branch_cap_reached", { count: policy.perBranchCap, cap: policy.perBranchCap });
    case "total_cap_reached":
      return t(lang, "bonus.reason.total_cap_reached", { count: policy.totalCap, cap: policy.totalCap });
  }
}

/**
 * The candidates as a table. `spreadsheet` (CSV) adds the ids and the reason code and writes
 * money as bare numbers, so head office can filter and sum; people get names and words.
 * `compact` (a terminal of a known width) folds the name and position into one column and the
 * status and reason into another, and leaves out the department (the summary by department
 * follows): ten columns cannot be read at 80.
 */
export function bonusTabular(view: BonusView, lang: Lang, options: { spreadsheet: boolean; compact?: boolean }): Tabular {
  const { result } = view;
  const branchName = new Map(result.branches.map((b) => [b.branch, b.name]));
  const departmentName = new Map(result.departments.map((d) => [d.department, d.name]));
  const h = (key: Parameters<typeof t>[1]) => t(lang, key);
  const rows = shownCandidates(view).map((c) => {
    const status = t(lang, c.status === "awarded" ? "bonus.status.awarded" : "bonus.status.rejected");
    const common = {
      // An empty cell, not "-", in spreadsheets: it sorts and filters as a blank.
      rank: c.rank === null ? (options.spreadsheet ? "" : "-") : String(c.rank),
      department: departmentName.get(c.department) ?? c.department,
      branch: branchName.get(c.branch) ?? c.branch,
      position: tDynamic(lang, `position.${c.position}`),
      basis: basisText(c, lang),
      reason: bonusReasonText(c, result, lang),
    };
    if (options.spreadsheet) {
      return [
        common.rank, c.at.replace("T", " "), c.department, common.department, c.branch, common.branch, c.staff, c.name,
        common.position, common.basis, c.basis.amount === null ? "" : yuanNumberText(c.basis.amount), status, c.reason ?? "", common.reason, yuanNumberText(c.amount),
      ];
    }
    if (options.compact === true) {
      const outcome = c.status === "awarded" ? status : t(lang, "bonus.outcome.rejected", { reason: common.reason });
      return [common.rank, formatDateTimeCell(c.at), common.branch, `${c.name} (${common.position})`, common.basis, outcome, yuanNumberText(c.amount)];
    }
    return [common.rank, formatDateTimeCell(c.at), common.department, common.branch, c.name, common.position, common.basis, status, common.reason, yuanNumberText(c.amount)];
  });
  const rank = { header: h("bonus.header.rank"), align: "right" as const, numeric: true };
  const at = { header: h("bonus.header.at") };
  const amount = { header: h("bonus.header.amount"), align: "right" as const, numeric: true };
  const columns: Column[] = options.compact === true
    ? [
        rank,
        at,
        { header: h("bonus.header.branch"), wrap: true },
        { header: h("bonus.header.person"), wrap: true },
        { header: h("bonus.header.basis"), wrap: true },
        { header: h("bonus.header.outcome"), wrap: true },
        amount,
      ]
    : options.spreadsheet
      ? [
          rank,
          at,
          { header: h("bonus.header.departmentId") },
          { header: h("bonus.header.department") },
          { header: h("bonus.header.branchId") },
          { header: h("bonus.header.branch") },
          { header: h("bonus.header.staff") },
          { header: h("bonus.header.name") },
          { header: h("bonus.header.position") },
          { header: h("bonus.header.basis") },
          { header: h("bonus.header.basisAmount"), align: "right" as const, numeric: true },
          { header: h("bonus.header.status") },
          { header: h("bonus.header.reasonCode") },
          { header: h("bonus.header.reason") },
          amount,
        ]
      : [
          rank,
          at,
          { header: h("bonus.header.department"), wrap: true },
          { header: h("bonus.header.branch"), wrap: true },
          { header: h("bonus.header.name"), wrap: true },
          { header: h("bonus.header.position"), wrap: true },
          { header: h("bonus.header.basis"), wrap: true },
          { header: h("bonus.header.status") },
          { header: h("bonus.header.reason"), wrap: true },
          amount,
        ];
  return { columns, rows };
}

/** The human-readable report: title, candidates, totals, and places left while the campaign is open. */
export function bonusSections(view: BonusView, lang: Lang, compact = false): Section[] {
  const { result } = view;
  const { policy } = result;
  const sections: Section[] = [
    {
      text: t(lang, "bonus.title", {
        asOf: result.asOf,
        start: policy.start,
        deadline: policy.deadline,
        each: formatYuanPlain(policy.amount, lang),
        perBranch: policy.perBranchCap,
        totalCap: policy.totalCap,
      }),
    },
  ];
  const departments = result.departments.filter((d) => view.department === null || d.department === view.department);
  if (view.department !== null) {
    sections.push({ text: t(lang, policy.allDepartments ? "bonus.titleDepartment" : "bonus.titleDepartmentInRepository", { name: departments[0]?.name ?? view.department }) });
  }
  if (shownCandidates(view).length === 0) sections.push({ text: t(lang, "bonus.summary.none", { asOf: result.asOf }) });
  else sections.push({ table: bonusTabular(view, lang, { spreadsheet: false, compact }) });

  sections.push({
    text: t(lang, "bonus.summary.awarded", { awarded: result.awarded, totalCap: policy.totalCap, amount: formatYuanPlain(result.totalAmount, lang) }),
  });
  sections.push({ text: t(lang, "bonus.summary.byDepartment") });
  sections.push({
    table: {
      columns: [
        { header: t(lang, "bonus.header.department"), wrap: true },
        { header: t(lang, "bonus.header.awarded"), align: "right", numeric: true },
        { header: t(lang, "bonus.header.total"), align: "right", numeric: true },
      ],
      rows: departments.map((d) => [d.name, String(d.awarded), yuanNumberText(d.amount)]),
    },
  });

  if (!result.open) {
    sections.push({ text: t(lang, "bonus.summary.closed", { deadline: policy.deadline }) });
    return sections;
  }
  // Company-wide only when the policy says the repository holds every department; else what this repository's records leave.
  sections.push({ text: t(lang, policy.allDepartments ? "bonus.summary.placesLeft" : "bonus.summary.placesLeftInRepository", { deadline: policy.deadline, left: result.totalLeft }) });
  const departmentName = new Map(result.departments.map((d) => [d.department, d.name]));
  const withRoom = result.totalLeft === 0 ? [] : result.branches.filter((b) => b.left > 0 && (view.department === null || b.department === view.department));
  if (withRoom.length === 0) {
    // Said the way it is: the total places are gone, or every branch has used its own.
    sections.push({ text: t(lang, result.totalLeft === 0 ? "bonus.summary.noPlacesLeft" : "bonus.summary.noBranchWithRoom") });
  } else {
    sections.push({ text: t(lang, "bonus.summary.branchesWithRoom") });
    sections.push({
      table: {
        columns: [
          { header: t(lang, "bonus.header.branch"), wrap: true },
          { header: t(lang, "bonus.header.department"), wrap: true },
          { header: t(lang, "bonus.header.awarded"), align: "right", numeric: true },
          { header: t(lang, "bonus.header.left"), align: "right", numeric: true },
        ],
        // A branch's room is also bounded by what is left of the total.
        rows: withRoom.map((b) => [b.name, departmentName.get(b.department) ?? b.department, String(b.awarded), String(Math.min(b.left, result.totalLeft))]),
      },
    });
  }
  return sections;
}

/** `maxWidth`: the terminal's columns, to fit the table to (null: drawn whole, for a pipe or a file). */
export function renderBonus(view: BonusView, format: MoneyReportFormat, lang: Lang, style: Style, recorded: AsRecorded | null = null, maxWidth: number | null = null): string {
  switch (format) {
    case "json":
      return JSON.stringify(recorded === null ? bonusJson(view) : { ...bonusJson(view), as_recorded: asRecordedJson(recorded) }, null, 2) + "\n";
    case "csv":
      return renderCsv(bonusTabular(view, lang, { spreadsheet: true }));
    case "table":
    case "md":
      return renderSections(withRecordedHeading(bonusSections(view, lang, format === "table" && maxWidth !== null), recorded, lang), format, style, maxWidth);
  }
}

/** The sections, after a heading line naming the commit when they were computed as recorded. */
export function withRecordedHeading(sections: Section[], recorded: AsRecorded | null, lang: Lang): Section[] {
  return recorded === null ? sections : [{ text: asRecordedLine(recorded, lang) }, ...sections];
}
