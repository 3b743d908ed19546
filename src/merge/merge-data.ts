/**
 * The three-way merge of a branch data file's plain data (no text): what the merged file must
 * hold, and which fields both sides changed to different values. Pure; the text is made from
 * this by merge-text.ts.
 *
 * - A list of records with an identity (staff and prospects by `id`, KPI months by `month`,
 *   competitors by `name`, targets by `metric`+`period`, sales by `date`+`product`+`amount`+
 *   `prospect`) is merged record by record, and a record field by field.
 * - The contact log (`activities`), and any list whose records have no usable identity, is a
 *   multiset of entries: an entry added on both sides is there once, an entry deleted on one side
 *   and left alone on the other is deleted; activities are kept in date order.
 * - A field changed on one side takes that side's value; changed on both to the same value, that
 *   value; changed on both to different values it is a conflict — unless both values are lists,
 *   which are merged as multisets (two purchases added to one prospect on two clones).
 * - A record deleted on one side and changed on the other is kept, as changed: losing a change
 *   is worse than keeping a record somebody meant to delete (people who leave keep their record).
 */

/** A plain YAML value as `toJS` gives it. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };
type PlainMap = { [key: string]: Plain };

/** Two values changed differently on both sides: `path` leads from the file's top to the field. */
export interface FieldConflict {
  /** Keys from the top of the file: `["prospects", "p-ma-009", "next_followup"]` (a record by its identity). */
  path: string[];
  /** Ours (undefined: the field is absent on our side). */
  ours: Plain | undefined;
  theirs: Plain | undefined;
}

/** One item of a merged list, with where it came from. */
export interface MergedItem {
  /** Its identity: the record's key, or for a multiset entry its content and occurrence. */
  key: string;
  /** The merged value (with conflicts: ours where they differ). */
  value: Plain;
  /** The value with theirs where they differ (equal to `value` without conflicts). */
  theirsValue: Plain;
  /** Its index in our list, or null when it is not there. */
  oursIndex: number | null;
  /** Its index in their list, or null. */
  theirsIndex: number | null;
  conflicts: FieldConflict[];
}

/** How a top-level list of a kind of file is merged. */
export type ListRule = { kind: "records"; keyOf: (record: PlainMap) => string | null } | { kind: "entries"; dated: boolean };

const byFields =
  (...fields: string[]) =>
  (record: PlainMap): string | null => {
    const parts = fields.map((f) => record[f]);
    if (parts[0] === undefined || parts[0] === null) return null;
    return parts.map((p) => (p === undefined ? "" : canonical(p))).join("\u0000");
  };

/** The lists of each branch file and how they merge; any other top-level key is one field. */
export const LIST_RULES: Readonly<Record<string, Readonly<Record<string, ListRule>>>> = {
  "activities.yaml": { activities: { kind: "entries", dated: true } },
  "staff.yaml": { staff: { kind: "records", keyOf: byFields("id") } },
  "prospects.yaml": { prospects: { kind: "records", keyOf: byFields("id") } },
  "kpis.yaml": {
    months: { kind: "records", keyOf: byFields("month") },
    targets: { kind: "records", keyOf: byFields("metric", "period") },
    sales: { kind: "records", keyOf: byFields("date", "product", "amount", "prospect") },
  },
  "competitors.yaml": { competitors: { kind: "records", keyOf: byFields("name") } },
  "branch.yaml": {},
};

/** The value with mapping keys in sorted order, as JSON: equal for equal data whatever the key order. */
export function canonical(value: Plain | undefined): string {
  if (value === undefined) return "\u0000absent";
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: Plain): Plain {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainMap(value)) {
    const out: PlainMap = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]!);
    return out;
  }
  return value;
}

export function isPlainMap(value: Plain | undefined): value is PlainMap {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}

const same = (a: Plain | undefined, b: Plain | undefined) => canonical(a) === canonical(b);

/** The merge of one value (a field, or a whole top-level key); `path` names it in conflicts. */
export function mergeValue(base: Plain | undefined, ours: Plain | undefined, theirs: Plain | undefined, path: string[]): { value: Plain | undefined; theirsValue: Plain | undefined; conflicts: FieldConflict[] } {
  if (same(ours, theirs) || same(base, theirs)) return { value: ours, theirsValue: ours, conflicts: [] };
  if (same(base, ours)) return { value: theirs, theirsValue: theirs, conflicts: [] };
  if (isPlainMap(ours) && isPlainMap(theirs) && (base === undefined || isPlainMap(base))) return mergeMap(base, ours, theirs, path);
  if (Array.isArray(ours) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const items = mergeList(base ?? [], ours, theirs, { kind: "entries", dated: false }, path);
    if (items !== null) {
      const value = items.map((i) => i.value);
      return { value, theirsValue: value, conflicts: [] };
    }
  }
  return { value: ours, theirsValue: theirs, conflicts: [{ path, ours, theirs }] };
}

/** Field by field; keys in our order, then theirs' new keys in their order. */
export function mergeMap(base: PlainMap | undefined, ours: PlainMap, theirs: PlainMap, path: string[]): { value: PlainMap; theirsValue: PlainMap; conflicts: FieldConflict[] } {
  const value: PlainMap = {};
  const theirsValue: PlainMap = {};
  const conflicts: FieldConflict[] = [];
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !(k in ours)), ...Object.keys(base ?? {}).filter((k) => !(k in ours) && !(k in theirs))];
  for (const key of keys) {
    const merged = mergeValue(base?.[key], ours[key], theirs[key], [...path, key]);
    if (merged.value !== undefined) value[key] = merged.value;
    if (merged.theirsValue !== undefined) theirsValue[key] = merged.theirsValue;
    conflicts.push(...merged.conflicts);
  }
  return { value, theirsValue, conflicts };
}

/**
 * The merge of a list by `rule`, in order: our items (less the deleted), with their new items
 * placed after the item that precedes them on their side — or, for dated entries, after the
 * last item dated on or before them. Null when the list cannot be merged by record (a key
 * used twice on one side): the caller then merges it as entries.
 */
export function mergeList(base: Plain[], ours: Plain[], theirs: Plain[], rule: ListRule, path: string[]): MergedItem[] | null {
  if (rule.kind === "records") {
    const keyed = [base, ours, theirs].map((list) => keyRecords(list, rule.keyOf));
    if (keyed.every((k) => k !== null)) return mergeKeyed(keyed[0]!, keyed[1]!, keyed[2]!, path);
    return mergeEntries(base, ours, theirs, false);
  }
  return mergeEntries(base, ours, theirs, rule.dated);
}

/** Records by key, in order; null when one has no key or a key is used twice. */
function keyRecords(list: Plain[], keyOf: (r: PlainMap) => string | null): [string, Plain][] | null {
  const seen = new Set<string>();
  const out: [string, Plain][] = [];
  for (const item of list) {
    const key = isPlainMap(item) ? keyOf(item) : null;
    if (key === null || seen.has(key)) return null;
    seen.add(key);
    out.push([key, item]);
  }
  return out;
}

/** A key as people read it (the id, or the parts of a composite key joined by spaces). */
export function displayKey(key: string): string {
  return key
    .split("\u0000")
    .map((part) => {
      try {
        const v = JSON.parse(part) as unknown;
        return typeof v === "string" ? v : part;
      } catch {
        return part;
      }
    })
    .filter((p) => p !== "")
    .join(" ");
}

function mergeKeyed(base: [string, Plain][], ours: [string, Plain][], theirs: [string, Plain][], path: string[]): MergedItem[] {
  const baseMap = new Map(base);
  const oursMap = new Map(ours.map(([k], i) => [k, i]));
  const theirsMap = new Map(theirs.map(([k], i) => [k, i]));
  const merged: MergedItem[] = [];
  const place = (key: string): MergedItem | null => {
    const b = baseMap.get(key);
    const oi = oursMap.get(key);
    const ti = theirsMap.get(key);
    const o = oi === undefined ? undefined : ours[oi]![1];
    const t = ti === undefined ? undefined : theirs[ti]![1];
    const index = { oursIndex: oi ?? null, theirsIndex: ti ?? null };
    if (o === undefined && t === undefined) return null;
    if (o === undefined) {
      // Deleted by us: gone if they left it alone, kept as they changed it otherwise.
      if (b !== undefined && same(b, t)) return null;
      return { key, value: t!, theirsValue: t!, ...index, conflicts: [] };
    }
    if (t === undefined) {
      if (b !== undefined && same(b, o)) return null;
      return { key, value: o, theirsValue: o, ...index, conflicts: [] };
    }
    const m = mergeValue(b, o, t, [...path, displayKey(key)]);
    return { key, value: m.value!, theirsValue: m.theirsValue!, ...index, conflicts: m.conflicts };
  };
  for (const [key] of ours) {
    const item = place(key);
    if (item !== null) merged.push(item);
  }
  // Their new records after the record that precedes them on their side.
  let anchor = -1;
  for (const [key] of theirs) {
    const at = merged.findIndex((m) => m.key === key);
    if (at >= 0) {
      anchor = at;
      continue;
    }
    const item = place(key);
    if (item === null) continue;
    merged.splice(anchor + 1, 0, item);
    anchor++;
  }
  return merged;
}

/** The list as a multiset of entries (see the module's comment). */
function mergeEntries(base: Plain[], ours: Plain[], theirs: Plain[], dated: boolean): MergedItem[] {
  const count = (list: Plain[]) => {
    const counts = new Map<string, number>();
    for (const item of list) counts.set(canonical(item), (counts.get(canonical(item)) ?? 0) + 1);
    return counts;
  };
  const [cb, co, ct] = [count(base), count(ours), count(theirs)];
  const want = (c: string): number => {
    const [b, o, t] = [cb.get(c) ?? 0, co.get(c) ?? 0, ct.get(c) ?? 0];
    if (o === t || b === t) return o;
    if (b === o) return t;
    return Math.max(0, o + t - b);
  };
  const merged: MergedItem[] = [];
  const keptOfOurs = new Map<string, number>();
  ours.forEach((item, i) => {
    const c = canonical(item);
    const n = keptOfOurs.get(c) ?? 0;
    if (n >= want(c)) return;
    keptOfOurs.set(c, n + 1);
    merged.push({ key: `${c}#${n}`, value: item, theirsValue: item, oursIndex: i, theirsIndex: null, conflicts: [] });
  });
  const seenOfTheirs = new Map<string, number>();
  let anchor = -1;
  theirs.forEach((item, i) => {
    const c = canonical(item);
    const n = seenOfTheirs.get(c) ?? 0;
    seenOfTheirs.set(c, n + 1);
    const existing = merged.findIndex((m) => m.key === `${c}#${n}`);
    if (existing >= 0) {
      merged[existing]!.theirsIndex = i;
      anchor = existing;
      return;
    }
    if (n >= want(c)) return;
    const entry: MergedItem = { key: `${c}#${n}`, value: item, theirsValue: item, oursIndex: null, theirsIndex: i, conflicts: [] };
    const at = dated ? afterLastDatedBy(merged, dateOf(item)) : anchor + 1;
    merged.splice(at, 0, entry);
    anchor = at;
  });
  return merged;
}

function dateOf(item: Plain): string {
  return isPlainMap(item) && typeof item.date === "string" ? item.date : "";
}

/** The index after the last item dated on or before `date` (0 when none is). */
function afterLastDatedBy(items: MergedItem[], date: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (dateOf(items[i]!.value) <= date) return i + 1;
  return 0;
}

/** The merge of a whole file's data (a mapping at the top). */
export interface MergedFile {
  /** Top-level key → merged list items, for the keys merged as lists. */
  lists: Map<string, MergedItem[]>;
  /** The merged data with ours where fields conflict. */
  value: PlainMap;
  /** The merged data with theirs where fields conflict. */
  theirsValue: PlainMap;
  conflicts: FieldConflict[];
}

/** Merges a branch file's data; `rules` are the file's lists (LIST_RULES). */
export function mergeFileData(base: PlainMap, ours: PlainMap, theirs: PlainMap, rules: Readonly<Record<string, ListRule>>): MergedFile {
  const lists = new Map<string, MergedItem[]>();
  const value: PlainMap = {};
  const theirsValue: PlainMap = {};
  const conflicts: FieldConflict[] = [];
  const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !(k in ours)), ...Object.keys(base).filter((k) => !(k in ours) && !(k in theirs))];
  for (const key of keys) {
    const rule = rules[key];
    const [b, o, t] = [base[key], ours[key], theirs[key]];
    const asList = (v: Plain | undefined): Plain[] | null => (v === undefined || v === null ? [] : Array.isArray(v) ? v : null);
    const [lb, lo, lt] = [asList(b), asList(o), asList(t)];
    if (rule !== undefined && lb !== null && lo !== null && lt !== null && !same(o, t) && !same(b, t) && !same(b, o)) {
      const items = mergeList(lb, lo, lt, rule, [key])!;
      lists.set(key, items);
      value[key] = items.map((i) => i.value);
      theirsValue[key] = items.map((i) => i.theirsValue);
      for (const item of items) conflicts.push(...item.conflicts);
      continue;
    }
    const m = mergeValue(b, o, t, [key]);
    if (m.value !== undefined) value[key] = m.value;
    if (m.theirsValue !== undefined) theirsValue[key] = m.theirsValue;
    conflicts.push(...m.conflicts);
  }
  return { lists, value, theirsValue, conflicts };
}
