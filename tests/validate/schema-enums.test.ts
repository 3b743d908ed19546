/**
 * The schemas' enums are written from ENUM_NAMES and the catalogue's English labels by
 * scripts/sync-schema-enums.mjs: this fails when a schema drifts from the table (run the
 * script), when an ENUM_NAMES kind has no row in its ENUM_LOCATIONS, or when a code lacks an
 * English label. The descriptions are what the YAML language server shows beside each value.
 */
import { describe, expect, it } from "vitest";
import { ENUM_NAMES, enumValues, type EnumKind } from "../../src/model/enum-names.js";
import { hasMessage, tDynamic } from "../../src/i18n/catalog.js";
import { readSchemaTexts } from "../../src/validate/compile.js";
import { ENUM_LOCATIONS, syncSchemaTexts } from "../../scripts/sync-schema-enums.mjs";

function english(key: string): string {
  if (!hasMessage(key)) throw new Error(`no English label ${key}`);
  return tDynamic("en", key);
}

/** The schema object at a JSON Pointer. */
function at(schema: unknown, pointer: string): Record<string, unknown> {
  let node = schema as Record<string, unknown>;
  for (const token of pointer.split("/").slice(1)) node = node[token.replaceAll("~1", "/").replaceAll("~0", "~")] as Record<string, unknown>;
  return node;
}

describe("schema enums follow ENUM_NAMES", () => {
  const texts = readSchemaTexts();

  it("every schema is what scripts/sync-schema-enums.mjs writes (run it after changing ENUM_NAMES)", () => {
    const synced = syncSchemaTexts(texts, ENUM_NAMES, english);
    for (const [i, [name, text]] of synced.entries()) expect(text, name).toBe(texts[i]![1]);
  });

  it("every kind of ENUM_NAMES has a row, and every row names a kind", () => {
    expect(ENUM_LOCATIONS.map((row) => row.kind).sort()).toEqual(Object.keys(ENUM_NAMES).sort());
  });

  it("gives each value, code or Chinese name, the code's Chinese name and English label", () => {
    const schemas = new Map(texts.map(([name, text]) => [name, JSON.parse(text) as unknown]));
    for (const row of ENUM_LOCATIONS) {
      for (const [file, pointer] of row.at) {
        const node = at(schemas.get(file), pointer);
        expect(node.enum, `${file}#${pointer}`).toEqual(enumValues(row.kind as EnumKind));
        expect((node.enumDescriptions as string[]).length).toBe((node.enum as string[]).length);
      }
    }
    const position = at(schemas.get("common.schema.json"), "/$defs/position");
    const described = (value: string) => (position.enumDescriptions as string[])[(position.enum as string[]).indexOf(value)];
    expect(described("lobby_manager")).toBe("lobby_manager — 大堂经理 / lobby manager");
    expect(described("大堂经理")).toBe("lobby_manager — 大堂经理 / lobby manager");
  });

  it("adds enum and enumDescriptions to a place that has neither, keeping the rest of the file as it was", () => {
    const text = '{\n  "properties": {\n    "done": {\n      "title": "完成 / done",\n      "type": "array",\n      "items": { "type": "string" }\n    }\n  }\n}\n';
    const sync = (input: string) =>
      syncSchemaTexts([["x.schema.json", input]], { done: { call: ["电话"] } }, (key) => key.toUpperCase(), [
        { kind: "done", labels: "l.", at: [["x.schema.json", "/properties/done/items"]] },
      ])[0]![1];
    const synced = sync(text);
    expect(JSON.parse(synced).properties.done.items).toEqual({ type: "string", enum: ["call", "电话"], enumDescriptions: ["call — 电话 / L.CALL", "call — 电话 / L.CALL"] });
    expect(synced.startsWith('{\n  "properties": {\n    "done": {\n      "title": "完成 / done",\n      "type": "array",\n      "items": { "type": "string",')).toBe(true);
    // A second run changes nothing.
    expect(sync(synced)).toBe(synced);
  });

  it("refuses a kind that has no row, so a new enum cannot be forgotten", () => {
    expect(() => syncSchemaTexts(texts, { ...ENUM_NAMES, rank: { first: ["第一"] } }, english)).toThrow(/no row for: rank/);
  });
});
