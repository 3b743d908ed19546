/**
 * `channel coverage`: how complete the information archive is. Like `followups`, it works from
 * the files without errors, names the skipped ones on stderr and then exits 1: half an archive
 * still shows what to ask about, and the exit code says the picture is incomplete.
 */
import { t } from "../../i18n/catalog.js";
import { terminalLine } from "../../report/untrusted-text.js";
import { measureCoverage } from "../../rules/coverage.js";
import { COVERAGE_FORMATS, coverageJsonPieces, renderCoverage } from "../../report/coverage.js";
import { nearest } from "../../validate/suggest.js";
import { emit, emitPieces, resolveAsOf, resolveFormat, terminalWidth, type Context } from "../context.js";
import { EXIT_DATA_ERRORS, EXIT_OK, usageError } from "../errors.js";
import { loadData } from "../pipeline.js";

export async function runCoverage(ctx: Context, options: { branch?: string }): Promise<number> {
  const format = resolveFormat(ctx, COVERAGE_FORMATS);
  const { root, model, skipped } = await loadData(ctx);
  if (options.branch !== undefined) {
    const known = model.branches.map((b) => b.id);
    if (!known.includes(options.branch)) {
      const suggestion = nearest(options.branch, known);
      throw usageError("report.error.unknownBranch", { value: options.branch, hint: suggestion === undefined ? "" : t(ctx.lang, "hint.didYouMean", { suggestion }), known: known.join(", ") });
    }
  }
  const result = measureCoverage(model, resolveAsOf(ctx, model.settings.timezone), options.branch === undefined ? {} : { branch: options.branch });
  // JSON in pieces (issue 29): at head-office scale its text alone is ~90 MB.
  if (format === "json") emitPieces(ctx, coverageJsonPieces(result), root);
  else emit(ctx, renderCoverage(result, format, ctx.lang, ctx.style, terminalWidth(ctx)), root);
  for (const file of skipped) ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "report.skipped", { file }))}\n`);
  return skipped.length > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}
