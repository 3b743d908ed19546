/**
 * YAML 1.2 parsing that keeps source positions and turns every way a file can be malformed
 * into a located problem instead of an exception.
 */
import { load as loadFast } from "js-yaml";
import { isAlias, isNode, parseDocument, visit, type Document } from "yaml";
import type { FindingCode } from "../validate/findings.js";

/** A problem found while parsing, located by code-unit offsets into the text. */
export interface ParseProblem {
  code: FindingCode;
  start: number;
  end: number;
  params: Record<string, string | number>;
}

export interface ParsedYaml {
  /** The document, or null when the text could not be parsed at all. */
  doc: Document.Parsed | null;
  /** The plain value (objects, arrays, strings, numbers, booleans, null); undefined when unusable. */
  data: unknown;
  problems: ParseProblem[];
}

/** Flow collections nested deeper than this are refused before the parser sees them: the parser's memory grows with depth. */
const MAX_FLOW_DEPTH = 1000;
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

const MERGE_MARKER = /^(<{7}|={7}|>{7})(?: |$)/;

export function parseYaml(text: string): ParsedYaml {
  const conflicts = findMergeConflictMarkers(text);
  if (conflicts.length > 0) return { doc: null, data: undefined, problems: conflicts };

  const tooDeep = findExcessiveFlowDepth(text);
  if (tooDeep !== null) return { doc: null, data: undefined, problems: [tooDeep] };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (error) {
    // The parser throws only on resource exhaustion (e.g. stack depth); report it at the top.
    return { doc: null, data: undefined, problems: [{ code: "YAML_SYNTAX", start: 0, end: 0, params: { detail: String((error as Error).message ?? error) } }] };
  }

  const problems: ParseProblem[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    problems.push({ code: yamlErrorCode(error.code), start, end, params: { detail: firstLine(error.message) } });
  }
  problems.push(...findUnsupportedTags(doc, text));
  if (problems.length > 0) return { doc, data: undefined, problems };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc, data, problems };
  } catch (error) {
    const at = firstAliasOffset(doc);
    const code: FindingCode = error instanceof ReferenceError ? "YAML_ALIAS_LIMIT" : "YAML_SYNTAX";
    return { doc, data: undefined, problems: [{ code, start: at, end: at + 1, params: { detail: firstLine(String((error as Error).message)) } }] };
  }
}

function yamlErrorCode(code: string): FindingCode {
  switch (code) {
    case "DUPLICATE_KEY":
      return "YAML_DUPLICATE_KEY";
    case "TAB_AS_INDENT":
      return "YAML_TAB_INDENT";
    case "MULTIPLE_DOCS":
      return "YAML_MULTIPLE_DOCUMENTS";
    default:
      return "YAML_SYNTAX";
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/** Git conflict markers at the start of a line: the file is mid-merge, not merely malformed. */
function findMergeConflictMarkers(text: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("<<<<<<<") && MERGE_MARKER.test(line)) {
      problems.push({ code: "MERGE_CONFLICT", start: offset, end: offset + 7, params: {} });
    }
    offset += line.length + 1;
  }
  return problems;
}

/** A cheap scan for flow brackets nested past the limit, ignoring quoted text and comments. */
function findExcessiveFlowDepth(text: string): ParseProblem | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === "\n" && quote === "'") quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_FLOW_DEPTH) return { code: "YAML_TOO_DEEP", start: i, end: i + 1, params: { limit: MAX_FLOW_DEPTH } };
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return null;
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
 * Anchors, aliases and tags: the two parsers treat them differently (js-yaml expands aliases
 * without a limit and knows other tags), so text that may hold one goes to the full parser.
 * Plain text that merely contains `&`, `*` or `!` inside a word stays on the fast path.
 */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,])[&*!][^\s]|^(?:<{7}|={7}|>{7})/m;

/**
 * The values of a clean file, read by js-yaml: about ten times faster than the full parser,
 * and for clean YAML 1.2 core documents the same values (the differential test holds the two
 * to that). Anything unusual, any error, and every file that must be located goes to
 * `parseYaml`, whose reading wins.
 */
export function parseYamlFast(text: string): { ok: true; data: unknown } | { ok: false } {
  if (NEEDS_FULL_PARSER.test(text)) return { ok: false };
  try {
    const data: unknown = loadFast(text);
    // js-yaml reads an empty or comment-only file as undefined; the full parser says null.
    return data === undefined ? { ok: false } : { ok: true, data };
  } catch {
    return { ok: false };
  }
}
