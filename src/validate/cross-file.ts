/**
 * Checks that span files: ids unique, references resolving, a branch's id matching its
 * folder. Each rule is a small named function over the parsed files. They read the plain
 * data of every file that parsed, valid or not, and skip what has the wrong shape (the
 * schema pass reports that), so a typo in one record never hides a problem in another.
 */
import type { LoadedFile } from "../load/repository.js";
import { findingAt } from "../load/locate.js";
import { enumCode } from "../model/enum-names.js";
import { compareText, type Finding, type FindingParams } from "../findings.js";
import { nearest } from "./suggest.js";
import type { FileFacts } from "./cross-file-facts.js";

/** A file with the facts the rules read of it (see cross-file-facts.ts); the file locates findings. */
export interface FileWithFacts {
  file: LoadedFile;
  facts: FileFacts;
}

/**
 * A record with an id and where it stands: entry `index` of the file's list `list`, or, for a
 * branch.yaml (list null), the file's top. Issue 29: the path is built by `sitePath` only for
 * a finding; an array per person was a tenth of a second of a head office's import.
 */
interface IdSite {
  id: string;
  file: LoadedFile;
  list: string | null;
  index: number;
}

/** Where a site's record stands in its file, as a path to locate a finding at. */
function sitePath(site: IdSite): (string | number)[] {
  return site.list === null ? [] : [site.list, site.index];
}

/** A branch.yaml with a string id: its facts and where it stands. */
interface BranchSite extends IdSite {
  branch: NonNullable<FileFacts["branch"]>;
}

/** What the cross-file rules look at, gathered once. */
export interface CrossFileIndex {
  files: FileWithFacts[];
  departments: IdSite[];
  branches: BranchSite[];
  staff: IdSite[];
  prospects: IdSite[];
  /**
   * Issue 29: the kinds of file read, when only some were (audit); null when every file was.
   * A reference into a kind not read cannot be checked and is not: no finding, not even a note,
   * since leaving those files alone was the command's choice, not a problem of the data.
   */
  scope: ReadonlySet<LoadedFile["kind"]> | null;
}

export type CrossFileRule = (index: CrossFileIndex) => Finding[];

function idSites(files: FileWithFacts[], kind: LoadedFile["kind"], listKey: string): IdSite[] {
  const sites: IdSite[] = [];
  for (const { file, facts } of files) {
    if (file.kind !== kind) continue;
    const ids = facts.ids ?? [];
    const idAt = facts.idAt ?? [];
    for (let i = 0; i < ids.length; i++) sites.push({ id: ids[i]!, file, list: listKey, index: idAt[i]! });
  }
  return sites;
}

export function buildCrossFileIndex(files: FileWithFacts[], scope: ReadonlySet<LoadedFile["kind"]> | null = null): CrossFileIndex {
  const branches: BranchSite[] = [];
  for (const { file, facts } of files) {
    if (file.kind === "branch" && facts.branch !== undefined) branches.push({ id: facts.branch.id, file, list: null, index: 0, branch: facts.branch });
  }
  return {
    files,
    departments: idSites(files, "departments", "departments"),
    branches,
    staff: idSites(files, "staff", "staff"),
    prospects: idSites(files, "prospects", "prospects"),
    scope,
  };
}

export const branchIdMatchesFolder: CrossFileRule = ({ branches }) =>
  branches
    .filter((site) => site.file.branchFolder !== null && site.id !== site.file.branchFolder)
    .map((site) => findingAt(site.file, "error", "BRANCH_ID_MISMATCH", ["id"], { id: site.id, folder: site.file.branchFolder ?? "" }));

/**
 * Reports every occurrence after the first of an id, naming where the first one is. The lists
 * are one namespace, taken in order (issue 29: not copied into one list first).
 */
function duplicates(lists: readonly IdSite[][], code: "DUPLICATE_ID" | "DUPLICATE_BRANCH_ID" | "DUPLICATE_DEPARTMENT_ID"): Finding[] {
  const first = new Map<string, IdSite>();
  const findings: Finding[] = [];
  for (const sites of lists) {
    for (const site of sites) {
      const earlier = first.get(site.id);
      if (!earlier) {
        first.set(site.id, site);
        continue;
      }
      // Locating needs the file's positions: only done for the few ids that clash.
      const at = findingAt(earlier.file, "error", code, [...sitePath(earlier), "id"], {});
      findings.push(findingAt(site.file, "error", code, [...sitePath(site), "id"], { id: site.id, first: `${at.file}:${at.line}` }));
    }
  }
  return findings;
}

/** Staff and prospects share one namespace: `with` may name either. */
export const personIdsUnique: CrossFileRule = ({ staff, prospects }) => duplicates([staff, prospects], "DUPLICATE_ID");

export const branchIdsUnique: CrossFileRule = ({ branches }) => duplicates([branches], "DUPLICATE_BRANCH_ID");

export const departmentIdsUnique: CrossFileRule = ({ departments }) => duplicates([departments], "DUPLICATE_DEPARTMENT_ID");

export const branchDepartmentsExist: CrossFileRule = ({ branches, departments }) => {
  const known = departments.map((d) => d.id);
  const findings: Finding[] = [];
  for (const site of branches) {
    const department = site.branch.department;
    if (department !== undefined && !known.includes(department)) {
      findings.push(findingAt(site.file, "error", "UNKNOWN_DEPARTMENT", ["department"], { id: department, suggestion: nearest(department, known) }));
    }
  }
  return findings;
};

type Expected = "person" | "staff" | "prospect";

/** The kinds of file whose people a reference may name. */
type PeopleKind = "staff" | "prospects";

/** The file kinds whose records a reference of each kind may name. */
const NAMED_IN: Readonly<Record<Expected, readonly PeopleKind[]>> = {
  person: ["staff", "prospects"],
  staff: ["staff"],
  prospect: ["prospects"],
};

/** What an id is written as: a name in its place is suggested the id of whoever has it. */
const ID_FORM = /^[a-z0-9][a-z0-9-]*$/;

/**
 * What the references are checked against. Issue 29: each part is made on the first reference
 * that needs it (most need only the id sets, and a repository without references none), and a
 * `person` reference is looked up in the staff set and then the prospect set rather than in a
 * copy of both: at a head office each is a Set or Map of hundreds of thousands of entries.
 */
interface ReferenceContext {
  files: FileWithFacts[];
  /** The people of each kind, in file order. */
  sites: Readonly<Record<PeopleKind, IdSite[]>>;
  /** Known ids by kind; sets, since a head office has a hundred thousand of them (see `knownIds`). */
  known: Partial<Record<PeopleKind, Set<string>>>;
  /** The ids a reference of each kind is suggested from (see `candidateIds`). */
  candidates: Partial<Record<Expected, string[]>>;
  /** Ids by the names of the people they belong to (a name held by two people suggests neither); see `idsNamed`. */
  idsByName: Map<string, string[]> | null;
  /** Staff and prospect files that could not be read or are empty: who is in them is unknown. */
  unreadable: LoadedFile[];
  /** How many unresolved references each unreadable file might have answered. */
  skipped: Map<LoadedFile, number>;
  /** The kinds of file read, when only some were (see CrossFileIndex.scope). */
  scope: ReadonlySet<LoadedFile["kind"]> | null;
}

/** The ids of the people of a kind, made on first use. */
function knownIds(context: ReferenceContext, kind: PeopleKind): Set<string> {
  let known = context.known[kind];
  if (known === undefined) {
    known = new Set<string>();
    for (const site of context.sites[kind]) known.add(site.id);
    context.known[kind] = known;
  }
  return known;
}

/** Whether an id is of someone a reference of the kind may name. */
function isKnown(id: string, expected: Expected, context: ReferenceContext): boolean {
  for (const kind of NAMED_IN[expected]) if (knownIds(context, kind).has(id)) return true;
  return false;
}

/** The ids an unknown reference of the kind is suggested from, made on first use (`nearest` takes them in any order). */
function candidateIds(context: ReferenceContext, expected: Expected): string[] {
  return (context.candidates[expected] ??= NAMED_IN[expected].flatMap((kind) => [...knownIds(context, kind)]));
}

/** The ids of the people whose name is `name` (trimmed), the index of names made on first use. */
function idsNamed(context: ReferenceContext, name: string): string[] {
  context.idsByName ??= namesOf(context.files);
  return context.idsByName.get(name.trim()) ?? [];
}

/** What is wrong with a reference: a finding's code and params, or null when nothing is (or it is not checked). */
interface Unresolved {
  code: "NAME_INSTEAD_OF_ID" | "UNKNOWN_REFERENCE";
  params: FindingParams;
}

/**
 * Checks one reference. Issue 29: the caller makes the path and locates the finding only when
 * there is one, so that a reference that resolves (nearly all of them) allocates nothing.
 */
function checkReference(id: string, expected: Expected, context: ReferenceContext): Unresolved | null {
  // Issue 29: who is in files that were not read is unknown, and so is whether a name is someone's.
  if (context.scope !== null && NAMED_IN[expected].some((kind) => !context.scope!.has(kind))) return null;
  if (isKnown(id, expected, context)) return null;
  if (!ID_FORM.test(id)) {
    // The schema reports the malformed id; a person's name in its place is worth more than that.
    const ids = idsNamed(context, id);
    return ids.length === 1 ? { code: "NAME_INSTEAD_OF_ID", params: { value: id, id: ids[0]! } } : null;
  }
  // The id may well be of someone in a file that could not be read: not reported, but counted.
  const couldBeIn = context.unreadable.filter((f) => NAMED_IN[expected].some((kind) => kind === f.kind));
  if (couldBeIn.length > 0) {
    for (const f of couldBeIn) context.skipped.set(f, (context.skipped.get(f) ?? 0) + 1);
    return null;
  }
  return { code: "UNKNOWN_REFERENCE", params: { id, expected, suggestion: nearest(id, candidateIds(context, expected)) } };
}

function namesOf(files: FileWithFacts[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const { file, facts } of files) {
    if (file.kind !== "staff" && file.kind !== "prospects") continue;
    const names = facts.names ?? [];
    for (let i = 0; i < names.length; i++) {
      const written = names[i];
      if (written === null || written === undefined) continue;
      const name = written.trim();
      const id = facts.ids![i]!;
      // Added in place: a copy per name would make 68,000 people of one name quadratic (issue 28).
      const ids = byName.get(name);
      if (ids === undefined) byName.set(name, [id]);
      else ids.push(id);
    }
  }
  return byName;
}

/** Where a reference of a file stands, from its entry's index and slot (see FileFacts.refSlot). */
function referencePath(kind: LoadedFile["kind"], index: number, slot: number): (string | number)[] {
  if (kind === "activities") return ["activities", index, "with", slot];
  if (kind === "prospects") return ["prospects", index, "source", slot === 0 ? "staff" : "customer"];
  return ["sales", index, "prospect"];
}

/** What a reference of a file may name, from its slot. */
function expectedOf(kind: LoadedFile["kind"], slot: number): Expected {
  if (kind === "activities") return "person";
  if (kind === "prospects") return slot === 0 ? "staff" : "prospect";
  return "prospect";
}

export const referencesResolve: CrossFileRule = ({ files, staff, prospects, scope }) => {
  const context: ReferenceContext = {
    files,
    sites: { staff, prospects },
    known: {},
    candidates: {},
    idsByName: null,
    // One broken file must not turn every mention of its people into a false "no such id":
    // those checks are skipped, and one note on the file says how many.
    unreadable: files.filter(({ file, facts }) => (file.kind === "staff" || file.kind === "prospects") && facts.empty).map(({ file }) => file),
    skipped: new Map(),
    scope,
  };
  const findings: Finding[] = [];
  for (const { file, facts } of files) {
    const kind = file.kind;
    if (kind !== "activities" && kind !== "prospects" && kind !== "kpis") continue;
    const refIds = facts.refIds ?? [];
    const refAt = facts.refAt ?? [];
    const refSlot = facts.refSlot ?? [];
    for (let r = 0; r < refIds.length; r++) {
      const id = refIds[r]!;
      const index = refAt[r]!;
      const slot = refSlot[r]!;
      if (kind === "activities" && slot === -1) {
        // `with: 刘国栋`: a list is needed, and an id in it; one finding says both.
        const ids = idsNamed(context, id);
        if (ids.length === 1) findings.push(findingAt(file, "error", "NAME_INSTEAD_OF_ID", ["activities", index, "with"], { value: id, id: `[${ids[0]!}]` }));
        continue;
      }
      const unresolved = checkReference(id, expectedOf(kind, slot), context);
      if (unresolved !== null) findings.push(findingAt(file, "error", unresolved.code, referencePath(kind, index, slot), unresolved.params));
    }
  }
  for (const [file, count] of context.skipped) {
    findings.push({ severity: "warning", code: "REFERENCES_NOT_CHECKED", file: file.file, line: 1, column: 1, path: "", length: 1, params: { count } });
  }
  return findings;
};

export const kpiMonthsUnique: CrossFileRule = ({ files }) => {
  const findings: Finding[] = [];
  for (const { file, facts } of files) {
    if (file.kind !== "kpis") continue;
    const seen = new Set<string>();
    const months = facts.months ?? [];
    for (let i = 0; i < months.length; i++) {
      const month = months[i]!;
      if (seen.has(month)) findings.push(findingAt(file, "warning", "DUPLICATE_MONTH", ["months", facts.monthAt![i]!, "month"], { month }));
      seen.add(month);
    }
  }
  return findings;
};

/** The staff files' facts, in file order. */
function staffFiles(files: FileWithFacts[]): FileWithFacts[] {
  return files.filter(({ file }) => file.kind === "staff").sort((a, b) => compareText(a.file.file, b.file.file));
}

/** A person cannot leave a branch before joining the bank: one of the two dates is mistyped (a date that is no real day is reported by the schema pass alone). */
export const leftNotBeforeJoined: CrossFileRule = ({ files }) =>
  staffFiles(files).flatMap(({ file, facts }) =>
    (facts.leftBeforeJoined ?? []).map(({ index, left, joined }) => findingAt(file, "error", "LEFT_BEFORE_JOINED", ["staff", index, "left"], { left, joined })),
  );

/** The branch folders of the repository: what `conversion.branch` and `parent` may name. */
function branchFolderNames(files: FileWithFacts[]): string[] {
  return [...new Set(files.flatMap(({ file }) => (file.branchFolder === null ? [] : [file.branchFolder])))].sort(compareText);
}

/** `conversion.branch` keeps a conversion with the branch where it happened: that branch must be a folder here. */
export const conversionBranchesExist: CrossFileRule = ({ files }) => {
  const folders = branchFolderNames(files);
  const findings: Finding[] = [];
  for (const { file, facts } of staffFiles(files)) {
    for (const { index, branch } of facts.conversions ?? []) {
      if (folders.includes(branch)) continue;
      findings.push(findingAt(file, "error", "UNKNOWN_REFERENCE", ["staff", index, "conversion", "branch"], { id: branch, expected: "branch", suggestion: nearest(branch, folders) }));
    }
  }
  return findings;
};

/**
 * A `parent` that names a branch folder must name a 分行 folder (and not the branch itself);
 * one that names no folder is the 分行's name, kept as written (a 分行 the repository has no folder for).
 */
export const parentsAreCityBranches: CrossFileRule = ({ branches }) => {
  const levelByFolder = new Map<string, string>();
  for (const site of branches) {
    if (site.file.branchFolder === null) continue;
    levelByFolder.set(site.file.branchFolder, site.branch.level !== undefined ? enumCode("level", site.branch.level) : "sub_branch");
  }
  const findings: Finding[] = [];
  for (const site of branches) {
    const parent = site.branch.parent;
    if (parent === undefined) continue;
    if (parent === site.file.branchFolder) {
      findings.push(findingAt(site.file, "error", "PARENT_IS_ITSELF", ["parent"], { id: parent }));
    } else if (levelByFolder.get(parent) === "sub_branch") {
      // A level the schema rejects is that file's mistake, reported there: not a second one here.
      findings.push(findingAt(site.file, "error", "PARENT_NOT_CITY_BRANCH", ["parent"], { id: parent }));
    }
  }
  return findings;
};

/** The first staff record of a name and phone: the name (trimmed), where it stands and its id. */
interface FirstRecord {
  name: string;
  file: LoadedFile;
  index: number;
  id: string;
}

/**
 * The first record of each name and phone (both trimmed). Issue 29: keyed by phone, then by
 * name only where one phone has more than one name (a branch's landline), rather than by a
 * joined string: one such string per staff member was a fifth of a second of a head office's
 * import, and most phones have one name, so most need no inner map either.
 */
type FirstByPhone = Map<string, FirstRecord | Map<string, FirstRecord>>;

/** The first record of `record`'s name at a phone (trimmed), or undefined: `record` is then the first. */
function firstRecord(first: FirstByPhone, phone: string, record: FirstRecord): FirstRecord | undefined {
  const atPhone = first.get(phone);
  if (atPhone === undefined) {
    first.set(phone, record);
    return undefined;
  }
  if (!(atPhone instanceof Map)) {
    if (atPhone.name === record.name) return atPhone;
    first.set(phone, new Map([[atPhone.name, atPhone], [record.name, record]]));
    return undefined;
  }
  const earlier = atPhone.get(record.name);
  if (earlier === undefined) atPhone.set(record.name, record);
  return earlier;
}

/**
 * The same person recorded in two branches (same name and phone) instead of moved: the second
 * record starts a new history, and the old activities and conversion stay with the first id.
 */
export const personRecordedOnce: CrossFileRule = ({ files }) => {
  const first: FirstByPhone = new Map();
  const findings: Finding[] = [];
  for (const { file, facts } of staffFiles(files)) {
    const ids = facts.ids ?? [];
    for (let i = 0; i < ids.length; i++) {
      const name = facts.names![i];
      const phone = facts.phones![i];
      if (typeof name !== "string" || typeof phone !== "string") continue;
      const id = ids[i]!;
      const index = facts.idAt![i]!;
      const earlier = firstRecord(first, phone.trim(), { name: name.trim(), file, index, id });
      if (earlier === undefined) continue;
      // Within one branch, or under one id (DUPLICATE_ID says that), it is not a move recorded twice.
      if (earlier.file.branchFolder === file.branchFolder || earlier.id === id) continue;
      const at = findingAt(earlier.file, "warning", "DUPLICATE_PERSON", ["staff", earlier.index, "name"], {});
      findings.push(findingAt(file, "warning", "DUPLICATE_PERSON", ["staff", index, "name"], { name, phone, id: earlier.id, first: `${at.file}:${at.line}` }));
    }
  }
  return findings;
};

/** Every cross-file rule, in the order they run. */
export const CROSS_FILE_RULES: readonly CrossFileRule[] = [
  branchIdMatchesFolder,
  branchIdsUnique,
  departmentIdsUnique,
  personIdsUnique,
  branchDepartmentsExist,
  referencesResolve,
  kpiMonthsUnique,
  leftNotBeforeJoined,
  conversionBranchesExist,
  parentsAreCityBranches,
  personRecordedOnce,
];

/** The cross-file findings from each file's facts, taken when it was checked (its value may be gone by now). */
export function checkCrossFileFacts(files: FileWithFacts[], scope: ReadonlySet<LoadedFile["kind"]> | null = null): Finding[] {
  const index = buildCrossFileIndex(files, scope);
  return CROSS_FILE_RULES.flatMap((rule) => rule(index));
}
