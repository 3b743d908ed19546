/** normalise gives text without spaces in printable ASCII and U+4E00–U+9FFF back as it is (issue 29): the same as the full normalisation. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalise, UNCHANGED_BY_NORMALISE } from "../../src/import/values.js";

/** normalise without its shortcut. */
const fullNormalise = (text: string): string => text.normalize("NFKC").replace(/[\u3000\s]+/g, " ").trim();

describe("normalise's shortcut", () => {
  it("covers only characters that the full normalisation leaves as they are, alone and in pairs", () => {
    const covered: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (UNCHANGED_BY_NORMALISE.test(c)) covered.push(c);
    }
    expect(covered.length).toBe(94 + 0x9fff - 0x4e00 + 1);
    for (const c of covered) expect(fullNormalise(c), `U+${c.charCodeAt(0).toString(16)}`).toBe(c);
    // Composition joins a character with a following mark or jamo; none of these is one: pairs stay pairs.
    const ascii = covered.filter((c) => c < "\u0080");
    const changed: string[] = [];
    for (const a of [...ascii, "王", "芳"]) for (const b of covered) if ((a + b).normalize("NFKC") !== a + b) changed.push(a + b);
    expect(changed).toEqual([]);
  });

  it("gives what the full normalisation gives for any text", () => {
    const char = fc.oneof(
      fc.constantFrom(..."王芳 ＡＢ１２　\t\n e\u0301\u1100\u1161\uf900\u2460ｶﾞ"),
      fc.integer({ min: 0x21, max: 0x7e }).map((n) => String.fromCharCode(n)),
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((n) => String.fromCharCode(n)),
      fc.string({ unit: "binary", maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(normalise(text)).toBe(fullNormalise(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
