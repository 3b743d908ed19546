/**
 * The table of characters that always read the same (issue 29): ids read from it must be the ids
 * pinyin-pro gives. The table is held to the installed pinyin-pro, then the reading of names
 * through it is compared with pinyin-pro's own: over every dictionary word and surname made only
 * of table characters, over every surname with the given-name characters, and over random names.
 */
import fc from "fast-check";
import { pinyin as pinyinPro } from "pinyin-pro";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPinyin, staffId, type Pinyin } from "../../src/import/ids.js";
import { FIRST_READINGS, FIXED_READINGS } from "../../src/import/pinyin-table.js";
// @ts-expect-error: a plain script of ours, without types.
import { gb2312Characters, pinyinProVersion, readingTables, tableSource } from "../../scripts/pinyin-table.mjs";

/** pinyin-pro as loadPinyin asked it before the table: every text segmented. */
const segmented: Pinyin = (text, asSurname) => pinyinPro(text, { toneType: "none", type: "array", v: true, nonZh: "consecutive", surname: asSurname ? "head" : "off" });

let pinyin: Pinyin;
let tableChars: string[];
let firstChars: string[];
let patterns: { zh: string }[];
let surnames: string[];
beforeAll(async () => {
  pinyin = await loadPinyin();
  tableChars = Object.values(FIXED_READINGS).flatMap((chars) => [...chars]);
  firstChars = Object.values(FIRST_READINGS).flatMap((chars) => [...chars]);
  patterns = (await import("pinyin-pro/dist/esm/data/patterns.mjs" as string)).PatternsNormal;
  surnames = Object.keys((await import("pinyin-pro/dist/esm/data/surname.mjs" as string)).default);
});

/** The generator's (scripts/bench-import.mjs) and common real given-name characters, in and out of the table. */
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国志文德海春晓燕雪梅琳婷慧佳欣怡子涵浩宇轩博思雨萱嘉乐长重行单曾朝解乐都传和"];
const GENERATOR_SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"];

describe("the table of characters that always read the same", () => {
  it("is what scripts/pinyin-table.mjs makes of the installed pinyin-pro", async () => {
    const source = tableSource(await readingTables(), await pinyinProVersion());
    // Regenerate with `node scripts/pinyin-table.mjs` after changing pinyin-pro.
    expect(source).toBe(
      (await import("node:fs")).readFileSync(new URL("../../src/import/pinyin-table.ts", import.meta.url), "utf8"),
    );
    expect(tableChars.length).toBeGreaterThan(5000);
    expect(new Set(tableChars).size).toBe(tableChars.length);
    expect(firstChars.length).toBeGreaterThan(500);
    expect(firstChars.filter((c) => tableChars.includes(c))).toEqual([]);
    const gb2312 = new Set(gb2312Characters() as string[]);
    expect(tableChars.every((c) => gb2312.has(c))).toBe(true);
  });

  it("reads every dictionary word and surname made of table characters as pinyin-pro does", () => {
    const inTable = new Set([...tableChars, ...firstChars]);
    const words = patterns.map((p) => p.zh).filter((zh) => [...zh].every((c) => inTable.has(c)));
    expect(words.length).toBeGreaterThan(1000);
    for (const word of words) {
      for (const asSurname of [true, false]) expect(pinyin(word, asSurname), word).toEqual(segmented(word, asSurname));
      expect(pinyin(`${word}${word}`, true), word).toEqual(segmented(`${word}${word}`, true));
    }
  });

  it("reads every table character alone and every surname with each given-name character as pinyin-pro does", () => {
    for (const c of [...tableChars, ...firstChars]) for (const asSurname of [true, false]) expect(pinyin(c, asSurname), c).toEqual(segmented(c, asSurname));
    let compared = 0;
    for (const surname of [...surnames, ...GENERATOR_SURNAMES]) {
      for (const given of GIVEN) {
        for (const name of [`${surname}${given}`, `${surname}${given}${given}`, `${surname}${given}${GIVEN[(GIVEN.indexOf(given) + 7) % GIVEN.length]}`]) {
          expect(pinyin(name, true), name).toEqual(segmented(name, true));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30_000);
  });

  it("reads every two characters that are not always read the same as pinyin-pro does", () => {
    const differ: string[] = [];
    for (const a of firstChars) {
      for (const b of firstChars) {
        const name = a + b;
        if (pinyin(name, true).join(" ") !== segmented(name, true).join(" ")) differ.push(name);
      }
    }
    expect(differ).toEqual([]);
  });

  it("gives random names the ids pinyin-pro gives them", () => {
    const char = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...GIVEN, ...GENERATOR_SURNAMES) },
      { weight: 3, arbitrary: fc.constantFrom(...tableChars) },
      { weight: 1, arbitrary: fc.constantFrom(...surnames) },
      { weight: 3, arbitrary: fc.constantFrom(...firstChars) },
      { weight: 2, arbitrary: fc.constantFrom(...patterns.map((p) => p.zh).filter((zh) => [...zh].some((c) => firstChars.includes(c)))) },
      { weight: 1, arbitrary: fc.constantFrom("·", " ", "A", "一", "不", "了", "々", "😀", "\u{20000}") },
    );
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 6 }), (parts) => {
        const name = parts.join("");
        expect(pinyin(name, true)).toEqual(segmented(name, true));
        expect(pinyin(name, false)).toEqual(segmented(name, false));
        expect(staffId(pinyin, name, new Set())).toBe(staffId(segmented, name, new Set()));
      }),
      { numRuns: 20_000 },
    );
  });
});
