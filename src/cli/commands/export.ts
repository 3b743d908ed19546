/**
 * `channel export staff|prospects|activities|followups|bonus --out FILE.xlsx|.csv`: one sheet
 * for head office, in the reader's language. The format follows the extension of --out: an
 * .xlsx workbook (real dates, the header row frozen, columns sized) or CSV (UTF-8 with a BOM).
 *
 * Like the commands they mirror: the lists and the follow-ups are made from the files without
 * errors (the skipped ones are named on stderr, exit 1); the bonus refuses invalid data.
 */
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { terminalLine } from "../../report/untrusted-text.js";
import { activitiesSheet, bonusSheet, EXPORT_KINDS, followupsSheet, prospectsSheet, staffSheet, type ExportFilter, type ExportKind } from "../../export/build.js";
import { renderSheetCsv, renderSheetXlsx, type ExportSheet } from "../../export/sheet.js";
import type { Model } from "../../model/types.js";
import { computeBonusAwards } from "../../rules/bonus.js";
import { filterFollowups, findDueFollowups } from "../../rules/followups.js";
import { nearest } from "../../validate/suggest.js";
import { emit, resolveAsOf, type Context } from "../context.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK, EXIT_USAGE, usageError } from "../errors.js";
import { loadData, loadValidData } from "../pipeline.js";

export { EXPORT_KINDS };

export interface ExportOptions {
  branch?: string;
  department?: string;
  redact?: boolean;
}

const FORMATS = { ".xlsx": "xlsx", ".csv": "csv" } as const;

export async function runExport(ctx: Context, kindArg: string, options: ExportOptions): Promise<number> {
  const lang = ctx.lang;
  if (!(EXPORT_KINDS as readonly string[]).includes(kindArg)) {
    throw usageError("export.error.badKind", { value: kindArg, allowed: EXPORT_KINDS.join("|"), hint: hint(lang, kindArg, EXPORT_KINDS) });
  }
  const kind = kindArg as ExportKind;
  const out = ctx.options.out;
  if (out === undefined) throw usageError("export.error.noOut");
  const format = FORMATS[path.extname(out).toLowerCase() as keyof typeof FORMATS];
  if (format === undefined) throw usageError("export.error.extension", { file: out });
  if (ctx.options.format !== undefined && ctx.options.format !== format) throw usageError("export.error.formatConflict", { format: ctx.options.format, file: out });

  const data = kind === "bonus" ? await loadValidData(ctx) : await loadData(ctx);
  const { root, model, skipped } = data;
  const filter = checkFilter(lang, options, model, data.repo.branchFolders);
  const sheetOptions = { lang, redact: options.redact === true };

  let sheet: ExportSheet;
  switch (kind) {
    case "staff":
      sheet = staffSheet(model, filter, sheetOptions);
      break;
    case "prospects":
      sheet = prospectsSheet(model, filter, sheetOptions);
      break;
    case "activities":
      sheet = activitiesSheet(model, filter, sheetOptions);
      break;
    case "followups": {
      const asOf = resolveAsOf(ctx, model.settings.timezone);
      const policy = model.settings.followups;
      const items = filterFollowups(findDueFollowups(model, policy, asOf, policy.windowDays), {
        ...(filter.branch === null ? {} : { branch: filter.branch }),
        ...(filter.department === null ? {} : { department: filter.department }),
      });
      sheet = followupsSheet(model, items, asOf, sheetOptions);
      break;
    }
    case "bonus": {
      const policy = model.settings.bonus;
      if (policy === null) throw new CliError(EXIT_USAGE, "bonus.error.policyMissing");
      sheet = bonusSheet(computeBonusAwards(model, policy, resolveAsOf(ctx, model.settings.timezone)), filter, model, sheetOptions);
      break;
    }
  }
  emit(ctx, format === "xlsx" ? await renderSheetXlsx(sheet) : renderSheetCsv(sheet), root);
  ctx.surroundings.stderr(`channel: ${terminalLine(t(lang, "export.written", { file: out, rows: sheet.rows.length }))}\n`);
  for (const file of skipped) ctx.surroundings.stderr(`channel: ${terminalLine(t(lang, "followups.skippedFile", { file }))}\n`);
  return skipped.length > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}

function checkFilter(lang: Lang, options: ExportOptions, model: Model, folders: readonly string[]): ExportFilter {
  if (options.branch !== undefined) {
    const known = [...new Set([...model.branches.map((b) => b.id), ...folders])];
    if (!known.includes(options.branch)) throw usageError("export.error.unknownBranch", { value: options.branch, hint: hint(lang, options.branch, known) });
  }
  if (options.department !== undefined) {
    const known = [...new Set([...model.departments.map((d) => d.id), ...model.branches.map((b) => b.department)])];
    if (!known.includes(options.department)) throw usageError("export.error.unknownDepartment", { value: options.department, hint: hint(lang, options.department, known) });
  }
  return { branch: options.branch ?? null, department: options.department ?? null };
}

function hint(lang: Lang, value: string, candidates: readonly string[]): string {
  const suggestion = nearest(value, candidates);
  return suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion });
}
