/**
 * `channel import staff|prospects|activities --branch ID --from FILE`: a department's existing
 * spreadsheet into a branch's file. With `--update`, rows whose id is a record of the file change
 * that record's fields (shown as a diff; written only with `--apply`, with the same lock and checks). A dry run unless `--apply`: it shows what it would add, what
 * it would skip and why, and every cell it cannot read. With `--apply` the new records are
 * appended (keeping the file's comments and layout), the would-be file having been validated in
 * memory first: rows the validator rejects are reported and left out, and if the result still
 * has errors nothing is written. The file is replaced atomically, and only over the bytes that
 * were read and checked (see data-write.ts).
 *
 * Exit codes: 0 everything read; 1 some rows could not be read (the rest are still added with
 * --apply), the sheet cannot be read at all, or the result would not validate; 2 usage.
 */
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { findingMessage, renderDiagnosticsText } from "../../report/diagnostics.js";
import { appendWritable, draftWritable, EditError, listAfter, readEntries, type FillEdit, type WritableDraft } from "../../import/append-entries.js";
import { existingRecords, findingEntry, newErrors, newErrorsOfValue, valueOnFile, type CheckedRepository } from "../../import/check.js";
import { headerKey, IMPORT_KINDS, type ImportKind } from "../../import/fields.js";
import { loadPinyin } from "../../import/ids.js";
import { DEFAULT_MAP, MapError, MapSyntaxError, MAX_MAP_BYTES, parseImportMap, type ImportMap } from "../../import/map-file.js";
import type { Finding } from "../../findings.js";
import { PlanError, planImport, type ImportPlan, type RowProblem } from "../../import/plan.js";
import { importJson, renderImportPieces } from "../../import/render.js";
import { MAX_SHEET_BYTES, readSpreadsheet, SheetError, sheetFormatOf } from "../../import/sheet.js";
import { BoundedReadError, readBoundedFile } from "../../load/read-bounded.js";
import { nearest } from "../../validate/suggest.js";
import { whileHoldingRepository, writeDataFile, type RepositoryWrite } from "../data-write.js";
import { emit, emitPieces, resolveAsOf, resolveFormat, resolveFromCwd, resolveRoot, type Context } from "../context.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK, EXIT_USAGE, usageError } from "../errors.js";
import { loadValidation } from "../pipeline.js";
import { MAX_FILE_BYTES, sizeFindings } from "../../load/repository.js";
import { buildSettingsOf } from "../../model/build.js";

export { IMPORT_KINDS };

export interface ImportOptions {
  branch: string;
  from: string;
  sheet?: string;
  map?: string;
  apply?: boolean;
  /** Change the fields of records already on file (matched by id) to the sheet's values (issue 25). */
  update?: boolean;
}

export async function runImport(ctx: Context, kindArg: string, options: ImportOptions): Promise<number> {
  const lang = ctx.lang;
  const format = resolveFormat(ctx, ["table", "json"] as const);
  if (!(IMPORT_KINDS as readonly string[]).includes(kindArg)) {
    throw usageError("import.error.badKind", { value: kindArg, allowed: IMPORT_KINDS.join("|"), hint: hint(lang, kindArg, IMPORT_KINDS) });
  }
  const kind = kindArg as ImportKind;
  const sheetFormat = sheetFormatOf(options.from);
  if (sheetFormat === null) throw usageError("import.error.extension", { file: options.from });
  if (options.sheet !== undefined && sheetFormat === "csv") throw usageError("import.error.sheetWithCsv");
  const map = options.map === undefined ? DEFAULT_MAP : readMap(ctx, options.map, kind);
  const bytes = readInput(ctx, options.from, "import.error.cannotRead", MAX_SHEET_BYTES);

  // With --apply, under the repository's lock from the load to the write: imports and logs at
  // the same moment take turns, each one reading what the one before wrote.
  const run = async (write: RepositoryWrite | null): Promise<number> => {
    // Import edits a file: it needs every file as it is now, not a cached answer. Of the model it
    // needs the settings only (the timezone of the import day).
    const { root, repo, validation, checks, bytes: loaded } = await loadValidation(ctx, { needFileData: true });
    const branch = options.branch;
    if (!repo.branchFolders.includes(branch)) throw usageError("import.error.unknownBranch", { value: branch, hint: hint(lang, branch, repo.branchFolders) });
    const rel = `branches/${branch}/${kind}.yaml`;
    if (validation.filesWithErrors.has(rel)) {
      ctx.surroundings.stderr(renderDiagnosticsText({ ...validation, findings: validation.findings.filter((f) => f.file === rel) }, repo.files, lang, ctx.style));
      throw new CliError(EXIT_DATA_ERRORS, "import.error.fileHasErrors", { file: rel });
    }

    let plan: ImportPlan;
    let grid;
    try {
      grid = await readSpreadsheet(bytes, sheetFormat, options.sheet ?? null);
      plan = planImport({ kind, branch, grid, map, existing: existingRecords(repo), pinyin: await loadPinyin(), importDay: resolveAsOf(ctx, buildSettingsOf(repo, validation.filesWithErrors).timezone), update: options.update === true });
    } catch (error) {
      if (error instanceof SheetError || error instanceof PlanError) throw new CliError(EXIT_DATA_ERRORS, error.key, { file: options.from, ...error.params });
      throw error;
    }
    if (plan.missingRequired.length > 0) {
      const fields = plan.missingRequired.map((f) => `${t(lang, headerKey(f))} (${f})`).join(", ");
      throw new CliError(EXIT_DATA_ERRORS, "import.error.missingColumns", { fields, row: plan.headerRow });
    }

    // The would-be file, made from the very bytes that were read and checked above and checked
    // again in memory; rows the validator rejects are left out, with its reason.
    const before = loaded?.get(rel) ?? null;
    // With needFileData the loader always reads and checks the files.
    if (checks === undefined) throw new Error("the loader returned no file checks");
    const text = buildChecked(ctx, plan, kind, branch, rel, before, { layout: repo.findings, checks, validation }, write !== null);

    const applied = write !== null && plan.additions.length + plan.fills.length > 0;
    if (applied) writeDataFile(ctx, write, path.join(root, "branches", branch, `${kind}.yaml`), rel, before, text);
    const report = { plan, grid, from: options.from, file: rel, applied, creates: before === null, lang };
    if (format === "json") emit(ctx, JSON.stringify(importJson(report), null, 2) + "\n", root);
    else emitPieces(ctx, renderImportPieces(report, ctx.style), root);
    return plan.problems.length > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
  };
  return options.apply === true ? whileHoldingRepository(resolveRoot(ctx), run, ctx) : run(null);
}

/**
 * The new file text with the plan's additions and fills, validated with the rest of the
 * repository. A row whose record the validator rejects moves to the unreadable rows and the
 * text is built again; an error no row explains refuses the whole import.
 */
function buildChecked(ctx: Context, plan: ImportPlan, kind: ImportKind, branch: string, rel: string, before: Uint8Array | null, checked: CheckedRepository, writing: boolean): () => string {
  const existing = before === null ? null : Buffer.from(before).toString("utf8");
  // Issue 29: the new text is not parsed again as a whole. Its value is the old value with the
  // written entries and fills (draftWritable: every value written so that it reads back, the
  // place read back on a sample), and that value is checked with the repository. Should the
  // sample not read back, the edit is made again the thorough way (appendWritable: the whole text
  // read back, each entry alone when that fails, which names what cannot be written).
  // The text is made when it is needed (issue 29): for the write, and for a finding's position.
  // A dry run that checks clean never writes out the draft's text.
  let thorough = false;
  for (let attempt = 0; ; attempt++) {
    let text: () => string;
    let draft: WritableDraft | null = null;
    const filling = plan.fills.filter((f) => f.index !== null);
    const fills: FillEdit[] = filling.map((f) => ({
      index: f.index!,
      fields: f.fields,
      ...(Object.keys(f.changes).length > 0 ? { replace: Object.fromEntries(Object.entries(f.changes).map(([k, c]) => [k, c.to])) } : {}),
    }));
    try {
      const additions = plan.additions.map((a) => a.entry);
      const written = thorough ? appendWritable(existing, kind, additions, fills) : (draft = draftWritable(existing, kind, additions, fills));
      // A row whose values cannot be written so that they read back is named and left out.
      const unwritable = new Map<number, string>();
      for (const [i, reason] of written.unwritableEntries) unwritable.set(plan.additions[i]!.row, reason);
      for (const [i, reason] of written.unwritableFills) unwritable.set(filling[i]!.row, reason);
      if (unwritable.size > 0) {
        for (const [row, reason] of unwritable) {
          plan.problems.push({ row, column: null, header: null, field: null, value: null, reason: "import.reason.cannotWrite", params: { reason } });
        }
        plan.problems.sort((a, b) => a.row - b.row);
        plan.additions = plan.additions.filter((a) => !unwritable.has(a.row));
        plan.fills = plan.fills.filter((f) => !unwritable.has(f.row));
      }
      if (writing) void written.text;
      text = () => written.text;
    } catch (error) {
      if (error instanceof EditError) throw new CliError(EXIT_DATA_ERRORS, "import.error.cannotEdit", { file: rel, reason: error.message });
      throw error;
    }
    if (plan.additions.length === 0 && plan.fills.length === 0) return text;
    if (draft !== null && !draft.readsBack) {
      thorough = true;
      continue;
    }
    // A file over the limit could be neither written nor read by any command, whatever else it
    // holds: refused before its records are checked (at 200,000 rows, a second of checks whose
    // findings no one could act on), saying how much of the sheet would fit.
    const size = Buffer.byteLength(text(), "utf8");
    if (size > MAX_FILE_BYTES) refuseTooLarge(ctx, rel, size, before?.byteLength ?? 0, plan.additions.length);
    const errors = draft === null ? newErrors(checked, rel, kind, branch, text()) : newErrorsOfValue(checked, rel, kind, branch, text, valueAfter(valueOnFile(checked, rel), kind, draft));
    if (errors.length === 0) return text;
    const oldCount = draft !== null ? draft.oldCount : (readEntries(existing, kind) ?? []).length;
    const rejected = new Map<number, RowProblem[]>();
    let unexplained = false;
    for (const finding of errors) {
      const at = finding.file === rel ? findingEntry(finding, kind) : null;
      const row = at === null ? null : at.index >= oldCount ? plan.additions[at.index - oldCount]?.row : plan.fills.find((f) => f.index === at.index)?.row;
      if (at === null || row === undefined || row === null) {
        unexplained = true;
        continue;
      }
      const column = plan.columns.find((c) => c.field === at.field || (at.field === "source" && c.field?.startsWith("source")) || (at.field === "converted" && c.field === "converted_date"));
      const problems = rejected.get(row) ?? [];
      problems.push({ row, column: column?.column ?? null, header: column?.header ?? null, field: at.field, value: null, reason: "import.reason.invalid", params: { message: findingMessage(finding, ctx.lang) } });
      rejected.set(row, problems);
    }
    if (unexplained || rejected.size === 0 || attempt >= 3) {
      ctx.surroundings.stderr(renderDiagnosticsText({ findings: errors, errors: errors.length, warnings: 0, files: 1, filesWithErrors: new Set(errors.map((f) => f.file)) }, [], ctx.lang, ctx.style));
      throw new CliError(EXIT_DATA_ERRORS, "import.error.wouldNotValidate", { file: rel });
    }
    for (const problems of rejected.values()) plan.problems.push(...problems);
    plan.problems.sort((a, b) => a.row - b.row);
    plan.additions = plan.additions.filter((a) => !rejected.has(a.row));
    plan.fills = plan.fills.filter((f) => !rejected.has(f.row));
  }
}

/**
 * FILE_TOO_LARGE for the would-be file (as `validate` would report it), then the refusal: how
 * large the file would be and, when rows are added, about how many of them would fit (the
 * limit less the file as it is, over what a new record takes on average).
 */
function refuseTooLarge(ctx: Context, rel: string, size: number, sizeBefore: number, added: number): never {
  const findings = sizeFindings(rel, size);
  ctx.surroundings.stderr(renderDiagnosticsText({ findings, errors: findings.length, warnings: 0, files: 1, filesWithErrors: new Set([rel]) }, [], ctx.lang, ctx.style));
  const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const perRecord = added === 0 ? 0 : (size - sizeBefore) / added;
  const params = { file: rel, size: megabytes(size), limit: String(MAX_FILE_BYTES / 2 ** 20) };
  if (perRecord <= 0) throw new CliError(EXIT_DATA_ERRORS, "import.error.fileWouldBeTooLargeEdit", params);
  const fit = Math.max(0, Math.floor((MAX_FILE_BYTES - sizeBefore) / perRecord));
  throw new CliError(EXIT_DATA_ERRORS, "import.error.fileWouldBeTooLarge", { ...params, rows: added, fit });
}

/** A file's value after the draft's edit: its list with the fills and the new entries, the rest as it was. */
function valueAfter(before: unknown, kind: ImportKind, draft: WritableDraft): Record<string, unknown> {
  const value = typeof before === "object" && before !== null && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
  const list = Array.isArray(value[kind]) ? (value[kind] as unknown[]) : [];
  return { ...value, [kind]: listAfter(list, draft.written.entries, draft.written.fills) };
}

function readMap(ctx: Context, file: string, kind: ImportKind): ImportMap {
  const bytes = readInput(ctx, file, "import.error.cannotReadMap", MAX_MAP_BYTES);
  try {
    return parseImportMap(Buffer.from(bytes).toString("utf8"), kind);
  } catch (error) {
    if (error instanceof MapError) throw usageError("import.error.badMap", { file, detail: t(ctx.lang, error.key, error.params) });
    if (error instanceof MapSyntaxError) {
      // Shown as the data files' problems are: file:line:column, the code and the sentence.
      const findings: Finding[] = error.problems.map((p) => ({ severity: "error", code: p.code, file, line: p.line, column: p.column, path: "", length: p.length, params: p.params }));
      ctx.surroundings.stderr(renderDiagnosticsText({ findings, errors: findings.length, warnings: 0, files: 1, filesWithErrors: new Set([file]) }, [], ctx.lang, ctx.style));
      throw usageError("import.error.badMap", { file, detail: t(ctx.lang, "import.map.yaml", { reason: findingMessage(findings[0]!, ctx.lang) }) });
    }
    throw error;
  }
}

/**
 * A file named on the command line, read only when it is a regular file within `limit` bytes.
 * Not a file (a device, a pipe, a folder): a usage error. Too large: exit 1 for the sheet, as a
 * sheet that unpacks too large is; a usage error for the map, as a map that cannot be read is.
 */
function readInput(ctx: Context, file: string, key: "import.error.cannotRead" | "import.error.cannotReadMap", limit: number): Uint8Array {
  try {
    return readBoundedFile(resolveFromCwd(ctx.surroundings, file), limit);
  } catch (error) {
    if (error instanceof BoundedReadError) {
      if (error.reason === "not_regular") throw usageError("import.error.notRegularFile", { file });
      throw new CliError(key === "import.error.cannotRead" ? EXIT_DATA_ERRORS : EXIT_USAGE, "import.error.tooLarge", { file, size: error.size, limit });
    }
    throw usageError(key, { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}


function hint(lang: Lang, value: string, candidates: readonly string[]): string {
  const suggestion = nearest(value, candidates);
  return suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion });
}
