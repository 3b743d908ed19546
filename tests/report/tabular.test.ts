import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PLAIN } from "../../src/report/style.js";
import { renderTable } from "../../src/report/tabular.js";
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
});
