/**
 * Parsing and checking of the value kinds of docs/data-format.md section 3. Shared by the schema formats
 * (which decide validity) and the model builder (which normalises valid values).
 */
/** A calendar day, `YYYY-MM-DD`. Compared as text: lexical order is date order. */
export type IsoDate = string;
/** A local wall-clock time in the repository's timezone, `YYYY-MM-DDTHH:mm:ss`. */
export type IsoDateTime = string;
/** A month, `YYYY-MM`. */
export type IsoMonth = string;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_SHAPE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const BIRTHDAY_SHAPE = /^(\d{4}|-)-(\d{2})-(\d{2})$/;
const LUNAR_SHAPE = /^(闰)?(\d{2})-(\d{2})$/;
const MONEY_SHAPE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万|亿)?元?$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether year-month-day names a real day of the proleptic Gregorian calendar. */
export function isRealDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` that names a real day, or null. */
export function parseDate(text: string): IsoDate | null {
  const m = DATE_SHAPE.exec(text);
  if (!m) return null;
  return isRealDay(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}

/** Whether the text has the shape of a date (whatever its day): tells a typo from an impossible day. */
export function hasDateShape(text: string): boolean {
  return DATE_SHAPE.test(text);
}

/** A datetime (docs/data-format.md), normalised to `YYYY-MM-DDTHH:mm:ss`, or null. */
export function parseDateTime(text: string): IsoDateTime | null {
  const m = DATETIME_SHAPE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00"] = m;
  if (!isRealDay(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** A solar birthday: the year is null when written `--MM-DD`. */
export interface SolarBirthday {
  year: number | null;
  month: number;
  day: number;
}

export function parseBirthday(text: string): SolarBirthday | null {
  const m = BIRTHDAY_SHAPE.exec(text);
  if (!m) return null;
  const year = m[1] === "-" ? null : Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // A birthday without a year may be 02-29: check against a leap year.
  if (!isRealDay(year ?? 2000, month, day)) return null;
  return { year, month, day };
}

/** A Chinese-calendar birthday: month 1–12, day 1–30, and whether the month is a leap month. */
export interface LunarBirthday {
  leap: boolean;
  month: number;
  day: number;
}

export function parseLunarBirthday(text: string): LunarBirthday | null {
  const m = LUNAR_SHAPE.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  return { leap: m[1] === "闰", month, day };
}

const UNIT_DIGITS: Record<string, number> = { "": 0, 万: 4, 亿: 8 };
/** Larger amounts than this cannot be exact in a double and are not money anyone records. */
export const MONEY_LIMIT = 1e15;

/**
 * Money in yuan from a number or one of the written forms of docs/data-format.md ("2万", "1.5万",
 * "26亿", "20000元", "1,200,000"). Decimal shifting is done on the digits, so "1.1万" is
 * exactly 11000 (floating-point multiplication would give 11000.000000000002).
 * Returns null for negative, non-finite, oversized or unrecognised values.
 */
export function parseMoney(value: unknown): number | null {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 && value < MONEY_LIMIT ? value : null;
  }
  if (typeof value !== "string") return null;
  const m = MONEY_SHAPE.exec(value.trim());
  if (!m) return null;
  const whole = (m[1] ?? "").replace(/,/g, "");
  const fraction = m[2] ?? "";
  const shift = UNIT_DIGITS[m[3] ?? ""] ?? 0;
  const digits = whole + fraction.padEnd(shift, "0");
  const pointAt = whole.length + shift;
  const text = `${digits.slice(0, pointAt)}.${digits.slice(pointAt) || "0"}`;
  const yuan = Number(text);
  return Number.isFinite(yuan) && yuan < MONEY_LIMIT ? yuan : null;
}

/**
 * Whether a value is written as money but is too large to be counted (1e15 yuan or more, or
 * beyond a double): told apart from other invalid money so the message can say so.
 */
export function isMoneyTooLarge(value: unknown): boolean {
  if (typeof value === "number") return !Number.isNaN(value) && value >= MONEY_LIMIT;
  return typeof value === "string" && MONEY_SHAPE.test(value.trim()) && parseMoney(value) === null;
}

/** Formats `YYYY-MM-DD` from parts. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Splits an ISO date into numbers. The caller guarantees the shape. */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * The day number of a proleptic Gregorian date (0 is 1970-01-01), by whole-number arithmetic
 * (H. Hinnant's days_from_civil). A follow-up list at head-office scale does a few million of
 * these: a Date per call (date-fns, timezone offsets) was ~10% of a warm `followups`. Unlike
 * `new Date(y, m, d)` it also takes years 0–99 as written, not as 1900–1999.
 */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (the inverse of `dayNumber`: H. Hinnant's civil_from_days). */
function dateOfDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return isoDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** The day number of an ISO date. The caller guarantees the shape. */
function dayNumberOf(date: IsoDate): number {
  return dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** Adds whole days to a date, across months and years. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** Whether an IANA timezone name is known to this Node.js. */
export function isKnownTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
