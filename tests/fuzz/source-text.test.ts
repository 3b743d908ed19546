/**
 * Positions and quoted lines on long lines (issue 7): a line of 100,000 brackets or 5 MB carries
 * many findings, so SourceText counts from checkpoints and quotes a window. Both must agree with
 * counting from the start of the line, characters (not code units) included.
 */
import { describe, expect, it } from "vitest";
import { SourceText } from "../../src/load/source-text.js";
import { createRng } from "../../scripts/fuzz/mutate.mjs";

/** Line and column by walking the text from its start: the definition positionAt must meet. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const c = text[i]!;
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      column = 1;
    } else if (c === "\r") {
      column++;
    } else {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < offset && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) i++;
      column++;
    }
  }
  return { line, column };
}

const PIECES = ["a", "长", "😀", "}", " ", "\t", "ß"];

describe("SourceText on long lines", () => {
  it("positionAt agrees with counting from the start, on lines past the checkpoint interval", () => {
    const rng = createRng(99);
    for (let round = 0; round < 5; round++) {
      let text = "";
      while (text.length < 30_000) text += rng.chance(0.0005) ? rng.pick(["\n", "\r\n", "\r"]) : rng.pick(PIECES);
      const source = new SourceText(text);
      for (let k = 0; k < 200; k++) {
        const offset = rng.int(text.length + 1);
        const code = text.charCodeAt(offset - 1);
        // Offsets inside a character (between its two code units) are not asked for.
        if (code >= 0xd800 && code <= 0xdbff) continue;
        expect(source.positionAt(offset), `offset ${offset}`).toEqual(naivePosition(text, offset));
      }
    }
  });

  it("excerpt quotes a window of a long line, and the column points at the same character", () => {
    const rng = createRng(5);
    let line = "";
    while (line.length < 50_000) line += rng.pick(PIECES.filter((p) => p !== "\t"));
    const source = new SourceText(`first\n${line}\nlast\n`);
    const chars = [...line];
    for (let k = 0; k < 100; k++) {
      const column = rng.range(1, chars.length);
      const { text, column: at } = source.excerpt(2, column);
      expect([...text].length).toBeLessThanOrEqual(166);
      expect([...text][at - 1]).toBe(chars[column - 1]);
    }
    // The first and last characters: a cut only on the other side.
    expect(source.excerpt(2, 1).text.startsWith("…")).toBe(false);
    expect(source.excerpt(2, chars.length).text.endsWith("…")).toBe(false);
    // A short line is quoted whole, and a column past its end stays past it.
    expect(source.excerpt(1, 6)).toEqual({ text: "first", column: 6 });
    expect(source.excerpt(3, 2)).toEqual({ text: "last", column: 2 });
  });
});
