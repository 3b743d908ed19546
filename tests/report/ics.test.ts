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
import { makeModel, makeProspect } from "../builders.js";
import { itemUid } from "../../src/report/ics.js";

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

describe("renderIcs: an overdue item", () => {
  // 陈先生's follow-up was agreed for 03-19; nobody has called him since.
  const overdueModel: Model = makeModel({
    branches: [
      {
        id: "b1",
        owner: "李娜",
        reviewed: "2012-03-01",
        staff: [],
        prospects: [makeProspect({ id: "p-chen", name: "陈先生", branch: "b1", phone: "13900001111", nextFollowup: "2012-03-19" })],
        activities: [{ date: "2012-03-18", kind: "report", branch: "b1", with: [], by: null, note: null, done: null, cost: null }],
      },
    ],
  });
  const reportOn = (asOf: string, lang: Lang): FollowupReport => ({
    asOf,
    within: 7,
    items: findDueFollowups(overdueModel, overdueModel.settings.followups, asOf, 7).filter((i) => i.kind === "prospect_followup"),
    skipped: [],
    branchNames: branchDisplayNames(overdueModel),
    lang,
  });
  const eventOf = (r: FollowupReport) => {
    const list = events(readIcs(renderIcs(r, { stamp: new Date("2012-03-22T00:00:00Z") })).properties);
    expect(list).toHaveLength(1);
    return list[0]!;
  };

  it("is an event on the as-of day whose summary says 逾期 and how many days, with its alarm at 09:00 of that day", () => {
    const r = reportOn("2012-03-22", "zh");
    expect(r.items[0]).toMatchObject({ due: "2012-03-19", overdue: true, daysLate: 3 });
    const event = eventOf(r);
    expect(get(event.props, "DTSTART")).toEqual({ name: "DTSTART", params: ["VALUE=DATE"], value: "20120322" });
    expect(get(event.props, "DTEND")?.value).toBe("20120323");
    expect(unescapeText(get(event.props, "SUMMARY")!.value)).toMatch(/^逾期3天：客户跟进：陈先生/);
    expect(unescapeText(get(event.props, "DESCRIPTION")!.value)).toContain("2012-03-19");
    expect(get(event.alarms[0]!, "TRIGGER")).toEqual({ name: "TRIGGER", params: ["RELATED=START"], value: "PT9H" });
  });

  it("says overdue in English", () => {
    expect(unescapeText(get(eventOf(reportOn("2012-03-22", "en")).props, "SUMMARY")!.value)).toMatch(/^overdue 3 d: /);
  });

  it("keeps the UID it had on its due day, when it was not overdue", () => {
    const onTime = reportOn("2012-03-19", "zh");
    expect(onTime.items[0]).toMatchObject({ due: "2012-03-19", overdue: false });
    const onTimeEvent = eventOf(onTime);
    expect(get(onTimeEvent.props, "DTSTART")?.value).toBe("20120319");
    expect(unescapeText(get(onTimeEvent.props, "SUMMARY")!.value)).not.toContain("逾期");
    const late = reportOn("2012-03-22", "zh");
    expect(get(eventOf(late).props, "UID")!.value).toBe(get(onTimeEvent.props, "UID")!.value);
    expect(itemUid(late.items[0]!)).toBe(itemUid(onTime.items[0]!));
  });

  it("has the person's phone in its description, escaped like other text", () => {
    const description = unescapeText(get(eventOf(reportOn("2012-03-22", "zh")).props, "DESCRIPTION")!.value);
    expect(description.split("\n")).toContain("电话：13900001111");
    const hostile = makeModel({
      branches: [{ id: "b1", staff: [], prospects: [makeProspect({ id: "p-x", branch: "b1", phone: "139,0000;1111\\n", nextFollowup: "2012-03-22" })] }],
    });
    const items = findDueFollowups(hostile, hostile.settings.followups, "2012-03-22", 0).filter((i) => i.kind === "prospect_followup");
    const raw = get(events(readIcs(renderIcs({ asOf: "2012-03-22", within: 0, items, skipped: [], branchNames: branchDisplayNames(hostile), lang: "zh" }, { stamp: new Date(0) })).properties)[0]!.props, "DESCRIPTION")!.value;
    expect(raw).toContain("139\\,0000\\;1111\\\\n");
    expect(unescapeText(raw).split("\n")).toContain("电话：139,0000;1111\\n");
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
