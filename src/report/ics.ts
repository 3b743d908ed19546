/**
 * The follow-ups as an iCalendar file (RFC 5545) that phone and desktop calendars import: one
 * all-day VEVENT per item with a display alarm at 09:00 of the day. UIDs are a hash of the
 * item's identity, so exporting the same item again updates the event instead of adding a
 * second one. Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.
 * An overdue item is an event on the as-of day, not on its past due day (a calendar would
 * never ring for that), and its summary starts with how many days late it is; its UID stays
 * the one it had before it became overdue, so the calendar moves the event instead of adding one.
 */
import { createHash } from "../load/hash.js";
import { t } from "../i18n/catalog.js";
import { addDays, type IsoDate } from "../model/values.js";
import type { FollowupItem } from "../rules/followups.js";
import { describeFollowup, escalationNote, kindLabel, personLabel, type FollowupReport } from "./followups.js";
import { MAX_LINE_CHARS, shorten, visibleControls } from "./untrusted-text.js";

/** The most octets a content line may have, CRLF excluded (RFC 5545 3.1). */
export const MAX_LINE_OCTETS = 75;

export interface IcsOptions {
  /** When the file is made (DTSTAMP), in UTC; the CLI passes the clock's time. */
  stamp: Date;
}

/** The UID of an item: stable across exports for the same item, different for different items. */
export function itemUid(item: FollowupItem): string {
  return `${createHash("sha256").update(item.identity, "utf8").digest("hex").slice(0, 32)}@channel`;
}

export function renderIcs(report: FollowupReport, options: IcsOptions): string {
  const { lang, asOf } = report;
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//channel//followups//${lang.toUpperCase()}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(t(lang, "followups.ics.calendarName"))}`,
  ];
  const stamp = utcStamp(options.stamp);
  for (const item of report.items) {
    const subject = item.name !== null ? personLabel(item, lang) : item.branch !== null ? (report.branchNames.get(item.branch) ?? item.branch) : describeFollowup(item, lang, asOf);
    const about = { kind: kindLabel(item.kind, lang), subject };
    const summary = item.escalated
      ? t(lang, "followups.ics.summaryEscalated", { ...about, days: item.daysLate })
      : item.overdue
        ? t(lang, "followups.ics.summaryOverdue", { ...about, days: item.daysLate })
        : t(lang, "followups.ics.summary", about);
    const day = item.overdue ? asOf : item.due;
    const description = [describeFollowup(item, lang, asOf)];
    if (item.overdue) description.push(t(lang, "followups.ics.wasDue", { date: item.due, days: item.daysLate }));
    if (item.phone !== null) description.push(t(lang, "followups.ics.phone", { phone: item.phone }));
    if (item.branch !== null) description.push(t(lang, "followups.ics.branch", { branch: report.branchNames.get(item.branch) ?? item.branch }));
    if (item.owner !== null) description.push(t(lang, "followups.ics.owner", { owner: item.owner }));
    const escalation = escalationNote(item, lang);
    if (escalation !== null) description.push(escalation);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${itemUid(item)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(day)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(day, 1))}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description.join("\n"))}`,
      `CATEGORIES:${escapeText(kindLabel(item.kind, lang))}`,
      // An escalated item is the calendar's "high" priority (RFC 5545: 1–4), the rest undefined.
      ...(item.escalated ? ["PRIORITY:1"] : []),
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escapeText(t(lang, "followups.ics.alarm", { summary }))}`,
      // All-day events start at midnight: remind at 09:00 of the day.
      "TRIGGER;RELATED=START:PT9H",
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/**
 * TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped. Control
 * characters, which TEXT may not hold, and bidi overrides are shown as `\x1B`, `\u202E`
 * (untrusted-text.ts), and a value is cut to a line's worth of text.
 */
export function escapeText(value: string): string {
  return visibleControls(shorten(value, MAX_LINE_CHARS).replace(/\r\n|\r/g, "\n"))
    .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/**
 * Folds a content line (RFC 5545 3.1): at most 75 octets per line, continuation lines start
 * with a space, and a multi-byte UTF-8 character is never split across lines.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  // The first line holds 75 octets; each continuation line has 74 after its leading space.
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function basicDate(date: IsoDate): string {
  return date.replace(/-/g, "");
}

function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}
