/**
 * bin/channel hands V8 the code cache the build wrote (dist/code-cache/). These tests hold it
 * to its promises: the cache is taken by this Node, a file changed after the build never runs
 * cached code made from its old text, and without a cache the CLI answers the same.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, copyPackage, DATA_EXAMPLE, PROJECT_ROOT, runCli, runPackageCopy as runCopy, scratchFolders } from "../helpers/cli.js";

const DIST = path.join(PROJECT_ROOT, "dist");
const MORNING = ["followups", "--data", DATA_EXAMPLE, "--as-of", "2026-11-28", "--lang", "zh"];
/**
 * The top left corner of a drawn table (src/report/tabular.ts) as esbuild writes it into the
 * bundle: code that the morning list runs. (The messages are not code: dist/messages/*.json.)
 */
const CORNER_ESCAPED = String.raw`rule("\u250C", "\u252C", "\u2510")`;
/** Another corner of the same length, which is all V8 checks. */
const OTHER_CORNER_ESCAPED = String.raw`rule("\u2554", "\u252C", "\u2510")`;

/** What compile() in bin/channel says of each file's cache, asked in a plain `node` like the CLI's own. */
function cacheStates(bin: string, files: string[]): Record<string, string> {
  const script = `const { compile } = require(${JSON.stringify(bin)}); console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(files)}.map((f) => [f, compile(f).cache]))));`;
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as Record<string, string>;
}

function bundleFiles(dist: string): string[] {
  return [path.join(dist, "channel.cjs"), ...fs.readdirSync(path.join(dist, "chunks")).sort().map((name) => path.join(dist, "chunks", name))];
}

const scratch = scratchFolders("channel-package-");

describe("the code cache", () => {
  it("is taken by this Node for every bundle file the build ran", () => {
    const files = bundleFiles(DIST);
    const states = cacheStates(CLI, files);
    // The morning run's entry always has one; files no build run loaded (writers, chalk) have none.
    expect(states[path.join(DIST, "channel.cjs")]).toBe("accepted");
    const cached = new Set(fs.readdirSync(path.join(DIST, "code-cache")).map((name) => name.replace(/\.v8$/, "")));
    for (const file of files) expect([file, states[file]]).toEqual([file, cached.has(path.basename(file)) ? "accepted" : "none"]);
  });

  it("is never used for a file changed after the build, even one of the same length", () => {
    const dir = copyPackage(scratch);
    const changed = bundleFiles(path.join(dir, "dist")).find((file) => fs.readFileSync(file, "utf8").includes(CORNER_ESCAPED));
    expect(changed).toBeDefined();
    const before = fs.readFileSync(changed!, "utf8");
    fs.writeFileSync(changed!, before.replace(CORNER_ESCAPED, OTHER_CORNER_ESCAPED));
    expect(fs.statSync(changed!).size).toBe(Buffer.byteLength(before));

    expect(cacheStates(path.join(dir, "bin", "channel"), [changed!])).toEqual({ [changed!]: "none" });
    const run = runCopy(dir, MORNING);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^跟进提醒 2026-11-28/);
    expect(lines.filter((line) => line.startsWith("╔")).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith("┌"))).toEqual([]);
  });

  it("without a build, the launcher says how to make one (exit 2)", () => {
    const dir = copyPackage(scratch);
    fs.rmSync(path.join(dir, "dist"), { recursive: true });
    const run = runCopy(dir, MORNING);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("npm install");
    expect(run.stderr).toContain(path.join(dir, "dist", "channel.cjs"));
  });

  it("is only a speed-up: without it the CLI answers the same", () => {
    const dir = copyPackage(scratch);
    fs.rmSync(path.join(dir, "dist", "code-cache"), { recursive: true });
    const plain = runCopy(dir, MORNING);
    const cached = runCli(MORNING);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe("");
    expect(plain.stdout).toBe(cached.stdout);
    expect(plain.stdout.split("\n")[0]).toMatch(/^跟进提醒 2026-11-28/);
  });
});
