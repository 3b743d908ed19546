/**
 * The one message catalogue: every user-visible sentence, header and label in zh and en.
 * Messages are templates with `{name}` placeholders; each feature keeps its own section in
 * `messages/`, listed once in texts.ts (which gives the texts, and the keys as a type), so
 * that a missing translation or an unknown key is a type error, not a blank.
 */
import { messageTexts, type SectionKey } from "./texts.js";

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

/** A message in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A key of the catalogue: a typo is a type error. */
export type MessageKey = SectionKey;

/**
 * Each language's messages by key, made on first use: a run reads one language. (The texts
 * come from texts.ts; see there for what the bundle does with them.)
 */
const TABLES: Partial<Record<Lang, Readonly<Record<string, string>>>> = {};

function table(lang: Lang): Readonly<Record<string, string>> {
  return (TABLES[lang] ??= messageTexts(lang));
}

export type MessageParams = Record<string, string | number | undefined | null>;

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return fill(table(lang)[key]!, params);
}

/** Like `t`, for keys computed at run time (`diag.${code}`); unknown keys fall back to the key itself. */
export function tDynamic(lang: Lang, key: string, params: MessageParams = {}): string {
  const texts = table(lang);
  // Own keys only: a computed key such as "constructor" is not a message.
  return Object.hasOwn(texts, key) ? fill(texts[key]!, params) : key;
}

export function hasMessage(key: string): boolean {
  // Both languages have the same keys: ask the table a run has already made.
  return Object.hasOwn(TABLES.zh ?? table("en"), key);
}

function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/**
 * Chooses the language: the flag, else CHANNEL_LANG, else the repository's own (`language` in
 * channel.yaml, asked only when needed: reading it touches the disk), else the locale (zh* →
 * zh), else en. Null for a flag that is neither zh nor en.
 */
export function chooseLang(
  flag: string | undefined,
  env: { CHANNEL_LANG?: string; LC_ALL?: string; LC_MESSAGES?: string; LANG?: string },
  repositoryLang: () => Lang | null = () => null,
): Lang | null {
  const pick = (value: string | undefined): Lang | null | undefined => {
    if (value === undefined || value === "") return undefined;
    const v = value.toLowerCase();
    if (v === "zh" || v === "en") return v;
    return null;
  };
  if (flag !== undefined) return pick(flag) ?? null;
  const fromEnv = pick(env.CHANNEL_LANG);
  if (fromEnv) return fromEnv;
  const fromRepository = repositoryLang();
  if (fromRepository !== null) return fromRepository;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}
