/** The HTML page (report/html.ts, svg-chart.ts) and the monthly table in it: well-formed, self-contained, escaped, masked. */
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import { computeMonthlyFigures } from "../../src/rules/monthly.js";
import { renderHtmlPage } from "../../src/report/html.js";
import { renderMonthly } from "../../src/report/monthly.js";
import { redactMonthly } from "../../src/report/redact.js";
import { escapeXml, renderChartSvg } from "../../src/report/svg-chart.js";
import { validateRepository } from "../../src/validate/index.js";
import { makeModel } from "../builders.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";

const VOID = new Set(["meta", "link", "br", "hr", "img", "input"]);
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

/**
 * A small well-formedness check: every element opened is closed in order (void elements and
 * `<x/>` excepted), and no `<` or `>` is left in the text outside tags (so all text was escaped).
 */
function wellFormedProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>/i, "").replace(/<style>[\s\S]*?<\/style>/g, "<style></style>");
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m !== null; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    if (/[<>]/.test(text)) problems.push(`unescaped text: ${text.slice(0, 40)}`);
    last = tag.lastIndex;
    const [, closing, rawName, , selfClosing] = m;
    const name = rawName!.toLowerCase();
    if (VOID.has(name) || selfClosing === "/") continue;
    if (closing !== "/") stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
  }
  if (/[<>]/.test(body.slice(last))) problems.push("unescaped text at the end");
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}

describe("wellFormedProblems (the checker itself)", () => {
  it("finds unclosed and crossed elements and raw text brackets", () => {
    expect(wellFormedProblems("<p><b>x</p></b>")).not.toEqual([]);
    expect(wellFormedProblems("<div><p>x</p>")).toEqual(["unclosed: div"]);
    expect(wellFormedProblems("<p>a < b</p>")).not.toEqual([]);
    expect(wellFormedProblems('<p class="x">a &lt; b<br></p><svg><rect x="1"/></svg>')).toEqual([]);
  });
});

describe("escapeXml", () => {
  it("shows control and text-direction characters as every other output does, then escapes markup", () => {
    expect(escapeXml("王\u202E芳<b>\x1b[2J")).toBe("王\\u202E芳&lt;b&gt;\\x1B[2J");
  });
});

describe("renderHtmlPage", () => {
  it("is one self-contained page for A4 with a Chinese font stack, text escaped", () => {
    const html = renderHtmlPage(
      [
        { kind: "title", text: "<script>alert(1)</script> & 陈" },
        { kind: "table", table: { columns: [{ header: "项目" }, { header: "值", align: "right" }], rows: [["a<b", "1"], ["a<b", "2"]] }, grouped: true, emphasis: [1] },
        { kind: "footer", text: "脚注" },
      ],
      { lang: "zh", title: "标题 & <x>" },
    );
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("@page { size: A4;");
    expect(html).toMatch(/font-family: "PingFang SC", .*"Microsoft YaHei", .*"Noto Sans CJK SC", .*"WenQuanYi Micro Hei", sans-serif/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 陈");
    // A group spans its rows; the emphasised row is marked.
    expect(html).toContain('<td class="group" rowspan="2">a&lt;b</td>');
    expect(html).toContain('<tr class="total"><td class="num">2</td></tr>');
    // Nothing from the network.
    expect(html).not.toMatch(/(?:src|href)=|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("turns the sheet for wide tables", () => {
    expect(renderHtmlPage([], { lang: "en", title: "x", landscape: true })).toContain("@page { size: A4 landscape;");
  });
});

describe("renderChartSvg", () => {
  it("draws a bar per month with its label, the current month dark, and marks months without figures", () => {
    const svg = renderChartSvg({
      months: ["1月", "2月", "3月"],
      highlight: 2,
      panels: [{ title: "新开户 <数>", values: [10, null, 20], labels: ["10", "", "20"] }],
      description: "近三个月",
      noData: "未录入",
    });
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg.match(/<rect [^>]*fill="#(?:a9c1dc|1f4e79)"/g)).toHaveLength(2);
    expect(svg).toMatch(/<rect [^>]*height="116" fill="#1f4e79"\/>/);
    expect(svg).toContain("未录入");
    expect(svg).toContain("新开户 &lt;数&gt;");
    expect(svg).toContain('role="img" aria-label="近三个月"');
  });
});

describe("the monthly table as HTML", () => {
  const repo = loadRepository(DATA_EXAMPLE);
  const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);
  const figures = computeMonthlyFigures(model, "cmb-futian-center", "2012-03", "2012-03-31");

  it("parses, holds the tables and the chart, and no unmasked phone when redacted", () => {
    const html = renderMonthly({ figures: redactMonthly(figures), redacted: true, lang: "zh" }, "html");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html.match(/<table>/g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain("<svg");
    expect(html).toContain("新开户数（三方存管）</td><td class=\"num\">17</td><td class=\"num\">14</td><td class=\"num\">40</td>");
    expect(html).toContain("刘**（有价值客户）");
    expect(html).toContain("139****3333");
    expect(html).not.toMatch(MOBILE);
    expect(html).not.toContain("刘女士");
  });

  it("keeps dates and phones on one line in English, on screen and in print (issue 19)", () => {
    const html = renderMonthly({ figures: redactMonthly(figures), redacted: true, lang: "en" }, "html");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toMatch(/td\.first, td\.nowrap \{ white-space: nowrap; \}/);
    expect(html).toContain('<td class="nowrap">2012-04-20</td>');
    expect(html).toContain('<td class="nowrap">139****3333</td>');
    expect(html).toMatch(/<th class="nowrap">Date<\/th>/);
  });

  it("shows the phone with --no-redact", () => {
    const html = renderMonthly({ figures, redacted: false, lang: "zh" }, "html");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain("13922223333");
    expect(html).toContain("刘女士（有价值客户）");
  });

  it("escapes whatever the data holds", () => {
    const hostile = makeModel({ branches: [{ id: "b1", name: '<img src=x onerror="alert(1)">支行', prospects: [] }] });
    const html = renderMonthly({ figures: computeMonthlyFigures(hostile, "b1", "2012-03", "2012-03-31"), redacted: true, lang: "en" }, "html");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;支行");
  });
});
