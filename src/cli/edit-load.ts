/**
 * What a command that edits one branch (`log`) reads: the people index, and then only the
 * files it needs (issue 29). Recording one contact in a repository of 2,000 branches used to
 * read, check and cache all 12,000 files for the sake of two of them; now its work is:
 *
 *  - the people index (people-index.ts): who (staff member or prospect, by id and name) is in
 *    which branch, kept in the cache in buckets a lookup reads alone. Every staff/prospects file
 *    is looked at (its identity against the index's), and only a changed one is parsed again;
 *    on the first run without a cache (the cold path) every one is;
 *  - channel.yaml, departments.yaml and the branches the people named could be in: read, parsed
 *    and checked as every command checks them, the cross-file rules included. What those rules
 *    need from the other branches is who exists there, which the index says: a reference to a
 *    person elsewhere resolves through it, and an id that an earlier branch already uses is a
 *    duplicate, as `validate` would say.
 *
 * So the files `log` writes get the same checks as before; what it no longer does is check (and
 * refuse over) the branches it does not touch, which `validate` reports as ever.
 */
import * as fs from "node:fs";
import { openCacheStore, type CacheStore } from "../load/cache.js";
import { scanRepository, sizeFindings, type FileKind, type LoadedRepository } from "../load/repository.js";
import type { Model } from "../model/types.js";
import { schemaStamp } from "../validate/fingerprint.js";
import type { Finding } from "../findings.js";
import type { ValidationResult } from "../validate/index.js";
import { BUILD, VERSION } from "../version.js";
import { resolveRoot, type Context } from "./context.js";
import { findingAt } from "../load/locate.js";
import type { FileCheck } from "../validate/index.js";
import { loadPeopleIndex as loadIndex, peopleOf, PEOPLE_KINDS, type IndexedPerson, type PeopleIndex } from "./people-index.js";

export { writePeopleIndex, type IndexedPerson, type PeopleIndex } from "./people-index.js";

function cacheOf(ctx: Context, root: string): CacheStore | null {
  return ctx.cacheDir === null ? null : openCacheStore(ctx.cacheDir, root, `${VERSION}|${BUILD}|${schemaStamp()}`);
}

/** The people index (people-index.ts), brought up to date: files changed since it was saved (or all, without one) are parsed again. */
export async function loadPeopleIndex(ctx: Context): Promise<PeopleIndex> {
  const root = fs.realpathSync(resolveRoot(ctx));
  return loadIndex(root, cacheOf(ctx, root));
}

/** What `log` works on: the settings and the branches it may write into, checked, with the bytes it read. */
export interface BranchData {
  root: string;
  repo: LoadedRepository;
  /** The findings of the files read (channel.yaml, departments.yaml, the branches), with the whole repository's people in view. */
  validation: ValidationResult;
  /** The model of those files: the settings and those branches only. */
  model: Model;
  bytes: ReadonlyMap<string, Uint8Array>;
  /** Each file's own check (parsed value, findings), as `add` needs them to check a new text with the others. */
  checks: FileCheck[];
  /** The branches read. */
  branches: ReadonlySet<string>;
}

/** The branches `names` (ids or names) are in, by the index, and `branch` when given. */
export function branchesNamed(index: PeopleIndex, names: readonly string[], branch: string | undefined): Set<string> {
  const branches = new Set(index.matching(names).map((person) => person.branch));
  if (branch !== undefined && index.branchFolders.includes(branch)) branches.add(branch);
  return branches;
}

/**
 * Reads, parses and checks channel.yaml, departments.yaml and `branches`, and builds their model.
 * The cross-file rules run over these files; a reference they could not resolve is looked up in
 * the index, and an id in these branches that an earlier branch holds is a duplicate.
 */
export async function loadBranches(ctx: Context, index: PeopleIndex, branches: ReadonlySet<string>, options: { strict?: boolean } = {}): Promise<BranchData> {
  const scan = scanRepository(index.root, { branches, folders: index.branchFolders });
  const { checkFile, assembleValidation, buildModel } = await import("./parse-stage.js");
  const checks = scan.raws.map((raw) => checkFile(raw));
  const assembled = assembleValidation(scan.findings, checks, options);
  const findings = withPeopleElsewhere(assembled.findings, checks, index, branches);
  const errors = findings.filter((f) => f.severity === "error");
  const validation: ValidationResult = {
    findings,
    errors: errors.length,
    warnings: findings.length - errors.length,
    files: assembled.files,
    filesWithErrors: new Set(errors.map((f) => f.file)),
  };
  const repo: LoadedRepository = { root: scan.root, files: checks.map((c) => c.file), branchFolders: scan.branchFolders, findings: scan.findings };
  const model = buildModel(repo, validation.filesWithErrors).model;
  const bytes = new Map(scan.raws.flatMap((raw) => (raw.bytes === null ? [] : [[raw.file, raw.bytes] as const])));
  return { root: scan.root, repo, validation, model, bytes, checks, branches };
}

/** The cross-file findings of the branches read, with the people of the other branches in view (the index). */
function withPeopleElsewhere(findings: readonly Finding[], checks: readonly FileCheck[], index: PeopleIndex, read: ReadonlySet<string>): Finding[] {
  return [...findings.filter((f) => !resolvedElsewhere(f, index, read)), ...duplicatesElsewhere(checks, index, read)];
}

/**
 * The errors `text` as the new content of `rel` (in a branch read) would bring: every error in
 * that file, and any new one elsewhere in what was read, with the rest of the repository's people
 * in view, as import/check.ts's newErrors does over the whole repository (for `add`, issue 29).
 */
export async function newBranchErrors(data: BranchData, index: PeopleIndex, rel: string, kind: FileKind, branch: string, text: string): Promise<Finding[]> {
  const { checkFile, assembleValidation } = await import("./parse-stage.js");
  const checks = [...data.checks.filter((c) => c.file.file !== rel), checkFile({ file: rel, kind, branchFolder: branch, bytes: Buffer.from(text, "utf8") })];
  const after = withPeopleElsewhere(assembleValidation(data.repo.findings, checks).findings, checks, index, data.branches);
  const key = (f: Finding) => `${f.file}|${f.line}|${f.column}|${f.code}|${f.path}`;
  const old = new Set(data.validation.findings.filter((f) => f.severity === "error").map(key));
  return [...sizeFindings(rel, Buffer.byteLength(text, "utf8")), ...after.filter((f) => f.severity === "error" && (f.file === rel || !old.has(key(f))))];
}

/** An UNKNOWN_REFERENCE to someone the index has in a branch not read, or that an unreadable file there may hold. */
function resolvedElsewhere(finding: Finding, index: PeopleIndex, read: ReadonlySet<string>): boolean {
  if (finding.code !== "UNKNOWN_REFERENCE") return false;
  const { id, expected } = finding.params as { id?: unknown; expected?: unknown };
  if (expected === "branch") return typeof id === "string" && index.branchFolders.includes(id);
  const fits = (type: IndexedPerson["type"]) => expected === "person" || (expected === "staff" ? type === "staff" : type === "prospect");
  if (typeof id === "string" && index.matching([id]).some((p) => p.id === id && !read.has(p.branch) && fits(p.type))) return true;
  return index.unreadable.some((file) => !read.has(file.split("/")[1] ?? "") && fits(file.endsWith("/staff.yaml") ? "staff" : "prospect"));
}

/** DUPLICATE_ID for an id of the branches read that a branch before it (in folder order), not read, already uses. */
function duplicatesElsewhere(checks: readonly FileCheck[], index: PeopleIndex, read: ReadonlySet<string>): Finding[] {
  const mine = new Set<string>();
  for (const { file } of checks) if (PEOPLE_KINDS.has(file.kind)) for (const [id] of peopleOf(file.kind, file.data)) mine.add(id);
  // The first branch (in folder order) outside the ones read that holds each of their ids.
  const earlier = index.heldOutside(mine, read);
  const findings: Finding[] = [];
  for (const { file } of checks) {
    if (!PEOPLE_KINDS.has(file.kind) || file.branchFolder === null) continue;
    const folder = file.branchFolder;
    const listKey = file.kind === "staff" ? "staff" : "prospects";
    const list = (file.data as Record<string, unknown> | null | undefined)?.[listKey];
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, i) => {
      const id = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).id : undefined;
      const other = typeof id === "string" ? earlier.get(id) : undefined;
      if (other !== undefined && other < folder) {
        findings.push(findingAt(file, "error", "DUPLICATE_ID", [listKey, i, "id"], { id: id as string, first: `branches/${other}` }));
      }
    });
  }
  return findings;
}
