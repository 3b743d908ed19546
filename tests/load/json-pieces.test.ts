/**
 * The cache writes a record's JSON in pieces (issue 29); joined, they are exactly the text
 * JSON.stringify gives, whatever the value, so the cache's files are the same bytes as before.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPieces } from "../../src/load/json-pieces.js";

const joined = (value: unknown, depth?: number) => [...jsonPieces(value, depth)].join("");

describe("jsonPieces", () => {
  it("joins to JSON.stringify's text for any JSON value and any depth (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect(joined(value, depth)).toBe(JSON.stringify(value));
      }),
      { seed: 29, numRuns: 2000 },
    );
  });

  it("writes what JSON.stringify leaves out or changes as it does", () => {
    const odd = {
      gone: undefined,
      fn: () => 1,
      sym: Symbol("s"),
      list: [undefined, () => 1, Symbol("s"), NaN, -0, Infinity, , 1],
      day: new Date(Date.UTC(2012, 2, 1)),
      own: { toJSON: () => "mine" },
      boxed: new String("框"),
      bare: Object.assign(Object.create(null), { a: 1 }),
      text: "\u2028 \ud800 \"引号\" \u001b[31m",
    };
    for (const depth of [0, 1, 2, 3]) expect(joined(odd, depth)).toBe(JSON.stringify(odd));
  });

  it("cuts a record into its lists' items, so that no piece is longer than one item", () => {
    const record = { id: "b-1", staff: Array.from({ length: 50 }, (_, i) => ({ id: `p-${i}`, note: "备注".repeat(40) })) };
    const pieces = [...jsonPieces(record)];
    const longestItem = Math.max(...record.staff.map((s) => JSON.stringify(s).length));
    expect(Math.max(...pieces.map((p) => p.length))).toBe(longestItem);
    expect(pieces.join("")).toBe(JSON.stringify(record));
  });

  it("throws on a cycle, as JSON.stringify does", () => {
    const looped: Record<string, unknown> = { a: [1] };
    (looped.a as unknown[]).push({ back: looped });
    expect(() => [...jsonPieces(looped, 5)]).toThrow(TypeError);
    expect(() => [...jsonPieces(looped, 0)]).toThrow(TypeError);
  });
});
