/**
 * `channel init [dir]`: a new data repository from the templates, with the schemas and editor
 * settings that give completion and diagnostics in VS Code. It never overwrites a file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { t } from "../../i18n/catalog.js";
import { BRANCH_FILE_KINDS, ROOT_MARKER } from "../../load/repository.js";
import { compareText } from "../../validate/findings.js";
import { SCHEMA_FILES } from "../../validate/schema.js";
import { SCHEMA_DIR, TEMPLATE_DIR } from "../../paths.js";
import { createFileAtomic } from "../atomic-write.js";
import type { Context } from "../context.js";
import { writeFailure } from "../write-errors.js";
import { EXIT_OK } from "../errors.js";

/** Where init puts the schemas inside the new repository (committed, so the whole team has them). */
export const REPO_SCHEMA_DIR = ".channel/schemas";

/** Template file names that are written under another name (npm drops files named .gitignore). */
const RENAMED: Readonly<Record<string, string>> = { gitignore: ".gitignore" };

/** Every file init writes: relative path → content. */
export function initFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of listFiles(fileURLToPath(TEMPLATE_DIR))) {
    const name = path.posix.basename(rel);
    const target = path.posix.join(path.posix.dirname(rel), RENAMED[name] ?? name).replace(/^\.\//, "");
    files.set(target, fs.readFileSync(new URL(rel, TEMPLATE_DIR), "utf8"));
  }
  for (const name of ["common.schema.json", ...Object.values(SCHEMA_FILES)]) {
    files.set(`${REPO_SCHEMA_DIR}/${name}`, fs.readFileSync(new URL(name, SCHEMA_DIR), "utf8"));
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

export function runInit(ctx: Context, dir: string | undefined): number {
  const target = path.resolve(ctx.surroundings.cwd, dir ?? ".");
  const { stdout } = ctx.surroundings;
  if (fs.existsSync(path.join(target, ROOT_MARKER))) stdout(t(ctx.lang, "init.notEmptyRepo", { dir: target }) + "\n");
  for (const [rel, content] of initFiles()) {
    let created: boolean;
    try {
      created = createFileAtomic(path.join(target, ...rel.split("/")), content);
    } catch (error) {
      // What was created so far stays (each file whole); running init again adds the rest.
      throw writeFailure(rel, error);
    }
    stdout(t(ctx.lang, created ? "init.created" : "init.kept", { file: rel }) + "\n");
  }
  stdout(t(ctx.lang, "init.done", { dir: target }) + "\n");
  return EXIT_OK;
}
