import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, parseBirthday, parseDate, parseDateTime, parseLunarBirthday, parseMoney } from "../../src/model/values.js";

describe("parseMoney", () => {
  it.each([
    [20000, 20000],
    ["2万", 20000],
    ["1.5万", 15000],
    ["1.1万", 11000],
    ["1.99万", 19900],
    ["600万", 6_000_000],
    ["26亿", 2_600_000_000],
    ["20000元", 20000],
    ["1,200,000", 1_200_000],
    ["2万元", 20000],
    ["0", 0],
    [0.5, 0.5],
  ])("%s is %d yuan", (written, yuan) => {
    expect(parseMoney(written)).toBe(yuan);
  });

  it.each([-1, "-5万", "两万", "1_000", "2 万", "1,20,000", "", Infinity, NaN, "1e5", "9".repeat(300), true, null])("rejects %s", (written) => {
    expect(parseMoney(written)).toBeNull();
  });
});

describe("dates", () => {
  it("accepts real days only", () => {
    expect(parseDate("2012-02-29")).toBe("2012-02-29");
    expect(parseDate("2013-02-29")).toBeNull();
    expect(parseDate("2012-02-30")).toBeNull();
    expect(parseDate("2012-13-01")).toBeNull();
    expect(parseDate("2012-3-5")).toBeNull();
  });

  it("normalises datetimes to YYYY-MM-DDTHH:mm:ss", () => {
    expect(parseDateTime("2012-02-20 10:30")).toBe("2012-02-20T10:30:00");
    expect(parseDateTime("2012-02-20T10:30:59")).toBe("2012-02-20T10:30:59");
    expect(parseDateTime("2012-03-31 23:59")).toBe("2012-03-31T23:59:00");
    expect(parseDateTime("2012-02-20")).toBeNull();
    expect(parseDateTime("2012-02-20 24:00")).toBeNull();
    expect(parseDateTime("2012-02-30 10:00")).toBeNull();
  });

  it("reads birthdays with and without a year", () => {
    expect(parseBirthday("1985-06-15")).toEqual({ year: 1985, month: 6, day: 15 });
    expect(parseBirthday("--02-29")).toEqual({ year: null, month: 2, day: 29 });
    expect(parseBirthday("1985-02-29")).toBeNull();
    expect(parseBirthday("--02-30")).toBeNull();
  });

  it("reads lunar birthdays, leap months included", () => {
    expect(parseLunarBirthday("04-15")).toEqual({ leap: false, month: 4, day: 15 });
    expect(parseLunarBirthday("闰04-15")).toEqual({ leap: true, month: 4, day: 15 });
    expect(parseLunarBirthday("12-30")).toEqual({ leap: false, month: 12, day: 30 });
    expect(parseLunarBirthday("13-01")).toBeNull();
    expect(parseLunarBirthday("04-31")).toBeNull();
  });

  it("counts days across months, leap days and years", () => {
    expect(addDays("2012-02-28", 1)).toBe("2012-02-29");
    expect(addDays("2012-12-31", 1)).toBe("2013-01-01");
    expect(addDays("2012-03-01", -1)).toBe("2012-02-29");
    expect(daysBetween("2012-03-20", "2012-03-27")).toBe(7);
    expect(daysBetween("2012-03-27", "2012-03-20")).toBe(-7);
  });

  // issue 29: the day arithmetic is whole-number arithmetic now; a UTC Date is the reference.
  it("adds and counts days as the calendar does, over the years data can hold", () => {
    const reference = (date: string, days: number): string => {
      const d = new Date(0);
      d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
      return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
    };
    const day = fc.date({ min: new Date(Date.UTC(100, 0, 1)), max: new Date(Date.UTC(9000, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -400_000, max: 300_000 }), (date, days) => {
        const moved = addDays(date, days);
        expect(moved).toBe(reference(date, days));
        expect(daysBetween(date, moved)).toBe(days);
      }),
    );
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
    expect(addDays("1900-02-28", 1)).toBe("1900-03-01");
    expect(addDays("0050-01-01", 1)).toBe("0050-01-02");
    expect(daysBetween("1970-01-01", "2012-03-20")).toBe(15419);
  });
});
