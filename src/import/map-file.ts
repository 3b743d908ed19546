/**
 * `--map FILE`: a small YAML file for sheets the built-in headers do not cover, and for saying
 * what a duplicate is and what to do with it.
 *
 * ```yaml
 * header_row: 2                  # the header's row number (default: found)
 * columns:                       # sheet header → field, or ignore
 *   员工名字: name
 *   微信群: ignore
 * values:                        # per field: the sheet's word → the value to read instead
 *   position: {高级理财经理: vip_wealth_manager}
 * defaults:                      # for rows (or sheets) without the field
 *   position: clerk
 * match: [id, phone, name]       # what makes two records the same person (default: all three)
 * duplicates: skip               # skip (default) | fill: add the fields the existing record lacks
 * ```
 */
import type { MessageKey, MessageParams } from "../i18n/catalog.js";
import { parseYaml } from "../load/parse-yaml.js";
import { SourceText } from "../load/source-text.js";
import type { FindingCode } from "../findings.js";
import { fieldDef, headerKeys, type ImportKind } from "./fields.js";
import { labelKey } from "./values.js";

export const MATCH_KEYS = ["id", "phone", "name"] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
export const DUPLICATE_POLICIES = ["skip", "fill"] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

export interface ImportMap {
  /** Normalised header → field name, or "ignore". */
  columns: Map<string, string>;
  /** Field → (normalised sheet word → replacement). */
  values: Map<string, Map<string, string>>;
  defaults: Map<string, string | number | boolean>;
  headerRow: number | null;
  match: MatchKey[];
  duplicates: DuplicatePolicy;
}

export const DEFAULT_MAP: ImportMap = {
  columns: new Map(),
  values: new Map(),
  defaults: new Map(),
  headerRow: null,
  match: [...MATCH_KEYS],
  duplicates: "skip",
};

/** A map is a few lines of YAML; a larger file is not one (and is not read past this). */
export const MAX_MAP_BYTES = 1024 * 1024;

/** Why a map file is refused; the CLI turns it into a usage error. */
export class MapError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}

/** A YAML problem of a map file, located as the data files' are (1-based line and column). */
export interface MapProblem {
  code: FindingCode;
  line: number;
  column: number;
  /** Characters to underline. */
  length: number;
  params: Record<string, string | number>;
}

/**
 * A map file that is not usable YAML: read with the data files' parser and its guards (nesting
 * depth, alias expansions, tags, duplicate keys), so an alias bomb or a file nested thousands
 * deep is a located problem, not a crash.
 */
export class MapSyntaxError extends Error {
  constructor(readonly problems: readonly MapProblem[]) {
    super(problems.map((p) => `${p.line}:${p.column} ${p.code}`).join("; "));
  }
}

const KEYS = ["header_row", "columns", "values", "defaults", "match", "duplicates"];

export function parseImportMap(input: string, kind: ImportKind): ImportMap {
  const text = input.replace(/^\uFEFF/, "");
  const parsed = parseYaml(text);
  if (parsed.problems.length > 0) {
    const source = new SourceText(text);
    throw new MapSyntaxError(
      parsed.problems.map((p) => ({ code: p.code, ...source.positionAt(p.start), length: source.spanLength(p.start, p.end), params: p.params })),
    );
  }
  const raw = parsed.data;
  if (raw === null || raw === undefined) return { ...DEFAULT_MAP };
  if (!isRecord(raw)) throw new MapError("import.map.notMapping", { key: "(top)" });
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) throw new MapError("import.map.unknownKey", { key, known: KEYS.join(", ") });

  const checkField = (field: string, where: string): void => {
    const def = fieldDef(kind, field);
    if (def === undefined || def.type === "derived") throw new MapError("import.map.unknownField", { field, where, kind });
  };

  const map: ImportMap = { columns: new Map(), values: new Map(), defaults: new Map(), headerRow: null, match: [...MATCH_KEYS], duplicates: "skip" };
  if (raw.header_row !== undefined) {
    if (typeof raw.header_row !== "number" || !Number.isInteger(raw.header_row) || raw.header_row < 1) throw new MapError("import.map.badHeaderRow", { value: String(raw.header_row) });
    map.headerRow = raw.header_row;
  }
  for (const [header, field] of entries(raw.columns, "columns")) {
    if (typeof field !== "string") throw new MapError("import.map.notText", { key: `columns.${header}` });
    if (field !== "ignore") checkField(field, `columns.${header}`);
    map.columns.set(headerKeys(header)[0]!, field);
  }
  for (const [field, table] of entries(raw.values, "values")) {
    checkField(field, `values.${field}`);
    const words = new Map<string, string>();
    for (const [word, value] of entries(table, `values.${field}`)) {
      if (typeof value !== "string" && typeof value !== "number") throw new MapError("import.map.notText", { key: `values.${field}.${word}` });
      words.set(labelKey(word), String(value));
    }
    map.values.set(field, words);
  }
  for (const [field, value] of entries(raw.defaults, "defaults")) {
    checkField(field, `defaults.${field}`);
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw new MapError("import.map.notText", { key: `defaults.${field}` });
    map.defaults.set(field, value);
  }
  if (raw.match !== undefined) {
    const list = Array.isArray(raw.match) ? raw.match : [raw.match];
    if (list.length === 0 || list.some((m) => !(MATCH_KEYS as readonly unknown[]).includes(m))) {
      throw new MapError("import.map.badChoice", { key: "match", value: JSON.stringify(raw.match), allowed: MATCH_KEYS.join(", ") });
    }
    map.match = [...new Set(list as MatchKey[])];
  }
  if (raw.duplicates !== undefined) {
    if (!(DUPLICATE_POLICIES as readonly unknown[]).includes(raw.duplicates)) {
      throw new MapError("import.map.badChoice", { key: "duplicates", value: String(raw.duplicates), allowed: DUPLICATE_POLICIES.join(", ") });
    }
    map.duplicates = raw.duplicates as DuplicatePolicy;
  }
  return map;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entries(value: unknown, key: string): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) throw new MapError("import.map.notMapping", { key });
  return Object.entries(value);
}
