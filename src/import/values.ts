/**
 * Turning spreadsheet cells into the value forms of docs/data-format.md. Spreadsheets hold dates as real
 * dates, as Excel serial numbers or as text ("2012/3/5", "2012年3月5日"); phone numbers as
 * numbers that lost their leading 0, or in scientific notation that lost digits; positions
 * in Chinese. Each converter either gives the value as it will be written to the YAML file or
 * says why it cannot (a catalogue key with its parameters): it never guesses.
 */
import { LANGS, t, type MessageKey, type MessageParams } from "../i18n/catalog.js";
import { ACTIVITY_KINDS, POSITIONS, type ActivityKind, type Position } from "../model/types.js";
import { isoDate, isRealDay, parseDate, parseDateTime, parseMoney, type IsoDate } from "../model/values.js";
import { ENUM_NAMES, type EnumKind } from "../model/enum-names.js";
import { lunarDayName, lunarMonthName } from "../rules/lunar.js";
import { nearest, nearestTitle } from "../validate/suggest.js";
import type { CellValue } from "./sheet.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: MessageKey; params?: MessageParams };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: MessageKey, params: MessageParams = {}): Parsed<T> => ({ ok: false, reason, params });

/** Full-width digits and punctuation to ASCII, spaces trimmed: how a typed value is compared. */
export function normalise(text: string): string {
  // Most cells are printable ASCII and common Chinese characters without spaces, which NFKC
  // leaves as they are: given back unchanged, without the three passes (issue 29).
  if (UNCHANGED_BY_NORMALISE.test(text)) return text;
  return text.normalize("NFKC").replace(/[\u3000\s]+/g, " ").trim();
}

/** Text that normalise gives back as it is: printable ASCII but the space, and CJK Unified Ideographs U+4E00–U+9FFF. */
export const UNCHANGED_BY_NORMALISE = /^[!-~\u4e00-\u9fff]*$/;

/** A label as looked up in a table: normalised, no spaces, lower case. */
export function labelKey(text: string): string {
  return normalise(text).replace(/\s+/g, "").toLowerCase();
}

/** CSV written by channel (and other careful tools) guards cells starting with = + - @ with an apostrophe. */
function unguard(text: string): string {
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** Free text: as written (line breaks kept), dates as YYYY-MM-DD, numbers as their digits. */
export function parseText(cell: CellValue): Parsed<string> {
  if (cell instanceof Date) return dateFromJs(cell);
  if (typeof cell === "number") return ok(numberText(cell));
  if (typeof cell === "boolean") return ok(cell ? "TRUE" : "FALSE");
  const text = unguard(String(cell ?? "")).replace(/\r\n?/g, "\n").trim();
  return text === "" ? fail("import.reason.empty") : ok(text);
}

/** A name: one line of text. */
export function parseName(cell: CellValue): Parsed<string> {
  const text = parseText(cell);
  if (!text.ok) return text;
  const name = text.value.replace(/\s*\n\s*/g, " ");
  return name.length > 100 ? fail("import.reason.nameTooLong") : ok(name);
}

function numberText(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A day from a JavaScript date as the spreadsheet reader gives it (midnight UTC of the day). */
function dateFromJs(value: Date): Parsed<IsoDate> {
  if (Number.isNaN(value.getTime())) return fail("import.reason.badDate");
  return ok(isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()));
}

/**
 * An Excel serial day number (1900 date system): 1 is 1900-01-01, and Excel counts a
 * 1900-02-29 that never was (serial 60), so later serials are one day off from a plain count.
 */
export function serialToDate(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  if (days === 60) return null;
  const d = new Date(Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const FULL_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T ]?\s*\d{1,2}:\d{2}(?::\d{2})?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_DAY = /^(?:--)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

function dayFrom(y: number, m: number, d: number, written: string): Parsed<IsoDate> {
  return isRealDay(y, m, d) ? ok(isoDate(y, m, d)) : fail("import.reason.noSuchDay", { value: written });
}

/**
 * A calendar day: a real date cell, an Excel serial number, or text in the forms Excel and
 * people write (2012-03-05, 2012/3/5, 2012.3.5, 2012年3月5日, 20120305; a time after it is
 * dropped). A bare year is refused, not read as a serial number.
 */
export function parseDay(cell: CellValue): Parsed<IsoDate> {
  // Most date cells a program exports are a real day written YYYY-MM-DD: read as they are,
  // without the general forms' passes (issue 29). Anything else reads the general way.
  if (typeof cell === "string" && parseDate(cell) !== null) return ok(cell);
  if (cell instanceof Date) return dateFromJs(cell);
  if (typeof cell === "number") return dayFromNumber(cell);
  if (typeof cell !== "string") return fail("import.reason.badDate");
  const text = normalise(unguard(cell));
  const full = FULL_DATE.exec(text);
  if (full) return dayFrom(Number(full[1]), Number(full[2]), Number(full[3]), text);
  const compact = COMPACT_DATE.exec(text);
  if (compact) return dayFrom(Number(compact[1]), Number(compact[2]), Number(compact[3]), text);
  if (/^\d+(\.\d+)?$/.test(text)) return dayFromNumber(Number(text));
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(text)) return fail("import.reason.ambiguousDate", { value: text });
  return fail("import.reason.badDate");
}

/**
 * A day, or (issue 25: `hq_registered`) a day with a time: text such as 2012-03-01 16:30 keeps
 * its time, written as the data files write it (`2012-03-01 16:30`, seconds only when not :00).
 */
export function parseDayOrTime(cell: CellValue): Parsed<string> {
  if (typeof cell === "string") {
    const at = parseDateTime(normalise(unguard(cell)));
    if (at !== null) return { ok: true, value: at.replace("T", " ").replace(/:00$/, "") };
  }
  return parseDay(cell);
}

function dayFromNumber(value: number): Parsed<IsoDate> {
  if (Number.isInteger(value) && value >= 1900 && value <= 2100) return fail("import.reason.yearOnly", { value });
  if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999) {
    const text = String(value);
    return dayFrom(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)), text);
  }
  const day = serialToDate(value);
  return day === null ? fail("import.reason.badDate") : ok(day);
}

/** A solar birthday: a full day, or month and day alone ("6月15日", "06-15", "--06-15") written as --MM-DD. */
export function parseBirthday(cell: CellValue): Parsed<string> {
  if (typeof cell === "string" && parseDate(cell) !== null) return ok(cell);
  if (typeof cell === "string") {
    const text = normalise(unguard(cell));
    const md = MONTH_DAY.exec(text);
    if (md) {
      const month = Number(md[1]);
      const day = Number(md[2]);
      if (!isRealDay(2000, month, day)) return fail("import.reason.noSuchDay", { value: text });
      return ok(`--${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
    }
  }
  return parseDay(cell);
}

/** Lunar month and day names, each mapped to its number, built from the calendar's own names. */
const LUNAR_MONTHS = new Map<string, number>();
const LUNAR_DAYS = new Map<string, number>();
for (let m = 1; m <= 12; m++) {
  LUNAR_MONTHS.set(lunarMonthName(m, false).replace(/月$/, ""), m);
  LUNAR_MONTHS.set(String(m), m);
}
for (const [alias, m] of [["一", 1], ["十一", 11], ["十二", 12]] as const) LUNAR_MONTHS.set(alias, m);
for (let d = 1; d <= 30; d++) {
  LUNAR_DAYS.set(lunarDayName(d), d);
  LUNAR_DAYS.set(String(d), d);
}
for (let d = 21; d <= 29; d++) LUNAR_DAYS.set(`二十${lunarDayName(d).slice(1)}`, d);

/** A lunar birthday: "04-15", "4-15", "闰4-15", "四月十五", "闰四月十五", "农历正月初一", "4月15日". */
export function parseLunarBirthday(cell: CellValue): Parsed<string> {
  if (typeof cell !== "string" && typeof cell !== "number") return fail("import.reason.badLunar");
  const text = normalise(unguard(String(cell))).replace(/^(农历|阴历)/, "").replace(/\s+/g, "");
  const m = /^(闰)?([0-9]{1,2}|[正一二三四五六七八九十冬腊]{1,2})(?:月|-|\/|\.)([0-9]{1,2}|[初十廿二三][一二三四五六七八九十]?)日?$/.exec(text);
  const month = m ? LUNAR_MONTHS.get(m[2]!.replace(/^0+(?=\d)/, "")) : undefined;
  const day = m ? LUNAR_DAYS.get(m[3]!.replace(/^0+(?=\d)/, "")) : undefined;
  if (!m || month === undefined || day === undefined) return fail("import.reason.badLunar");
  return ok(`${m[1] ?? ""}${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
}

// ---------------------------------------------------------------------------------------------
// Phones, numbers, money

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone number as docs/data-format.md writes it: a mobile's 11 digits, or a landline "0755-83000000".
 * Spaces, dashes and a +86 are taken out of mobiles; a landline without its dash is split after
 * the area code (3 digits for 010 and 02x, 4 for the rest). A number that lost its leading 0
 * or was shown in scientific notation (1.38E+10) has lost digits: refused with the reason.
 */
export function parsePhone(cell: CellValue): Parsed<string> {
  if (typeof cell === "number") {
    if (!Number.isInteger(cell) || cell < 0) return fail("import.reason.badPhone", { value: String(cell) });
    const digits = numberText(cell);
    if (MOBILE.test(digits)) return ok(digits);
    if (/^[1-9]\d{9,10}$/.test(digits)) return fail("import.reason.phoneLostZero", { value: digits });
    return fail("import.reason.badPhone", { value: digits });
  }
  if (typeof cell !== "string") return fail("import.reason.badPhone", { value: String(cell) });
  const text = normalise(unguard(cell));
  if (/^\d(\.\d+)?e\+?\d+$/i.test(text)) return fail("import.reason.phoneScientific", { value: text });
  if (/[/,;、，；]|\s(或|or)\s/.test(text)) return fail("import.reason.twoPhones", { value: text });
  const compact = text.replace(/[\s\-()（）]/g, "").replace(/^(\+86|0086|86(?=1[3-9]\d{9}$))/, "");
  if (MOBILE.test(compact)) return ok(compact);
  // With its own separator the area code is as written; without one it is split by rule below.
  const landline = /^(?:[(（](0\d{2,3})[)）][\s-]*|(0\d{2,3})[\s-]+)(\d{7,8})$/.exec(text);
  if (landline) return ok(`${landline[1] ?? landline[2]}-${landline[3]}`);
  if (/^0\d{9,11}$/.test(compact)) {
    const areaLength = /^0[12]/.test(compact) ? 3 : 4;
    const area = compact.slice(0, areaLength);
    const number = compact.slice(areaLength);
    if (/^\d{7,8}$/.test(number)) return ok(`${area}-${number}`);
  }
  if (/^\d{7,8}$/.test(compact)) return fail("import.reason.phoneNoArea", { value: text });
  if (/^[1-9]\d{9,10}$/.test(compact)) return fail("import.reason.phoneLostZero", { value: text });
  return fail("import.reason.badPhone", { value: text });
}

/** A QQ number: 5 to 12 digits, not starting with 0. */
export function parseQq(cell: CellValue): Parsed<string> {
  const text = typeof cell === "number" && Number.isInteger(cell) ? numberText(cell) : normalise(String(cell ?? ""));
  return /^[1-9]\d{4,11}$/.test(text) ? ok(text) : fail("import.reason.badQq", { value: text });
}

export function parseEmail(cell: CellValue): Parsed<string> {
  const text = normalise(String(cell ?? ""));
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? ok(text) : fail("import.reason.badEmail", { value: text });
}

/** A whole number of zero or more ("35", "35岁", 35). */
export function parseCount(cell: CellValue): Parsed<number> {
  if (typeof cell === "number") return Number.isInteger(cell) && cell >= 0 ? ok(cell) : fail("import.reason.badCount", { value: String(cell) });
  const text = normalise(String(cell ?? "")).replace(/(岁|人|户|个)$/, "");
  return /^\d{1,9}$/.test(text) ? ok(Number(text)) : fail("import.reason.badCount", { value: text });
}

/**
 * Money: a number of yuan, or text in the forms docs/data-format.md accepts ("8万", "1.5万元", "1,200,000"),
 * kept as written so the file reads as the sheet did. A currency sign and spaces are dropped.
 */
export function parseMoneyCell(cell: CellValue): Parsed<string | number> {
  if (typeof cell === "number") return parseMoney(cell) === null ? fail("import.reason.badMoney", { value: String(cell) }) : ok(cell);
  const text = normalise(String(cell ?? "")).replace(/^[¥￥]/, "").replace(/\s+/g, "");
  if (parseMoney(text) === null) return fail("import.reason.badMoney", { value: text });
  return /^\d+$/.test(text) ? ok(Number(text)) : ok(text);
}

// ---------------------------------------------------------------------------------------------
// Choices: yes/no, gender, positions, tiers, kinds

const TRUE_WORDS = ["是", "y", "yes", "true", "1", "√", "✓", "✔", "★", "☆", "核心", "核心人物", "key", "x"];
const FALSE_WORDS = ["否", "n", "no", "false", "0", "不是", "非核心"];

export function parseYesNo(cell: CellValue): Parsed<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  const key = labelKey(String(cell ?? ""));
  if (TRUE_WORDS.includes(key)) return ok(true);
  if (FALSE_WORDS.includes(key)) return ok(false);
  return fail("import.reason.badYesNo", { value: String(cell) });
}

export function parseGender(cell: CellValue): Parsed<"F" | "M"> {
  const key = labelKey(String(cell ?? ""));
  if (["女", "f", "female", "女士", "女性"].includes(key)) return ok("F");
  if (["男", "m", "male", "先生", "男性"].includes(key)) return ok("M");
  return fail("import.reason.badGender", { value: String(cell) });
}

/** A lookup from labels (codes, catalogue labels in both languages, common variants) to codes. */
class Choices<C extends string> {
  private readonly byLabel = new Map<string, C>();
  /** What a suggestion is chosen from: the Chinese labels and the codes. */
  private readonly shown: string[] = [];

  /**
   * `titles`: the choices are job titles, suggested only on a plausible match (nearestTitle);
   * their Chinese names (ENUM_NAMES) are offered as suggestions too.
   */
  constructor(codes: readonly C[], labelKeys: (code: C) => MessageKey[], variants: Readonly<Record<string, C>> = {}, private readonly titles = false) {
    for (const code of codes) {
      this.add(code, code);
      for (const key of labelKeys(code)) {
        for (const lang of LANGS) this.add(t(lang, key), code);
        this.shown.push(t("zh", key));
      }
    }
    for (const [label, code] of Object.entries(variants)) this.add(label, code);
    if (titles) for (const label of Object.keys(variants)) if (/\p{Script=Han}/u.test(label) && !this.shown.includes(label)) this.shown.push(label);
  }

  private add(label: string, code: C): void {
    const key = labelKey(label);
    if (!this.byLabel.has(key)) this.byLabel.set(key, code);
  }

  parse(cell: CellValue, reason: MessageKey): Parsed<C> {
    const text = normalise(String(cell ?? ""));
    const code = this.byLabel.get(labelKey(text));
    if (code !== undefined) return ok(code);
    const suggestion = this.titles ? nearestTitle(text, this.shown, (label) => this.byLabel.get(labelKey(label)) ?? label) : nearest(text, this.shown);
    return fail(reason, { value: text, suggestion: suggestion ?? "" });
  }
}

/** The Chinese names that the data files accept for an enum's codes, as variants of a choice. */
function namesOf<C extends string>(kind: EnumKind): Record<string, C> {
  const table = ENUM_NAMES[kind] as Record<string, readonly string[]>;
  return Object.fromEntries(Object.entries(table).flatMap(([code, names]) => names.map((name) => [name, code as C])));
}

/** Positions: the codes, the labels of the catalogue (理财经理, wealth manager) and a few usual variants. */
export const POSITION_CHOICES = new Choices<Position>(POSITIONS, (code) => [`position.${code}` as MessageKey], {
  ...namesOf<Position>("position"),
  行长室: "branch_head",
  大堂: "lobby_manager",
  柜台: "teller",
  vip理财经理: "vip_wealth_manager",
  信用卡销售: "card_sales",
  客户服务: "customer_service",
}, true);

export const TIERS = ["basic", "valuable"] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_CHOICES = new Choices<Tier>(TIERS, (code) => [`report.tier.${code}` as MessageKey], {
  ...namesOf<Tier>("tier"),
  简易: "basic",
  基础: "basic",
  普通: "basic",
  有价值: "valuable",
  重要: "valuable",
  重点: "valuable",
  重要客户: "valuable",
  重点客户: "valuable",
});

export const SOURCE_KINDS = ["staff_referral", "assisted", "event", "customer_referral", "walk_in", "community"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_CHOICES = new Choices<SourceKind>(SOURCE_KINDS, (code) => [`sheet.source.${code}` as MessageKey], {
  ...namesOf<SourceKind>("source"),
  员工推荐: "staff_referral",
  行员推荐: "staff_referral",
  银行推荐: "staff_referral",
  协助: "assisted",
  转介绍: "customer_referral",
  客户介绍: "customer_referral",
  临柜: "walk_in",
  自然到访: "walk_in",
  到访: "walk_in",
  社区: "community",
  网点活动: "event",
  沙龙: "event",
});

export const ACTIVITY_CHOICES = new Choices<ActivityKind>(ACTIVITY_KINDS, (code) => [`sheet.activity.${code}` as MessageKey, `report.activity.${code}` as MessageKey], {
  ...namesOf<ActivityKind>("activity"),
  电话联系: "call",
  打电话: "call",
  发短信: "sms",
  上门拜访: "visit",
  面谈: "visit",
  吃饭: "meal",
  聚餐: "meal",
  礼品: "gift",
  向行领导汇报: "report",
  统计表: "report",
  讲座: "event",
});
