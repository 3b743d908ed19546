/**
 * The import plan in words: what would be (or was) added, filled in, skipped as a duplicate and
 * why, and every cell that could not be read with its row, column and header; as a terminal
 * report or as JSON for scripts.
 */
import { hasMessage, t, tDynamic, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { Style } from "../report/style.js";
import { renderTablePieces } from "../report/tabular.js";
import { terminalCell, terminalLine } from "../report/untrusted-text.js";
import { headerKey, type ImportKind } from "./fields.js";
import type { Duplicate, DuplicateOf, ImportPlan, RowProblem } from "./plan.js";
import type { Grid } from "./sheet.js";

export interface ImportReport {
  plan: ImportPlan;
  grid: Grid;
  /** The spreadsheet as named on the command line. */
  from: string;
  /** The data file, relative to the root. */
  file: string;
  /** Whether the file was written. */
  applied: boolean;
  /** Whether the file exists yet. */
  creates: boolean;
  lang: Lang;
}

export function problemMessage(problem: RowProblem, lang: Lang): string {
  const params = { ...problem.params };
  if (problem.reason === "import.reason.required" && typeof params.field === "string") params.field = t(lang, headerKey(params.field));
  let text = tDynamic(lang, problem.reason, params);
  if (typeof params.suggestion === "string" && params.suggestion !== "") text += t(lang, "hint.didYouMean", { suggestion: params.suggestion });
  return text;
}

/** The column header of a field, or of the field written under a record key (`converted` → 开户日期). */
function fieldLabel(field: string, lang: Lang): string {
  const key = hasMessage(headerKey(field)) ? field : hasMessage(headerKey(`${field}_date`)) ? `${field}_date` : null;
  return key === null ? field : t(lang, headerKey(key));
}

function ofText(of: DuplicateOf, lang: Lang): string {
  if (of.row !== null) return t(lang, "import.of.row", { row: of.row });
  if (of.id === null) return t(lang, "import.of.log");
  return t(lang, "import.of.record", { id: terminalCell(of.id), name: terminalCell(of.name ?? ""), branch: terminalCell(of.branch ?? "") });
}

function duplicateText(d: Duplicate, lang: Lang): string {
  let text = t(lang, `import.duplicate.${d.reason}` as MessageKey, { of: ofText(d.of, lang) });
  if (d.differs.length > 0) text += t(lang, "import.duplicate.differs", { fields: d.differs.map((f) => fieldLabel(f, lang)).join(lang === "zh" ? "、" : ", ") });
  return text;
}

function sourceText(report: ImportReport): string {
  const { grid, from, lang } = report;
  if (grid.format === "csv") return t(lang, "import.source.csv", { file: terminalCell(from), encoding: t(lang, `import.encoding.${grid.encoding ?? "utf-8"}` as MessageKey) });
  const others = grid.sheets.length > 1 ? t(lang, "import.source.sheets", { count: grid.sheets.length, sheets: grid.sheets.map(terminalCell).join(lang === "zh" ? "、" : ", ") }) : "";
  return t(lang, "import.source.xlsx", { file: terminalCell(from), sheet: terminalCell(grid.sheet ?? ""), others });
}

function cellOf(entry: Record<string, unknown>, key: string, lang: Lang): string {
  const value = entry[key];
  if (value === undefined || value === null) return "";
  if (key === "position") return label(lang, "position.", String(value));
  if (key === "tier") return label(lang, "report.tier.", String(value));
  if (key === "kind") return label(lang, "sheet.activity.", String(value));
  if (key === "source" && typeof value === "object") return label(lang, "sheet.source.", String((value as Record<string, unknown>).kind));
  if (Array.isArray(value)) return value.join(", ");
  const text = String(value);
  // Most cells are one line: the search for a line break is cheaper than the replace (issue 29: 180,000 rows).
  return text.includes("\n") ? text.replace(/\s*\n\s*/g, " ") : text;
}

/**
 * A code's label (the message `prefix` + `code`), looked up once per language and code: a table of
 * 180,000 rows names a few positions (issue 29). Memos by language and prefix, then by code, so
 * a lookup joins no strings.
 */
const labels = new Map<Lang, Map<string, Map<string, string>>>();
function label(lang: Lang, prefix: string, code: string): string {
  let byPrefix = labels.get(lang);
  if (byPrefix === undefined) labels.set(lang, (byPrefix = new Map()));
  let byCode = byPrefix.get(prefix);
  if (byCode === undefined) byPrefix.set(prefix, (byCode = new Map()));
  let text = byCode.get(code);
  if (text === undefined) byCode.set(code, (text = tDynamic(lang, prefix + code)));
  return text;
}

/** An addition's line of the table: its row, then its cells under `keys`. */
function additionRow(addition: ImportPlan["additions"][number], keys: readonly string[], lang: Lang): string[] {
  const row: string[] = new Array(keys.length + 1);
  row[0] = String(addition.row);
  for (let k = 0; k < keys.length; k++) row[k + 1] = cellOf(addition.entry, keys[k]!, lang);
  return row;
}

const ADDED_COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  staff: ["id", "name", "position", "phone", "birthday"],
  prospects: ["id", "name", "tier", "phone", "source"],
  activities: ["date", "kind", "with", "by", "note"],
};

/**
 * The plan for the terminal, in pieces that make its text when joined: a head office's sheet of
 * 200,000 rows lists 180,000 additions, written out piece by piece rather than held whole
 * (issue 29). Everything quoted from the spreadsheet (headers, cells, sheet and file names) is
 * cut and shown safely (untrusted-text.ts) before it is put in a line and styled.
 */
export function renderImportPieces(report: ImportReport, style: Style): string[] {
  const { plan, lang } = report;
  const sep = lang === "zh" ? "，" : ", ";
  // Lines, and the additions' table as its pieces (without its last line break), in order.
  const out: (string | string[])[] = [];
  const column = (c: { column: string; header: string }) => `${c.column} ${terminalCell(c.header)}`;
  out.push(style.bold(t(lang, `import.title.${plan.kind}` as MessageKey, { source: sourceText(report), file: terminalCell(report.file) })));
  out.push(t(lang, "import.headerRow", { row: plan.headerRow }));
  const mapped = plan.columns.filter((c) => c.status === "field" || c.status === "extra");
  if (mapped.length > 0) out.push(`  ${mapped.map((c) => `${column(c)} → ${terminalCell(c.field ?? "")}${c.status === "extra" ? t(lang, "import.column.extra") : ""}`).join(sep)}`);
  const derived = plan.columns.filter((c) => c.status === "derived" || c.status === "ignored");
  if (derived.length > 0) out.push(`  ${t(lang, "import.column.ignored", { columns: derived.map(column).join(sep) })}`);
  const unknown = plan.columns.filter((c) => c.status === "unknown");
  if (unknown.length > 0) out.push(`  ${style.warning(t(lang, "import.column.unknown", { columns: unknown.map(column).join(sep) }))}`);
  out.push("");

  if (plan.additions.length > 0) {
    out.push(style.bold(t(lang, report.applied ? "import.added" : "import.wouldAdd", { count: plan.additions.length })));
    const keys = ADDED_COLUMNS[plan.kind];
    out.push(
      trimEndOfPieces(
        renderTablePieces(
          {
            columns: [{ header: t(lang, "import.col.row"), align: "right" }, ...keys.map((k) => ({ header: fieldLabel(k, lang) }))],
            rows: plan.additions.map((a) => additionRow(a, keys, lang)),
          },
          style,
        ),
      ),
    );
    out.push("");
  }
  // --update: each changed record with its fields as a diff, old value → new value (issue 25).
  const updates = plan.fills.filter((f) => Object.keys(f.changes).length > 0);
  if (updates.length > 0) {
    out.push(style.bold(t(lang, report.applied ? "import.updated" : "import.wouldUpdate", { count: updates.length })));
    for (const fill of updates) {
      out.push(`  ${t(lang, "import.updateLine", { row: fill.row, of: ofText(fill.of, lang).trim() })}`);
      for (const [field, change] of Object.entries(fill.changes)) {
        out.push(`    ${t(lang, "import.changeLine", { field: fieldLabel(field, lang), from: terminalCell(String(change.from)), to: terminalCell(String(change.to)) })}`);
      }
      for (const field of Object.keys(fill.fields)) {
        out.push(`    ${t(lang, "import.addLine", { field: fieldLabel(field, lang), to: terminalCell(cellOf(fill.fields, field, lang)) })}`);
      }
    }
    out.push("");
  }
  const plainFills = plan.fills.filter((f) => Object.keys(f.changes).length === 0);
  if (plainFills.length > 0) {
    out.push(style.bold(t(lang, report.applied ? "import.filled" : "import.wouldFill", { count: plainFills.length })));
    for (const fill of plainFills) {
      const fields = Object.keys(fill.fields).map((f) => fieldLabel(f, lang)).join(lang === "zh" ? "、" : ", ");
      out.push(`  ${t(lang, "import.fillLine", { row: fill.row, of: ofText(fill.of, lang).trim(), fields })}`);
    }
    out.push("");
  }
  if (plan.duplicates.length > 0) {
    out.push(style.bold(t(lang, "import.skipped", { count: plan.duplicates.length })));
    for (const d of plan.duplicates) out.push(`  ${t(lang, "import.duplicateLine", { row: d.row, name: terminalCell(d.name), reason: duplicateText(d, lang) })}`);
    out.push("");
  }
  const badRows = [...new Set(plan.problems.map((p) => p.row))];
  if (badRows.length > 0) {
    out.push(style.error(style.bold(t(lang, "import.unreadable", { count: badRows.length }))));
    for (const p of plan.problems) {
      const where = p.column === null ? t(lang, "import.where.row", { row: p.row }) : t(lang, "import.where.cell", { row: p.row, column: p.column, header: terminalCell(p.header ?? "") });
      const value = p.value === null || p.value === "" ? "" : t(lang, "import.where.value", { value: terminalCell(p.value.replace(/\s*\n\s*/g, " ")) });
      // The message may quote the value again (a "did you mean"): shown safely as well.
      out.push(`  ${where}${value}${lang === "zh" ? "：" : ": "}${terminalLine(problemMessage(p, lang))}`);
    }
    out.push("");
  }
  if (plan.additions.length === 0 && plan.fills.length === 0) out.push(t(lang, "import.nothing"));
  if (report.applied && updates.length > 0) {
    out.push(style.good(t(lang, "import.writtenWithUpdates", { file: terminalCell(report.file), added: plan.additions.length, filled: plainFills.length, updated: updates.length })));
  } else if (report.applied) out.push(style.good(t(lang, "import.written", { file: terminalCell(report.file), added: plan.additions.length, filled: plan.fills.length })));
  else if (plan.additions.length > 0 || plan.fills.length > 0) out.push(t(lang, report.creates ? "import.dryRunCreate" : "import.dryRun", { file: terminalCell(report.file) }));
  const pieces: string[] = [];
  for (const item of out) {
    if (typeof item === "string") pieces.push(item);
    else for (const piece of item) pieces.push(piece);
    pieces.push("\n");
  }
  return pieces;
}

/** What `pieces.join("").trimEnd()` makes, still in pieces. */
function trimEndOfPieces(pieces: string[]): string[] {
  while (pieces.length > 0) {
    const last = pieces[pieces.length - 1]!.trimEnd();
    if (last !== "") {
      pieces[pieces.length - 1] = last;
      break;
    }
    pieces.pop();
  }
  return pieces;
}

export function importJson(report: ImportReport): object {
  const { plan, grid, lang } = report;
  return {
    kind: plan.kind,
    branch: plan.branch,
    file: report.file,
    applied: report.applied,
    source: { file: report.from, format: grid.format, encoding: grid.encoding, sheet: grid.sheet },
    header_row: plan.headerRow,
    columns: plan.columns.map((c) => ({ column: c.column, header: c.header, field: c.field, status: c.status })),
    added: plan.additions.map((a) => ({ row: a.row, id: a.id, entry: a.entry })),
    filled: plan.fills.filter((f) => Object.keys(f.changes).length === 0).map((f) => ({ row: f.row, reason: f.reason, of: jsonOf(f.of), fields: f.fields })),
    // Issue 25: records changed by --update, each field with the value on file and the new one (and fields added to them).
    updated: plan.fills.filter((f) => Object.keys(f.changes).length > 0).map((f) => ({ row: f.row, of: jsonOf(f.of), changes: f.changes, fields: f.fields })),
    duplicates: plan.duplicates.map((d) => ({ row: d.row, name: d.name, reason: d.reason, of: jsonOf(d.of), differs: d.differs })),
    unreadable: plan.problems.map((p) => ({
      row: p.row,
      column: p.column,
      header: p.header,
      field: p.field,
      value: p.value,
      reason: p.reason.replace(/^import\.reason\./, ""),
      message: problemMessage(p, lang),
    })),
  };
}

function jsonOf(of: DuplicateOf): object {
  return { id: of.id, name: of.name, branch: of.branch, row: of.row };
}
