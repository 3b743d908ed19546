/**
 * The files `import` is given (issue 14): `--from` or `--map` naming /dev/zero or /dev/urandom
 * read without end (3 GB before the process died), and a 600 MB sheet was read whole before
 * "too large". Only a regular file is read, its size is checked first, and reading stops at
 * the limit.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BoundedReadError, readBoundedFile } from "../../src/load/read-bounded.js";
import { copyToTemp, runCli, scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-input-");

function refusal(f: () => unknown): BoundedReadError {
  try {
    f();
  } catch (error) {
    if (error instanceof BoundedReadError) return error;
    throw error;
  }
  throw new Error("read");
}

describe("readBoundedFile", () => {
  it("reads a regular file within the limit, exactly", () => {
    const file = path.join(scratch.dir(), "a.csv");
    fs.writeFileSync(file, "姓名\n王芳\n");
    expect(Buffer.from(readBoundedFile(file, 100)).toString("utf8")).toBe("姓名\n王芳\n");
    expect(readBoundedFile(file, Buffer.byteLength("姓名\n王芳\n")).byteLength).toBe(Buffer.byteLength("姓名\n王芳\n"));
    fs.writeFileSync(file, "");
    expect(readBoundedFile(file, 100).byteLength).toBe(0);
  });

  it("refuses a larger file by its size, before reading it (a sparse file of 1 GB)", () => {
    const file = path.join(scratch.dir(), "big.csv");
    fs.closeSync(fs.openSync(file, "w"));
    fs.truncateSync(file, 2 ** 30);
    expect(refusal(() => readBoundedFile(file, 1024))).toMatchObject({ reason: "too_large", size: 2 ** 30 });
  });

  it.skipIf(!fs.existsSync("/dev/zero"))("refuses devices and pipes, without blocking on a pipe that has no writer", () => {
    expect(refusal(() => readBoundedFile("/dev/zero", 1024)).reason).toBe("not_regular");
    expect(refusal(() => readBoundedFile("/dev/urandom", 1024)).reason).toBe("not_regular");
    const fifo = path.join(scratch.dir(), "pipe.csv");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expect(refusal(() => readBoundedFile(fifo, 1024)).reason).toBe("not_regular");
    expect(refusal(() => readBoundedFile(scratch.dir(), 1024)).reason).toBe("not_regular");
  });
});

describe.skipIf(!fs.existsSync("/dev/zero"))("import --from and --map", () => {
  const repo = scratch.keep(copyToTemp());
  const dir = scratch.dir();
  const zeroSheet = path.join(dir, "zero.csv");
  fs.symlinkSync("/dev/zero", zeroSheet);
  const sheet = path.join(dir, "staff.csv");
  fs.writeFileSync(sheet, "姓名,职务\n周晓梅,理财经理\n");
  const huge = path.join(dir, "huge.csv");
  fs.closeSync(fs.openSync(huge, "w"));
  fs.truncateSync(huge, 600 * 1024 * 1024);

  const run = (...args: string[]) => runCli(["import", "staff", "--branch", "cmb-futian-center", "--data", repo, "--lang", "en", ...args]);

  it("refuse a device as the sheet (exit 2), named", () => {
    const result = run("--from", zeroSheet);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("zero.csv");
    expect(result.stderr).toMatch(/not a regular file/);
  });

  it("refuse a device as the map (exit 2), named", () => {
    for (const device of ["/dev/zero", "/dev/urandom"]) {
      const result = run("--from", sheet, "--map", device);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(device);
      expect(result.stderr).toMatch(/not a regular file/);
    }
  });

  it("refuse a 600 MB sheet by its size (exit 1)", () => {
    const result = run("--from", huge);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/too large \(629145600 bytes/);
  });

  it("refuse a map file over its limit (exit 2)", () => {
    const map = path.join(dir, "map.yaml");
    fs.writeFileSync(map, `# ${"x".repeat(2 * 1024 * 1024)}\nduplicates: skip\n`);
    const result = run("--from", sheet, "--map", map);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("map.yaml");
    expect(result.stderr).toMatch(/too large/);
  });
});
