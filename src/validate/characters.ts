/**
 * Control characters in values: an ESC, BEL, NUL or lone CR in a name or a note would steer
 * the terminal of whoever prints it (clear the screen, plant a hyperlink, overwrite a line),
 * and a bidi override (U+202E) would show text in another order than it is written. No value
 * of this data needs one, so each is an error at the character itself (or at the value when
 * it was written as an escape, `"\e"`). A tab is allowed: YAML allows it in values, and
 * outputs show it as a space.
 */
import { locatePath, type Target } from "../load/locate.js";
import type { LoadedFile } from "../load/repository.js";
import { firstControlCharacter, hasControlCharacter } from "../report/untrusted-text.js";
import { formatPath, type Finding } from "../findings.js";

/** One CONTROL_CHARACTER finding per key or value that holds one. */
export function checkControlCharacters(file: LoadedFile): Finding[] {
  if (file.data === undefined || file.data === null) return [];
  const found: { path: (string | number)[]; target: Target; text: string }[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === "string") {
      if (hasControlCharacter(value)) found.push({ path, target: "value", text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (hasControlCharacter(key)) found.push({ path: [...path, key], target: "key", text: key });
        walk(item, [...path, key]);
      }
    }
  };
  walk(file.data, []);
  return found.map(({ path, target, text }) => located(file, path, target, text));
}

function located(file: LoadedFile, path: (string | number)[], target: Target, text: string): Finding {
  const span = locatePath(file, path, target);
  const source = file.source;
  const char = text[firstControlCharacter(text)]!;
  // The raw character in the file when it is there; else (an escape such as "\e") the value.
  const raw = source === null ? -1 : firstControlCharacter(source.text.slice(span.start, span.end));
  const offset = raw >= 0 ? span.start + raw : span.start;
  const pos = source ? source.positionAt(offset) : { line: 1, column: 1 };
  return {
    severity: "error",
    code: "CONTROL_CHARACTER",
    file: file.file,
    line: pos.line,
    column: pos.column,
    path: formatPath(path),
    length: raw >= 0 ? 1 : Math.max(1, source ? source.spanLength(span.start, span.end) : 1),
    params: { code: `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` },
  };
}
