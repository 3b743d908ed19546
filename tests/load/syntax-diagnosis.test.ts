/**
 * Two mistakes far apart in one file are two diagnostics, each its own code at its own line,
 * and nothing else: not the parser's echoes of them (a list or mapping it took for a key).
 */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/load/parse-yaml.js";

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** The start of data-example's cmb-chegongmiao/staff.yaml, as a person edits it. */
const STAFF = [
  "reviewed: 2011-12-25               # 快满 90 天，该重新核对了",
  "",
  "staff:",
  "  - id: qian-jianguo",
  "    name: 钱建国",
  "    position: branch_head",
  "    key: true",
  "    gender: M",
  '    phone: "13510002000"',
  "    joined: 1993-08-01",
  "    hobbies: [象棋, 太极拳]",
  "    relationships: 与南山营业部的郭涛是老乡",
  "",
  "  - id: sun-li",
  "    name: 孙丽",
  "    position: wealth_manager",
  "    gender: F",
  "",
].join("\n");

const codesAndLines = (text: string) => parseYaml(text).problems.map((p) => [p.code, lineOf(text, p.start)]);

describe("independent mistakes in one file", () => {
  it("a tab in one entry and a full-width colon in a later one: exactly those two", () => {
    const text = STAFF.replace("    position: branch_head", "\tposition: branch_head").replace("name: 孙丽", "name：孙丽");
    expect(codesAndLines(text)).toEqual([
      ["YAML_TAB_INDENT", 6],
      ["YAML_FULLWIDTH_COLON", 15],
    ]);
  });

  it("each mistake alone: one diagnostic", () => {
    expect(codesAndLines(STAFF.replace("    position: branch_head", "\tposition: branch_head"))).toEqual([["YAML_TAB_INDENT", 6]]);
    expect(codesAndLines(STAFF.replace("name: 孙丽", "name：孙丽"))).toEqual([["YAML_FULLWIDTH_COLON", 15]]);
  });

  it("the file as written: no problem", () => {
    expect(codesAndLines(STAFF)).toEqual([]);
  });
});
