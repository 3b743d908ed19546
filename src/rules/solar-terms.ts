/**
 * The day of a solar term (节气) in a solar year, from lunar-javascript's astronomy. Loading the
 * library costs a noticeable share of a command's start-up (src/rules/lunar.ts), so it is
 * required only when a term's day is really asked for; `solarTermMonth` lets the caller skip
 * the years whose term month a window does not reach. Pure apart from requiring the library.
 */
import { createRequire } from "node:module";
import type lunarLibrary from "lunar-javascript";
import { SOLAR_TERMS, type SolarTerm } from "../model/holidays.js";
import type { IsoDate } from "../model/values.js";

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
