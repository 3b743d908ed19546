/**
 * The calendar export, read back with a small RFC 5545 reader written here: CRLF line ends,
 * lines of at most 75 octets that each decode as UTF-8 on their own (no character split by a
 * fold), TEXT escaping, one all-day VEVENT with a VALARM per item, and UIDs that stay the same
 * when the same items are exported again.
 */
import { describe, expect, it } from "vitest";
import type { Lang } from "../../src/i18n/catalog.js";
import type { Model } from "../../src/model/types.js";
import { addDays } from "../../src/model/values.js";
import { findDueFollowups } from "../../src/rules/followups.js";
import { branchDisplayNames, type FollowupReport } from "../../src/report/followups.js";
import { escapeText, foldLine, renderIcs } from "../../src/report/ics.js";
import { makeModel } from "../builders.js";

interface Property {
  name: string;
  params: string[];
  value: string;
}

/** Splits on CRLF, checks each physical line, unfolds, and parses `NAME;PARAM=…:value`. */
function readIcs(text: string): { physical: string[]; properties: Property[] } {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  const logical: string[] = [];
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    if (line.startsWith(" ") || line.startsWith("\t")) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const properties = logical.map((line) => {
    const colon = line.indexOf(":");
    const [name = "", ...params] = line.slice(0, colon).split(";");
    return { name, params, value: line.slice(colon + 1) };
  });
  return { physical, properties };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** The events as property lists, alarms nested. */
function events(properties: Property[]): { props: Property[]; alarms: Property[][] }[] {
  const out: { props: Property[]; alarms: Property[][] }[] = [];
  let current: { props: Property[]; alarms: Property[][] } | null = null;
  let alarm: Property[] | null = null;
  for (const p of properties) {
    if (p.name === "BEGIN" && p.value === "VEVENT") current = { props: [], alarms: [] };
    else if (p.name === "END" && p.value === "VEVENT") {
      out.push(current!);
      current = null;
    } else if (p.name === "BEGIN" && p.value === "VALARM") alarm = [];
    else if (p.name === "END" && p.value === "VALARM") {
      current!.alarms.push(alarm!);
      alarm = null;
    } else if (alarm) alarm.push(p);
    else if (current) current.props.push(p);
  }
  return out;
}

const get = (props: Property[], name: string) => props.find((p) => p.name === name);

const model: Model = makeModel({
  settings: {
    holidays: [{ date: "2012-03-22", name: "测试节, 含逗号; 分号 \\ 反斜杠" }],
  },
  branches: [
    {
      id: "b1",
      name: "招商银行深圳一个名字特别特别长的支行用来测试折行是否会把汉字劈成两半",
      owner: "李娜",
      reviewed: null,
      staffFile: "read",
      staff: [
        { id: "wang-fang", name: "王芳", birthday: { year: 1985, month: 3, day: 22 } },
        { id: "zhou-xue", name: "周雪", position: "teller" },
      ],
    },
  ],
});

function report(asOf: string, lang: Lang = "zh"): FollowupReport {
  return { asOf, within: 7, items: findDueFollowups(model, model.settings.followups, asOf, 7), skipped: [], branchNames: branchDisplayNames(model), lang };
}

describe("renderIcs", () => {
  const r = report("2012-03-20");
  const text = renderIcs(r, { stamp: new Date("2012-03-20T01:02:03Z") });
  const { physical, properties } = readIcs(text);

  it("is a VCALENDAR 2.0 with CRLF line ends only", () => {
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(properties[0]).toEqual({ name: "BEGIN", params: [], value: "VCALENDAR" });
    expect(get(properties, "VERSION")?.value).toBe("2.0");
    expect(get(properties, "PRODID")).toBeDefined();
    expect(properties[properties.length - 1]).toEqual({ name: "END", params: [], value: "VCALENDAR" });
  });

  it("folds every line to at most 75 octets without splitting a UTF-8 character", () => {
    expect(physical.some((l) => l.startsWith(" "))).toBe(true); // the long names did need folding
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const bytes = Buffer.from(text, "utf8");
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        const line = bytes.subarray(start, i);
        expect(line.length).toBeLessThanOrEqual(75);
        expect(() => decoder.decode(line)).not.toThrow();
        start = i + 2;
      }
    }
  });

  it("has one all-day event per item, on its due day, each with a display alarm", () => {
    const list = events(properties);
    expect(list).toHaveLength(r.items.length);
    list.forEach((event, i) => {
      const due = r.items[i]!.due.replace(/-/g, "");
      expect(get(event.props, "DTSTART")).toEqual({ name: "DTSTART", params: ["VALUE=DATE"], value: due });
      expect(get(event.props, "DTEND")?.value).toBe(addDays(r.items[i]!.due, 1).replace(/-/g, ""));
      expect(get(event.props, "DTSTAMP")?.value).toBe("20120320T010203Z");
      expect(get(event.props, "UID")?.value).toMatch(/^[0-9a-f]{32}@channel$/);
      expect(event.alarms).toHaveLength(1);
      expect(get(event.alarms[0]!, "ACTION")?.value).toBe("DISPLAY");
      expect(get(event.alarms[0]!, "TRIGGER")).toBeDefined();
      expect(get(event.alarms[0]!, "DESCRIPTION")?.value).not.toBe("");
    });
  });

  it("escapes TEXT so that it reads back as written", () => {
    const holiday = events(properties).find((e) => unescapeText(get(e.props, "SUMMARY")!.value).includes("测试节"))!;
    expect(unescapeText(get(holiday.props, "SUMMARY")!.value)).toContain("测试节, 含逗号; 分号 \\ 反斜杠");
    // Raw values have no unescaped , or ; (every one is preceded by a backslash).
    for (const p of properties.filter((p) => p.name === "SUMMARY" || p.name === "DESCRIPTION")) {
      expect(p.value.replace(/\\[\\;,nN]/g, "")).not.toMatch(/[;,\\]/);
    }
    const description = unescapeText(get(events(properties)[0]!.props, "DESCRIPTION")!.value);
    expect(description.split("\n").length).toBeGreaterThan(1);
  });

  it("gives different items different UIDs", () => {
    const uids = events(properties).map((e) => get(e.props, "UID")!.value);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it("keeps UIDs when the same items are exported again, later, or in another language", () => {
    const uids = (text: string) => events(readIcs(text).properties).map((e) => get(e.props, "UID")!.value);
    const again = renderIcs(report("2012-03-20"), { stamp: new Date("2012-03-20T09:00:00Z") });
    expect(uids(again)).toEqual(uids(text));
    const english = renderIcs(report("2012-03-20", "en"), { stamp: new Date("2012-03-20T09:00:00Z") });
    expect(uids(english)).toEqual(uids(text));
    // The next day the never-contacted teller is due on the new day: the same event, moved.
    const nextDay = renderIcs(report("2012-03-21"), { stamp: new Date("2012-03-21T09:00:00Z") });
    expect(uids(nextDay)).toEqual(expect.arrayContaining(uids(text).filter((_, i) => r.items[i]!.kind === "contact")));
  });
});

describe("foldLine and escapeText", () => {
  it("leaves a line of exactly 75 octets alone and folds one of 76", () => {
    expect(foldLine("a".repeat(75))).toBe("a".repeat(75));
    expect(foldLine("a".repeat(76))).toBe(`${"a".repeat(75)}\r\n a`);
  });

  it("moves a three-octet character that would straddle octet 75 to the next line", () => {
    const line = "a" + "汉".repeat(25); // 1 + 75 octets
    const folded = foldLine(line);
    const [first, second] = folded.split("\r\n");
    expect(Buffer.byteLength(first!, "utf8")).toBe(73); // "a" + 24 characters
    expect(second).toBe(" 汉");
  });

  it("keeps continuation lines at 75 octets including the leading space, and astral characters whole", () => {
    const folded = foldLine("😀".repeat(60));
    for (const part of folded.split("\r\n")) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(folded.split("\r\n").map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe("😀".repeat(60));
  });

  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });
});
