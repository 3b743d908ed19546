/**
 * The days on which the holidays of channel.yaml fall between two days (docs/rules.md,
 * recurring holidays): one-off days as written; a solar month-day every year (02-29 on 02-28
 * in a common year, as birthdays); a lunar month-day every lunar year, in the ordinary month
 * even when the year has a leap month of that number, day 30 on 29 in a 29-day month (除夕
 * "12-30"); a solar term on its day of each solar year. Pure: no clock, no disk beyond the
 * calendar library, which is loaded only for a solar term whose month the window reaches (and
 * for lunar years outside the precomputed table of src/rules/lunar.ts).
 */
import type { Holiday, RecurringDay } from "../model/holidays.js";
import { isLeapYear, isoDate, type IsoDate } from "../model/values.js";
import { compareText } from "../findings.js";
import { lunarBirthdayInYear } from "./lunar.js";
import { solarTermDay, solarTermMonth } from "./solar-terms.js";

/** One day on which a holiday falls. */
export interface HolidayOccurrence {
  holiday: Holiday;
  date: IsoDate;
  /**
   * How the day was found: null for a one-off day; for a recurring one its rule, and for a
   * lunar day the day of the month used (29 for a 30 in a short month) and whether it moved
   * (a 02-29 solar day on 02-28, a lunar 30 on 29).
   */
  recurs: (RecurringDay & { dayUsed: number; moved: boolean }) | null;
}

/**
 * Every occurrence of every holiday with from ≤ date ≤ to, by date, then name. A holiday with
 * neither a day nor a rule (only in data that failed validation) has none.
 */
export function holidayOccurrences(holidays: readonly Holiday[], from: IsoDate, to: IsoDate): HolidayOccurrence[] {
  const found: HolidayOccurrence[] = [];
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  const inWindow = (date: IsoDate) => from <= date && date <= to;
  for (const holiday of holidays) {
    if (holiday.date !== undefined) {
      if (inWindow(holiday.date)) found.push({ holiday, date: holiday.date, recurs: null });
      continue;
    }
    const rule = holiday.recurs;
    if (rule === undefined) continue;
    if (rule.calendar === "lunar") {
      // Lunar year Y runs from January/February of Y into the next solar year: the lunar years
      // from the one before `from`'s year on cover the window.
      for (let year = firstYear - 1; year <= lastYear; year++) {
        const placed = lunarBirthdayInYear({ leap: false, month: rule.month, day: rule.day }, year);
        if (inWindow(placed.date)) found.push({ holiday, date: placed.date, recurs: { ...rule, dayUsed: placed.day, moved: placed.day !== rule.day } });
      }
      continue;
    }
    for (let year = firstYear; year <= lastYear; year++) {
      if (rule.calendar === "solar") {
        const moved = rule.month === 2 && rule.day === 29 && !isLeapYear(year);
        const date = isoDate(year, rule.month, moved ? 28 : rule.day);
        if (inWindow(date)) found.push({ holiday, date, recurs: { ...rule, dayUsed: moved ? 28 : rule.day, moved } });
      } else {
        // The library is loaded only when the window reaches the month the term always falls in.
        const month = isoDate(year, solarTermMonth(rule.term), 1).slice(0, 7);
        if (to.slice(0, 7) < month || from.slice(0, 7) > month) continue;
        const date = solarTermDay(rule.term, year);
        if (inWindow(date)) found.push({ holiday, date, recurs: { ...rule, dayUsed: Number(date.slice(8, 10)), moved: false } });
      }
    }
  }
  return found.sort((a, b) => compareText(a.date, b.date) || compareText(a.holiday.name, b.holiday.name));
}
