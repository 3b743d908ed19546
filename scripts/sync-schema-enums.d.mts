/** Types of scripts/sync-schema-enums.mjs for the tests. */
export interface EnumLocation {
  /** The ENUM_NAMES kind. */
  kind: string;
  /** The message-key prefix of each code's English label. */
  labels: string;
  /** Each place the enum is taken: [schema file, JSON Pointer to the schema object]. */
  at: [string, string][];
}
export const ENUM_LOCATIONS: EnumLocation[];
export function enumArrays(names: Readonly<Record<string, readonly string[]>>, english: (code: string) => string): { values: string[]; descriptions: string[] };
export function syncSchemaTexts(
  texts: [string, string][],
  enumNames: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  english: (key: string) => string,
  locations?: EnumLocation[],
): [string, string][];
/** issue 24: the editor messages ({file, pointer, keyword, key}) set to `text(key)`. */
export function syncSchemaMessages(
  texts: [string, string][],
  messages: readonly { file: string; pointer: string; keyword: string; key: string }[],
  text: (key: string) => string,
): [string, string][];
