/**
 * Writing a value on one line of YAML text directly, without building a YAML document for it:
 * what `import` uses for every value of a sheet of 200,000 rows, where a document per value
 * cost more than everything else together (issue 29).
 *
 * The output reads back as the same value with both of our parsers (the full one and the fast
 * one, src/load/parse-yaml.ts), under YAML 1.2's core schema, wherever the line goes: after
 * `key: ` in a block mapping, as an item of a block list, or inside a one-line `{…}` or `[…]`
 * (`flow`). tests/edit/yaml-value.test.ts holds it to that with generated values.
 *
 * Text is written plain where plain text reads back as itself, else double-quoted with escapes;
 * it follows the choices `oneLineYaml` (yaml-list.ts) makes for the values import writes, so
 * files look as they did (`birthday: 1968-01-18`, `phone: "13900000000"`, `note: "a, b"` in a
 * one-line entry), byte for byte (a property test compares the two), except that: a tab, DEL and
 * the C1 controls are escaped (`\t`, `\x7f`); U+2028, U+2029 (line breaks to a YAML 1.1
 * reader), U+FEFF, U+FFFE and U+FFFF are quoted and escaped; text beginning with `?` or `:` is
 * quoted.
 */

/** A value this writer cannot write so that it reads back (a Date, undefined, a class instance). */
export class UnwritableValueError extends Error {}

export interface YamlValueOptions {
  /** Inside `{…}` or `[…]`: commas and brackets must be quoted too. */
  flow?: boolean;
  /** The key the value is written under, if any: decides `alwaysQuoted`. */
  key?: string;
  /** Keys whose text values are always double-quoted (phone numbers: no tool reads them as numbers). */
  alwaysQuoted?: ReadonlySet<string>;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * A plain value's text, or throws UnwritableValueError. Mappings and lists are written in flow
 * style (`{a: 1, b: [x, y]}`), their keys in the order given.
 */
export function yamlValue(value: unknown, options: YamlValueOptions = {}): string {
  return write(value, options.flow === true, options.key, options.alwaysQuoted ?? NO_KEYS);
}

function write(value: unknown, flow: boolean, key: string | undefined, alwaysQuoted: ReadonlySet<string>): string {
  switch (typeof value) {
    case "string":
      return key !== undefined && alwaysQuoted.has(key) ? doubleQuoted(value) : yamlText(value, flow);
    case "number":
      return numberText(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map((item) => write(item, true, undefined, alwaysQuoted)).join(", ")}]`;
      if (isPlainObject(value)) {
        const pairs: string[] = [];
        for (const [k, v] of Object.entries(value)) pairs.push(`${keyText(k)}: ${write(v, true, k, alwaysQuoted)}`);
        return `{${pairs.join(", ")}}`;
      }
      throw new UnwritableValueError(`a ${value.constructor?.name ?? "object"} is not a value a data file holds`);
    default:
      throw new UnwritableValueError(`a ${typeof value} is not a value a data file holds`);
  }
}

/** Why yamlValue would refuse a value (as its UnwritableValueError says), or null: the check without the writing. */
export function unwritableReason(value: unknown): string | null {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return null;
    case "object": {
      if (value === null) return null;
      const items = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : null;
      if (items === null) return `a ${value.constructor?.name ?? "object"} is not a value a data file holds`;
      for (const item of items) {
        const why = unwritableReason(item);
        if (why !== null) return why;
      }
      return null;
    }
    default:
      return `a ${typeof value} is not a value a data file holds`;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A mapping key: a field name as it is (`phone`), anything else as text would be written. */
function keyText(key: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(key) && !RESOLVES_TO_OTHER_TYPE.test(key) ? key : yamlText(key, true);
}

/** Numbers as YAML 1.2's core schema reads them back. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (value === Infinity) return ".inf";
  if (value === -Infinity) return "-.inf";
  if (Object.is(value, -0)) return "-0";
  return String(value);
}

/**
 * Plain text that the core schema reads as something else: null, a boolean, an integer (also
 * octal `0o17` and hexadecimal `0x1F`), a float, infinity or not-a-number.
 */
const RESOLVES_TO_OTHER_TYPE =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * Text that cannot be plain, wherever it goes: an indicator first (`#`, `&`, `'`, `"`, `@`, `?`,
 * `:`…), a `-` alone or before a blank (`- a`; `--06-15` stays plain), `: ` or ` #` inside, a blank or `:` at the end, a
 * blank first, a document marker first (`---`, `...`), and any character that is not printable
 * as it is or is a line break or a tab (written escaped).
 */
const NOT_PLAIN = /^[ ,[\]{}#&*!|>'"%@`?:]|^-(?: |$)|^(?:---|\.\.\.)|: |:$| #| $|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\u2028\u2029\ufeff]/u;

/** Inside `{…}` or `[…]` commas and brackets end a plain value, and `:` before them makes a key. */
const NOT_PLAIN_IN_FLOW = /[,[\]{}]/;

/**
 * Text on one line: plain where it reads back as itself, else quoted: in single quotes when it
 * holds a `"` but no `'` and nothing that needs an escape (as the yaml package writes it:
 * `'客户说: "下周再联系"'`), else in double quotes.
 */
export function yamlText(text: string, flow = false): string {
  if (text === "" || NOT_PLAIN.test(text) || (flow && NOT_PLAIN_IN_FLOW.test(text)) || RESOLVES_TO_OTHER_TYPE.test(text)) {
    const single = text.includes('"') && !text.includes("'") && !NEEDS_ESCAPE_IN_SINGLE_QUOTES.test(text) && !(/^(?:%|---|\.\.\.)/.test(text) && !YAML_PACKAGE_QUOTES.test(text));
    return single ? `'${text}'` : doubleQuoted(text);
  }
  return text;
}

/**
 * Where the yaml package quotes text rather than trying it plain. Text it would try plain but that
 * begins like a document marker (`...`, `---`, `%`) it writes as a block, which oneLineYaml turned
 * into double quotes: so does this writer, to write what it wrote.
 */
const YAML_PACKAGE_QUOTES = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/** What single quotes cannot hold on one line: no escapes there. */
const NEEDS_ESCAPE_IN_SINGLE_QUOTES = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\0": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
  "\x85": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

/**
 * Characters written as escapes inside double quotes: the backslash and the quote, every control
 * character, line and paragraph separators, the BOM, lone surrogates, U+FFFE and U+FFFF (not
 * characters a YAML text may hold as they are).
 */
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Double-quoted text on one line, every character that must be escaped escaped. */
export function doubleQuoted(text: string): string {
  return `"${text.replace(NEEDS_ESCAPE, escapeOne)}"`;
}

function escapeOne(ch: string): string {
  const known = ESCAPES[ch];
  if (known !== undefined) return known;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
