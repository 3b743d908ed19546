/**
 * The vocabulary of channel.yaml's `holidays` (issue 23): the ways a holiday recurs, the 24
 * solar terms by their Chinese names, and the groups of people a holiday's `greet` names. Kept
 * apart from the rules and free of dependencies: validation, the schema test and the command
 * line need the names without loading any calendar.
 */
import type { IsoDate } from "./values.js";

/**
 * The 24 solar terms (二十四节气) in the order they fall in a solar year, from 小寒 (early
 * January) to 冬至 (late December): the names lunar-javascript gives them, and the only names a
 * file may write (tests/rules/holidays.test.ts holds the list to the library). Each term falls in
 * the month of index ⌊i/2⌋ + 1 of its solar year — the guard that keeps the library unloaded
 * when a window does not reach that month (checked for 1900–2100 by the same test).
 */
export const SOLAR_TERMS = [
  "小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至",
  "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
] as const;

export type SolarTerm = (typeof SOLAR_TERMS)[number];

export function isSolarTerm(value: string): value is SolarTerm {
  return (SOLAR_TERMS as readonly string[]).includes(value);
}

/**
 * Whom a holiday's `greet` names, in the order docs/rules.md lists them: all present staff, the
 * key people, the five staff categories, present staff by gender, valuable prospects, and
 * customers (prospects with a purchase or a conversion on or before the day).
 */
export const GREET_GROUPS = [
  "all_staff",
  "key",
  "leader",
  "daily",
  "influencer",
  "resource",
  "external",
  "female_staff",
  "male_staff",
  "valuable",
  "customers",
] as const;

export type GreetGroup = (typeof GREET_GROUPS)[number];

export function isGreetGroup(value: string): value is GreetGroup {
  return (GREET_GROUPS as readonly string[]).includes(value);
}

/** How a recurring holiday finds its day in a year. */
export type RecurringDay =
  /** `date: "--10-01"`: every year on that solar month-day (02-29 falls on 02-28 in a common year). */
  | { calendar: "solar"; month: number; day: number }
  /** `lunar: "08-15"`: every lunar year on that month-day of the ordinary (not leap) month; day 30 falls on 29 in a short month. */
  | { calendar: "lunar"; month: number; day: number }
  /** `solar_term: 清明`: the term's day in each solar year. */
  | { calendar: "solar_term"; term: SolarTerm };

/** A holiday of channel.yaml. Exactly one of `date` and `recurs` is set. */
export interface Holiday {
  name: string;
  /** A one-off holiday's day. */
  date?: IsoDate;
  /** A recurring holiday's rule. */
  recurs?: RecurringDay;
  /** The groups whose members are greeted on the day, per branch; absent or empty: nobody in particular. */
  greet?: readonly GreetGroup[];
}
