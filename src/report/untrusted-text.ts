/**
 * Values from data files (names, notes, folder names, imported cells) are untrusted in every
 * output. This module is the one place that decides how such text is shown: control characters
 * and bidi overrides made visible, line breaks kept out of one-line places, huge values cut,
 * and the per-format escaping of Markdown. The renderers (tabular.ts, monthly.ts, bonus.ts,
 * diagnostics.ts, ics.ts, import/render.ts) call it on every piece of text they print; JSON
 * keeps values whole (JSON.stringify escapes control characters itself); HTML and its chart
 * go through escapeXml (svg-chart.ts), which shows controls with `visibleControls` first.
 *
 * How a character is shown: a control character (U+0000–U+001F but tab and newline, DEL, and
 * U+0080–U+009F) as `\x` and two hex digits (ESC as `\x1B`, BEL `\x07`, NUL `\x00`, a lone CR
 * `\x0D`); a bidi override, embedding or isolate (U+202A–U+202E, U+2066–U+2069) as `\u` and
 * four (`\u202E`). Shown forms are plain ASCII, so a table measures them like any other text.
 */

/**
 * What a person reads of one value in a table cell or a quoted value (a terminal line cannot
 * show more): the same limit as values quoted in validation messages.
 */
export const MAX_CELL_CHARS = 200;
/** What a line of text (a title, a paragraph that quotes a value) shows at most. */
export const MAX_LINE_CHARS = 1000;
/** A spreadsheet cell holds at most this many characters (Excel's limit); CSV cells are cut there. */
export const MAX_SPREADSHEET_CELL_CHARS = 32_767;

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
/** Anything `terminalCell` would change but length: most cells hold none, and are taken as they are. */
const CELL_WORK = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether text holds a character that `visibleControls` would show (tab and newline do not count). */
export function hasControlCharacter(text: string): boolean {
  return UNSAFE.test(text);
}

/** Where text holds the first such character, or -1. */
export function firstControlCharacter(text: string): number {
  return text.search(UNSAFE);
}

/** `\x1B`, `\u202E`: how one character is shown. */
export function shownCharacter(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Control characters and bidi overrides shown; tab and newline kept. */
export function visibleControls(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, shownCharacter) : text;
}

/** At most `max` characters, the last of them an ellipsis when cut; never half a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** One line: line breaks (CRLF, CR, LF, U+2028/2029) and tabs as spaces. */
function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, " ").replace(/\t/g, " ");
}

/** A table cell or a quoted value on a terminal: one line, cut, every character visible. */
export function terminalCell(text: string): string {
  // The common case first: a table of a head office's follow-ups has 200,000 cells.
  if (text.length <= MAX_CELL_CHARS && !CELL_WORK.test(text)) return text;
  return visibleControls(oneLine(shorten(text, MAX_CELL_CHARS)));
}

/**
 * Text for a spreadsheet cell (CSV or xlsx): cut at what a cell holds, CRLF and CR as the
 * newline of a multi-line cell, control characters shown (XML, inside an xlsx, cannot even
 * hold most of them). Tabs stay.
 */
export function spreadsheetText(text: string): string {
  return visibleControls(shorten(text, MAX_SPREADSHEET_CELL_CHARS).replace(/\r\n?/g, "\n"));
}

/** One line for a terminal (a message, a path): cut, line breaks as spaces, every character visible. */
export function terminalLine(text: string): string {
  return visibleControls(oneLine(shorten(text, MAX_LINE_CHARS)));
}

/** Lines of text for a terminal (newlines kept, tabs as spaces): cut, every character visible. */
export function terminalText(text: string): string {
  return visibleControls(shorten(text, MAX_LINE_CHARS).replace(/\r\n?/g, "\n").replace(/\t/g, " "));
}

/**
 * ASCII punctuation that Markdown (CommonMark and GitHub's) reads as markup anywhere in a
 * line: emphasis, code, links and images, raw HTML, entities, tables, strikethrough, maths.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>|!#~&$]/g;

/**
 * Text inside a line of Markdown that can never become markup: cut to `max`, line breaks as
 * spaces, control characters shown, punctuation backslash-escaped, and bare links (`http://`,
 * `www.`, `a@b.cn`) broken so that no renderer links them.
 */
export function markdownInline(text: string, max: number = MAX_CELL_CHARS): string {
  return visibleControls(oneLine(shorten(text, max)))
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/([A-Za-z]):(?=\/\/)/g, "$1\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/@/g, "\\@");
}

/**
 * A paragraph, title or note of Markdown: as `markdownInline`, and a start that would open a
 * block (a list item `- `, `+ `, `1. `, indented code) escaped as well.
 */
export function markdownText(text: string): string {
  return markdownInline(text.replace(/^\s+/, ""), MAX_LINE_CHARS).replace(/^([-+=]|\d+(?=[.)]))/, (marker: string) => (/^\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
}
