/**
 * detachValue copies a parsed value's strings off the file's text (issue 29: a view kept in the
 * model held the whole text) and its lists at their length (the parser's have room to grow). It
 * must change nothing else: an equal value, objects kept in place, each part reached twice (YAML
 * aliases) done once and shared, and a cycle ended.
 */
import fc from "fast-check";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { detachString, detachValue } from "../../src/load/detach-strings.js";

describe("detachValue", () => {
  it("gives any JSON value back equal to what it was (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = structuredClone(value);
        expect(detachValue(value)).toEqual(before);
      }),
      { seed: 29, numRuns: 1000 },
    );
  });

  it("replaces strings in place, in objects and lists at any depth, objects kept", () => {
    const text = "staff:\n  - id: wang-fang-with-a-long-id\n    note: 客户说周三再来，备注很长的一段话\n    tags: [一个很长很长很长的标签文字啊, b]\n";
    const value = load(text) as { staff: { id: string; note: string; tags: string[] }[] };
    const entry = value.staff[0]!;
    expect(detachValue(value)).toBe(value);
    expect(value.staff[0]).toBe(entry);
    expect(entry).toEqual({ id: "wang-fang-with-a-long-id", note: "客户说周三再来，备注很长的一段话", tags: ["一个很长很长很长的标签文字啊", "b"] });
  });

  it("does a part reached twice once, and ends on a cycle", () => {
    const shared = { note: "同一个备注，被别名引用了两次" };
    const value: Record<string, unknown> = { a: shared, b: [shared, shared] };
    value.self = value;
    expect(detachValue(value)).toBe(value);
    expect(value.self).toBe(value);
    expect(value.a).toBe(shared);
    expect((value.b as unknown[])[1]).toBe(shared);
    expect(shared.note).toBe("同一个备注，被别名引用了两次");
  });

  it("gives a string back equal, and leaves other values as they are", () => {
    expect(detachString("一段足够长的文字，长过十三个字符")).toBe("一段足够长的文字，长过十三个字符");
    expect(detachValue("一段足够长的文字，长过十三个字符")).toBe("一段足够长的文字，长过十三个字符");
    for (const value of [undefined, null, 0, 1.5, true, "短"]) expect(detachValue(value)).toBe(value);
  });

  it("puts a copy of every list where the list was, objects kept in place", () => {
    const value = load("activities:\n  - with: [p-wang-001, p-li-002]\n    note: 一起喝茶\n") as { activities: { with: string[] }[] };
    const activities = value.activities;
    const entry = activities[0]!;
    const withList = entry.with;
    const result = detachValue(value);
    expect(result).toBe(value);
    expect(value.activities).not.toBe(activities);
    expect(value.activities[0]).toBe(entry);
    expect(entry.with).not.toBe(withList);
    expect(entry.with).toEqual(["p-wang-001", "p-li-002"]);
    const list = [1, [2]];
    const copy = detachValue(list);
    expect(copy).not.toBe(list);
    expect(copy).toEqual([1, [2]]);
  });

  it("shares the copy of a list reached twice, and ends on a list inside itself", () => {
    const shared = ["同一个列表，被别名引用了两次"];
    const value = { a: shared, b: [shared] };
    detachValue(value);
    expect(value.a).not.toBe(shared);
    expect(value.b[0]).toBe(value.a);
    const cycle: unknown[] = ["x"];
    cycle.push(cycle);
    const copy = detachValue(cycle);
    expect(copy[1]).toBe(copy);
  });

  it("keeps a key named __proto__ an own property, and the prototype as it was", () => {
    const value = JSON.parse('{"__proto__": {"note": "一段足够长的文字，长过十三个字符"}, "list": [1]}') as Record<string, unknown>;
    detachValue(value);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(value)).toEqual(["__proto__", "list"]);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ note: "一段足够长的文字，长过十三个字符" });
  });
});
