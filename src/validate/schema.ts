/**
 * The schema pass: each file's plain data against the JSON Schema of its kind, with every
 * error mapped back to its YAML node and to a specific code. The code comes from the shared
 * value type the error occurred in (`common.schema.json#/$defs/money` → INVALID_MONEY), so
 * the schemas stay the single description of what a valid value is.
 */
import type { ErrorObject } from "ajv";
import type { FileKind, LoadedFile } from "../load/repository.js";
import { findingAt, locatePath, type Target } from "../load/locate.js";
import { hasDateShape, isMoneyTooLarge, parseDate } from "../model/values.js";
import { validators } from "./compile.js";
import { editDistance, nearest, nearestTitle, sharedCharacters } from "./suggest.js";
import { describeAllowed, ENUM_NAMES, enumCode } from "../model/enum-names.js";
import { fieldForWord } from "../model/field-words.js";
import type { Finding, FindingCode, FindingParams } from "../findings.js";
import { compareText } from "../findings.js";

export { SCHEMA_FILES } from "./compile.js";

/** Files whose kind requires content: an empty one is an error, other kinds merely hold nothing. */
const CONTENT_REQUIRED: ReadonlySet<FileKind> = new Set(["channel", "branch"]);

/** Schema findings for one parsed file (none for a file that did not parse). */
export function checkFileSchema(file: LoadedFile): Finding[] {
  if (file.data === undefined) return [];
  if (file.data === null) {
    const severity = CONTENT_REQUIRED.has(file.kind) ? "error" : "warning";
    return [findingAt(file, severity, "EMPTY_FILE", [], {})];
  }
  const validate = validators()[file.kind];
  if (validate(file.data)) return [];
  return mapSchemaErrors(file, validate.errors ?? []);
}

/** Wrapper keywords whose failure is explained better by the errors inside them. */
const WRAPPERS = new Set(["if", "then", "else", "anyOf", "oneOf", "allOf", "not"]);

function mapSchemaErrors(file: LoadedFile, allErrors: ErrorObject[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const { errors, choices } = exactlyOneOfFields(allErrors);
  for (const choice of choices) findings.push(findingAt(file, "error", choice.code, choice.path, choice.params, choice.target));
  const specific = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const explainedInside = hasPathUnder(specific.map((e) => e.instancePath));
  const all = errors.filter((error) => !(WRAPPERS.has(error.keyword) && explainedInside(error.instancePath))).map(mapSchemaError);
  // A required field missing because it was written under another key (`名称`, `nmae`) is one
  // mistake: the key, whose message names the field (issue 24).
  const meantField = (m: MappedError) => (m.code === "CHINESE_KEY" ? m.params.field : m.code === "UNKNOWN_KEY" ? m.params.suggestion : undefined);
  const suggested = new Set(all.flatMap((m) => (meantField(m) === undefined ? [] : [[...m.path.slice(0, -1), meantField(m)].join("/")])));
  for (const raw of all) {
    if (raw.code === "MISSING_FIELD" && suggested.has([...raw.path, raw.params.field].join("/"))) continue;
    const mapped = refineWithSource(file, raw);
    // One finding per place and problem: a value failing both its pattern and format is one mistake.
    const dedupeKey = [mapped.path.join("/"), mapped.target, mapped.code === "MISSING_FIELD" ? mapped.params.field : ""].join("|");
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const finding = findingAt(file, "error", mapped.code, mapped.path, mapped.params, mapped.target);
    if (mapped.at !== undefined && file.source) {
      const { line, column } = file.source.positionAt(mapped.at);
      Object.assign(finding, { line, column, length: 1 });
    }
    findings.push(finding);
  }
  return findings;
}

/**
 * Whether any of `paths` starts with a given prefix, answered by binary search in the sorted
 * paths (those that start with a prefix follow it directly in sorted order): a file of 32,000
 * entries, each with a failed `if`/`then`, took 25 s when each wrapper error scanned every
 * other error (issue 28).
 */
function hasPathUnder(paths: string[]): (prefix: string) => boolean {
  const sorted = [...paths].sort(compareText);
  return (prefix) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareText(sorted[mid]!, prefix) < 0) low = mid + 1;
      else high = mid;
    }
    return low < sorted.length && sorted[low]!.startsWith(prefix);
  };
}

/**
 * `oneOf` of alternatives that each only require one field (a holiday's `date`, `lunar` or
 * `solar_term`; a tier's `amount` or `rate`) means "exactly one of these fields". Reported as
 * one mistake: none of them (ONE_OF_FIELDS_MISSING, at the entry, instead of one missing field
 * per alternative) or several (ONE_OF_FIELDS_SEVERAL, at the second one written, instead of an
 * unexplained `oneOf`). The errors so explained are taken out of the rest.
 */
function exactlyOneOfFields(errors: ErrorObject[]): { errors: ErrorObject[]; choices: MappedError[] } {
  const choices: MappedError[] = [];
  const explained = new Set<ErrorObject>();
  // The `required` errors by the entry they are about: looked up once per `oneOf`, not scanned.
  const requiredAt = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword !== "required") continue;
    const list = requiredAt.get(error.instancePath);
    if (list === undefined) requiredAt.set(error.instancePath, [error]);
    else list.push(error);
  }
  for (const error of errors) {
    if (error.keyword !== "oneOf") continue;
    const fields = requiredOnlyAlternatives(error.schema);
    if (fields === null || typeof error.data !== "object" || error.data === null) continue;
    const path = instancePathSegments(error.instancePath);
    const present = Object.keys(error.data).filter((key) => fields.includes(key));
    const list = fields.map((f) => `\`${f}\``).join("/");
    if (present.length === 0) {
      choices.push({ code: "ONE_OF_FIELDS_MISSING", path, target: "value", params: { fields: list } });
      for (const other of requiredAt.get(error.instancePath) ?? []) {
        if (fields.includes(String((other.params as { missingProperty: string }).missingProperty))) explained.add(other);
      }
    } else if (present.length > 1) {
      choices.push({ code: "ONE_OF_FIELDS_SEVERAL", path: [...path, present[1]!], target: "key", params: { fields: list, written: present.map((f) => `\`${f}\``).join("/") } });
    } else continue;
    explained.add(error);
  }
  return { errors: errors.filter((e) => !explained.has(e)), choices };
}

/** The field of each alternative when every alternative of a `oneOf` only requires one field, else null. */
function requiredOnlyAlternatives(alternatives: unknown): string[] | null {
  if (!Array.isArray(alternatives) || alternatives.length < 2) return null;
  const fields: string[] = [];
  for (const alternative of alternatives as Record<string, unknown>[]) {
    const required = alternative.required;
    const others = Object.keys(alternative).filter((k) => k !== "required" && k !== "properties");
    if (!Array.isArray(required) || required.length !== 1 || others.length > 0) return null;
    fields.push(String(required[0]));
  }
  return fields;
}

/**
 * The hints that need the text as written: a value that YAML read as a number (`2012`,
 * `1e5`, an amount of `1e400`) is shown as typed; an empty value whose line holds `key: #…` was a comment; a key
 * that starts with full-width spaces was meant to be indented.
 */
function refineWithSource(file: LoadedFile, mapped: MappedError): MappedError {
  const source = file.source;
  if (!source) return mapped.code === "VALUE_IS_COMMENT" ? { ...mapped, code: "INVALID_TYPE" } : mapped;
  if (mapped.code === "UNKNOWN_KEY" && typeof mapped.params.key === "string" && mapped.params.key.includes("\u3000")) {
    const { start } = locatePath(file, mapped.path, "key");
    return { ...mapped, code: "YAML_FULLWIDTH_SPACE", params: {}, at: start + mapped.params.key.indexOf("\u3000") };
  }
  // A number too large is shown as typed (`1e400`), not as what YAML made of it (Infinity).
  if (mapped.code === "MONEY_TOO_LARGE" && mapped.params.value === "Infinity") {
    const { start, end } = locatePath(file, mapped.path, "value");
    return { ...mapped, params: { ...mapped.params, value: source.text.slice(start, end) } };
  }
  if ((mapped.code === "PHONE_NOT_QUOTED" || mapped.code === "INVALID_PHONE") && mapped.number === true) {
    const { start, end } = locatePath(file, mapped.path, "value");
    const written = source.text.slice(start, end);
    return { ...mapped, code: isPhone(written) ? "PHONE_NOT_QUOTED" : "INVALID_PHONE", params: { ...mapped.params, value: written } };
  }
  if (mapped.code === "FULLWIDTH_COLON_ENTRY") {
    const { start, end } = locatePath(file, mapped.path, "value");
    const colon = source.text.slice(start, end).indexOf("：");
    return colon === -1 ? mapped : { ...mapped, at: start + colon };
  }
  if (mapped.code === "NOT_TEXT") {
    const { start, end } = locatePath(file, mapped.path, "value");
    return { ...mapped, params: { ...mapped.params, written: source.text.slice(start, end) } };
  }
  if (mapped.code === "VALUE_IS_COMMENT") {
    const { start } = locatePath(file, mapped.path, "key");
    const lineStart = source.text.lastIndexOf("\n", start - 1) + 1;
    const lineEnd = source.text.indexOf("\n", start);
    const line = source.text.slice(lineStart, lineEnd === -1 ? source.text.length : lineEnd).replace(/\r$/, "");
    const comment = /^[ ]*(?:- +)?[^:#]+:[ \t]+(#.*)$/.exec(line);
    if (!comment) return { ...mapped, code: "INVALID_TYPE" };
    return { ...mapped, params: { field: mapped.params.field, written: comment[1]!.trimEnd() }, at: lineStart + line.indexOf(comment[1]!) };
  }
  return mapped;
}

interface MappedError {
  code: FindingCode;
  path: (string | number)[];
  target: Target;
  params: FindingParams;
  /** An exact offset to point at instead of the node (a `#` or a full-width space within it). */
  at?: number;
  /** A phone written as a number, to be judged as typed. */
  number?: boolean;
}

function instancePathSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** `common.schema.json#/$defs/money/pattern` → `money`. */
function valueKind(schemaPath: string): string | null {
  const m = /\$defs\/([A-Za-z]+)\//.exec(schemaPath);
  return m ? (m[1] ?? null) : null;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return value.length > 60 ? `${value.slice(0, 57)}...` : value;
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return Array.isArray(value) ? "[…]" : "{…}";
}

function mapSchemaError(error: ErrorObject): MappedError {
  const path = instancePathSegments(error.instancePath);
  const value = error.data;
  const field = String(path[path.length - 1] ?? "");
  const shown = describeValue(value);

  if (error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    // issue 24: a key typed in Chinese (名称, 职务) is answered with the field it means.
    const meant = /\p{Script=Han}/u.test(key) ? fieldForWord(key, known) : undefined;
    if (meant !== undefined) return { code: "CHINESE_KEY", path: [...path, key], target: "key", params: { key, field: meant } };
    return { code: "UNKNOWN_KEY", path: [...path, key], target: "key", params: { key, suggestion: nearest(key, known) } };
  }
  if (error.keyword === "required") {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return { code: "MISSING_FIELD", path, target: "value", params: { field: missing } };
  }

  const quoted = typeof value === "string" ? CHINESE_QUOTED.exec(value) : null;
  if (quoted) return { code: "CHINESE_QUOTES", path, target: "value", params: { field, quotes: `${quoted[1]}${quoted[3]}`, inner: quoted[2]! } };

  switch (valueKind(error.schemaPath)) {
    case "id":
      return { code: "INVALID_ID", path, target: "value", params: { field, value: shown } };
    case "date":
      return {
        code: typeof value === "string" && hasDateShape(value) && parseDate(value) === null ? (hasNoSuchMonth(value) ? "MONTH_DOES_NOT_EXIST" : "DATE_DOES_NOT_EXIST") : "INVALID_DATE",
        path,
        target: "value",
        params: { field, value: shown },
      };
    case "datetime":
      return {
        code: typeof value === "string" && parseDate(value) !== null ? "DATETIME_WITHOUT_TIME" : "INVALID_DATETIME",
        path,
        target: "value",
        params: { field, value: shown },
      };
    case "dateOrDatetime":
      // A day that does not exist is named as such, with or without a time (issue 25).
      return {
        code:
          typeof value === "string" && hasDateShape(value.slice(0, 10))
            ? parseDate(value.slice(0, 10)) === null
              ? hasNoSuchMonth(value) ? "MONTH_DOES_NOT_EXIST" : "DATE_DOES_NOT_EXIST"
              : value.length > 10 ? "INVALID_DATETIME" : "INVALID_DATE"
            : "INVALID_DATE",
        path,
        target: "value",
        params: { field, value: shown },
      };
    case "month":
      return { code: "INVALID_MONTH", path, target: "value", params: { field, value: shown } };
    case "birthday":
      return {
        code: typeof value === "string" && /^(\d{4}|-)-\d{2}-\d{2}$/.test(value) ? (hasNoSuchMonth(value) ? "MONTH_DOES_NOT_EXIST" : "DATE_DOES_NOT_EXIST") : "INVALID_BIRTHDAY",
        path,
        target: "value",
        params: { field, value: shown },
      };
    case "lunarBirthday":
      return { code: "INVALID_LUNAR_BIRTHDAY", path, target: "value", params: { field, value: shown } };
    // issue 23: a holiday's day.
    case "holidayDate":
      return {
        code: typeof value === "string" && /^(\d{4}|-)-\d{2}-\d{2}$/.test(value) ? (hasNoSuchMonth(value) ? "MONTH_DOES_NOT_EXIST" : "DATE_DOES_NOT_EXIST") : "INVALID_HOLIDAY_DATE",
        path,
        target: "value",
        params: { field, value: shown },
      };
    case "lunarDay":
      return { code: "INVALID_LUNAR_DAY", path, target: "value", params: { field, value: shown } };
    case "solarTerm":
      return { code: "UNKNOWN_SOLAR_TERM", path, target: "value", params: { value: shown, suggestion: suggestFromSchemaEnum(error, value) } };
    case "money":
      return { code: isMoneyTooLarge(value) ? "MONEY_TOO_LARGE" : "INVALID_MONEY", path, target: "value", params: { field, value: shown } };
    case "phone":
      // Quoting is the fix only when the quoted number is a phone (issue 24); refineWithSource
      // checks the number as typed, a leading 0 and all.
      return { code: typeof value === "number" && isPhone(String(value)) ? "PHONE_NOT_QUOTED" : "INVALID_PHONE", path, target: "value", params: { field, value: shown }, ...(typeof value === "number" ? { number: true } : {}) };
    case "position":
      return { code: "INVALID_POSITION", path, target: "value", params: { value: shown, allowed: closestAllowed(value, allowedValues(error)).join(", "), suggestion: typeof value === "string" ? usualTitle(nearestTitle(value, allowedValues(error), (v) => enumCode("position", v))) : undefined } };
    case "timezone":
      return { code: "INVALID_TIMEZONE", path, target: "value", params: { value: shown, suggestion: typeof value === "string" ? nearest(value, schemaEnum(error)) : undefined } };
    default:
      break;
  }

  switch (error.keyword) {
    case "type": {
      const expected = [(error.params as { type: string | string[] }).type].flat();
      if (value === null) return { code: "VALUE_IS_COMMENT", path, target: "value", params: { field, expected: expected.join(","), actual: "null", value: shown } };
      if (expected.length === 1 && expected[0] === "boolean") return { code: "NOT_A_BOOLEAN", path, target: "value", params: { field, value: shown } };
      if (expected.includes("string") && (typeof value === "number" || typeof value === "boolean")) {
        return { code: "NOT_TEXT", path, target: "value", params: { field, actual: typeof value, written: shown } };
      }
      // issue 24: a whole entry typed with full-width colons is one string: `name： 国泰君安 kind： 证券`.
      if (expected.includes("object") && typeof value === "string" && FULLWIDTH_KEYS.test(value)) {
        const keys = [...value.matchAll(FULLWIDTH_KEYS_ALL)].map((m) => m[1]!);
        return { code: "FULLWIDTH_COLON_ENTRY", path, target: "value", params: { field, keys: keys.join(", "), key: keys[0]! } };
      }
      if (expected.includes("array") && (typeof value === "string" || typeof value === "number")) {
        return { code: "NOT_A_LIST", path, target: "value", params: { field, value: shown } };
      }
      return {
        code: "INVALID_TYPE",
        path,
        target: "value",
        params: { field, expected: expected.join(","), actual: typeName(value), value: shown },
      };
    }
    case "enum":
      return { code: "INVALID_ENUM", path, target: "value", params: { field, value: shown, allowed: describeAllowed(allowedValues(error)).join(", "), suggestion: suggestFromEnum(error, value) } };
    case "const":
      // INVALID_VALUE's message names a rule and a limit: here, that the value must be exactly this one.
      return { code: "INVALID_VALUE", path, target: "value", params: { field, value: shown, rule: "const", limit: String((error.params as { allowedValue: unknown }).allowedValue) } };
    case "pattern": {
      // A regular expression means little to the people who write these files; the schema's
      // examples show the form (kpis `period`, `qq`). Without examples, the rule as it is.
      const examples = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples;
      if (Array.isArray(examples) && examples.length > 0) {
        return { code: "INVALID_FORMAT", path, target: "value", params: { field, value: shown, examples: examples.map((e) => JSON.stringify(e)).join(", ") } };
      }
      return { code: "INVALID_VALUE", path, target: "value", params: { field, value: shown, rule: error.keyword, limit: limitOf(error) } };
    }
    default:
      return { code: "INVALID_VALUE", path, target: "value", params: { field, value: shown, rule: error.keyword, limit: limitOf(error) } };
  }
}

/** A position's usual Chinese name for a suggested Chinese name (理财师 → 理财经理); a code as it is. */
function usualTitle(suggestion: string | undefined): string | undefined {
  if (suggestion === undefined || !/\p{Script=Han}/u.test(suggestion)) return suggestion;
  const names = (ENUM_NAMES.position as Record<string, readonly string[]>)[enumCode("position", suggestion)];
  return names?.[0] ?? suggestion;
}

/** `key：` at the start of a text (a key typed with a full-width colon), and every such key in it. */
const FULLWIDTH_KEYS = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*：/u;
const FULLWIDTH_KEYS_ALL = /(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)\s*：/gu;

/** A phone number as the schema takes it (common.schema.json#/$defs/phone). */
function isPhone(text: string): boolean {
  return /^(1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8})$/.test(text);
}

/** A value wrapped in Chinese quotes, as a Chinese input method types them: “…”, ‘…’, 「…」. */
const CHINESE_QUOTED = /^([“‘「『])(.*)([”’」』])$/su;

/** The `enum` of the schema an error's keyword belongs to (whichever keyword failed). */
function schemaEnum(error: ErrorObject): string[] {
  const values = (error.parentSchema as { enum?: unknown[] } | undefined)?.enum;
  return Array.isArray(values) ? values.map(String) : [];
}

function allowedValues(error: ErrorObject): string[] {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
  return allowed.map(String);
}

/** Positions listed in a message: the few nearest to what was written (there are 25), code and name. */
const LISTED_POSITIONS = 5;

function closestAllowed(value: unknown, allowed: readonly string[]): string[] {
  const described = describeAllowed(allowed);
  if (typeof value !== "string") return described.slice(0, LISTED_POSITIONS);
  const distance = (entry: string) => Math.min(...entry.split(" ").map((part) => editDistance(value.toLowerCase(), part.toLowerCase())));
  // Most characters in common first (issue 24: 大堂 lists 大堂经理 before 保安, which is as few edits away).
  const shared = (entry: string) => Math.max(...entry.split(" ").map((part) => sharedCharacters(value, part)));
  const ranked = described.map((entry, order) => ({ entry, order, d: distance(entry), s: shared(entry) }));
  // Positions sharing no character are not "nearest" when some do.
  const sharing = ranked.filter((x) => x.s > 0);
  return (sharing.length > 0 ? sharing : ranked)
    .sort((a, b) => b.s - a.s || a.d - b.d || a.order - b.order)
    .slice(0, LISTED_POSITIONS)
    .map((x) => x.entry);
}

/** The nearest value of the enum of the schema whose keyword failed (a `$defs` enum such as the solar terms). */
function suggestFromSchemaEnum(error: ErrorObject, value: unknown): string | undefined {
  return typeof value === "string" ? nearest(value, schemaEnum(error)) : undefined;
}

function suggestFromEnum(error: ErrorObject, value: unknown): string | undefined {
  return typeof value === "string" ? nearest(value, allowedValues(error)) : undefined;
}

function limitOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  // uniqueItems names the two equal items (0-based, as in the path).
  if (typeof p.i === "number" && typeof p.j === "number") return `[${p.j}] = [${p.i}]`;
  const limit = p.limit ?? p.pattern ?? p.format;
  // Never undefined: the message would show its placeholder.
  return limit === undefined ? "" : String(limit);
}

/** A `YYYY-MM-DD` or `--MM-DD` whose month is not 01–12. */
function hasNoSuchMonth(value: string): boolean {
  const month = Number(/^(?:\d{4}|-)-(\d{2})-/.exec(value)?.[1]);
  return month < 1 || month > 12;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
