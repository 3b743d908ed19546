/** `channel validate`: every problem in the data, compiler-style, or as JSON. */
import { diagnosticsJson, renderDiagnosticsText } from "../../report/diagnostics.js";
import { emit, resolveFormat, type Context } from "../context.js";
import { EXIT_DATA_ERRORS, EXIT_OK } from "../errors.js";
import { loadValidation } from "../pipeline.js";

export async function runValidate(ctx: Context): Promise<number> {
  const format = resolveFormat(ctx, ["text", "json"] as const);
  const { root, repo, validation } = await loadValidation(ctx, { strict: ctx.options.strict === true });
  const output =
    format === "json"
      ? JSON.stringify(diagnosticsJson(validation, ctx.lang), null, 2) + "\n"
      : renderDiagnosticsText(validation, repo.files, ctx.lang, ctx.style);
  emit(ctx, output, root);
  return validation.errors > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}
