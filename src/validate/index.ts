/**
 * The whole check of a loaded repository: read problems, then the schema pass per file, then
 * the cross-file rules; all findings sorted by file, line and column.
 */
import type { LoadedRepository } from "../load/repository.js";
import { checkCrossFile } from "./cross-file.js";
import { compareFindings, type Finding } from "./findings.js";
import { checkFileSchema } from "./schema.js";

export interface ValidationResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  /** How many data files were looked at. */
  files: number;
  /** Files with at least one error: the rules skip them. */
  filesWithErrors: Set<string>;
}

/** With `strict`, warnings count as errors (their severity is raised, so every output agrees). */
export function validateRepository(repo: LoadedRepository, options: { strict?: boolean } = {}): ValidationResult {
  const findings: Finding[] = [...repo.findings];
  for (const file of repo.files) findings.push(...checkFileSchema(file));
  findings.push(...checkCrossFile(repo.files));
  if (options.strict) for (const f of findings) f.severity = "error";
  findings.sort(compareFindings);
  const filesWithErrors = new Set(findings.filter((f) => f.severity === "error").map((f) => f.file));
  return {
    findings,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    files: repo.files.length,
    filesWithErrors,
  };
}
