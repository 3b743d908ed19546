/**
 * Which of a repository's data files a command reads, by kind (issue 29): `audit` judges the
 * money records (conversions and registrations in staff.yaml, reports in branch.yaml, sales in
 * kpis.yaml) and the settings and departments the bonus and the expense support are computed
 * with, so it has no use for a branch's 拓客 prospects, activities or competitors, which are
 * most of a head office's bytes. A scope never changes what the tree's layout is said to be:
 * only which files are read, checked and modelled.
 */
import { BRANCH_FILE_KINDS, BRANCHES_DIR, DEPARTMENTS_FILE, ROOT_MARKER, type FileKind } from "./repository.js";

/** The kinds of file a command reads; channel.yaml is always among them (it marks the root). */
export type FileScope = ReadonlySet<FileKind>;

/** What `audit` reads: the settings, the departments, and each branch's branch, staff and kpis files. */
export const AUDIT_SCOPE: FileScope = new Set<FileKind>(["channel", "departments", "branch", "staff", "kpis"]);

/** The kind of a data file by its path relative to the data root (`branches/b1/staff.yaml`); null for anything else. */
export function kindOfDataPath(file: string): FileKind | null {
  if (file === ROOT_MARKER) return "channel";
  if (file === DEPARTMENTS_FILE) return "departments";
  const parts = file.split("/");
  if (parts.length !== 3 || parts[0] !== BRANCHES_DIR || parts[1]!.startsWith(".")) return null;
  // Own names only: a file named `constructor` is no kind.
  return Object.hasOwn(BRANCH_FILE_KINDS, parts[2]!) ? BRANCH_FILE_KINDS[parts[2]!]! : null;
}

/** Whether a path relative to the data root is a data file of `scope`. */
export function inScope(scope: FileScope, file: string): boolean {
  const kind = kindOfDataPath(file);
  return kind !== null && scope.has(kind);
}

/**
 * What the audit's model is built from: the settings, departments, branches and staff that the
 * bonus, the expense support's 营业部 coverage and the award comparison read. Its sales are read
 * as records from kpis.yaml's value (rules/audit.ts `recordsOfFile`), and no figure of kpis.yaml
 * is computed with, so the model leaves that file out (a tenth of a warm audit's time at 2,000
 * branches). A rule of the audit that came to read the model's KPIs would need "kpis" added here.
 */
export const AUDIT_MODEL_SCOPE: FileScope = new Set<FileKind>(["channel", "departments", "branch", "staff"]);
