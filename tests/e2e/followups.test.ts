/**
 * `channel followups` as a user runs it, on data-example at 2012-03-20 (the day its README
 * works through): every format in both languages, the filters, the calendar file read back,
 * skipped files, and usage errors.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { t, type Lang } from "../../src/i18n/catalog.js";
import { parseCsv } from "../../src/import/csv.js";
import { DATA_EXAMPLE, FIXTURES, runCli } from "../helpers/cli.js";

const AS_OF = "2012-03-20";
const base = ["followups", "--data", DATA_EXAMPLE, "--as-of", AS_OF];
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

interface JsonItem {
  due: string;
  kind: string;
  overdue: boolean;
  escalated: boolean;
  branch: string | null;
  department: string | null;
  person: string | null;
  name: string | null;
  phone: string | null;
  owner: string | null;
  detail: string;
}

function json(args: string[]): { code: number; body: { as_of: string; within: number; items: JsonItem[] }; stderr: string } {
  const result = runCli([...args, "--format", "json"]);
  return { code: result.code, body: JSON.parse(result.stdout), stderr: result.stderr };
}

function countByKind(items: JsonItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return counts;
}

const zh = json([...base, "--lang", "zh"]);
const en = json([...base, "--lang", "en"]);

describe("channel followups --format json on data-example", () => {
  it("exits 0 with SPEC 6's shape", () => {
    expect(zh.code).toBe(0);
    expect(Object.keys(zh.body)).toEqual(["as_of", "within", "items"]);
    expect(zh.body.as_of).toBe(AS_OF);
    expect(zh.body.within).toBe(7);
    for (const item of zh.body.items) {
      expect(Object.keys(item)).toEqual(["due", "kind", "overdue", "escalated", "branch", "department", "person", "name", "phone", "owner", "detail", "recipients"]);
      expect(item.overdue).toBe(item.due < AS_OF);
      // escalate_days (overdue_days 30 in data-example): event-like items due before 02-19.
      const eventLike = ["prospect_followup", "maturity", "large_movement", "complaint", "care_call"].includes(item.kind);
      expect(item.escalated).toBe(eventLike && item.due < "2012-02-19");
      expect(item.detail.length).toBeGreaterThan(0);
    }
  });

  // 98 since valuable prospects have a contact cadence (11 more contact items) and planned
  // activities and complaints are listed; 100 since only `done` closes an event-like item and
  // nothing drops off for its age: 黄先生's movement of 02-10 is escalated, 徐总's care call
  // stays open after the salon of 02-25 (data-example/README.md).
  it("lists 100 items: contact 61, hq_registration 10, birthday 8, prospect_followup 6, leader_report 3, archive_review 3, maturity 2, planned 2, large_movement 2, complaint 1, care_call 2", () => {
    expect(zh.body.items).toHaveLength(100);
    expect(countByKind(zh.body.items)).toEqual({
      contact: 61,
      hq_registration: 10,
      birthday: 8,
      prospect_followup: 6,
      leader_report: 3,
      archive_review: 3,
      maturity: 2,
      planned: 2,
      large_movement: 2,
      complaint: 1,
      care_call: 2,
    });
  });

  it("has the deliberate cases of data-example's README", () => {
    const find = (kind: string, person: string | null, branch?: string) =>
      zh.body.items.filter((i) => i.kind === kind && i.person === person && (branch === undefined || i.branch === branch)).map((i) => i.due);
    expect(find("birthday", "p-zheng-013")).toEqual(["2012-03-20"]); // lunar 02-28
    expect(find("birthday", "bai-xue")).toEqual(["2012-03-21"]); // lunar 02-30 in a 29-day month
    expect(find("birthday", "qian-jianguo")).toEqual(["2012-03-22"]); // lunar 03-01
    expect(find("birthday", "p-peng-023")).toEqual(["2012-03-27"]); // D+W
    expect(find("birthday", "p-lai-024")).toEqual([]); // D+W+1
    expect(find("contact", "wang-fang")).toEqual(["2012-03-22"]); // cadence_days 10
    expect(find("contact", "guo-qiang")).toEqual([]);
    expect(find("prospect_followup", "p-ma-009")).toEqual([]); // done: [prospect_followup] 03-16, within P before 03-18
    expect(find("prospect_followup", "p-he-006")).toEqual([]); // due 02-10: the call of 03-16 says done: [prospect_followup]
    expect(find("prospect_followup", "p-xie-020")).toEqual(["2012-03-21"]); // agreed at the 03-14 salon, which does not close it
    expect(find("maturity", "p-zhu-021")).toEqual([]); // done: [maturity] exactly at due − P
    expect(find("maturity", "p-guo-008")).toEqual(["2012-03-23"]); // the 03-19 call about a movement does not close it
    expect(find("large_movement", "p-guo-008")).toEqual([]); // … but closes the movement itself (done: [large_movement])
    expect(find("care_call", "p-xu-005")).toEqual(["2012-02-27"]); // the salon of 02-25 (no done) does not close it
    expect(find("care_call", "p-lin-007")).toEqual([]); // the call of 03-09 says done: [care_call]
    expect(find("complaint", "p-feng-012")).toEqual(["2012-03-19"]);
    expect(find("planned", "p-feng-012")).toEqual(["2012-03-24"]); // the salon, planned after D
    expect(find("planned", null, "cmb-chegongmiao")).toEqual(["2012-03-25"]); // a community campaign with nobody in with
    expect(find("contact", "p-chen-001")).toEqual(["2012-03-20"]); // a valuable prospect never contacted
    expect(find("contact", "p-liu-002")).toEqual(["2012-03-26"]); // valuable: last 02-25 + 30
    expect(find("contact", "p-ma-009")).toEqual([]); // basic: no cadence
    expect(find("large_movement", "p-huang-011")).toEqual(["2012-02-10"]); // nobody called: escalated, not dropped
    expect(zh.body.items.filter((i) => i.escalated).map((i) => `${i.kind}|${i.person}`)).toEqual(["large_movement|p-huang-011"]);
    expect(find("care_call", "p-tang-014")).toEqual([]); // purchase after D
    expect(find("leader_report", null, "cmb-xiangmihu")).toEqual(["2012-03-11"]);
    expect(find("archive_review", null, "cmb-shekou")).toEqual(["2012-03-20"]);
    expect(find("hq_registration", "tang-lei")).toEqual([]);
    const leader = zh.body.items.find((i) => i.kind === "leader_report")!;
    expect(leader.person).toBeNull();
    expect(leader.name).toBeNull();
  });

  it("sorts by due, kind in SPEC order, branch, person", () => {
    const order = ["birthday", "holiday", "contact", "leader_report", "archive_review", "hq_report", "prospect_followup", "maturity", "large_movement", "complaint", "care_call", "planned", "hq_registration"];
    const key = (i: JsonItem) => [i.due, String(order.indexOf(i.kind)).padStart(2, "0"), i.branch ?? "", i.person ?? ""].join("|");
    const keys = zh.body.items.map(key);
    expect(keys).toEqual([...keys].sort());
  });

  it("is the same list in English; only the details change language", () => {
    expect(en.code).toBe(0);
    const strip = (items: JsonItem[]) => items.map(({ detail: _detail, ...rest }) => rest);
    expect(strip(en.body.items)).toEqual(strip(zh.body.items));
    expect(en.body.items.map((i) => i.detail)).not.toEqual(zh.body.items.map((i) => i.detail));
    expect(en.body.items.some((i) => /[a-z]{4,}/.test(i.detail))).toBe(true);
  });

  it("gives the person's phone, null when none is recorded or the item has no person", () => {
    const phone = (kind: string, person: string | null) => zh.body.items.find((i) => i.kind === kind && i.person === person)?.phone;
    expect(phone("contact", "p-chen-001")).toBe("13900001111");
    expect(phone("contact", "wang-fang")).toBe("13800138000");
    for (const item of zh.body.items.filter((i) => i.person === null)) expect(item.phone).toBeNull();
  });

  it("lists a branch of an am-covered department not yet reported to head office while expense support runs (蛇口 before 03-05)", () => {
    const at = (asOf: string) => json(["followups", "--data", DATA_EXAMPLE, "--as-of", asOf, "--kind", "hq_report"]).body.items.map((i) => [i.due, i.branch, i.department]);
    expect(at("2012-03-01")).toEqual([["2012-03-01", "cmb-shekou", "sz-nanshan"]]);
    expect(at("2012-03-05")).toEqual([]);
    expect(at("2012-01-31")).toEqual([]);
  });

  it("is the same on a second run", () => {
    expect(json([...base, "--lang", "zh"]).body).toEqual(zh.body);
  });
});

describe("channel followups: table, csv, md", () => {
  it.each(["zh", "en"])("prints the table grouped by day in %s, naming every person listed", (lang) => {
    const result = runCli([...base, "--lang", lang]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    for (const name of new Set(zh.body.items.map((i) => i.name).filter((n): n is string => n !== null))) expect(result.stdout).toContain(name);
    // Overdue first: the earliest overdue person appears before anyone due today.
    expect(result.stdout.indexOf("冯志远")).toBeLessThan(result.stdout.indexOf("吴阿姨"));
    // The closing line counts the items.
    expect(result.stdout.trimEnd().split("\n").pop()).toContain("100");
    // Escalated items first, in their own group, then the overdue ones (issue 23).
    const escalatedHeading = result.stdout.indexOf(lang === "zh" ? "已升级 (1)" : "Escalated (1)");
    expect(escalatedHeading).toBeGreaterThan(0);
    expect(escalatedHeading).toBeLessThan(result.stdout.indexOf("黄先生"));
    expect(result.stdout.indexOf("黄先生")).toBeLessThan(result.stdout.indexOf(lang === "zh" ? "逾期 (" : "Overdue ("));
    // Piped, one row per item with the person's phone (issue 17).
    expect(result.stdout).toContain(lang === "zh" ? "│ 电话 " : "│ phone ");
    for (const item of zh.body.items.filter((i) => i.phone !== null)) expect(result.stdout).toContain(item.phone);
  });

  it.each(["zh", "en"])("writes CSV in %s: BOM, CRLF, a header and one row per item", (lang) => {
    const result = runCli([...base, "--lang", lang, "--format", "csv"]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("\uFEFF")).toBe(true);
    const lines = result.stdout.slice(1).split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(101);
    expect(lines.slice(1).map((l) => l.slice(0, 10))).toEqual(zh.body.items.map((i) => i.due));
    // The amount in its own column, a bare number of yuan (issue 19).
    expect(lines[0]!.endsWith(lang === "zh" ? ",金额（元）" : ",Amount (yuan)")).toBe(true);
    // The person's phone, in full (it is the owner's own list), after the position (issue 17).
    const [header, ...rows] = parseCsv(result.stdout.slice(1), ",").filter((row) => row.length > 1);
    const phoneColumn = header!.indexOf(lang === "zh" ? "电话" : "phone");
    expect(phoneColumn).toBe(header!.indexOf(lang === "zh" ? "职位" : "position") + 1);
    expect(rows.map((row) => row[phoneColumn])).toEqual(zh.body.items.map((i) => i.phone ?? ""));
    expect(zh.body.items.find((i) => i.person === "p-chen-001")?.phone).toBe("13900001111");
    const maturity = lines.find((l) => l.includes(lang === "zh" ? "定期存款 50万" : "500,000 yuan"));
    expect(maturity?.endsWith(",500000")).toBe(true);
  });

  it.each(["zh", "en"])("writes Markdown in %s with one table row per item", (lang) => {
    const result = runCli([...base, "--lang", lang, "--format", "md"]);
    expect(result.code).toBe(0);
    const rows = result.stdout.split("\n").filter((l) => /^\| \d{4}-\d{2}-\d{2} \|/.test(l));
    expect(rows).toHaveLength(100);
    // The escalated item says so in its own column and names the channel lead in its detail.
    const escalated = rows.filter((row) => row.includes(lang === "zh" ? "| 是 |" : "| yes |"));
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toContain("黄先生");
    expect(escalated[0]).toContain("钱进");
  });

  it("writes to --out", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-followups-"));
    temps.push(dir);
    const out = path.join(dir, "list.json");
    const result = runCli([...base, "--format", "json", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(out, "utf8")).items).toHaveLength(100);
  });
});

describe("channel followups: filters", () => {
  it("--owner keeps the branches in that person's charge (explicit owner or the department's specialist)", () => {
    const sun = json([...base, "--owner", "孙磊"]).body.items;
    expect(sun.length).toBeGreaterThan(0);
    expect(new Set(sun.map((i) => i.branch))).toEqual(new Set(["cmb-chegongmiao"]));
    const li = json([...base, "--owner", "李娜"]).body.items; // cmb-futian-center names no owner
    expect(new Set(li.map((i) => i.branch))).toEqual(new Set(["cmb-futian-center"]));
  });

  it("--owner, --branch and --department keep the holidays: they concern everyone", () => {
    for (const filter of [["--owner", "孙磊"], ["--branch", "cmb-shekou"], ["--department", "sz-luohu"]]) {
      const items = json([...base, "--within", "15", ...filter]).body.items;
      expect(items.filter((i) => i.kind === "holiday").map((i) => i.due), filter.join(" ")).toEqual(["2012-04-04"]);
      expect(items.filter((i) => i.kind !== "holiday").every((i) => i.branch !== null)).toBe(true);
    }
    expect(json([...base, "--within", "15", "--owner", "孙磊", "--kind", "contact"]).body.items.some((i) => i.kind === "holiday")).toBe(false);
  });

  it("--kind is repeatable; filters combine with AND", () => {
    const items = json([...base, "--kind", "birthday", "--kind", "contact", "--department", "sz-futian"]).body.items;
    const expected = zh.body.items.filter((i) => (i.kind === "birthday" || i.kind === "contact") && i.department === "sz-futian");
    expect(items.map((i) => [i.kind, i.person])).toEqual(expected.map((i) => [i.kind, i.person]));
    expect(expected.length).toBeGreaterThan(0);
    const one = json([...base, "--branch", "cmb-shekou", "--kind", "leader_report"]).body.items;
    expect(one.map((i) => [i.kind, i.branch, i.due])).toEqual([["leader_report", "cmb-shekou", "2012-03-20"]]);
  });

  it("--kind takes the Chinese names too (生日, 计划活动, 到期提醒), and a wrong one lists both forms (issue 23)", () => {
    const byName = json([...base, "--kind", "生日,计划活动", "--kind", "到期提醒"]).body.items;
    const byCode = json([...base, "--kind", "birthday,planned,maturity"]).body.items;
    expect(byName).toEqual(byCode);
    expect(new Set(byName.map((i) => i.kind))).toEqual(new Set(["birthday", "planned", "maturity"]));
    const wrong = runCli([...base, "--kind", "生曰", "--lang", "zh"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("birthday (生日)");
    expect(wrong.stderr).toContain("生日");
    const help = runCli(["followups", "--help", "--lang", "zh"]);
    expect(help.stdout).toContain("planned (计划活动)");
  });

  it("--owner matches the channel lead an escalated item is offered to, as well as the owner (issue 23)", () => {
    // 黄先生's movement (车公庙, owner 孙磊, department sz-luohu) is escalated to 钱进.
    const lead = json([...base, "--owner", "钱进"]).body.items;
    expect(lead.map((i) => `${i.kind}|${i.person}|${i.owner}`)).toEqual(["large_movement|p-huang-011|孙磊"]);
    expect(lead[0]!.detail).toContain("钱进");
    const owner = json([...base, "--owner", "孙磊"]).body.items;
    expect(owner.some((i) => i.person === "p-huang-011" && i.escalated)).toBe(true);
  });

  it("--within narrows or widens the window", () => {
    const today = json([...base, "--within", "0"]).body;
    expect(today.within).toBe(0);
    expect(today.items.every((i) => i.due <= AS_OF)).toBe(true);
    expect(today.items).toHaveLength(zh.body.items.filter((i) => i.due <= AS_OF).length);
    const wide = json([...base, "--within", "30"]).body.items;
    expect(wide.length).toBeGreaterThan(100);
    expect(wide.some((i) => i.kind === "holiday" && i.due === "2012-04-04")).toBe(true);
  });

  it("--within 0 says today in the title, not 'the next 0 days' (issue 19)", () => {
    for (const [lang, today, not] of [["zh", "跟进提醒 2012-03-20（今天）", "未来 0 天"], ["en", "Follow-ups for 2012-03-20 (today)", "next 0 days"]] as const) {
      for (const format of ["table", "md"]) {
        const result = runCli([...base, "--within", "0", "--lang", lang, "--format", format]);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain(today);
        expect(result.stdout).not.toContain(not);
      }
    }
    expect(runCli([...base, "--within", "7", "--lang", "zh"]).stdout).toContain("跟进提醒 2012-03-20（未来 7 天，至 3月27日）");
    expect(runCli([...base, "--within", "1", "--lang", "en"]).stdout).toContain("Follow-ups for 2012-03-20 (today and tomorrow, to Mar 21)");
    expect(runCli([...base, "--within", "1", "--lang", "zh"]).stdout).toContain("跟进提醒 2012-03-20（今天和明天，至 3月21日）");
  });

  it("writes every date of a list in one form: the archive's last review as 2011年11月30日 next to 3月20日 (issue 19)", () => {
    const result = runCli([...base, "--lang", "zh", "--kind", "archive_review"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("档案上次更新 2011年11月30日");
    expect(result.stdout).not.toMatch(/档案上次更新 \d{4}-/);
    expect(runCli([...base, "--lang", "en", "--kind", "archive_review"]).stdout).toContain("archive last reviewed Nov 30, 2011");
  });

  it("refuses what does not exist, with exit 2", () => {
    for (const args of [
      ["--within", "seven"],
      ["--within", "-1"],
      ["--kind", "birthdays"],
      ["--branch", "cmb-nowhere"],
      ["--department", "sz-nowhere"],
      ["--owner", "无名氏"],
      ["--format", "text"],
    ]) {
      const result = runCli([...base, ...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
    }
    expect(runCli([...base, "--branch", "cmb-kejiyuna"]).stderr).toContain("cmb-kejiyuan");
  });
});

describe("channel followups --ics", () => {
  function readEvents(file: string): { uid: string; start: string }[] {
    const text = fs.readFileSync(file, "utf8");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    const events: { uid: string; start: string }[] = [];
    let current: { uid: string; start: string } | null = null;
    let alarms = 0;
    for (const line of lines) {
      if (line === "BEGIN:VEVENT") current = { uid: "", start: "" };
      else if (line === "BEGIN:VALARM") alarms++;
      else if (line.startsWith("UID:") && current) current.uid = line.slice(4);
      else if (line.startsWith("DTSTART;VALUE=DATE:") && current) current.start = line.slice("DTSTART;VALUE=DATE:".length);
      else if (line === "END:VEVENT") {
        events.push(current!);
        current = null;
      }
    }
    expect(alarms).toBe(events.length);
    return events;
  }

  it("writes one all-day event per item, with UIDs that stay the same on the next export", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-ics-"));
    temps.push(dir);
    const file = path.join(dir, "followups.ics");
    const first = runCli([...base, "--lang", "zh", "--format", "json", "--ics", file]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).items).toHaveLength(100);
    const events = readEvents(file);
    // Each on its due day; an overdue one on the as-of day, where its 09:00 alarm can still ring.
    expect(events.map((e) => e.start)).toEqual(zh.body.items.map((i) => (i.overdue ? zh.body.as_of : i.due).replace(/-/g, "")));
    expect(zh.body.items.some((i) => i.overdue)).toBe(true);
    expect(new Set(events.map((e) => e.uid)).size).toBe(100);
    expect(fs.readFileSync(file, "utf8")).toContain("SUMMARY:生日");
    // The escalated item is marked in its summary and as the calendar's high priority.
    expect(fs.readFileSync(file, "utf8")).toMatch(/SUMMARY:已升级·逾期39天：大额异动：黄先生[^\n]*\r?\n(?:[^\n]*\n){1,4}PRIORITY:1/);

    // Exporting again over yesterday's calendar needs no --force, and keeps every UID.
    const second = runCli([...base, "--lang", "en", "--ics", file]);
    expect(second.code).toBe(0);
    expect(readEvents(file).map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(fs.readFileSync(file, "utf8")).toContain("SUMMARY:birthday");
  });

  it("does not overwrite a file that is not a calendar without --force, nor a data file ever", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-ics-"));
    temps.push(dir);
    const file = path.join(dir, "notes.txt");
    fs.writeFileSync(file, "keep me");
    expect(runCli([...base, "--ics", file]).code).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
    expect(runCli([...base, "--ics", path.join(DATA_EXAMPLE, "branches", "cmb-shekou", "x.ics")]).code).toBe(2);
    expect(fs.existsSync(path.join(DATA_EXAMPLE, "branches", "cmb-shekou", "x.ics"))).toBe(false);
  });
});

describe("channel followups with files that have errors", () => {
  const repo = path.join(FIXTURES, "followups-skipped");

  it("lists from the rest, names the skipped file on stderr, and exits 1", () => {
    const result = runCli(["followups", "--data", repo, "--as-of", AS_OF, "--format", "json", "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("branches/b-bad/staff.yaml");
    const items = JSON.parse(result.stdout).items as JsonItem[];
    expect(items.some((i) => i.person === "ok-guard" && i.kind === "contact")).toBe(true);
    expect(items.some((i) => i.person === "bad-one")).toBe(false);
    expect(items.some((i) => i.kind === "holiday")).toBe(true);
  });

  it("does not call a skipped staff.yaml's archive 'never reviewed': it says the file was not read", () => {
    // b-bad's staff.yaml has `reviewed: 2012-03-01`, but the file has errors and is skipped.
    for (const lang of ["en", "zh"]) {
      const result = runCli(["followups", "--data", repo, "--as-of", AS_OF, "--format", "json", "--lang", lang, "--kind", "archive_review"]);
      const items = JSON.parse(result.stdout).items as JsonItem[];
      const bad = items.find((i) => i.branch === "b-bad");
      expect(bad).toMatchObject({ kind: "archive_review", due: AS_OF });
      expect(bad?.detail).toBe(t(lang as Lang, "followups.detail.archiveSkipped"));
      expect(items.find((i) => i.branch === "b-ok")?.detail).not.toBe(t(lang as Lang, "followups.detail.archiveSkipped"));
    }
  });

  it("says what was skipped in the table's closing line too", () => {
    const result = runCli(["followups", "--data", repo, "--as-of", AS_OF, "--lang", "zh"]);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n").pop()).toContain("branches/b-bad/staff.yaml");
  });
});
