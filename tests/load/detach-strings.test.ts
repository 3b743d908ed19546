/**
 * detachStrings copies a parsed value's strings off the file's text (issue 29: a view kept in
 * the model held the whole text). It must change nothing else: the same value, the same shape,
 * each part reached twice (YAML aliases) done once, and a cycle ended.
 */
import fc from "fast-check";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { detachStrings } from "../../src/load/detach-strings.js";

describe("detachStrings", () => {
  it("leaves any JSON value equal to what it was (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = structuredClone(value);
        expect(detachStrings(value)).toEqual(before);
      }),
      { seed: 29, numRuns: 1000 },
    );
  });

  it("replaces in place, in objects and arrays at any depth, and gives back the same containers", () => {
    const text = "staff:\n  - id: wang-fang-with-a-long-id\n    note: 客户说周三再来，备注很长的一段话\n    tags: [一个很长很长很长的标签文字啊, b]\n";
    const value = load(text) as { staff: { id: string; note: string; tags: string[] }[] };
    const staff = value.staff;
    const entry = staff[0]!;
    expect(detachStrings(value)).toBe(value);
    expect(value.staff).toBe(staff);
    expect(value.staff[0]).toBe(entry);
    expect(entry).toEqual({ id: "wang-fang-with-a-long-id", note: "客户说周三再来，备注很长的一段话", tags: ["一个很长很长很长的标签文字啊", "b"] });
  });

  it("does a part reached twice once, and ends on a cycle", () => {
    const shared = { note: "同一个备注，被别名引用了两次" };
    const value: Record<string, unknown> = { a: shared, b: [shared, shared] };
    value.self = value;
    expect(detachStrings(value)).toBe(value);
    expect(value.a).toBe(shared);
    expect((value.b as unknown[])[1]).toBe(shared);
    expect(shared.note).toBe("同一个备注，被别名引用了两次");
  });

  it("gives a string back equal, and leaves other values as they are", () => {
    expect(detachStrings("一段足够长的文字，长过十三个字符")).toBe("一段足够长的文字，长过十三个字符");
    for (const value of [undefined, null, 0, 1.5, true, "短"]) expect(detachStrings(value)).toBe(value);
  });
});
