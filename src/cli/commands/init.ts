/**
 * `channel init [dir]`: a new data repository from the templates, with the schemas and editor
 * settings that give completion and diagnostics in VS Code. It never overwrites a file, never
 * writes outside the folder it was given, and adds no example data to an existing repository.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { t, type Lang } from "../../i18n/catalog.js";
import { BRANCH_FILE_KINDS, ROOT_MARKER } from "../../load/repository.js";
import { compareText } from "../../findings.js";
import { SCHEMA_FILES } from "../../validate/schema.js";
import { localiseSchemaText } from "../../validate/schema-messages.js";
import { SCHEMA_DIR, TEMPLATE_DIR } from "../../paths.js";
import { createFileAtomic, removeStaleTemps } from "../atomic-write.js";
import { resolveFromCwd, type Context } from "../context.js";
import { writeFailure } from "../write-errors.js";
import { EXIT_OK, usageError } from "../errors.js";
import { isInside, realPathOf } from "../real-path.js";
import { registerMergeDriver } from "./hook.js";

/** Where init puts the schemas inside the new repository (committed, so the whole team has them). */
export const REPO_SCHEMA_DIR = ".channel/schemas";

/** Template file names that are written under another name (npm drops files named .gitignore). */
const RENAMED: Readonly<Record<string, string>> = { gitignore: ".gitignore" };

/**
 * Every file init writes: relative path → content. The schemas' editor messages (what VS Code
 * says for a wrong date or position) are in `lang`, the language init runs in.
 */
export function initFiles(lang: Lang): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of listFiles(fileURLToPath(TEMPLATE_DIR))) {
    const name = path.posix.basename(rel);
    const target = path.posix.join(path.posix.dirname(rel), RENAMED[name] ?? name).replace(/^\.\//, "");
    files.set(target, fs.readFileSync(new URL(rel, TEMPLATE_DIR), "utf8"));
  }
  for (const name of ["common.schema.json", ...Object.values(SCHEMA_FILES)]) {
    files.set(`${REPO_SCHEMA_DIR}/${name}`, localiseSchemaText(name, fs.readFileSync(new URL(name, SCHEMA_DIR), "utf8"), lang));
  }
  files.set(".vscode/settings.json", JSON.stringify(vscodeSettings(), null, 2) + "\n");
  files.set(".vscode/extensions.json", JSON.stringify({ recommendations: ["redhat.vscode-yaml"] }, null, 2) + "\n");
  return files;
}

/** The Red Hat YAML extension's `yaml.schemas`: schema file → the data files it describes. */
function vscodeSettings(): object {
  const schemas: Record<string, string> = {
    [`./${REPO_SCHEMA_DIR}/${SCHEMA_FILES.channel}`]: ROOT_MARKER,
    [`./${REPO_SCHEMA_DIR}/${SCHEMA_FILES.departments}`]: "departments.yaml",
  };
  for (const [fileName, kind] of Object.entries(BRANCH_FILE_KINDS)) {
    schemas[`./${REPO_SCHEMA_DIR}/${SCHEMA_FILES[kind]}`] = `branches/*/${fileName}`;
  }
  return { "yaml.yamlVersion": "1.2", "yaml.schemas": schemas, "files.encoding": "utf8", "[yaml]": { "editor.insertSpaces": true, "editor.tabSize": 2 } };
}

function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

/**
 * The example data: the commented policy, a fictional department and a fictional branch.
 * Written only into a new repository: added to an existing one (after its user deleted the
 * example branch, say) it would be counted, and the fictional branch would earn a bonus.
 */
function isExampleData(rel: string): boolean {
  return rel === ROOT_MARKER || rel === "departments.yaml" || rel.startsWith("branches/");
}

export function runInit(ctx: Context, dir: string | undefined): number {
  const target = resolveFromCwd(ctx.surroundings, dir ?? ".");
  const { stdout } = ctx.surroundings;
  if (ctx.options.force !== true && isSystemFolder(target, ctx.surroundings.env.HOME)) throw usageError("init.error.systemFolder", { dir: target });
  const existing = fs.existsSync(path.join(target, ROOT_MARKER));
  // channel.yaml last: it marks a repository, so an init killed halfway leaves none, and the next
  // init (seeing no channel.yaml) writes everything still missing, the example data included.
  const files = [...initFiles(ctx.lang)]
    .filter(([rel]) => !existing || !isExampleData(rel))
    .sort(([a], [b]) => Number(a === ROOT_MARKER) - Number(b === ROOT_MARKER));
  refuseFoldersLeadingOutside(target, files.map(([rel]) => rel));
  if (existing) stdout(t(ctx.lang, "init.notEmptyRepo", { dir: target }) + "\n");
  // channel.yaml is not written again here, so nothing below would sweep beside it: an init
  // killed after linking it and before removing its temporary copy (the very last step) left one.
  if (existing) removeStaleTemps(path.join(target, ROOT_MARKER));
  let added = 0;
  for (const [rel, content] of files) {
    let created: boolean;
    try {
      created = createFileAtomic(path.join(target, ...rel.split("/")), content);
    } catch (error) {
      // What was created so far stays (each file whole); running init again adds the rest.
      throw writeFailure(rel, error);
    }
    // A link to nothing counts as there for the create and yet holds nothing (issue 28).
    if (!created && !fs.existsSync(path.join(target, ...rel.split("/")))) {
      throw usageError("init.error.danglingLink", { file: rel, target: linkTarget(path.join(target, ...rel.split("/"))) });
    }
    if (created) added++;
    stdout(t(ctx.lang, created ? "init.created" : "init.kept", { file: rel }) + "\n");
  }
  // issue 26: data files merge by record in this clone and, through .gitattributes, in every clone that registers the driver.
  registerMergeDriver(ctx, target);
  if (!existing) stdout(t(ctx.lang, "init.done", { dir: target }) + "\n");
  else stdout(t(ctx.lang, added > 0 ? "init.existingDone" : "init.existingNothing", { dir: target, count: added }) + "\n");
  return EXIT_OK;
}

function linkTarget(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return "?";
  }
}

/** Folders of the system itself: a repository is not made in them, or in anything below the first group. */
const SYSTEM_TREES = ["/proc", "/sys", "/dev", "/run", "/boot", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/usr"];
const SYSTEM_FOLDERS = ["/", "/home", "/root", "/tmp", "/var", "/opt", "/srv", "/mnt", "/media", "/Users", "/Applications", "/Library", "/System", "/private"];

/** Whether `target` (or where it leads) is the root, a system folder or lies in one, or is the home folder itself (issue 28). */
export function isSystemFolder(target: string, home: string | undefined): boolean {
  const real = realPathOf(target);
  for (const dir of new Set([target, real])) {
    if (SYSTEM_FOLDERS.includes(dir) || (home !== undefined && home !== "" && path.resolve(home) === dir)) return true;
    if (SYSTEM_TREES.some((tree) => dir === tree || dir.startsWith(`${tree}/`))) return true;
  }
  return false;
}

/**
 * Refuses (before anything is written) when a folder init would write into is, or lies under,
 * a symlink that leads outside the repository's folder: init would write the user's files
 * there. Judged by real paths; a symlink that stays inside is followed.
 */
function refuseFoldersLeadingOutside(target: string, files: readonly string[]): void {
  const realTarget = realPathOf(target);
  const folders = new Set<string>();
  for (const rel of files) {
    const parts = rel.split("/").slice(0, -1);
    for (let depth = 1; depth <= parts.length; depth++) folders.add(parts.slice(0, depth).join("/"));
  }
  // Shallowest first, so the message names the symlink itself rather than a folder under it.
  for (const folder of [...folders].sort((a, b) => a.split("/").length - b.split("/").length || compareText(a, b))) {
    const real = realPathOf(path.join(target, ...folder.split("/")));
    if (!isInside(realTarget, real)) throw usageError("init.outsideRepo", { folder, real, dir: target });
  }
}
