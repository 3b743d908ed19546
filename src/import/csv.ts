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
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(cell);
    cell = "";
    rows.push(row);
    row = [];
  };
  // Cells are cut out of the text a run at a time, not built a character at a time: a sheet of
  // 200,000 rows made millions of one-character string pieces (issue 29).
  while (i < n) {
    if (quoted) {
      const quote = text.indexOf('"', i);
      if (quote === -1) {
        cell += text.slice(i);
        i = n;
        break;
      }
      cell += text.slice(i, quote);
      if (text[quote + 1] === '"') {
        cell += '"';
        i = quote + 2;
      } else {
        quoted = false;
        i = quote + 1;
      }
      continue;
    }
    const ch = text[i]!;
    if (ch === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = "";
      i++;
    } else if (ch === "\r") {
      endRow();
      i += text[i + 1] === "\n" ? 2 : 1;
    } else if (ch === "\n") {
      endRow();
      i++;
    } else {
      // A run of other characters; a quote inside a cell that did not start with one is text.
      let j = i + 1;
      while (j < n) {
        const c = text[j];
        if (c === delimiter || c === "\r" || c === "\n") break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  // The last record, unless the text ended with its line break.
  if (cell !== "" || row.length > 0 || quoted) endRow();
  return rows;
}
