/**
 * Archive coverage in words: an overview (every branch, lowest coverage first, with its three
 * biggest gaps), then per branch every checklist item, biggest gap first, with who or what is
 * missing — the people a channel worker should ask about this week, key persons first.
 * CSV is one flat row per branch and item, for filtering; JSON has the same figures.
 */
import { t, tDynamic, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { BranchCoverage, CoverageItem, CoverageResult } from "../rules/coverage.js";
import type { DocumentBlock } from "./html.js";
import { percentText, renderDocumentCsv, renderDocumentMarkdown, renderDocumentText } from "./monthly.js";
import type { Style } from "./style.js";
import type { Tabular } from "./tabular.js";

export const COVERAGE_FORMATS = ["table", "json", "csv", "md"] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

/** How many names a cell lists before "and N more" (a list one longer than this is shown whole). */
const NAMES_SHOWN = 6;

function share4(share: number): number {
  return Math.round(share * 10000) / 10000;
}

export function coverageJson(result: CoverageResult): object {
  return {
    coverage: result.share === null ? null : share4(result.share),
    departments: result.departments.map((d) => ({ department: d.department, name: d.name, branches: d.branches, coverage: d.share === null ? null : share4(d.share) })),
    branches: result.branches.map((b) => ({
      branch: b.branch,
      name: b.name,
      department: b.department,
      staff: b.staff,
      key_staff: b.keyStaff,
      competitors: b.competitors,
      coverage: share4(b.share),
      items: b.items.map((i) => ({
        item: i.item,
        scope: i.scope,
        filled: i.filled,
        total: i.total,
        share: share4(i.share),
        missing: i.scope === "personal" ? i.missingStaff.map((s) => s.id) : i.missingFields,
      })),
    })),
  };
}

function itemLabel(item: CoverageItem["item"], lang: Lang): string {
  return t(lang, `coverage.item.${item}` as MessageKey);
}

/** Who or what is missing, in words; `all` lists every name (CSV) instead of the first few. */
function missingText(item: CoverageItem, lang: Lang, all: boolean): string {
  const sep = lang === "zh" ? "、" : ", ";
  if (item.scope === "personal") {
    if (item.total === 0) return t(lang, "coverage.noStaff");
    // A key person is marked with ★, the sign the archive's users know from the checklist.
    const names = item.missingStaff.map((s) => (s.key ? `${s.name}★` : s.name));
    if (all || names.length <= NAMES_SHOWN + 1) return names.join(sep);
    return names.slice(0, NAMES_SHOWN).join(sep) + (lang === "zh" ? "" : " ") + t(lang, "coverage.more", { count: names.length - NAMES_SHOWN, total: names.length });
  }
  if (item.item === "competitors" && item.total === 0) return t(lang, "coverage.noCompetitors");
  return item.missingFields.map((f) => tDynamic(lang, `coverage.field.${item.item}.${f}`)).join(sep);
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
        .filter((i) => i.share < 1)
        .slice(0, 3)
        .map((i) => t(lang, "coverage.gap", { item: itemLabel(i.item, lang), share: percentText(i.share) }))
        .join(sep),
    ]),
  };
}

function branchTable(branch: BranchCoverage, lang: Lang): Tabular {
  return {
    columns: [
      { header: t(lang, "coverage.col.item"), wrap: true },
      { header: t(lang, "coverage.col.scope"), wrap: true },
      { header: t(lang, "coverage.col.filled"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.share"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.missing"), wrap: true },
    ],
    rows: branch.items.map((i) => [itemLabel(i.item, lang), t(lang, `coverage.scope.${i.scope}`), `${i.filled}/${i.total}`, percentText(i.share), missingText(i, lang, false)]),
  };
}

export function coverageBlocks(result: CoverageResult, lang: Lang): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: "title", text: t(lang, "coverage.title") }];
  if (result.share === null) {
    blocks.push({ kind: "paragraph", text: t(lang, "coverage.none") });
    return blocks;
  }
  blocks.push({ kind: "paragraph", text: t(lang, "coverage.overall", { count: result.branches.length, share: percentText(result.share) }) });
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
      }),
    });
    blocks.push({ kind: "table", table: branchTable(b, lang) });
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
      { header: t(lang, "coverage.col.itemCode") },
      { header: t(lang, "coverage.col.item") },
      { header: t(lang, "coverage.col.scope") },
      { header: t(lang, "coverage.col.filled"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.total"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.share"), align: "right", numeric: true },
      { header: t(lang, "coverage.col.missing") },
    ],
    rows: result.branches.flatMap((b) =>
      b.items.map((i) => [
        b.branch,
        b.name,
        departmentName.get(b.department) ?? b.department,
        i.item,
        itemLabel(i.item, lang),
        t(lang, `coverage.scope.${i.scope}`),
        String(i.filled),
        String(i.total),
        String(share4(i.share)),
        missingText(i, lang, true),
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
