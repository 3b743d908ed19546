/**
 * What kind of node of the `yaml` package a value is, without loading the package: its own
 * `isMap`, `isSeq`, … come only with the whole parser (~270 KB that esbuild cannot split off),
 * and `locate.ts`, which asks these questions, is on the path of every start, also of a run
 * answered from the cache that parses nothing (issue 28). The package marks each node with a
 * symbol from the global registry, `Symbol.for("yaml.node.type")`, so that its copies
 * recognise each other's nodes; these checks read the same marks.
 * tests/load/yaml-node-kind.test.ts holds them equal to the package's own on parsed documents.
 */
import type { Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";

const NODE_TYPE = Symbol.for("yaml.node.type");
const MAP = Symbol.for("yaml.map");
const PAIR = Symbol.for("yaml.pair");
const SCALAR = Symbol.for("yaml.scalar");
const SEQ = Symbol.for("yaml.seq");

function kindOf(node: unknown): unknown {
  return typeof node === "object" && node !== null ? (node as Record<symbol, unknown>)[NODE_TYPE] : undefined;
}

export const isMap = (node: unknown): node is YAMLMap<unknown, unknown> => kindOf(node) === MAP;
export const isPair = (node: unknown): node is Pair<unknown, unknown> => kindOf(node) === PAIR;
export const isScalar = (node: unknown): node is Scalar<unknown> => kindOf(node) === SCALAR;
export const isSeq = (node: unknown): node is YAMLSeq<unknown> => kindOf(node) === SEQ;
