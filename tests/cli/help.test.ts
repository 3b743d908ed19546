/**
 * Help and usage errors in Chinese: none of commander's English words, every line within 80
 * terminal columns (a Chinese character takes two), and each command's help ends with examples.
 */
import { describe, expect, it } from "vitest";
import { placeholders, wrapColumns } from "../../src/cli/help.js";
import { t } from "../../src/i18n/catalog.js";
import { displayWidth } from "../../src/report/text-width.js";
import { runCli } from "../helpers/cli.js";

/** What commander prints in English on its own. */
const COMMANDER_WORDS = [/Usage/, /Options/, /Commands/, /Arguments/, /\[options\]/, /\[command\]/, /unknown command/i, /unknown option/i, /Did you mean/i, /display help/, /output the version/, /default:/, /error:/, /missing required/, /not specified/, /too many arguments/];

function expectChineseWithin80(text: string): void {
  expect(text.trim()).not.toBe("");
  for (const word of COMMANDER_WORDS) expect(text, `${word}`).not.toMatch(word);
  for (const line of text.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
}

const COMMANDS = [[], ["validate"], ["bonus"], ["expenses"], ["audit"], ["followups"], ["log"], ["report"], ["report", "monthly"], ["report", "summary"], ["coverage"], ["import"], ["export"], ["hook"], ["hook", "install"], ["init"], ["show"], ["add"]];

describe("help in Chinese", () => {
  it("channel --help --lang zh: commander's words in Chinese, within 80 columns, examples last", () => {
    const help = runCli(["--help", "--lang", "zh"]);
    expect(help.code).toBe(0);
    expectChineseWithin80(help.stdout);
    expect(help.stdout).toContain(t("zh", "help.title.usage"));
    expect(help.stdout).toContain(t("zh", "help.title.options"));
    expect(help.stdout).toContain(t("zh", "help.title.commands"));
    expect(help.stdout.trimEnd().endsWith(t("zh", "help.examples.channel"))).toBe(true);
  });

  it("channel followups --help --lang zh: the long list of kinds wrapped, examples last", () => {
    const help = runCli(["followups", "--help", "--lang", "zh"]);
    expect(help.code).toBe(0);
    expectChineseWithin80(help.stdout);
    expect(help.stdout).toContain("--within <天数>");
    // No space after the full-width colon of the title (commander adds one).
    expect(help.stdout.split("\n")[0]).toBe("用法：channel followups [选项]");
    expect(help.stdout).toContain("care_call|");
    expect(help.stdout.trimEnd().endsWith(t("zh", "help.examples.followups"))).toBe(true);
  });

  it("every command's help, in both languages, ends with two or three examples within 80 columns", () => {
    for (const lang of ["zh", "en"] as const) {
      for (const command of COMMANDS) {
        const help = runCli([...command, "--help", "--lang", lang]);
        expect(help.code, command.join(" ")).toBe(0);
        if (lang === "zh") expectChineseWithin80(help.stdout);
        for (const line of help.stdout.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
        const examples = help.stdout.slice(help.stdout.lastIndexOf(t(lang, "help.title.examples")));
        const runs = examples.split("\n").filter((line) => line.startsWith("  channel "));
        expect(runs.length, `${lang} ${command.join(" ")}`).toBeGreaterThanOrEqual(2);
        expect(runs.length).toBeLessThanOrEqual(3);
        // Real examples: each starts with the command whose help it is.
        for (const run of runs) expect(run.startsWith(`  channel ${command.join(" ")}`.trimEnd()), run).toBe(true);
      }
    }
  });

  it("channel followup --lang zh: an unknown command in Chinese, with the suggestion", () => {
    const run = runCli(["followup", "--lang", "zh"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expectChineseWithin80(run.stderr);
    expect(run.stderr).toContain(t("zh", "hint.didYouMean", { suggestion: "followups" }));
  });

  it("other usage mistakes in Chinese: an unknown option, a missing option or argument, too many arguments", () => {
    for (const args of [["validate", "--bogus"], ["report", "monthly"], ["import", "--branch", "x", "--from", "y"], ["bonus", "extra"], ["followups", "--within"]]) {
      const run = runCli([...args, "--lang", "zh"]);
      expect(run.code, args.join(" ")).toBe(2);
      expectChineseWithin80(run.stderr);
      expect(run.stderr, args.join(" ")).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(runCli(["validate", "--bogus", "--lang", "zh"]).stderr).toContain("channel validate");
  });

  it("in English the same mistakes read as before", () => {
    const run = runCli(["followup", "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'followup'");
    expect(run.stderr).toContain("followups");
  });
});

describe("wrapColumns", () => {
  it("--lang xx --help: a usage error naming zh and en (exit 2), in the language chosen without the flag, no help", () => {
    for (const args of [["--lang", "xx", "--help"], ["--help", "--lang=fr"], ["validate", "--lang", "xx", "--help"], ["--lang", "xx", "--version"], ["--lang", "xx", "validate"]]) {
      const result = runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr, args.join(" ")).toMatch(/^channel: --lang must be zh or en, not (xx|fr)\n$/);
    }
    const zh = runCli(["--lang", "xx", "--help"], { env: { CHANNEL_LANG: "zh" } });
    expect([zh.code, zh.stderr]).toEqual([2, "channel: --lang 只能是 zh 或 en，不能是 xx\n"]);
    // Case does not matter; zh and en still give help.
    expect(runCli(["--lang", "ZH", "--help"]).code).toBe(0);
  });

  it("wraps Chinese between characters and Latin at spaces or after |, within the width", () => {
    const text = "只看某类事项（可重复）：birthday|holiday|contact|leader_report|archive_review|prospect_followup";
    const lines = wrapColumns(text, 30).split("\n");
    expect(lines.join("")).toBe(text);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(wrapColumns("two words", 4)).toBe("two\nwords");
    // No line starts with closing punctuation.
    for (const line of wrapColumns("一二三四五六七八九十，一二三", 20).split("\n")) expect(line.startsWith("，")).toBe(false);
  });

  it("translates placeholders", () => {
    expect(placeholders("zh", "--data <dir> [options] [people...] <unknown>")).toBe("--data <目录> [选项] [人员...] <unknown>");
    expect(placeholders("en", "--data <dir>")).toBe("--data <dir>");
  });
});
