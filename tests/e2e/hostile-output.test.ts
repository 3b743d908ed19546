/**
 * Hostile values as a user meets them through the real CLI: a name with terminal escapes is a
 * CONTROL_CHARACTER error whose excerpt shows them; a spreadsheet with escapes previews safely;
 * a folder name with an escape is named safely; one 3.3 M-character name leaves the follow-up
 * list small (JSON keeps it whole).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/** C0 controls but tab and newline, DEL, C1 controls, bidi overrides and isolates. */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const ESCAPES = "\x1b[2J\x1b]8;;http://evil.example/\x07点我\x1b]8;;\x07\u202Etxt";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function newRepo(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "channel-hostile-"));
  temps.push(parent);
  const dir = path.join(parent, "repo");
  expect(runCli(["init", dir, "--lang", "en"]).code).toBe(0);
  return dir;
}

const STAFF = (name: string) => `staff:\n  - id: wang-fang\n    name: ${name}\n    position: teller\n  - id: li-qiang\n    name: 李强\n    position: teller\n`;

describe("a name with terminal escapes", () => {
  const dir = newRepo();
  fs.writeFileSync(path.join(dir, "branches/cmb-example/staff.yaml"), STAFF(`"王${ESCAPES}"`));

  it("is a CONTROL_CHARACTER error at the character, in text and JSON", () => {
    const json = runCli(["validate", "--data", dir, "--format", "json", "--lang", "en"]);
    expect(json.code).toBe(1);
    const found = JSON.parse(json.stdout).diagnostics.filter((d: { code: string }) => d.code === "CONTROL_CHARACTER");
    expect(found.map((d: { file: string; line: number; column: number }) => [d.file, d.line, d.column])).toEqual([["branches/cmb-example/staff.yaml", 3, 13]]);
  });

  it("is quoted in validate's excerpt as \\x1B, never raw", () => {
    const text = runCli(["validate", "--data", dir, "--lang", "zh"]);
    expect(text.code).toBe(1);
    expect(text.stdout + text.stderr).not.toMatch(RAW);
    expect(text.stdout).toContain('name: "王\\x1B[2J\\x1B]8;;http://evil.example/\\x07点我\\x1B]8;;\\x07\\u202Etxt"');
  });

  it("makes followups skip the file and say so safely", () => {
    const result = runCli(["followups", "--data", dir, "--as-of", "2012-03-20", "--lang", "zh"]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(RAW);
  });
});

describe("a branch folder whose name holds an escape", () => {
  const dir = newRepo();
  fs.mkdirSync(path.join(dir, "branches", "x\x1b[2Jy"));
  fs.writeFileSync(path.join(dir, "branches", "x\x1b[2Jy", "branch.yaml"), "id: cmb-other\nname: 另一个支行\ndepartment: nowhere\n");

  it("is named with the escape shown, in validate and followups", () => {
    for (const args of [["validate"], ["followups", "--as-of", "2012-03-20"], ["followups", "--as-of", "2012-03-20", "--format", "md"]]) {
      const result = runCli([...args, "--data", dir, "--lang", "en"]);
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).not.toMatch(RAW);
      expect(result.stdout + result.stderr).toMatch(/x\\{1,2}x1B\\?\[2Jy/);
    }
  });
});

describe("an imported spreadsheet with escapes", () => {
  it("is previewed with the escapes shown", () => {
    const dir = newRepo();
    const sheet = path.join(path.dirname(dir), "人员.csv");
    fs.writeFileSync(sheet, `姓名,职务,手机,备注\u202E\r\n"王${ESCAPES}",柜员,13800138000,"\x1b[31m红"\r\n`);
    const result = runCli(["import", "staff", "--branch", "cmb-example", "--from", sheet, "--data", dir, "--lang", "zh"]);
    expect(result.stdout + result.stderr).not.toMatch(RAW);
    expect(result.stdout + result.stderr).toContain("\\x1B[2J");
  });
});

describe("one 3.3 M-character name", () => {
  const dir = newRepo();
  const name = "长".repeat(3_300_000);
  fs.writeFileSync(path.join(dir, "branches/cmb-example/staff.yaml"), STAFF(name));
  fs.writeFileSync(path.join(dir, "branches/cmb-example/activities.yaml"), "activities: []\n");

  it("is cut with an ellipsis: the follow-up table, Markdown and CSV stay small", () => {
    for (const format of ["table", "md", "csv"]) {
      const result = runCli(["followups", "--data", dir, "--as-of", "2012-03-20", "--lang", "zh", "--format", format]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("长…");
      // The CSV keeps what a spreadsheet cell can hold (32,767 characters) per cell.
      expect(result.stdout.length).toBeLessThan(format === "csv" ? 200_000 : 50_000);
    }
  });

  it("stays whole in JSON, for scripts", () => {
    const out = path.join(path.dirname(dir), "followups.json");
    const result = runCli(["followups", "--data", dir, "--as-of", "2012-03-20", "--lang", "zh", "--format", "json", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const items = JSON.parse(fs.readFileSync(out, "utf8")).items as { person: string; name: string }[];
    expect(items.find((i) => i.person === "wang-fang")!.name).toHaveLength(3_300_000);
  });
});
