/**
 * What an import would do, decided without touching a file: which row becomes which new
 * record (with its generated id), which rows are duplicates of a record already on file or of
 * an earlier row (and why), which rows fill in what an existing record lacks (`duplicates:
 * fill`), and every cell that cannot be read, by row and column. Pure: the grid, the map and
 * the records on file come in; the plan is data, worded only when it is rendered.
 */
import { enumCode, type EnumKind } from "../model/enum-names.js";
import type { MessageKey, MessageParams } from "../i18n/catalog.js";
import { parseMoney } from "../model/values.js";
import { compareText } from "../findings.js";
import { FIELDS, headerIndex, headerKeys, type FieldDef, type ImportKind } from "./fields.js";
import { highestProspectNumber, prospectId, staffId, type Pinyin } from "./ids.js";
import type { ImportMap, MatchKey } from "./map-file.js";
import { cellText, columnLetter, isEmptyCell, type CellValue, type Grid } from "./sheet.js";
import {
  ACTIVITY_CHOICES,
  labelKey,
  normalise,
  parseBirthday,
  parseCount,
  parseDay,
  parseDayOrTime,
  parseEmail,
  parseGender,
  parseLunarBirthday,
  parseMoneyCell,
  parseName,
  parsePhone,
  parseQq,
  parseText,
  parseYesNo,
  POSITION_CHOICES,
  SOURCE_CHOICES,
  TIER_CHOICES,
  type Parsed,
} from "./values.js";

/** A staff member or prospect as written in the repository. */
export interface ExistingPerson {
  kind: "staff" | "prospects";
  id: string;
  name: string | null;
  phone: string | null;
  branch: string;
  /** Its place in its file's list. */
  index: number;
  /** The entry as parsed. */
  data: Record<string, unknown>;
}

export interface ExistingActivity {
  branch: string;
  date: string;
  kind: string;
  with: string[];
  note: string | null;
}

export interface Existing {
  people: ExistingPerson[];
  activities: ExistingActivity[];
}

export type ColumnStatus = "field" | "extra" | "derived" | "ignored" | "unknown";

export interface ColumnUse {
  /** The column letter: A, B, … */
  column: string;
  index: number;
  header: string;
  field: string | null;
  status: ColumnStatus;
}

/** A cell (or a whole row, when column is null) that could not be read. */
export interface RowProblem {
  row: number;
  column: string | null;
  header: string | null;
  field: string | null;
  value: string | null;
  reason: MessageKey;
  params: MessageParams;
}

export interface Addition {
  row: number;
  id: string | null;
  name: string;
  entry: Record<string, unknown>;
}

export type DuplicateReason = "same_id" | "same_phone" | "same_name" | "same_activity";

/** What a row duplicates: a record on file, or an earlier row of the sheet. */
export interface DuplicateOf {
  id: string | null;
  name: string | null;
  branch: string | null;
  /** The earlier row, when the duplicate is within the sheet. */
  row: number | null;
}

export interface Duplicate {
  row: number;
  name: string;
  reason: DuplicateReason;
  of: DuplicateOf;
  /** Fields both have, with different values (shown, never changed). */
  differs: string[];
}

export interface Fill {
  row: number;
  reason: DuplicateReason;
  of: DuplicateOf;
  /** The index of the existing entry in the target file, or null when filling an earlier row. */
  index: number | null;
  /** The fields added (top-level keys of the record). */
  fields: Record<string, unknown>;
  /**
   * With `--update` (issue 25): fields the record has whose value the row changes, each with the
   * value on file and the row's; empty for a plain fill-in.
   */
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface ImportPlan {
  kind: ImportKind;
  branch: string;
  headerRow: number;
  columns: ColumnUse[];
  /** Required fields with no column and no default: nothing can be imported. */
  missingRequired: string[];
  additions: Addition[];
  duplicates: Duplicate[];
  fills: Fill[];
  problems: RowProblem[];
  /** Rows below the header that hold anything. */
  rowsRead: number;
}

/** The sheet cannot be imported at all (no header row). */
export class PlanError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}

export interface PlanInput {
  kind: ImportKind;
  branch: string;
  grid: Grid;
  map: ImportMap;
  existing: Existing;
  /** Turns names into ids (see `loadPinyin`). */
  pinyin: Pinyin;
  /** The import day: a new prospect's `found` when the sheet gives none (null: not written). */
  importDay?: string | null;
  /**
   * `--update` (issue 25): a row whose id is a record of this file changes that record's fields
   * to the row's values (and fills in what it lacks), instead of being skipped as a duplicate.
   */
  update?: boolean;
}

const HEADER_SCAN_ROWS = 20;

export function planImport(input: PlanInput): ImportPlan {
  const { kind, grid, map } = input;
  const headerRow = findHeaderRow(input);
  const columns = resolveColumns(input, headerRow);
  const used = columns.filter((c) => c.status === "field" || c.status === "extra");
  // A sheet that only fills in existing records (duplicates: fill) may lack a required column (its rows name people on file).
  const missingRequired = FIELDS[kind]
    .filter((d) => d.required && !used.some((c) => c.field === d.field) && !map.defaults.has(d.field))
    .filter((d) => !(map.duplicates === "fill" && kind !== "activities" && d.field !== "name"))
    .map((d) => d.field);
  const plan: ImportPlan = { kind, branch: input.branch, headerRow, columns, missingRequired, additions: [], duplicates: [], fills: [], problems: [], rowsRead: 0 };
  if (missingRequired.length > 0) return plan;

  const state = new PlanState(input, plan);
  for (let i = headerRow; i < grid.rowCount; i++) {
    const cells = grid.row(i);
    if (cells.every((c) => isEmptyCell(c))) continue;
    plan.rowsRead++;
    state.row(i + 1, cells, used);
  }
  state.assignIds();
  return plan;
}

function findHeaderRow(input: PlanInput): number {
  const { grid, map, kind } = input;
  if (map.headerRow !== null) {
    if (map.headerRow > grid.rowCount) throw new PlanError("import.error.headerRowMissing", { row: map.headerRow, rows: grid.rowCount });
    return map.headerRow;
  }
  const index = headerIndex(kind);
  const required = FIELDS[kind].filter((d) => d.required).map((d) => d.field);
  let fallback: number | null = null;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, grid.rowCount); i++) {
    const fields = grid.row(i).flatMap((cell) => {
      if (typeof cell !== "string" || cell.trim() === "") return [];
      const keys = headerKeys(cell);
      const mapped = keys.map((k) => map.columns.get(k)).find((v) => v !== undefined);
      if (mapped !== undefined) return mapped === "ignore" ? [] : [mapped];
      const def = keys.map((k) => index.get(k)).find((d) => d !== undefined);
      return def === undefined ? [] : [def.field];
    });
    if (fields.length >= 2) return i + 1;
    if (fallback === null && fields.some((field) => required.includes(field))) fallback = i + 1;
  }
  if (fallback !== null) return fallback;
  throw new PlanError("import.error.noHeader", { rows: Math.min(HEADER_SCAN_ROWS, grid.rowCount) });
}

function resolveColumns(input: PlanInput, headerRow: number): ColumnUse[] {
  const { kind, map } = input;
  const index = headerIndex(kind);
  const cells = input.grid.row(headerRow - 1);
  const seen = new Set<string>();
  const columns: ColumnUse[] = [];
  cells.forEach((cell, i) => {
    if (isEmptyCell(cell)) return;
    const header = normalise(cellText(cell));
    const keys = headerKeys(header);
    const mapped = keys.map((k) => map.columns.get(k)).find((v) => v !== undefined);
    const column = columnLetter(i);
    if (mapped === "ignore") {
      columns.push({ column, index: i, header, field: null, status: "ignored" });
      return;
    }
    const def = mapped !== undefined ? FIELDS[kind].find((d) => d.field === mapped) : keys.map((k) => index.get(k)).find((d) => d !== undefined);
    if (def === undefined) columns.push({ column, index: i, header, field: null, status: "unknown" });
    else if (def.type === "derived") columns.push({ column, index: i, header, field: def.field, status: "derived" });
    else {
      columns.push({ column, index: i, header, field: def.field, status: seen.has(def.field) ? "extra" : "field" });
      seen.add(def.field);
    }
  });
  return columns;
}

/** A row read so far: each field's value, and where it came from. */
interface RowValue {
  value: unknown;
  column: ColumnUse | null;
}

interface Pending {
  row: number;
  /** The row's values, kept when a later row may fill them in (`duplicates: fill`), else null. */
  values: Map<string, RowValue> | null;
  addition: Addition;
  /** Its place among the pending rows. */
  position: number;
}

/**
 * Files a record under a key unless an earlier one (by `positionOf`) has it: a row's duplicate is
 * found by lookup, as scanning every record for every row made a sheet of 20,000 rows take a
 * minute. "First" is by position, so a key given later to an earlier record (a fill-in adds a
 * phone) still finds that record.
 */
function addFirst<T>(keys: Map<string, T>, value: string, record: T, positionOf: (record: T) => number): void {
  const known = keys.get(value);
  if (known === undefined || positionOf(record) < positionOf(known)) keys.set(value, record);
}

function lookUp<T>(group: Map<string, T>, value: string | null): T | undefined {
  return value === null ? undefined : group.get(value);
}

/** A name as it is matched. */
const nameValue = (name: string | null): string | null => (name === null ? null : normalise(name));

const byPosition = (p: Pending): number => p.position;

/** A row's missing fields when it misses none: shared, never added to. */
const NO_PROBLEMS: readonly RowProblem[] = Object.freeze([]) as readonly RowProblem[];

/**
 * The keys a row is matched on, each a plain map (issue 29: a million lookups make nothing): id
 * (any kind: the namespace is shared), phone among the import's kind, name among its kind at its
 * branch.
 */
interface KeyMaps<T> {
  id: Map<string, T>;
  phone: Map<string, T>;
  name: Map<string, T>;
}

class PlanState {
  private readonly pending: Pending[] = [];
  // The records on file are all added at the start, in order: the first one added is the first.
  private readonly onFile: KeyMaps<ExistingPerson>;
  private readonly earlier: KeyMaps<Pending> = { id: new Map(), phone: new Map(), name: new Map() };
  private readonly existingIds: Set<string>;
  /** The fields every record of the kind needs. */
  private readonly required: readonly FieldDef[];
  private readonly existingActivities: Set<string>;
  private readonly activityRows = new Map<string, number>();
  private fieldColumns: { used: ColumnUse[]; byField: Map<string, ColumnUse[]> } | null = null;
  private fieldsReadMemo: { used: ColumnUse[]; fields: { def: FieldDef; columns: readonly ColumnUse[] }[] } | null = null;

  constructor(
    private readonly input: PlanInput,
    private readonly plan: ImportPlan,
  ) {
    this.existingIds = new Set(input.existing.people.map((p) => p.id));
    this.onFile = { id: new Map(), phone: new Map(), name: new Map() };
    const inOrder = () => 0;
    for (const p of input.existing.people) {
      addFirst(this.onFile.id, p.id, p, inOrder);
      if (p.kind !== input.kind) continue;
      if (p.phone !== null) addFirst(this.onFile.phone, p.phone, p, inOrder);
      const named = nameValue(p.name);
      if (p.branch === input.branch && named !== null) addFirst(this.onFile.name, named, p, inOrder);
    }
    this.required = FIELDS[input.kind].filter((def) => def.required);
    this.existingActivities = new Set(input.existing.activities.map((a) => activityKey(a.date, a.kind, a.with, a.note)));
  }

  row(row: number, cells: CellValue[], used: ColumnUse[]): void {
    const { kind, map } = this.input;
    const values = new Map<string, RowValue>();
    // Most rows read cleanly: their problem lists are made only when there is one (issue 29).
    let problems: RowProblem[] | null = null;
    for (const { def, columns } of this.fieldsRead(used)) {
      let source: ColumnUse | undefined;
      for (const c of columns) {
        if (!isEmptyCell(cells[c.index])) {
          source = c;
          break;
        }
      }
      let cell: CellValue | undefined = source === undefined ? undefined : cells[source.index];
      if (cell === undefined || cell === null) {
        const fallback = map.defaults.get(def.field);
        if (fallback === undefined) continue;
        cell = fallback;
      }
      const translated = map.values.get(def.field)?.get(labelKey(cellText(cell)));
      const parsed = this.convert(def, translated ?? cell);
      if (parsed.ok) values.set(def.field, { value: parsed.value, column: source ?? null });
      else (problems ??= []).push({ row, column: source?.column ?? null, header: source?.header ?? null, field: def.field, value: cellText(cell), reason: parsed.reason, params: parsed.params ?? {} });
    }
    let missing: readonly RowProblem[] = NO_PROBLEMS;
    for (const def of this.required) {
      if (values.has(def.field) || problems?.some((p) => p.field === def.field) === true) continue;
      const column = used.find((c) => c.field === def.field) ?? null;
      missing = [...missing, { row, column: column?.column ?? null, header: column?.header ?? null, field: def.field, value: null, reason: "import.reason.required", params: { field: def.field } }];
    }
    // A row without its name cannot be matched; one without another required field may still be a duplicate.
    if (missing.length > 0 && (kind === "activities" || missing.some((m) => m.field === "name"))) (problems ??= []).push(...missing);
    if (problems !== null) {
      // In the order the row reads, left to right (a missing cell without a column last).
      const at = (c: string | null) => (c === null ? Infinity : c.length * 100 + c.charCodeAt(c.length - 1));
      this.plan.problems.push(...problems.sort((a, b) => at(a.column) - at(b.column)));
      return;
    }
    if (kind === "activities") this.activityRow(row, values);
    else this.personRow(row, values, missing);
  }

  /**
   * The fields a row can give, with their columns: those with a column or a default (any other
   * field is never read), looked up once per sheet rather than for every row (issue 29).
   */
  private fieldsRead(used: ColumnUse[]): readonly { def: FieldDef; columns: readonly ColumnUse[] }[] {
    if (this.fieldsReadMemo?.used !== used) {
      const { kind, map } = this.input;
      const fields = FIELDS[kind]
        .filter((def) => def.type !== "derived")
        .map((def) => ({ def, columns: this.columnsOf(used, def.field) }))
        .filter(({ def, columns }) => columns.length > 0 || map.defaults.has(def.field));
      this.fieldsReadMemo = { used, fields };
    }
    return this.fieldsReadMemo.fields;
  }

  /** The columns that fill a field, looked up once per sheet rather than for every row (issue 29). */
  private columnsOf(used: ColumnUse[], field: string): readonly ColumnUse[] {
    if (this.fieldColumns?.used !== used) {
      const byField = new Map<string, ColumnUse[]>();
      for (const c of used) if (c.field !== null) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
      this.fieldColumns = { used, byField };
    }
    return this.fieldColumns.byField.get(field) ?? [];
  }

  private convert(def: FieldDef, cell: CellValue): Parsed<unknown> {
    switch (def.type) {
      case "id": {
        const text = normalise(cellText(cell));
        return /^[a-z0-9][a-z0-9-]*$/.test(text) ? { ok: true, value: text } : { ok: false, reason: "import.reason.badId", params: { value: text } };
      }
      case "name":
      case "line":
        return parseName(cell);
      case "text":
        return parseText(cell);
      case "position":
        return POSITION_CHOICES.parse(cell, "import.reason.badPosition");
      case "yesno":
        return parseYesNo(cell);
      case "gender":
        return parseGender(cell);
      case "phone":
        return parsePhone(cell);
      case "qq":
        return parseQq(cell);
      case "email":
        return parseEmail(cell);
      case "day":
        return parseDay(cell);
      case "dayOrTime":
        return parseDayOrTime(cell);
      case "birthday":
        return parseBirthday(cell);
      case "lunar":
        return parseLunarBirthday(cell);
      case "count":
        return parseCount(cell);
      case "money":
        return parseMoneyCell(cell);
      case "tier":
        return TIER_CHOICES.parse(cell, "import.reason.badTier");
      case "source":
        return SOURCE_CHOICES.parse(cell, "import.reason.badSource");
      case "activityKind":
        return ACTIVITY_CHOICES.parse(cell, "import.reason.badActivityKind");
      case "staffRef":
        return this.resolve(cellText(cell), ["staff"]);
      case "customerRef":
        return this.resolve(cellText(cell), ["prospects"]);
      case "people":
      case "peopleIds": {
        const ids: string[] = [];
        for (const part of cellText(cell).split(/[、,，;；/\n]+|\s+/).map((p) => normalise(p)).filter((p) => p !== "")) {
          const found = def.type === "peopleIds" ? this.resolveId(part) : this.resolve(part, ["staff", "prospects"]);
          if (!found.ok) return found;
          if (!ids.includes(found.value)) ids.push(found.value);
        }
        return ids.length === 0 ? { ok: false, reason: "import.reason.empty" } : { ok: true, value: ids };
      }
      case "derived":
        return { ok: true, value: null };
    }
  }

  private resolveId(id: string): Parsed<string> {
    return this.existingIds.has(id) ? { ok: true, value: id } : { ok: false, reason: "import.reason.unknownPerson", params: { value: id } };
  }

  /** An id, else a name: at the branch first, then anywhere in the repository if there it is unique. */
  private resolve(text: string, kinds: ExistingPerson["kind"][]): Parsed<string> {
    const value = normalise(text);
    const people = this.input.existing.people.filter((p) => kinds.includes(p.kind));
    if (people.some((p) => p.id === value)) return { ok: true, value };
    const named = people.filter((p) => p.name !== null && normalise(p.name) === value);
    const here = named.filter((p) => p.branch === this.input.branch);
    const pick = here.length > 0 ? here : named;
    if (pick.length === 1) return { ok: true, value: pick[0]!.id };
    if (pick.length === 0) return { ok: false, reason: "import.reason.unknownPerson", params: { value } };
    return { ok: false, reason: "import.reason.ambiguousPerson", params: { value, ids: pick.map((p) => `${p.id} @ ${p.branch}`).join(", ") } };
  }

  private personRow(row: number, values: Map<string, RowValue>, missing: readonly RowProblem[]): void {
    const { kind, branch, map } = this.input;
    const entry = buildEntry(kind, values, !values.has("id"));
    const name = String(entry.name);
    const phone = typeof entry.phone === "string" ? entry.phone : null;
    const id = typeof entry.id === "string" ? entry.id : null;
    const match = map.match;

    // On file: same id (any kind: the namespace is shared), same phone, same name at this branch.
    const named = nameValue(name);
    const found =
      (has(match, "id") ? hit(lookUp(this.onFile.id, id), "same_id") : null) ??
      (has(match, "phone") ? hit(lookUp(this.onFile.phone, phone), "same_phone") : null) ??
      (has(match, "name") ? hit(lookUp(this.onFile.name, named), "same_name") : null);
    if (found !== null) {
      const { record, reason } = found;
      const of: DuplicateOf = { id: record.id, name: record.name, branch: record.branch, row: null };
      const sameFile = record.kind === kind && record.branch === branch;
      // --update changes records matched by id only: a phone or a name may be shared, an id is not.
      const updating = this.input.update === true && reason === "same_id" && sameFile;
      const fillable = (map.duplicates === "fill" || updating) && sameFile;
      const fields = fillable ? missingFields(entry, record.data) : {};
      const changes = updating ? changedFields(entry, record.data) : {};
      if (Object.keys(fields).length + Object.keys(changes).length > 0) this.plan.fills.push({ row, reason, of, index: record.index, fields, changes });
      else this.plan.duplicates.push({ row, name, reason, of, differs: differingFields(entry, record.data) });
      return;
    }

    // Earlier rows of the sheet.
    const earlier =
      (has(match, "id") ? hit(lookUp(this.earlier.id, id), "same_id") : null) ??
      (has(match, "phone") ? hit(lookUp(this.earlier.phone, phone), "same_phone") : null) ??
      (has(match, "name") ? hit(lookUp(this.earlier.name, named), "same_name") : null);
    if (earlier !== null) {
      const { record, reason } = earlier;
      const of: DuplicateOf = { id: null, name: record.addition.name, branch: null, row: record.row };
      const fields = map.duplicates === "fill" ? missingFields(entry, record.addition.entry) : {};
      if (Object.keys(fields).length > 0 && record.values !== null) {
        for (const [key, value] of values) if (fields[topKey(kind, key)] !== undefined && !record.values.has(key)) record.values.set(key, value);
        record.addition.entry = buildEntry(kind, record.values, !record.values.has("id"));
        this.rememberEarlier(record, nameValue(record.addition.name));
        this.plan.fills.push({ row, reason, of, index: null, fields, changes: {} });
      } else {
        this.plan.duplicates.push({ row, name, reason, of, differs: differingFields(entry, record.addition.entry) });
      }
      return;
    }

    // Not a duplicate: a new record, which needs every required field.
    if (missing.length > 0) {
      this.plan.problems.push(...missing);
      return;
    }
    // A sheet id that is taken but not matched on (match without id) is dropped: a new one is made.
    let changed = false;
    if (id !== null && this.existingIds.has(id)) {
      values.delete("id");
      changed = true;
    }
    // A new prospect is found on the import day unless the sheet says when (never a record on file: its day is not known).
    if (kind === "prospects" && !values.has("found") && (this.input.importDay ?? null) !== null) {
      values.set("found", { value: this.input.importDay, column: null });
      changed = true;
    }
    const addition: Addition = { row, id: null, name, entry: changed ? buildEntry(kind, values, !values.has("id")) : entry };
    // A row's values are kept only where a later row may fill them in (issue 29: 180,000 rows' maps held to the end).
    const pending: Pending = { row, values: map.duplicates === "fill" ? values : null, addition, position: this.pending.length };
    this.pending.push(pending);
    this.rememberEarlier(pending, named);
    this.plan.additions.push(addition);
  }

  /** Files an earlier row under its keys as its entry now reads (again after a fill-in); `named` is its name as looked up. */
  private rememberEarlier(p: Pending, named: string | null): void {
    const { entry } = p.addition;
    if (typeof entry.id === "string") addFirst(this.earlier.id, entry.id, p, byPosition);
    if (typeof entry.phone === "string") addFirst(this.earlier.phone, entry.phone, p, byPosition);
    if (named !== null) addFirst(this.earlier.name, named, p, byPosition);
  }

  private activityRow(row: number, values: Map<string, RowValue>): void {
    const entry = buildEntry("activities", values);
    const key = activityKey(String(entry.date), String(entry.kind), (entry.with as string[] | undefined) ?? [], (entry.note as string | undefined) ?? null);
    const label = `${String(entry.date)} ${String(entry.kind)}`;
    if (this.existingActivities.has(key)) {
      this.plan.duplicates.push({ row, name: label, reason: "same_activity", of: { id: null, name: null, branch: null, row: null }, differs: [] });
      return;
    }
    const earlier = this.activityRows.get(key);
    if (earlier !== undefined) {
      this.plan.duplicates.push({ row, name: label, reason: "same_activity", of: { id: null, name: null, branch: null, row: earlier }, differs: [] });
      return;
    }
    this.activityRows.set(key, row);
    this.plan.additions.push({ row, id: null, name: label, entry });
  }

  /** Ids for the new people, in row order, so the same sheet always gets the same ids. */
  assignIds(): void {
    const { kind } = this.input;
    if (kind === "activities") return;
    const taken = new Set(this.existingIds);
    for (const p of this.pending) if (typeof p.addition.entry.id === "string") taken.add(p.addition.entry.id);
    let last = highestProspectNumber(taken);
    for (const p of this.pending) {
      let id = typeof p.addition.entry.id === "string" ? p.addition.entry.id : null;
      if (id === null) {
        if (kind === "staff") id = staffId(this.input.pinyin, p.addition.name, taken);
        else {
          const made = prospectId(this.input.pinyin, p.addition.name, taken, last);
          id = made.id;
          last = made.number;
        }
        taken.add(id);
        // Into the place buildEntry kept for it, first (issue 29: not a copy of the entry with the id in front).
        p.addition.entry.id = id;
      }
      p.addition.id = id;
    }
  }
}

function has(match: readonly MatchKey[], key: MatchKey): boolean {
  return match.includes(key);
}

function hit<T>(record: T | undefined, reason: DuplicateReason): { record: T; reason: DuplicateReason } | null {
  return record === undefined ? null : { record, reason };
}

export function activityKey(date: string, kind: string, withIds: readonly string[], note: string | null): string {
  return JSON.stringify([date, kind, [...withIds].sort(compareText), note ?? ""]);
}

/** The top-level key a field is written under (`source_staff` → `source`). */
function topKey(kind: ImportKind, field: string): string {
  return FIELDS[kind].find((d) => d.field === field)?.path[0] ?? field;
}

/**
 * The record's entry, keys in the order of the field list, nested fields (`source.staff`) in their
 * objects. With `idSlot`, a person without an id yet gets its place first, `id: undefined`, for
 * assignIds to fill in: every new person gets an id, and a duplicate's entry is compared
 * without it.
 */
function buildEntry(kind: ImportKind, values: Map<string, RowValue>, idSlot = false): Record<string, unknown> {
  const entry: Record<string, unknown> = idSlot ? { id: undefined } : {};
  const set = (path: readonly string[], value: unknown) => {
    if (path.length === 1) {
      entry[path[0]!] = value;
      return;
    }
    const [head, leaf] = path as [string, string];
    const inner = (entry[head] ?? {}) as Record<string, unknown>;
    inner[leaf] = value;
    entry[head] = inner;
  };
  const withIds = values.get("with_ids");
  for (const def of FIELDS[kind]) {
    const got = def.field === "with" && withIds !== undefined ? withIds : def.field === "with_ids" ? undefined : values.get(def.field);
    if (got === undefined || def.path.length === 0) continue;
    // A person is a key person or not: `key: false` is the default and left out.
    if (def.type === "yesno" && got.value === false) continue;
    set(def.path, got.value);
  }
  const source = entry.source as Record<string, unknown> | undefined;
  if (source !== undefined && source.kind === undefined) {
    // A referrer without a kind: the kind follows from who referred.
    entry.source = { kind: source.staff !== undefined ? "staff_referral" : "customer_referral", ...source };
  } else if (source !== undefined) {
    entry.source = { kind: source.kind, ...source };
  }
  return entry;
}

/** The row's top-level fields the existing record does not have (never its id). */
function missingFields(entry: Record<string, unknown>, existing: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === "id" || existing[key] !== undefined) continue;
    out[key] = value;
  }
  return out;
}

/**
 * The fields `--update` changes: those that differ (as `differingFields` compares them) and hold
 * a single value both on file and in the row. A list or a nested record on file (hobbies,
 * source, conversion) is left as it is: a sheet cell cannot say all that it holds.
 */
function changedFields(entry: Record<string, unknown>, existing: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const single = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of differingFields(entry, existing)) {
    if (!single(entry[key]) || !single(existing[key])) continue;
    out[key] = { from: existing[key], to: entry[key] };
  }
  return out;
}

/** Top-level record keys holding money: compared as amounts, since an export writes 1.5万 as 15000. */
const MONEY_KEYS = new Set(Object.values(FIELDS).flatMap((fields) => fields.filter((d) => d.type === "money" && d.path.length === 1).map((d) => d.path[0]!)));

function sameAmount(mine: unknown, theirs: unknown): boolean {
  const yuan = parseMoney(mine);
  return yuan !== null && yuan === parseMoney(theirs);
}

/**
 * Fields both have with different values; a list on file is compared as its items joined with 、,
 * money as the amount it is ("1.5万" on file and 15000 in the sheet are the same).
 */
function differingFields(entry: Record<string, unknown>, existing: Record<string, unknown>): string[] {
  const norm = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) && v.every((x) => typeof x === "string") ? v.join("、") : JSON.stringify(v));
  const differs = (mine: unknown, theirs: unknown): boolean => {
    // A record on file may hold more than a sheet can (converted.account): compare what the row has.
    if (typeof mine === "object" && mine !== null && !Array.isArray(mine) && typeof theirs === "object" && theirs !== null && !Array.isArray(theirs)) {
      return Object.entries(mine).some(([k, v]) => differs(v, (theirs as Record<string, unknown>)[k]));
    }
    return norm(mine) !== norm(theirs);
  };
  // A value on file may be an enum's Chinese name (position: 网点主任), the sheet's is read as the code (issue 24).
  const onFile = (key: string): unknown => (Object.hasOwn(ENUM_KEYS, key) && typeof existing[key] === "string" ? enumCode(ENUM_KEYS[key]!, existing[key]) : existing[key]);
  return Object.keys(entry).filter(
    (key) => key !== "id" && existing[key] !== undefined && !(MONEY_KEYS.has(key) && sameAmount(entry[key], existing[key])) && differs(entry[key], onFile(key)),
  );
}

/** Top-level record keys holding an enum, which files may write as a code or a Chinese name. */
const ENUM_KEYS: Readonly<Record<string, EnumKind>> = { position: "position", gender: "gender", tier: "tier" };
