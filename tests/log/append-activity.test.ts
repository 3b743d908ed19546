/**
 * Appending to activities.yaml: the old text must survive byte for byte (comments, quoting,
 * blank lines, CRLF, a BOM), the entry must read back exactly, and the entry's style follows
 * its neighbours.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appendActivity, type ActivityEntry } from "../../src/log/append-activity.js";

const entry: ActivityEntry = { date: "2012-03-20", kind: "call", with: ["wang-fang"], by: "李娜", note: null };

function entries(text: string): unknown[] {
  return (parse(text.replace(/^\uFEFF/, ""), { version: "1.2" }) as { activities: unknown[] }).activities;
}

describe("appendActivity", () => {
  it("adds a one-line entry after the last one, keeping every comment and line of the file", () => {
    const before = [
      "# 联络记录：每次联系后记一笔",
      "activities:",
      "  - {date: 2012-03-01, kind: report, with: [zhou-hang], by: 李娜, note: 二月统计表}   # 月报",
      "  # 下面是三月的",
      "  - {date: 2012-03-12, kind: visit, with: [wang-fang], by: 李娜}",
      "# 文件结尾的注释",
      "",
    ].join("\n");
    const { text, entryText } = appendActivity(before, entry);
    expect(entryText).toBe("{date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}");
    const lines = text.split("\n");
    expect(lines).toEqual([...before.split("\n").slice(0, 5), `  - ${entryText}`, ...before.split("\n").slice(5)]);
  });

  it("writes a block entry after a block entry, at the same indentation", () => {
    const before = "activities:\n- date: 2012-03-01\n  kind: visit\n  with: [a]\n";
    const { text } = appendActivity(before, { ...entry, note: "回访" });
    expect(text).toBe(`${before}- date: 2012-03-20\n  kind: call\n  with: [wang-fang]\n  by: 李娜\n  note: 回访\n`);
  });

  it("places the entry after a last entry that ends in a block scalar", () => {
    const before = "activities:\n  - date: 2012-03-01\n    kind: visit\n    note: |\n      两行\n      说明\n# end\n";
    const { text } = appendActivity(before, entry);
    expect(entries(text)).toHaveLength(2);
    expect(text.startsWith(before.replace("# end\n", ""))).toBe(true);
    expect(text.endsWith("# end\n")).toBe(true);
  });

  it("quotes a note that YAML would otherwise misread, and reads it back exactly", () => {
    for (const note of ["a, b: {c} [d] # e", "123", "yes", "null", "- dash", "'quote\"", "line\nbreak", " lead"]) {
      const { text } = appendActivity("activities:\n  - {date: 2012-03-01, kind: call}\n", { ...entry, note });
      expect(text.split("\n")).toHaveLength(4); // the entry stays on one line
      expect(entries(text)[1]).toEqual({ date: "2012-03-20", kind: "call", with: ["wang-fang"], by: "李娜", note });
    }
  });

  it("creates the list in a missing, empty or comment-only file", () => {
    expect(appendActivity(null, entry).text).toBe("activities:\n  - {date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}\n");
    expect(appendActivity("", entry).text).toBe("activities:\n  - {date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}\n");
    const commented = "# 还没有记录\n";
    expect(appendActivity(commented, entry).text).toBe(`${commented}activities:\n  - {date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}\n`);
  });

  it("fills `activities:`, `activities: []` and `activities: ~`, keeping a comment on the key's line", () => {
    for (const head of ["activities:", "activities: []", "activities: ~"]) {
      const { text } = appendActivity(`# top\n${head}   # 联络记录\n`, entry);
      expect(text).toMatch(/^# top\nactivities:\s+# 联络记录\n {2}- \{date: 2012-03-20/);
      expect(entries(text)).toHaveLength(1);
    }
  });

  it("appends inside a non-empty flow list", () => {
    const { text } = appendActivity("activities: [{date: 2012-03-01, kind: call}]  # 旧格式\n", entry);
    expect(text).toBe("activities: [{date: 2012-03-01, kind: call}, {date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}]  # 旧格式\n");
  });

  it("keeps CRLF line ends and a BOM", () => {
    const before = "\uFEFF# 注释\r\nactivities:\r\n  - {date: 2012-03-01, kind: call}\r\n";
    const { text } = appendActivity(before, entry);
    expect(text).toBe(`${before}  - {date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}\r\n`);
  });

  it("adds the missing final line break before the entry", () => {
    const { text } = appendActivity("activities:\n  - {date: 2012-03-01, kind: call}", entry);
    expect(text).toBe("activities:\n  - {date: 2012-03-01, kind: call}\n  - {date: 2012-03-20, kind: call, with: [wang-fang], by: 李娜}\n");
  });

  it("omits `with`, `by` and `note` when there are none", () => {
    const { entryText } = appendActivity(null, { date: "2012-03-20", kind: "report", with: [], by: null, note: null });
    expect(entryText).toBe("{date: 2012-03-20, kind: report}");
  });

  it("refuses a file whose activities is not a list", () => {
    expect(() => appendActivity("activities: 3\n", entry)).toThrow();
    expect(() => appendActivity("- a\n", entry)).toThrow();
  });

  describe("values YAML would read as something else are quoted, so the entry reads back", () => {
    const long = `${"客户说这只基金今年的回撤太大，".repeat(12)}\n  下一行缩进：他想下个月再谈\n最后一行`;
    const notes = ["...", "---", "--- 开头", "... 开头", "a\n---\nb", long, " 前后空格 ", "#不是注释"];
    const files = {
      "a one-line list": "activities:\n  - {date: 2012-03-01, kind: call}\n",
      "a block list": "activities:\n  - date: 2012-03-01\n    kind: call\n",
      "a new file": null,
    };
    for (const [shape, before] of Object.entries(files)) {
      it.each(notes)(`in ${shape}: %j`, (note) => {
        const { text } = appendActivity(before, { ...entry, note, by: note });
        const last = entries(text).at(-1) as Record<string, unknown>;
        expect(last.note).toBe(note);
        expect(last.by).toBe(note);
        if (before !== null) expect(text.startsWith(before)).toBe(true);
        // One entry on its own lines: nothing of the note spills onto a line of its own.
        expect(text.split("\n").length - (before ?? "activities:\n").split("\n").length).toBe(shape === "a block list" ? 5 : 1);
      });
    }
  });
});
