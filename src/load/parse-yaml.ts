/**
 * YAML 1.2 parsing that keeps source positions and turns every way a file can be malformed
 * into a located problem instead of an exception.
 */
import { load as loadFast } from "js-yaml";
import { isAlias, isCollection, isMap, isNode, isScalar, parseDocument, visit, type Document } from "yaml";
import type { FindingCode } from "../findings.js";
import { diagnoseSyntax } from "./syntax-diagnosis.js";
import { withoutStackTraces, YAML_PARSE_OPTIONS, type ParseProblem } from "./yaml-options.js";
import { describeRecordConflict, recordConflictLabel } from "../merge/conflict-description.js";

export interface ParsedYaml {
  /** The document, or null when the text could not be parsed at all. */
  doc: Document.Parsed | null;
  /** The plain value (objects, arrays, strings, numbers, booleans, null); undefined when unusable. */
  data: unknown;
  problems: ParseProblem[];
}

/**
 * Nesting deeper than this (flow brackets, plus the indentation and `-`/`?`/`:` indicators of
 * block structure) is refused before the parser sees it: the parser recurses once per level and
 * runs out of stack at about 900 levels, where V8 may even abort the process.
 */
const MAX_DEPTH = 500;
/** Syntax errors reported per file at most. */
const MAX_SYNTAX_PROBLEMS = 100;
/** Alias expansions allowed when building values: a guard against "billion laughs" files. */
const MAX_ALIAS_COUNT = 100;
/** The tags of YAML 1.2's core schema. Explicit others (!!binary, !!timestamp, !custom) are refused. */
const CORE_TAGS = new Set([
  "tag:yaml.org,2002:str",
  "tag:yaml.org,2002:int",
  "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null",
  "tag:yaml.org,2002:map",
  "tag:yaml.org,2002:seq",
]);



const MERGE_MARKER = /^(<{7}|={7}|>{7})(?: |\r?$)/;

export function parseYaml(text: string): ParsedYaml {
  const conflicts = findMergeConflictMarkers(text);
  if (conflicts.length > 0) return { doc: null, data: undefined, problems: conflicts };

  const tooDeep = findExcessiveDepth(text);
  if (tooDeep !== null) return { doc: null, data: undefined, problems: [tooDeep] };

  let doc: Document.Parsed;
  try {
    // The parser's own check of duplicate keys compares each key with every one before it: an
    // entry of 200,000 keys took minutes (issue 28). So a first parse leaves it out and keys
    // are checked here with a set; a document with a duplicate is parsed again with the
    // parser's check, whose errors the diagnosis reads.
    // The parser's check only adds DUPLICATE_KEY errors: without a duplicate, parsing again
    // would give the same errors, at twice the time and memory (a file of 450,000 broken lines
    // was parsed twice, and ran out of heap: issue 28).
    doc = withoutStackTraces(() => parseDocument(text, { ...YAML_PARSE_OPTIONS, uniqueKeys: false }));
    if (hasDuplicateKey(doc)) doc = withoutStackTraces(() => parseDocument(text, YAML_PARSE_OPTIONS));
  } catch (error) {
    // The parser throws only on resource exhaustion (e.g. stack depth); report it at the top.
    const detail = String((error as Error).message ?? error);
    if (/call stack/i.test(detail)) return { doc: null, data: undefined, problems: [{ code: "YAML_TOO_DEEP", start: 0, end: 0, params: { limit: MAX_DEPTH } }] };
    return { doc: null, data: undefined, problems: [{ code: "YAML_SYNTAX", start: 0, end: 0, params: { reason: "IMPOSSIBLE" } }] };
  }

  const problems: ParseProblem[] = [];
  // Should the parser run out of stack, that is nesting too deep, not a syntax error.
  const exhausted = doc.errors.find((error) => /call stack/i.test(error.message));
  if (exhausted) return { doc, data: undefined, problems: [{ code: "YAML_TOO_DEEP", start: exhausted.pos[0], end: exhausted.pos[1], params: { limit: MAX_DEPTH } }] };
  // One broken line can make the parser report an error per following token (100,000 for a
  // line of `}]}]…`): the first MAX_SYNTAX_PROBLEMS are enough to find the mistake.
  // A document with syntax errors is the parser's guess at what was meant: a list or mapping
  // used as a key there (a full-width colon after a tab, say) is the mistake's echo, not another.
  if (doc.errors.length > 0) return { doc, data: undefined, problems: diagnoseSyntax(text, doc.errors.slice(0, MAX_SYNTAX_PROBLEMS)) };
  problems.push(...findUnsupportedTags(doc, text));
  problems.push(...findCollectionKeys(doc));
  if (problems.length > 0) return { doc, data: undefined, problems };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc, data, problems };
  } catch (error) {
    const at = firstAliasOffset(doc);
    const code: FindingCode = error instanceof ReferenceError ? "YAML_ALIAS_LIMIT" : "YAML_SYNTAX";
    return { doc, data: undefined, problems: [{ code, start: at, end: at + 1, params: code === "YAML_SYNTAX" ? { reason: "IMPOSSIBLE" } : {} }] };
  }
}

/** Whether a mapping of `doc` has a scalar key twice (as the parser's uniqueKeys compares: by value). */
function hasDuplicateKey(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) {
          found = true;
          return visit.BREAK;
        }
        seen.add(value);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Git conflict markers at the start of a line: the file is mid-merge, not merely malformed. Each
 * conflict is reported at its `<<<<<<<` line; a `=======` or `>>>>>>>` line whose opening marker
 * was deleted is reported itself.
 */
function findMergeConflictMarkers(text: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  let offset = 0;
  let open = false;
  // issue 26: a block the merge driver wrote around one record is named by record and field.
  let block: { start: number; label: string | null; ours: string[]; theirs: string[]; side: "ours" | "theirs" } | null = null;
  for (const line of text.split("\n")) {
    const marker = line.startsWith("<<<<<<<") || line.startsWith("=======") || line.startsWith(">>>>>>>") ? MERGE_MARKER.exec(line)?.[1] : undefined;
    if (marker === undefined) block?.[block.side].push(line);
    if (marker !== undefined) {
      if (marker.startsWith("<")) {
        // A block opened inside another: the first one is not one of the driver's.
        if (block !== null) problems.push(...describeBlock({ ...block, label: null }));
        open = true;
        block = { start: offset, label: recordConflictLabel(line), ours: [], theirs: [], side: "ours" };
      }
      if (marker.startsWith("=") && block !== null) block.side = "theirs";
      if (!marker.startsWith("<") && !open) problems.push({ code: "MERGE_CONFLICT", start: offset, end: offset + 7, params: {} });
      if (marker.startsWith(">")) {
        if (block !== null) problems.push(...describeBlock(block));
        block = null;
        open = false;
      }
    }
    offset += line.length + 1;
  }
  if (block !== null) problems.push(...describeBlock({ ...block, label: null }));
  return problems.sort((a, b) => a.start - b.start);
}

/** The driver's block as one RECORD_CONFLICT per field; any other (git's own) as one MERGE_CONFLICT. */
function describeBlock(block: { start: number; label: string | null; ours: string[]; theirs: string[] }): ParseProblem[] {
  const at = { start: block.start, end: block.start + 7 };
  const fields = block.label === null ? null : describeRecordConflict(block.ours.join("\n"), block.theirs.join("\n"));
  if (fields === null) return [{ code: "MERGE_CONFLICT", ...at, params: {} }];
  return fields.map((f) => ({ code: "RECORD_CONFLICT", ...at, params: { record: block.label!, field: f.field, ours: f.ours, theirs: f.theirs } }));
}

/**
 * A cheap scan for nesting past the limit, ignoring quoted text and comments. A line's block
 * depth is bounded by its indentation plus the `- `, `? ` and `: ` indicators on it (each level
 * takes one of them at least; the parser also recurses on them where they are errors, as in
 * `a: - - - …` or inside a flow collection); flow brackets add to it and may span lines. It
 * may overestimate (a note with hundreds of ` - `), never underestimate.
 */
function findExcessiveDepth(text: string): ParseProblem | null {
  const tooDeep = (at: number): ParseProblem => ({ code: "YAML_TOO_DEEP", start: at, end: at + 1, params: { limit: MAX_DEPTH } });
  const isBlank = (ch: string | undefined) => ch === undefined || ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
  let depth = 0;
  let lineDepth = 0;
  let indenting = true;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n" || c === "\r") {
      if (quote === "'") quote = null;
      if (quote === null) {
        lineDepth = 0;
        indenting = true;
      }
      continue;
    }
    if (quote !== null) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (indenting && (c === " " || c === "\t")) {
      if (lineDepth + depth + 1 > MAX_DEPTH) return tooDeep(i);
      lineDepth++;
      continue;
    }
    const prev = i === 0 ? undefined : text[i - 1];
    indenting = false;
    if ((c === "-" || c === "?" || c === ":") && isBlank(text[i + 1]) && (c === ":" || isBlank(prev) || prev === "[" || prev === "{" || prev === ",")) {
      // Inside brackets a `:` separates a key from its value; the brackets count the nesting
      // (one-line JSON of 110 entries was refused: issue 28).
      if (c === ":" && depth > 0) continue;
      if (++lineDepth + depth > MAX_DEPTH) return tooDeep(i);
    } else if ((c === '"' || c === "'") && (prev === undefined || /[\s[{,:?-]/.test(prev))) {
      // A quote opens a quoted scalar only where one can start; inside a plain word it is text.
      quote = c;
    } else if (c === "#" && isBlank(prev)) {
      // A comment runs to the end of the line.
      while (i + 1 < text.length && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
    } else if (c === "[" || c === "{") {
      if (lineDepth + ++depth > MAX_DEPTH) return tooDeep(i);
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return null;
}

/**
 * Mapping keys that are lists or mappings (`[a, b]: 1`, `? - a`): never meaningful in this data,
 * and building values from them stringifies every nested key again, which takes minutes for a
 * few hundred bytes of `? ? ? …`. Each is refused at its outermost key.
 */
function findCollectionKeys(doc: Document.Parsed): ParseProblem[] {
  const problems: ParseProblem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key;
      const target = isAlias(key) ? key.resolve(doc) : key;
      if (!isCollection(target)) return undefined;
      const start = isNode(key) && key.range ? key.range[0] : 0;
      problems.push({ code: "YAML_SYNTAX", start, end: start + 1, params: { reason: "COLLECTION_KEY" } });
      return visit.SKIP;
    },
  });
  return problems;
}

function findUnsupportedTags(doc: Document.Parsed, text: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  visit(doc, (_key, node) => {
    if (isNode(node) && !isAlias(node) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const [valueStart] = node.range ?? [0, 0];
      // The node's range starts at its value; point at the tag written before it.
      const lineStart = text.lastIndexOf("\n", valueStart - 1) + 1;
      const bang = text.lastIndexOf("!", valueStart);
      const start = bang >= lineStart ? firstTagChar(text, bang) : valueStart;
      problems.push({ code: "YAML_UNSUPPORTED_TAG", start, end: valueStart, params: { tag: node.tag } });
    }
  });
  return problems;
}

/** The first `!` of a tag like `!!binary` ending at `lastBang`. */
function firstTagChar(text: string, lastBang: number): number {
  let i = lastBang;
  while (i > 0 && text[i - 1] === "!") i--;
  return i;
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Shapes on which js-yaml and yaml read differently, or where js-yaml has no guard; text that
 * may hold one goes to the full parser. Each was found by the differential test
 * (tests/load/differential.test.ts). A false alarm costs only speed: plain text that happens
 * to match is read correctly, just more slowly.
 *
 * Each rule comes with the strings without which it cannot match: `includes` is native and
 * far cheaper than a multi-line regular expression, and most rules look for a character that
 * a clean file rarely holds, so the expression runs only when a hint is there (a head
 * office's 40 MB went from 0.6 s of routing to about 0.25 s). A rule without hints always runs.
 */
const NEEDS_FULL_PARSER: readonly { hints: readonly string[]; rule: RegExp }[] = [
  // Anchors, aliases and tags (js-yaml expands aliases without a limit), a bare `!` included.
  { hints: ["&", "*", "!"], rule: /(?:^|[\s[{,])[&*!](?:[^\s]|\s|$)/m },
  // Git conflict markers.
  { hints: ["<<<<<<<", "=======", ">>>>>>>"], rule: /^(?:<{7}|={7}|>{7})/m },
  // A null key: `~: 1`, `null: 1`, `: 1`, `{: a}`, `[:]`, also after any number of compact
  // sequence indicators (`- - : x`, where js-yaml also reads `- - : - ` that yaml refuses).
  { hints: [], rule: /^[ \t]*(?:-[ \t]+)*(?:~|null|Null|NULL)?:(?:[ \t]|$)|[[{,][ \t]*(?:(?:~|null|Null|NULL)[ \t]*)?:/m },
  // Explicit keys: `? a`, `- - ? a`.
  { hints: ["?"], rule: /(?:^[ \t]*(?:-[ \t]+)*|[[{,][ \t]*)\?(?:[ \t]|$)/m },
  // Hexadecimal and octal integers, which js-yaml reads as numbers and the full parser as text.
  { hints: ["0x", "0o"], rule: /(?:^|[\s[{,:-])0[xo][0-9a-fA-F]/m },
  // Exponents that overflow a double.
  { hints: [], rule: /\d[eE][+-]?\d{3,}/ },
  // A CR that is not part of CRLF; a BOM anywhere (the loader removes one at the start).
  { hints: ["\r", "\uFEFF"], rule: /\r(?!\n)|\uFEFF/ },
  // \U escapes (past U+10FFFF js-yaml makes broken characters).
  { hints: ["\\U"], rule: /\\U/ },
  // A tab in indentation, or on a line of its own.
  { hints: ["\t"], rule: /^[ ]*\t/m },
  // Block scalar indicators (`|1`, `|+`, `>-`): js-yaml keeps different blank lines.
  { hints: ["|", ">"], rule: /[|>][1-9+-]/ },
  // Document markers and directives, indented or not.
  { hints: ["...", "---", "%"], rule: /^[ \t]*(?:\.\.\.|---|%)/m },
  // Text after a flow or quoted item of a block sequence: `- [a] b: c`, `- - [a] b: c`.
  { hints: ["-"], rule: /^[ \t]*(?:-[ \t]+)+(?:\[[^\n]*\]|\{[^\n]*\}|"[^\n]*"|'[^\n]*')[ \t]+[^#\s]/m },
];

/** Flow brackets past this count go to the full parser, whose depth guard then decides. */
const FAST_BRACKET_LIMIT = 1000;

/** An implicit key may be at most 1024 characters; a longer line may hold one. */
const MAX_KEY_LENGTH = 1024;

function hasLongLine(text: string): boolean {
  // indexOf is native; the regular expression /[^\n]{1025}/ took seconds on a head office's files.
  let start = 0;
  for (let end = text.indexOf("\n"); ; end = text.indexOf("\n", start)) {
    if ((end === -1 ? text.length : end) - start > MAX_KEY_LENGTH) return true;
    if (end === -1) return false;
    start = end + 1;
  }
}

function needsFullParser(text: string): boolean {
  if (NEEDS_FULL_PARSER.some(({ hints, rule }) => (hints.length === 0 || hints.some((hint) => text.includes(hint))) && rule.test(text))) return true;
  if (hasLongLine(text)) return true;
  let brackets = 0;
  for (let i = text.indexOf("["); i !== -1; i = text.indexOf("[", i + 1)) if (++brackets > FAST_BRACKET_LIMIT) return true;
  return false;
}

/**
 * The values of a clean file, read by js-yaml: about ten times faster than the full parser,
 * and for clean YAML 1.2 core documents the same values (the differential test holds the two
 * to that). Anything unusual, any error, and every file that must be located goes to
 * `parseYaml`, whose reading wins.
 */
export function parseYamlFast(text: string): { ok: true; data: unknown } | { ok: false } {
  if (needsFullParser(text)) return { ok: false };
  try {
    const data: unknown = loadFast(text);
    // js-yaml reads an empty or comment-only file as undefined; the full parser says null.
    return data === undefined ? { ok: false } : { ok: true, data };
  } catch {
    return { ok: false };
  }
}
