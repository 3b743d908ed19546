/**
 * The precomputed lunar table (src/rules/lunar-table.ts) against lunar-javascript, which stays
 * the source of truth: every year of the table month by month, the library fallback outside
 * it, and the committed table being exactly what its generator writes today.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import lunarLibrary from "lunar-javascript";
import { describe, expect, it } from "vitest";
import { lunarBirthdayInYear, lunarYearFromTable } from "../../src/rules/lunar.js";
import { LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from "../../src/rules/lunar-table.js";

const { Lunar, LunarYear, Solar } = lunarLibrary;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the library says of a lunar year: months in order (leap month -m right after m), with length and first solar day. */
function fromLibrary(year: number) {
  const info = LunarYear.fromYear(year);
  const leapMonth = info.getLeapMonth();
  const months: [number, { days: number; first: string }][] = [];
  for (let m = 1; m <= 12; m++) {
    for (const code of m === leapMonth ? [m, -m] : [m]) {
      const month = info.getMonth(code);
      if (month === null) throw new Error(`the library has no month ${code} in lunar year ${year}`);
      months.push([code, { days: month.getDayCount(), first: Solar.fromJulianDay(month.getFirstJulianDay()).toYmd() }]);
    }
  }
  return { leapMonth, months };
}

describe("the lunar table", () => {
  it("covers 1900–2100", () => {
    expect([LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR]).toEqual([1900, 2100]);
    expect(lunarYearFromTable(LUNAR_TABLE_FIRST_YEAR - 1)).toBeUndefined();
    expect(lunarYearFromTable(LUNAR_TABLE_LAST_YEAR + 1)).toBeUndefined();
  });

  it("decodes every year to the library's leap month and months (code, day count, first solar day)", () => {
    for (let year = LUNAR_TABLE_FIRST_YEAR; year <= LUNAR_TABLE_LAST_YEAR; year++) {
      const decoded = lunarYearFromTable(year);
      expect(decoded, `lunar year ${year}`).toBeDefined();
      expect({ leapMonth: decoded?.leapMonth, months: [...(decoded?.months ?? [])] }, `lunar year ${year}`).toEqual(fromLibrary(year));
    }
  });

  it("is what `node scripts/build-lunar-table.mjs` writes from the installed library", () => {
    // --check regenerates the table, verifies it decodes to the library, and fails when the committed file differs.
    expect(() => execFileSync(process.execPath, ["scripts/build-lunar-table.mjs", "--check"], { cwd: ROOT, stdio: "pipe" })).not.toThrow();
  });

  it("leaves src/rules/lunar.ts without a load-time import of lunar-javascript", () => {
    const source = readFileSync(new URL("../../src/rules/lunar.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^import(?!\s+type\b)[^;]*["']lunar-javascript["']/m);
  });
});

describe("outside the table, the library", () => {
  it.each([1890, 1899, 2101, 2105])("places every lunar day of %i where the library does", (year) => {
    expect(lunarYearFromTable(year)).toBeUndefined();
    for (const [code, { days }] of fromLibrary(year).months) {
      for (let day = 1; day <= days; day++) {
        const occurrence = lunarBirthdayInYear({ leap: code < 0, month: Math.abs(code), day }, year);
        expect(occurrence, `lunar ${year} month ${code} day ${day}`).toMatchObject({
          date: Lunar.fromYmd(year, code, day).getSolar().toYmd(),
          leap: code < 0,
          day,
          adjusted: false,
        });
      }
    }
  });

  it("still applies SPEC 5's substitutions: day 30 of a 29-day month falls on day 29", () => {
    const year = 2105;
    const short = fromLibrary(year).months.find(([code, { days }]) => code > 0 && days === 29);
    if (short === undefined) throw new Error(`lunar year ${year} has no 29-day month`);
    const [month, { first }] = short;
    const occurrence = lunarBirthdayInYear({ leap: false, month, day: 30 }, year);
    expect(occurrence).toMatchObject({ date: Lunar.fromYmd(year, month, 29).getSolar().toYmd(), day: 29, adjusted: true });
    expect(Lunar.fromYmd(year, month, 1).getSolar().toYmd()).toBe(first);
  });
});
