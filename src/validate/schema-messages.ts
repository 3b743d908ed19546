/**
 * What an editor says for a value of the wrong form (issue 24). The YAML language server (the
 * VS Code YAML extension) shows a schema's `patternErrorMessage` for a value failing its
 * `pattern` or `format`, and `errorMessage` for any other failure of that schema (an `enum`):
 * without them it shows the regular expression, or a list of 597 time zones, in English.
 *
 * The schemas in schemas/ carry each message in both languages ("中文 / English", like their
 * titles), written from the message catalogue by scripts/sync-schema-enums.mjs; `channel init`
 * writes the repository's copies (.channel/schemas) in one language. ajv ignores both keywords
 * (src/validate/compile.ts): our own diagnostics say the same in `channel validate`.
 */
import { tDynamic, type Lang } from "../i18n/catalog.js";

/** One message: the schema file, the JSON Pointer of the schema object, the keyword and the catalogue key. */
export interface SchemaMessage {
  file: string;
  pointer: string;
  keyword: "patternErrorMessage" | "errorMessage";
  key: string;
}

const pattern = (file: string, pointer: string, key: string): SchemaMessage => ({ file, pointer, keyword: "patternErrorMessage", key: `schema.error.${key}` });
const anyError = (file: string, pointer: string, key: string): SchemaMessage => ({ file, pointer, keyword: "errorMessage", key: `schema.error.${key}` });

/**
 * Every `pattern` (and `format`) and every long `enum` of the schemas, with its message. Where
 * the usual mistake is a value of another type (a phone or QQ number typed as a number, a
 * negative amount) the message is `errorMessage`, which the server shows for those too.
 */
export const SCHEMA_MESSAGES: readonly SchemaMessage[] = [
  anyError("common.schema.json", "/$defs/id", "id"),
  pattern("common.schema.json", "/$defs/date", "date"),
  pattern("common.schema.json", "/$defs/datetime", "datetime"),
  pattern("common.schema.json", "/$defs/month", "month"),
  pattern("common.schema.json", "/$defs/birthday", "birthday"),
  pattern("common.schema.json", "/$defs/lunarBirthday", "lunarBirthday"),
  anyError("common.schema.json", "/$defs/money", "money"),
  anyError("common.schema.json", "/$defs/phone", "phone"),
  anyError("common.schema.json", "/$defs/position", "position"),
  anyError("common.schema.json", "/$defs/timezone", "timezone"),
  pattern("common.schema.json", "/$defs/holidayDate", "holidayDate"),
  pattern("common.schema.json", "/$defs/lunarDay", "lunarDay"),
  anyError("common.schema.json", "/$defs/solarTerm", "solarTerm"),
  pattern("common.schema.json", "/$defs/dateOrDatetime", "dateOrDatetime"),
  anyError("channel.schema.json", "/properties/holidays/items/properties/greet/items", "greet"),
  anyError("activities.schema.json", "/properties/activities/items/properties/kind", "activity"),
  anyError("activities.schema.json", "/properties/activities/items/properties/done/items", "done"),
  anyError("competitors.schema.json", "/properties/competitors/items/properties/kind", "competitor"),
  anyError("competitors.schema.json", "/properties/possible_entrants/items/properties/kind", "competitor"),
  anyError("kpis.schema.json", "/properties/targets/items/properties/metric", "metric"),
  anyError("kpis.schema.json", "/properties/targets/items/properties/period", "period"),
  anyError("prospects.schema.json", "/properties/prospects/items/properties/source/properties/kind", "source"),
  anyError("prospects.schema.json", "/properties/prospects/items/properties/events/items/properties/kind", "event"),
  anyError("prospects.schema.json", "/properties/prospects/items/properties/qq", "qq"),
  pattern("prospects.schema.json", "/properties/prospects/items/properties/email", "email"),
  anyError("staff.schema.json", "/properties/staff/items/properties/qq", "qq"),
  pattern("staff.schema.json", "/properties/staff/items/properties/email", "email"),
];

/** The message as the schemas in schemas/ carry it: "中文 / English". */
export function bilingualSchemaMessage(key: string): string {
  return `${tDynamic("zh", key)} / ${tDynamic("en", key)}`;
}

/**
 * A schema's text with each of its messages in `lang` only, for the copies `channel init`
 * writes: each `"keyword": "中文 / English"` member replaced where it stands, the rest of the
 * text as it is.
 */
export function localiseSchemaText(file: string, text: string, lang: Lang): string {
  let out = text;
  for (const message of SCHEMA_MESSAGES.filter((m) => m.file === file)) {
    const member = (value: string) => `${JSON.stringify(message.keyword)}: ${JSON.stringify(value)}`;
    out = out.replaceAll(member(bilingualSchemaMessage(message.key)), member(tDynamic(lang, message.key)));
  }
  return out;
}
