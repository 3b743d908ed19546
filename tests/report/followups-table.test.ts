/**
 * The morning list's terminal table: on a terminal of a known width one heading per person
 * (phone once) with their items below, every line within the width; without a width (a pipe,
 * a file) one row per item with a phone column, as before.
 */
import { describe, expect, it } from "vitest";
import type { FollowupFacts, FollowupItem, FollowupKind } from "../../src/rules/followups.js";
import { renderFollowupsTable, type FollowupReport } from "../../src/report/followups.js";
import { PLAIN } from "../../src/report/style.js";
import { displayWidth } from "../../src/report/text-width.js";

const AS_OF = "2012-03-20";

function item(due: string, kind: FollowupKind, facts: FollowupFacts, subject: Partial<FollowupItem>): FollowupItem {
  const overdue = due < AS_OF;
  const daysLate = overdue ? Math.round((Date.parse(AS_OF) - Date.parse(due)) / 86_400_000) : 0;
  return {
    due,
    kind,
    overdue,
    daysLate,
    escalated: false,
    channelLead: null,
    branch: "cmb-futian-center",
    department: "sz-futian",
    person: null,
    name: null,
    personType: null,
    position: null,
    phone: null,
    owner: "李娜",
    facts,
    identity: `${kind}|${subject.person ?? ""}|${due}`,
    ...subject,
  };
}

const chen = { person: "p-chen-001", name: "陈先生", personType: "prospect" as const, phone: "13900001111" };
const wang = { person: "wang-fang", name: "王芳\u001b[31m", personType: "staff" as const, position: "wealth_manager" as const, phone: "13800138000" };
const items: FollowupItem[] = [
  item("2012-03-18", "maturity", { kind: "maturity", product: "定期存款", amount: 500_000, matures: "2012-03-25", leadDays: 7 }, chen),
  item("2012-03-18", "large_movement", { kind: "large_movement", date: "2012-03-18", amount: 800_000, note: null }, chen),
  item("2012-03-19", "care_call", { kind: "care_call", date: "2012-03-16", product: "长城2号", amount: 300_000 }, chen),
  item("2012-03-20", "leader_report", { kind: "leader_report", last: null, everyDays: 30 }, {}),
  item("2012-03-20", "contact", { kind: "contact", last: null, cadenceDays: 30, cadenceBasis: "leader" }, { ...wang, person: "zhang-hui", name: "张慧", position: "accounting_supervisor", phone: null }),
  item("2012-03-22", "contact", { kind: "contact", last: "2012-03-12", cadenceDays: 10, cadenceBasis: "personal" }, wang),
  item("2012-03-24", "holiday", { kind: "holiday", name: "清明节前的一个很长很长的节日名字，看它怎样折行" }, { branch: null, department: null, owner: null }),
];

function report(lang: "zh" | "en"): FollowupReport {
  return { asOf: AS_OF, within: 7, items, skipped: [], branchNames: new Map([["cmb-futian-center", "深圳福田中心支行"]]), lang };
}

describe("renderFollowupsTable on a terminal", () => {
  it.each([
    ["zh", 80],
    ["zh", 60],
    ["zh", 40],
    ["en", 80],
    ["en", 60],
    ["en", 40],
  ] as const)("%s at %i columns: one heading per person with the phone once, every line within the width", (lang, width) => {
    const out = renderFollowupsTable(report(lang), PLAIN, width);
    const lines = out.trimEnd().split("\n");
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    // Three items of 陈先生, his phone written once; 王芳's two items under one heading.
    expect(out.split("13900001111")).toHaveLength(2);
    expect(out.split("13800138000")).toHaveLength(2);
    expect(out.split("陈先生")).toHaveLength(2);
    // Her name's escape character is shown, never sent to the terminal.
    expect(out).not.toContain("\u001b");
    expect(out.replace(/[│\s]/g, "")).toContain("王芳\\x1B[31m".replace(/\s/g, ""));
    // The heading of a branch's own item and the holiday's.
    expect(out).toContain(lang === "zh" ? "全体" : "everyone");
    // How far off each item is: late, today, ahead.
    const compact = out.replace(/[│\s]/g, "");
    expect(compact).toContain(lang === "zh" ? "逾期2天" : "2dlate");
    expect(compact).toContain(lang === "zh" ? "今天" : "today");
    expect(compact).toContain(lang === "zh" ? "2天后" : "in2d");
  });

  it("puts a person's items together under their heading, people in the order of their most pressing item", () => {
    const out = renderFollowupsTable(report("zh"), PLAIN, 80);
    expect(out).toContain("│ 陈先生 (潜在客户) · 13900001111 · 深圳福田中心支行 · 负责人 李娜");
    const chenAt = out.indexOf("陈先生");
    const branchAt = out.indexOf("│ 深圳福田中心支行 · 负责人 李娜");
    expect(chenAt).toBeLessThan(branchAt);
    // 陈先生's care call (3/19) comes before the branch's heading (3/20), right under his heading.
    expect(out.indexOf("关怀回访")).toBeGreaterThan(chenAt);
    expect(out.indexOf("关怀回访")).toBeLessThan(branchAt);
    // Chinese lines up: every table line is exactly as wide as the table.
    const table = out.split("\n").filter((l) => /^[┌├│└]/.test(l));
    expect(new Set(table.map(displayWidth)).size).toBe(1);
  });

  it("keeps every character whole when a heading wraps", () => {
    const out = renderFollowupsTable(report("zh"), PLAIN, 40);
    // The detail column, read down: the holiday's name whole, over several lines.
    const detail = out.split("\n").filter((l) => l.startsWith("│")).map((l) => l.split("│")[4]?.trim() ?? "");
    expect(detail.join("")).toContain("清明节前的一个很长很长的节日名字，看它怎样折行");
    expect(detail.filter((d) => d !== "").every((d) => displayWidth(d) <= 40)).toBe(true);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("renderFollowupsTable without a width (a pipe, a file)", () => {
  it("keeps one row per item, grouped by day, with a phone column", () => {
    const out = renderFollowupsTable(report("zh"), PLAIN, null);
    expect(out).toContain("逾期 (3)");
    expect(out.split("13900001111")).toHaveLength(4);
    expect(out).toMatch(/│ 电话 +│/);
    expect(out).toBe(renderFollowupsTable(report("zh"), PLAIN));
  });
});
