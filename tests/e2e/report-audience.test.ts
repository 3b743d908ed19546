/**
 * `channel report monthly --audience bank|internal` in every format: what the bank's version
 * (the default) never contains — the conversions of the bank's staff, our bonus on them, meals
 * and gifts, archive notes — and that the internal version has them and says so in its title.
 * On data-example and on tests/fixtures/monthly-audience (hostile notes, a bonus of 1357 yuan).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_EXAMPLE, FIXTURES, runCli, scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-audience-");
const FIXTURE = path.join(FIXTURES, "monthly-audience");
const FORMATS = ["md", "html", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

/** The report as a user gets it: the file `--out` wrote, for each format. */
function report(data: string, branch: string, month: string, format: Format, lang: "zh" | "en", extra: string[]): string {
  const out = path.join(scratch.dir(), `report.${format}`);
  const result = runCli(["report", "monthly", "--branch", branch, "--month", month, "--data", data, "--as-of", "2012-04-30", "--lang", lang, "--out", out, ...extra]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return fs.readFileSync(out, "utf8");
}

/** The document's title as each format carries it: the Markdown heading, the HTML <title> and <h1>, the CSV's first row, JSON's audience. */
function titles(text: string, format: Format): string[] {
  switch (format) {
    case "md":
      return [text.split("\n")[0]!];
    case "html":
      // The h1's text: "（内部使用）" is in a span that keeps it on one line in print.
      return [/<title>(.*)<\/title>/.exec(text)![1]!, /<h1>(.*)<\/h1>/.exec(text)![1]!.replace(/<[^>]+>/g, "")];
    case "csv":
      return [text.replace(/^\uFEFF/, "").split("\r\n")[0]!];
    case "json":
      return [(JSON.parse(text) as { audience: string }).audience];
  }
}

/** The activities' total of the month, previous month and year to date, as the figures give it. */
function activityTotals(data: string, branch: string, month: string, audience: string): number[] {
  const json = JSON.parse(report(data, branch, month, "json", "en", ["--audience", audience])) as { figures: { key: string; month: number; previous: number; year_to_date: number }[] };
  const total = json.figures.find((f) => f.key === "activities_total")!;
  return [total.month, total.previous, total.year_to_date];
}

const INTERNAL_WORDS = {
  // Section 四, the 行员转化 / 其中获转化奖励 rows, meals and gifts, in both languages and as codes.
  zh: ["行员转化", "其中获转化奖励", "理财经理转化奖励", "转化奖励", "聚餐", "赠送礼品", "获奖"],
  en: ["Staff conversions", "Bank staff converted", "earn the bonus", "conversion bonus", "Meals", "Gifts", "awarded"],
  json: ['"staff_conversions"', '"bonus_awarded"', '"meal"', '"gift"', '"bonus"', '"account"'],
};

describe("the bank's version (the default) on the fixture", () => {
  // Everything the fixture's March holds that the bank must not see.
  const SECRETS = ["甄美丽", "zhen-meili", "8800777777", "1357", "宴请", "庆祝转化", "礼品卡", "购物卡", "HYPERLINK", "<script", "秘密", "转化后介绍"];

  for (const format of FORMATS) {
    for (const lang of ["zh", "en"] as const) {
      for (const extra of [[], ["--audience", "bank"], ["--no-redact"], ["--audience", "bank", "--no-redact"]]) {
        it(`${format} ${lang} ${extra.join(" ") || "(no options)"}: no staff conversion, bonus, meal, gift or note`, () => {
          const text = report(FIXTURE, "b-hostile", "2012-03", format, lang, extra);
          for (const secret of SECRETS) expect(text).not.toContain(secret);
          for (const word of [...INTERNAL_WORDS[lang], ...(format === "json" ? INTERNAL_WORDS.json : [])]) expect(text).not.toContain(word);
          for (const title of titles(text, format)) expect(title).not.toMatch(/内部使用|Internal use|internal/);
          expect(text).not.toContain("内部使用");
          // What the bank does see: its business, our sales and events, next month's plan.
          if (format !== "json") expect(text).toContain(lang === "zh" ? "沙龙、讲座等活动" : "Salons, lectures, events");
          expect(text).toContain("2012-04-10");
        });
      }
    }
  }

  it("counts neither meals nor gifts in the activities' total (2 of 5) nor in the chart", () => {
    expect(activityTotals(FIXTURE, "b-hostile", "2012-03", "bank")).toEqual([2, 0, 2]);
    expect(activityTotals(FIXTURE, "b-hostile", "2012-03", "internal")).toEqual([5, 0, 5]);
    const json = JSON.parse(report(FIXTURE, "b-hostile", "2012-03", "json", "en", [])) as { conversions: unknown; chart: { month: string; activities: number }[]; planned: { notes: unknown }[] };
    expect(json.conversions).toBeNull();
    expect(json.chart.at(-1)).toMatchObject({ month: "2012-03", activities: 2 });
    const csv = report(FIXTURE, "b-hostile", "2012-03", "csv", "zh", []);
    expect(csv).toContain("\r\n2012-03,5,800000,300000,2\r\n");
  });
});

describe("the internal version on the fixture", () => {
  for (const format of FORMATS) {
    for (const lang of ["zh", "en"] as const) {
      it(`${format} ${lang}: says 内部使用 / Internal use in its title and shows the conversion, bonus, meals and gifts`, () => {
        const text = report(FIXTURE, "b-hostile", "2012-03", format, lang, ["--audience", "internal"]);
        for (const title of titles(text, format)) expect(title).toMatch(format === "json" ? /^internal$/ : lang === "zh" ? /（内部使用）$/ : /\(Internal use\)$/);
        expect(text).toContain("甄美丽");
        if (format === "json") {
          const json = JSON.parse(text) as { figures: { key: string; detail: string | null; month: number }[]; conversions: { name: string; bonus: number; status: string }[] };
          expect(json.conversions).toEqual([expect.objectContaining({ name: "甄美丽", status: "awarded", bonus: 1357 })]);
          const month = (key: string, detail: string | null = null) => json.figures.find((f) => f.key === key && f.detail === detail)?.month;
          expect([month("staff_conversions"), month("bonus_awarded"), month("activities", "meal"), month("activities", "gift"), month("activities_total")]).toEqual([1, 1, 1, 2, 5]);
        } else {
          expect(text).toContain(lang === "zh" ? "1357元" : "1,357 yuan");
          for (const word of lang === "zh" ? ["行员转化人数", "其中获转化奖励", "聚餐", "赠送礼品"] : ["Bank staff converted", "of whom earn the bonus", "Meals", "Gifts"]) expect(text).toContain(word);
          expect(text).toContain(lang === "zh" ? "不得交给银行" : "Do not hand it to the bank");
        }
        // Activity notes are in no version; the hostile ones stay out of the internal one too.
        for (const note of ["<script", "宴请", "HYPERLINK"]) expect(text).not.toContain(note);
      });
    }
  }

  it("keeps the prospects' archive notes with --no-redact, escaped", () => {
    const md = report(FIXTURE, "b-hostile", "2012-03", "md", "zh", ["--audience", "internal", "--no-redact"]);
    expect(md).toContain("甄美丽转化后介绍；送过礼品卡 \\<b\\>秘密\\</b\\>");
    const html = report(FIXTURE, "b-hostile", "2012-03", "html", "zh", ["--audience", "internal", "--no-redact"]);
    expect(html).toContain("送过礼品卡 &lt;b&gt;秘密&lt;/b&gt;");
  });
});

describe("the two audiences on data-example", () => {
  // February at 福田中心: four bank staff converted (two awarded), a meal; January had a gift.
  const CONVERTED = ["黄伟", "周雪", "李强", "王芳"];

  for (const format of FORMATS) {
    it(`${format}: the bank's version names none of the converted staff; the internal one names them all`, () => {
      const bank = report(DATA_EXAMPLE, "cmb-futian-center", "2012-02", format, "zh", []);
      const internal = report(DATA_EXAMPLE, "cmb-futian-center", "2012-02", format, "zh", ["--audience", "internal"]);
      for (const name of CONVERTED) {
        expect(bank).not.toContain(name);
        expect(internal).toContain(name);
      }
      for (const word of format === "json" ? INTERNAL_WORDS.json.slice(0, 4) : INTERNAL_WORDS.zh) {
        expect(bank).not.toContain(word);
        expect(internal).toContain(word);
      }
      expect(titles(bank, format).join()).not.toContain("内部");
      for (const title of titles(internal, format)) expect(title).toMatch(format === "json" ? /^internal$/ : /内部使用/);
    });
  }

  it("leaves February's meal and January's gift out of the bank's totals", () => {
    expect(activityTotals(DATA_EXAMPLE, "cmb-futian-center", "2012-02", "bank")).toEqual([3, 2, 5]);
    expect(activityTotals(DATA_EXAMPLE, "cmb-futian-center", "2012-02", "internal")).toEqual([4, 3, 7]);
  });
});

describe("--audience", () => {
  it("refuses an unknown value with exit 2, in Chinese and in English, before reading the data", () => {
    const zh = runCli(["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03", "--data", DATA_EXAMPLE, "--lang", "zh", "--audience", "interna"]);
    expect(zh.code).toBe(2);
    expect(zh.stdout).toBe("");
    expect(zh.stderr).toContain("--audience 只能是 bank|internal，不能是 interna（是不是 `internal`？）");
    const en = runCli(["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03", "--data", "/nonexistent", "--lang", "en", "--audience", "Bank"]);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("--audience must be one of bank|internal, not Bank");
  });
});

describe("issue 25: meals and gifts with a cost, requests and complaints", () => {
  it("adding a gift (with a cost, naming a prospect) and a meal changes nothing in the bank's version, in any format", () => {
    const data = scratch.dir();
    fs.cpSync(DATA_EXAMPLE, data, { recursive: true });
    const before = Object.fromEntries(FORMATS.map((format) => [format, report(data, "cmb-futian-center", "2012-03", format, "zh", [])]));
    const internalBefore = report(data, "cmb-futian-center", "2012-03", "md", "zh", ["--audience", "internal"]);
    const log = path.join(data, "branches/cmb-futian-center/activities.yaml");
    fs.appendFileSync(log, "  - {date: 2012-03-20, kind: gift, with: [p-zhou-003, p-wu-004], by: 李娜, note: 送购物卡, cost: 800}\n  - {date: 2011-12-20, kind: meal, with: [wang-fang], by: 李娜, cost: 300}\n");
    for (const format of FORMATS) expect(report(data, "cmb-futian-center", "2012-03", format, "zh", [])).toBe(before[format]);
    // The internal version shows the month's spending by kind, and the new gift in it.
    const internalAfter = report(data, "cmb-futian-center", "2012-03", "md", "zh", ["--audience", "internal"]);
    expect(internalBefore).toContain("| 聚餐 | 1 | 680元 |");
    expect(internalAfter).toContain("| 赠送礼品 | 1 | 800元 |");
    expect(internalAfter).toContain("| 费用合计 | 2 | 1480元 |");
    expect(before.md).not.toContain("费用");
    expect(before.json).toContain('"spending": null');
  });

  it("lists the month's requests in both versions and the branch's complaints, without names, in the bank's", () => {
    for (const audience of ["bank", "internal"]) {
      const md = report(DATA_EXAMPLE, "cmb-futian-center", "2012-03", "md", "zh", ["--audience", audience]);
      expect(md).toContain("需协调解决的问题");
      expect(md).toContain("1、希望协调大堂位置摆放长城2号宣传资料");
    }
    const bank = report(DATA_EXAMPLE, "cmb-xiangmihu", "2012-03", "md", "zh", []);
    expect(bank).toContain("本月支行客户投诉 1 起：周末来行排队一个多小时，理财经理不在岗。");
    const json = JSON.parse(report(DATA_EXAMPLE, "cmb-xiangmihu", "2012-03", "json", "en", [])) as { complaints: unknown; requests: unknown };
    expect(json.complaints).toEqual({ count: 1, topics: ["周末来行排队一个多小时，理财经理不在岗"] });
    expect(json.requests).toEqual([]);
    const complainant = fs.readFileSync(path.join(DATA_EXAMPLE, "branches/cmb-xiangmihu/prospects.yaml"), "utf8").split("\n")[2]!.replace(/^\s*name:\s*/, "");
    expect(complainant.length).toBeGreaterThan(0);
    expect(bank).not.toContain(complainant);
  });
});
