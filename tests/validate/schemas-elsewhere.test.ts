/**
 * The schemas on their own, as an editor's YAML extension or Python's jsonschema reads them:
 * a second JSON Schema implementation (ajv as it comes, without our formats and asserting no
 * format at all) runs over every reproducer of the error catalogue. It must flag each value
 * that a regular expression or a bound can judge; what only `channel validate` catches is
 * listed here, so that the list changes only on purpose.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { readSchemaTexts, SCHEMA_FILES } from "../../src/validate/compile.js";
import { validateRepository } from "../../src/validate/index.js";
import { loadRepository } from "../../src/load/parse-file.js";
import type { FileKind } from "../../src/load/repository.js";
import { MINIMAL_REPO } from "../helpers/repo.js";
import { isKnownTimezone } from "../../src/model/values.js";
import { CASES } from "./catalogue-cases.js";

function plainAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: false });
  for (const [name, text] of readSchemaTexts()) ajv.addSchema(JSON.parse(text) as object, name);
  return ajv;
}

function kindOf(rel: string): FileKind | null {
  if (rel === "channel.yaml" || rel === "departments.yaml") return rel.slice(0, -5) as FileKind;
  const m = /^branches\/[^/]+\/(\w+)\.yaml$/.exec(rel);
  return m && m[1]! in SCHEMA_FILES ? (m[1] as FileKind) : null;
}

/** Whether the plain schemas flag the text of `rel` (null: it is not YAML they can be given). */
function plainVerdict(ajv: Ajv2020, rel: string, text: string): boolean | null {
  const kind = kindOf(rel);
  if (kind === null) return null;
  const doc = parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true });
  if (doc.errors.length > 0) return null;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return null;
  }
  return !ajv.getSchema(SCHEMA_FILES[kind])!(data);
}

/**
 * What only `channel validate` catches, by why. Every problem of a value (the schema pass)
 * is caught by the schemas alone: what is listed is never given to a schema at all.
 */
const ONLY_VALIDATE = {
  /** Reading and YAML: the file never becomes data a schema could look at. */
  reading: [
    "ENCODING_GBK", "ENCODING_INVALID_UTF8", "ENCODING_UTF16", "FILE_UNREADABLE", "MERGE_CONFLICT", "RECORD_CONFLICT", "SYMLINK_OUTSIDE_REPOSITORY",
    "YAML_ALIAS_LIMIT", "YAML_DUPLICATE_KEY", "YAML_FULLWIDTH_COLON", "YAML_MISSING_DASH", "YAML_MULTIPLE_DOCUMENTS", "YAML_NO_SPACE_AFTER_COLON",
    "YAML_SYNTAX", "YAML_TAB_INDENT", "YAML_TOO_DEEP", "YAML_UNCLOSED_BRACKET", "YAML_UNCLOSED_QUOTE",
    "YAML_BAD_INDENT",
  ],
  /** The repository's layout: which files exist. */
  layout: ["MISSING_BRANCH_FILE", "UNKNOWN_FILE"],
  /** Every key and value of every file, whatever its field (a check of all text, not of one
   * field's type; the schemas would need a pattern on each text field and cannot reach keys). */
  allText: ["CONTROL_CHARACTER"],
  /** Across files: a schema sees one file. */
  acrossFiles: ["BRANCH_ID_MISMATCH", "DUPLICATE_BRANCH_ID", "DUPLICATE_DEPARTMENT_ID", "DUPLICATE_ID", "DUPLICATE_MONTH", "REFERENCES_NOT_CHECKED", "UNKNOWN_DEPARTMENT", "UNKNOWN_REFERENCE",
    "DUPLICATE_PERSON", "PARENT_IS_ITSELF", "PARENT_NOT_CITY_BRANCH"],
  /** Two dates of one record compared: a JSON Schema cannot compare one value with another. */
  betweenFields: ["LEFT_BEFORE_JOINED"],
};

/**
 * Codes some of whose reproducers the schemas catch and others not: full-width spaces (as a key,
 * or breaking the YAML); money too large (a number has a bound every validator applies; text
 * with units such as "10000000亿" is judged by validate's reading of the amount).
 */
const MIXED = ["MONEY_TOO_LARGE", "YAML_FULLWIDTH_SPACE"];

describe("the schemas in another JSON Schema implementation", () => {
  it("flag every value a pattern or bound can judge; the rest is listed", () => {
    const ajv = plainAjv();
    const caughtBySchemas = new Set<string>();
    const onlyValidate = new Set<string>();
    for (const c of CASES) {
      if (c.setup) {
        onlyValidate.add(c.code);
        continue;
      }
      const files = { ...MINIMAL_REPO, ...c.files };
      const content = files[c.at.file];
      const verdict = typeof content === "string" ? plainVerdict(ajv, c.at.file, content) : null;
      if (verdict === true) caughtBySchemas.add(c.code);
      else onlyValidate.add(c.code);
    }
    // A code caught in one reproducer and not in another is listed with its exceptions.
    const mixed = [...onlyValidate].filter((code) => caughtBySchemas.has(code));
    const only = [...onlyValidate].filter((code) => !caughtBySchemas.has(code)).sort();
    expect({ only, mixed: mixed.sort() }).toEqual(EXPECTED);
  });

  it("flag the values of the issue that a pattern can judge", () => {
    const ajv = plainAjv();
    const staff = (line: string) => `staff:\n  - id: a\n    name: 王芳\n    position: teller\n${line}\n`;
    for (const line of [
      "    conversion: {kind: product, product: x, at: 2012-02-14}",
      "    conversion: {kind: product, product: x, at: 2012-02-14 25:61}",
      "    birthday: 1984-13-45",
      "    birthday: --02-30",
      "    hq_registered: 2012-02-30",
    ]) {
      expect(plainVerdict(ajv, "branches/b1/staff.yaml", staff(line)), line).toBe(true);
    }
    expect(plainVerdict(ajv, "channel.yaml", "version: 1\norganisation: x\ntimezone: Asia/Shanghia\n")).toBe(true);
    // And what they accept, validate accepts.
    expect(plainVerdict(ajv, "branches/b1/staff.yaml", staff("    birthday: --02-29\n    conversion: {kind: product, product: x, at: 2012-02-14T09:05:30}"))).toBe(false);
  });

  it("list only time zones that this Node.js knows (the schema's list and the runtime agree)", () => {
    const common = JSON.parse(readSchemaTexts().find(([name]) => name === "common.schema.json")![1]) as { $defs: { timezone: { enum: string[] } } };
    const zones = common.$defs.timezone.enum;
    expect(zones).toContain("Asia/Shanghai");
    // Today's names as well as the older ones Node's own list may give (Asia/Calcutta).
    for (const current of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "Asia/Calcutta", "UTC"]) expect(zones).toContain(current);
    expect(zones.filter((zone) => !isKnownTimezone(zone))).toEqual([]);
  });

  it("accept what validate accepts: data-example", () => {
    const ajv = plainAjv();
    const root = new URL("../../data-example/", import.meta.url);
    const result = validateRepository(loadRepository(root.pathname));
    expect(result.errors).toBe(0);
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    let judged = 0;
    for (const abs of walk(root.pathname).filter((f) => f.endsWith(".yaml")).sort()) {
      const rel = path.relative(root.pathname, abs).split(path.sep).join("/");
      // Every data file is one the plain schemas judge (not null), and they accept it.
      expect(plainVerdict(ajv, rel, fs.readFileSync(abs, "utf8")), rel).toBe(false);
      judged++;
    }
    expect(judged).toBeGreaterThan(10);
  });
});

const EXPECTED = { only: Object.values(ONLY_VALIDATE).flat().sort(), mixed: MIXED };
