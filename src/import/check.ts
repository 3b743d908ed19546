/**
 * The would-be file, validated before anything is written: the repository is checked in memory
 * with the new text in place of the branch's file (schema and cross-file rules, exactly as
 * `channel validate` would), and every new error is traced back to the sheet row that caused it.
 */
import { documentOf } from "../load/parse-file.js";
import { LoadedFile, type FileKind, type LoadedRepository } from "../load/repository.js";
import type { Finding } from "../findings.js";
import { assembleValidation, checkFile, checkParsedFile, type FileCheck, type ValidationResult } from "../validate/index.js";
import type { ListKey } from "./append-entries.js";
import type { Existing, ExistingActivity, ExistingPerson } from "./plan.js";

/** The repository as it was checked before the import: what the new text is validated with. */
export interface CheckedRepository {
  /** Problems with reading and layout (the loaded repository's own findings). */
  layout: readonly Finding[];
  /** Each file's own check, as the loader made it. */
  checks: readonly FileCheck[];
  validation: ValidationResult;
}

/**
 * The errors the new text would add: every error in the file itself, and any error elsewhere
 * that was not there before. Only the new text is parsed: the other files' checks are the
 * loader's, so a head office's import does not read and parse every file again per attempt.
 * The text's size is the caller's to check first (FILE_TOO_LARGE: see `sizeFindings`).
 */
export function newErrors(before: CheckedRepository, rel: string, kind: FileKind, branch: string, text: string): Finding[] {
  return errorsWith(before, rel, checkFile({ file: rel, kind, branchFolder: branch, bytes: Buffer.from(text, "utf8") }));
}

/**
 * newErrors for a new text whose value is known without parsing it (issue 29: import's draft,
 * see draftWritable): the checks `checkFile` makes run on that value, and a finding's position
 * is looked up in the text only when there is a finding.
 */
export function newErrorsOfValue(before: CheckedRepository, rel: string, kind: FileKind, branch: string, text: string | (() => string), data: unknown): Finding[] {
  return errorsWith(before, rel, checkParsedFile(new LoadedFile(rel, kind, branch, text, data, documentOf)));
}

function errorsWith(before: CheckedRepository, rel: string, check: FileCheck): Finding[] {
  const others = before.checks.filter((c) => c.file.file !== rel);
  const after = assembleValidation(before.layout, [...others, check]);
  const key = (f: Finding) => `${f.file}|${f.line}|${f.column}|${f.code}|${f.path}`;
  const old = new Set(before.validation.findings.filter((f) => f.severity === "error").map(key));
  return after.findings.filter((f) => f.severity === "error" && (f.file === rel || !old.has(key(f))));
}

/** The value a file held as the loader read it (null for a file that is not there). */
export function valueOnFile(before: CheckedRepository, rel: string): unknown {
  return before.checks.find((c) => c.file.file === rel)?.file.data ?? null;
}

/** The index of the list entry a finding is about (`staff[12].phone` → 12), and the field. */
export function findingEntry(finding: Finding, list: ListKey): { index: number; field: string | null } | null {
  const m = new RegExp(`^${list}\\[(\\d+)\\](?:\\.([a-z_]+))?`).exec(finding.path);
  return m ? { index: Number(m[1]), field: m[2] ?? null } : null;
}

/** Every staff member, prospect and activity written in the repository, from each file whose YAML could be read. */
export function existingRecords(repo: LoadedRepository): Existing {
  const people: ExistingPerson[] = [];
  const activities: ExistingActivity[] = [];
  const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
  for (const file of repo.files) {
    if (file.branchFolder === null || file.data === undefined || file.data === null || typeof file.data !== "object") continue;
    const data = file.data as Record<string, unknown>;
    if (file.kind === "staff" || file.kind === "prospects") {
      const list = data[file.kind];
      if (!Array.isArray(list)) continue;
      list.forEach((entry, index) => {
        if (typeof entry !== "object" || entry === null) return;
        const e = entry as Record<string, unknown>;
        const id = str(e.id);
        if (id === null) return;
        people.push({ kind: file.kind as "staff" | "prospects", id, name: str(e.name), phone: str(e.phone), branch: file.branchFolder!, index, data: e });
      });
    } else if (file.kind === "activities") {
      const list = data.activities;
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (typeof entry !== "object" || entry === null) continue;
        const e = entry as Record<string, unknown>;
        activities.push({
          branch: file.branchFolder,
          date: String(e.date),
          kind: String(e.kind),
          with: Array.isArray(e.with) ? e.with.map(String) : [],
          note: str(e.note),
        });
      }
    }
  }
  return { people, activities };
}
