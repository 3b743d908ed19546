/**
 * The commit guard: `channel hook install` in a real git repository (data in a subfolder),
 * a commit of valid data passes, a commit of an invalid file is stopped with exactly the
 * diagnostics `channel validate` prints, what is checked is what is staged, and a hook that was
 * there before is kept and still runs. Also the pre-commit framework's manifest.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { HOOK_MARKER } from "../../src/cli/commands/hook.js";
import { DATA_EXAMPLE, PROJECT_ROOT, runCli } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const GIT_ENV = { ...process.env, LANG: "C", LC_ALL: "C", CHANNEL_LANG: "en", NO_COLOR: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };

function git(cwd: string, ...args: string[]): { code: number; output: string } {
  const result = spawnSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** A git repository whose data repository is the subfolder `data`, a copy of data-example. */
function gitRepo(): { top: string; data: string } {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), "channel-hook-"));
  temps.push(top);
  expect(git(top, "init", "-q").code).toBe(0);
  const data = path.join(top, "data");
  fs.cpSync(DATA_EXAMPLE, data, { recursive: true });
  return { top, data };
}

const STAFF = "branches/cmb-futian-center/staff.yaml";

/** The diagnostic lines of `channel validate` (file:line:col … and the quoted source). */
function diagnosticLines(output: string): string[] {
  return output.split("\n").filter((l) => /^branches\/|^ {2}\d* \|/.test(l));
}

describe("channel hook install", () => {
  it("stops a commit of an invalid file with what channel validate prints, and lets a valid one through", () => {
    const { top, data } = gitRepo();
    const install = runCli(["hook", "install", "--data", data, "--lang", "en"]);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain("installed");
    const hook = path.join(top, ".git", "hooks", "pre-commit");
    expect(fs.readFileSync(hook, "utf8")).toContain(HOOK_MARKER);
    expect(fs.statSync(hook).mode & 0o111).not.toBe(0);

    git(top, "add", "-A");
    const valid = git(top, "commit", "-q", "-m", "data");
    expect(valid.code, valid.output).toBe(0);

    const file = path.join(data, STAFF);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("position: wealth_manager", "position: wealth_managr"));
    git(top, "add", "-A");
    const invalid = git(top, "commit", "-q", "-m", "typo");
    expect(invalid.code).not.toBe(0);
    const validate = runCli(["validate", "--data", data, "--lang", "en"]);
    expect(validate.code).toBe(1);
    expect(diagnosticLines(validate.stdout).length).toBeGreaterThan(0);
    expect(diagnosticLines(invalid.output)).toEqual(diagnosticLines(validate.stdout));
    expect(invalid.output).toContain("commit stopped");
    expect(git(top, "log", "--oneline").output.trim().split("\n")).toHaveLength(1);
  });

  it("shows a long report short, and says that the commit stopped last", () => {
    const { top, data } = gitRepo();
    expect(runCli(["hook", "install", "--data", data, "--lang", "en"]).code).toBe(0);
    git(top, "add", "-A");
    expect(git(top, "commit", "-q", "-m", "data").code).toBe(0);
    // Thirty unquoted phone numbers: sixty lines of report and more.
    const file = path.join(data, STAFF);
    const entries = Array.from({ length: 30 }, (_, i) => `  - {id: extra-${i}, name: 某${i}, position: teller, phone: 1380013800${i % 10}}\n`).join("");
    fs.appendFileSync(file, entries);
    git(top, "add", "-A");
    const stopped = git(top, "commit", "-q", "-m", "many");
    expect(stopped.code).not.toBe(0);
    const lines = stopped.output.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toContain("commit stopped");
    expect(stopped.output).toMatch(/… \d+ more line\(s\) not shown/);
    expect(stopped.output).toContain("30 error(s)");
    expect(lines.length).toBeLessThan(50);
  });

  it("checks what is staged, not the working tree", () => {
    const { top, data } = gitRepo();
    expect(runCli(["hook", "install", "--data", data]).code).toBe(0);
    git(top, "add", "-A");
    expect(git(top, "commit", "-q", "-m", "data").code).toBe(0);
    const file = path.join(data, STAFF);
    const good = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, good.replace("position: wealth_manager", "position: wealth_managr"));
    git(top, "add", "-A");
    // Fixed on disk, but the broken version is what would be committed.
    fs.writeFileSync(file, good);
    expect(git(top, "commit", "-q", "-m", "broken staged").code).not.toBe(0);
    git(top, "add", "-A");
    expect(git(top, "commit", "-q", "--allow-empty", "-m", "fixed").code).toBe(0);
  });

  it("keeps an existing hook: moved to pre-commit.local and still run first; a second install changes only its own hook", () => {
    const { top, data } = gitRepo();
    const hooks = path.join(top, ".git", "hooks");
    const own = `#!/bin/sh\necho ran >> "${path.join(top, "own-hook-ran")}"\n`;
    fs.writeFileSync(path.join(hooks, "pre-commit"), own, { mode: 0o755 });
    const install = runCli(["hook", "install", "--data", data, "--lang", "en"]);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain("pre-commit.local");
    expect(fs.readFileSync(path.join(hooks, "pre-commit.local"), "utf8")).toBe(own);

    git(top, "add", "-A");
    expect(git(top, "commit", "-q", "-m", "data").code).toBe(0);
    expect(fs.readFileSync(path.join(top, "own-hook-ran"), "utf8")).toBe("ran\n");

    const again = runCli(["hook", "install", "--data", data, "--lang", "en"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("updated");
    expect(fs.readFileSync(path.join(hooks, "pre-commit.local"), "utf8")).toBe(own);

    // The old hook failing still stops the commit, as it did before.
    fs.writeFileSync(path.join(hooks, "pre-commit.local"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    fs.appendFileSync(path.join(top, "notes.txt"), "x\n");
    git(top, "add", "-A");
    expect(git(top, "commit", "-q", "-m", "blocked by the old hook").code).not.toBe(0);
  });

  it("refuses, changing nothing, when both pre-commit and pre-commit.local exist", () => {
    const { top, data } = gitRepo();
    const hooks = path.join(top, ".git", "hooks");
    fs.writeFileSync(path.join(hooks, "pre-commit"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    fs.writeFileSync(path.join(hooks, "pre-commit.local"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const result = runCli(["hook", "install", "--data", data, "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nothing was changed");
    expect(fs.readFileSync(path.join(hooks, "pre-commit"), "utf8")).toBe("#!/bin/sh\nexit 0\n");
  });

  it("outside a git repository: a usage error that says to run git init", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-nogit-"));
    temps.push(dir);
    fs.cpSync(DATA_EXAMPLE, dir, { recursive: true });
    const result = runCli(["hook", "install", "--data", dir, "--lang", "en"], { env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("git init");
  });
});

describe(".pre-commit-hooks.yaml", () => {
  it("declares channel-validate for the pre-commit framework", () => {
    const hooks = parse(fs.readFileSync(path.join(PROJECT_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Record<string, unknown>[];
    const hook = hooks.find((h) => h.id === "channel-validate");
    expect(hook).toBeDefined();
    expect(hook!.entry).toBe("channel validate");
    expect(["node", "system"]).toContain(hook!.language);
    expect(hook!.pass_filenames).toBe(false);
    expect(new RegExp(String(hook!.files)).test("branches/b1/staff.yaml")).toBe(true);
    expect(new RegExp(String(hook!.files)).test("README.md")).toBe(false);
  });
});
