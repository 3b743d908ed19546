/**
 * The whole check of a repository: read problems, then each file's own check (parse and
 * schema), then the cross-file rules; all findings sorted by file, line and column.
 */
import { parseRawFile } from "../load/parse-file.js";
import type { LoadedFile, LoadedRepository, RawFile } from "../load/repository.js";
import { checkCrossFile } from "./cross-file.js";
import { compareFindings, type Finding } from "./findings.js";
import { checkControlCharacters } from "./characters.js";
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

/** One file's own check: what it parses to and what is wrong with it on its own. */
export interface FileCheck {
  file: LoadedFile;
  findings: Finding[];
}

/** Parses a file and checks it against its schema. Depends on nothing but the bytes: the unit of caching. */
export function checkFile(raw: RawFile): FileCheck {
  const findings: Finding[] = [];
  const file = parseRawFile(raw, findings);
  findings.push(...checkFileContent(file));
  return { file, findings };
}

/** What is wrong with a parsed file on its own: its schema, and control characters in its values. */
function checkFileContent(file: LoadedFile): Finding[] {
  return [...checkFileSchema(file), ...checkControlCharacters(file)];
}

/** Joins the layout findings and each file's own check with the cross-file rules. */
export function assembleValidation(layoutFindings: readonly Finding[], checks: readonly FileCheck[], options: { strict?: boolean } = {}): ValidationResult {
  const findings: Finding[] = [...layoutFindings, ...checks.flatMap((c) => c.findings)];
  findings.push(...checkCrossFile(checks.map((c) => c.file)));
  return summarise(findings.map((f) => (options.strict ? { ...f, severity: "error" as const } : f)), checks.length);
}

/** Validates a repository loaded by `loadRepository` (whose findings hold the read and parse problems). */
export function validateRepository(repo: LoadedRepository, options: { strict?: boolean } = {}): ValidationResult {
  return assembleValidation(
    repo.findings,
    repo.files.map((file) => ({ file, findings: checkFileContent(file) })),
    options,
  );
}

/** With `strict`, warnings have already been raised to errors, so every output agrees. */
export function summarise(findings: Finding[], files: number): ValidationResult {
  findings.sort(compareFindings);
  const errors = findings.filter((f) => f.severity === "error");
  return {
    findings,
    errors: errors.length,
    warnings: findings.length - errors.length,
    files,
    filesWithErrors: new Set(errors.map((f) => f.file)),
  };
}
