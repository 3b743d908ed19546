/**
 * CSV as Excel writes it: decoding the bytes (UTF-8 with or without a BOM, GBK/GB18030 from
 * Chinese Windows, UTF-16 from "Unicode text") and splitting records per RFC 4180 (quoted
 * cells may hold commas, quotes and line breaks). Pure: bytes in, rows of text out.
 */
import { isUtf8 } from "node:buffer";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false };

/**
 * UTF-8 first (strictly: a file that is valid UTF-8 is read as UTF-8), then GB18030, which
 * covers GBK and GB2312. A file that is neither is refused rather than read as mojibake.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    return isUtf8(rest) ? { ok: true, text: new TextDecoder("utf-8").decode(rest), encoding: "utf-8-bom" } : { ok: false };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith("utf-16le", bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith("utf-16be", bytes.subarray(2), "utf-16be");
  if (isUtf8(bytes)) return { ok: true, text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  return decodeWith("gb18030", bytes, "gb18030");
}

function decodeWith(label: string, bytes: Uint8Array, encoding: CsvEncoding): DecodedCsv {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { ok: false };
  }
}

/** The separator of the first record: comma, tab (Excel's "Unicode text") or semicolon (European Excel), by count outside quotes. */
export function sniffDelimiter(text: string): "," | "\t" | ";" {
  const counts = { ",": 0, "\t": 0, ";": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === "\t" || ch === ";")) counts[ch]++;
  }
  if (counts["\t"] > counts[","] && counts["\t"] >= counts[";"]) return "\t";
  if (counts[";"] > counts[","]) return ";";
  return ",";
}

/**
 * The records of a CSV text, each a list of cells. A record is what Excel shows as one row, so
 * record i (0-based) is row i + 1 even when a quoted cell holds line breaks.
 */
export function parseCsv(text: string, delimiter: string = sniffDelimiter(text)): string[][] {
  const records = splitCsv(text, delimiter);
  const rows: string[][] = new Array(records.count);
  for (let r = 0; r < records.count; r++) rows[r] = records.record(r);
  return rows;
}

/**
 * Where each record and cell of a CSV text is, found in one pass; a record's cells are cut out of
 * the text when it is asked for. Issue 29: a sheet of 200,000 rows read whole was 1.6 million
 * strings and 200,000 arrays, every one of them copied by the collector as it grew; an import
 * now makes a row's cells as it reads the row, and what it does not keep dies young.
 */
export class CsvRecords {
  constructor(
    private readonly text: string,
    /** Record r's cells are cells first[r] to first[r + 1] - 1. */
    private readonly first: Int32Array,
    /** Where each cell's text starts: a quoted cell at its opening quote. */
    private readonly starts: Int32Array,
    /** Where each cell ends; ~end (negative) when quotes are in it (read as the reader reads them). */
    private readonly ends: Int32Array,
    /** The number of records. */
    readonly count: number,
  ) {}

  /** The cells of record r (0-based), as parseCsv gives them. */
  record(r: number): string[] {
    const from = this.first[r]!;
    const to = this.first[r + 1]!;
    const cells: string[] = new Array(to - from);
    for (let c = from; c < to; c++) {
      const end = this.ends[c]!;
      cells[c - from] = end >= 0 ? this.text.slice(this.starts[c]!, end) : quotedCell(this.text, this.starts[c]!, ~end);
    }
    return cells;
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** A growable list of 32-bit integers. */
class IntList {
  values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * The records and cells of a CSV text. The reading is RFC 4180's as Excel writes it: a quote
 * opens a quoted part only at the start of a cell (or after a quoted part that added nothing),
 * "" in quotes is one quote, and a line break ends a record only outside quotes.
 */
export function splitCsv(text: string, delimiter: string = sniffDelimiter(text)): CsvRecords {
  const first = new IntList();
  const starts = new IntList();
  const ends = new IntList();
  let cellStart = 0;
  // Whether the cell so far reads as "" (a quote then opens a quoted part), and whether it has quotes.
  let empty = true;
  let quotes = false;
  let cellsInRecord = 0;
  let quoted = false;
  let i = 0;
  const n = text.length;
  // Compared as UTF-16 units: the loop reads every character of the sheet.
  const sep = delimiter.charCodeAt(0);
  const endCell = (end: number) => {
    if (cellsInRecord === 0) first.push(starts.length);
    starts.push(cellStart);
    ends.push(quotes ? ~end : end);
    cellsInRecord++;
    empty = true;
    quotes = false;
  };
  while (i < n) {
    if (quoted) {
      const quote = text.indexOf('"', i);
      if (quote === -1) {
        if (n > i) empty = false;
        i = n;
        break;
      }
      if (quote > i) empty = false;
      if (text.charCodeAt(quote + 1) === QUOTE) {
        empty = false;
        i = quote + 2;
      } else {
        quoted = false;
        i = quote + 1;
      }
      continue;
    }
    const ch = text.charCodeAt(i);
    if (ch === QUOTE && empty) {
      quoted = true;
      quotes = true;
      i++;
    } else if (ch === sep) {
      endCell(i);
      i++;
      cellStart = i;
    } else if (ch === CR || ch === LF) {
      endCell(i);
      cellsInRecord = 0;
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      cellStart = i;
    } else {
      // A run of other characters; a quote inside a cell that did not start with one is text.
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === sep || c === CR || c === LF) break;
        j++;
      }
      empty = false;
      i = j;
    }
  }
  // The last record, unless the text ended with its line break.
  if (!empty || cellsInRecord > 0 || quoted) endCell(n);
  const count = first.length;
  first.push(starts.length);
  return new CsvRecords(text, first.values.subarray(0, first.length), starts.values.subarray(0, starts.length), ends.values.subarray(0, ends.length), count);
}

/**
 * The text of a cell with quotes in it, text[start, end): quoted parts without their quotes and
 * with "" as one quote, the rest as written. The cell holds no separator or line break outside
 * its quoted parts (splitCsv ended it there), and an unclosed quote runs to its end.
 */
function quotedCell(text: string, start: number, end: number): string {
  let cell = "";
  let quoted = false;
  let i = start;
  while (i < end) {
    if (quoted) {
      const quote = text.indexOf('"', i);
      if (quote === -1 || quote >= end) {
        cell += text.slice(i, end);
        break;
      }
      cell += text.slice(i, quote);
      if (quote + 1 < end && text[quote + 1] === '"') {
        cell += '"';
        i = quote + 2;
      } else {
        quoted = false;
        i = quote + 1;
      }
    } else if (text[i] === '"' && cell === "") {
      quoted = true;
      i++;
    } else {
      cell += text.slice(i, end);
      break;
    }
  }
  return cell;
}
