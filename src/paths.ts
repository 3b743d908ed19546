/**
 * Where the package's own files are (schemas, templates, generated validators). Found by
 * walking up from this module to the package.json named "channel", so the answer is the same
 * whether the code runs from src/ (tests), from dist/ (tsc output) or from the bundle.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "channel") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the channel package root");
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
/** As URLs ending in `/`, so `new URL(name, DIR)` names a file inside. */
export const SCHEMA_DIR = pathToFileURL(path.join(PACKAGE_ROOT, "schemas") + path.sep);
export const TEMPLATE_DIR = pathToFileURL(path.join(PACKAGE_ROOT, "templates", "init") + path.sep);
/** The schemas' standalone validators, bundled as CommonJS by the build (see scripts/bundle.mjs). */
export const GENERATED_VALIDATORS = path.join(PACKAGE_ROOT, "dist", "validators.cjs");
/**
 * The worker script of the cold check (see cli/parallel-check.ts), built from
 * src/cli/check-worker.ts by scripts/bundle.mjs. Tests that run from src/ reach it only with
 * more than PARALLEL_MIN_BYTES to check, and then after `npm test` has built it.
 */
export const CHECK_WORKER = path.join(PACKAGE_ROOT, "dist", "check-worker.cjs");
