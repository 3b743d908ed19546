/**
 * What the cross-file rules (cross-file.ts) read of each file, taken from its parsed value as
 * soon as the file is checked (issue 29). A cold `validate` of a head office used to hold every
 * file's whole parsed value until the rules had run (1.3 GB at 2,000 branches); these facts are
 * the few fields the rules look at, each with the index of the list entry it came from, so the
 * value itself can be let go (a worker thread sends only these). A finding is still located
 * from the file's text, re-parsed for the few files that have one.
 *
 * Every field keeps the rules' own reading of the value: what is not a mapping, or a field of
 * another type, is left out exactly where the rules skip it.
 */
import { parseDate } from "../model/values.js";

/**
 * The facts of one file; a field is present only for the kinds that have it. Lists are kept as
 * columns (one array per field, the same position in each for one entry) rather than an object
 * per entry: at 2,000 branches there are 1.2 million of them, and an object each was 260 MB.
 */
export interface FileFacts {
  /** Whether the file parsed to nothing usable (undefined or null): who is in it is unknown. */
  empty: boolean;
  /** branch.yaml, when it is a mapping with a string id. */
  branch?: { id: string; department?: string; parent?: string; level?: string };
  /** departments.yaml's departments, staff.yaml's staff, prospects.yaml's prospects: each string id, in list order. */
  ids?: string[];
  /** For each of `ids`, the index of its entry in the list. */
  idAt?: number[];
  /** staff.yaml and prospects.yaml: for each of `ids`, the entry's name when it is a string, else null. */
  names?: (string | null)[];
  /** staff.yaml: for each of `ids`, the entry's phone when it is a string, else null. */
  phones?: (string | null)[];
  /** staff.yaml: entries whose `left` and `joined` are real days and `left` the earlier, as written. */
  leftBeforeJoined?: { index: number; left: string; joined: string }[];
  /** staff.yaml: entries' `conversion.branch`, when it is a string. */
  conversions?: { index: number; branch: string }[];
  /**
   * The references to check, in the order of the file: each one's entry index (`refAt`), slot
   * (`refSlot`) and the id written (`refIds`). The slot is, in activities.yaml, the position in
   * `with` (-1: `with` written as one string instead of a list); in prospects.yaml 0 for
   * `source.staff` and 1 for `source.customer`; in kpis.yaml 0 (`sales[].prospect`). Only
   * strings are kept: the rules skip anything else.
   */
  refAt?: number[];
  refSlot?: number[];
  refIds?: string[];
  /** kpis.yaml's months (strings only) and their entries' indexes. */
  months?: string[];
  monthAt?: number[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Calls `visit` with each entry of `data[listKey]` that is a mapping, and its index. Issue 29:
 * a callback rather than a list of `{ entry, index }`, an object each per entry of a head
 * office's 200,000-row staff file. (By index: a parsed value has no holes.)
 */
function forEachEntry(data: unknown, listKey: string, visit: (entry: Record<string, unknown>, index: number) => void): void {
  if (!isRecord(data)) return;
  const list = data[listKey];
  if (!Array.isArray(list)) return;
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (isRecord(entry)) visit(entry, index);
  }
}

const LIST_KEY: Readonly<Partial<Record<string, string>>> = { departments: "departments", staff: "staff", prospects: "prospects" };

/** The facts of a file of `kind` whose parsed value is `data` (undefined when it did not parse). */
export function factsOf(kind: string, data: unknown): FileFacts {
  const facts: FileFacts = { empty: data === undefined || data === null };
  if (kind === "branch") {
    if (isRecord(data) && typeof data.id === "string") {
      const { department, parent, level } = data;
      facts.branch = {
        id: data.id,
        ...(typeof department === "string" ? { department } : {}),
        ...(typeof parent === "string" ? { parent } : {}),
        ...(typeof level === "string" ? { level } : {}),
      };
    }
    return facts;
  }
  const refAt: number[] = [];
  const refSlot: number[] = [];
  const refIds: string[] = [];
  const reference = (index: number, slot: number, id: unknown) => {
    if (typeof id !== "string") return;
    refAt.push(index);
    refSlot.push(slot);
    refIds.push(id);
  };
  const listKey = LIST_KEY[kind];
  if (listKey !== undefined) {
    const ids: string[] = [];
    const idAt: number[] = [];
    const names: (string | null)[] = [];
    const phones: (string | null)[] = [];
    const leftBeforeJoined: { index: number; left: string; joined: string }[] = [];
    const conversions: { index: number; branch: string }[] = [];
    forEachEntry(data, listKey, (entry, index) => {
      if (typeof entry.id === "string") {
        ids.push(entry.id);
        idAt.push(index);
        names.push(typeof entry.name === "string" ? entry.name : null);
        phones.push(typeof entry.phone === "string" ? entry.phone : null);
      }
      if (kind === "staff") {
        // `joined` read only when `left` is a day: most people have not left (issue 29).
        const left = typeof entry.left === "string" ? parseDate(entry.left) : null;
        const joined = left !== null && typeof entry.joined === "string" ? parseDate(entry.joined) : null;
        if (left !== null && joined !== null && left < joined) leftBeforeJoined.push({ index, left: String(entry.left), joined: String(entry.joined) });
        const conversion = entry.conversion;
        if (isRecord(conversion) && typeof conversion.branch === "string") conversions.push({ index, branch: conversion.branch });
      } else if (kind === "prospects" && isRecord(entry.source)) {
        reference(index, 0, entry.source.staff);
        reference(index, 1, entry.source.customer);
      }
    });
    Object.assign(facts, { ids, idAt });
    if (kind !== "departments") facts.names = names;
    if (kind === "staff") Object.assign(facts, { phones, leftBeforeJoined, conversions });
    if (kind === "prospects") Object.assign(facts, { refAt, refSlot, refIds });
    return facts;
  }
  if (kind === "activities") {
    forEachEntry(data, "activities", (entry, index) => {
      const written = entry.with;
      if (typeof written === "string") reference(index, -1, written);
      else if (Array.isArray(written)) written.forEach((item: unknown, i: number) => reference(index, i, item));
    });
    Object.assign(facts, { refAt, refSlot, refIds });
  } else if (kind === "kpis") {
    forEachEntry(data, "sales", (entry, index) => reference(index, 0, entry.prospect));
    const months: string[] = [];
    const monthAt: number[] = [];
    forEachEntry(data, "months", (entry, index) => {
      if (typeof entry.month !== "string") return;
      months.push(entry.month);
      monthAt.push(index);
    });
    Object.assign(facts, { refAt, refSlot, refIds, months, monthAt });
  }
  return facts;
}
