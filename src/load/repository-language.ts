/**
 * The repository's own language (`language: zh` in channel.yaml), needed before anything else:
 * help, the first error and every message of a run are in it. It is read from the text with
 * one line-by-line look, without the YAML parser, which a run answered from the cache never
 * loads. `channel validate` checks the value with the schema like any other setting.
 */
import * as path from "node:path";
import type { Lang } from "../i18n/catalog.js";
import { readBoundedFile } from "./read-bounded.js";
import { MAX_FILE_BYTES, ROOT_MARKER } from "./repository.js";

/** A top-level `language` key: at the start of the line, quoted or not. */
const LANGUAGE_KEY = /^(?:language|"language"|'language')[ \t]*:/;
/** Its value: zh or en, quoted or not, then nothing but a comment. */
const LANGUAGE_VALUE = /^[ \t]+(?:(zh|en)|"(zh|en)"|'(zh|en)')[ \t]*(?:#.*)?$/;

/** The language that channel.yaml's text sets at its top level; null when it sets none (or not one of zh, en). */
export function languageInSettings(text: string): Lang | null {
  for (const line of text.split(/\r?\n/)) {
    const key = LANGUAGE_KEY.exec(line);
    if (key === null) continue;
    // The first top-level `language` decides; a second one is a duplicate key that validate reports.
    const m = LANGUAGE_VALUE.exec(line.slice(key[0].length));
    return m === null ? null : ((m[1] ?? m[2] ?? m[3]) as Lang);
  }
  return null;
}

/** A top-level `timezone` line: its value quoted or not, then nothing but a comment. */
const TIMEZONE_LINE = /^(?:timezone|"timezone"|'timezone')[ \t]*:[ \t]+(?:"([^"]*)"|'([^']*)'|([^\s#'"]+))[ \t]*(?:#.*)?$/;

/** The timezone that channel.yaml's text sets at its top level, as written; null when it sets none. */
export function timezoneInSettings(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const m = TIMEZONE_LINE.exec(line);
    if (m !== null) return m[1] ?? m[2] ?? m[3] ?? null;
  }
  return null;
}

/** The language set in `root`/channel.yaml; null when there is none or the file cannot be read. */
export function readRepositoryLanguage(root: string): Lang | null {
  const text = readSettingsText(root);
  return text === null ? null : languageInSettings(text);
}

/**
 * The timezone set in `root`/channel.yaml as the work tree has it, before (and without) the
 * data being read: git history is read by the day's end in it. Null when none is set.
 */
export function readRepositoryTimezone(root: string): string | null {
  const text = readSettingsText(root);
  return text === null ? null : timezoneInSettings(text);
}

function readSettingsText(root: string): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(readBoundedFile(path.join(root, ROOT_MARKER), MAX_FILE_BYTES));
  } catch {
    // Unreadable, not UTF-8, not a regular file: validate says so in the language chosen without it.
    return null;
  }
}
