/**
 * What leaves the firm. The monthly table goes to a bank's leaders, so by default it carries no
 * more personal data than it needs: phone numbers masked (138****8000), prospects' names cut to
 * the surname (陈**), and no addresses, accounts, conversion amounts or archive notes.
 * `--no-redact` keeps everything, for internal use.
 *
 * Masking is done on the figures, before any renderer sees them, so no format can leak what
 * another one hides; free text that is still shown (KPI notes) is scrubbed of phone numbers.
 */
import type { FollowupItem } from "../rules/followups.js";
import type { MonthlyFigures } from "../rules/monthly.js";

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3})-(\d{7,8})$/;

/** "13800138000" → "138****8000"; "0755-83195001" → "0755-****5001"; anything else keeps only its last 4 digits. */
export function maskPhone(phone: string): string {
  const text = phone.trim();
  if (MOBILE.test(text)) return `${text.slice(0, 3)}****${text.slice(7)}`;
  const landline = LANDLINE.exec(text);
  if (landline) return `${landline[1]}-****${landline[2]!.slice(-4)}`;
  const digits = [...text].filter((c) => /\d/.test(c)).length;
  let seen = 0;
  return [...text].map((c) => (/\d/.test(c) && ++seen <= digits - 4 ? "*" : c)).join("");
}

/** A phone that may be absent, masked like any phone. */
export function maskOptionalPhone(phone: string | null): string | null {
  return phone === null ? null : maskPhone(phone);
}

/**
 * "陈先生" → "陈**", "徐总" → "徐**": the first character and two stars, whatever the length, so
 * the mask tells nothing about the name (a compound surname keeps only its first character).
 */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? "" : `${first}**`;
}

// Phone numbers as people write them in notes: ASCII or full-width digits, a country code
// (+86, 86), groups split by a space or a dash (138 0013 8000, 138-0013-8000), landlines with
// the area code in brackets or followed by a space or a dash. A number inside a longer run of
// digits (an account, a card number, also one written in groups) is not a phone.
const D = "[0-9０-９]";
// issue 28: also dots and slashes (138.0013.8010, 138/0013/8015).
const SEP = "[ \u3000\\-－./．／]";
const NOT_AFTER_DIGIT = `(?<!${D}${SEP}?)`;
const NOT_BEFORE_DIGIT = `(?!${SEP}?${D})`;
// issue 28: also 0086 (0086-138-0013-8012).
const COUNTRY = `(?:(?:[+＋]|00|００)?(?:86|８６)${SEP}?)`;
const MOBILE_IN_TEXT = new RegExp(`${NOT_AFTER_DIGIT}(?<lead>${COUNTRY}?[1１][3-9３-９]${D})(?<rest>${SEP}?${D}{4}${SEP}?${D}{4})${NOT_BEFORE_DIGIT}`, "gu");
const LANDLINE_IN_TEXT = new RegExp(`${NOT_AFTER_DIGIT}(?<lead>[(（]0${D}{2,3}[)）]${SEP}?|0${D}{2,3}${SEP})(?<rest>${D}{3,4}${SEP}?${D}{4})${NOT_BEFORE_DIGIT}`, "gu");
// issue 28: a local landline without its area code, 8 digits from 2 to 8 (83195001, 8319 5001);
// not an amount (followed by 元, 万, 亿, %, or after ¥), nor a day written 20120320.
const LOCAL_IN_TEXT = new RegExp(`(?<![¥￥$])${NOT_AFTER_DIGIT}(?!20[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9]))(?<lead>)(?<rest>[2-8２-８]${D}{3}${SEP}?${D}{4})${NOT_BEFORE_DIGIT}(?![ \u3000]*[元万亿%％])`, "gu");
const ANY_DIGIT = new RegExp(D, "u");

/** Every digit but the last four as a star, separators kept: "0013 8000" → "**** 8000". */
function starAllButLastFour(text: string): string {
  const chars = [...text];
  let left = chars.filter((c) => ANY_DIGIT.test(c)).length - 4;
  return chars.map((c) => (ANY_DIGIT.test(c) && left-- > 0 ? "*" : c)).join("");
}

/**
 * Mobile and landline numbers inside free text, masked: the country code, the first three
 * digits of a mobile or the area code, and the last four digits stay ("call 13800138000" →
 * "call 138****8000", "(0755) 8888 1234" → "(0755) **** 1234").
 */
export function scrubPhones(text: string): string {
  const mask = (...args: unknown[]): string => {
    const groups = args[args.length - 1] as { lead: string; rest: string };
    return groups.lead + starAllButLastFour(groups.rest);
  };
  return text.replace(MOBILE_IN_TEXT, mask).replace(LANDLINE_IN_TEXT, mask).replace(LOCAL_IN_TEXT, mask);
}

/** The figures as they may leave the firm. The input is not changed. */
export function redactMonthly(figures: MonthlyFigures): MonthlyFigures {
  return {
    ...figures,
    kpiNotes: figures.kpiNotes === null ? null : scrubPhones(figures.kpiNotes),
    // Issue 25: free text like the notes, so phone numbers in it are masked too.
    requests: figures.requests.map(scrubPhones),
    complaints: { ...figures.complaints, topics: figures.complaints.topics.map(scrubPhones) },
    conversions: figures.conversions?.map((c) => ({ ...c, amount: null, account: null, leftNote: c.leftNote === null ? null : scrubPhones(c.leftNote) })) ?? null,
    planned: figures.planned.map((p) => ({
      ...p,
      // The id is built from the name (p-chen-001) and would undo the mask.
      prospect: null,
      name: maskName(p.name),
      phone: maskOptionalPhone(p.phone),
      workPhone: maskOptionalPhone(p.workPhone),
      homePhone: maskOptionalPhone(p.homePhone),
      address: null,
      notes: null,
    })),
  };
}

/**
 * Follow-ups as they may leave the firm: no birthday items (their due day is the birthday, and
 * the detail gives the age), no amounts (maturities, large movements, purchases), no notes
 * (complaints, planned activities), the prospects among a planned activity's people and a
 * greeting's recipients masked, and a greeting's phones masked.
 * Names and phones are masked where the items are shown. The input is not changed.
 */
export function redactFollowups(items: readonly FollowupItem[]): FollowupItem[] {
  return items.filter((item) => item.facts.kind !== "birthday").map((item) => {
    const f = item.facts;
    switch (f.kind) {
      case "maturity":
      case "care_call":
        return { ...item, facts: { ...f, amount: null } };
      case "large_movement":
        return { ...item, facts: { ...f, amount: null, note: null } };
      case "complaint":
        return { ...item, facts: { ...f, note: null } };
      case "planned":
        return { ...item, facts: { ...f, note: null, with: f.with.map((p) => (p.personType === "prospect" && p.name !== null ? { ...p, name: maskName(p.name) } : p)) } };
      // issue 23: a greeting's prospects masked as a planned activity's are, and every phone.
      case "greeting":
        return {
          ...item,
          facts: { ...f, recipients: f.recipients.map((r) => ({ ...r, name: r.personType === "prospect" ? maskName(r.name) : r.name, phone: maskOptionalPhone(r.phone) })) },
        };
      default:
        return item;
    }
  });
}
