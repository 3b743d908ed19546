/**
 * `channel export … --redact` as head office receives it (issue 14): no birthday (its day, its
 * month, an age), no amount and no phone number in any cell of any format — the detail texts
 * of the follow-ups included.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import readXlsxFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { DATA_EXAMPLE, runCli, scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-redact-");

/** Every cell of an exported file as text: CSV split on commas (the data has none), xlsx read back. */
async function cells(file: string): Promise<string[]> {
  if (file.endsWith(".csv")) return fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).flatMap((line) => line.split(","));
  const [sheet] = await readXlsxFile(fs.readFileSync(file));
  return (sheet?.data ?? []).flat().map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? "")));
}

function exportFollowups(format: "csv" | "xlsx", redact: boolean): string {
  const out = path.join(scratch.dir(), `followups.${format}`);
  const result = runCli(["export", "followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--lang", "zh", "--out", out, ...(redact ? ["--redact"] : [])]);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

const AMOUNT = /\d万|\d元|\d{5,}/;
const AGE = /\d+岁/;

describe("export followups --redact", () => {
  it("without --redact, the window holds birthdays, ages and amounts (what the redacted export must hide)", async () => {
    const all = (await cells(exportFollowups("csv", false))).join("\n");
    expect(all).toContain("生日");
    expect(all).toMatch(AGE);
    expect(all).toMatch(AMOUNT);
  });

  for (const format of ["csv", "xlsx"] as const) {
    it(`${format}: no birthday, age or amount in any cell`, async () => {
      const found = await cells(exportFollowups(format, true));
      expect(found.length).toBeGreaterThan(20);
      for (const cell of found) {
        expect(cell).not.toContain("生日");
        expect(cell).not.toMatch(AGE);
        expect(cell).not.toMatch(AMOUNT);
      }
      // The items with an amount are still listed, without it.
      expect(found).toContain("产品到期");
      expect(found.some((c) => c.startsWith("定期存款") && c.endsWith("到期"))).toBe(true);
    });
  }
});

describe("export followups --redact: the notes of complaints and plans", () => {
  it("keeps them without --redact; leaves them out, and masks the prospects a plan names, with it", async () => {
    const all = (await cells(exportFollowups("csv", false))).join("\n");
    expect(all).toContain("排队一个多小时");
    expect(all).toContain("活动（冯先生、郑女士）：周六理财沙龙");
    for (const format of ["csv", "xlsx"] as const) {
      const found = await cells(exportFollowups(format, true));
      expect(found).toContain("客户投诉");
      expect(found).toContain("计划活动");
      for (const cell of found) {
        expect(cell).not.toContain("排队");
        expect(cell).not.toContain("沙龙");
      }
      expect(found).toContain("活动（冯**、郑**）");
    }
  });
});
