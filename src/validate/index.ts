/**
 * The whole check of a repository: read problems, then each file's own check (parse and
 * schema), then the cross-file rules; all findings sorted by file, line and column.
 */
import { parseRawFile } from "../load/parse-file.js";
import type { FileKind, LoadedFile, LoadedRepository, RawFile } from "../load/repository.js";
import { checkCrossFileFacts } from "./cross-file.js";
import { factsOf, type FileFacts } from "./cross-file-facts.js";
import { compareFindings, type Finding } from "../findings.js";
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
  /**
   * What the cross-file rules read of the file, when taken as it was checked: then `file` need
   * not hold its value (a cold check of a head office lets every value go; issue 29).
   */
  facts?: FileFacts;
}

/** Parses a file and checks it against its schema. Depends on nothing but the bytes: the unit of caching. */
export function checkFile(raw: RawFile): FileCheck {
  const findings: Finding[] = [];
  const file = parseRawFile(raw, findings);
  // One by one: a spread of 200,000 findings overflows the stack.
  for (const finding of checkFileContent(file)) findings.push(finding);
  return { file, findings };
}

/** checkFile for a file whose value is known without parsing its text (import's draft, issue 29): the same checks. */
export function checkParsedFile(file: LoadedFile): FileCheck {
  return { file, findings: checkFileContent(file) };
}

/** What is wrong with a parsed file on its own: its schema, and control characters in its values. */
function checkFileContent(file: LoadedFile): Finding[] {
  return [...checkFileSchema(file), ...checkControlCharacters(file)];
}

/**
 * The findings of the rules across files, from each file's facts (taken when it was checked,
 * else from its value). `scope`: the kinds of file read when only some were.
 */
export function crossFileFindings(checks: readonly FileCheck[], scope?: ReadonlySet<FileKind>): Finding[] {
  return checkCrossFileFacts(
    checks.map((c) => ({ file: c.file, facts: c.facts ?? factsOf(c.file.kind, c.file.data) })),
    scope,
  );
}

/**
 * Joins the layout findings and each file's own check with the cross-file rules. `scope`: the
 * kinds of file read when only some were (see ScannedRepository.scope). `crossFile`: the rules'
 * findings when already known (see cli/pipeline.ts, `CrossFileMemo`).
 */
export function assembleValidation(
  layoutFindings: readonly Finding[],
  checks: readonly FileCheck[],
  options: { strict?: boolean; scope?: ReadonlySet<FileKind>; crossFile?: readonly Finding[] } = {},
): ValidationResult {
  const findings: Finding[] = [...layoutFindings];
  for (const check of checks) for (const finding of check.findings) findings.push(finding);
  for (const finding of options.crossFile ?? crossFileFindings(checks, options.scope)) findings.push(finding);
  return summarise(withoutSuperseded(findings).map((f) => (options.strict ? { ...f, severity: "error" as const } : f)), checks.length);
}

/** Validates a repository loaded by `loadRepository` (whose findings hold the read and parse problems). */
export function validateRepository(repo: LoadedRepository, options: { strict?: boolean } = {}): ValidationResult {
  return assembleValidation(
    repo.findings,
    repo.files.map((file) => ({ file, findings: checkFileContent(file) })),
    options,
  );
}

/**
 * One mistake, one diagnostic: a person's name written where an id belongs is malformed as an
 * id too (and, written alone, not a list), and the finding that names the right id says all of it.
 */
function withoutSuperseded(findings: Finding[]): Finding[] {
  const named = new Set(findings.filter((f) => f.code === "NAME_INSTEAD_OF_ID").map((f) => `${f.file}\0${f.path}`));
  return named.size === 0 ? findings : findings.filter((f) => !((f.code === "INVALID_ID" || f.code === "NOT_A_LIST") && named.has(`${f.file}\0${f.path}`)));
}

/** With `strict`, warnings have already been raised to errors, so every output agrees. */
export function summarise(findings: Finding[], files: number): ValidationResult {
  findings.sort(compareFindings);
  let errors = 0;
  const filesWithErrors = new Set<string>();
  for (const f of findings) {
    if (f.severity !== "error") continue;
    errors++;
    filesWithErrors.add(f.file);
  }
  return {
    findings: capPerFile(findings),
    errors,
    warnings: findings.length - errors,
    files,
    filesWithErrors,
  };
}

/** The most findings shown for one file; the rest are counted in one MORE_FINDINGS line (issue 28). */
export const MAX_FINDINGS_PER_FILE = 500;

/**
 * The first MAX_FINDINGS_PER_FILE findings of each file (the list is sorted by file), then one
 * MORE_FINDINGS saying how many more there are: a file of 450,000 broken lines gives a
 * readable answer, and its output stays small. The counts of errors and warnings are of all.
 */
function capPerFile(sorted: Finding[]): Finding[] {
  const kept: Finding[] = [];
  let current: string | null = null;
  let shown = 0;
  let more = 0;
  let last: Finding | null = null;
  const flush = () => {
    if (more > 0 && last !== null) kept.push({ severity: "warning", code: "MORE_FINDINGS", file: last.file, line: last.line, column: last.column, path: "", length: 1, params: { more, limit: MAX_FINDINGS_PER_FILE } });
    more = 0;
  };
  for (const finding of sorted) {
    if (finding.file !== current) {
      flush();
      current = finding.file;
      shown = 0;
    }
    if (shown < MAX_FINDINGS_PER_FILE) {
      kept.push(finding);
      shown++;
      last = finding;
    } else more++;
  }
  flush();
  return kept;
}
