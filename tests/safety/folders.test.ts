/**
 * Issue 28: folders that cannot be made, or must not be written, or are gone. `--out` into
 * /proc and `init /proc/…` used to spin for ever (Node's recursive mkdir retries ENOENT), `init /`
 * wrote a repository into the filesystem root, `init` over a link to nothing said "ready", and a
 * deleted working folder gave a stack trace for every command, `--version` included.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isSystemFolder } from "../../src/cli/commands/init.js";
import { CLI, DATA_EXAMPLE, scratchFolders } from "../helpers/cli.js";

const folders = scratchFolders("channel-folders-");

/** Runs the CLI with a time limit: a spin shows as a kill (null code). */
function bounded(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("CHANNEL_")) env[k] = v;
  Object.assign(env, { NO_COLOR: "1", LANG: "C" }, options.env ?? {});
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, env, encoding: "utf8", timeout: 15_000, killSignal: "SIGKILL" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("folders that cannot be made", () => {
  it("--out /proc/nonexist/x.csv: a sentence and exit 2, not a spin", () => {
    const result = bounded(["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--format", "csv", "--out", "/proc/nonexist/x.csv", "--lang", "en"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^channel: cannot write/m);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("init /proc/…: refused as a system folder, not a spin", () => {
    const result = bounded(["init", "/proc/channel-i28", "--lang", "en"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("is a system folder");
    // With --force it tries, and says why it cannot.
    const forced = bounded(["init", "/proc/channel-i28", "--force", "--lang", "en"]);
    expect(forced.code, forced.stderr).toBe(2);
    expect(forced.stderr).toMatch(/^channel: cannot write/m);
  });
});

describe("folders that must not become a repository", () => {
  it("the root and system folders are system folders; folders below /tmp or a home are not", () => {
    for (const dir of ["/", "/etc", "/usr", "/usr/local/share/x", "/proc/1", "/var", "/tmp", "/home"]) expect(isSystemFolder(dir, "/home/wang"), dir).toBe(true);
    expect(isSystemFolder("/home/wang", "/home/wang")).toBe(true);
    for (const dir of ["/tmp/渠道数据", "/home/wang/渠道数据", "/srv/channel"]) expect(isSystemFolder(dir, "/home/wang"), dir).toBe(false);
  });

  it("init in the home folder is refused without --force, nothing written; Chinese too", () => {
    const home = folders.dir();
    const result = bounded(["init", home, "--lang", "zh"], { env: { HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("是系统文件夹（或根目录、主目录）");
    expect(fs.readdirSync(home)).toEqual([]);
    expect(bounded(["init", home, "--force"], { env: { HOME: home } }).code).toBe(0);
    expect(fs.existsSync(path.join(home, "channel.yaml"))).toBe(true);
  });

  it("init over a channel.yaml that is a link to nothing: a sentence and exit 2, not 'ready'", () => {
    const dir = folders.dir();
    fs.symlinkSync(path.join(dir, "elsewhere", "channel.yaml"), path.join(dir, "channel.yaml"));
    const result = bounded(["init", dir, "--lang", "en"]);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toContain("channel.yaml is a link to something that does not exist");
    expect(result.stdout).not.toMatch(/ready/i);
  });
});

describe("a working folder that was deleted", () => {
  /** Runs the CLI from a folder removed just before it starts. */
  function fromDeletedFolder(args: string[]): { code: number | null; stdout: string; stderr: string } {
    const parent = folders.dir();
    const gone = path.join(parent, "gone");
    fs.mkdirSync(gone);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("CHANNEL_")) env[k] = v;
    Object.assign(env, { NO_COLOR: "1", LANG: "C", CHANNEL_LANG: "en" });
    const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
    const result = spawnSync("sh", ["-c", `cd '${gone}' && rmdir '${gone}' && exec ${quoted}`], { env, encoding: "utf8", timeout: 15_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("--version and --help work; commands that need the folder say it is gone; --data with a full path works", () => {
    const version = fromDeletedFolder(["--version"]);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout).toMatch(/\d+\.\d+\.\d+/);
    expect(fromDeletedFolder(["--help"]).code).toBe(0);
    for (const args of [["validate"], ["followups"], ["init"], ["log", "x"], ["report", "summary"]]) {
      const result = fromDeletedFolder(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toContain("the current folder");
      expect(result.stderr, args.join(" ")).not.toMatch(/internal error|\n\s+at |uv_cwd/);
    }
    const absolute = fromDeletedFolder(["validate", "--data", DATA_EXAMPLE]);
    expect(absolute.code, absolute.stderr).toBe(0);
  });
});


describe("CHANNEL_CEILING_DIRECTORIES", () => {
  it("the root search does not go up into a ceiling folder (as git's GIT_CEILING_DIRECTORIES)", () => {
    const top = folders.dir();
    fs.copyFileSync(path.join(DATA_EXAMPLE, "channel.yaml"), path.join(top, "channel.yaml"));
    const deep = path.join(top, "a", "b");
    fs.mkdirSync(deep, { recursive: true });
    // Without a ceiling, the repository above is found.
    expect(bounded(["validate", "--lang", "en"], { cwd: deep }).stderr).not.toContain("no channel.yaml");
    const stopped = bounded(["validate", "--lang", "en"], { cwd: deep, env: { CHANNEL_CEILING_DIRECTORIES: `relative/ignored:${path.join(top, "a")}` } });
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain(`no channel.yaml in ${fs.realpathSync(deep)}`);
    // The folder where the search starts is searched, even when it is a ceiling itself.
    expect(bounded(["validate", "--lang", "en"], { cwd: top, env: { CHANNEL_CEILING_DIRECTORIES: top } }).stderr).not.toContain("no channel.yaml");
  });
});
