/**
 * Archive coverage in words: an overview (every branch, lowest coverage first, with its three
 * biggest gaps), then per branch every checklist item in the manual's own words, biggest gap
 * first, with who or what is missing — the people a channel worker should ask about this week,
 * key persons (and valuable prospects) first. CSV is one flat row per branch and item, for
 * filtering; JSON has the same figures under codes.
 */
import { t, tDynamic, type Lang } from "../i18n/catalog.js";
import { KEY_FIGURES, type BranchCoverage, type CoverageItem, type CoverageResult, type Missing } from "../rules/coverage.js";
import type { DocumentBlock } from "./html.js";
import { monthLabel, percentText, renderDocumentCsv, renderDocumentMarkdown, renderDocumentText } from "./monthly.js";
import type { Style } from "./style.js";
import type { Tabular } from "./tabular.js";
import { LazyList, prettyJsonPieces } from "./json-pieces.js";

export const COVERAGE_FORMATS = ["table", "json", "csv", "md"] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

/** How many names a cell lists before "and N more" (a list one longer than this is shown whole). */
const NAMES_SHOWN = 6;

function share4(share: number): number {
  return Math.round(share * 10000) / 10000;
}

/** What JSON names a missing entry by: an id, a competitor's name, a field's path, a figure's field. */
function missingCode(m: Missing): string {
  switch (m.kind) {
    case "staff":
    case "prospect":
      return m.id;
    case "competitor":
      return m.name;
    case "field":
      return m.path;
    case "figure":
      return m.figure;
  }
}

function itemJson(i: CoverageItem): object {
  return {
    checklist: i.checklist,
    item: i.item,
    letter: i.letter,
    month: i.month,
    filled: i.filled,
    total: i.total,
    share: i.share === null ? null : share4(i.share),
    missing: i.missing.map(missingCode),
  };
}

export function coverageJson(result: CoverageResult): object {
  return {
    as_of: result.asOf,
    coverage: result.share === null ? null : share4(result.share),
    departments: result.departments.map((d) => ({ department: d.department, name: d.name, branches: d.branches, coverage: d.share === null ? null : share4(d.share) })),
    branches: result.branches.map(branchJson),
  };
}

/** coverageJson's text in pieces (report/json-pieces.ts): each branch's JSON made as its turn comes (issue 29). */
export function coverageJsonPieces(result: CoverageResult): Generator<string> {
  // The head as coverageJson makes it; the branches, in the same place, one by one.
  const head = coverageJson({ ...result, branches: [] }) as Record<string, unknown>;
  return prettyJsonPieces({ ...head, branches: new LazyList(result.branches, branchJson) });
}

/** One branch of coverageJson. */
function branchJson(b: BranchCoverage): object {
  return {
    branch: b.branch,
    name: b.name,
    department: b.department,
    level: b.level,
    staff: b.staff,
    key_staff: b.keyStaff,
    competitors: b.competitors,
    possible_entrants: b.possibleEntrants,
    prospects: b.prospects,
    valuable_prospects: b.valuableProspects,
    coverage: share4(b.share),
    items: b.items.map(itemJson),
    beyond_manual: b.beyondManual.map(itemJson),
  };
}

/** The item in the manual's words, with its letter as the manual writes it: "e) 性格特点、价值观", "B) 考核指标及完成情况（2012年2月）". */
export function itemLabel(i: CoverageItem, lang: Lang): string {
  const words = tDynamic(lang, `coverage.item.${i.checklist}.${i.item}`, { month: i.month === null ? "" : monthLabel(i.month, lang) });
  return i.letter === null ? words : `${i.letter}) ${words}`;
}

export function checklistLabel(i: CoverageItem, lang: Lang): string {
  return tDynamic(lang, `coverage.checklist.${i.checklist}`);
}

function missingName(m: Missing, lang: Lang): string {
  switch (m.kind) {
    case "staff":
    case "prospect":
      // ★ marks a key person or a valuable prospect, the sign the archive's users know from the checklist.
      return m.key ? `${m.name}★` : m.name;
    case "competitor":
      return m.name;
    case "field":
      return tDynamic(lang, `coverage.field.${m.path}`);
    case "figure":
      return tDynamic(lang, `coverage.figure.${m.figure}`);
  }
}

/** Who or what is missing, in words; `all` lists every name (CSV) instead of the first few. */
export function missingText(i: CoverageItem, lang: Lang, all: boolean): string {
  const sep = lang === "zh" ? "、" : ", ";
  if (i.total === 0) return tDynamic(lang, `coverage.empty.${i.checklist}`);
  if (i.filled === 0 && i.item === "possible_entrants") return t(lang, "coverage.notConsidered");
  if (i.filled === 0 && i.item === "competitors") return tDynamic(lang, "coverage.empty.competitors");
  const figuresMissing = i.missing.filter((m) => m.kind === "figure");
  // A month with none of its figures: say so once instead of naming all five.
  const names =
    i.item === "kpis" && figuresMissing.length === KEY_FIGURES.length
      ? [...i.missing.filter((m) => m.kind !== "figure").map((m) => missingName(m, lang)), t(lang, "coverage.noMonth")]
      : i.missing.map((m) => missingName(m, lang));
  if (all || names.length <= NAMES_SHOWN + 1) return names.join(sep);
  const people = i.missing[0]?.kind === "staff" || i.missing[0]?.kind === "prospect";
  return names.slice(0, NAMES_SHOWN).join(sep) + (lang === "zh" ? "" : " ") + t(lang, people ? "coverage.more" : "coverage.moreItems", { count: names.length - NAMES_SHOWN, total: names.length });
}

function shareText(share: number | null): string {
  return share === null ? "—" : percentText(share);
}

function overviewTable(result: CoverageResult, lang: Lang): Tabular {
  const departmentName = new Map(result.departments.map((d) => [d.department, d.name]));
  const sep = lang === "zh" ? "、" : ", ";
  return {
    columns: [
      { header: t(lang, "coverage.col.branch"), wrap: true },
      { header: t(lang, "coverage.col.department"), wrap: true },
      { header: t(lang, "coverage.col.staff"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.share"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.gaps"), wrap: true },
    ],
    rows: result.branches.map((b) => [
      b.name,
      departmentName.get(b.department) ?? b.department,
      String(b.staff),
      percentText(b.share),
      b.items
        .filter((i) => i.share !== null && i.share < 1)
        .slice(0, 3)
        .map((i) => t(lang, "coverage.gap", { item: itemLabel(i, lang), share: shareText(i.share) }))
        .join(sep),
    ]),
  };
}

function branchTable(branch: BranchCoverage, lang: Lang, items: readonly CoverageItem[] = branch.items): Tabular {
  return {
    columns: [
      { header: t(lang, "coverage.col.checklist"), wrap: true },
      { header: t(lang, "coverage.col.item"), wrap: true },
      { header: t(lang, "coverage.col.filled"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.share"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.missing"), wrap: true },
    ],
    rows: items.map((i) => [checklistLabel(i, lang), itemLabel(i, lang), `${i.filled}/${i.total}`, shareText(i.share), missingText(i, lang, false)]),
  };
}

export function coverageBlocks(result: CoverageResult, lang: Lang): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: "title", text: t(lang, "coverage.title") }];
  if (result.share === null) {
    blocks.push({ kind: "paragraph", text: t(lang, "coverage.none") });
    return blocks;
  }
  blocks.push({ kind: "paragraph", text: t(lang, "coverage.overall", { date: result.asOf, count: result.branches.length, share: percentText(result.share) }) });
  blocks.push({ kind: "note", text: t(lang, "coverage.keyNote") });
  if (result.branches.length > 1) blocks.push({ kind: "table", table: overviewTable(result, lang) });
  const departmentName = new Map(result.departments.map((d) => [d.department, d.name]));
  for (const b of result.branches) {
    blocks.push({
      kind: "heading",
      text: t(lang, "coverage.branchTitle", {
        branch: b.name,
        department: departmentName.get(b.department) ?? b.department,
        share: percentText(b.share),
        staff: b.staff,
        key: b.keyStaff,
        competitors: b.competitors,
        prospects: b.prospects,
        valuable: b.valuableProspects,
      }),
    });
    blocks.push({ kind: "table", table: branchTable(b, lang) });
    if (b.beyondManual.length > 0) {
      blocks.push({ kind: "note", text: t(lang, "coverage.beyondManual") });
      blocks.push({ kind: "table", table: branchTable(b, lang, b.beyondManual) });
    }
  }
  return blocks;
}

/** One row per branch and item, in the order of the report; every missing name listed. */
export function coverageTabular(result: CoverageResult, lang: Lang): Tabular {
  const departmentName = new Map(result.departments.map((d) => [d.department, d.name]));
  return {
    columns: [
      { header: t(lang, "coverage.col.branchId") },
      { header: t(lang, "coverage.col.branch") },
      { header: t(lang, "coverage.col.department") },
      { header: t(lang, "coverage.col.checklistCode") },
      { header: t(lang, "coverage.col.checklist") },
      { header: t(lang, "coverage.col.itemCode") },
      { header: t(lang, "coverage.col.month") },
      { header: t(lang, "coverage.col.item") },
      { header: t(lang, "coverage.col.filled"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.total"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.share"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.missing") },
      { header: t(lang, "coverage.col.beyondManual") },
    ],
    rows: result.branches.flatMap((b) =>
      [...b.items, ...b.beyondManual].map((i) => [
        b.branch,
        b.name,
        departmentName.get(b.department) ?? b.department,
        i.checklist,
        checklistLabel(i, lang),
        i.item,
        i.month ?? "",
        itemLabel(i, lang),
        String(i.filled),
        String(i.total),
        i.share === null ? "" : String(share4(i.share)),
        missingText(i, lang, true),
        i.beyondManual ? t(lang, "coverage.beyondManualMark") : "",
      ]),
    ),
  };
}

/** `maxWidth`: the terminal's columns, to fit the tables to (null: drawn whole, for a pipe or a file). */
export function renderCoverage(result: CoverageResult, format: CoverageFormat, lang: Lang, style: Style, maxWidth: number | null = null): string {
  switch (format) {
    case "json":
      return JSON.stringify(coverageJson(result), null, 2) + "\n";
    case "csv":
      return renderDocumentCsv([{ kind: "table", table: coverageTabular(result, lang) }]);
    case "md":
      return renderDocumentMarkdown(coverageBlocks(result, lang));
    case "table":
      return renderDocumentText(coverageBlocks(result, lang), style, maxWidth);
  }
}
