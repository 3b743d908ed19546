/** issue 29: the JSON of the big reports in pieces is JSON.stringify's text, byte for byte. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LazyList, prettyJsonPieces } from "../../src/report/json-pieces.js";

const whole = (value: unknown): string => JSON.stringify(value, null, 2) + "\n";

describe("prettyJsonPieces", () => {
  it("joins to JSON.stringify(value, null, 2) for any object of JSON values and lists", () => {
    const field = fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined), fc.constant([]), fc.constant({}));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), field), (value) => {
        expect([...prettyJsonPieces(value)].join("")).toBe(whole(value));
      }),
    );
  });

  it("makes a lazy list's elements as it goes, with the text of the mapped list", () => {
    const made: number[] = [];
    const items = new LazyList([1, 2, 3], (n) => {
      made.push(n);
      return { n, text: `第${n}项\n"quoted"`, nested: [n, { deeper: [null, n] }], gone: undefined };
    });
    const pieces = prettyJsonPieces({ as_of: "2012-03-20", items, empty: new LazyList([], (n: number) => n), tail: { a: [1] } });
    const first = pieces.next().value + pieces.next().value + pieces.next().value;
    expect(first).toBe('{\n  "as_of": "2012-03-20",\n  "items": [');
    expect(made).toEqual([]);
    pieces.next();
    // A first piece's worth of elements (all three here) is made with the first of them.
    expect(made).toEqual([1, 2, 3]);
    const rest = [...pieces].join("");
    expect(made).toEqual([1, 2, 3]);
    expect(rest.endsWith('\n  "tail": {\n    "a": [\n      1\n    ]\n  }\n}\n')).toBe(true);
    const expected = whole({ as_of: "2012-03-20", items: [1, 2, 3].map((n) => ({ n, text: `第${n}项\n"quoted"`, nested: [n, { deeper: [null, n] }] })), empty: [], tail: { a: [1] } });
    const again = new LazyList([1, 2, 3], (n) => ({ n, text: `第${n}项\n"quoted"`, nested: [n, { deeper: [null, n] }], gone: undefined }));
    expect([...prettyJsonPieces({ as_of: "2012-03-20", items: again, empty: new LazyList([], (n: number) => n), tail: { a: [1] } })].join("")).toBe(expected);
  });

  it("gives long lists in several pieces that join to the same text", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 200, maxLength: 700 }), fc.jsonValue({ maxDepth: 1 }), (list, other) => {
        const value = { head: other, list, lazy: new LazyList(list, (element) => ({ element })) };
        const pieces = [...prettyJsonPieces(value)];
        expect(pieces.length).toBeGreaterThan(6);
        expect(pieces.join("")).toBe(whole({ head: other, list, lazy: list.map((element) => ({ element })) }));
      }),
      { numRuns: 20 },
    );
  });

  it("writes an empty object as JSON.stringify does", () => {
    expect([...prettyJsonPieces({})].join("")).toBe(whole({}));
    expect([...prettyJsonPieces({ only: undefined })].join("")).toBe(whole({ only: undefined }));
  });
});
