/**
 * Issue 28: every wait for a lock ends, with a sentence. A dangling link at `.channel.lock`
 * (or at the activities file's lock), a folder there, or a stale lock in a folder the user may
 * not write: each used to make `channel log` spin (or fail with EISDIR on every run); now
 * each is a sentence and exit 2 within seconds, the data file as it was.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyPackage, copyToTemp, FIXTURES, scratchFolders } from "../helpers/cli.js";
import { startCli, type Finished } from "./helpers.js";

const REL = "branches/b-one/activities.yaml";
const folders = scratchFolders("channel-lock-waits-");
const cliCopies = scratchFolders("channel-lock-cli-");
const scratch = (): string => folders.keep(copyToTemp(path.join(FIXTURES, "log-basic")));
const logArgs = (dir: string) => ["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "锁", "--lang", "en"];

/** Runs the CLI, killing it after `limitMs` (a wait that never ends shows as a kill). */
async function bounded(args: string[], limitMs = 20_000, options: Parameters<typeof startCli>[1] = {}): Promise<Finished> {
  const run = startCli(args, options);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), limitMs);
  try {
    return await run.done;
  } finally {
    clearTimeout(timer);
  }
}

describe("lock waits end, with a sentence", () => {
  for (const [what, lockRel] of [
    ["the repository's lock", ".channel.lock"],
    ["the activities file's lock", "branches/b-one/.activities.yaml.lock"],
  ] as const) {
    it(`a dangling link at ${what}: exit 2, not a spin`, async () => {
      const dir = scratch();
      const before = fs.readFileSync(path.join(dir, REL), "utf8");
      fs.symlinkSync(path.join(dir, "nowhere"), path.join(dir, lockRel));
      const result = await bounded(logArgs(dir));
      expect(result.signal, "killed: the wait did not end").toBeNull();
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("is taken by a link or a folder, which is no lock channel makes");
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(fs.readFileSync(path.join(dir, REL), "utf8")).toBe(before);
    });

    it(`a folder at ${what}: exit 2 with a sentence, not EISDIR`, async () => {
      const dir = scratch();
      fs.mkdirSync(path.join(dir, lockRel));
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(dir, lockRel), past, past);
      const result = await bounded(logArgs(dir));
      expect(result.signal).toBeNull();
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("is taken by a link or a folder");
      expect(result.stderr).not.toContain("EISDIR");
      expect(fs.statSync(path.join(dir, lockRel)).isDirectory()).toBe(true);
    });
  }

  it("a stale lock in a folder the user may not write: exit 2, saying it cannot be removed", async () => {
    const dir = scratch();
    const isRoot = process.getuid?.() === 0;
    let uid: number | undefined;
    let cli: string | undefined;
    if (isRoot) {
      const nobody = spawnSync("id", ["-u", "nobody"], { encoding: "utf8" });
      if (nobody.status !== 0) return void console.info("skipped: no user nobody to run as");
      uid = Number(nobody.stdout.trim());
      cli = path.join(copyPackage(cliCopies, { nodeModules: false }), "bin", "channel");
      spawnSync("chmod", ["-R", "a+rX", path.dirname(path.dirname(cli))]);
      spawnSync("chmod", ["-R", "a+rX", dir]);
      const probe = spawnSync(process.execPath, [cli, "--version"], { uid, gid: uid, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent" } });
      if (probe.status !== 0) return void console.info(`skipped: nobody cannot run a copy of the CLI in ${os.tmpdir()}`);
    }
    // A lock of a process that no longer runs (pid beyond any in use), left in the root.
    fs.writeFileSync(path.join(dir, ".channel.lock"), JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), token: "dead", time: Date.now() }) + "\n");
    fs.chmodSync(dir, 0o555);
    try {
      const result = await bounded(logArgs(dir), 20_000, { uid, gid: uid, cli, env: { CHANNEL_CACHE_DIR: path.join(os.tmpdir(), "channel-nobody-cache-unused"), HOME: "/nonexistent" } });
      expect(result.signal, "killed: the wait did not end").toBeNull();
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("is a lock left by a channel that was stopped, and channel cannot remove it");
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});
