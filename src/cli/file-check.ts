/**
 * One file's check as a whole-repository load uses it, on this thread or a worker's (see
 * parallel-check.ts): the parse and schema check, the facts the cross-file rules read, and, as
 * asked, the value itself and its JSON text for the cache. A cold `validate` asks only for the
 * text, so the value dies where it was made and what crosses between threads is a string and a
 * few facts, not a structured clone of every record (issue 29).
 */
import type { RawFile } from "../load/repository.js";
import type { Finding } from "../findings.js";
import { checkFile } from "../validate/index.js";
import { factsOf, type FileFacts } from "../validate/cross-file-facts.js";
import { detachValue } from "../load/detach-strings.js";

/** What to keep of a checked file's value. */
export interface CheckWants {
  /** The parsed value itself (the model, or a command that edits files, needs it). */
  data: boolean;
  /** Its JSON text: what the cache's record of the file holds. */
  json: boolean;
}

/** What one file's check gives. */
export interface CheckedFile {
  /** The parsed value, when wanted and the file parsed. */
  data: unknown;
  /** Whether the file parsed (its value may have been let go). */
  parsed: boolean;
  findings: Finding[];
  facts: FileFacts;
  /** JSON.stringify of the value, when wanted and the file parsed. */
  json?: string;
  /**
   * For staff and prospects files whose value is not kept: the list's entries reduced to what the
   * people index (edit-load.ts, `peopleOf`) reads of them, in the shape of the file's value.
   */
  people?: unknown;
}

/** The fields of a staff or prospects entry that the people index reads (edit-load.ts `peopleOf`). */
const PEOPLE_INDEX_FIELDS = ["id", "name", "left", "left_note"] as const;

/**
 * `detach`: the value and what is made of it are kept on this thread after the file is checked
 * (see detach-strings.ts), so their strings are copied off the file's text.
 */
export function checkForLoad(raw: RawFile, wants: CheckWants, detach = false): CheckedFile {
  const { file, findings: found } = checkFile(raw);
  const value = detach ? detachValue(file.data) : file.data;
  const findings = detach ? detachValue(found) : found;
  const parsed = value !== undefined;
  const checked: CheckedFile = { data: wants.data ? value : undefined, parsed, findings, facts: factsOf(raw.kind, value) };
  if (wants.json && parsed) checked.json = JSON.stringify(value);
  if (!wants.data && (raw.kind === "staff" || raw.kind === "prospects")) checked.people = peopleValue(raw.kind, value);
  return checked;
}

/** What the people index keeps of a staff or prospects file's value; undefined exactly when the file did not parse (the index records that too). */
export function peopleValue(listKey: "staff" | "prospects", value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value !== "object" || Array.isArray(value)) return {};
  const list = (value as Record<string, unknown>)[listKey];
  if (!Array.isArray(list)) return {};
  return {
    [listKey]: list.map((entry: unknown) => {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return null;
      const kept: Record<string, unknown> = {};
      for (const field of PEOPLE_INDEX_FIELDS) {
        const fieldValue = (entry as Record<string, unknown>)[field];
        if (fieldValue !== undefined) kept[field] = fieldValue;
      }
      return kept;
    }),
  };
}
