/**
 * Where `--out FILE` and `followups --ics FILE` may write. The guard against writing over the
 * repository's data compares real paths: the repository reached through a symlink, a symlinked
 * folder or file pointing into it, and a new file created through a symlinked folder are all
 * refused, with --force or not. A pipe, a terminal or another device (or a symlink to one) is
 * written into as a stream and never replaced by a regular file.
 *
 * No test here writes at the system's own /dev/stdout or /dev/null: only symlinks to them in a
 * scratch folder, which a wrong write would replace harmlessly.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, runCli, scratchFolders, snapshot } from "../helpers/cli.js";
import { startCli } from "./helpers.js";

const scratch = scratchFolders("channel-out-");
const AS_OF = "2012-03-31";
const KPIS = path.join("branches", "cmb-futian-center", "kpis.yaml");

/** A copy of data-example, and a scratch folder beside it for the links. */
function setUp(): { repo: string; dir: string } {
  return { repo: scratch.keep(copyToTemp()), dir: scratch.dir() };
}

const summary = (data: string, out: string, extra: string[] = []) =>
  runCli(["report", "summary", "--data", data, "--as-of", AS_OF, "--format", "csv", "--lang", "en", "--out", out, ...extra]);
const calendar = (data: string, ics: string, extra: string[] = []) =>
  runCli(["followups", "--data", data, "--as-of", AS_OF, "--format", "json", "--lang", "en", "--ics", ics, ...extra]);

/** Both writers, with and without --force: each must be refused as a data file, the repository left exactly as it was. */
function expectRefusedEverywhere(repo: string, data: string, target: string): void {
  const before = snapshot(repo);
  for (const extra of [[], ["--force"]]) {
    for (const run of [summary, calendar]) {
      const result = run(data, target, extra);
      expect(result.code, `${run === summary ? "--out" : "--ics"} ${extra.join(" ")}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain("it is a data file of the repository");
    }
  }
  expect(snapshot(repo)).toEqual(before);
}

describe("--out and --ics never write over the repository's data, whatever symlinks lead there", () => {
  it("refuses a data file when the repository is reached through a symlink", () => {
    const { repo, dir } = setUp();
    const linkedRepo = path.join(dir, "repo-link");
    fs.symlinkSync(repo, linkedRepo);
    // The data named through the link, and named by its real path while --data goes through the link.
    expectRefusedEverywhere(repo, linkedRepo, path.join(linkedRepo, KPIS));
    expectRefusedEverywhere(repo, linkedRepo, path.join(repo, KPIS));
    expectRefusedEverywhere(repo, repo, path.join(linkedRepo, KPIS));
  });

  it("refuses a path through a symlinked folder that points into the repository", () => {
    const { repo, dir } = setUp();
    const linkedBranch = path.join(dir, "branch-link");
    fs.symlinkSync(path.join(repo, "branches", "cmb-futian-center"), linkedBranch);
    expectRefusedEverywhere(repo, repo, path.join(linkedBranch, "kpis.yaml"));
  });

  it("refuses an --out that is itself a symlink to a data file", () => {
    const { repo, dir } = setUp();
    const linkedFile = path.join(dir, "report.csv");
    fs.symlinkSync(path.join(repo, KPIS), linkedFile);
    expectRefusedEverywhere(repo, repo, linkedFile);
    // A symlink through a symlink, relative, with `..` that only the file system can resolve.
    const branchLink = path.join(dir, "branch-link");
    fs.symlinkSync(path.join(repo, "branches", "cmb-futian-center"), branchLink);
    const twice = path.join(dir, "twice.csv");
    fs.symlinkSync("branch-link/../cmb-futian-center/kpis.yaml", twice);
    expectRefusedEverywhere(repo, repo, twice);
  });

  it("refuses to create a new file inside the repository's branches through a symlinked folder", () => {
    const { repo, dir } = setUp();
    const linkedBranches = path.join(dir, "branches-link");
    fs.symlinkSync(path.join(repo, "branches"), linkedBranches);
    expectRefusedEverywhere(repo, repo, path.join(linkedBranches, "cmb-shekou", "summary.csv"));
    expectRefusedEverywhere(repo, repo, path.join(linkedBranches, "new-branch.ics"));
    // A dangling symlink whose target would be a new file in a branch folder.
    const dangling = path.join(dir, "dangling.csv");
    fs.symlinkSync(path.join(repo, "branches", "cmb-shekou", "notes.yaml"), dangling);
    expectRefusedEverywhere(repo, repo, dangling);
  });

  it("writes through a symlink that leads outside the repository, keeping the link", () => {
    const { repo, dir } = setUp();
    const realFile = path.join(dir, "real.csv");
    fs.writeFileSync(realFile, "old");
    const link = path.join(dir, "latest.csv");
    fs.symlinkSync("real.csv", link);
    const result = summary(repo, link, ["--force"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(realFile, "utf8")).toContain("sz-futian,深圳福田营业部");
    expect(fs.readdirSync(dir).sort()).toEqual(["latest.csv", "real.csv"]);
  });
});

/** Runs a command that writes into `fifo` while `cat` reads it; returns what cat read. */
async function throughFifo(args: string[], fifo: string): Promise<{ code: number | null; stderr: string; read: string; stillFifo: boolean }> {
  const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "ignore"] });
  const chunks: Buffer[] = [];
  reader.stdout.on("data", (c: Buffer) => chunks.push(c));
  const readerDone = new Promise<void>((resolve) => reader.on("close", () => resolve()));
  const run = await startCli(args).done;
  const stillFifo = fs.lstatSync(fifo).isFIFO();
  if (stillFifo) {
    // A writer that comes and goes: the reader sees the end of the stream even if the command
    // never opened the pipe (ENXIO: the reader has finished already).
    try {
      fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENXIO") throw error;
    }
  } else reader.kill(); // the pipe was replaced: nobody can reach the reader's end any more
  await readerDone;
  return { code: run.code, stderr: run.stderr, read: Buffer.concat(chunks).toString("utf8"), stillFifo };
}

describe("--out and --ics onto a pipe, a terminal or another device write into it as a stream", () => {
  it("writes into a named pipe (FIFO) that is read concurrently, and leaves it a pipe", async () => {
    const { repo, dir } = setUp();
    const expected = runCli(["report", "summary", "--data", repo, "--as-of", AS_OF, "--format", "csv", "--lang", "en"]).stdout;
    const fifo = path.join(dir, "report.pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    for (const extra of [[], ["--force"]]) {
      const result = await throughFifo(["report", "summary", "--data", repo, "--as-of", AS_OF, "--format", "csv", "--lang", "en", "--out", fifo, ...extra], fifo);
      expect(result.stillFifo).toBe(true);
      expect(result.code, result.stderr).toBe(0);
      expect(result.read).toBe(expected);
    }
    const ics = await throughFifo(["followups", "--data", repo, "--as-of", AS_OF, "--format", "json", "--ics", fifo, "--force"], fifo);
    expect(ics.stillFifo).toBe(true);
    expect(ics.code, ics.stderr).toBe(0);
    expect(ics.read.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(["report.pipe"]);
  });

  it("writes into a character device through a symlink (to /dev/null), and leaves the link", () => {
    const { repo, dir } = setUp();
    const link = path.join(dir, "discard.csv");
    fs.symlinkSync("/dev/null", link);
    for (const run of [summary, calendar]) {
      for (const extra of [[], ["--force"]]) {
        const result = run(repo, link, extra);
        expect(result.code, result.stderr).toBe(0);
        expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      }
    }
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(["discard.csv"]);
  });

  it("writes a symlink to /proc/self/fd/1 to the command's own standard output", () => {
    const { repo, dir } = setUp();
    const link = path.join(dir, "stdout.csv");
    fs.symlinkSync("/proc/self/fd/1", link);
    const expected = runCli(["report", "summary", "--data", repo, "--as-of", AS_OF, "--format", "csv", "--lang", "en"]).stdout;
    const result = summary(repo, link, ["--force"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(result.stdout).toBe(expected);
    expect(fs.readdirSync(dir)).toEqual(["stdout.csv"]);
  });

  it("refuses a socket (neither a file, a pipe nor a device), and leaves it", async () => {
    const { repo, dir } = setUp();
    const socket = path.join(dir, "report.sock");
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      for (const run of [summary, calendar]) {
        const result = run(repo, socket, ["--force"]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("not a regular file");
        expect(fs.lstatSync(socket).isSocket()).toBe(true);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
