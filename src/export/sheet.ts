/**
 * One table for a spreadsheet, with typed cells: text, a day, a day and time, a number. The
 * same table becomes an .xlsx sheet (real dates and numbers, the header row frozen, columns
 * sized to their content) or a CSV file (UTF-8 with a BOM, through the shared CSV renderer).
 */
import { runtimeImport } from "../import/runtime-import.js";
import type { Cell, SheetData } from "write-excel-file/node";
import type { IsoDate, IsoDateTime } from "../model/values.js";
import { displayWidth } from "../report/text-width.js";
import { yuanNumberText } from "../report/money-format.js";
import { renderCsv } from "../report/tabular.js";
import { spreadsheetText } from "../report/untrusted-text.js";

export type SheetCell =
  | { kind: "text"; value: string }
  /** Text Excel must not reinterpret (phone numbers, ids): stored with the "@" text format. */
  | { kind: "code"; value: string }
  | { kind: "date"; value: IsoDate }
  | { kind: "datetime"; value: IsoDateTime }
  | { kind: "number"; value: number }
  /** An amount of yuan: a number, shown with thousands separators in Excel. */
  | { kind: "money"; value: number }
  | null;

export interface ExportSheet {
  /** The worksheet's name (at most 31 characters). */
  name: string;
  headers: string[];
  rows: SheetCell[][];
}

export const text = (value: string | null | undefined): SheetCell => (value === null || value === undefined || value === "" ? null : { kind: "text", value });
export const code = (value: string | null | undefined): SheetCell => (value === null || value === undefined || value === "" ? null : { kind: "code", value });
export const day = (value: IsoDate | null | undefined): SheetCell => (value === null || value === undefined ? null : { kind: "date", value });
export const dateTime = (value: IsoDateTime | null | undefined): SheetCell => (value === null || value === undefined ? null : { kind: "datetime", value });
export const num = (value: number | null | undefined): SheetCell => (value === null || value === undefined ? null : { kind: "number", value });
export const money = (value: number | null | undefined): SheetCell => (value === null || value === undefined ? null : { kind: "money", value });

/** A cell as CSV text: days as YYYY-MM-DD, times as YYYY-MM-DD HH:mm, numbers in plain digits. */
export function cellString(cell: SheetCell): string {
  if (cell === null) return "";
  switch (cell.kind) {
    case "text":
    case "code":
    case "date":
      return cell.value;
    case "datetime":
      return cell.value.slice(17, 19) === "00" || cell.value.length < 19 ? cell.value.slice(0, 16).replace("T", " ") : cell.value.replace("T", " ");
    case "number":
      return Number.isInteger(cell.value) ? BigInt(cell.value).toString() : String(cell.value);
    case "money":
      return yuanNumberText(cell.value);
  }
}

export function renderSheetCsv(sheet: ExportSheet): string {
  // A column of numbers stays numbers in CSV; the formula guard is for text (tabular.ts).
  const numeric = sheet.headers.map((_, i) => sheet.rows.every((row) => (row[i] ?? null) === null || row[i]!.kind === "number"));
  return renderCsv({ columns: sheet.headers.map((header, i) => ({ header, numeric: numeric[i] })), rows: sheet.rows.map((row) => row.map(cellString)) });
}

function toDate(value: string): Date {
  const [y, mo, d] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  const [h, mi, s] = [Number(value.slice(11, 13) || 0), Number(value.slice(14, 16) || 0), Number(value.slice(17, 19) || 0)];
  // Not Date.UTC(y, …): it reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date;
}

/**
 * Excel's calendar starts on 1900-01-01: an earlier day (0000-01-01 is a valid date in the
 * files) cannot be a date cell, and writing it as one would show another day. It is written as
 * the text the file holds, as the CSV does.
 */
const FIRST_EXCEL_YEAR = 1900;
const LAST_EXCEL_YEAR = 9999;

function isExcelDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_EXCEL_YEAR && year <= LAST_EXCEL_YEAR;
}

function xlsxCell(cell: SheetCell): Cell {
  if (cell === null) return null;
  switch (cell.kind) {
    case "text":
      return { value: spreadsheetText(cell.value), type: String };
    case "code":
      return { value: spreadsheetText(cell.value), type: String, format: "@" };
    case "date":
      if (!isExcelDate(cell.value)) return { value: cellString(cell), type: String, format: "@" };
      return { value: toDate(cell.value), type: Date, format: "yyyy-mm-dd" };
    case "datetime":
      if (!isExcelDate(cell.value)) return { value: cellString(cell), type: String, format: "@" };
      return { value: toDate(cell.value), type: Date, format: "yyyy-mm-dd hh:mm" };
    case "number":
      return { value: cell.value, type: Number };
    case "money":
      return { value: cell.value, type: Number, format: moneyFormat(cell.value) };
  }
}

/**
 * Yuan with thousands separators, and as many decimals as the amount has (at least two when it
 * has any): 15000 → 15,000; 1234.5 → 1,234.50. The cell's value stays the exact number.
 */
function moneyFormat(amount: number): string {
  if (Number.isInteger(amount)) return "#,##0";
  const decimals = (yuanNumberText(amount).split(".")[1] ?? "").length;
  return `#,##0.${"0".repeat(Math.max(2, decimals))}`;
}

/**
 * write-excel-file writes cell formats (cellXfs) but no named style: no cellStyleXfs and no
 * cellStyles with the "Normal" style every workbook Excel writes has. Excel does not mind;
 * openpyxl (and pandas on top of it) warn "Workbook contains no default style". This adds the
 * default named style and makes every cell format derive from it, as Excel's own files do.
 */
export function withDefaultCellStyle(stylesXml: string): string {
  if (/<cellStyles[\s>]/.test(stylesXml) || !stylesXml.includes("<cellXfs")) return stylesXml;
  const cellXfs = /<cellXfs[^>]*>[\s\S]*?<\/cellXfs>/.exec(stylesXml);
  if (cellXfs === null) return stylesXml;
  const derived = cellXfs[0].replace(/<xf(?![^>]*\bxfId=)(\s|>|\/>)/g, (_, after: string) => `<xf xfId="0"${after === ">" || after === "/>" ? after : " "}`);
  const namedBase = '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>';
  const named = '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>';
  const withoutBase = /<cellStyleXfs[\s>]/.test(stylesXml) ? "" : namedBase;
  return stylesXml.slice(0, cellXfs.index) + withoutBase + derived + named + stylesXml.slice(cellXfs.index + cellXfs[0].length);
}

/** Column widths in characters: the widest cell (a Chinese character counts two), within bounds. */
export function columnWidths(sheet: ExportSheet): number[] {
  return sheet.headers.map((header, i) => {
    let widest = displayWidth(header);
    for (const row of sheet.rows) {
      const cell = row[i] ?? null;
      const shown = cell === null ? "" : cell.kind === "date" ? "2012-03-05" : cell.kind === "datetime" ? "2012-03-05 10:30" : cellString(cell);
      const longestLine = Math.max(0, ...shown.split("\n").map((line) => displayWidth(line)));
      widest = Math.max(widest, longestLine);
    }
    return Math.min(60, Math.max(8, widest + 2));
  });
}

/** The sheet as .xlsx bytes. */
export async function renderSheetXlsx(sheet: ExportSheet): Promise<Uint8Array> {
  const data: SheetData = [sheet.headers.map((header) => ({ value: spreadsheetText(header), type: String, fontWeight: "bold" as const })), ...sheet.rows.map((row) => row.map(xlsxCell))];
  // Loaded on first use: every other command starts without the spreadsheet writer.
  const { default: writeXlsxFile } = await runtimeImport<typeof import("write-excel-file/node")>("write-excel-file/node");
  const buffer = await writeXlsxFile(data, {
    sheet: sheetName(sheet.name),
    columns: columnWidths(sheet).map((width) => ({ width })),
    stickyRowsCount: 1,
  }, { features: [{ files: { transform: { "xl/styles.xml": { transform: withDefaultCellStyle } } } }] }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Excel allows 31 characters and none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return [...name.replace(/[:\\/?*[\]]/g, " ")].slice(0, 31).join("") || "Sheet1";
}
