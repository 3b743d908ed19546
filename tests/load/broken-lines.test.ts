/**
 * Issue 28: a file of 450,000 broken lines ran out of heap. The parser makes an error object
 * per broken line; the file was parsed twice (once more for the duplicate-key check) and each
 * error captured a stack. Now a file is parsed again only when it has a duplicate key, and no
 * stacks are captured while parsing. What is reported must not change.
 */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/load/parse-yaml.js";
import { withoutStackTraces } from "../../src/load/yaml-options.js";

function codesAndLines(text: string): [string, number][] {
  return parseYaml(text).problems.map((p) => [p.code, text.slice(0, p.start).split("\n").length]);
}

describe("files of many broken lines", () => {
  it("2,000 tab-indented lines: the first mistake, explained once, and the stack setting left as it was", () => {
    const limit = Error.stackTraceLimit;
    const text = `activities:\n${"\t- {date: 2012-03-01, kind: call}\n".repeat(2_000)}`;
    const problems = codesAndLines(text);
    expect(problems[0]).toEqual(["YAML_TAB_INDENT", 2]);
    expect(new Set(problems.map(([code]) => code))).toEqual(new Set(["YAML_TAB_INDENT"]));
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it("a duplicate key above a syntax error is still found (the file is parsed again for it)", () => {
    const text = "activities: []\nnote: a\nnote: b\nbad: [1, 2\n";
    expect(codesAndLines(text)[0]).toEqual(["YAML_DUPLICATE_KEY", 3]);
  });

  it("a syntax error with no duplicate key gives what the parser with its own key check gives", () => {
    const text = "activities:\n  - {date: 2012-03-01, kind: call\n  - {date: 2012-03-02, kind: call}\n";
    expect(codesAndLines(text)).toEqual([["YAML_UNCLOSED_BRACKET", 2]]);
  });

  it("puts the stack setting back when the parse throws", () => {
    const limit = Error.stackTraceLimit;
    expect(() =>
      withoutStackTraces(() => {
        expect(Error.stackTraceLimit).toBe(0);
        throw new Error("parser gave up");
      }),
    ).toThrow("parser gave up");
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
