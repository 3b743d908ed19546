/**
 * Issue 29: a string V8 cuts out of a longer one (13 characters or more) is a view into it, and
 * keeps all of it alive. A parser's values are cut out of the file's whole text, so a value kept
 * after its file is checked (a note, an address, a longer id) keeps that file's text: at 200
 * branches, 813 texts (29 MB of an 80 MB heap) were held by the model's strings alone. A worker
 * thread's values arrive as copies and hold nothing of the kind; a value parsed on this thread
 * and kept has its strings copied here.
 *
 * Lists likewise: the YAML reader builds a list by appending, and V8 gives a list of one item
 * room for 17 (the first append's growth), which a kept list keeps: at 200 branches the
 * activities' `with` lists alone took 6.1 MB, against 1.0 MB for the same lists read from JSON
 * or received from a worker (both exactly as long as the list). `detachValue` copies them too.
 */

/** Shorter strings are always copied by V8 (SlicedString::kMinLength); only longer ones can hold their source. */
const MIN_VIEW_LENGTH = 13;

function detached(text: string): string {
  // A string of its own, exactly as long as the text: JSON's reader makes a new one.
  return text.length < MIN_VIEW_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** `text` as a string of its own, equal to it and holding nothing else. */
export function detachString(text: string): string {
  return detached(text);
}

/**
 * What to keep of a parsed value: every string inside it (objects' and arrays' own values, at any
 * depth) replaced by a copy that holds nothing else, and every list (`value` itself, when a list)
 * by a copy exactly as long as it; objects are kept and changed in place. Keys are left: V8 keeps
 * property names as strings of their own. A part reached twice (YAML aliases) is done once, and
 * both places hold what replaced it.
 */
export function detachValue<T>(value: T): T {
  if (typeof value === "string") return detached(value) as T;
  if (value !== null && typeof value === "object") return detachInside(value as object, new Map()) as T;
  return value;
}

/** The container with its strings detached (a list: its exact copy); `done` maps each container met to what replaced it. */
function detachInside(container: object, done: Map<object, object>): object {
  const known = done.get(container);
  if (known !== undefined) return known;
  if (Array.isArray(container)) {
    // slice() allocates exactly the list's length. Registered before its items, so that a list
    // inside itself (a cycle) ends.
    const list: unknown[] = container.slice();
    done.set(container, list);
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (typeof item === "string") list[i] = detached(item);
      else if (item !== null && typeof item === "object") list[i] = detachInside(item, done);
    }
    return list;
  }
  done.set(container, container);
  const record = container as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    // A copied string is equal to the original (=== cannot tell them apart): always set.
    if (typeof item === "string") setOwn(record, key, detached(item));
    else if (item !== null && typeof item === "object") {
      const replacement = detachInside(item, done);
      if (replacement !== item) setOwn(record, key, replacement);
    }
  }
  return container;
}

/** Sets an own property; `__proto__` (a key YAML may hold) is defined rather than assigned, which would change the prototype. */
function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
