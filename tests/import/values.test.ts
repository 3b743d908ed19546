/**
 * Cells as spreadsheets hold them, into the value forms of SPEC 2: every accepted form, and
 * every refusal with its reason (never a guess).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIVITY_CHOICES,
  parseBirthday,
  parseDay,
  parseGender,
  parseLunarBirthday,
  parseMoneyCell,
  parsePhone,
  parseYesNo,
  POSITION_CHOICES,
  serialToDate,
  SOURCE_CHOICES,
  TIER_CHOICES,
  type Parsed,
} from "../../src/import/values.js";
import { t } from "../../src/i18n/catalog.js";
import { POSITIONS } from "../../src/model/types.js";

const value = <T>(p: Parsed<T>): T | undefined => (p.ok ? p.value : undefined);
const reason = <T>(p: Parsed<T>): string | undefined => (p.ok ? undefined : p.reason);

describe("dates", () => {
  // Issue 29: a cell written YYYY-MM-DD that is a real day is taken as it is, before the general
  // forms. Both ways read it alike: the same cell with a space after it goes the general way.
  it("takes a real day written YYYY-MM-DD as the general forms read it", () => {
    const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((d) => d.join(""));
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), (year, month, day) => {
        const cell = `${year}-${month}-${day}`;
        expect(parseDay(cell)).toEqual(parseDay(`${cell} `));
        expect(parseBirthday(cell)).toEqual(parseBirthday(`${cell} `));
      }),
      { numRuns: 3000 },
    );
    expect(value(parseDay("2012-02-29"))).toBe("2012-02-29");
    expect(reason(parseDay("2011-02-29"))).toBe("import.reason.noSuchDay");
    expect(reason(parseDay("2012-13-01"))).toBe("import.reason.noSuchDay");
  });


  it("reads Excel serial numbers, with Excel's 1900 leap-year quirk", () => {
    expect(serialToDate(1)).toBe("1900-01-01");
    expect(serialToDate(59)).toBe("1900-02-28");
    expect(serialToDate(60)).toBeNull(); // 1900-02-29 never was
    expect(serialToDate(61)).toBe("1900-03-01");
    expect(serialToDate(40969)).toBe("2012-03-01");
    expect(value(parseDay(40973))).toBe("2012-03-05");
    expect(value(parseDay("40973"))).toBe("2012-03-05");
    expect(value(parseDay(40973.5))).toBe("2012-03-05");
  });

  it("reads real dates and the written forms", () => {
    expect(value(parseDay(new Date(Date.UTC(2012, 2, 5))))).toBe("2012-03-05");
    for (const text of ["2012-03-05", "2012-3-5", "2012/3/5", "2012.3.5", "2012年3月5日", "2012 年 3 月 5 日", "20120305", "２０１２／３／５", "2012/3/5 10:30", "2012-03-05T10:30:00"]) {
      expect(value(parseDay(text)), text).toBe("2012-03-05");
    }
    expect(value(parseDay(20120305))).toBe("2012-03-05");
  });

  it("refuses what is not a day, saying why", () => {
    expect(reason(parseDay("2012/2/30"))).toBe("import.reason.noSuchDay");
    expect(reason(parseDay("2011-02-29"))).toBe("import.reason.noSuchDay");
    expect(reason(parseDay(2012))).toBe("import.reason.yearOnly");
    expect(reason(parseDay("3/5/2012"))).toBe("import.reason.ambiguousDate");
    expect(reason(parseDay("上周五"))).toBe("import.reason.badDate");
    expect(reason(parseDay(true))).toBe("import.reason.badDate");
  });

  it("reads birthdays with and without a year", () => {
    expect(value(parseBirthday("1985/6/15"))).toBe("1985-06-15");
    expect(value(parseBirthday("6月15日"))).toBe("--06-15");
    expect(value(parseBirthday("06-15"))).toBe("--06-15");
    expect(value(parseBirthday("--06-15"))).toBe("--06-15");
    expect(value(parseBirthday("'--02-29"))).toBe("--02-29"); // CSV formula guard
    expect(reason(parseBirthday("2月30日"))).toBe("import.reason.noSuchDay");
  });

  it("reads lunar birthdays in digits and in the calendar's own words", () => {
    expect(value(parseLunarBirthday("04-15"))).toBe("04-15");
    expect(value(parseLunarBirthday("4-5"))).toBe("04-05");
    expect(value(parseLunarBirthday("闰4-15"))).toBe("闰04-15");
    expect(value(parseLunarBirthday("四月十五"))).toBe("04-15");
    expect(value(parseLunarBirthday("闰四月十五"))).toBe("闰04-15");
    expect(value(parseLunarBirthday("农历正月初一"))).toBe("01-01");
    expect(value(parseLunarBirthday("腊月廿三"))).toBe("12-23");
    expect(value(parseLunarBirthday("冬月二十"))).toBe("11-20");
    expect(value(parseLunarBirthday("三月三十"))).toBe("03-30");
    expect(reason(parseLunarBirthday("13-01"))).toBe("import.reason.badLunar");
    expect(reason(parseLunarBirthday("四月三十一"))).toBe("import.reason.badLunar");
  });
});

describe("phones", () => {
  it("keeps every digit of a mobile, however it was typed", () => {
    for (const cell of [13800138000, "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "8613800138000", "１３８００１３８０００"]) {
      expect(value(parsePhone(cell)), String(cell)).toBe("13800138000");
    }
  });

  it("writes landlines with the dash after the area code", () => {
    expect(value(parsePhone("0755-83000000"))).toBe("0755-83000000");
    expect(value(parsePhone("(0755)83000000"))).toBe("0755-83000000");
    expect(value(parsePhone("075583000000"))).toBe("0755-83000000");
    expect(value(parsePhone("01012345678"))).toBe("010-12345678");
  });

  it("refuses numbers that lost digits, with the reason", () => {
    expect(reason(parsePhone("1.38001E+10"))).toBe("import.reason.phoneScientific");
    expect(reason(parsePhone(75583000000))).toBe("import.reason.phoneLostZero");
    expect(reason(parsePhone("83000000"))).toBe("import.reason.phoneNoArea");
    expect(reason(parsePhone("13800138000/13900001111"))).toBe("import.reason.twoPhones");
    expect(reason(parsePhone("12345"))).toBe("import.reason.badPhone");
    expect(reason(parsePhone(1.5))).toBe("import.reason.badPhone");
  });
});

describe("money, yes/no, gender", () => {
  it("keeps money as written when SPEC 2 accepts it", () => {
    expect(value(parseMoneyCell(20000))).toBe(20000);
    expect(value(parseMoneyCell("20000"))).toBe(20000);
    expect(value(parseMoneyCell("3万"))).toBe("3万");
    expect(value(parseMoneyCell("1.5万元"))).toBe("1.5万元");
    expect(value(parseMoneyCell("¥1,200,000"))).toBe("1,200,000");
    expect(reason(parseMoneyCell("约3万"))).toBe("import.reason.badMoney");
    expect(reason(parseMoneyCell(-5))).toBe("import.reason.badMoney");
  });

  it("reads yes/no and gender in both languages", () => {
    expect(value(parseYesNo("是"))).toBe(true);
    expect(value(parseYesNo("√"))).toBe(true);
    expect(value(parseYesNo("否"))).toBe(false);
    expect(value(parseYesNo(true))).toBe(true);
    expect(reason(parseYesNo("也许"))).toBe("import.reason.badYesNo");
    expect(value(parseGender("女"))).toBe("F");
    expect(value(parseGender("male"))).toBe("M");
    expect(reason(parseGender("?"))).toBe("import.reason.badGender");
  });
});

describe("labels to codes", () => {
  it("maps every position's catalogue label, in both languages, to its code", () => {
    for (const position of POSITIONS) {
      expect(value(POSITION_CHOICES.parse(t("zh", `position.${position}`), "import.reason.badPosition"))).toBe(position);
      expect(value(POSITION_CHOICES.parse(t("en", `position.${position}`).toUpperCase(), "import.reason.badPosition"))).toBe(position);
      expect(value(POSITION_CHOICES.parse(position, "import.reason.badPosition"))).toBe(position);
    }
    expect(value(POSITION_CHOICES.parse(" 支行行长 ", "import.reason.badPosition"))).toBe("branch_head");
  });

  it("suggests the nearest label for an unknown position", () => {
    const parsed = POSITION_CHOICES.parse("理财经埋", "import.reason.badPosition");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.params?.suggestion).toBe("理财经理");
  });

  it("maps tiers, sources and activity kinds", () => {
    expect(value(TIER_CHOICES.parse("有价值客户", "import.reason.badTier"))).toBe("valuable");
    expect(value(TIER_CHOICES.parse("简易信息", "import.reason.badTier"))).toBe("basic");
    expect(value(SOURCE_CHOICES.parse("客户转介绍", "import.reason.badSource"))).toBe("customer_referral");
    expect(value(SOURCE_CHOICES.parse("临柜", "import.reason.badSource"))).toBe("walk_in");
    expect(value(ACTIVITY_CHOICES.parse("拜访", "import.reason.badActivityKind"))).toBe("visit");
    expect(value(ACTIVITY_CHOICES.parse("向行领导汇报", "import.reason.badActivityKind"))).toBe("report");
    expect(value(ACTIVITY_CHOICES.parse("Calls", "import.reason.badActivityKind"))).toBe("call");
  });
});
