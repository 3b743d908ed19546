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

/** A key or value that holds a control character, and where it stands. */
interface Found {
  path: (string | number)[];
  target: Target;
  text: string;
}

/** One CONTROL_CHARACTER finding per key or value that holds one. */
export function checkControlCharacters(file: LoadedFile): Finding[] {
  if (file.data === undefined || file.data === null) return [];
  const found: Found[] = [];
  walk(file.data, [], found);
  return found.map(({ path, target, text }) => located(file, path, target, text));
}

/**
 * Adds to `found` the keys and values under `value` that hold a control character, in the
 * order of the value. Issue 29: `path` is one stack, pushed and popped as the walk goes down
 * and up, and copied only for a finding: a head office's staff file has millions of keys and
 * values and nearly none holds such a character, and a path array each was a third of a
 * second of an import. (Arrays are walked by index: a parsed or built value has no holes.)
 */
function walk(value: unknown, path: (string | number)[], found: Found[]): void {
  if (typeof value === "string") {
    if (hasControlCharacter(value)) found.push({ path: [...path], target: "value", text: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, found);
      path.pop();
    }
  } else if (typeof value === "object" && value !== null) {
    // for...in over own keys: the order of Object.entries, without an array of pairs per mapping.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      if (hasControlCharacter(key)) found.push({ path: [...path], target: "key", text: key });
      walk((value as Record<string, unknown>)[key], path, found);
      path.pop();
    }
  }
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
