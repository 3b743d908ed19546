/**
 * Privacy in messages (issue 7): `validate --format json` is output meant for logs, so a
 * diagnostic may quote at most the offending line; nothing else of a person's record (a
 * name, phone, account, address, note) may appear in it. A copy of data-example is broken in
 * many ways inside people's records, and every personal value of the repository found in the
 * JSON must stand on the line its diagnostic points at.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tDynamic } from "../../src/i18n/catalog.js";
import { copyToTemp, runCli } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** Keys of a person's record whose values say something about the person. */
const PERSONAL = new Set([
  "name", "phone", "wechat", "qq", "email", "account", "address", "home_address", "work_address", "family", "notes", "history", "hobbies",
  "personality", "values", "schedule", "relationships", "occupation", "attitude", "income_monthly", "age", "birthday", "lunar_birthday",
]);

/** Every personal value (as text) in the staff and prospect files of a repository. */
function personalValues(dir: string): Set<string> {
  const values = new Set<string>();
  const visit = (node: unknown, key: string | null): void => {
    if (Array.isArray(node)) node.forEach((item) => visit(item, key));
    else if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) visit(v, k);
    else if (key !== null && PERSONAL.has(key) && (typeof node === "string" || typeof node === "number") && String(node).length >= 2) values.add(String(node));
  };
  const branches = path.join(dir, "branches");
  for (const branch of fs.readdirSync(branches)) {
    for (const file of ["staff.yaml", "prospects.yaml"]) {
      const abs = path.join(branches, branch, file);
      if (!fs.existsSync(abs)) continue;
      try {
        visit(parse(fs.readFileSync(abs, "utf8")), null);
      } catch {
        // a file broken on purpose below; its values were collected from the original
      }
    }
  }
  return values;
}

function edit(dir: string, rel: string, from: string | RegExp, to: string): void {
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, "utf8");
  const changed = text.replace(from, to);
  expect(changed, `${rel}: ${String(from)}`).not.toBe(text);
  fs.writeFileSync(file, changed);
}

describe("validate --format json quotes no more than the offending line", () => {
  it("on a copy of data-example broken inside people's records", () => {
    const dir = copyToTemp();
    temps.push(dir);
    const values = personalValues(dir);
    expect(values.size).toBeGreaterThan(100);

    const futian = "branches/cmb-futian-center";
    edit(dir, `${futian}/staff.yaml`, 'phone: "13902345678"', "phone: 13902345678"); // PHONE_NOT_QUOTED
    edit(dir, `${futian}/staff.yaml`, "birthday: 1975-11-03", "birthday: 1975-11-31"); // DATE_DOES_NOT_EXIST
    edit(dir, `${futian}/staff.yaml`, "family: 女儿 8 岁，周末常陪孩子上兴趣班", "family: [女儿 8 岁, 周末常陪孩子上兴趣班]"); // INVALID_TYPE of a list
    edit(dir, `${futian}/staff.yaml`, "wechat: zhaogq1968", "wechat_id: zhaogq1968"); // UNKNOWN_KEY
    edit(dir, `${futian}/staff.yaml`, "amount: 10万", "amount: 十万"); // INVALID_MONEY
    edit(dir, `${futian}/staff.yaml`, "at: 2012-02-08 09:15", "at: 2012-02-08"); // DATETIME_WITHOUT_TIME
    edit(dir, `${futian}/staff.yaml`, "position: deputy_head", "position: deputyhead"); // INVALID_POSITION
    edit(dir, `${futian}/prospects.yaml`, 'phone: "13900001111"', 'phone: "1390000111"'); // INVALID_PHONE
    edit(dir, `${futian}/prospects.yaml`, /staff: [a-z-]+/, "staff: zhao-guoqian"); // not reported: the houhai staff file below cannot be read (REFERENCES_NOT_CHECKED)
    // A whole record of one branch copied into another: DUPLICATE_ID, and every field of it twice.
    const record = fs.readFileSync(path.join(dir, `${futian}/staff.yaml`), "utf8").split("\n  - id: huang-wei")[0]!.split("staff:\n")[1]!;
    fs.appendFileSync(path.join(dir, "branches/cmb-shekou/staff.yaml"), record);
    // A record made a scalar: INVALID_TYPE of the record.
    edit(dir, "branches/cmb-dongmen/prospects.yaml", /\n {2}- id: /, "\n  - 王先生 13911112222 住福田\n  - id: ");
    // A syntax error in the middle of another file's record (a line one space too deep: said as indentation).
    edit(dir, "branches/cmb-houhai/staff.yaml", /\n {4}phone: /, "\n     phone: ");

    const result = runCli(["validate", "--data", dir, "--format", "json", "--lang", "zh"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; code: string; message: string; path: string }[] };
    const codes = new Set(report.diagnostics.map((d) => d.code));
    for (const code of ["PHONE_NOT_QUOTED", "DATE_DOES_NOT_EXIST", "INVALID_TYPE", "UNKNOWN_KEY", "INVALID_MONEY", "DATETIME_WITHOUT_TIME", "INVALID_POSITION", "INVALID_PHONE", "REFERENCES_NOT_CHECKED", "DUPLICATE_ID", "YAML_BAD_INDENT"]) {
      expect(codes, code).toContain(code);
    }

    const leaks: string[] = [];
    for (const d of report.diagnostics) {
      const line = fs.readFileSync(path.join(dir, d.file), "utf8").split(/\r?\n/)[d.line - 1] ?? "";
      // The message's own words (its examples, like "13800138000" or "1.5万") are not data.
      const template = tDynamic("zh", `diag.${d.code}`);
      for (const value of values) {
        // Short numbers (ages) turn up inside any line or column number.
        if (/^\d{1,4}$/.test(value) || template.includes(value)) continue;
        if ((d.message.includes(value) || d.path.includes(value)) && !line.includes(value)) leaks.push(`${d.file}:${d.line} ${d.code}: "${value}" is not on the line — ${d.message}`);
      }
      // No message carries more than one line of text, nor a long quote.
      expect(d.message).not.toContain("\n");
      expect(d.message.length, d.message).toBeLessThan(400);
    }
    expect(leaks).toEqual([]);
  });
});
