/**
 * `JSON.stringify(value, null, 2) + "\n"`, byte for byte, given out in pieces (issue 29): the
 * JSON of a follow-up list or a coverage report at head-office scale is ~90 MB, which as one
 * string (two bytes a character once it holds Chinese) and its UTF-8 copy was half of the run's
 * peak memory. Here each element of a top-level list is its own piece, and a `LazyList`'s
 * elements are made only when their turn comes, so neither the text nor the JSON-shaped
 * objects of the whole list are ever held at once.
 */

/** A list whose elements are `map(source[i])`, made one at a time as the pieces are written. */
export class LazyList<S, T> {
  constructor(
    readonly source: readonly S[],
    readonly map: (element: S) => T,
  ) {}
}

/** One level of JSON.stringify's indentation (the `2`). */
const STEP = "  ";

/**
 * The pieces of `JSON.stringify(value, null, 2) + "\n"` for a plain object whose fields are JSON
 * values, arrays or LazyLists; the pieces joined are exactly that text (tests/report/json-pieces.test.ts).
 */
export function* prettyJsonPieces(value: Record<string, unknown>): Generator<string> {
  const fields = Object.entries(value).filter(([, field]) => field !== undefined && typeof field !== "function" && typeof field !== "symbol");
  if (fields.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{";
  for (let f = 0; f < fields.length; f++) {
    const [key, field] = fields[f]!;
    const head = `${f === 0 ? "" : ","}\n${STEP}${JSON.stringify(key)}: `;
    const list = field instanceof LazyList ? field : Array.isArray(field) ? new LazyList(field as unknown[], (element) => element) : null;
    if (list === null) {
      yield head + indented(JSON.stringify(field, null, 2), STEP);
      continue;
    }
    if (list.source.length === 0) {
      yield `${head}[]`;
      continue;
    }
    yield `${head}[`;
    for (let i = 0; i < list.source.length; i++) {
      const element = list.map(list.source[i]);
      // As in an array JSON.stringify writes: what has no JSON text is null.
      const text = JSON.stringify(element, null, 2) ?? "null";
      yield `${i === 0 ? "" : ","}\n${STEP}${STEP}${indented(text, STEP + STEP)}`;
    }
    yield `\n${STEP}]`;
  }
  yield "\n}\n";
}

/** JSON text moved right by `by`: its line breaks are all structural (a string's are escaped). */
function indented(text: string, by: string): string {
  return text.includes("\n") ? text.replace(/\n/g, `\n${by}`) : text;
}
