/** `channel expenses`: expense support per department (docs/rules.md), with the figures behind each row. */
import { renderExpenses } from "../../report/expenses.js";
import { computeExpenseSupport } from "../../rules/expenses.js";
import { emit, resolveAsOf, resolveFormat, terminalWidth, type Context } from "../context.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "../errors.js";
import { loadValidData } from "../pipeline.js";
import { MONEY_FORMATS } from "./bonus.js";

export async function runExpenses(ctx: Context): Promise<number> {
  const format = resolveFormat(ctx, MONEY_FORMATS);
  const { root, model } = await loadValidData(ctx);
  const policy = model.settings.expenseSupport;
  if (policy === null) throw new CliError(EXIT_USAGE, "expenses.error.policyMissing");
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  const result = computeExpenseSupport(model, policy, asOf);
  emit(ctx, renderExpenses(result, format, ctx.lang, ctx.style, terminalWidth(ctx)), root);
  return EXIT_OK;
}
