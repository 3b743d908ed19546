/**
 * Catalogue entries for an enum's codes whose Chinese is the code's usual name in ENUM_NAMES
 * (src/model/enum-names.ts, the one table of Chinese names: the schemas and the model follow it
 * too), so that the name is written once; only the English is given here.
 */
import { ENUM_NAMES, type EnumKind } from "../../model/enum-names.js";
import type { Bilingual } from "../catalog.js";

/** The codes of an enum kind. */
type Codes<K extends EnumKind> = keyof (typeof ENUM_NAMES)[K] & string;

/** `${prefix}${code}` → { zh: the usual Chinese name, en: `english[code]` } for every code of `kind`. */
export function enumLabels<P extends string, K extends EnumKind>(prefix: P, kind: K, english: Record<Codes<K>, string>): Record<`${P}${Codes<K>}`, Bilingual> {
  const names = ENUM_NAMES[kind] as Readonly<Record<string, readonly string[]>>;
  const labels: Record<string, Bilingual> = {};
  for (const code of Object.keys(names)) labels[`${prefix}${code}`] = { zh: names[code]![0]!, en: (english as Record<string, string>)[code]! };
  return labels as Record<`${P}${Codes<K>}`, Bilingual>;
}
