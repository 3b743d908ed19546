/**
 * Appending imported records: the old text survives byte for byte (comments, blank lines,
 * CRLF, a BOM), new entries copy their neighbours' style, filled fields land inside their
 * entry, and everything reads back exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appendEntries, appendWritable, draftWritable, EditError, listAfter } from "../../src/import/append-entries.js";
import { parseYaml } from "../../src/load/parse-yaml.js";

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

  describe("values YAML would read as something else are quoted, so the entries read back", () => {
    const long = `${"他说这家支行的大堂经理很配合，".repeat(12)}\n  缩进的下一行\n最后一行`;
    const values = ["...", "---", "--- 开头", "... 开头", "a\n---\nb", long];
    it.each(values)("a new block entry and a filled field: %j", (value) => {
      const text = appendEntries(staffFile, "staff", [{ id: "zhou-min", name: "周敏", note: value }], [{ index: 0, fields: { note: value } }]);
      const staff = list(text, "staff") as Record<string, unknown>[];
      expect(staff[0]!.note).toBe(value);
      expect(staff.at(-1)!.note).toBe(value);
    });
    it.each(values)("one-line activities: %j", (value) => {
      const text = appendEntries("activities:\n  - {date: 2012-03-01, kind: call}\n", "activities", [{ date: "2012-03-02", kind: "call", note: value }], [{ index: 0, fields: { note: value } }]);
      const activities = list(text, "activities") as Record<string, unknown>[];
      expect(activities.map((a) => a.note)).toEqual([value, value]);
    });
  });

  describe("appendWritable: a row that truly cannot be written is named, and the others are written", () => {
    // A value the file has no type for: a Date object would be written as text and read back as text.
    const unwritable = new Date(Date.UTC(2012, 2, 5));

    it("leaves out the entry and the fill that cannot be written, by index, and writes the rest", () => {
      const entries = [{ id: "zhou-min", name: "周敏" }, { id: "wang-x", name: "王某", joined: unwritable }, { id: "...", name: "---" }];
      const fills = [{ index: 0, fields: { joined: unwritable } }, { index: 1, fields: { note: "..." } }];
      expect(() => appendEntries(staffFile, "staff", entries, fills)).toThrow(EditError);
      const written = appendWritable(staffFile, "staff", entries, fills);
      expect([...written.unwritableEntries.keys()]).toEqual([1]);
      expect([...written.unwritableFills.keys()]).toEqual([0]);
      expect(written.unwritableEntries.get(1)).toContain("would not read back");
      const staff = list(written.text, "staff") as Record<string, unknown>[];
      expect(staff.map((p) => p.id)).toEqual(["wang-fang", "li-qiang", "zhou-min", "..."]);
      expect(staff[0]!.joined).toBeUndefined();
      expect(staff[1]!.note).toBe("...");
      expect(staff[3]!.name).toBe("---");
    });

    it("writes everything when everything can be written", () => {
      const written = appendWritable(staffFile, "staff", [{ id: "zhou-min", name: "周敏" }]);
      expect(written.unwritableEntries.size + written.unwritableFills.size).toBe(0);
      expect(written.text).toBe(appendEntries(staffFile, "staff", [{ id: "zhou-min", name: "周敏" }]));
    });

    it("still refuses a file that cannot be edited at all", () => {
      expect(() => appendWritable("staff: 3\n", "staff", [{ id: "a", name: "甲" }])).toThrow(EditError);
    });
  });
});

describe("issue 25: replacing values in place (import --update)", () => {
  it("rewrites only the value's text: the key, the comment after it, blank lines and the rest stay", () => {
    const text = staffFile.replace('    phone: "13800000001"', '    phone: "13800000001"   # 手机');
    const out = appendEntries(text, "staff", [], [{ index: 1, fields: { gender: "M" }, replace: { phone: "13811112222", name: "李强强" } }]);
    expect(out).toBe(
      text
        .replace('    phone: "13800000001"   # 手机', '    phone: "13811112222"   # 手机\n    gender: M')
        .replace("    name: 李强\n", "    name: 李强强\n"),
    );
    expect(list(out, "staff")[1]).toEqual({ id: "li-qiang", name: "李强强", position: "vip_wealth_manager", phone: "13811112222", gender: "M" });
    // The first entry, with its comment, is untouched.
    expect(out.startsWith(staffFile.slice(0, staffFile.indexOf("  - id: li-qiang")))).toBe(true);
  });

  it("rewrites a value inside a one-line {…} entry, quoting what a flow context needs", () => {
    const text = "prospects:\n  - {id: p-1, name: 陈先生, phone: \"13900001111\", notes: 旧备注}   # 老客户\n  - {id: p-2, name: 刘女士}\n";
    const out = appendEntries(text, "prospects", [], [{ index: 0, fields: {}, replace: { notes: "新备注, 有逗号", phone: "13900002222" } }]);
    expect(out).toBe('prospects:\n  - {id: p-1, name: 陈先生, phone: "13900002222", notes: "新备注, 有逗号"}   # 老客户\n  - {id: p-2, name: 刘女士}\n');
    expect(list(out, "prospects")[0]).toMatchObject({ notes: "新备注, 有逗号", phone: "13900002222" });
  });

  it("refuses to replace what is not a single value (a block list), leaving the file alone", () => {
    const text = "staff:\n  - id: a\n    name: 甲\n    position: teller\n    hobbies:\n      - 钓鱼\n";
    expect(() => appendEntries(text, "staff", [], [{ index: 0, fields: {}, replace: { hobbies: "游泳" } }])).toThrow(EditError);
    const written = appendWritable(text, "staff", [], [{ index: 0, fields: {}, replace: { hobbies: "游泳" } }]);
    expect(written.unwritableFills.size).toBe(1);
    expect(written.text).toBe(text);
  });
});

describe("issue 29: draftWritable, the edit import makes without parsing the whole new text", () => {
  const shapes = [
    staffFile,
    staffFile.replace(/\n/g, "\r\n"),
    `\uFEFF${staffFile}`,
    "staff:\n  - {id: a, name: 甲, position: clerk}   # 一行\n  - {id: b, name: 乙, position: teller}\n",
    "staff: [{id: a, name: 甲}]\n",
    "staff:\n- id: a\n  name: 甲\n# 结尾\n",
    "staff:\n  - id: a\n    name: 甲\n    hobbies: |\n      钓鱼\n      旅游\n",
    "staff:\n  - id: a\n    name: 甲",
    "reviewed: 2012-02-15\n",
    "staff: []\n",
    "",
  ];
  const text = fc.oneof(
    fc.constantFrom("王芳", "yes", "123", "1.5", "2012-03-01", "--06-15", "a, b", "a: b", "#1", "- x", "...", "---", '"q"', "'q'", " x", "x ", "第一行\n第二行", "\t", "\x1b]8;;", "\u2028", "\ud800", "😀", ""),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: "binary", maxLength: 5 }),
  );
  // No NaN: the read-back compares with ===, and NaN is not NaN there (nor in any sheet: amounts are finite).
  const fieldValue = fc.oneof({ weight: 5, arbitrary: text }, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.array(text, { maxLength: 3 }), fc.record({ kind: text, staff: text }, { requiredKeys: [] }));
  const entry = fc.dictionary(fc.constantFrom("id", "name", "position", "phone", "qq", "note", "hobbies", "source", "birthday"), fieldValue, { minKeys: 1, maxKeys: 5 });

  it("writes text whose whole parse is the old entries with their fills and the new entries, and says so on its sample", () => {
    fc.assert(
      fc.property(fc.constantFrom(...shapes), fc.array(entry, { maxLength: 6 }), fc.array(fc.dictionary(fc.constantFrom("phone", "note", "gender"), fieldValue, { minKeys: 1, maxKeys: 2 }), { maxLength: 1 }), (before, entries, fillFields) => {
        const oldList = list(before === "" ? "staff: []\n" : before.includes("staff") ? before : `${before}staff: []\n`, "staff") ?? [];
        const fills = oldList.length > 0 && !before.includes("hobbies: |") ? fillFields.map((fields) => ({ index: 0, fields })) : [];
        const draft = draftWritable(before, "staff", entries, fills);
        expect(draft.unwritableEntries.size + draft.unwritableFills.size).toBe(0);
        expect(draft.readsBack).toBe(true);
        const parsed = parseYaml(draft.text.replace(/^\uFEFF/, ""));
        expect(parsed.problems).toEqual([]);
        const staff = ((parsed.data as Record<string, unknown> | null)?.staff ?? []) as unknown[];
        expect(staff).toEqual(listAfter(oldList, entries, fills));
        expect(draft.text.startsWith(before.slice(0, before.indexOf("staff") === -1 ? before.length : before.indexOf("staff")))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it("leaves out and names what cannot be written, and writes the rest", () => {
    const draft = draftWritable(staffFile, "staff", [{ id: "a", name: "甲" }, { id: "b", joined: new Date(0) }], [{ index: 1, fields: { left: new Date(0) } }]);
    expect([...draft.unwritableEntries.keys()]).toEqual([1]);
    expect([...draft.unwritableFills.keys()]).toEqual([0]);
    expect(draft.unwritableEntries.get(1)).toContain("would not read back");
    expect(draft.written.entries).toEqual([{ id: "a", name: "甲" }]);
    expect(draft.text).toBe(appendEntries(staffFile, "staff", [{ id: "a", name: "甲" }]));
  });

  it("extends a file that ends without a line break: the sample reads back, and so does the whole", () => {
    const draft = draftWritable("staff:\n  - id: a\n    name: 甲", "staff", [{ id: "b", name: "乙" }, { id: "c", name: "丙" }, { id: "d", name: "丁" }]);
    expect(draft.readsBack).toBe(true);
    expect(list(draft.text, "staff")).toHaveLength(4);
  });
});
