/**
 * The pre-commit framework installs the `channel-validate` hook (language: node) by running
 * `npm pack` in its clone of this repository and taking ALL of stdout as the tarball's path. So
 * `npm pack`, which builds first (the `prepare` script), must print the tarball's name on stdout
 * and nothing else: no build step's messages, no npm banners of the scripts it runs.
 *
 * The pack runs in a scratch copy (node_modules linked), so that the build does not rewrite the
 * dist/ that the other end-to-end tests are running at the same time.
 *
 * The tarball is then installed globally into a scratch prefix, as npm installs the hook: the
 * package has no `dependencies` (the CLI is one bundle; see scripts/prepare.mjs for why that
 * matters to pre-commit 4), so the installed command must run with no node_modules at all.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_EXAMPLE, PROJECT_ROOT, runCli } from "../helpers/cli.js";

/** What the build reads (package.json's `files`, the build's inputs, and npm's project settings). */
const PROJECT_ENTRIES = [
  ".npmrc",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "bin",
  "data-example",
  "schemas",
  "scripts",
  "src",
  "templates",
];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "channel-pack-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** npm's environment without what an outer `npm test` passes down (npm_config_*, npm_lifecycle_*). */
function npmEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && !key.startsWith("CHANNEL_")) env[key] = value;
  }
  return env;
}

describe("npm pack, as the pre-commit framework runs it", () => {
  it("prints only the tarball's name on stdout, although it builds first", () => {
    const project = path.join(scratch, "channel");
    const destination = path.join(scratch, "out");
    fs.mkdirSync(destination);
    for (const entry of PROJECT_ENTRIES) fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(project, entry), { recursive: true });
    fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
    fs.rmSync(path.join(project, "dist"), { recursive: true, force: true });

    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const run = spawnSync(npm, ["pack", "--pack-destination", destination], {
      cwd: project,
      env: npmEnvironment(),
      encoding: "utf8",
      timeout: 170_000,
    });

    expect(run.status, run.stderr).toBe(0);
    const name = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as { name: string; version: string };
    expect(run.stdout).toBe(`${name.name}-${name.version}.tgz\n`);
    expect(fs.existsSync(path.join(destination, run.stdout.trim()))).toBe(true);
    // The build ran (its messages went to stderr or were kept by npm): the tarball has the CLI.
    expect(fs.existsSync(path.join(project, "dist", "channel.cjs"))).toBe(true);

    // Installed from the tarball, offline: nothing else is fetched because nothing else is needed.
    const prefix = path.join(scratch, "prefix");
    const install = spawnSync(npm, ["install", "--global", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", path.join(destination, run.stdout.trim())], {
      cwd: scratch,
      env: npmEnvironment(),
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(install.status, install.stderr).toBe(0);
    const installed = path.join(prefix, "lib", "node_modules", name.name);
    expect(fs.existsSync(path.join(installed, "node_modules"))).toBe(false);
    const env = { ...npmEnvironment(), NO_COLOR: "1", CHANNEL_CACHE_DIR: path.join(scratch, "cache") };
    const validate = spawnSync(path.join(prefix, "bin", "channel"), ["validate", "--data", DATA_EXAMPLE, "--lang", "en", "--format", "json"], { cwd: scratch, env, encoding: "utf8" });
    expect(validate.status, validate.stderr).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ errors: 0 });
    // A command that draws on most of the bundle (rules, lunar calendar, holidays, renderers).
    const followups = spawnSync(path.join(prefix, "bin", "channel"), ["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--lang", "zh", "--format", "json"], { cwd: scratch, env, encoding: "utf8" });
    expect(followups.status, followups.stderr).toBe(0);
    expect(followups.stdout).toBe(runCli(["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--lang", "zh", "--format", "json"]).stdout);
  }, 300_000);
});
