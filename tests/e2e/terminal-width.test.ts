/**
 * Tables that fit the terminal (issues 17 and 19), as a user runs them. An end-to-end test has
 * no terminal, so it sets CHANNEL_TERMINAL_WIDTH, which draws as on a terminal that wide;
 * without it (a pipe) the output is the one row per item that scripts read. The choice of
 * width itself (a terminal, COLUMNS, --out) is tested in tests/cli/terminal-width.test.ts.
 */
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/report/text-width.js";
import { DATA_EXAMPLE, runCli } from "../helpers/cli.js";

const followups = ["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20"];
const atWidth = (args: string[], width: number) => runCli(args, { env: { CHANNEL_TERMINAL_WIDTH: String(width) } });

interface Item {
  person: string | null;
  name: string | null;
  phone: string | null;
}
const items: Item[] = JSON.parse(runCli([...followups, "--format", "json"]).stdout).items;

/** One column of a table read down, without spaces: its cells, whatever the wrapping. */
const column = (table: string, index: number) =>
  table
    .split("\n")
    .filter((l) => l.startsWith("│"))
    .map((l) => l.split("│")[index + 1] ?? "")
    .join("")
    .replace(/\s/g, "");

/** The text of the output without the table's lines and spaces: what a reader reads, whatever the wrapping. */
const words = (text: string) => text.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, "");

describe("channel followups on a terminal (CHANNEL_TERMINAL_WIDTH)", () => {
  it.each([
    ["zh", 80],
    ["zh", 60],
    ["en", 80],
    ["en", 60],
  ] as const)("%s at %i: every line within the width, one heading per person with their phone once", (lang, width) => {
    const result = atWidth([...followups, "--lang", lang], width);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    // Chinese aligned: every line of the table is as wide as the table.
    const table = lines.filter((l) => /^[┌├│└]/.test(l));
    expect(new Set(table.map(displayWidth)).size).toBe(1);
    // Each person's phone once, however many items they have (陈先生 has three).
    const people = new Map(items.filter((i) => i.person !== null && i.phone !== null).map((i) => [i.person, i.phone!]));
    expect(items.filter((i) => i.person === "p-chen-001").length).toBeGreaterThan(1);
    for (const phone of people.values()) expect(words(result.stdout).split(phone).length - 1, phone).toBe(1);
    // No character cut: every name is there whole.
    for (const name of new Set(items.map((i) => i.name).filter((n): n is string => n !== null))) expect(words(result.stdout)).toContain(name);
    expect(result.stdout).not.toContain("\uFFFD");
  });

  it("puts whoever has an escalated item first, under a line that says so, with the channel lead in the heading (issue 23)", () => {
    const out = atWidth([...followups, "--lang", "zh"], 100).stdout;
    const lines = out.split("\n");
    expect(lines[2]).toBe("已升级 (1)：逾期超过 30 天仍未办，同时提交营业部渠道负责人");
    const firstHeading = lines.find((l) => l.startsWith("│ 【"));
    expect(firstHeading).toContain("【已升级】黄先生 (潜在客户) · 0755-26001122 · 深圳车公庙支行 · 负责人 孙磊 · 渠道负责人 钱进");
    expect(out.indexOf("【已升级】黄先生")).toBeLessThan(out.indexOf("冯志远"));
    expect(out).toContain("逾期39天·已升级");
  });

  it("is the piped list without the variable, or with 0: one row per item, a phone column", () => {
    const piped = runCli([...followups, "--lang", "zh"]);
    expect(atWidth([...followups, "--lang", "zh"], 0).stdout).toBe(piped.stdout);
    expect(piped.stdout).toContain("逾期 (");
    expect(piped.stdout).toMatch(/│ 电话 +│/);
    const rows = piped.stdout.split("\n").filter((l) => /^│ (\d|-)/.test(l) || /^│ [^ 应事]/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(items.length);
    const chen = piped.stdout.split("\n").filter((l) => l.includes("陈先生"));
    expect(chen.length).toBe(items.filter((i) => i.person === "p-chen-001").length);
    for (const line of chen) expect(line).toContain("13900001111");
  });

  it("leaves CSV, JSON and Markdown as they are", () => {
    for (const format of ["csv", "json", "md"]) {
      expect(atWidth([...followups, "--lang", "zh", "--format", format], 60).stdout).toBe(runCli([...followups, "--lang", "zh", "--format", format]).stdout);
    }
  });
});

describe("bonus, expenses and coverage on a terminal", () => {
  it.each([
    ["bonus", "zh", 80],
    ["bonus", "en", 60],
    ["expenses", "zh", 80],
    ["expenses", "zh", 60],
    ["expenses", "en", 80],
    ["coverage", "zh", 80],
    ["coverage", "en", 60],
  ] as const)("%s --lang %s at %i: every line within the width, every figure whole", (command, lang, width) => {
    const args = [command, "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--lang", lang];
    const piped = runCli(args);
    const fitted = atWidth(args, width);
    expect(fitted.code).toBe(0);
    expect(piped.stdout.split("\n").some((l) => displayWidth(l) > width)).toBe(true);
    for (const line of fitted.stdout.trimEnd().split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    // Dates, times and shares are never wrapped: each one of the piped table is in a line of the fitted one.
    const figures = new Set(piped.stdout.match(/\b\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?|\b\d+(\.\d+)?%/g) ?? []);
    expect(figures.size).toBeGreaterThan(2);
    for (const figure of figures) expect(fitted.stdout, figure).toContain(figure);
  });

  it("bonus on a terminal: name with position and status with reason in one column each; piped unchanged", () => {
    const args = ["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--lang", "zh"];
    const fitted = atWidth(args, 80).stdout;
    const candidates = fitted.slice(0, fitted.indexOf("└"));
    expect(column(candidates, 5)).toContain("不获奖：早于活动开始(1月18日10:00<2月1日)");
    expect(column(candidates, 3)).toContain("黄伟(副行长)");
    expect(column(candidates, 4)).toContain("资产120万");
    expect(column(candidates, 6)).toContain("1000");
    expect(runCli(args).stdout).toMatch(/│ 状态 +│ 原因 +│/);
  });
});
