import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PLAIN } from "../../src/report/style.js";
import { fitText, minimumTableWidth, renderGroupedTable, renderTable, shownLines, wrapText, type Tabular } from "../../src/report/tabular.js";
import { displayWidth, isWideCodePoint } from "../../src/report/text-width.js";

/** The definition displayWidth must keep: code point by code point (the string iterator), wide ones count two. */
function referenceWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    width += isWideCodePoint(cp) ? 2 : 1;
  }
  return width;
}

describe("displayWidth", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["王芳", 4],
    ["王芳 (理财经理)", 15],
    ["３月", 4], // fullwidth digit
    ["e\u0301", 1], // combining accent takes no cell
    ["a\u200bb", 2], // zero-width space
    ["\t\n", 0], // control characters
    ["😀", 2], // a surrogate pair is one wide character
    ["𠀀", 2], // CJK extension B, outside the BMP
    ["\ud800x", 2], // a lone high surrogate counts as one narrow cell
    ["x\udc00", 2], // a lone low surrogate too
  ])("%j takes %i cells", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("agrees with the code-point definition on any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => displayWidth(text) === referenceWidth(text)));
  });
});

describe("renderTable", () => {
  it("lines up Chinese and ASCII cells by terminal width, right-aligning where asked", () => {
    const out = renderTable(
      {
        columns: [{ header: "姓名" }, { header: "days", align: "right" }],
        rows: [
          ["王芳", "3"],
          ["Li", "12"],
        ],
      },
      PLAIN,
    );
    expect(out).toBe(
      [
        "┌──────┬──────┐",
        "│ 姓名 │ days │",
        "│ 王芳 │    3 │",
        "│ Li   │   12 │",
        "└──────┴──────┘",
        "",
      ].join("\n"),
    );
    for (const line of out.trimEnd().split("\n")) expect(displayWidth(line)).toBe(15);
  });

  it("paints a column's filled cells after measuring them, the header in bold, in rows of one line and of several alike", () => {
    const style = { ...PLAIN, bold: (s: string) => `<b>${s}</b>` };
    const table: Tabular = {
      columns: [{ header: "事项", paint: (s) => `[${s}]` }, { header: "说明", wrap: true }, { header: "天", align: "right", paint: (s) => `{${s}}` }],
      rows: [
        ["联系", "短", "3"],
        ["", "一段很长的说明文字需要折行显示", ""],
      ],
    };
    expect(renderTable(table, style, 30)).toBe(
      [
        "┌──────┬────────────────┬────┐",
        "│ <b>事项</b> │ <b>说明</b>           │ <b>天</b> │",
        "│ [联系] │ 短             │  {3} │",
        "│      │ 一段很长的说明 │    │",
        "│      │ 文字需要折行显 │    │",
        "│      │ 示             │    │",
        "└──────┴────────────────┴────┘",
        "",
      ].join("\n"),
    );
  });
});

/** Whether a line holds half a character: a lone surrogate, or a combining mark or joiner at its start. */
function hasHalfCharacter(line: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(line) || /^[\u0300-\u036f\u200d\ufe0f]/.test(line);
}

const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });
const graphemes = (text: string) => [...GRAPHEMES.segment(text)].map((s) => s.segment);

describe("wrapText", () => {
  it.each([
    // Chinese: between any two characters, but at the clause's comma when the line stays a third full.
    ["上次联系 2月10日，核心人物每7天", 12, ["上次联系 ", "2月10日，", "核心人物每", "7天"]],
    ["尚未向总部备案（奖励截止 3月31日）", 10, ["尚未向总部", "备案（奖励", "截止 ", "3月31日）"]],
    // English: at spaces; a word longer than the line is cut where it must be.
    ["last contact Mar 12, key person every 7 days", 16, ["last contact Mar ", "12, key person ", "every 7 days"]],
    ["xxxxxxxxxxxxxxxxxxxx", 8, ["xxxxxxxx", "xxxxxxxx", "xxxx"]],
    // A number keeps its unit; a comma does not start a line, an opening bracket does not end one.
    ["资产 10万", 4, ["资产 ", "10万"]],
    ["一二三，四五", 6, ["一二", "三，", "四五"]],
    ["一二（三四）", 6, ["一二", "（三", "四）"]],
    // Emoji and a family sequence stay whole; a shown control character is never split.
    ["a😀b👨‍👩‍👧c", 3, ["a😀", "b", "👨‍👩‍👧", "c"]],
    ["ab\\x1Bcd", 4, ["ab", "\\x1B", "cd"]],
    ["e\u0301e\u0301e\u0301", 2, ["e\u0301e\u0301", "e\u0301"]],
  ])("%j at %i cells", (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
    expect(wrapText(text, width).join("")).toBe(text);
  });

  it("leaves text that fits as it is", () => {
    expect(wrapText("王芳 (理财经理)", 15)).toEqual(["王芳 (理财经理)"]);
    expect(fitText("王芳 (理财经理)", null)).toBe("王芳 (理财经理)");
    expect(fitText("一二三四五六", 4)).toBe("一二\n三四\n五六");
  });

  it("shows lines without the spaces they were broken at", () => {
    expect(shownLines(["last contact Mar ", "12, key person ", "every 7 days"])).toEqual(["last contact Mar", "12, key person", "every 7 days"]);
    expect(shownLines(["王 "])).toEqual(["王"]);
  });

  const text = fc.array(
    fc.oneof(
      fc.constantFrom("王", "芳", "，", "、", "；", "（", "）", " ", "a", "Z", "1", "0", "万", "😀", "👍🏽", "👨‍👩‍👧", "e\u0301", "\u3000", "-", "１", "\\x1B", "\\u202E"),
      fc.string({ unit: "grapheme", maxLength: 3 }),
    ),
    { maxLength: 30 },
  ).map((parts) => parts.join(""));

  it("gives the text back, keeps every line within the width (but its closing spaces) and never splits a character", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (value, width) => {
        // The widest piece that cannot be broken: a grapheme, or a shown control character (4 or 6 cells).
        const shown = value.match(/\\x[0-9A-F]{2}|\\u[0-9A-F]{4}/g) ?? [];
        const widest = Math.max(0, ...shown.map((s) => s.length), ...graphemes(value.replace(/\\x[0-9A-F]{2}|\\u[0-9A-F]{4}/g, "")).map(displayWidth));
        const lines = wrapText(value, width);
        expect(lines.join("")).toBe(value);
        for (const line of lines) {
          if (displayWidth(line.replace(/[ \u3000]+$/, "")) > Math.max(width, widest)) return false;
          if (hasHalfCharacter(line)) return false;
          if (/\\x[0-9A-F]?$|\\u[0-9A-F]{0,3}$/.test(line) && !/\\x[0-9A-F]{2}$|\\u[0-9A-F]{4}$/.test(line)) return false;
        }
        // Every line boundary is a grapheme boundary of the whole text.
        const boundaries = new Set<number>();
        let at = 0;
        for (const g of graphemes(value)) boundaries.add((at += g.length));
        at = 0;
        return lines.slice(0, -1).every((line) => boundaries.has((at += line.length)));
      }),
      { seed: 20121204, numRuns: 400 },
    );
  });
});

describe("renderTable fitted to a width", () => {
  const table: Tabular = {
    columns: [{ header: "应办日" }, { header: "姓名", wrap: true }, { header: "金额（元）", align: "right" }, { header: "说明", wrap: true }],
    rows: [
      ["3月18日", "陈先生 (潜在客户)", "500000", "定期存款 50万 3月25日到期，请提前联系客户确认续存意向"],
      ["3月19日", "Li Qiang (VIP wealth manager)", "1000", "care call after buying 长城2号 300,000 yuan (Mar 16)"],
      ["3月20日", "吴阿姨👵", "0", "生日 3月20日，62岁；\x1B[31m 不是颜色"],
    ],
  };

  it("is unchanged without a width, or when it fits", () => {
    const whole = renderTable(table, PLAIN);
    expect(renderTable(table, PLAIN, null)).toBe(whole);
    const width = displayWidth(whole.split("\n")[0]!);
    expect(renderTable(table, PLAIN, width)).toBe(whole);
    expect(renderTable(table, PLAIN, 500)).toBe(whole);
  });

  it.each([80, 60, 40])("keeps every line within %i cells, dates and money whole, the wrapped text complete", (width) => {
    const out = renderTable(table, PLAIN, width);
    const lines = out.trimEnd().split("\n");
    for (const line of lines) expect(displayWidth(line)).toBe(width);
    for (const cell of ["3月18日", "3月19日", "500000", "1000"]) expect(out).toContain(cell);
    // The wrapped pieces of a cell, read down its column, are the cell (but the spaces broken at).
    const column = (i: number) =>
      lines
        .filter((line) => line.startsWith("│"))
        .map((line) => line.split("│")[i + 1]!.trim())
        .join("");
    expect(column(3).replace(/ /g, "")).toBe(["说明", ...table.rows.map((r) => r[3]!.replace("\x1B", "\\x1B"))].join("").replace(/ /g, ""));
    expect(column(2)).toBe(["金额（元）", "500000", "1000", "0"].join(""));
    expect(out).not.toContain("\x1B");
  });

  it("keeps readable columns on a terminal narrower than its minimum: it cannot fit anyway", () => {
    const min = minimumTableWidth(table);
    const out = renderTable(table, PLAIN, min - 1);
    const widths = new Set(out.trimEnd().split("\n").map(displayWidth));
    expect(widths.size).toBe(1);
    expect([...widths][0]).toBeGreaterThan(min);
    // Each wrapping column is eight cells wide (four Chinese characters).
    expect(out.split("\n")[3]).toBe("│ 3月18日 │ 陈先生   │   500000 │ 定期存款 │");
    expect(displayWidth(renderTable(table, PLAIN, min).split("\n")[0]!)).toBe(min);
  });

  const cell = fc.array(fc.constantFrom("王", "芳", "，", " ", "a", "b", "7", "😀", "e\u0301", "\x1B", "；", "（", "万"), { maxLength: 25 }).map((p) => p.join(""));
  it("keeps every line within any width at least its minimum, with no half characters (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, fc.constantFrom("2012-03-20", "1000", "13900001111")), { minLength: 1, maxLength: 5 }), fc.integer({ min: 10, max: 90 }), (rows, width) => {
        const t: Tabular = { columns: [{ header: "名", wrap: true }, { header: "说明", wrap: true }, { header: "值" }], rows: rows.map((r) => [...r]) };
        const lines = renderTable(t, PLAIN, width).trimEnd().split("\n");
        const withinWidth = width < minimumTableWidth(t) || lines.every((line) => displayWidth(line) <= width);
        return withinWidth && lines.every((line) => !hasHalfCharacter(line)) && rows.every((r) => lines.some((line) => line.includes(r[2])));
      }),
      { seed: 4217, numRuns: 300 },
    );
  });

  it("draws a table of many batches of lines as it draws each row alone, with cells shown safely and short rows filled", () => {
    // Issue 29: rows are measured into one typed array and lines joined a batch at a time.
    const rows = Array.from({ length: 1_300 }, (_, i) => [`${i}`, i % 97 === 0 ? `王\u001b[31m芳${i}` : `客户${i}`, i % 101 === 0 ? "" : `${i * 7}`]);
    rows.push(["短行"]);
    const columns = [{ header: "序号" }, { header: "姓名" }, { header: "金额", align: "right" as const }];
    const out = renderTable({ columns, rows }, PLAIN);
    const lines = out.split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(rows.length + 4);
    const width = displayWidth(lines[0]!);
    for (const line of lines.slice(0, -1)) expect(displayWidth(line)).toBe(width);
    expect(out).not.toContain("\u001b");
    // Each row's line is the one the row makes alone, padded to the whole table's widths.
    const pad = (line: string) => line.split("│").slice(1, -1).map((cell) => cell.trim());
    rows.forEach((row, i) => {
      const alone = renderTable({ columns, rows: [row] }, PLAIN).split("\n")[2]!;
      expect(pad(lines[i + 2]!)).toEqual(pad(alone));
    });
    expect(pad(lines[2 + 97]!)).toEqual(["97", "王\\x1B[31m芳97", "679"]);
    expect(pad(lines[2 + rows.length - 1]!)).toEqual(["短行", "", ""]);
  });

  it("draws groups under full-width headings, the columns lined up across them", () => {
    const out = renderGroupedTable(
      {
        columns: [{ header: "应办日" }, { header: "说明", wrap: true }],
        groups: [
          { heading: "陈先生 (潜在客户) · 13900001111 · 深圳福田中心支行 · 负责人 李娜", rows: [["3月18日", "定期存款 50万 3月25日到期"], ["3月19日", "购买长城2号 30万 后关怀回访"]] },
          { heading: "深圳蛇口支行", rows: [["3月20日", "尚未向行领导汇报过"]] },
        ],
      },
      PLAIN,
      40,
    );
    expect(out).toBe(
      [
        "┌─────────┬────────────────────────────┐",
        "│ 应办日  │ 说明                       │",
        "├─────────┴────────────────────────────┤",
        "│ 陈先生 (潜在客户) · 13900001111 ·    │",
        "│ 深圳福田中心支行 · 负责人 李娜       │",
        "├─────────┬────────────────────────────┤",
        "│ 3月18日 │ 定期存款 50万 3月25日到期  │",
        "│ 3月19日 │ 购买长城2号 30万           │",
        "│         │ 后关怀回访                 │",
        "├─────────┴────────────────────────────┤",
        "│ 深圳蛇口支行                         │",
        "├─────────┬────────────────────────────┤",
        "│ 3月20日 │ 尚未向行领导汇报过         │",
        "└─────────┴────────────────────────────┘",
        "",
      ].join("\n"),
    );
  });
});
