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
/** About how long a piece is: its elements' objects and text are all that is held of a list at a time. */
const PIECE_CHARS = 1 << 20;
const FIRST_PIECE_ELEMENTS = 16;
const MAX_PIECE_ELEMENTS = 4096;
const LIST_IN_LIST_OPENING = `[\n${STEP}[\n`;
const LIST_IN_LIST_CLOSING = `\n${STEP}]\n]`;

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
    // As many elements a piece as make about PIECE_CHARS, judged by the piece before: a coverage
    // branch is ~40 KB of text, a follow-up item ~400 bytes.
    let perPiece = FIRST_PIECE_ELEMENTS;
    for (let start = 0; start < list.source.length; ) {
      const elements = list.source.slice(start, start + perPiece).map((element) => list.map(element));
      // JSON.stringify itself indents them: as a list inside a list they sit two levels deep, as
      // in the object's list; what lies around them ("[\n  [\n" … "\n  ]\n]") is cut off.
      const text = JSON.stringify([elements], null, 2);
      yield `${start === 0 ? "" : ","}\n${text.slice(LIST_IN_LIST_OPENING.length, text.length - LIST_IN_LIST_CLOSING.length)}`;
      start += elements.length;
      perPiece = Math.max(1, Math.min(MAX_PIECE_ELEMENTS, Math.floor((PIECE_CHARS * elements.length) / text.length)));
    }
    yield `\n${STEP}]`;
  }
  yield "\n}\n";
}

/** JSON text moved right by `by`: its line breaks are all structural (a string's are escaped). */
function indented(text: string, by: string): string {
  return text.includes("\n") ? text.replace(/\n/g, `\n${by}`) : text;
}
