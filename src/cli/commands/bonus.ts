/** `channel bonus`: the conversion bonus of docs/rules.md, explained row by row. */
import { renderBonus } from "../../report/bonus.js";
import { computeBonusAwards } from "../../rules/bonus.js";
import { compareText } from "../../validate/findings.js";
import { emit, resolveAsOf, resolveFormat, terminalWidth, type Context } from "../context.js";
import { CliError, EXIT_OK, EXIT_USAGE, usageError } from "../errors.js";
import { loadValidData } from "../pipeline.js";

export const MONEY_FORMATS = ["table", "json", "csv", "md"] as const;

export async function runBonus(ctx: Context, options: { department?: string }): Promise<number> {
  const format = resolveFormat(ctx, MONEY_FORMATS);
  const { root, model } = await loadValidData(ctx);
  const policy = model.settings.bonus;
  if (policy === null) throw new CliError(EXIT_USAGE, "bonus.error.policyMissing");
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  const department = options.department ?? null;
  if (department !== null && !model.departments.some((d) => d.id === department)) {
    const known = model.departments.map((d) => d.id).sort(compareText).join(", ");
    throw usageError("bonus.error.unknownDepartment", { id: department, known });
  }
  const result = computeBonusAwards(model, policy, asOf);
  emit(ctx, renderBonus({ result, department }, format, ctx.lang, ctx.style, terminalWidth(ctx)), root);
  return EXIT_OK;
}
