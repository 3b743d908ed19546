/** `channel bonus`: the conversion bonus of SPEC 5, explained row by row. */
import { renderDiagnosticsText } from "../../report/diagnostics.js";
import { renderBonus } from "../../report/bonus.js";
import { computeBonusAwards } from "../../rules/bonus.js";
import { compareText } from "../../validate/findings.js";
import { emit, resolveAsOf, resolveFormat, type Context } from "../context.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK, EXIT_USAGE, usageError } from "../errors.js";
import { loadData, type LoadedData } from "../pipeline.js";

export const MONEY_FORMATS = ["table", "json", "csv", "md"] as const;

/**
 * Loads the data and refuses to go on when it has errors: money is never computed from a
 * repository that is only partly readable. The problems go to stderr, as `validate` shows them.
 */
export function loadValidData(ctx: Context): LoadedData {
  const data = loadData(ctx);
  if (data.validation.errors > 0) {
    ctx.surroundings.stderr(renderDiagnosticsText(data.validation, data.repo.files, ctx.lang, ctx.style));
    throw new CliError(EXIT_DATA_ERRORS, "money.error.invalidData", { errors: data.validation.errors });
  }
  return data;
}

export function runBonus(ctx: Context, options: { department?: string }): number {
  const format = resolveFormat(ctx, MONEY_FORMATS);
  const { root, model } = loadValidData(ctx);
  const policy = model.settings.bonus;
  if (policy === null) throw new CliError(EXIT_USAGE, "bonus.error.policyMissing");
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  const department = options.department ?? null;
  if (department !== null && !model.departments.some((d) => d.id === department)) {
    const known = model.departments.map((d) => d.id).sort(compareText).join(", ");
    throw usageError("bonus.error.unknownDepartment", { id: department, known });
  }
  const result = computeBonusAwards(model, policy, asOf);
  emit(ctx, renderBonus({ result, department }, format, ctx.lang, ctx.style), root);
  return EXIT_OK;
}
