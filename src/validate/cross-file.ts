/**
 * Checks that span files: ids unique, references resolving, a branch's id matching its
 * folder. Each rule is a small named function over the parsed files. They read the plain
 * data of every file that parsed, valid or not, and skip what has the wrong shape (the
 * schema pass reports that), so a typo in one record never hides a problem in another.
 */
import type { LoadedFile } from "../load/repository.js";
import { findingAt } from "../load/locate.js";
import type { Finding, Severity } from "./findings.js";
import { nearest } from "./suggest.js";

/** A record with an id and where it stands. */
interface IdSite {
  id: string;
  file: LoadedFile;
  path: (string | number)[];
}

/** What the cross-file rules look at, gathered once. */
export interface CrossFileIndex {
  files: LoadedFile[];
  departments: IdSite[];
  branches: IdSite[];
  staff: IdSite[];
  prospects: IdSite[];
}

export type CrossFileRule = (index: CrossFileIndex) => Finding[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The entries of `data[listKey]` that are mappings, with their indexes. */
function listEntries(data: unknown, listKey: string): { entry: Record<string, unknown>; index: number }[] {
  if (!isRecord(data)) return [];
  const list = data[listKey];
  if (!Array.isArray(list)) return [];
  const out: { entry: Record<string, unknown>; index: number }[] = [];
  list.forEach((entry: unknown, index: number) => {
    if (isRecord(entry)) out.push({ entry, index });
  });
  return out;
}

function idSites(files: LoadedFile[], kind: LoadedFile["kind"], listKey: string): IdSite[] {
  const sites: IdSite[] = [];
  for (const file of files) {
    if (file.kind !== kind) continue;
    for (const { entry, index } of listEntries(file.data, listKey)) {
      if (typeof entry.id === "string") sites.push({ id: entry.id, file, path: [listKey, index] });
    }
  }
  return sites;
}

export function buildCrossFileIndex(files: LoadedFile[]): CrossFileIndex {
  const branches: IdSite[] = [];
  for (const file of files) {
    if (file.kind === "branch" && isRecord(file.data) && typeof file.data.id === "string") {
      branches.push({ id: file.data.id, file, path: [] });
    }
  }
  return {
    files,
    departments: idSites(files, "departments", "departments"),
    branches,
    staff: idSites(files, "staff", "staff"),
    prospects: idSites(files, "prospects", "prospects"),
  };
}

export const branchIdMatchesFolder: CrossFileRule = ({ branches }) =>
  branches
    .filter((site) => site.file.branchFolder !== null && site.id !== site.file.branchFolder)
    .map((site) => findingAt(site.file, "error", "BRANCH_ID_MISMATCH", ["id"], { id: site.id, folder: site.file.branchFolder ?? "" }));

/** Reports every occurrence after the first of an id, naming where the first one is. */
function duplicates(sites: IdSite[], code: "DUPLICATE_ID" | "DUPLICATE_BRANCH_ID" | "DUPLICATE_DEPARTMENT_ID"): Finding[] {
  const first = new Map<string, IdSite>();
  const findings: Finding[] = [];
  for (const site of sites) {
    const earlier = first.get(site.id);
    if (!earlier) {
      first.set(site.id, site);
      continue;
    }
    // Locating needs the file's positions: only done for the few ids that clash.
    const at = findingAt(earlier.file, "error", code, [...earlier.path, "id"], {});
    findings.push(findingAt(site.file, "error", code, [...site.path, "id"], { id: site.id, first: `${at.file}:${at.line}` }));
  }
  return findings;
}

/** Staff and prospects share one namespace: `with` may name either. */
export const personIdsUnique: CrossFileRule = ({ staff, prospects }) => duplicates([...staff, ...prospects], "DUPLICATE_ID");

export const branchIdsUnique: CrossFileRule = ({ branches }) => duplicates(branches, "DUPLICATE_BRANCH_ID");

export const departmentIdsUnique: CrossFileRule = ({ departments }) => duplicates(departments, "DUPLICATE_DEPARTMENT_ID");

export const branchDepartmentsExist: CrossFileRule = ({ branches, departments }) => {
  const known = departments.map((d) => d.id);
  const findings: Finding[] = [];
  for (const site of branches) {
    const data = site.file.data as Record<string, unknown>;
    const department = data.department;
    if (typeof department === "string" && !known.includes(department)) {
      findings.push(findingAt(site.file, "error", "UNKNOWN_DEPARTMENT", ["department"], { id: department, suggestion: nearest(department, known) }));
    }
  }
  return findings;
};

type Expected = "person" | "staff" | "prospect";

/** Known ids by what a reference may name; sets, since a head office has a hundred thousand of them. */
type KnownIds = Map<Expected, Set<string>>;

function unknownReference(file: LoadedFile, path: (string | number)[], id: unknown, expected: Expected, known: KnownIds, severity: Severity): Finding[] {
  if (typeof id !== "string") return [];
  const candidates = known.get(expected) ?? new Set<string>();
  if (candidates.has(id)) return [];
  return [findingAt(file, severity, "UNKNOWN_REFERENCE", path, { id, expected, suggestion: nearest(id, [...candidates]) })];
}

export const referencesResolve: CrossFileRule = ({ files, staff, prospects }) => {
  const staffIds = staff.map((s) => s.id);
  const prospectIds = prospects.map((p) => p.id);
  const known: KnownIds = new Map([
    ["staff", new Set(staffIds)],
    ["prospect", new Set(prospectIds)],
    ["person", new Set([...staffIds, ...prospectIds])],
  ]);
  // When a staff or prospect file could not be parsed, its ids are unknown: a reference that
  // does not resolve may well be to someone in it. A warning then, so that one broken file
  // does not take the contact logs that name its people down with it.
  const severity: Severity = files.some((f) => (f.kind === "staff" || f.kind === "prospects") && f.data === undefined) ? "warning" : "error";
  const findings: Finding[] = [];
  for (const file of files) {
    if (file.kind === "activities") {
      for (const { entry, index } of listEntries(file.data, "activities")) {
        if (!Array.isArray(entry.with)) continue;
        entry.with.forEach((id: unknown, i: number) => findings.push(...unknownReference(file, ["activities", index, "with", i], id, "person", known, severity)));
      }
    } else if (file.kind === "prospects") {
      for (const { entry, index } of listEntries(file.data, "prospects")) {
        const source = entry.source;
        if (!isRecord(source)) continue;
        findings.push(...unknownReference(file, ["prospects", index, "source", "staff"], source.staff, "staff", known, severity));
        findings.push(...unknownReference(file, ["prospects", index, "source", "customer"], source.customer, "prospect", known, severity));
      }
    } else if (file.kind === "kpis") {
      for (const { entry, index } of listEntries(file.data, "sales")) {
        findings.push(...unknownReference(file, ["sales", index, "prospect"], entry.prospect, "prospect", known, severity));
      }
    }
  }
  return findings;
};

export const kpiMonthsUnique: CrossFileRule = ({ files }) => {
  const findings: Finding[] = [];
  for (const file of files) {
    if (file.kind !== "kpis") continue;
    const seen = new Set<string>();
    for (const { entry, index } of listEntries(file.data, "months")) {
      if (typeof entry.month !== "string") continue;
      if (seen.has(entry.month)) findings.push(findingAt(file, "warning", "DUPLICATE_MONTH", ["months", index, "month"], { month: entry.month }));
      seen.add(entry.month);
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
];

export function checkCrossFile(files: LoadedFile[]): Finding[] {
  const index = buildCrossFileIndex(files);
  return CROSS_FILE_RULES.flatMap((rule) => rule(index));
}
