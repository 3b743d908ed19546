/**
 * Every message's text by language: the sections of messages/ read one language at a time.
 *
 * The bundle replaces this module with a reader of one JSON file per language,
 * dist/messages/<lang>.json (scripts/bundle.mjs, made by calling this module at build time):
 * a run reads and parses only the language it speaks, and no start loads ~1500 string
 * constants, or both languages, with its code. Tests and the tsc build use this module as written.
 */
import type { Bilingual, Lang } from "./catalog.js";
import { CLI_MESSAGES } from "./messages/cli.js";
import { DIAGNOSTIC_MESSAGES, DIAGNOSTIC_PART_MESSAGES } from "./messages/diagnostics.js";
import { HELP_MESSAGES } from "./messages/help.js";
import { LABEL_MESSAGES } from "./messages/labels.js";
import { MONEY_MESSAGES } from "./messages/money.js";
import { FOLLOWUP_MESSAGES } from "./messages/followups.js";
import { REPORT_MESSAGES } from "./messages/reports.js";
import { SAFETY_MESSAGES } from "./messages/safety.js";
import { SPREADSHEET_MESSAGES } from "./messages/spreadsheets.js";
import { HISTORY_MESSAGES } from "./messages/history.js";
// issue 27: channel serve
import { SERVE_MESSAGES } from "./messages/serve.js";
// Issue 25: show and add.
import { CARD_MESSAGES } from "./messages/cards.js";
// issue 28
import { HARDENING_MESSAGES } from "./messages/hardening.js";

/** The sections, the one list of them: catalog.ts takes its key type from here. */
const SECTIONS = [
  CLI_MESSAGES,
  HELP_MESSAGES,
  DIAGNOSTIC_MESSAGES,
  LABEL_MESSAGES,
  MONEY_MESSAGES,
  FOLLOWUP_MESSAGES,
  REPORT_MESSAGES,
  SAFETY_MESSAGES,
  SPREADSHEET_MESSAGES,
  DIAGNOSTIC_PART_MESSAGES,
  HISTORY_MESSAGES,
  // issue 27: channel serve
  SERVE_MESSAGES,
  // Issue 25.
  CARD_MESSAGES,
  // issue 28
  HARDENING_MESSAGES,
] as const;

type KeysOf<T> = T extends unknown ? keyof T : never;

/** Every message key of every section. */
export type SectionKey = KeysOf<(typeof SECTIONS)[number]>;

/** Every message in `lang`, by key (a new object on each call; catalog.ts keeps one per language). */
export function messageTexts(lang: Lang): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const section of SECTIONS as readonly Readonly<Record<string, Bilingual>>[]) for (const key of Object.keys(section)) texts[key] = section[key]![lang];
  return texts;
}
