/**
 * From the parser's errors to the mistake a person made. A single slip (a full-width `：`, a
 * tab, a missing `- ` or `]`) makes the parser report an error for many of the tokens after
 * it, in English; what helps is one diagnostic at the slip that says what to type instead.
 *
 * The first error is explained by the text around it; the slip is then repaired in a copy of
 * the text and the copy parsed again. What still fails after the repair, further down, is an
 * independent mistake and is explained in turn; what fails at or above the repaired line was
 * the repair's guess going wrong, and is not reported. Repairs never reach the data: a file
 * with a syntax error stays unread.
 */
import { parseDocument, type YAMLError } from "yaml";
import type { FindingCode } from "../findings.js";
import { withoutStackTraces, YAML_PARSE_OPTIONS, type ParseProblem } from "./yaml-options.js";

/** A diagnosed syntax problem, located by code-unit offsets into the original text. */
type SyntaxProblem = ParseProblem;

/** Independent mistakes explained per file at most (each costs a parse of the file). */
const MAX_ROUNDS = 10;

/**
 * Texts longer than this get their first mistake explained and no more: looking for a second
 * one parses the text again, and a head office's file of tens of megabytes takes seconds to.
 */
const MAX_REPARSED_LENGTH = 1_000_000;

/** Lines above the parser's first error where the slip that caused it may stand. */
const LOOK_BACK_LINES = 3;

/** A key as the data files write it (snake_case words), after an optional `- `. */
const KEY_START = /^([ ]*)(- +)?([A-Za-z_][A-Za-z0-9_-]*)/;

/** An edit of the working copy: `delta` code units inserted (or removed) at `at`. */
interface Shift {
  at: number;
  delta: number;
}

interface Diagnosis {
  problem: SyntaxProblem;
  /** The text with this mistake repaired, or null when no repair is known. */
  repaired: { text: string; shift: Shift | null; line: number } | null;
}

/**
 * The diagnostics of a text the parser refused, given the parser's errors (not empty): the
 * first real cause, then each independent mistake below it.
 */
export function diagnoseSyntax(text: string, firstErrors: readonly YAMLError[]): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const shifts: Shift[] = [];
  let working = text;
  let errors = firstErrors;
  let repairedLine = -1;
  for (let round = 0; round < MAX_ROUNDS && errors.length > 0; round++) {
    const first = errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    const diagnosis = diagnose(working, first, errors);
    const line = lineOf(working, diagnosis.problem.start);
    // After a repair, an error at or above the repaired line is the repair's own doing.
    if (round > 0 && line <= repairedLine) break;
    problems.push(toOriginal(diagnosis.problem, shifts));
    if (diagnosis.repaired === null || text.length > MAX_REPARSED_LENGTH) break;
    working = diagnosis.repaired.text;
    if (diagnosis.repaired.shift) shifts.push(diagnosis.repaired.shift);
    repairedLine = diagnosis.repaired.line;
    errors = withoutStackTraces(() => parseDocument(working, YAML_PARSE_OPTIONS).errors);
  }
  return problems;
}

/** A problem's offsets in the working copy mapped back to the original text. */
function toOriginal(problem: SyntaxProblem, shifts: readonly Shift[]): SyntaxProblem {
  const map = (offset: number) => {
    let out = offset;
    for (let i = shifts.length - 1; i >= 0; i--) if (shifts[i]!.at < out) out = Math.max(shifts[i]!.at, out - shifts[i]!.delta);
    return out;
  };
  return { ...problem, start: map(problem.start), end: Math.max(map(problem.start), map(problem.end)) };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

interface Line {
  index: number;
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    lines.push({ index, start, text: raw.endsWith("\r") ? raw.slice(0, -1) : raw });
    start += raw.length + 1;
  });
  return lines;
}

function replaceAt(text: string, at: number, removed: number, inserted: string): string {
  return text.slice(0, at) + inserted + text.slice(at + removed);
}

function diagnose(text: string, first: YAMLError, errors: readonly YAMLError[]): Diagnosis {
  const lines = linesOf(text);
  const errorLine = lineOf(text, first.pos[0]);

  if (first.code === "MULTIPLE_DOCS") return { problem: { code: "YAML_MULTIPLE_DOCUMENTS", start: first.pos[0], end: first.pos[1], params: {} }, repaired: null };
  if (first.code === "TAB_AS_INDENT") return tabIndent(text, lines, errorLine);
  if (first.code === "DUPLICATE_KEY") return duplicateKey(text, lines, first);
  const unclosedQuote = /Missing closing (["'])quote/.exec(first.message);
  if (unclosedQuote) return unclosed(text, lines, first, unclosedQuote[1]!);
  const bracket = /end with an? ([\]}])/.exec(first.message);
  if (bracket) return unclosedBracket(text, lines, first, bracket[1]!);

  // The slips of typing Chinese: on the error's line or just above it (the parser may notice
  // only on the next line), nearest first.
  for (let i = errorLine; i >= Math.max(0, errorLine - LOOK_BACK_LINES); i--) {
    const found = typingSlip(text, lines[i]!);
    if (found) return found;
  }
  // A line indented to no level of the lines above it (issue 24: three spaces where the keys
  // around have two or four): on the error's line, the line below it (the parser may notice
  // only on the line above), or just above.
  for (const i of [errorLine, errorLine + 1, ...Array.from({ length: LOOK_BACK_LINES }, (_, k) => errorLine - 1 - k)]) {
    if (i < 0 || i >= lines.length) continue;
    const found = badIndent(text, lines, i);
    if (found) return found;
  }
  // A tab elsewhere than at the error (the parser may first trip over what follows it).
  const tabbed = errors.find((e) => e.code === "TAB_AS_INDENT");
  if (tabbed) return tabIndent(text, lines, lineOf(text, tabbed.pos[0]));
  return {
    problem: { code: "YAML_SYNTAX", start: first.pos[0], end: Math.max(first.pos[0] + 1, first.pos[1]), params: { reason: syntaxReason(first) } },
    repaired: null,
  };
}

/**
 * What a parser error means, as a key of the message catalogue (`yaml.reason.*`): the parser's
 * own sentences are English and name its grammar, so they never reach the user.
 */
const REASONS: readonly [RegExp, string][] = [
  [/Implicit map keys need to be followed by map values/, "NO_COLON"],
  [/Implicit keys need to be on a single line/, "NO_COLON"],
  [/Nested mappings are not allowed in compact mappings/, "NESTED_ON_ONE_LINE"],
  [/Sequence item without - indicator/, "NO_DASH"],
  [/Missing ,|Missing , or :/, "NO_COMMA"],
  [/Missing space after :/, "NO_SPACE_AFTER_COLON"],
  [/Comments must be separated/, "COMMENT_NEEDS_SPACE"],
  [/All mapping items must start at the same column|All sequence items must start at the same column|indent/i, "BAD_INDENT"],
];

export function syntaxReason(error: YAMLError): string {
  for (const [pattern, reason] of REASONS) if (pattern.test(error.message)) return reason;
  return KNOWN_CODES.has(error.code) ? error.code : "OTHER";
}

/** Parser codes with their own explanation in the catalogue; the rest are explained as OTHER. */
const KNOWN_CODES: ReadonlySet<string> = new Set(["BAD_SCALAR_START", "UNEXPECTED_TOKEN", "BAD_DQ_ESCAPE", "KEY_OVER_1024_CHARS", "BLOCK_IN_FLOW", "BAD_ALIAS", "BAD_DIRECTIVE", "MULTIPLE_ANCHORS", "MULTIPLE_TAGS", "ALIAS_PROPS", "BAD_PROP_ORDER", "TAG_RESOLVE_FAILED"]);

/** Full-width `：` or space, or no space after `:`, on one line. */
function typingSlip(text: string, line: Line): Diagnosis | null {
  const fullIndent = /^[ ]*\u3000[\u3000 ]*/.exec(line.text);
  if (fullIndent) {
    const at = line.start + fullIndent[0].indexOf("\u3000");
    const fixed = fullIndent[0].replace(/\u3000/g, "  ");
    return {
      problem: { code: "YAML_FULLWIDTH_SPACE", start: at, end: at + 1, params: {} },
      repaired: { text: replaceAt(text, line.start, fullIndent[0].length, fixed), shift: { at: line.start, delta: fixed.length - fullIndent[0].length }, line: line.index },
    };
  }
  const key = KEY_START.exec(line.text);
  if (!key) return null;
  const after = line.start + key[0].length;
  const rest = line.text.slice(key[0].length);
  if (rest.startsWith("：")) {
    return slip(text, "YAML_FULLWIDTH_COLON", after, line, key[3]!, rest.startsWith("： ") ? ":" : ": ", 1);
  }
  if (rest.startsWith(":\u3000")) return slip(text, "YAML_FULLWIDTH_SPACE", after + 1, line, key[3]!, " ", 1);
  if (/^:[^\s:/]/.test(rest)) return slip(text, "YAML_NO_SPACE_AFTER_COLON", after, line, key[3]!, ": ", 1);
  return null;
}

function slip(text: string, code: FindingCode, at: number, line: Line, key: string, inserted: string, removed: number): Diagnosis {
  return {
    problem: { code, start: at, end: at + 1, params: { key } },
    repaired: { text: replaceAt(text, at, removed, inserted), shift: { at, delta: inserted.length - removed }, line: line.index },
  };
}

/** A line that holds something other than a comment. */
function isContent(line: Line): boolean {
  return !/^\s*(#.*)?$/.test(line.text);
}

/** Leading spaces, and the width of a `- ` that follows them (0 without one). */
function indentOf(line: Line): { indent: number; dash: number } {
  const m = /^( *)(- +)?/.exec(line.text)!;
  return { indent: m[1]!.length, dash: m[2]?.length ?? 0 };
}

/**
 * A `key:` or `- ` line whose indentation is none of the levels open above it — the key
 * columns and `- ` columns of the lines it could belong to — and that does not start a deeper
 * level under a `key:` line. Repaired in the copy by moving the line to the nearest level (the
 * level of the line above when two are as near); a `- ` line is not repaired, as the entries
 * after it would need moving too.
 */
function badIndent(text: string, lines: Line[], index: number): Diagnosis | null {
  const line = lines[index]!;
  if (!isContent(line) || line.text.includes("\t") || !/^ *(- +)?[^\s#-]/.test(line.text)) return null;
  const { indent, dash } = indentOf(line);
  if (dash === 0 && !KEY_START.test(line.text)) return null;
  const levels = new Set<number>([0]);
  let previous: { indent: number; dash: number; opens: boolean } | null = null;
  let limit = Infinity;
  for (let j = index - 1; j >= 0; j--) {
    const above = lines[j]!;
    if (!isContent(above) || above.text.includes("\t")) continue;
    const { indent: at, dash: width } = indentOf(above);
    if (previous === null) previous = { indent: at, dash: width, opens: /:\s*(#.*)?$/.test(above.text) };
    if (at < limit || j === index - 1) {
      levels.add(at + width);
      if (width > 0) levels.add(at);
      limit = Math.min(limit, at);
    }
    if (at === 0) break;
  }
  if (previous === null || levels.has(indent)) return null;
  // Deeper than a line that opens a block: a new level, not a slip.
  if (previous.opens && indent > previous.indent + previous.dash) return null;
  const keyColumn = previous.indent + previous.dash;
  const expected = [...levels].sort((a, b) => Math.abs(a - indent) - Math.abs(b - indent) || Number(b === keyColumn) - Number(a === keyColumn) || a - b)[0]!;
  const at = line.start;
  return {
    problem: { code: "YAML_BAD_INDENT", start: at, end: at + Math.max(1, indent), params: { actual: indent, expected } },
    repaired: dash > 0 ? null : { text: replaceAt(text, line.start, indent, " ".repeat(expected)), shift: { at: line.start, delta: expected - indent }, line: index },
  };
}

function tabIndent(text: string, lines: Line[], index: number): Diagnosis {
  const line = lines[index]!;
  const lead = /^[ \t]*/.exec(line.text)![0];
  // The indentation the line most likely meant: that of the line above, deeper after a `key:`.
  let above = "";
  for (let i = index - 1; i >= 0; i--) {
    if (lines[i]!.text.trim() !== "" && !lines[i]!.text.trim().startsWith("#")) {
      const text = lines[i]!.text.replace(/\t/g, "  ");
      above = /^[ ]*/.exec(text)![0];
      if (/:\s*$/.test(text)) above += "  ";
      else if (/^[ ]*- /.test(text)) above += "  ";
      break;
    }
  }
  const tab = line.start + lead.indexOf("\t");
  return {
    problem: { code: "YAML_TAB_INDENT", start: tab, end: tab + 1, params: {} },
    repaired: { text: replaceAt(text, line.start, lead.length, above), shift: { at: line.start, delta: above.length - lead.length }, line: index },
  };
}

function duplicateKey(text: string, lines: Line[], error: YAMLError): Diagnosis {
  const index = lineOf(text, error.pos[0]);
  const line = lines[index]!;
  const key = KEY_START.exec(line.text);
  const keyName = key?.[3] ?? text.slice(error.pos[0], error.pos[1]).replace(/:.*$/s, "");
  const at = error.pos[0];
  // `id: b` below an entry that starts with `- id: a`, at the entry's key indentation: the
  // `- ` of a new entry is missing (every key of it then repeats one of the entry above).
  if (key && key[2] === undefined) {
    const indent = key[1]!.length;
    for (let i = index - 1; i >= 0; i--) {
      const above = KEY_START.exec(lines[i]!.text);
      if (!above) continue;
      const aboveIndent = above[1]!.length + (above[2]?.length ?? 0);
      if (aboveIndent < indent) break;
      if (above[2] !== undefined && aboveIndent === indent && above[1]!.length + 2 <= indent) {
        if (above[3] !== keyName) break;
        const dash = line.start + indent - 2;
        return {
          problem: { code: "YAML_MISSING_DASH", start: at, end: at + keyName.length, params: { key: keyName } },
          repaired: { text: replaceAt(text, dash, 2, "- "), shift: null, line: index },
        };
      }
    }
  }
  const firstLine = firstOccurrenceLine(lines, index, keyName);
  // Renamed in the copy (same length), so that the next parse goes on to what follows.
  return {
    problem: { code: "YAML_DUPLICATE_KEY", start: at, end: at + keyName.length, params: { key: keyName, first: firstLine } },
    repaired: { text: replaceAt(text, at, 1, "\u00a4"), shift: null, line: index },
  };
}

/** The 1-based line where `key` is written before line `index` at the same level (nearest), else the line itself. */
function firstOccurrenceLine(lines: Line[], index: number, key: string): number {
  const levelOf = (m: RegExpExecArray) => m[1]!.length + (m[2]?.length ?? 0);
  const own = KEY_START.exec(lines[index]!.text);
  const level = own ? levelOf(own) : 0;
  let found = index;
  for (let i = index - 1; i >= 0; i--) {
    const m = KEY_START.exec(lines[i]!.text);
    if (!m) continue;
    if (levelOf(m) < level) break;
    if (levelOf(m) === level && m[3] === key) found = i;
    // An entry's `- ` starts the mapping: nothing above it belongs to it.
    if (levelOf(m) === level && m[2] !== undefined) break;
  }
  return found + 1;
}

/** A quote that opens a scalar and is never closed: reported where it opens. */
function unclosed(text: string, lines: Line[], error: YAMLError, quote: string): Diagnosis {
  const open = openingOf(text, error.pos[0], quote);
  const line = lines[lineOf(text, open)]!;
  const end = line.start + line.text.length;
  return {
    problem: { code: "YAML_UNCLOSED_QUOTE", start: open, end: open + 1, params: { quote } },
    repaired: { text: replaceAt(text, end, 0, quote), shift: { at: end, delta: 1 }, line: line.index },
  };
}

function unclosedBracket(text: string, lines: Line[], error: YAMLError, close: string): Diagnosis {
  const open = openingOf(text, error.pos[0], close === "]" ? "[" : "{");
  const line = lines[lineOf(text, open)]!;
  // The closing bracket goes at the end of the line, before a comment.
  const comment = /\s#/.exec(line.text);
  const end = line.start + (comment ? comment.index : line.text.trimEnd().length);
  return {
    problem: { code: "YAML_UNCLOSED_BRACKET", start: open, end: open + 1, params: { open: close === "]" ? "[" : "{", close } },
    repaired: { text: replaceAt(text, end, 0, close), shift: { at: end, delta: 1 }, line: line.index },
  };
}

/**
 * Where the scalar quote or flow bracket `opener` that is still open at `until` was opened,
 * skipping comments and quoted text; `until` itself when none is found.
 */
function openingOf(text: string, until: number, opener: string): number {
  const stack: { char: string; at: number }[] = [];
  let quote: { char: string; at: number } | null = null;
  for (let i = 0; i < Math.min(until, text.length); i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (quote.char === '"' && c === "\\") i++;
      else if (c === quote.char) {
        if (quote.char === "'" && text[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    const prev = i === 0 ? "\n" : text[i - 1]!;
    if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) quote = { char: c, at: i };
    else if (c === "#" && /\s/.test(prev)) while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    else if (c === "[" || c === "{") stack.push({ char: c, at: i });
    else if (c === "]" || c === "}") {
      // A `}` that closes a `[`: the `[` is the one never closed.
      const want = c === "]" ? "[" : "{";
      const top = stack[stack.length - 1];
      if (top && top.char === want) stack.pop();
      else if (top && top.char === opener) return top.at;
    }
  }
  if (quote !== null && quote.char === opener) return quote.at;
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.char === opener) return stack[k]!.at;
  return Math.min(until, text.length);
}
