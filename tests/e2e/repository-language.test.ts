/**
 * A repository's own language (`language: zh` in channel.yaml): every command, the help and the
 * commit hook use it when neither `--lang` nor CHANNEL_LANG says otherwise, whatever the locale.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { t } from "../../src/i18n/catalog.js";
import { languageInSettings } from "../../src/load/repository-language.js";
import { copyToTemp, DATA_EXAMPLE, runCli } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of data-example whose channel.yaml says `language: <lang>` (after `timezone`). */
function repoSaying(lang: "zh" | "en"): string {
  const dir = copyToTemp();
  temps.push(dir);
  const file = path.join(dir, "channel.yaml");
  const text = fs.readFileSync(file, "utf8");
  expect(text).toMatch(/^timezone:.*$/m);
  fs.writeFileSync(file, text.replace(/^(timezone:.*)$/m, `$1\nlanguage: ${lang}            # the repository's language`));
  return dir;
}

const files = fs.readdirSync(DATA_EXAMPLE, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml")).length;
const CLEAN = { zh: t("zh", "validate.clean", { files }), en: t("en", "validate.clean", { files }) };
const AS_OF = "2026-11-28";

describe("language: in channel.yaml", () => {
  it("without --lang, a repository that says zh gets Chinese (the locale is C)", () => {
    const dir = repoSaying("zh");
    const run = runCli(["validate", "--data", dir, "--as-of", AS_OF]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(CLEAN.zh);
    // Found from the working directory up as well, and a usage error is in it too.
    const inside = runCli(["validate", "--as-of", AS_OF], { cwd: path.join(dir, "branches") });
    expect(inside.stdout.trim()).toBe(CLEAN.zh);
    const badFormat = runCli(["bonus", "--data", dir, "--as-of", AS_OF, "--format", "pdf"]);
    expect(badFormat.code).toBe(2);
    const [before, after] = t("zh", "error.badFormat", { value: "pdf", allowed: "\0" }).split("\0");
    expect(badFormat.stderr).toContain(before);
    expect(badFormat.stderr).toContain(after);
  });

  it("--lang en wins over the file", () => {
    const run = runCli(["validate", "--data", repoSaying("zh"), "--as-of", AS_OF, "--lang", "en"]);
    expect(run.stdout.trim()).toBe(CLEAN.en);
  });

  it("CHANNEL_LANG wins over the file, and the file over the locale", () => {
    const dir = repoSaying("zh");
    expect(runCli(["validate", "--data", dir, "--as-of", AS_OF], { env: { CHANNEL_LANG: "en" } }).stdout.trim()).toBe(CLEAN.en);
    const english = repoSaying("en");
    expect(runCli(["validate", "--data", english, "--as-of", AS_OF], { env: { LANG: "zh_CN.UTF-8" } }).stdout.trim()).toBe(CLEAN.en);
  });

  it("the help is in it too", () => {
    const help = runCli(["--help"], { cwd: repoSaying("zh") });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(t("zh", "cli.description"));
  });

  it("a new repository (channel init) says zh", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "channel-init-lang-"));
    temps.push(parent);
    const dir = path.join(parent, "data");
    expect(runCli(["init", dir, "--lang", "en"]).code).toBe(0);
    expect(languageInSettings(fs.readFileSync(path.join(dir, "channel.yaml"), "utf8"))).toBe("zh");
    const run = runCli(["validate", "--data", dir]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("没有发现问题");
  });

  it("the commit hook installed without --lang speaks it, whatever the locale of the commit", () => {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), "channel-hook-lang-"));
    temps.push(top);
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: "C", LC_ALL: "C", NO_COLOR: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
    delete env.CHANNEL_LANG;
    const git = (...args: string[]) => spawnSync("git", args, { cwd: top, env, encoding: "utf8" });
    expect(git("init", "-q").status).toBe(0);
    const data = path.join(top, "data");
    fs.cpSync(repoSaying("zh"), data, { recursive: true });
    const install = runCli(["hook", "install", "--data", data]);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain("已安装");
    const staff = path.join(data, "branches/cmb-futian-center/staff.yaml");
    fs.writeFileSync(staff, fs.readFileSync(staff, "utf8").replace("position: wealth_manager", "position: wealth_managr"));
    git("add", "-A");
    const commit = git("commit", "-q", "-m", "typo");
    expect(commit.status).not.toBe(0);
    const output = `${commit.stdout}${commit.stderr}`;
    expect(output).toContain(t("zh", "hook.script.blocked"));
    expect(output).not.toContain(t("en", "hook.script.blocked"));
  });
});

describe("languageInSettings", () => {
  it("reads a top-level language line, quoted or not, with a comment", () => {
    expect(languageInSettings("version: 1\nlanguage: zh\n")).toBe("zh");
    expect(languageInSettings("language: 'en'   # English\r\nversion: 1\r\n")).toBe("en");
    expect(languageInSettings('"language" : "zh"\n')).toBe("zh");
  });

  it("ignores what is not the top-level key or not zh/en", () => {
    expect(languageInSettings("version: 1\n")).toBeNull();
    expect(languageInSettings("followups:\n  language: zh\n")).toBeNull();
    expect(languageInSettings("languages: zh\n")).toBeNull();
    expect(languageInSettings("language: fr\n")).toBeNull();
    expect(languageInSettings("language: zh-CN\n")).toBeNull();
    expect(languageInSettings("# language: zh\n")).toBeNull();
  });
});
