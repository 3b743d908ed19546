/**
 * The small part of lunar-javascript (6tail, MIT) that src/rules/lunar.ts uses. The package
 * ships plain CommonJS without types. Lunar months are 1–12; a leap month is written negative
 * (-4 is 闰四月).
 */
declare module "lunar-javascript" {
  interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    /** `YYYY-MM-DD`. */
    toYmd(): string;
  }
  interface LunarDay {
    getSolar(): SolarDay;
    /**
     * The solar terms around this day's lunar year (src/rules/solar-terms.ts): by Chinese name from
     * the 冬至 before it to the 大雪 that ends it, the rest by pinyin keys (DONG_ZHI, XIAO_HAN…).
     */
    getJieQiTable(): Record<string, SolarDay>;
  }
  interface LunarMonthInfo {
    getYear(): number;
    getMonth(): number;
    getDayCount(): number;
    isLeap(): boolean;
    /** The Julian day of the month's first day. */
    getFirstJulianDay(): number;
  }
  interface LunarYearInfo {
    /** The leap month of the year (1–12), or 0 when it has none. */
    getLeapMonth(): number;
    /** Null when the year has no such month (e.g. -4 in a year without 闰四月). */
    getMonth(month: number): LunarMonthInfo | null;
  }
  interface LunarLibrary {
    Lunar: { fromYmd(year: number, month: number, day: number): LunarDay };
    Solar: { fromJulianDay(julianDay: number): SolarDay };
    LunarYear: { fromYear(year: number): LunarYearInfo };
    LunarMonth: { fromYm(year: number, month: number): LunarMonthInfo | null };
  }
  const library: LunarLibrary;
  export default library;
}
