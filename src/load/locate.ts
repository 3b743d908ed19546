/**
 * From a path of keys and indexes back to the place in the file: how a problem found in the
 * plain data (by the schema or a cross-file rule) gets its line and column.
 */
import type { Node, Pair } from "yaml";
import type { Finding, FindingCode, FindingParams, Severity } from "../findings.js";
import { formatPath } from "../findings.js";
import type { LoadedFile } from "./repository.js";
import { isMap, isPair, isScalar, isSeq } from "./yaml-node-kind.js";

/** What to point at: the key of the last path segment, or its value. */
export type Target = "key" | "value";

interface Span {
  start: number;
  end: number;
}

/**
 * The span of the deepest node of `path` that exists. A path that runs past the document
 * (a missing field) points at the mapping that lacks it.
 */
export function locatePath(file: LoadedFile, path: readonly (string | number)[], target: Target): Span {
  const doc = file.doc;
  if (!doc || !doc.contents) return { start: 0, end: 0 };
  let node: unknown = doc.contents;
  let pair: Pair | null = null;
  for (const segment of path) {
    pair = null;
    if (isMap(node)) {
      const found = pairByKey(node.items, String(segment));
      if (!found) break;
      pair = found;
      node = found.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
    } else {
      break;
    }
  }
  if (target === "key" && pair && isNodeWithRange(pair.key)) return rangeOf(pair.key);
  if (isNodeWithRange(node)) return rangeOf(node);
  if (pair && isNodeWithRange(pair.key)) return rangeOf(pair.key);
  return { start: 0, end: 0 };
}

/** Each mapping's pairs by key text (the first of a key), made on the first look: an entry of 200,000 keys was scanned once per finding (issue 28). */
const PAIRS_BY_KEY = new WeakMap<readonly unknown[], Map<string, Pair>>();

function pairByKey(items: readonly unknown[], key: string): Pair | undefined {
  // A short mapping is scanned: cheaper than an index.
  if (items.length <= 16) return items.find((p): p is Pair => isPair(p) && keyText(p.key) === key);
  let index = PAIRS_BY_KEY.get(items);
  if (index === undefined) {
    index = new Map();
    for (const p of items) {
      if (!isPair(p)) continue;
      const text = keyText(p.key);
      if (text !== null && !index.has(text)) index.set(text, p);
    }
    PAIRS_BY_KEY.set(items, index);
  }
  return index.get(key);
}

function keyText(key: unknown): string | null {
  if (isScalar(key)) return String(key.value);
  return null;
}

function isNodeWithRange(node: unknown): node is Node {
  return typeof node === "object" && node !== null && "range" in node && Array.isArray((node as Node).range);
}

function rangeOf(node: Node): Span {
  const [start, valueEnd] = node.range ?? [0, 0];
  // A collection's span runs over many lines; underline its first line only.
  return { start, end: isScalar(node) ? valueEnd : start + 1 };
}

/** A finding located at `path` in `file`. */
export function findingAt(
  file: LoadedFile,
  severity: Severity,
  code: FindingCode,
  path: readonly (string | number)[],
  params: FindingParams,
  target: Target = "value",
): Finding {
  const { start, end } = locatePath(file, path, target);
  const source = file.source;
  const pos = source ? source.positionAt(start) : { line: 1, column: 1 };
  const length = source ? source.spanLength(start, end) : 1;
  return { severity, code, file: file.file, line: pos.line, column: pos.column, path: formatPath(path), length, params };
}
