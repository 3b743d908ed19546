/**
 * People who move and leave, as a user meets them: `log` still finds a person who left and says
 * so, the monthly table and the exports mark former staff, and work and home phones are masked
 * like the mobile. On scratch copies of data-example (周雪 left the bank on 2012-05-10; 郑华 moved
 * from 科技园 to 后海 with his conversion kept at 科技园).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyToTemp, DATA_EXAMPLE, runCli, scratchFolders, type CliResult } from "../helpers/cli.js";

const folders = scratchFolders("channel-former-");
const scratch = (): string => folders.keep(copyToTemp());

function edit(dir: string, rel: string, from: string, to: string): void {
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

const FUTIAN_STAFF = "branches/cmb-futian-center/staff.yaml";

describe("channel log of a person who left", () => {
  it("finds them by name, records the contact and notes that they left (zh)", () => {
    const dir = scratch();
    const result = runCli(["log", "周雪", "--data", dir, "--date", "2012-05-20", "--note", "离职后回访", "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("branches/cmb-futian-center/activities.yaml");
    expect(result.stdout).toContain("注意：档案记载 周雪 已离开 2012-05-10，离职");
    const entries = (parse(fs.readFileSync(path.join(dir, "branches/cmb-futian-center/activities.yaml"), "utf8")) as { activities: Record<string, unknown>[] }).activities;
    expect(entries.at(-1)).toMatchObject({ date: "2012-05-20", with: ["zhou-xue"], note: "离职后回访" });
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("finds them by id (en), and says nothing of leaving for a contact before they left", () => {
    const dir = scratch();
    const after = runCli(["log", "zhou-xue", "--data", dir, "--date", "2012-05-10", "--lang", "en"]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("note: the archive says 周雪 left 2012-05-10: 离职");
    const before = runCli(["log", "zhou-xue", "--data", dir, "--date", "2012-05-09", "--lang", "en"]);
    expect(before.code).toBe(0);
    expect(before.stdout).not.toContain("left");
  });

  it("shows a hostile left_note with its escapes visible, never raw", () => {
    const dir = scratch();
    edit(dir, FUTIAN_STAFF, "    left_note: 离职\n", '    left_note: "离职\\e]8;;http://evil\\a点我\\e]8;;\\a\\e[2J"\n');
    const result = runCli(["log", "周雪", "--data", dir, "--date", "2012-05-20", "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("已离开 2012-05-10");
    expect(result.stdout).not.toMatch(/[\x07\x1b]/);
    // validate names the control character at the value.
    const validate = runCli(["validate", "--data", dir, "--format", "json"]);
    expect(validate.code).toBe(1);
    expect(JSON.parse(validate.stdout).diagnostics.map((d: { code: string; file: string; line: number }) => `${d.file}:${d.line} ${d.code}`)).toEqual([`${FUTIAN_STAFF}:97 CONTROL_CHARACTER`]);
  });
});

describe("the monthly table with former staff", () => {
  it("keeps a moved 行长's conversion at the branch where it happened, saying where he went", () => {
    const result = runCli(["report", "monthly", "--branch", "cmb-kejiyuan", "--month", "2012-03", "--as-of", "2012-03-31", "--data", DATA_EXAMPLE, "--lang", "zh", "--format", "md", "--audience", "internal"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| 郑华（已调往招商银行深圳后海支行） \| 行长 \|/);
    const houhai = runCli(["report", "monthly", "--branch", "cmb-houhai", "--month", "2012-03", "--as-of", "2012-03-31", "--data", DATA_EXAMPLE, "--lang", "zh", "--format", "md", "--audience", "internal"]);
    expect(houhai.stdout).not.toContain("郑华");
  });

  it("marks a person who left by the cut-off, with the date and note (zh and en)", () => {
    const dir = scratch();
    edit(dir, FUTIAN_STAFF, "    left: 2012-05-10 ", "    left: 2012-02-28 ");
    const args = ["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-02", "--as-of", "2012-03-31", "--data", dir, "--format", "md", "--audience", "internal"];
    expect(runCli([...args, "--lang", "zh"]).stdout).toContain("| 周雪（已离开 2012-02-28，离职） | 柜员 |");
    expect(runCli([...args, "--lang", "en"]).stdout).toContain("| 周雪 (left 2012-02-28: 离职) | teller |");
    // Before the day she left, she is just 周雪.
    const january = runCli(["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-02", "--as-of", "2012-02-20", "--data", dir, "--format", "md", "--lang", "zh", "--audience", "internal"]);
    expect(january.stdout).toContain("| 周雪 | 柜员 |");
  });

  it("lists every phone of a planned prospect, masked by default and whole with --no-redact", () => {
    const dir = scratch();
    // 陈先生 (three phones) gets a follow-up in April, the month after the table's.
    edit(dir, "branches/cmb-futian-center/prospects.yaml", "next_followup: 2012-03-22", "next_followup: 2012-04-05");
    const args = ["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03", "--as-of", "2012-03-31", "--data", dir, "--format", "md", "--lang", "zh"];
    // Markdown escapes the stars of the mask.
    const masked = runCli(args).stdout.replaceAll("\\*", "*");
    expect(masked).toContain("139****1111；单位电话 0755-****0001；住宅电话 0755-****0011");
    expect(masked).not.toMatch(/83190001|82880011/);
    expect(runCli([...args, "--no-redact"]).stdout).toContain("13900001111；单位电话 0755-83190001；住宅电话 0755-82880011");
  });
});

describe("exports", () => {
  function csv(args: string[]): string[][] {
    const dir = scratch();
    const out = path.join(dir, "out.csv");
    const result = runCli(["export", ...args, "--data", DATA_EXAMPLE, "--out", out]);
    expect(result.code).toBe(0);
    return fs.readFileSync(out, "utf8").replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/).map((line) => line.split(","));
  }

  it("give staff 离职日期 and 离开说明 columns", () => {
    const rows = csv(["staff", "--branch", "cmb-futian-center", "--lang", "zh"]);
    const header = rows[0]!;
    const zhou = rows.find((r) => r.includes("zhou-xue"))!;
    expect(zhou[header.indexOf("离职日期")]).toBe("2012-05-10");
    expect(zhou[header.indexOf("离开说明")]).toBe("离职");
    const wang = rows.find((r) => r.includes("wang-fang"))!;
    expect(wang[header.indexOf("离职日期")]).toBe("");
    expect(csv(["staff", "--branch", "cmb-houhai", "--lang", "en"])[0]).toEqual(expect.arrayContaining(["Left", "Left note"]));
  });

  it("give prospects 单位电话 and 住宅电话, masked like the mobile with --redact", () => {
    const whole = csv(["prospects", "--branch", "cmb-futian-center", "--lang", "zh"]);
    const chen = (rows: string[][]) => rows.find((r) => r.some((c) => c.startsWith("陈")))!;
    const h = whole[0]!;
    expect([h.indexOf("电话"), h.indexOf("单位电话"), h.indexOf("住宅电话")].map((i) => chen(whole)[i])).toEqual(["13900001111", "0755-83190001", "0755-82880011"]);
    const redacted = csv(["prospects", "--branch", "cmb-futian-center", "--lang", "zh", "--redact"]);
    const r = redacted[0]!;
    expect([r.indexOf("电话"), r.indexOf("单位电话"), r.indexOf("住宅电话")].map((i) => chen(redacted)[i])).toEqual(["139****1111", "0755-****0001", "0755-****0011"]);
  });
});

describe("import of the new columns", () => {
  /** Imports a CSV sheet into 后海 with --apply. */
  function importSheet(dir: string, kind: "staff" | "prospects", csvText: string): CliResult {
    const sheet = path.join(dir, `${kind}.csv`);
    fs.writeFileSync(sheet, csvText);
    return runCli(["import", kind, "--branch", "cmb-houhai", "--from", sheet, "--data", dir, "--apply", "--lang", "zh"]);
  }

  it("reads 离职日期 and 离开说明 for staff, checked like the files (left before joined is refused)", () => {
    const dir = scratch();
    const ok = importSheet(dir, "staff", "姓名,职务,电话,入行时间,离职日期,离开说明\n韩梅,柜员,13712345678,2008-07-01,2012/5/10,调往南山支行\n");
    expect(ok.code).toBe(0);
    const staff = (parse(fs.readFileSync(path.join(dir, "branches/cmb-houhai/staff.yaml"), "utf8")) as { staff: Record<string, unknown>[] }).staff;
    expect(staff.find((s) => s.name === "韩梅")).toMatchObject({ left: "2012-05-10", left_note: "调往南山支行", joined: "2008-07-01" });

    const refused = importSheet(dir, "staff", "姓名,职务,入行时间,离职日期\n李雷,柜员,2008-07-01,2007-05-10\n");
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("2007-05-10");
  });

  it("reads 单位电话 and 住宅电话 for prospects, quoted in the file", () => {
    const dir = scratch();
    expect(importSheet(dir, "prospects", "姓名,手机,单位电话,住宅电话\n韩先生,13712345678,0755-83191234,0755-26661234\n").code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "branches/cmb-houhai/prospects.yaml"), "utf8");
    expect(text).toContain('work_phone: "0755-83191234"');
    expect(text).toContain('home_phone: "0755-26661234"');
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });
});
