/**
 * Reading a spreadsheet into a grid of cells, whatever it came as: an .xlsx workbook (through
 * read-excel-file, which gives numbers, booleans, text and real dates) or a CSV file (text
 * only, in UTF-8 or GBK). Row and column numbers are kept as the spreadsheet shows them, so
 * every message can point at "row 7, column D".
 */
import { runtimeImport } from "./runtime-import.js";
import type { MessageKey, MessageParams } from "../i18n/catalog.js";
import { decodeCsv, splitCsv, type CsvEncoding } from "./csv.js";

export type CellValue = string | number | boolean | Date | null;

export type SheetFormat = "xlsx" | "csv";

export interface Grid {
  /** How many rows the sheet has. */
  rowCount: number;
  /**
   * Row i + 1 (row(0) is row 1); a row's cells[0] is column A. A CSV's row is cut out of its text
   * on each call (issue 29: a sheet is read row by row and not held as cells).
   */
  row(i: number): CellValue[];
  format: SheetFormat;
  /** How a CSV file was encoded; null for xlsx. */
  encoding: CsvEncoding | null;
  /** The sheet read (xlsx), and every sheet of the workbook. */
  sheet: string | null;
  sheets: string[];
}

/** Why a file could not be read as a spreadsheet; the message is a catalogue key. */
export class SheetError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
  }
}

/** Larger files are refused unread: a department's sheet is far smaller. */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;
/** What the parts of a workbook may add up to once unpacked (a "zip bomb" is refused). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export function sheetFormatOf(file: string): SheetFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv")) return "csv";
  return null;
}

export async function readSpreadsheet(bytes: Uint8Array, format: SheetFormat, sheet: string | null): Promise<Grid> {
  if (bytes.byteLength > MAX_SHEET_BYTES) throw new SheetError("import.error.tooLarge", { size: bytes.byteLength, limit: MAX_SHEET_BYTES });
  return format === "csv" ? readCsv(bytes) : readXlsx(bytes, sheet);
}

function readCsv(bytes: Uint8Array): Grid {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) throw new SheetError("import.error.csvEncoding");
  const records = splitCsv(decoded.text);
  const row = (i: number): CellValue[] => {
    if (i < 0 || i >= records.count) return [];
    const cells: CellValue[] = records.record(i);
    // A blank cell is no value.
    for (let c = 0; c < cells.length; c++) if (cells[c] === "" || (cells[c] as string).trim() === "") cells[c] = null;
    return cells;
  };
  return { rowCount: records.count, row, format: "csv", encoding: decoded.encoding, sheet: null, sheets: [] };
}

async function readXlsx(bytes: Uint8Array, sheet: string | null): Promise<Grid> {
  await checkUnpackedSize(bytes);
  let sheets: { sheet: string; data: CellValue[][] }[];
  try {
    // Loaded on first use: every other command starts without the spreadsheet reader.
    const { default: readXlsxFile } = await runtimeImport<typeof import("read-excel-file/node")>("read-excel-file/node");
    sheets = (await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as { sheet: string; data: CellValue[][] }[];
  } catch (error) {
    throw new SheetError("import.error.notXlsx", { reason: error instanceof Error ? error.message : String(error) });
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = sheet === null ? sheets[0] : sheets.find((s) => s.sheet === sheet) ?? sheets.find((s) => s.sheet.trim() === sheet.trim());
  if (chosen === undefined) {
    if (sheet === null) throw new SheetError("import.error.noSheets");
    throw new SheetError("import.error.sheetNotFound", { sheet, sheets: names.join(", ") });
  }
  return { ...gridOfRows(chosen.data.map((row) => row.map(excel1900Day))), format: "xlsx", encoding: null, sheet: chosen.sheet, sheets: names };
}

/** A grid's rows from a list of them (rows[0] is row 1). */
export function gridOfRows(rows: CellValue[][]): Pick<Grid, "rowCount" | "row"> {
  return { rowCount: rows.length, row: (i) => rows[i] ?? [] };
}

const FEBRUARY_28_1900 = Date.UTC(1900, 1, 28);
const MARCH_1_1900 = Date.UTC(1900, 2, 1);

/**
 * A date cell as Excel shows it. The reader counts every serial from one epoch that holds for
 * the serials after Excel's 1900-02-29 that never was (serial 60); the serials 1–59 come out one
 * day early, and 60 as 1900-02-28. Issue 28: those are moved one day on; serial 60 is no day.
 */
function excel1900Day(cell: CellValue): CellValue {
  if (!(cell instanceof Date)) return cell;
  const time = cell.getTime();
  if (time < FEBRUARY_28_1900) return new Date(time + 86_400_000);
  if (time < MARCH_1_1900) return new Date(Number.NaN);
  return cell;
}

/** Reads the zip directory only (nothing is inflated) and refuses a workbook that would unpack to too much. */
async function checkUnpackedSize(bytes: Uint8Array): Promise<void> {
  const { unzipSync } = await runtimeImport<typeof import("fflate")>("fflate");
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw new SheetError("import.error.notXlsx", { reason: error instanceof Error ? error.message : String(error) });
  }
  if (total > MAX_UNPACKED_BYTES) throw new SheetError("import.error.tooLarge", { size: total, limit: MAX_UNPACKED_BYTES });
}

/** "A", "B", …, "Z", "AA": the column letters a spreadsheet shows. `index` is 0-based. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell as text for messages: dates as YYYY-MM-DD, everything else as written. */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) {
    const iso = Number.isNaN(value.getTime()) ? "" : value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
  }
  return String(value);
}

export function isEmptyCell(value: CellValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
