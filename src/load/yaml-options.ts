/**
 * The parse options and the problem type shared by the parser (parse-yaml.ts) and the
 * explanation of its mistakes (syntax-diagnosis.ts), kept apart so that neither imports the other.
 */
import type { Tags } from "yaml";
import type { FindingCode } from "../findings.js";

/** A problem found while parsing, located by code-unit offsets into the text. */
export interface ParseProblem {
  code: FindingCode;
  start: number;
  end: number;
  params: Record<string, string | number>;
}

/**
 * The core schema without its hexadecimal and octal integers: nobody records 16 yuan as `0x10`
 * or 15 customers as `0o17`, so such a scalar is read as the text it is and a number field
 * refuses it (INVALID_MONEY, INVALID_TYPE) instead of taking a value the writer did not mean.
 */
const DECIMAL_NUMBERS_ONLY = (tags: Tags): Tags => tags.filter((tag) => typeof tag === "string" || !("format" in tag && (tag.format === "HEX" || tag.format === "OCT")));

/**
 * How every data file is parsed (and parsed again when its mistakes are explained): YAML 1.2
 * core, decimal numbers only, duplicate keys refused, and the parser's warnings kept off stderr
 * (logLevel "error": they would go through process.emitWarning).
 */
export const YAML_PARSE_OPTIONS = { version: "1.2", schema: "core", customTags: DECIMAL_NUMBERS_ONLY, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: "error" } as const;

/**
 * Runs `parse` with no stack traces recorded for the errors made meanwhile. The parser makes an
 * Error object for every problem it meets, and a file of 450,000 broken lines meets 450,000:
 * capturing a stack for each was ~16% of that parse's CPU, and nothing reads those stacks
 * (issue 28). The setting is put back however `parse` ends.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
