/**
 * Money the schema accepts is money the rules can count (issue 14): an amount of 1e15 yuan or
 * more (`1e15`, `"10000000亿"`, 30 digits of 万) is refused with its own code instead of being
 * accepted by `validate` and then counted as 0; hexadecimal and octal numbers (`0x10`, `0o17`,
 * which YAML would read as 16 and 15) are not amounts.
 */
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/build.js";
import { MONEY_LIMIT, parseMoney } from "../../src/model/values.js";
import { loadRepository } from "../../src/load/parse-file.js";
import { validateRepository } from "../../src/validate/index.js";
import { validateFiles, writeRepo } from "../helpers/repo.js";
import * as fs from "node:fs";

function saleOf(amount: string): string {
  return `sales:\n  - {date: 2012-03-01, product: 长城2号, amount: ${amount}}\n`;
}

function codesFor(amount: string): string[] {
  return validateFiles({ "branches/b1/kpis.yaml": saleOf(amount) }).findings.map((f) => f.code);
}

describe("money at the limit", () => {
  it.each(["1e15", "1000000000000000", '"10000000亿"', `"${"9".repeat(30)}万"`, '"1,000,000,000,000,000"', "1.0e300"])("refuses %s as too large", (amount) => {
    expect(codesFor(amount)).toEqual(["MONEY_TOO_LARGE"]);
  });

  it("shows a number too large for a double as typed (1e400), not as Infinity", () => {
    const findings = validateFiles({ "branches/b1/kpis.yaml": saleOf("1e400") }).findings;
    expect(findings.map((f) => [f.code, f.params.value])).toEqual([["MONEY_TOO_LARGE", "1e400"]]);
  });

  it.each(["999999999999999", '"9999999亿"', '"99999999999.9999万"', "0", '"2万"'])("accepts %s, and the rules count what validate accepted", (amount) => {
    const dir = writeRepo({ "branches/b1/kpis.yaml": saleOf(amount) });
    try {
      const repo = loadRepository(dir);
      const result = validateRepository(repo);
      expect(result.findings).toEqual([]);
      const { model } = buildModel(repo, result.filesWithErrors);
      const sale = model.branches[0]!.sales[0]!;
      expect(sale.amount).toBe(parseMoney(JSON.parse(amount.startsWith('"') ? amount : JSON.stringify(Number(amount)))));
      expect(sale.amount).toBeLessThan(MONEY_LIMIT);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(["0x10", "0o17", "0xFF", "0o0"])("refuses the hexadecimal or octal number %s as an amount", (amount) => {
    expect(codesFor(amount)).toEqual(["INVALID_MONEY"]);
  });

  it("refuses hexadecimal and octal numbers in count fields too", () => {
    const findings = validateFiles({ "branches/b1/kpis.yaml": "months:\n  - {month: 2012-03, vip_customers: 0x10, new_accounts: 0o17}\n" }).findings;
    expect(findings.map((f) => f.code)).toEqual(["INVALID_TYPE", "INVALID_TYPE"]);
  });
});
