/**
 * The Chinese (lunar) calendar, as far as birthdays need it: where a lunar month-day falls in
 * the solar calendar. The astronomy is lunar-javascript's (6tail, MIT, no dependencies),
 * precomputed for 1900–2100 into ./lunar-table.ts so that start-up need not load it; this
 * module only applies the rules of docs/rules.md for birthdays that a year does not have:
 * - a leap-month birthday falls in that leap month when the year has one, else in the
 *   ordinary month of the same number;
 * - day 30 in a month of 29 days falls on day 29.
 * Pure: no clock, no disk beyond requiring the library for a year outside the table.
 */
import { createRequire } from "node:module";
import type lunarLibrary from "lunar-javascript";
import { addDays, type IsoDate, type LunarBirthday } from "../model/values.js";
import { LUNAR_TABLE, LUNAR_TABLE_DIGITS, LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from "./lunar-table.js";

/** How a lunar birthday was placed in one lunar year. */
export interface LunarOccurrence {
  /** The solar day. */
  readonly date: IsoDate;
  /** The lunar year it was placed in. */
  readonly lunarYear: number;
  /** Whether it fell in a leap month. */
  readonly leap: boolean;
  readonly month: number;
  /** The day used: the birthday's day, or 29 when the month is short. */
  readonly day: number;
  /** Whether the birthday had to move: a leap month the year lacks, or day 30 in a 29-day month. */
  readonly adjusted: boolean;
}

/** Results by birthday and year: the library recomputes a whole lunar year per call. */
const cache = new Map<string, LunarOccurrence>();

/** The solar day of a lunar month-day in lunar year `year`, following the substitutions of docs/rules.md. */
export function lunarBirthdayInYear(birthday: LunarBirthday, year: number): LunarOccurrence {
  const key = `${birthday.leap ? "L" : ""}${birthday.month}-${birthday.day}@${year}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const occurrence = computeInYear(birthday, year);
  cache.set(key, occurrence);
  return occurrence;
}

/** A lunar year as birthdays need it: its leap month and each month's length and first solar day. */
export interface LunarYearTable {
  leapMonth: number;
  /** By month code (negative for the leap month), in the year's order. */
  months: Map<number, { days: number; first: IsoDate }>;
}

/**
 * Lunar years by number. Even from the precomputed table a year is made once: a head office's
 * thousands of birthdays alternate between a few years, and outside the table the library
 * computes a year astronomically (tens of milliseconds) and remembers only the last one.
 */
const years = new Map<number, LunarYearTable>();

function lunarYear(year: number): LunarYearTable {
  let table = years.get(year);
  if (table === undefined) {
    table = lunarYearFromTable(year) ?? lunarYearFromLibrary(year);
    years.set(year, table);
  }
  return table;
}

/** The month codes of a year in order: 1 … 12, the leap month -m right after m. */
function monthCodes(leapMonth: number): number[] {
  const codes: number[] = [];
  for (let m = 1; m <= 12; m++) codes.push(...(m === leapMonth ? [m, -m] : [m]));
  return codes;
}

/**
 * Lunar year `year` decoded from the precomputed table (src/rules/lunar-table.ts, which
 * describes the encoding), or undefined outside the table's years. Exported for the test that
 * holds the table to the library year by year.
 */
export function lunarYearFromTable(year: number): LunarYearTable | undefined {
  if (!Number.isInteger(year) || year < LUNAR_TABLE_FIRST_YEAR || year > LUNAR_TABLE_LAST_YEAR) return undefined;
  const start = (year - LUNAR_TABLE_FIRST_YEAR) * LUNAR_TABLE_DIGITS;
  const bits = Number.parseInt(LUNAR_TABLE.slice(start, start + LUNAR_TABLE_DIGITS), 16);
  const leapMonth = (bits >> 13) & 0xf;
  const months = new Map<number, { days: number; first: IsoDate }>();
  let first = addDays(`${year}-01-01`, bits >> 17);
  monthCodes(leapMonth).forEach((code, i) => {
    const days = bits & (1 << i) ? 30 : 29;
    months.set(code, { days, first });
    first = addDays(first, days);
  });
  return { leapMonth, months };
}

type LunarLibrary = typeof lunarLibrary;
let library: LunarLibrary | undefined;

/**
 * Loading lunar-javascript (436 KB) and computing a year from it took a noticeable share of
 * every command's start-up, so it is required only for a year the table does not hold.
 */
function lunarYearFromLibrary(year: number): LunarYearTable {
  library ??= createRequire(import.meta.url)("lunar-javascript") as LunarLibrary;
  const { LunarYear, Solar } = library;
  const info = LunarYear.fromYear(year);
  const leapMonth = info.getLeapMonth();
  const months = new Map<number, { days: number; first: IsoDate }>();
  for (const code of monthCodes(leapMonth)) {
    const month = info.getMonth(code);
    if (month !== null) months.set(code, { days: month.getDayCount(), first: Solar.fromJulianDay(month.getFirstJulianDay()).toYmd() });
  }
  return { leapMonth, months };
}

function computeInYear(birthday: LunarBirthday, year: number): LunarOccurrence {
  const info = lunarYear(year);
  const leap = birthday.leap && info.leapMonth === birthday.month;
  const monthCode = leap ? -birthday.month : birthday.month;
  const month = info.months.get(monthCode);
  if (month === undefined) throw new Error(`lunar year ${year} has no month ${monthCode}`);
  const day = Math.min(birthday.day, month.days);
  const date = addDays(month.first, day - 1);
  return { date, lunarYear: year, leap, month: birthday.month, day, adjusted: leap !== birthday.leap || day !== birthday.day };
}

/**
 * The first solar day on or after `from` on which the lunar birthday falls. A lunar year
 * starts in January or February, so a birthday in the 11th or 12th month of lunar year Y
 * falls in solar year Y+1: the lunar years around `from` are all tried and the earliest
 * day not before `from` wins.
 */
export function nextLunarBirthday(birthday: LunarBirthday, from: IsoDate): LunarOccurrence {
  const year = Number(from.slice(0, 4));
  let best: LunarOccurrence | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const occurrence = lunarBirthdayInYear(birthday, y);
    if (occurrence.date >= from && (best === null || occurrence.date < best.date)) best = occurrence;
  }
  // Lunar year `year` ends in solar year `year + 1`, so `year + 1` always has one on or after `from`.
  return best ?? lunarBirthdayInYear(birthday, year + 1);
}

const ZH_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"] as const;
const ZH_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

/** The traditional name of a lunar month: 正月, 闰四月, 冬月, 腊月. */
export function lunarMonthName(month: number, leap: boolean): string {
  return `${leap ? "闰" : ""}${ZH_MONTHS[month - 1] ?? String(month)}月`;
}

/** The traditional name of a lunar day: 初一 … 初十, 十一 … 二十, 廿一 … 廿九, 三十. */
export function lunarDayName(day: number): string {
  if (day <= 10) return `初${ZH_DIGITS[day] ?? ""}`;
  if (day < 20) return `十${ZH_DIGITS[day - 10] ?? ""}`;
  if (day === 20) return "二十";
  if (day < 30) return `廿${ZH_DIGITS[day - 20] ?? ""}`;
  return "三十";
}
