/**
 * The pre-commit framework installs the `channel-validate` hook (language: node) by running
 * `npm pack` in its clone of this repository and taking ALL of stdout as the tarball's path. So
 * `npm pack`, which builds first (the `prepare` script), must print the tarball's name on stdout
 * and nothing else: no build step's messages, no npm banners of the scripts it runs.
 *
 * The pack runs in a scratch copy (node_modules linked), so that the build does not rewrite the
 * dist/ that the other end-to-end tests are running at the same time.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/cli.js";

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
  }, 180_000);
});
