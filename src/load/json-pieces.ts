/**
 * JSON.stringify's text of a value, in pieces (issue 29): the cache's record of a branch is
 * ~100 KB of JSON at head-office scale, and a string that large is put straight among the old
 * objects, where only a full collection frees it; written as one string each, the 2,000 records
 * of a model were ~250 MB of garbage at the end of a cold run, its peak. Pieces (one item of a
 * list each) are small and die young.
 */

/**
 * The pieces of `JSON.stringify(value)`: joined, exactly its text. Objects and arrays are cut
 * into their items down to `depth` levels; below that an item is one piece. Throws what
 * JSON.stringify throws (a cycle, a BigInt). A value JSON.stringify leaves out (undefined, a
 * function, a symbol) is left out of an object and written `null` in an array, as it does;
 * `value` itself is not one of those (JSON.stringify gives no text for it).
 */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  if (depth <= 0 || !isPlainContainer(value)) {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      yield* jsonPieces(value[i], depth - 1);
    }
    yield "]";
    return;
  }
  let first = true;
  yield "{";
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth - 1);
  }
  yield "}";
}

/** An array, or an object of Object's own kind or none, without toJSON: what JSON.stringify writes by its keys. */
function isPlainContainer(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}
