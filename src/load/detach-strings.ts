/**
 * Issue 29: a string V8 cuts out of a longer one (13 characters or more) is a view into it, and
 * keeps all of it alive. A parser's values are cut out of the file's whole text, so a value kept
 * after its file is checked (a note, an address, a longer id) keeps that file's text: at 200
 * branches, 813 texts (29 MB of an 80 MB heap) were held by the model's strings alone. A worker
 * thread's values arrive as copies and hold nothing of the kind; a value parsed on this thread
 * and kept has its strings copied here.
 */

/** Shorter strings are always copied by V8 (SlicedString::kMinLength); only longer ones can hold their source. */
const MIN_VIEW_LENGTH = 13;

function detached(text: string): string {
  // A string of its own, exactly as long as the text: JSON's reader makes a new one.
  return text.length < MIN_VIEW_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * Replaces, in place, every string inside `value` (objects' and arrays' own values, at any depth)
 * by a copy that holds nothing else; returns `value` (a string: its copy). Keys are left: V8
 * keeps property names as strings of their own. A part reached twice (YAML aliases) is done once.
 */
export function detachStrings<T>(value: T): T {
  if (typeof value === "string") return detached(value) as T;
  if (value !== null && typeof value === "object") detachInside(value as object, new Set());
  return value;
}

function detachInside(container: object, seen: Set<object>): void {
  if (seen.has(container)) return;
  seen.add(container);
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const item: unknown = container[i];
      if (typeof item === "string") container[i] = detached(item);
      else if (item !== null && typeof item === "object") detachInside(item, seen);
    }
    return;
  }
  const record = container as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") record[key] = detached(item);
    else if (item !== null && typeof item === "object") detachInside(item, seen);
  }
}
