/**
 * Appending imported records: the old text survives byte for byte (comments, blank lines,
 * CRLF, a BOM), new entries copy their neighbours' style, filled fields land inside their
 * entry, and everything reads back exactly.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appendEntries, EditError } from "../../src/import/append-entries.js";

const list = (text: string, key: string): unknown[] => (parse(text.replace(/^\uFEFF/, ""), { version: "1.2" }) as Record<string, unknown[]>)[key]!;

const staffFile = [
  "# 福田中心支行人员档案",
  "reviewed: 2012-02-15",
  "",
  "staff:",
  "  - id: wang-fang",
  "    name: 王芳          # 核心",
  "    position: wealth_manager",
  "",
  "  - id: li-qiang",
  "    name: 李强",
  "    position: vip_wealth_manager",
  "    phone: \"13800000001\"",
  "# 文件结尾的注释",
  "",
].join("\n");

describe("appendEntries", () => {
  it("adds block entries after the last one, with the blank line the file puts between entries", () => {
    const text = appendEntries(staffFile, "staff", [
      { id: "zhang-san", name: "张三", position: "teller", phone: "0755-83000000", birthday: "--06-15", lunar_birthday: "04-15" },
    ]);
    const lines = staffFile.split("\n");
    expect(text.split("\n")).toEqual([
      ...lines.slice(0, 12),
      "",
      "  - id: zhang-san",
      "    name: 张三",
      "    position: teller",
      '    phone: "0755-83000000"',
      "    birthday: --06-15",
      '    lunar_birthday: "04-15"',
      ...lines.slice(12),
    ]);
    expect(list(text, "staff")).toHaveLength(3);
  });

  it("fills fields into an existing block entry and appends in one edit", () => {
    const text = appendEntries(staffFile, "staff", [{ id: "a", name: "甲", position: "clerk" }], [{ index: 0, fields: { phone: "13900000002", hobbies: "羽毛球" } }]);
    expect(text).toContain('    position: wealth_manager\n    phone: "13900000002"\n    hobbies: 羽毛球\n\n  - id: li-qiang');
    expect(text.startsWith(staffFile.split("\n").slice(0, 7).join("\n"))).toBe(true);
    expect(list(text, "staff")[0]).toEqual({ id: "wang-fang", name: "王芳", position: "wealth_manager", phone: "13900000002", hobbies: "羽毛球" });
  });

  it("writes one-line entries after one-line entries, and fills a one-line entry before its brace", () => {
    const before = "activities:\n  - {date: 2012-03-01, kind: report, with: [zhou-hang], by: 李娜}   # 月报\n";
    const text = appendEntries(before, "activities", [{ date: "2012-03-05", kind: "visit", with: ["wang-fang"], note: "a, b: c" }]);
    expect(text).toBe(`${before}  - {date: 2012-03-05, kind: visit, with: [wang-fang], note: "a, b: c"}\n`);
    const filled = appendEntries("staff:\n  - {id: a, name: 甲, position: clerk}\n", "staff", [], [{ index: 0, fields: { phone: "13800138000" } }]);
    expect(filled).toBe('staff:\n  - {id: a, name: 甲, position: clerk, phone: "13800138000"}\n');
    const commas = appendEntries(before, "activities", [{ date: "2012-03-06", kind: "call", note: "送资料, 约下周: 周五" }], []);
    expect(list(commas, "activities")[1]).toEqual({ date: "2012-03-06", kind: "call", note: "送资料, 约下周: 周五" });
    const filledCommas = appendEntries("staff:\n  - {id: a, name: 甲, position: clerk}\n", "staff", [], [{ index: 0, fields: { notes: "a, b", hobbies: ["x, y", "z"] } }]);
    expect(list(filledCommas, "staff")[0]).toEqual({ id: "a", name: "甲", position: "clerk", notes: "a, b", hobbies: ["x, y", "z"] });
  });

  it("creates the list in a new, empty or comment-only file, or after other keys", () => {
    expect(appendEntries(null, "staff", [{ id: "a", name: "甲", position: "clerk" }])).toBe("staff:\n  - id: a\n    name: 甲\n    position: clerk\n");
    expect(appendEntries("# 空\n", "activities", [{ date: "2012-03-05", kind: "call" }])).toBe("# 空\nactivities:\n  - {date: 2012-03-05, kind: call}\n");
    expect(appendEntries("reviewed: 2012-02-15\n", "staff", [{ id: "a", name: "甲", position: "clerk" }])).toBe("reviewed: 2012-02-15\nstaff:\n  - id: a\n    name: 甲\n    position: clerk\n");
    expect(appendEntries("prospects: []\n", "prospects", [{ id: "p-a-001", name: "甲" }])).toBe("prospects:\n  - id: p-a-001\n    name: 甲\n");
  });

  it("keeps CRLF line ends and a BOM", () => {
    const before = "\uFEFFstaff:\r\n  - id: a\r\n    name: 甲\r\n    position: clerk\r\n";
    const text = appendEntries(before, "staff", [{ id: "b", name: "乙", position: "teller" }]);
    expect(text).toBe(`${before}  - id: b\r\n    name: 乙\r\n    position: teller\r\n`);
  });

  it("quotes what YAML would misread, and multi-line text stays one line", () => {
    const text = appendEntries(null, "staff", [{ id: "a", name: "yes", position: "clerk", qq: "12345678", notes: "第一行\n第二行", hobbies: "123" }]);
    expect(list(text, "staff")[0]).toEqual({ id: "a", name: "yes", position: "clerk", qq: "12345678", notes: "第一行\n第二行", hobbies: "123" });
    expect(text).toContain('qq: "12345678"');
  });

  it("refuses a file whose list cannot be read", () => {
    expect(() => appendEntries("staff: 3\n", "staff", [{ id: "a" }])).toThrow(EditError);
    expect(() => appendEntries("staff: [\n", "staff", [{ id: "a" }])).toThrow(EditError);
  });
});
