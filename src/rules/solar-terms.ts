/**
 * The day of a solar term (节气) in a solar year, from lunar-javascript's astronomy: for 1900–2100
 * precomputed from it into ./solar-term-table.ts (scripts/build-solar-term-table.mjs), since
 * loading the library and computing two lunar years took 40–150 ms of start-up on any day whose
 * window reached a 清明; outside those years the library itself, required then. `solarTermMonth`
 * lets the caller skip the years whose term month a window does not reach. Pure apart from
 * requiring the library.
 */
import { createRequire } from "node:module";
import type lunarLibrary from "lunar-javascript";
import { SOLAR_TERMS, type SolarTerm } from "../model/holidays.js";
import { isoDate, type IsoDate } from "../model/values.js";
import { SOLAR_TERM_TABLE, SOLAR_TERM_TABLE_FIRST_YEAR, SOLAR_TERM_TABLE_LAST_YEAR } from "./solar-term-table.js";

type LunarLibrary = typeof lunarLibrary;
let library: LunarLibrary | undefined;

/** The library's terms by solar year: computing one is a whole lunar year's astronomy. */
const termsByYear = new Map<number, Map<string, IsoDate>>();

/**
 * The month (1–12) in which the term falls every year: two terms a month, 小寒 and 大寒 in
 * January … 大雪 and 冬至 in December (tests/rules/holidays.test.ts checks 1900–2100 against the library).
 */
export function solarTermMonth(term: SolarTerm): number {
  return Math.floor(SOLAR_TERMS.indexOf(term) / 2) + 1;
}

/** The solar day of `term` in solar year `year`. */
export function solarTermDay(term: SolarTerm, year: number): IsoDate {
  return solarTermDayFromTable(term, year) ?? solarTermDayFromLibrary(term, year);
}

/**
 * The day from the precomputed table (its encoding is described there), or undefined outside its
 * years. Exported for the test that holds the table to the library.
 */
export function solarTermDayFromTable(term: SolarTerm, year: number): IsoDate | undefined {
  if (!Number.isInteger(year) || year < SOLAR_TERM_TABLE_FIRST_YEAR || year > SOLAR_TERM_TABLE_LAST_YEAR) return undefined;
  const index = SOLAR_TERMS.indexOf(term);
  const digit = Number.parseInt(SOLAR_TERM_TABLE.charAt((year - SOLAR_TERM_TABLE_FIRST_YEAR) * SOLAR_TERMS.length + index), 16);
  return isoDate(year, solarTermMonth(term), (index % 2 === 0 ? 3 : 18) + digit);
}

/** The day as the library computes it. Exported for the test that holds the table to the library. */
export function solarTermDayFromLibrary(term: SolarTerm, year: number): IsoDate {
  const day = termsOfYear(year).get(term);
  if (day === undefined) throw new Error(`no solar term ${term} in ${year}`);
  return day;
}

/**
 * Every term of solar year `year` by its Chinese name. The library's table belongs to a lunar
 * year and runs from the 大雪 before it to the 惊蛰 after it, naming the terms of the next solar
 * year in pinyin; the tables of lunar years `year` and `year + 1` together hold the year's 24,
 * and only their days in `year` are kept.
 */
function termsOfYear(year: number): Map<string, IsoDate> {
  let terms = termsByYear.get(year);
  if (terms !== undefined) return terms;
  library ??= createRequire(import.meta.url)("lunar-javascript") as LunarLibrary;
  terms = new Map();
  for (const lunarYear of [year, year + 1]) {
    const table = library.Lunar.fromYmd(lunarYear, 6, 1).getJieQiTable();
    for (const name of SOLAR_TERMS) {
      const solar = table[name];
      if (solar !== undefined && solar.getYear() === year && !terms.has(name)) terms.set(name, solar.toYmd());
    }
  }
  termsByYear.set(year, terms);
  return terms;
}
