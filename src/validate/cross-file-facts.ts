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

/** A list entry's id (departments, staff, prospects), with where the entry is in its list. */
export interface IdFact {
  id: string;
  index: number;
}

/** A staff or prospect entry that has both a name and an id: what a name written for an id is matched against. */
export interface NameFact {
  name: string;
  id: string;
}

/** A staff entry's fields that rules across files (and across its folder) read. */
export interface StaffFact {
  index: number;
  /** `name` and `phone` as written (both strings) and the entry's id: the same person recorded twice. */
  name?: string;
  phone?: string;
  id?: string;
  /** `left` and `joined` as written, kept only when both are real days and `left` is earlier. */
  leftBeforeJoined?: { left: string; joined: string };
  /** `conversion.branch`, when it is a string. */
  conversionBranch?: string;
}

/** A reference to check: where it is (path inside the file) and the value written there. */
export interface ReferenceFact {
  index: number;
  /** For `activities[index].with`: the list's items (non-strings as null), or the string written instead of a list. */
  with?: (string | null)[] | string;
  /** `prospects[index].source.staff` / `.customer`, `sales[index].prospect`, when strings. */
  staff?: string;
  customer?: string;
  prospect?: string;
}

/** The facts of one file; a field is present only for the kinds that have it. */
export interface FileFacts {
  /** Whether the file parsed to nothing usable (undefined or null): who is in it is unknown. */
  empty: boolean;
  /** branch.yaml, when it is a mapping with a string id. */
  branch?: { id: string; department?: string; parent?: string; level?: string };
  /** departments.yaml's departments, staff.yaml's staff, prospects.yaml's prospects. */
  ids?: IdFact[];
  /** staff.yaml and prospects.yaml: names with ids, in list order. */
  names?: NameFact[];
  /** staff.yaml. */
  staff?: StaffFact[];
  /** activities.yaml (`with`), prospects.yaml (`source`), kpis.yaml (`sales`). */
  references?: ReferenceFact[];
  /** kpis.yaml's months, as written (strings only). */
  months?: { month: string; index: number }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The entries of `data[listKey]` that are mappings, with their indexes. */
export function listEntries(data: unknown, listKey: string): { entry: Record<string, unknown>; index: number }[] {
  if (!isRecord(data)) return [];
  const list = data[listKey];
  if (!Array.isArray(list)) return [];
  const out: { entry: Record<string, unknown>; index: number }[] = [];
  list.forEach((entry: unknown, index: number) => {
    if (isRecord(entry)) out.push({ entry, index });
  });
  return out;
}

const LIST_KEY: Readonly<Partial<Record<string, string>>> = { departments: "departments", staff: "staff", prospects: "prospects" };

/** The facts of a file of `kind` whose parsed value is `data` (undefined when it did not parse). */
export function factsOf(kind: string, data: unknown): FileFacts {
  const facts: FileFacts = { empty: data === undefined || data === null };
  const listKey = LIST_KEY[kind];
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
  if (listKey === undefined && kind !== "activities" && kind !== "kpis") return facts;
  if (listKey !== undefined) {
    const ids: IdFact[] = [];
    const names: NameFact[] = [];
    const staff: StaffFact[] = [];
    const references: ReferenceFact[] = [];
    for (const { entry, index } of listEntries(data, listKey)) {
      const id = typeof entry.id === "string" ? entry.id : undefined;
      if (id !== undefined) ids.push({ id, index });
      if (kind === "departments") continue;
      if (id !== undefined && typeof entry.name === "string") names.push({ name: entry.name, id });
      if (kind === "staff") {
        const fact: StaffFact = { index };
        if (typeof entry.name === "string" && typeof entry.phone === "string" && id !== undefined) Object.assign(fact, { name: entry.name, phone: entry.phone, id });
        const left = typeof entry.left === "string" ? parseDate(entry.left) : null;
        const joined = typeof entry.joined === "string" ? parseDate(entry.joined) : null;
        if (left !== null && joined !== null && left < joined) fact.leftBeforeJoined = { left: String(entry.left), joined: String(entry.joined) };
        const conversion = entry.conversion;
        if (isRecord(conversion) && typeof conversion.branch === "string") fact.conversionBranch = conversion.branch;
        staff.push(fact);
      } else {
        const source = entry.source;
        if (!isRecord(source)) continue;
        const reference: ReferenceFact = { index };
        if (typeof source.staff === "string") reference.staff = source.staff;
        if (typeof source.customer === "string") reference.customer = source.customer;
        if (reference.staff !== undefined || reference.customer !== undefined) references.push(reference);
      }
    }
    facts.ids = ids;
    if (kind !== "departments") facts.names = names;
    if (kind === "staff") facts.staff = staff;
    if (kind === "prospects") facts.references = references;
    return facts;
  }
  const references: ReferenceFact[] = [];
  if (kind === "activities") {
    for (const { entry, index } of listEntries(data, "activities")) {
      const written = entry.with;
      if (typeof written === "string") references.push({ index, with: written });
      else if (Array.isArray(written)) references.push({ index, with: written.map((item: unknown) => (typeof item === "string" ? item : null)) });
    }
  } else {
    for (const { entry, index } of listEntries(data, "sales")) {
      if (typeof entry.prospect === "string") references.push({ index, prospect: entry.prospect });
    }
    const months: { month: string; index: number }[] = [];
    for (const { entry, index } of listEntries(data, "months")) {
      if (typeof entry.month === "string") months.push({ month: entry.month, index });
    }
    facts.months = months;
  }
  facts.references = references;
  return facts;
}
