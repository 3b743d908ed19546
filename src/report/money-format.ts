/**
 * Money and rates as people read them. Amounts come in yuan (see `src/model/values.ts`), and
 * every form here is exact: a figure head office pays on must never be rounded for display.
 *
 * Two forms, because Chinese readers expect both: thresholds and sales read best in 万/亿
 * ("1.99万", "450万", "26亿"), payouts in plain yuan ("15000元"). In English both are
 * "19,900 yuan" — 万 has no English word, and "4.5 million" would hide the exact figure.
 */
import type { Lang } from "../i18n/catalog.js";

/**
 * The compact form: zh "1.99万", "41.2亿", "3600元" (万/亿 only when at most two decimals are
 * needed, else plain yuan: "12345元" reads better than "1.2345万"); en "19,900 yuan".
 */
export function formatYuan(amount: number, lang: Lang): string {
  if (lang === "en") return `${groupThousands(decimalText(amount))} yuan`;
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  if (Number.isInteger(abs)) {
    if (abs >= 1e8 && abs % 1e6 === 0) return `${sign}${shiftedText(abs, 8)}亿`;
    if (abs >= 1e4 && abs % 100 === 0) return `${sign}${shiftedText(abs, 4)}万`;
  }
  return `${sign}${decimalText(abs)}元`;
}

/** The payout form: zh "15000元", en "15,000 yuan". */
export function formatYuanPlain(amount: number, lang: Lang): string {
  return lang === "en" ? `${groupThousands(decimalText(amount))} yuan` : `${decimalText(amount)}元`;
}

/** A bare number of yuan for spreadsheets and machine-readable cells: "19900", "12345.6". */
export function yuanNumberText(amount: number): string {
  return decimalText(amount);
}

/** A rate as a percentage, exactly as far as the written rate goes: 0.002 → "0.2%", 0.0025 → "0.25%". */
export function formatRate(rate: number): string {
  const { digits, scale } = splitDecimal(rate);
  // ×100 is a shift of the decimal point by two places, done on the digits to stay exact.
  const shifted = Math.max(0, scale - 2);
  const padded = digits.padStart(shifted + 1, "0");
  const whole = padded.slice(0, padded.length - shifted);
  const fraction = padded.slice(padded.length - shifted).replace(/0+$/, "");
  const wholeText = scale >= 2 ? whole : whole + "0".repeat(2 - scale);
  return `${stripLeadingZeros(wholeText)}${fraction ? `.${fraction}` : ""}%`;
}

/** `amount / 10^places` as exact decimal text without trailing zeros (amount a non-negative integer). */
function shiftedText(amount: number, places: number): string {
  const text = String(amount).padStart(places + 1, "0");
  const whole = text.slice(0, text.length - places);
  const fraction = text.slice(text.length - places).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The shortest decimal text of a number, never in exponent notation. */
function decimalText(value: number): string {
  const { digits, scale, negative } = splitDecimal(value);
  const padded = digits.padStart(scale + 1, "0");
  const whole = stripLeadingZeros(padded.slice(0, padded.length - scale));
  const fraction = padded.slice(padded.length - scale);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Digits and decimal scale of a number's shortest representation: 12.5 → {"125", 1}. */
function splitDecimal(value: number): { digits: string; scale: number; negative: boolean } {
  const negative = value < 0;
  const text = String(Math.abs(value));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) return { digits: "0", scale: 0, negative: false };
  let digits = (m[1] ?? "") + (m[2] ?? "");
  let scale = (m[2] ?? "").length - Number(m[3] ?? 0);
  if (scale < 0) {
    digits += "0".repeat(-scale);
    scale = 0;
  }
  return { digits: stripLeadingZeros(digits), scale, negative: negative && /[1-9]/.test(digits) };
}

function stripLeadingZeros(text: string): string {
  return text.replace(/^0+(?=\d)/, "");
}

function groupThousands(text: string): string {
  const [whole = "", fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
