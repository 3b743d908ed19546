/**
 * Findings are the data every check produces; renderers turn them into text or JSON.
 * A finding carries its parameters, not a sentence: the message is written in the
 * reader's language only when it is rendered (see `src/i18n`).
 *
 * On the ground floor of src/ (beside paths.ts and version.ts): load, model, validate, rules,
 * import, export and report all speak in findings, so none of them imports it from another's
 * floor (issue 28: it lived in validate/, and every stage reached back into validate for it).
 */

/** Every diagnostic code the tool can report. Tests assert these, never the wording. */
export const FINDING_CODES = [
  // reading and decoding
  "FILE_UNREADABLE",
  "FILE_TOO_LARGE",
  "SYMLINK_OUTSIDE_REPOSITORY",
  "ENCODING_UTF16",
  "ENCODING_GBK",
  "ENCODING_INVALID_UTF8",
  "MERGE_CONFLICT",
  // YAML syntax
  "YAML_SYNTAX",
  "YAML_DUPLICATE_KEY",
  "YAML_TAB_INDENT",
  "YAML_ALIAS_LIMIT",
  "YAML_MULTIPLE_DOCUMENTS",
  "YAML_UNSUPPORTED_TAG",
  "YAML_TOO_DEEP",
  // layout
  "UNKNOWN_FILE",
  "MISSING_BRANCH_FILE",
  "EMPTY_FILE",
  // schema
  "UNKNOWN_KEY",
  "MISSING_FIELD",
  "INVALID_TYPE",
  "INVALID_ENUM",
  "INVALID_VALUE",
  "INVALID_FORMAT",
  "INVALID_ID",
  "INVALID_DATE",
  "DATE_DOES_NOT_EXIST",
  "INVALID_DATETIME",
  "DATETIME_WITHOUT_TIME",
  "INVALID_MONTH",
  "INVALID_BIRTHDAY",
  "INVALID_LUNAR_BIRTHDAY",
  "INVALID_MONEY",
  "PHONE_NOT_QUOTED",
  "INVALID_PHONE",
  "INVALID_POSITION",
  "INVALID_TIMEZONE",
  // cross-file
  "BRANCH_ID_MISMATCH",
  "DUPLICATE_ID",
  "DUPLICATE_BRANCH_ID",
  "DUPLICATE_DEPARTMENT_ID",
  "DUPLICATE_MONTH",
  "UNKNOWN_DEPARTMENT",
  "UNKNOWN_REFERENCE",
  // characters in values
  "CONTROL_CHARACTER",
  // the mistakes of typing YAML by hand, each with its fix
  "YAML_FULLWIDTH_COLON",
  "YAML_FULLWIDTH_SPACE",
  "YAML_NO_SPACE_AFTER_COLON",
  "YAML_MISSING_DASH",
  "YAML_UNCLOSED_BRACKET",
  "YAML_UNCLOSED_QUOTE",
  "CHINESE_QUOTES",
  "VALUE_IS_COMMENT",
  "NOT_A_BOOLEAN",
  "NOT_TEXT",
  "NOT_A_LIST",
  "MONTH_DOES_NOT_EXIST",
  "NAME_INSTEAD_OF_ID",
  "REFERENCES_NOT_CHECKED",
  // schema (added later; kept at the end)
  "MONEY_TOO_LARGE",
  // the archive over years: people who move and leave, 分行 folders
  "LEFT_BEFORE_JOINED",
  "PARENT_NOT_CITY_BRANCH",
  "PARENT_IS_ITSELF",
  "DUPLICATE_PERSON",
  // issue 23: recurring holidays
  "INVALID_HOLIDAY_DATE",
  "INVALID_LUNAR_DAY",
  "UNKNOWN_SOLAR_TERM",
  "ONE_OF_FIELDS_MISSING",
  "ONE_OF_FIELDS_SEVERAL",
  // issue 26: a team sharing one repository (the merge driver's record conflict)
  "RECORD_CONFLICT",
  // issue 24: typing Chinese
  "FULLWIDTH_COLON_ENTRY",
  "CHINESE_KEY",
  "YAML_BAD_INDENT",
  // issue 28: the findings of one file past the cap, in one line
  "MORE_FINDINGS",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = "error" | "warning";

/** Values a message template may interpolate. */
export type FindingParams = Record<string, string | number | undefined>;

/** One problem found in the data. */
export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** Path relative to the repository root, with `/` separators. */
  file: string;
  /** 1-based line; 1 when the finding concerns the whole file. */
  line: number;
  /** 1-based column, counted in characters (code points) of the line. */
  column: number;
  /** Where in the document, as a dotted path (`staff[3].birthday`); "" for the whole file. */
  path: string;
  /** How many characters the caret underline should span (at least 1). */
  length: number;
  /** Parameters for the localised message of `code`. */
  params: FindingParams;
}

/**
 * Orders findings by file, line, column, then code, so output never depends on discovery order.
 * A note on what was not checked because of a file comes after that file's own problems.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    Number(a.code === "REFERENCES_NOT_CHECKED") - Number(b.code === "REFERENCES_NOT_CHECKED") ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.code, b.code) ||
    compareText(a.path, b.path)
  );
}

/** Plain code-unit comparison: stable across locales, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Formats a path of keys and indexes the way messages show it: `staff[3].birthday`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}
