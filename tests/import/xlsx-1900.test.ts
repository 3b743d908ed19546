/**
 * Issue 28: Excel's 1900 date system counts a 1900-02-29 that never was (serial 60), so the
 * serials 1–59 (1900-01-01 … 1900-02-28) sit one day apart from the later ones; a workbook's
 * date cells in those two months were read one day off. Serial 60 is no day at all.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { readSpreadsheet } from "../../src/import/sheet.js";
import { parseDay } from "../../src/import/values.js";

describe("xlsx dates in January and February 1900", () => {
  it("serials 1, 31, 59, 61 and 40969 are 1900-01-01, 1900-01-31, 1900-02-28, 1900-03-01 and 2012-03-01; 60 is refused", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-xlsx-1900-"));
    try {
      const file = path.join(dir, "dates.xlsx");
      const serials = [1, 31, 59, 60, 61, 40969];
      await (writeXlsxFile as unknown as (rows: unknown) => { toFile(file: string): Promise<void> })([["日期"], ...serials.map((serial) => [{ value: serial, type: Number, format: "yyyy-mm-dd" }])]).toFile(file);
      const grid = await readSpreadsheet(fs.readFileSync(file), "xlsx", null);
      const days = Array.from({ length: grid.rowCount - 1 }, (_, i) => {
        const parsed = parseDay(grid.row(i + 1)[0] ?? null);
        return parsed.ok ? parsed.value : "refused";
      });
      expect(days).toEqual(["1900-01-01", "1900-01-31", "1900-02-28", "refused", "1900-03-01", "2012-03-01"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
