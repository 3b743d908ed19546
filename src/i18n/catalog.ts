/**
 * The one message catalogue: every user-visible sentence, header and label in zh and en.
 * Messages are templates with `{name}` placeholders; each feature keeps its own section in
 * `messages/`, merged here so that a missing translation is a type error, not a blank.
 */
import { CLI_MESSAGES } from "./messages/cli.js";
import { DIAGNOSTIC_MESSAGES } from "./messages/diagnostics.js";
import { LABEL_MESSAGES } from "./messages/labels.js";
import { MONEY_MESSAGES } from "./messages/money.js";
import { FOLLOWUP_MESSAGES } from "./messages/followups.js";
import { REPORT_MESSAGES } from "./messages/reports.js";
import { SAFETY_MESSAGES } from "./messages/safety.js";
import { SPREADSHEET_MESSAGES } from "./messages/spreadsheets.js";

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

/** A message in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

const SECTIONS = [
  CLI_MESSAGES,
  DIAGNOSTIC_MESSAGES,
  LABEL_MESSAGES,
  MONEY_MESSAGES,
  FOLLOWUP_MESSAGES,
  REPORT_MESSAGES,
  SAFETY_MESSAGES,
  SPREADSHEET_MESSAGES,
] as const;

type Sections = typeof CLI_MESSAGES &
  typeof DIAGNOSTIC_MESSAGES &
  typeof LABEL_MESSAGES &
  typeof MONEY_MESSAGES &
  typeof FOLLOWUP_MESSAGES &
  typeof REPORT_MESSAGES &
  typeof SAFETY_MESSAGES &
  typeof SPREADSHEET_MESSAGES;

export type MessageKey = keyof Sections;

/**
 * Every message by key. A Map rather than one object spread together from the sections:
 * spreading ~700 keys into an object literal cost 8 ms of every start (a new hidden class
 * per key); a Map takes a fraction of a millisecond.
 */
export const MESSAGES: ReadonlyMap<string, Bilingual> = new Map(SECTIONS.flatMap((section) => Object.entries(section) as [string, Bilingual][]));

export type MessageParams = Record<string, string | number | undefined | null>;

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return fill(MESSAGES.get(key)![lang], params);
}

/** Like `t`, for keys computed at run time (`diag.${code}`); unknown keys fall back to the key itself. */
export function tDynamic(lang: Lang, key: string, params: MessageParams = {}): string {
  const entry = MESSAGES.get(key);
  return entry ? fill(entry[lang], params) : key;
}

export function hasMessage(key: string): boolean {
  return MESSAGES.has(key);
}

function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Chooses the language: the flag, else CHANNEL_LANG, else the locale (zh* → zh), else en. */
export function chooseLang(flag: string | undefined, env: { CHANNEL_LANG?: string; LC_ALL?: string; LC_MESSAGES?: string; LANG?: string }): Lang | null {
  const pick = (value: string | undefined): Lang | null | undefined => {
    if (value === undefined || value === "") return undefined;
    const v = value.toLowerCase();
    if (v === "zh" || v === "en") return v;
    return null;
  };
  if (flag !== undefined) return pick(flag) ?? null;
  const fromEnv = pick(env.CHANNEL_LANG);
  if (fromEnv) return fromEnv;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}
