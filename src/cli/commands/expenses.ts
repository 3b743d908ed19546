/** `channel expenses`: expense support per department (docs/rules.md), with the figures behind each row. */
import { renderExpenses } from "../../report/expenses.js";
import { computeExpenseSupport } from "../../rules/expenses.js";
import { announceRecorded, loadRecordedData } from "../as-recorded.js";
import { emit, resolveAsOf, resolveFormat, terminalWidth, type Context } from "../context.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "../errors.js";
import { loadValidCoreData } from "../pipeline.js";
import { MONEY_FORMATS, noticeExamplePolicy } from "./bonus.js";

export async function runExpenses(ctx: Context, options: { asRecorded?: boolean } = {}): Promise<number> {
  const format = resolveFormat(ctx, MONEY_FORMATS);
  const recordedData = options.asRecorded === true ? await loadRecordedData(ctx) : null;
  const { root, model } = recordedData?.data ?? (await loadValidCoreData(ctx));
  const policy = model.settings.expenseSupport;
  if (policy === null) throw new CliError(EXIT_USAGE, "expenses.error.policyMissing");
  const asOf = recordedData?.asOf ?? resolveAsOf(ctx, model.settings.timezone);
  const result = computeExpenseSupport(model, policy, asOf);
  const recorded = recordedData?.recorded ?? null;
  if (recorded !== null) announceRecorded(ctx, recorded, format);
  emit(ctx, renderExpenses(result, format, ctx.lang, ctx.style, recorded, terminalWidth(ctx)), root);
  noticeExamplePolicy(ctx, format, policy.example, "expenses.policyIsExample");
  return EXIT_OK;
}
