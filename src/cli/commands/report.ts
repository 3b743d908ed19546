/**
 * `channel report monthly` (the statistics table for a sub-branch's leaders) and `channel report
 * summary` (head office's view by department). Both refuse to work on data with errors, as the
 * money commands do: a table handed to a bank, or one head office pays on, must not silently
 * leave out a file.
 */
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { AUDIENCES, computeMonthlyForAudience, firstDay, type Audience } from "../../rules/monthly.js";
import { computeSummary } from "../../rules/summary.js";
import { MONTHLY_FORMATS, renderMonthly, type MonthlyFormat } from "../../report/monthly.js";
import { redactMonthly } from "../../report/redact.js";
import { renderSummary, SUMMARY_FORMATS } from "../../report/summary.js";
import { nearest } from "../../validate/suggest.js";
import { emit, resolveAsOf, resolveFormat, type Context } from "../context.js";
import { EXIT_OK, usageError } from "../errors.js";
import { loadValidData } from "../pipeline.js";
import { parseMonthOption } from "../date-options.js";

export interface MonthlyOptions {
  branch: string;
  month: string;
  /** False with `--no-redact`. */
  redact?: boolean;
  /** `bank` (the default) or `internal`; anything else is a usage error. */
  audience?: string;
}

/** The format an `--out` file's extension asks for. */
const EXTENSIONS: Readonly<Record<string, MonthlyFormat>> = {
  ".md": "md",
  ".markdown": "md",
  ".html": "html",
  ".htm": "html",
  ".csv": "csv",
  ".json": "json",
};

/**
 * `--format` when given, else the extension of `--out`, else Markdown. Both given and
 * disagreeing is a usage error rather than a guess.
 */
export function monthlyFormat(ctx: Context): MonthlyFormat {
  const out = ctx.options.out;
  const byExtension = out === undefined ? undefined : EXTENSIONS[path.extname(out).toLowerCase()];
  if (ctx.options.format !== undefined) {
    const format = resolveFormat(ctx, MONTHLY_FORMATS);
    if (out !== undefined && byExtension !== undefined && byExtension !== format) throw usageError("report.error.formatConflict", { format, file: out });
    return format;
  }
  if (out === undefined) return "md";
  if (byExtension === undefined) throw usageError("report.error.outExtension", { file: out, extensions: Object.keys(EXTENSIONS).join(" ") });
  return byExtension;
}


function hint(lang: Lang, value: string, candidates: readonly string[]): string {
  const suggestion = nearest(value, candidates);
  return suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion });
}

/** `--audience`, checked before any data is read. */
function monthlyAudience(lang: Lang, value: string | undefined): Audience {
  if (value === undefined) return "bank";
  if (!(AUDIENCES as readonly string[]).includes(value)) throw usageError("report.error.audience", { value, allowed: AUDIENCES.join("|"), hint: hint(lang, value, AUDIENCES) });
  return value as Audience;
}

export async function runReportMonthly(ctx: Context, options: MonthlyOptions): Promise<number> {
  const format = monthlyFormat(ctx);
  const audience = monthlyAudience(ctx.lang, options.audience);
  const month = parseMonthOption("--month", options.month);
  const { root, model } = await loadValidData(ctx);
  const known = model.branches.map((b) => b.id);
  if (!known.includes(options.branch)) throw usageError("report.error.unknownBranch", { value: options.branch, hint: hint(ctx.lang, options.branch, known), known: known.join(", ") });
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  if (firstDay(month) > asOf) throw usageError("report.error.futureMonth", { month, asOf });
  const figures = computeMonthlyForAudience(model, options.branch, month, asOf, audience);
  const redacted = options.redact !== false;
  emit(ctx, renderMonthly({ figures: redacted ? redactMonthly(figures) : figures, redacted, lang: ctx.lang }, format), root);
  return EXIT_OK;
}

export async function runReportSummary(ctx: Context): Promise<number> {
  const format = resolveFormat(ctx, SUMMARY_FORMATS);
  const { root, model } = await loadValidData(ctx);
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  emit(ctx, renderSummary(computeSummary(model, asOf), format, ctx.lang, ctx.style), root);
  return EXIT_OK;
}
