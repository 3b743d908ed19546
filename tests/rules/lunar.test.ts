/**
 * Lunar birthdays against published Chinese calendars for 2011–2013 (the dates of the public
 * festivals and of the 2012 leap fourth month), and SPEC 5's substitutions.
 */
import { describe, expect, it } from "vitest";
import { daysBetween } from "../../src/model/values.js";
import { lunarBirthdayInYear, lunarDayName, lunarMonthName, nextLunarBirthday } from "../../src/rules/lunar.js";

const lunar = (month: number, day: number, leap = false) => ({ leap, month, day });

describe("lunar → solar, against published calendars", () => {
  it.each([
    // [lunar year, month, day, leap, solar]
    [2012, 1, 1, false, "2012-01-23"], // 春节 2012
    [2013, 1, 1, false, "2013-02-10"], // 春节 2013
    [2012, 1, 15, false, "2012-02-06"], // 元宵 2012
    [2012, 5, 5, false, "2012-06-23"], // 端午 2012
    [2012, 8, 15, false, "2012-09-30"], // 中秋 2012
    [2012, 7, 7, false, "2012-08-23"], // 七夕 2012
    [2012, 9, 9, false, "2012-10-23"], // 重阳 2012
    [2013, 5, 5, false, "2013-06-12"], // 端午 2013
    [2013, 8, 15, false, "2013-09-19"], // 中秋 2013
    [2012, 4, 1, false, "2012-04-21"], // 四月初一 2012
    [2012, 4, 1, true, "2012-05-21"], // 闰四月初一 2012
    [2012, 12, 1, false, "2013-01-12"], // 腊月初一 of lunar 2012 falls in solar 2013
    [2011, 12, 1, false, "2011-12-25"], // 腊月初一 of lunar 2011
  ])("lunar %i-%i-%i (leap %s) is %s", (year, month, day, leap, solar) => {
    expect(lunarBirthdayInYear(lunar(month, day, leap), year).date).toBe(solar);
  });

  it("places the 2012 leap fourth month: 闰四月初五 → 2012-05-25, in the leap month", () => {
    const occurrence = lunarBirthdayInYear(lunar(4, 5, true), 2012);
    expect(occurrence).toMatchObject({ date: "2012-05-25", leap: true, adjusted: false });
  });

  it("a leap-month birthday falls in the ordinary month when the year has no such leap month (2013: 四月初五 → 2013-05-14)", () => {
    const occurrence = lunarBirthdayInYear(lunar(4, 5, true), 2013);
    expect(occurrence).toMatchObject({ date: "2013-05-14", leap: false, adjusted: true });
  });

  it("an ordinary-month birthday stays in the ordinary month in a leap year (2012 四月初五 → 2012-04-25)", () => {
    expect(lunarBirthdayInYear(lunar(4, 5), 2012).date).toBe("2012-04-25");
  });

  it("day 30 in a 29-day month falls on day 29: 2012 二月 has 29 days, 二月三十 → 二月廿九 = 2012-03-21", () => {
    const occurrence = lunarBirthdayInYear(lunar(2, 30), 2012);
    expect(occurrence).toMatchObject({ date: "2012-03-21", day: 29, adjusted: true });
  });

  it("day 30 in a 30-day month stays: 2012 三月三十 = 2012-04-20", () => {
    expect(lunarBirthdayInYear(lunar(3, 30), 2012)).toMatchObject({ date: "2012-04-20", day: 30, adjusted: false });
  });

  it("腊月三十 of lunar 2012 (a 29-day 腊月) falls on 除夕 2013-02-09", () => {
    expect(lunarBirthdayInYear(lunar(12, 30), 2012).date).toBe("2013-02-09");
  });
});

describe("the next lunar birthday on or after a day", () => {
  it("on the day itself", () => {
    expect(nextLunarBirthday(lunar(2, 28), "2012-03-20").date).toBe("2012-03-20");
  });

  it("the day after: next lunar year", () => {
    // 2013 二月廿八 = 2013-04-08 (二月初一 2013-03-12).
    expect(nextLunarBirthday(lunar(2, 28), "2012-03-21").date).toBe("2013-04-08");
  });

  it("a 腊月 birthday early in a solar year comes from the previous lunar year", () => {
    // Lunar 2011 腊月十五 = 2012-01-08.
    expect(nextLunarBirthday(lunar(12, 15), "2012-01-01").date).toBe("2012-01-08");
    // After it: lunar 2012 腊月十五 = 2013-01-26.
    expect(nextLunarBirthday(lunar(12, 15), "2012-01-09").date).toBe("2013-01-26");
  });

  it("a 正月 birthday late in a solar year comes from the next lunar year", () => {
    expect(nextLunarBirthday(lunar(1, 1), "2012-12-31").date).toBe("2013-02-10");
  });

  it("a leap-month birthday: 2012-05-25 seen from 2012-05-20, then 2013-05-14", () => {
    expect(nextLunarBirthday(lunar(4, 5, true), "2012-05-20").date).toBe("2012-05-25");
    expect(nextLunarBirthday(lunar(4, 5, true), "2012-05-26").date).toBe("2013-05-14");
  });

  it("never returns a day before the start, and always one within about 13 months", () => {
    for (const from of ["2012-01-01", "2012-02-29", "2012-06-30", "2012-12-31", "2013-02-09"]) {
      for (const b of [lunar(1, 1), lunar(6, 30), lunar(12, 30), lunar(4, 15, true), lunar(11, 1)]) {
        const next = nextLunarBirthday(b, from).date;
        expect(next >= from).toBe(true);
        expect(daysBetween(from, next)).toBeLessThan(400);
      }
    }
  });
});

describe("lunar names", () => {
  it("months and days as written in Chinese", () => {
    expect(lunarMonthName(1, false)).toBe("正月");
    expect(lunarMonthName(4, true)).toBe("闰四月");
    expect(lunarMonthName(11, false)).toBe("冬月");
    expect(lunarMonthName(12, false)).toBe("腊月");
    expect([1, 10, 11, 15, 20, 21, 28, 30].map(lunarDayName)).toEqual(["初一", "初十", "十一", "十五", "二十", "廿一", "廿八", "三十"]);
  });
});
