/**
 * Issue 28 (start-up): src/load/yaml-node-kind.ts answers "map? sequence? pair? scalar?"
 * without loading the yaml package. Its answers must be the package's own for every node a
 * parsed document holds, and for values that are not nodes at all.
 */
import { describe, expect, it } from "vitest";
import * as yaml from "yaml";
import { isMap, isPair, isScalar, isSeq } from "../../src/load/yaml-node-kind.js";

const SAMPLE = `
branch: cmb-shekou   # a comment
staff:
  - id: s-1
    name: "孙磊"
    tags: [a, b, {c: 1}]
    note: |
      two
      lines
  - &anchor {id: s-2, name: 王芳}
  - *anchor
  - ? complex key
    : value
empty:
nulls: ~
`;

/** Every node and pair of a document, the document itself and its directives included. */
function everything(doc: yaml.Document): unknown[] {
  const seen: unknown[] = [doc, doc.contents, doc.directives];
  yaml.visit(doc, {
    Node: (_key, node) => void seen.push(node),
    Pair: (_key, pair) => void seen.push(pair, pair.key, pair.value),
  });
  return seen;
}

describe("yaml node kinds without the yaml package", () => {
  it("agree with the package on every node of a parsed document", () => {
    const items = everything(yaml.parseDocument(SAMPLE));
    expect(items.length).toBeGreaterThan(30);
    for (const item of items) {
      expect([isMap(item), isPair(item), isScalar(item), isSeq(item)]).toEqual([yaml.isMap(item), yaml.isPair(item), yaml.isScalar(item), yaml.isSeq(item)]);
    }
    // Each kind occurs, so none of the four is vacuously false.
    for (const check of [isMap, isPair, isScalar, isSeq]) expect(items.some(check)).toBe(true);
  });

  it("agree with the package on nodes made by hand and on plain values", () => {
    const doc = new yaml.Document();
    const made = [doc.createNode({ a: 1 }), doc.createNode([1]), doc.createNode("x"), doc.createPair("k", "v"), new yaml.Alias("a")];
    const plain = [null, undefined, 0, "", "yaml.map", {}, [], { [Symbol.for("yaml.node.type")]: "yaml.map" }, Object.create(null)];
    for (const item of [...made, ...plain]) {
      expect([isMap(item), isPair(item), isScalar(item), isSeq(item)]).toEqual([yaml.isMap(item), yaml.isPair(item), yaml.isScalar(item), yaml.isSeq(item)]);
    }
    expect([isMap(made[0]), isSeq(made[1]), isScalar(made[2]), isPair(made[3])]).toEqual([true, true, true, true]);
  });
});
