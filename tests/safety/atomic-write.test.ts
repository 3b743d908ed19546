/**
 * Writes that cannot lose data, unit by unit: a failed write (a full disk, injected) leaves the
 * target and its folder as they were; a read-only target is refused; permissions are kept;
 * temporary files of killed processes are cleaned; the lock of `channel log` is exclusive,
 * breaks only stale locks and gives up after its timeout.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChangedSinceReadError, createFileAtomic, ReadOnlyFileError, removeStaleTemps, replaceFileIfUnchanged, writeFileAtomic, type WriteIo } from "../../src/cli/atomic-write.js";
import { LockTimeoutError, lockFileFor, STALE_AFTER_MS, withFileLock } from "../../src/cli/file-lock.js";
import { LinkOutsideRepositoryError } from "../../src/cli/errors.js";
import { writeFailure } from "../../src/cli/write-errors.js";
import { t } from "../../src/i18n/catalog.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-safety-"));
  dirs.push(dir);
  return dir;
}

/** Writes half of the data, then fails as a full disk does. */
const FULL_DISK: WriteIo = {
  write(fd, data) {
    fs.writeSync(fd, data, 0, Math.floor(data.length / 2));
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  },
};

/** A pid that surely does not run: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("writeFileAtomic", () => {
  it("replaces the content whole, and leaves no temporary file", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, "old\n");
    writeFileAtomic(target, "new\n");
    expect(fs.readFileSync(target, "utf8")).toBe("new\n");
    expect(fs.readdirSync(dir)).toEqual(["activities.yaml"]);
  });

  it("on a full disk leaves the original intact and removes its temporary file", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, "activities:\n  - {date: 2012-03-01, kind: call}\n");
    expect(() => writeFileAtomic(target, "x".repeat(100_000), FULL_DISK)).toThrow(/ENOSPC/);
    expect(fs.readFileSync(target, "utf8")).toBe("activities:\n  - {date: 2012-03-01, kind: call}\n");
    expect(fs.readdirSync(dir)).toEqual(["activities.yaml"]);
  });

  it("on a full disk creates nothing (createFileAtomic)", () => {
    const dir = scratch();
    const target = path.join(dir, "report.md");
    expect(() => createFileAtomic(target, "x".repeat(100_000), FULL_DISK)).toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses a read-only file, even when run as root", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, "old\n");
    fs.chmodSync(target, 0o444);
    expect(() => writeFileAtomic(target, "new\n")).toThrow(ReadOnlyFileError);
    expect(fs.readFileSync(target, "utf8")).toBe("old\n");
    expect(fs.readdirSync(dir)).toEqual(["activities.yaml"]);
  });

  it("keeps the permissions of the file it replaces", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, "old\n");
    fs.chmodSync(target, 0o640);
    writeFileAtomic(target, "new\n");
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
  });

  it("removes temporary files left by processes that no longer run, and no others", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    const dead = `.activities.yaml.${deadPid()}.lz0k3a0.tmp`;
    const alive = `.activities.yaml.${process.ppid}.lz0k3a0.tmp`;
    const other = `.staff.yaml.${deadPid()}.lz0k3a0.tmp`;
    for (const name of [dead, alive, other]) fs.writeFileSync(path.join(dir, name), "half a fi");
    writeFileAtomic(target, "new\n");
    // The dead writer's file is gone; a live one's, and another target's, stay.
    expect(fs.readdirSync(dir).sort()).toEqual([alive, other, "activities.yaml"].sort());
    removeStaleTemps(path.join(dir, "staff.yaml"));
    expect(fs.readdirSync(dir).sort()).toEqual([alive, "activities.yaml"].sort());
  });

  it.runIf(fs.existsSync(`/proc/${process.pid}/stat`))("knows a leftover whose process id went to another process since (ids are reused)", () => {
    const dir = scratch();
    const target = path.join(dir, "channel.yaml");
    // Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot.
    const startOf = (pid: number) => {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    };
    const parent = startOf(process.ppid);
    const running = `.channel.yaml.${process.ppid}.${parent.toString(36)}-lz0k3a0.tmp`;
    const reusedId = `.channel.yaml.${process.ppid}.${(parent + 1).toString(36)}-lz0k3a0.tmp`;
    const mine = `.channel.yaml.${process.pid}.${startOf(process.pid).toString(36)}-lz0k3a0.tmp`;
    const myIdBefore = `.channel.yaml.${process.pid}.${(startOf(process.pid) + 7).toString(36)}-lz0k3a0.tmp`;
    for (const name of [running, reusedId, mine, myIdBefore]) fs.writeFileSync(path.join(dir, name), "half a fi");
    expect(createFileAtomic(target, "version: 1\n")).toBe(true);
    // Kept: the writers still run. Removed: the ids now belong to processes that started later.
    expect(fs.readdirSync(dir).sort()).toEqual([running, mine, "channel.yaml"].sort());
  });

  it("names its temporary file after this process and its start, and leaves none behind", () => {
    const dir = scratch();
    const names: string[] = [];
    writeFileAtomic(path.join(dir, "staff.yaml"), "staff: []\n", {
      write(fd, data) {
        fs.writeSync(fd, data);
        names.push(...fs.readdirSync(dir));
      },
    });
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^\\.staff\\.yaml\\.${process.pid}\\.([0-9a-z]+-)?[0-9a-z]+\\.tmp$`));
    expect(fs.readdirSync(dir)).toEqual(["staff.yaml"]);
  });
});

/** Writes as usual, and lets `meanwhile` run where another program's save can land: after the temporary file is complete, before the rename. */
function racing(meanwhile: () => void): WriteIo {
  return {
    write(fd, data) {
      fs.writeSync(fd, data);
    },
    beforeReplace: meanwhile,
  };
}

describe("replaceFileIfUnchanged: only over the bytes the new content was made from", () => {
  const OLD = "activities:\n  - {date: 2012-03-01, kind: call}\n";
  const NEW = OLD + "  - {date: 2012-03-02, kind: call}\n";

  it("replaces the file when it holds exactly those bytes", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, OLD);
    replaceFileIfUnchanged(target, Buffer.from(OLD), NEW);
    expect(fs.readFileSync(target, "utf8")).toBe(NEW);
    expect(fs.readdirSync(dir)).toEqual(["activities.yaml"]);
  });

  it("refuses a file emptied since it was read (an editor half-way through an in-place save), leaving it empty", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, "");
    expect(() => replaceFileIfUnchanged(target, Buffer.from(OLD), NEW)).toThrow(ChangedSinceReadError);
    expect(fs.readFileSync(target, "utf8")).toBe("");
    expect(fs.readdirSync(dir)).toEqual(["activities.yaml"]);
  });

  it("refuses when a rename-style save lands while the temporary file is written, keeping that save", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, OLD);
    const saved = OLD + "# saved by the editor\n";
    const editor = racing(() => {
      fs.writeFileSync(path.join(dir, "editor.swp"), saved);
      fs.renameSync(path.join(dir, "editor.swp"), target);
    });
    expect(() => replaceFileIfUnchanged(target, Buffer.from(OLD), NEW, editor)).toThrow(ChangedSinceReadError);
    expect(fs.readFileSync(target, "utf8")).toBe(saved);
    expect(fs.readdirSync(dir)).toEqual(["activities.yaml"]);
  });

  it("refuses when the file is emptied while the temporary file is written", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(target, OLD);
    expect(() => replaceFileIfUnchanged(target, Buffer.from(OLD), NEW, racing(() => fs.truncateSync(target, 0)))).toThrow(ChangedSinceReadError);
    expect(fs.readFileSync(target, "utf8")).toBe("");
  });

  it("creates a file that did not exist only while it still does not: one made meanwhile is kept", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    replaceFileIfUnchanged(path.join(dir, "new.yaml"), null, NEW);
    expect(fs.readFileSync(path.join(dir, "new.yaml"), "utf8")).toBe(NEW);
    expect(() => replaceFileIfUnchanged(target, null, NEW, racing(() => fs.writeFileSync(target, OLD)))).toThrow(ChangedSinceReadError);
    expect(fs.readFileSync(target, "utf8")).toBe(OLD);
    expect(() => replaceFileIfUnchanged(target, null, NEW)).toThrow(ChangedSinceReadError);
    expect(fs.readdirSync(dir).sort()).toEqual(["activities.yaml", "new.yaml"]);
  });
});

describe("write failures in words", () => {
  it.each([
    ["ENOSPC", "disk is full"],
    ["EDQUOT", "disk is full"],
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EROFS", "file system is read-only"],
  ])("%s: exit 2 with a sentence that says the file is as it was", (code, words) => {
    const error = writeFailure("branches/b1/activities.yaml", Object.assign(new Error(code), { code }));
    expect(error.exitCode).toBe(2);
    const message = t("en", error.key, error.params);
    expect(message).toContain(words);
    expect(message).toContain("as it was");
    expect(t("zh", error.key, error.params)).toContain("保持原样");
  });

  it("a file changed since it was read, and a link leading outside the repository", () => {
    const changed = writeFailure("a.yaml", new ChangedSinceReadError("/x/a.yaml"));
    expect(changed.exitCode).toBe(2);
    expect(t("en", changed.key, changed.params)).toContain("a.yaml changed after channel read and checked it");
    const outside = writeFailure("a.yaml", new LinkOutsideRepositoryError("/x/a.yaml", "/elsewhere/a.yaml"));
    expect(outside.exitCode).toBe(2);
    expect(t("en", outside.key, outside.params)).toContain("/elsewhere/a.yaml, outside the repository");
    expect(t("zh", outside.key, outside.params)).toContain("仓库之外");
  });

  it("a read-only file and a held lock", () => {
    const readOnly = writeFailure("a.yaml", new ReadOnlyFileError("/x/a.yaml"));
    expect(t("en", readOnly.key, readOnly.params)).toContain("read-only");
    const locked = writeFailure("a.yaml", new LockTimeoutError("/x/.a.yaml.lock", 4242));
    expect(t("en", locked.key, locked.params)).toContain("pid 4242");
    expect(t("en", locked.key, locked.params)).toContain("/x/.a.yaml.lock");
  });
});

describe("the lock of channel log", () => {
  it("is held while the action runs and released afterwards, also when it throws", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    const lock = lockFileFor(target);
    expect(path.basename(lock)).toBe(".activities.yaml.lock");
    withFileLock(target, (held) => {
      expect(fs.existsSync(lock)).toBe(true);
      expect(held.stillHeld()).toBe(true);
    });
    expect(fs.existsSync(lock)).toBe(false);
    expect(() => withFileLock(target, () => { throw new Error("boom"); })).toThrow("boom");
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("waits for a live holder and gives up after its timeout, naming the holder", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    // The parent of this test process: alive for as long as the test runs.
    fs.writeFileSync(lockFileFor(target), JSON.stringify({ pid: process.ppid, host: os.hostname(), token: "x", time: Date.now() }));
    const started = Date.now();
    let error: unknown;
    try {
      withFileLock(target, () => undefined, { timeoutMs: 300 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).holderPid).toBe(process.ppid);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // Someone else's lock is never removed by the one who gave up.
    expect(fs.existsSync(lockFileFor(target))).toBe(true);
  });

  it("breaks the lock of a process that no longer runs", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(lockFileFor(target), JSON.stringify({ pid: deadPid(), host: os.hostname(), token: "dead", time: Date.now() }));
    let ran = false;
    withFileLock(target, () => {
      ran = true;
    }, { timeoutMs: 1_000 });
    expect(ran).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("removes a lock set aside by a process killed while breaking it, and only such", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    const lock = path.basename(lockFileFor(target));
    const dead = `${lock}.${deadPid()}.9f3a1c2e.stale`;
    const alive = `${lock}.${process.ppid}.9f3a1c2e.stale`;
    for (const name of [dead, alive]) fs.writeFileSync(path.join(dir, name), JSON.stringify({ pid: deadPid(), host: os.hostname(), token: "old", time: 0 }));
    withFileLock(target, () => undefined, { timeoutMs: 1_000 });
    expect(fs.readdirSync(dir)).toEqual([alive]);
  });

  it("breaks a lock older than the stale age, and an empty one after a few seconds", () => {
    const dir = scratch();
    const target = path.join(dir, "activities.yaml");
    fs.writeFileSync(lockFileFor(target), JSON.stringify({ pid: process.ppid, host: os.hostname(), token: "old", time: Date.now() - STALE_AFTER_MS - 1 }));
    withFileLock(target, () => undefined, { timeoutMs: 1_000 });
    fs.writeFileSync(lockFileFor(target), "");
    const past = new Date(Date.now() - 10_000);
    fs.utimesSync(lockFileFor(target), past, past);
    withFileLock(target, () => undefined, { timeoutMs: 1_000 });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
