/**
 * A read-only file, a folder the user may not write, an immutable file, a full disk: each gives
 * a sentence saying what is wrong, exit code 2, and the original intact with nothing left
 * beside it. Tests usually run as root, who ignores permission bits, so the folder case runs
 * the CLI as `nobody` when it can, the immutable file needs `chattr`, and the full disk is a
 * 512 KB tmpfs mounted for the test (root only; skipped, with a note, where that is not
 * allowed — the unit tests inject the same failure in atomic-write.test.ts).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyPackage, copyToTemp, DATA_EXAMPLE, FIXTURES, runCli, scratchFolders } from "../helpers/cli.js";
import { lockFileFor } from "../../src/cli/file-lock.js";
import { dotFiles, startCli } from "./helpers.js";

const REL = "branches/b-one/activities.yaml";
const isRoot = process.getuid?.() === 0;

const cliCopies = scratchFolders("channel-readonly-cli-");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = copyToTemp(path.join(FIXTURES, "log-basic"));
  temps.push(dir);
  return dir;
}

/** Makes `file` read-only and runs the command that writes it: a sentence, exit 2, the file as it was, nothing left beside it. */
function expectReadOnlyRefused(dir: string, file: string, args: string[]): void {
  const before = fs.readFileSync(file);
  fs.chmodSync(file, 0o444);
  const result = runCli(args);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("is read-only");
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(dotFiles(dir)).toEqual([]);
}

const logArgs = (dir: string) => ["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "只读测试", "--lang", "en"];

describe("a file or folder that cannot be written", () => {
  it("a read-only activities.yaml: refused with a message, exit 2, the file as it was", () => {
    const dir = scratch();
    expectReadOnlyRefused(dir, path.join(dir, REL), logArgs(dir));
  });

  it("--out over a read-only file, even with --force: refused, the file as it was", () => {
    const dir = scratch();
    const out = path.join(dir, "bonus.json");
    fs.writeFileSync(out, "OLD\n");
    fs.chmodSync(out, 0o444);
    const result = runCli(["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--format", "json", "--out", out, "--force", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is read-only");
    expect(fs.readFileSync(out, "utf8")).toBe("OLD\n");
    expect(fs.readdirSync(dir).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("a branch folder the user may not write: permission denied, exit 2, the file as it was", async () => {
    const dir = scratch();
    const branch = path.dirname(path.join(dir, REL));
    const before = fs.readFileSync(path.join(dir, REL));
    let uid: number | undefined;
    let cli: string | undefined;
    if (isRoot) {
      // Root writes anywhere: run the CLI as nobody, who may read the copy but not write the folder.
      const nobody = spawnSync("id", ["-u", "nobody"], { encoding: "utf8" });
      if (nobody.status !== 0) return void console.info("skipped: no user nobody to run as");
      uid = Number(nobody.stdout.trim());
      // The clone itself may sit in a folder nobody cannot enter (a 0700 temp folder, /root):
      // nobody runs a copy of the built CLI made readable for everyone.
      cli = path.join(copyPackage(cliCopies, { nodeModules: false }), "bin", "channel");
      const copyRoot = path.dirname(path.dirname(cli));
      spawnSync("chmod", ["-R", "a+rX", copyRoot]);
      fs.chmodSync(dir, 0o755);
      const probe = spawnSync(process.execPath, [cli, "--version"], { uid, gid: uid, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent" } });
      if (probe.status !== 0) {
        return void console.info(`skipped: nobody cannot run node or a copy of the CLI in ${os.tmpdir()} (${(probe.stderr || String(probe.error ?? "")).split("\n")[0]})`);
      }
    }
    fs.chmodSync(branch, 0o555);
    try {
      const result = await startCli(logArgs(dir), { uid, gid: uid, cli, env: { CHANNEL_CACHE_DIR: path.join(os.tmpdir(), "channel-nobody-cache-unused"), HOME: "/nonexistent" } }).done;
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("permission denied");
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(fs.readFileSync(path.join(dir, REL)).equals(before)).toBe(true);
      expect(dotFiles(dir)).toEqual([]);
    } finally {
      fs.chmodSync(branch, 0o755);
    }
  });

  it("an immutable file (chattr +i), which even root cannot replace", () => {
    const dir = scratch();
    const file = path.join(dir, REL);
    const before = fs.readFileSync(file);
    if (spawnSync("chattr", ["+i", file]).status !== 0) return void console.info("skipped: chattr +i is not available here");
    try {
      const result = runCli(logArgs(dir));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/permission denied|read-only/);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(dotFiles(dir)).toEqual([]);
    } finally {
      spawnSync("chattr", ["-i", file]);
    }
  });
});

describe("a full disk", () => {
  it("log, --out and init on a full 512 KB tmpfs: 'the disk is full', exit 2, nothing changed or left", () => {
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), "channel-full-disk-"));
    temps.push(mount);
    if (!isRoot || spawnSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mount]).status !== 0) {
      return void console.info("skipped: cannot mount a tmpfs here (needs root); the injected ENOSPC test covers the same path");
    }
    try {
      const dir = path.join(mount, "repo");
      fs.cpSync(path.join(FIXTURES, "log-basic"), dir, { recursive: true });
      const before = fs.readFileSync(path.join(dir, REL));
      // Fill the disk to the last page.
      const fd = fs.openSync(path.join(mount, "filler"), "w");
      try {
        const chunk = Buffer.alloc(4096, 120);
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
      } finally {
        fs.closeSync(fd);
      }

      const log = runCli(logArgs(dir));
      expect(log.code, log.stderr).toBe(2);
      expect(log.stderr).toContain("the disk is full");
      expect(log.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(fs.readFileSync(path.join(dir, REL)).equals(before)).toBe(true);
      expect(dotFiles(dir)).toEqual([]);

      const out = path.join(mount, "bonus.json");
      const bonus = runCli(["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--format", "json", "--out", out, "--lang", "en"]);
      expect(bonus.code).toBe(2);
      expect(bonus.stderr).toContain("the disk is full");
      expect(fs.existsSync(out)).toBe(false);

      const init = runCli(["init", path.join(mount, "new"), "--lang", "en"]);
      expect(init.code).toBe(2);
      expect(init.stderr).toMatch(/the disk is full/);
      expect(init.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(fs.readdirSync(mount).filter((n) => n.startsWith("."))).toEqual([]);
    } finally {
      spawnSync("umount", [mount]);
    }
  });
});

describe("import --apply and followups --ics write like log and --out", () => {
  const STAFF = path.join("branches", "cmb-futian-center", "staff.yaml");
  const importArgs = (dir: string) => ["import", "staff", "--branch", "cmb-futian-center", "--from", path.join(FIXTURES, "import-sheets", "staff-utf8.csv"), "--data", dir, "--apply", "--lang", "en"];

  function example(): string {
    const dir = copyToTemp();
    temps.push(dir);
    return dir;
  }

  it("import --apply onto a read-only file: refused with a message, exit 2, the file as it was", () => {
    const dir = example();
    expectReadOnlyRefused(dir, path.join(dir, STAFF), importArgs(dir));
  });

  it("import --apply waits for the lock `channel log` takes, then writes", async () => {
    const dir = example();
    const file = path.join(dir, STAFF);
    const before = fs.readFileSync(file);
    // A lock held by a live process (this one), as a running `channel log` holds it.
    const lock = lockFileFor(file);
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: "held-by-the-test", time: Date.now() }));
    const running = startCli(importArgs(dir));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    fs.rmSync(lock);
    const result = await running.done;
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(fs.readFileSync(file).equals(before)).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toContain("wang-xiaoming");
    expect(dotFiles(dir)).toEqual([]);
  });

  it("followups --ics over a read-only calendar, even with --force: refused, the file as it was", () => {
    const dir = scratch();
    const ics = path.join(dir, "calendar.ics");
    fs.writeFileSync(ics, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    fs.chmodSync(ics, 0o444);
    const result = runCli(["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--ics", ics, "--force", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is read-only");
    expect(fs.readFileSync(ics, "utf8")).toBe("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  });
});
