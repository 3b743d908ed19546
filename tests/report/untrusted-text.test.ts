/**
 * Values from data files (names, notes, folder names, imported cells) in every text output:
 * control and bidi characters shown, never sent raw to a terminal; Markdown that stays text;
 * CSV cells a spreadsheet will not evaluate; iCalendar TEXT without control characters; and a
 * huge value cut in what people read.
 */
import { describe, expect, it } from "vitest";
import type { FollowupReport } from "../../src/report/followups.js";
import { branchDisplayNames, renderFollowupsMarkdown, renderFollowupsTable } from "../../src/report/followups.js";
import { escapeText, renderIcs } from "../../src/report/ics.js";
import { renderDocumentMarkdown, renderDocumentText } from "../../src/report/monthly.js";
import { PLAIN } from "../../src/report/style.js";
import { renderCsv, renderMarkdown, renderTable } from "../../src/report/tabular.js";
import { displayWidth } from "../../src/report/text-width.js";
import { findDueFollowups } from "../../src/rules/followups.js";
import { renderDiagnosticsText } from "../../src/report/diagnostics.js";
import { renderSections } from "../../src/report/bonus.js";
import { parseDataFile } from "../../src/load/parse-file.js";
import type { Finding } from "../../src/findings.js";
import { makeModel } from "../builders.js";

/** C0 controls but tab and newline, DEL, C1 controls, bidi overrides and isolates. */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

const HOSTILE = [
  "\x1b[2J\x1b[H清屏",
  "\x1b]8;;http://evil.example/\x07点我\x1b]8;;\x07",
  "响铃\x07",
  "空\x00字符",
  "回车\r覆盖",
  "abc\u202Etxt.exe",
  "嵌入\u202A\u202B\u202C\u202D隔离\u2066\u2067\u2068\u2069",
  "C1\x9b31m",
];

describe("the terminal table", () => {
  const out = renderTable({ columns: [{ header: "姓名" }, { header: "备注" }], rows: HOSTILE.map((h, i) => [h, String(i)]) }, PLAIN);

  it("sends no control or bidi character raw", () => {
    expect(out).not.toMatch(RAW);
  });

  it("shows each one: \\x1B, \\x07, \\x00, \\u202E, \\x9B; a CR is a line break, a space in a cell", () => {
    for (const shown of ["\\x1B[2J", "\\x1B]8;;http://evil.example/\\x07", "\\x07", "\\x00", "回车 覆盖", "\\u202E", "\\u202A", "\\u2069", "\\x9B"]) expect(out).toContain(shown);
  });

  it("counts the shown form in the widths: every line is as wide as the others", () => {
    const widths = new Set(out.trimEnd().split("\n").map(displayWidth));
    expect([...widths]).toHaveLength(1);
  });

  it("keeps a tab or newline in a cell from breaking the box", () => {
    const table = renderTable({ columns: [{ header: "a" }], rows: [["x\ty"], ["第一行\n第二行"]] }, PLAIN);
    const lines = table.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });
});

describe("document text for the terminal", () => {
  it("shows control characters in titles, headings and notes", () => {
    const out = renderDocumentText(
      [
        { kind: "title", text: "支行\x1b[2J" },
        { kind: "heading", text: "\u202E标题" },
        { kind: "note", text: "注\x07" },
      ],
      PLAIN,
    );
    expect(out).not.toMatch(RAW);
    expect(out).toContain("支行\\x1B[2J");
  });
});

describe("validate's source excerpt", () => {
  it("shows a control character in the quoted line and keeps the caret under the value", () => {
    const text = 'staff:\n  - id: a\n    name: "\x1b[2J王"\n    position: tellr\n    notes: "\x1b]8;;x\x07"\n';
    const findings: Finding[] = [];
    const file = parseDataFile("branches/b1/staff.yaml", "staff", "b1", Buffer.from(text, "utf8"), findings);
    const finding: Finding = { severity: "error", code: "INVALID_POSITION", file: file.file, line: 5, column: 12, path: "staff[0].notes", length: 1, params: { value: "\x1b[2J" } };
    const out = renderDiagnosticsText({ findings: [finding], errors: 1, warnings: 0, files: 1, filesWithErrors: new Set([file.file]) }, [file], "en", PLAIN);
    expect(out).not.toMatch(RAW);
    const lines = out.split("\n");
    const quoted = lines.find((l) => l.includes("notes:"))!;
    const caret = lines[lines.indexOf(quoted) + 1]!;
    expect(quoted).toContain('"\\x1B]8;;x\\x07"');
    // The caret stands under the opening quote (column 12 of the line), after the gutter.
    expect(displayWidth(caret.slice(0, caret.indexOf("^")))).toBe(displayWidth(quoted.slice(0, quoted.indexOf('"'))));
  });
});

describe("Markdown", () => {
  const hostile = ['<img src=x onerror=alert(1)>', "![t](http://evil.example/p.png)", "[点我](http://evil.example)", "**粗**_斜_`代码`", "# 标题", "行一\r| x | y |", "a\\|b", "&lt;b&gt; &#x202E;", "~~删~~ $x$"];
  const md = renderMarkdown({ columns: [{ header: "名" }, { header: "值" }], rows: hostile.map((h, i) => [h, String(i)]) });
  const body = md.trimEnd().split("\n").slice(2);

  it("keeps one table row per row, whatever the value holds (a lone CR included)", () => {
    expect(body).toHaveLength(hostile.length);
    for (const line of body) expect(line.replace(/\\\|/g, "").split("|")).toHaveLength(4);
    expect(md).not.toMatch(/\r/);
  });

  it("escapes what would become HTML, an image, a link, emphasis, code or an entity", () => {
    expect(md).not.toMatch(/(^|[^\\])</m);
    expect(md).not.toMatch(/(^|[^\\])!(?!\\\[)/m);
    expect(md).not.toMatch(/(^|[^\\])\[/m);
    expect(md).not.toMatch(/(^|[^\\])[*_`~$&]/m);
    expect(md).toContain("\\<img src=x onerror=alert(1)\\>");
  });

  it("escapes titles and paragraphs of documents the same way", () => {
    const out = renderDocumentMarkdown([
      { kind: "title", text: "<script>x</script>" },
      { kind: "paragraph", text: "1. 不是列表 [链接](http://x)" },
      { kind: "paragraph", text: "- 不是列表\r新行" },
    ]);
    expect(out).toContain("# \\<script\\>x\\</script\\>");
    expect(out).toContain("1\\. 不是列表 \\[链接\\](http\\://x)");
    expect(out).toContain("\\- 不是列表 新行");
  });

  it("escapes the lines of the bonus and expenses reports (a department's name)", () => {
    const md = renderSections([{ text: "营业部 <b>[x](http://e)</b>\r| a |" }, { table: { columns: [{ header: "a" }], rows: [["*b*"]] } }], "md", PLAIN);
    expect(md).toBe("营业部 \\<b\\>\\[x\\](http\\://e)\\</b\\> \\| a \\|\n\n| a |\n|---|\n| \\*b\\* |\n");
    expect(renderSections([{ text: "营业部\x1b[2J" }], "table", PLAIN)).toBe("营业部\\x1B[2J\n");
  });

  it("shows control characters there too", () => {
    const out = renderMarkdown({ columns: [{ header: "a" }], rows: [["\x1b[2J\u202E"]] });
    expect(out).not.toMatch(RAW);
    expect(out).toContain("\\\\x1B\\[2J\\\\u202E");
  });
});

describe("CSV cells (OWASP CSV injection)", () => {
  const cells = ["=1+1", "+1", "-1+cmd|' /C calc'!A0", "-2", "@SUM(A1)", "\t=1", "\r=1", "-", "正常"];
  const csv = renderCsv({ columns: [{ header: "text" }, { header: "n", numeric: true }], rows: cells.map((c) => [c, "-300"]) });
  const lines = csv.slice(1).split("\r\n");

  it("prefixes every text cell starting with = + - @ tab or CR with a quote mark", () => {
    expect(lines.slice(1, 10).map((l) => l.replace(/^"/, "").slice(0, 2))).toEqual(["'=", "'+", "'-", "'-", "'@", "'\t", "'\n", "'-", "正常"]);
    // A lone CR is a line break inside the quoted cell.
    expect(lines[7]).toBe('"\'\n=1",-300');
    expect(lines[9]).toBe("正常,-300");
  });

  it("leaves numbers our code writes in a numeric column as numbers", () => {
    for (const line of lines.slice(1, 10)) expect(line.endsWith(",-300")).toBe(true);
  });

  it("guards a numeric column's cell that is not a plain number", () => {
    const out = renderCsv({ columns: [{ header: "n", numeric: true }], rows: [["-1+1"], ["-1.5"], ["12"]] });
    expect(out.slice(1).split("\r\n").slice(1, 4)).toEqual(["'-1+1", "-1.5", "12"]);
  });

  it("shows control and bidi characters instead of writing them", () => {
    const out = renderCsv({ columns: [{ header: "a" }], rows: [["x\x1b[2J\u202E"]] });
    expect(out.replace(/\r\n/g, "")).not.toMatch(RAW);
    expect(out).toContain("x\\x1B[2J\\u202E");
  });
});

describe("iCalendar TEXT", () => {
  it("has no control characters (RFC 5545 forbids them)", () => {
    const escaped = escapeText("a\x1b[2Jb\x00c\x07d\u202Ee\tf");
    expect(escaped).not.toMatch(RAW);
    expect(escaped).toBe("a\\\\x1B[2Jb\\\\x00c\\\\x07d\\\\u202Ee\tf");
  });

  it("holds none in a whole calendar made from hostile names, folded to 75 octets", () => {
    const model = makeModel({
      branches: [{ id: "b1", name: "支行\x1b[2J", owner: "李\x07娜", reviewed: null, staffFile: "read", staff: [{ id: "wang-fang", name: "王\x1b]8;;x\x07芳\u202E" + "长".repeat(100), position: "teller" }] }],
    });
    const report: FollowupReport = { asOf: "2012-03-20", within: 7, items: findDueFollowups(model, model.settings.followups, "2012-03-20", 7), skipped: [], branchNames: branchDisplayNames(model), lang: "zh" };
    expect(report.items.some((item) => item.branch === "b1")).toBe(true);
    const ics = renderIcs(report, { stamp: new Date("2012-03-20T00:00:00Z") });
    expect(ics.replace(/\r\n /g, "")).toContain("\\x1B");
    expect(ics.replace(/\r\n/g, "")).not.toMatch(RAW);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });
});

describe("a huge value", () => {
  const name = "长".repeat(3_300_000);
  const model = makeModel({
    branches: [{ id: "b1", name: "招商银行测试支行", owner: "李娜", reviewed: null, staffFile: "read", staff: [{ id: "wang-fang", name, position: "teller" }, { id: "li-qiang", name: "李强", position: "teller" }] }],
  });
  const report: FollowupReport = { asOf: "2012-03-20", within: 7, items: findDueFollowups(model, model.settings.followups, "2012-03-20", 7), skipped: [], branchNames: branchDisplayNames(model), lang: "zh" };

  it("is cut with an ellipsis in the terminal table, so the list stays small", () => {
    const out = renderFollowupsTable(report, PLAIN);
    expect(out.length).toBeLessThan(20_000);
    expect(out).toContain("长".repeat(150));
    expect(out).toContain("长…");
  });

  it("is cut in Markdown and the calendar too", () => {
    expect(report.items.length).toBeGreaterThan(0);
    const markdown = renderFollowupsMarkdown(report);
    expect(markdown).toContain("长…");
    expect(markdown.length).toBeLessThan(20_000);
    expect(renderIcs(report, { stamp: new Date("2012-03-20T00:00:00Z") }).length).toBeLessThan(50_000);
  });
});
