/**
 * Spawning the real, built CLI (`bin/channel` → `dist/`), as a user would: with NO_COLOR, a
 * fixed language unless the test sets one, and no inherited CHANNEL_* settings.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(PROJECT_ROOT, "bin", "channel");
export const DATA_EXAMPLE = path.join(PROJECT_ROOT, "data-example");
export const FIXTURES = path.join(PROJECT_ROOT, "tests", "fixtures");

/** Each test process gets its own cache folder, so no run reads another's (or the user's) cache. */
export const TEST_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "channel-cache-"));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI (`bin`: another package's launcher, default this one's) as a user would. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string; bin?: string } = {}): CliResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("CHANNEL_") && k !== "FORCE_COLOR") env[k] = v;
  Object.assign(env, { NO_COLOR: "1", LANG: "C", CHANNEL_CACHE_DIR: TEST_CACHE_DIR }, options.env ?? {});
  const result = spawnSync(process.execPath, [options.bin ?? CLI, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env,
    encoding: "utf8",
    input: options.input ?? "",
    timeout: 60_000,
    // A generated repository's list runs past spawnSync's 1 MB default (issue 23: nothing drops off).
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch copy of a folder (default: data-example), removed by the caller with `fs.rmSync`. */
export function copyToTemp(source: string = DATA_EXAMPLE): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-test-"));
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

/** Every file of a repository, by relative path: to show a command left it exactly as it was. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const child = rel === "" ? name : `${rel}/${name}`;
      if (fs.statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out[child] = fs.readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return out;
}

/**
 * Scratch folders for one test file, all removed after its last test: `dir()` makes a new
 * empty one, `keep(path)` hands over one made elsewhere (a copyToTemp copy, say).
 */
export function scratchFolders(prefix: string): { dir: () => string; keep: (dir: string) => string } {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  const keep = (dir: string) => {
    made.push(dir);
    return dir;
  };
  return { dir: () => keep(fs.mkdtempSync(path.join(os.tmpdir(), prefix))), keep };
}

/**
 * A copy of the built package (bin, the dist bundle with its code cache, schemas, templates)
 * beside the real node_modules (unless `nodeModules: false`: the bundle needs none), for tests
 * that change the build itself or run it as another user. Removed with the given scratch folders.
 */
export function copyPackage(scratch: ReturnType<typeof scratchFolders>, options: { nodeModules?: boolean } = {}): string {
  const dir = scratch.dir();
  const dist = path.join(PROJECT_ROOT, "dist");
  fs.copyFileSync(path.join(PROJECT_ROOT, "package.json"), path.join(dir, "package.json"));
  for (const folder of ["bin", "schemas", "templates"]) fs.cpSync(path.join(PROJECT_ROOT, folder), path.join(dir, folder), { recursive: true });
  for (const part of ["channel.cjs", "check-worker.cjs", "validators.cjs", "chunks", "code-cache", "messages"]) {
    fs.cpSync(path.join(dist, part), path.join(dir, "dist", part), { recursive: true });
  }
  // The bundle holds every dependency; the link serves tests that rebuild or require from the copy.
  if (options.nodeModules !== false) fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs the CLI of a package copy, as runCli does, with a cache folder inside the copy. */
export function runPackageCopy(dir: string, args: string[]): CliResult {
  return runCli(args, { bin: path.join(dir, "bin", "channel"), env: { CHANNEL_CACHE_DIR: path.join(dir, "data-cache") } });
}
