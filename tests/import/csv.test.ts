/**
 * CSV as Excel saves it: UTF-8 with and without a BOM, GBK from Chinese Windows (a hand-written
 * fixture, checked byte for byte against its UTF-8 twin), UTF-16 "Unicode text"; quoted cells
 * with commas, quotes and line breaks.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCsv, parseCsv, sniffDelimiter } from "../../src/import/csv.js";
import { readSpreadsheet } from "../../src/import/sheet.js";
import { FIXTURES } from "../helpers/cli.js";
import { encodeGbk } from "./gbk.js";

const SHEETS = path.join(FIXTURES, "import-sheets");

describe("decodeCsv", () => {
  it("reads the GBK fixture as the text of its UTF-8 twin", () => {
    const gbk = fs.readFileSync(path.join(SHEETS, "prospects-gbk.csv"));
    const source = fs.readFileSync(path.join(SHEETS, "prospects-gbk.source.txt"), "utf8").replace(/\n/g, "\r\n");
    // The fixture is what a GBK editor writes for that text (and is not valid UTF-8).
    expect(Buffer.from(encodeGbk(source)).equals(gbk)).toBe(true);
    const decoded = decodeCsv(gbk);
    expect(decoded).toEqual({ ok: true, text: source, encoding: "gb18030" });
  });

  it("tells UTF-8 with and without BOM, and UTF-16 with its BOM", () => {
    const text = "姓名,职务\r\n王芳,理财经理\r\n";
    expect(decodeCsv(Buffer.from(text, "utf8"))).toEqual({ ok: true, text, encoding: "utf-8" });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toEqual({ ok: true, text, encoding: "utf-8-bom" });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))).toEqual({ ok: true, text, encoding: "utf-16le" });
  });

  it("refuses bytes that are neither UTF-8 nor GB18030", () => {
    expect(decodeCsv(new Uint8Array([0x41, 0xff, 0xff, 0x42])).ok).toBe(false);
  });
});

describe("parseCsv", () => {
  it("splits records per RFC 4180", () => {
    const text = '姓名,备注\r\n王芳,"爱好：羽毛球, 游泳"\r\n"李""强",\r\n"两行\n说明",x\n';
    expect(parseCsv(text)).toEqual([["姓名", "备注"], ["王芳", "爱好：羽毛球, 游泳"], ['李"强', ""], ["两行\n说明", "x"]]);
  });

  it("finds the separator: comma, tab or semicolon", () => {
    expect(sniffDelimiter("a,b,c\n")).toBe(",");
    expect(sniffDelimiter("姓名\t职务\t电话\n")).toBe("\t");
    expect(sniffDelimiter("a;b;c\n")).toBe(";");
    expect(sniffDelimiter('"a,b";c;d\n')).toBe(";");
  });

  it("keeps a record with line breaks as one spreadsheet row", async () => {
    const grid = await readSpreadsheet(fs.readFileSync(path.join(SHEETS, "prospects-gbk.csv")), "csv", null);
    expect(grid.rowCount).toBe(4);
    expect(grid.row(1)[7]).toBe("做外贸，\r\n喜欢喝茶");
    expect(grid.row(2)[4]).toBeNull();
  });
});

// Issue 29: cells are cut out of the text a run at a time. The character-at-a-time reader it
// replaced is kept here as the reference; on any text both read the same records.
function parseCsvOneCharAtATime(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === "\r") {
      endRow();
      if (text[i + 1] === "\n") i++;
    } else if (ch === "\n") endRow();
    else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0 || quoted) endRow();
  return rows;
}

describe("parseCsv reads what the character-at-a-time reader read", () => {
  it("on any text of quotes, separators, line ends and cells", () => {
    const piece = fc.constantFrom('"', '""', ",", ";", "\t", "\r", "\n", "\r\n", "a", "王芳", " ", "x y");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(",", ";", "\t"), (pieces, delimiter) => {
        const text = pieces.join("");
        expect(parseCsv(text, delimiter)).toEqual(parseCsvOneCharAtATime(text, delimiter));
      }),
      { numRuns: 5000 },
    );
  });
});
