/**
 * Setting a prospect's next_followup in prospects.yaml: only the value's bytes change (or one
 * key is added), every other byte of the file stays, in block and flow style, with CRLF and a BOM.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AppendError } from "../../src/log/append-activity.js";
import { setNextFollowup } from "../../src/log/next-followup.js";

const BLOCK = [
  "# 潜在客户：每位一条",
  "prospects:",
  "  - id: p-chen-001",
  "    name: 陈先生   # 老客户介绍",
  "    next_followup: 2012-03-22   # 约好的",
  "    holdings:",
  "      - {product: 定期存款, amount: 50万, matures: 2012-03-25}",
  "  # 下一位",
  "  - id: p-he",
  "    name: 何先生",
  "    holdings:",
  "      - product: 定期存款",
  "        amount: 100万",
  "    # 何先生的备注",
  "  - {id: p-xie, name: 谢老师, tier: valuable}",
  "  - {id: p-gao, name: 高先生, next_followup: \"2012-03-01\"}",
  "# 文件末尾",
  "",
].join("\n");

describe("setNextFollowup", () => {
  it("replaces an existing value's bytes and nothing else, keeping its comment", () => {
    const after = setNextFollowup(BLOCK, "p-chen-001", "2012-03-28");
    expect(after).toBe(BLOCK.replace("next_followup: 2012-03-22   # 约好的", "next_followup: 2012-03-28   # 约好的"));
  });

  it("adds the key at the end of a block mapping, at its keys' indentation, before the next item's comment", () => {
    const after = setNextFollowup(BLOCK, "p-he", "2012-03-28");
    expect(after).toBe(BLOCK.replace("        amount: 100万\n", "        amount: 100万\n    next_followup: 2012-03-28\n"));
  });

  it("adds the key inside a one-line {…} mapping", () => {
    expect(setNextFollowup(BLOCK, "p-xie", "2012-03-28")).toBe(BLOCK.replace("tier: valuable}", "tier: valuable, next_followup: 2012-03-28}"));
  });

  it("replaces a quoted value inside a one-line mapping", () => {
    expect(setNextFollowup(BLOCK, "p-gao", "2012-04-02")).toBe(BLOCK.replace('next_followup: "2012-03-01"}', "next_followup: 2012-04-02}"));
  });

  it("fills an empty value, before its comment", () => {
    const text = "prospects:\n  - id: a\n    next_followup:   # 待定\n    name: 甲\n  - id: b\n    next_followup:\n";
    expect(setNextFollowup(text, "a", "2012-03-28")).toBe("prospects:\n  - id: a\n    next_followup:   2012-03-28 # 待定\n    name: 甲\n  - id: b\n    next_followup:\n");
    expect(parse(setNextFollowup(text, "b", "2012-03-28")).prospects[1]).toEqual({ id: "b", next_followup: "2012-03-28" });
  });

  it("keeps CRLF line ends, a BOM, and a last line without a line break", () => {
    const text = "\uFEFFprospects:\r\n  - id: a\r\n    name: 甲";
    expect(setNextFollowup(text, "a", "2012-03-28")).toBe("\uFEFFprospects:\r\n  - id: a\r\n    name: 甲\r\n    next_followup: 2012-03-28\r\n");
  });

  it("adds after a last value that is a block scalar", () => {
    const text = "prospects:\n  - id: a\n    notes: |\n      两行\n      说明\n# end\n";
    expect(setNextFollowup(text, "a", "2012-03-28")).toBe("prospects:\n  - id: a\n    notes: |\n      两行\n      说明\n    next_followup: 2012-03-28\n# end\n");
  });

  it("works in a flow list of prospects", () => {
    expect(setNextFollowup("prospects: [{id: a}, {id: b, name: 乙}]\n", "b", "2012-03-28")).toBe("prospects: [{id: a}, {id: b, name: 乙, next_followup: 2012-03-28}]\n");
  });

  it("refuses, rather than guesses, when the prospect is not there or twice, or the value is not one", () => {
    expect(() => setNextFollowup(BLOCK, "p-nobody", "2012-03-28")).toThrow(AppendError);
    expect(() => setNextFollowup("prospects:\n  - {id: a}\n  - {id: a}\n", "a", "2012-03-28")).toThrow(AppendError);
    expect(() => setNextFollowup("prospects:\n  - id: a\n    next_followup: [2012-03-01]\n", "a", "2012-03-28")).toThrow(AppendError);
    expect(() => setNextFollowup("prospects: {a: 1}\n", "a", "2012-03-28")).toThrow(AppendError);
  });
});
