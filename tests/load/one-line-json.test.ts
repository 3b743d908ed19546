/**
 * Issue 28: a data file written as one line of JSON (what a script exporting to JSON writes)
 * is YAML too; 110 activities on one line were refused as YAML_TOO_DEEP, since each `:` on the
 * line counted as a level of nesting. Nesting in brackets is counted by the brackets.
 */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/load/parse-yaml.js";

describe("one-line JSON", () => {
  it("110 activities on one line parse, without YAML_TOO_DEEP", () => {
    const entries = Array.from({ length: 110 }, (_, i) => ({ date: "2012-03-01", kind: "call", with: [`p-${i}`], by: "孙磊", note: `第${i}次` }));
    // As Python's json.dumps writes it: a space after every `:` and `,`.
    const text = JSON.stringify({ activities: entries }).replace(/":/g, '": ').replace(/,(?=["{[])/g, ", ") + "\n";
    expect(text.split("\n")).toHaveLength(2);
    const parsed = parseYaml(text);
    expect(parsed.problems.map((p) => p.code)).toEqual([]);
    expect((parsed.data as { activities: unknown[] }).activities).toHaveLength(110);
  });

  it("brackets nested past the limit on one line are still YAML_TOO_DEEP", () => {
    const text = `a: ${"[".repeat(600)}${"]".repeat(600)}\n`;
    expect(parseYaml(text).problems.map((p) => p.code)).toEqual(["YAML_TOO_DEEP"]);
  });
});
