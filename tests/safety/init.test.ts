/**
 * `channel init` writes only inside the folder it was given, and into an existing repository
 * only what the repository's structure needs: never the example data (a fictional branch
 * that would earn a fictional bonus and expense support).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, runCli, scratchFolders, snapshot } from "../helpers/cli.js";

const scratch = scratchFolders("channel-init-");

/** init's refusal of a folder that is a link leading outside (not any other usage error). */
function expectRefusedOutside(result: { code: number; stderr: string }): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(".channel/schemas");
  expect(result.stderr).toMatch(/leads outside/);
}

describe("channel init never writes through a symlinked folder that leads outside the repository", () => {
  for (const folder of [".channel", "branches", ".vscode"]) {
    it(`refuses when ${folder} is a symlink to a folder outside, and writes nothing at all`, () => {
      const base = scratch.dir();
      const target = path.join(base, "repo");
      const outside = path.join(base, "outside");
      fs.mkdirSync(target);
      fs.mkdirSync(outside);
      fs.symlinkSync(outside, path.join(target, folder));
      for (const lang of ["en", "zh"]) {
        const result = runCli(["init", target, "--lang", lang]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(folder);
        expect(result.stderr).toMatch(lang === "en" ? /leads outside/ : /仓库之外/);
      }
      expect(fs.readdirSync(outside)).toEqual([]);
      expect(fs.readdirSync(target)).toEqual([folder]);
    });
  }

  it("refuses a folder deeper down (.channel/schemas) that leads outside, and a dangling one", () => {
    const base = scratch.dir();
    const target = path.join(base, "repo");
    const outside = path.join(base, "outside");
    fs.mkdirSync(path.join(target, ".channel"), { recursive: true });
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(target, ".channel", "schemas"));
    expectRefusedOutside(runCli(["init", target, "--lang", "en"]));
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(path.join(target, ".channel", "schemas"));
    fs.symlinkSync(path.join(outside, "not-yet"), path.join(target, ".channel", "schemas"));
    expectRefusedOutside(runCli(["init", target, "--lang", "en"]));
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("follows a symlinked folder that stays inside the repository, and a repository named through a symlink", () => {
    const base = scratch.dir();
    const target = path.join(base, "repo");
    fs.mkdirSync(path.join(target, "editor"), { recursive: true });
    fs.symlinkSync("editor", path.join(target, ".vscode"));
    const linkedTarget = path.join(base, "repo-link");
    fs.symlinkSync(target, linkedTarget);
    const result = runCli(["init", linkedTarget, "--lang", "en"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.existsSync(path.join(target, "editor", "settings.json"))).toBe(true);
    expect(fs.existsSync(path.join(target, "branches", "cmb-example", "branch.yaml"))).toBe(true);
  });
});

describe("channel init in a folder that already holds channel.yaml", () => {
  it("does not bring back the example branch a user deleted, nor its bonus and expense support", () => {
    const target = path.join(scratch.dir(), "repo");
    const first = runCli(["init", target, "--lang", "en"]);
    expect(first.code).toBe(0);
    // channel.yaml, which makes the folder a repository, comes last: an init killed before it
    // leaves no repository, and the next init writes everything still missing.
    expect(first.stdout.split("\n").filter((l) => l.startsWith("created ")).at(-1)).toBe("created channel.yaml");
    fs.rmSync(path.join(target, "branches", "cmb-example"), { recursive: true });
    fs.rmSync(path.join(target, ".vscode"), { recursive: true });
    const before = snapshot(target);
    const again = runCli(["init", target, "--lang", "en"]);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.existsSync(path.join(target, "branches", "cmb-example"))).toBe(false);
    // It says what it added: the editor settings that were missing, nothing else.
    expect(again.stdout).toContain("created .vscode/settings.json");
    expect(again.stdout).toContain("created .vscode/extensions.json");
    expect(again.stdout).not.toContain("cmb-example");
    expect(again.stdout).toContain("added 2 file(s)");
    expect(again.stdout).toContain("never example data");
    const after = snapshot(target);
    expect(Object.keys(after).filter((f) => !(f in before)).sort()).toEqual([".vscode/extensions.json", ".vscode/settings.json"]);
    for (const [file, content] of Object.entries(before)) expect(after[file], file).toBe(content);
  });

  it("adds the schemas and editor settings to a repository made by hand, and no example data", () => {
    const repo = scratch.keep(copyToTemp());
    const before = snapshot(repo);
    for (const lang of ["zh", "en"]) {
      const result = runCli(["init", repo, "--lang", lang]);
      expect(result.code, result.stderr).toBe(0);
    }
    const after = snapshot(repo);
    const added = Object.keys(after).filter((f) => !(f in before));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((f) => f.startsWith(".channel/schemas/") || f.startsWith(".vscode/") || f === ".gitignore" || f === ".gitattributes"), added.join(", ")).toBe(true);
    expect(added).toContain(".channel/schemas/staff.schema.json");
    for (const [file, content] of Object.entries(before)) expect(after[file], file).toBe(content);
    // The second run found nothing missing, and said so.
    const third = runCli(["init", repo, "--lang", "en"]);
    expect(third.stdout).toContain("nothing was missing");
  });

  it("removes the temporary copy of channel.yaml that an init killed at its very last step left", () => {
    // The last step of init: channel.yaml is linked from its temporary copy, then the copy is
    // removed. Killed between the two, init leaves a whole repository and the copy; the next init
    // writes no channel.yaml (the repository exists) and must still sweep beside it.
    const target = path.join(scratch.dir(), "repo");
    expect(runCli(["init", target, "--lang", "en"]).code).toBe(0);
    const gone = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
    const leftover = `.channel.yaml.${gone}.lz0k3a0.tmp`;
    fs.copyFileSync(path.join(target, "channel.yaml"), path.join(target, leftover));
    const again = runCli(["init", target, "--lang", "en"]);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readdirSync(target)).not.toContain(leftover);
  });
});
