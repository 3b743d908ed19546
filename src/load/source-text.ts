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
  /** Character counts at intervals along long lines, made when first needed. */
  private readonly checkpoints = new Map<number, { offsets: number[]; chars: number[] }>();

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
    const index = this.lineIndexAt(clamped);
    return { line: index + 1, column: this.charsBefore(index, clamped) + 1 };
  }

  /** The 0-based index of the line holding a code-unit offset. */
  private lineIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where the text of a line (0-based index) ends, before its line break. */
  private lineEnd(index: number): number {
    let end = this.lineStarts[index + 1] ?? this.text.length;
    if (end > this.lineStarts[index]! && this.text[end - 1] === "\n") end--;
    if (end > this.lineStarts[index]! && this.text[end - 1] === "\r") end--;
    return end;
  }

  /**
   * Characters from the start of line `index` to `offset`. On a long line (a 5 MB line can carry
   * thousands of findings) this counts from the nearest of the checkpoints kept every
   * CHECKPOINT code units, not from the line's start: linear overall, not quadratic.
   */
  private charsBefore(index: number, offset: number): number {
    const start = this.lineStarts[index]!;
    if (offset - start < 2 * CHECKPOINT) return countCodePoints(this.text, start, offset);
    const marks = this.checkpointsOf(index);
    let lo = 0;
    let hi = marks.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (marks.offsets[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return marks.chars[lo]! + countCodePoints(this.text, marks.offsets[lo]!, offset);
  }

  /** The code-unit offset of the character at 0-based position `chars` of line `index` (at most the line's end). */
  private offsetOfChar(index: number, chars: number): number {
    const start = this.lineStarts[index]!;
    const end = this.lineEnd(index);
    let at = start;
    let n = 0;
    if (end - start >= 2 * CHECKPOINT) {
      const marks = this.checkpointsOf(index);
      let lo = 0;
      let hi = marks.chars.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (marks.chars[mid]! <= chars) lo = mid;
        else hi = mid - 1;
      }
      at = marks.offsets[lo]!;
      n = marks.chars[lo]!;
    }
    while (n < chars && at < end) {
      at += isPairAt(this.text, at) ? 2 : 1;
      n++;
    }
    return Math.min(at, end);
  }

  private checkpointsOf(index: number): { offsets: number[]; chars: number[] } {
    let marks = this.checkpoints.get(index);
    if (marks === undefined) {
      const start = this.lineStarts[index]!;
      const end = this.lineStarts[index + 1] ?? this.text.length;
      marks = { offsets: [start], chars: [0] };
      let n = 0;
      let next = start + CHECKPOINT;
      for (let i = start; i < end; ) {
        if (i >= next) {
          marks.offsets.push(i);
          marks.chars.push(n);
          next = i + CHECKPOINT;
        }
        i += isPairAt(this.text, i) ? 2 : 1;
        n++;
      }
      this.checkpoints.set(index, marks);
    }
    return marks;
  }

  /**
   * At most about `width` characters of a 1-based line around a 1-based `column`, for quoting a
   * line under a diagnostic: a long line is cut to a window, each cut side marked `…`. Returns
   * the text and where `column` falls in it.
   */
  excerpt(line: number, column: number, width = 160): { text: string; column: number } {
    const index = line - 1;
    const start = this.lineStarts[index];
    if (start === undefined) return { text: "", column: 1 };
    const end = this.lineEnd(index);
    if (end - start <= width) return { text: this.text.slice(start, end), column };
    const at = this.offsetOfChar(index, column - 1);
    let from = Math.max(start, at - Math.floor(width / 3));
    let to = Math.min(end, from + width);
    from = Math.max(start, to - width);
    // Never cut a character in two.
    if (from > start && isLowSurrogate(this.text.charCodeAt(from))) from--;
    if (to < end && isLowSurrogate(this.text.charCodeAt(to))) to++;
    const before = from > start ? "…" : "";
    const after = to < end ? "…" : "";
    // A column past the line's end (a finding at the end of the file) stays past it.
    const past = Math.max(0, column - 1 - this.charsBefore(index, at));
    return { text: before + this.text.slice(from, to) + after, column: before.length + countCodePoints(this.text, from, at) + past + 1 };
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
    const clamped = Math.max(0, Math.min(start, this.text.length));
    const stop = Math.min(end, this.lineEnd(this.lineIndexAt(clamped)));
    return Math.max(1, countCodePoints(this.text, clamped, stop));
  }
}

/** Code units between checkpoints on a long line. */
const CHECKPOINT = 4096;

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Whether a surrogate pair (one character, two code units) starts at `i`. */
function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
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
