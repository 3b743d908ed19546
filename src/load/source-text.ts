/**
 * Positions in a decoded text. Columns are counted in characters (code points), so a caret
 * under Chinese text or an emoji lands where an editor puts its cursor.
 */

export interface Position {
  line: number;
  column: number;
}

export class SourceText {
  readonly text: string;
  /** Offset (UTF-16 code units) where each line starts. */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and character column of a code-unit offset. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo]!;
    return { line: lo + 1, column: countCodePoints(this.text, start, clamped) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[line];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$|\r$/, "");
  }

  /** How many characters of the line from `start` to `end` (offsets) lie on start's line; at least 1. */
  spanLength(start: number, end: number): number {
    let lineEnd = start;
    while (lineEnd < this.text.length && this.text[lineEnd] !== "\n" && this.text[lineEnd] !== "\r") lineEnd++;
    const stop = Math.min(end, lineEnd);
    return Math.max(1, countCodePoints(this.text, start, stop));
  }
}

function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
