/** `channel bonus`: the conversion bonus of docs/rules.md, explained row by row. */
import { t } from "../../i18n/catalog.js";
import { renderBonus } from "../../report/bonus.js";
import { computeBonusAwards } from "../../rules/bonus.js";
import { compareText } from "../../findings.js";
import { announceRecorded, loadRecordedData } from "../as-recorded.js";
import { emit, resolveAsOf, resolveFormat, terminalWidth, type Context } from "../context.js";
import { CliError, EXIT_OK, EXIT_USAGE, usageError } from "../errors.js";
import { loadValidCoreData } from "../pipeline.js";

export const MONEY_FORMATS = ["table", "json", "csv", "md"] as const;

/**
 * While a policy still carries the template's `example: true`, one line on stderr says that its
 * figures are examples to replace from head office's circular. JSON has `policy_is_example`
 * instead, so a script's stderr stays quiet.
 */
export function noticeExamplePolicy(ctx: Context, format: (typeof MONEY_FORMATS)[number], example: boolean, notice: "bonus.policyIsExample" | "expenses.policyIsExample"): void {
  if (example && format !== "json") ctx.surroundings.stderr(`channel: ${t(ctx.lang, notice)}\n`);
}

export async function runBonus(ctx: Context, options: { department?: string; asRecorded?: boolean }): Promise<number> {
  const format = resolveFormat(ctx, MONEY_FORMATS);
  const recordedData = options.asRecorded === true ? await loadRecordedData(ctx) : null;
  const { root, model } = recordedData?.data ?? (await loadValidCoreData(ctx));
  const policy = model.settings.bonus;
  if (policy === null) throw new CliError(EXIT_USAGE, "bonus.error.policyMissing");
  const asOf = recordedData?.asOf ?? resolveAsOf(ctx, model.settings.timezone);
  const department = options.department ?? null;
  if (department !== null && !model.departments.some((d) => d.id === department)) {
    const known = model.departments.map((d) => d.id).sort(compareText).join(", ");
    throw usageError("bonus.error.unknownDepartment", { id: department, known });
  }
  const result = computeBonusAwards(model, policy, asOf);
  const recorded = recordedData?.recorded ?? null;
  if (recorded !== null) announceRecorded(ctx, recorded, format);
  emit(ctx, renderBonus({ result, department }, format, ctx.lang, ctx.style, recorded, terminalWidth(ctx)), root);
  noticeExamplePolicy(ctx, format, policy.example, "bonus.policyIsExample");
  return EXIT_OK;
}
