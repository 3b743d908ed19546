/**
 * Rendering validation results: compiler-style text with the source line and a caret, or the
 * JSON shape of docs/json-output.md.
 */
import type { LoadedFile } from "../load/repository.js";
import { hasMessage, t, tDynamic, type Lang } from "../i18n/catalog.js";
import type { Finding } from "../findings.js";
import type { ValidationResult } from "../validate/index.js";
import type { Style } from "./style.js";
import { displayWidth } from "./text-width.js";
import { MAX_CELL_CHARS, shorten, terminalLine, visibleControls } from "./untrusted-text.js";

/** The finding's message in `lang`, with a "did you mean" hint when it has a suggestion. */
export function findingMessage(finding: Finding, lang: Lang): string {
  const params = Object.fromEntries(
    // A value quoted in a message is cut like a table cell (an id may be a 5 MB line).
    Object.entries(finding.params).map(([name, value]) => [name, typeof value === "string" ? shorten(value, MAX_CELL_CHARS) : value]),
  );
  if (finding.code === "UNKNOWN_REFERENCE" && typeof params.expected === "string") {
    params.expected = tDynamic(lang, `ref.${params.expected}`);
  }
  if (finding.code === "INVALID_TYPE" || finding.code === "NOT_TEXT") {
    const kinds = (names: unknown) => String(names).split(",").map((name) => tDynamic(lang, `type.${name}`)).join(lang === "zh" ? "或" : " or ");
    if (params.expected !== undefined) params.expected = kinds(params.expected);
    params.actual = kinds(params.actual);
  }
  if (finding.code === "FILE_UNREADABLE" && typeof params.reason === "string" && hasMessage(`read.reason.${params.reason}`)) {
    params.reason = tDynamic(lang, `read.reason.${params.reason}`);
  }
  if (finding.code === "YAML_SYNTAX" && typeof params.reason === "string") {
    params.reason = tDynamic(lang, `yaml.reason.${params.reason}`);
  }
  let message = tDynamic(lang, `diag.${finding.code}`, params);
  if (typeof params.suggestion === "string" && params.suggestion !== "") {
    message += t(lang, "hint.didYouMean", { suggestion: params.suggestion });
  }
  return message;
}

/** The source line of a finding and a caret line under its span, or nothing for whole-file findings without text. */
function excerpt(finding: Finding, file: LoadedFile | undefined, style: Style): string[] {
  const source = file?.source;
  // A note about the whole file points at no line of it.
  if (!source || finding.line > source.lineCount || finding.code === "REFERENCES_NOT_CHECKED") return [];
  // A long line (a 5 MB line can carry thousands of findings) is quoted as a window around the column.
  const window = source.excerpt(finding.line, finding.column);
  const text = window.text.replace(/\t/g, " ");
  if (text.trim() === "") return [];
  const gutter = String(finding.line);
  const pad = " ".repeat(gutter.length);
  // Control characters are shown (`\x1B`), never sent to the terminal; the caret is measured
  // on the shown text. Wide (CJK) characters take two terminal cells: pad by display width.
  const chars = [...text];
  const before = visibleControls(chars.slice(0, window.column - 1).join(""));
  const underlined = visibleControls(chars.slice(window.column - 1, window.column - 1 + finding.length).join(""));
  const caret = " ".repeat(displayWidth(before)) + "^".repeat(Math.max(1, displayWidth(underlined)));
  return [`  ${style.dim(`${gutter} |`)} ${visibleControls(text)}`, `  ${style.dim(`${pad} |`)} ${finding.severity === "error" ? style.error(caret) : style.warning(caret)}`];
}

export function renderDiagnosticsText(result: ValidationResult, files: readonly LoadedFile[], lang: Lang, style: Style): string {
  const byName = new Map(files.map((f) => [f.file, f]));
  const lines: string[] = [];
  for (const finding of result.findings) {
    const severity = t(lang, finding.severity === "error" ? "severity.error" : "severity.warning");
    const label = finding.severity === "error" ? style.error(severity) : style.warning(severity);
    lines.push(`${style.bold(`${terminalLine(finding.file)}:${finding.line}:${finding.column}`)}: ${label} ${style.dim(finding.code)} ${terminalLine(findingMessage(finding, lang))}`);
    lines.push(...excerpt(finding, byName.get(finding.file), style));
  }
  if (lines.length > 0) lines.push("");
  lines.push(
    result.errors + result.warnings === 0
      ? style.good(t(lang, "validate.clean", { files: result.files }))
      : t(lang, "validate.summary", { errors: result.errors, warnings: result.warnings, files: result.files }),
  );
  return lines.join("\n") + "\n";
}

/** docs/json-output.md: `{ok, files, errors, warnings, diagnostics: [...]}`. */
export function diagnosticsJson(result: ValidationResult, lang: Lang): object {
  return {
    ok: result.errors === 0,
    files: result.files,
    errors: result.errors,
    warnings: result.warnings,
    diagnostics: result.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      file: f.file,
      line: f.line,
      column: f.column,
      path: f.path,
      message: findingMessage(f, lang),
    })),
  };
}
