/**
 * issue 24: every `pattern`, `format` and long `enum` of the schemas carries a sentence the
 * editor shows instead of a regular expression or a list of values; schemas/ carries it in both
 * languages (written by scripts/sync-schema-enums.mjs), `channel init` writes one language.
 */
import { describe, expect, it } from "vitest";
import { readSchemaTexts } from "../../src/validate/compile.js";
import { bilingualSchemaMessage, localiseSchemaText, SCHEMA_MESSAGES } from "../../src/validate/schema-messages.js";
import { initFiles } from "../../src/cli/commands/init.js";
import { hasMessage, tDynamic } from "../../src/i18n/catalog.js";
import { syncSchemaMessages } from "../../scripts/sync-schema-enums.mjs";

/** An enum this long is a list nobody reads in an error message. */
const LONG_ENUM = 8;

/** Every schema object of a JSON value, with its JSON Pointer. */
function* schemaObjects(node: unknown, pointer = ""): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* schemaObjects(item, `${pointer}/${i}`);
  } else if (node !== null && typeof node === "object") {
    yield [pointer, node as Record<string, unknown>];
    for (const [key, value] of Object.entries(node)) yield* schemaObjects(value, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
  }
}

describe("editor messages in the schemas", () => {
  const texts = readSchemaTexts();

  it("every pattern, format and long enum has one", () => {
    const without: string[] = [];
    for (const [file, text] of texts) {
      for (const [pointer, node] of schemaObjects(JSON.parse(text))) {
        const needs = typeof node.pattern === "string" || typeof node.format === "string" || (Array.isArray(node.enum) && node.enum.length >= LONG_ENUM);
        if (needs && typeof node.patternErrorMessage !== "string" && typeof node.errorMessage !== "string") without.push(`${file}#${pointer}`);
      }
    }
    expect(without).toEqual([]);
  });

  it("schemas/ holds what scripts/sync-schema-enums.mjs writes: each message in both languages", () => {
    const synced = syncSchemaMessages(texts, SCHEMA_MESSAGES, bilingualSchemaMessage) as [string, string][];
    for (const [i, [name, text]] of synced.entries()) expect(text, name).toBe(texts[i]![1]);
    for (const m of SCHEMA_MESSAGES) expect(hasMessage(m.key), m.key).toBe(true);
  });

  it("init writes the schemas with the messages in its language only", () => {
    for (const lang of ["zh", "en"] as const) {
      const files = initFiles(lang);
      const common = JSON.parse(files.get(".channel/schemas/common.schema.json")!) as { $defs: Record<string, Record<string, unknown>> };
      expect(common.$defs.datetime!.patternErrorMessage).toBe(tDynamic(lang, "schema.error.datetime"));
      expect(common.$defs.position!.errorMessage).toBe(tDynamic(lang, "schema.error.position"));
      for (const [name, text] of files) if (name.startsWith(".channel/schemas/")) expect(text, name).not.toContain(" / a date");
    }
    expect(tDynamic("zh", "schema.error.datetime")).toBe("需要日期和时间，如 2012-02-14 10:30");
  });

  it("leaves everything else of a schema as it is", () => {
    for (const [name, text] of texts) {
      const strip = (t: string) => JSON.stringify(JSON.parse(t), (key, value: unknown) => (key === "patternErrorMessage" || key === "errorMessage" ? undefined : value));
      expect(strip(localiseSchemaText(name, text, "zh"))).toBe(strip(text));
    }
  });
});
