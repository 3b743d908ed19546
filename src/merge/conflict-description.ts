/**
 * What a conflict block written by the merge driver is about, read back from the block alone
 * (validate does not have the common ancestor): both sides are the same record with every other
 * change applied, so the fields whose values differ between them are exactly the conflicting
 * ones. Pure.
 */
import { parseDocument } from "yaml";
import { oneLineYaml } from "../edit/yaml-list.js";
import { canonical, isPlainMap, type Plain } from "./merge-data.js";

/** One field both sides set differently, with both values written as in a file (`—` when absent). */
export interface ConflictingField {
  field: string;
  ours: string;
  theirs: string;
}

/** The label on the driver's markers: `<<<<<<< ours (channel: p-ma-009)` → `p-ma-009`; null for git's own markers. */
export function recordConflictLabel(markerLine: string): string | null {
  const m = /^<{7} ours \(channel: ([^()\r\n]*)\)\r?$/.exec(markerLine);
  return m ? m[1]! : null;
}

/** The fields that differ between the two sides' lines; null when a side does not read as one record (or one field). */
export function describeRecordConflict(oursLines: string, theirsLines: string): ConflictingField[] | null {
  const ours = readSide(oursLines);
  const theirs = readSide(theirsLines);
  if (ours === null || theirs === null) return null;
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !(k in ours))];
  const fields = keys
    .filter((k) => canonical(ours[k]) !== canonical(theirs[k]))
    .map((field) => ({ field, ours: shown(ours[field]), theirs: shown(theirs[field]) }));
  return fields.length > 0 ? fields : null;
}

function shown(value: Plain | undefined): string {
  return value === undefined ? "—" : oneLineYaml(value);
}

/** A side as a mapping: a list item `- {…}` / `- id: …` (its record), or `key: value` lines (the file's own field). */
function readSide(lines: string): Record<string, Plain> | null {
  const rows = lines.replace(/\r\n/g, "\n").split("\n");
  const indents = rows.filter((r) => r.trim() !== "" && !r.trim().startsWith("#")).map((r) => r.length - r.trimStart().length);
  if (indents.length === 0) return null;
  const cut = Math.min(...indents);
  const text = rows.map((r) => r.slice(Math.min(cut, r.length - r.trimStart().length))).join("\n");
  let data: unknown;
  try {
    const doc = parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true, logLevel: "silent" });
    if (doc.errors.length > 0) return null;
    data = doc.toJS({ maxAliasCount: 10 });
  } catch {
    return null;
  }
  if (Array.isArray(data)) return data.length === 1 && isPlainMap(data[0] as Plain) ? (data[0] as Record<string, Plain>) : null;
  return isPlainMap(data as Plain) ? (data as Record<string, Plain>) : null;
}
