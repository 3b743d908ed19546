/**
 * `channel import` and `channel export` as a department uses them: its Excel sheet in one dry
 * run and one --apply; a GBK CSV from Chinese Windows; head office's export in Excel with
 * Chinese intact; and the round trip — everything exported, imported again, is a duplicate.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import readXlsxFile from "read-excel-file/node";
import writeXlsxFile from "write-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { columnLetter } from "../../src/import/sheet.js";
import { parseCsv as parseCsvText } from "../../src/import/csv.js";

/** CSV rows, without the BOM. */
function parseCsv(text: string): string[][] {
  return parseCsvText(text.replace(/^\uFEFF/, ""));
}
import { copyToTemp, DATA_EXAMPLE, FIXTURES, runCli, snapshot } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = copyToTemp();
  temps.push(dir);
  return dir;
}

function outDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-sheets-"));
  temps.push(dir);
  return dir;
}


const BRANCH = "cmb-futian-center";
const STAFF_FILE = `branches/${BRANCH}/staff.yaml`;

/** A department's staff sheet as Excel keeps it: a title row, real dates, phones as numbers and as text, Chinese positions, and one bad row. */
let departmentSheet: string;
beforeAll(async () => {
  const dir = outDir();
  departmentSheet = path.join(dir, "福田中心支行人员.xlsx");
  const date = (y: number, m: number, d: number) => ({ value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: "yyyy/m/d" });
  await writeXlsxFile(
    [
      ["福田中心支行人员信息表", null, null, null, null, null, null],
      ["姓名", "职务", "手机", "出生日期", "入行时间", "兴趣爱好", "微信群"],
      ["周晓梅", "理财经理", 13512345601, date(1988, 4, 12), date(2010, 7, 1), "瑜伽", "是"],
      ["吴建设", "大堂经理", { value: "0755-83129988", type: String }, "1979年10月3日", "2003/9/1", null, null],
      ["郑小龙", "实习生", "1.35123E+10", "1990/2/30", 2012, null, null],
      ["王芳", "理财经理", 13800138000, null, null, null, null],
      ["欧阳明", "行长", 13512345603, "--07-08", 36770, "高尔夫、书法", null],
    ],
    { sheet: "人员", stickyRowsCount: 2 },
  ).toFile(departmentSheet);
});

describe("importing a department's staff sheet", () => {
  it("dry run: shows what it would add and skip and every unreadable cell, and writes nothing", () => {
    const dir = scratch();
    const before = snapshot(dir);
    const result = runCli(["import", "staff", "--branch", BRANCH, "--from", departmentSheet, "--data", dir, "--lang", "zh"]);
    expect(result.code).toBe(1); // some rows could not be read
    expect(result.stdout).toContain("表头在第 2 行");
    expect(result.stdout).toContain("未识别的列，未导入：G 微信群");
    expect(result.stdout).toContain("将新增 3 条");
    for (const id of ["zhou-xiaomei", "wu-jianshe", "ouyang-ming"]) expect(result.stdout).toContain(id);
    expect(result.stdout).toContain("第 6 行 王芳：与 wang-fang（王芳，cmb-futian-center）电话相同");
    expect(result.stdout).toContain("第 5 行 B 列（职务） “实习生”");
    expect(result.stdout).toContain("第 5 行 C 列（手机） “1.35123E+10”");
    expect(result.stdout).toContain("第 5 行 D 列（出生日期） “1990/2/30”");
    expect(result.stdout).toContain("第 5 行 E 列（入行时间） “2012”");
    expect(result.stdout).toContain("试运行：未写入任何文件");
    expect(snapshot(dir)).toEqual(before);
  });

  it("--apply appends the new people after the old text, keeps every comment, and validates clean", () => {
    const dir = scratch();
    const before = fs.readFileSync(path.join(dir, STAFF_FILE), "utf8");
    const result = runCli(["import", "staff", "--branch", BRANCH, "--from", departmentSheet, "--data", dir, "--apply", "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Wrote ${STAFF_FILE}: 3 added, 0 filled in.`);
    const after = fs.readFileSync(path.join(dir, STAFF_FILE), "utf8");
    expect(after.startsWith(before)).toBe(true);
    const staff = (parse(after) as { staff: Record<string, unknown>[] }).staff;
    expect(staff.slice(-3)).toEqual([
      { id: "zhou-xiaomei", name: "周晓梅", position: "wealth_manager", phone: "13512345601", birthday: "1988-04-12", joined: "2010-07-01", hobbies: "瑜伽" },
      { id: "wu-jianshe", name: "吴建设", position: "lobby_manager", phone: "0755-83129988", birthday: "1979-10-03", joined: "2003-09-01" },
      { id: "ouyang-ming", name: "欧阳明", position: "branch_head", phone: "13512345603", birthday: "--07-08", joined: "2000-09-01", hobbies: "高尔夫、书法" },
    ]);
    expect(after).toContain('phone: "13512345601"');
    expect(runCli(["validate", "--data", dir]).code).toBe(0);

    // The same sheet again: everything is now a duplicate, nothing is written.
    const again = runCli(["import", "staff", "--branch", BRANCH, "--from", departmentSheet, "--data", dir, "--apply", "--lang", "en", "--format", "json"]);
    const report = JSON.parse(again.stdout);
    expect(report.added).toEqual([]);
    expect(report.applied).toBe(false);
    expect(report.duplicates.map((d: { row: number }) => d.row)).toEqual([3, 4, 6, 7]);
    expect(report.unreadable.map((u: { row: number; column: string }) => `${u.row}${u.column}`)).toEqual(["5B", "5C", "5D", "5E"]);
    expect(fs.readFileSync(path.join(dir, STAFF_FILE), "utf8")).toBe(after);
  });

  it("imports a GBK CSV of prospects, with a referrer by name", () => {
    const dir = scratch();
    const rel = `branches/${BRANCH}/prospects.yaml`;
    const before = fs.readFileSync(path.join(dir, rel), "utf8");
    const result = runCli(["import", "prospects", "--branch", BRANCH, "--from", path.join(FIXTURES, "import-sheets", "prospects-gbk.csv"), "--data", dir, "--apply", "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("CSV，GBK/GB18030");
    expect(result.stdout).toContain("第 3 行 刘女士：与 p-liu-002（刘女士，cmb-futian-center）姓名相同（同一支行）");
    const after = fs.readFileSync(path.join(dir, rel), "utf8");
    expect(after.startsWith(before)).toBe(true);
    const added = (parse(after) as { prospects: Record<string, unknown>[] }).prospects.slice(-2);
    expect(added[0]).toMatchObject({ name: "陈建国", tier: "valuable", phone: "13511112468", source: { kind: "staff_referral", staff: "wang-fang" }, next_followup: "2012-04-02", notes: "做外贸，\n喜欢喝茶" });
    expect(added[1]).toMatchObject({ name: "黄先生", tier: "valuable", source: { kind: "event" } });
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("fills in what an existing record lacks when the map says duplicates: fill", () => {
    const dir = scratch();
    const sheets = outDir();
    const csv = path.join(sheets, "补充.csv");
    // No position column: a sheet that only completes the archive.
    fs.writeFileSync(csv, "\uFEFF姓名,手机,价值观,扣扣\r\n王芳,13800138000,看重认可,12345678\r\n");
    const map = path.join(sheets, "map.yaml");
    fs.writeFileSync(map, "duplicates: fill\ncolumns:\n  扣扣: qq\n");
    const before = fs.readFileSync(path.join(dir, STAFF_FILE), "utf8");
    const result = runCli(["import", "staff", "--branch", BRANCH, "--from", csv, "--map", map, "--data", dir, "--apply", "--lang", "en"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("row 2 → wang-fang (王芳, cmb-futian-center): adds");
    const after = fs.readFileSync(path.join(dir, STAFF_FILE), "utf8");
    const wang = (parse(after) as { staff: Record<string, unknown>[] }).staff.find((s) => s.id === "wang-fang")!;
    expect(wang).toMatchObject({ values: "看重认可", qq: "12345678", hobbies: ["瑜伽", "烘焙"] });
    // Only lines were added: every old line is still there, in order.
    const oldLines = before.split("\n");
    let i = 0;
    for (const line of after.split("\n")) if (line === oldLines[i]) i++;
    expect(i).toBe(oldLines.length);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("reads a hand-written UTF-8 CSV with a title row, and reports its bad cells (JSON)", () => {
    const dir = scratch();
    const before = snapshot(dir);
    const result = runCli(["import", "staff", "--branch", BRANCH, "--from", path.join(FIXTURES, "import-sheets", "staff-utf8.csv"), "--data", dir, "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.source).toEqual({ file: path.join(FIXTURES, "import-sheets", "staff-utf8.csv"), format: "csv", encoding: "utf-8", sheet: null });
    expect(report.header_row).toBe(2);
    expect(report.columns.filter((c: { status: string }) => c.status === "unknown").map((c: { header: string }) => c.header)).toEqual(["序号", "微信群"]);
    expect(report.added.map((a: { row: number; id: string; entry: Record<string, unknown> }) => [a.row, a.id, a.entry.phone, a.entry.birthday])).toEqual([
      [3, "wang-xiaoming", "13800138001", "1985-06-15"],
      [4, "li-xiaohong", "13900002222", "--06-15"],
      [5, "ouyang-xiu", "0755-83001234", "1970-01-01"],
    ]);
    expect(report.duplicates.map((d: { row: number; reason: string }) => [d.row, d.reason])).toEqual([
      [7, "same_phone"],
      [9, "same_phone"],
    ]);
    expect(report.unreadable.map((u: { row: number; column: string; reason: string }) => [u.row, u.column, u.reason])).toEqual([
      [6, "C", "badPosition"],
      [6, "D", "phoneScientific"],
      [6, "E", "noSuchDay"],
      [6, "F", "yearOnly"],
      [8, "D", "phoneLostZero"],
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it("imports a contact log, naming people by name, as one-line entries like the file's", () => {
    const dir = scratch();
    const rel = `branches/${BRANCH}/activities.yaml`;
    const csv = path.join(outDir(), "联络.csv");
    fs.writeFileSync(csv, '日期,方式,对象,经办人,说明\n2012/3/21,拜访,王芳、陈先生,李娜,"送资料, 约下周"\n2012-03-22,吃饭,李强,李娜,\n2012-03-23,电话,不存在的人,,\n');
    const before = fs.readFileSync(path.join(dir, rel), "utf8");
    const result = runCli(["import", "activities", "--branch", BRANCH, "--from", csv, "--data", dir, "--apply", "--lang", "zh"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("第 4 行 C 列（对象） “不存在的人”：仓库中没有 不存在的人");
    const after = fs.readFileSync(path.join(dir, rel), "utf8");
    expect(after).toBe(
      before +
        '  - {date: 2012-03-21, kind: visit, with: [wang-fang, p-chen-001], by: 李娜, note: "送资料, 约下周"}\n' +
        "  - {date: 2012-03-22, kind: meal, with: [li-qiang], by: 李娜}\n",
    );
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("imports notes YAML would misread (..., ---, a long note whose next line is indented), every row", () => {
    const dir = scratch();
    const rel = `branches/${BRANCH}/activities.yaml`;
    const csv = path.join(outDir(), "备注.csv");
    const long = `${"他说这家支行的大堂经理很配合，".repeat(10)}\n  缩进的下一行\n最后一行`;
    fs.writeFileSync(csv, `日期,方式,对象,经办人,说明\n2012/3/21,拜访,王芳,李娜,...\n2012/3/22,拜访,王芳,李娜,---\n2012/3/23,拜访,王芳,李娜,"${long}"\n`);
    const result = runCli(["import", "activities", "--branch", BRANCH, "--from", csv, "--data", dir, "--apply", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).added).toHaveLength(3);
    const entries = (parse(fs.readFileSync(path.join(dir, rel), "utf8")) as { activities: { note?: string }[] }).activities;
    expect(entries.slice(-3).map((e) => e.note)).toEqual(["...", "---", long]);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("leaves out a row the validator rejects, naming its row and column, and writes a clean file", () => {
    const dir = scratch();
    const csv = path.join(outDir(), "email.csv");
    // The import's own check lets this address through; the schema's e-mail format does not.
    fs.writeFileSync(csv, "姓名,职务,邮箱\n甲乙,柜员,x@y..com\n丙丁,柜员,ok@example.com\n");
    const result = runCli(["import", "staff", "--branch", "cmb-shekou", "--from", csv, "--data", dir, "--apply", "--format", "json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.unreadable.map((u: { row: number; column: string; reason: string }) => [u.row, u.column, u.reason])).toEqual([[2, "C", "invalid"]]);
    expect(report.added.map((a: { id: string }) => a.id)).toEqual(["bing-ding"]);
    expect(report.applied).toBe(true);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("refuses a sheet that would make the file larger than the loader reads (FILE_TOO_LARGE), dry run and --apply, saying how many rows would fit, and writes nothing", () => {
    const dir = scratch();
    const csv = path.join(outDir(), "long-notes.csv");
    // 1,100 people with a 10,000-character note each: the file would be about 11 MB, over the
    // 10 MB that every command reads; written, it would be refused by all of them.
    const rows = Array.from({ length: 1100 }, (_, i) => `员工${i},柜员,${"备".repeat(3300)}${i}`);
    fs.writeFileSync(csv, `姓名,职务,备注\n${rows.join("\n")}\n`);
    const before = snapshot(dir);
    const fits: number[] = [];
    for (const apply of [[], ["--apply"]]) {
      const result = runCli(["import", "staff", "--branch", "cmb-shekou", "--from", csv, "--data", dir, "--lang", "en", ...apply]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/branches\/cmb-shekou\/staff\.yaml:1:1: .*FILE_TOO_LARGE/);
      // How large, and about how many of the rows would fit.
      const said = /would be ([\d.]+) MB after the import, over the 10 MB .* About (\d+) of the sheet's 1100 new records would fit/.exec(result.stderr);
      expect(said).not.toBeNull();
      expect(Number(said![1])).toBeGreaterThan(10);
      fits.push(Number(said![2]));
      expect(snapshot(dir)).toEqual(before);
    }
    expect(fits[0]).toBe(fits[1]);
    const fit = fits[0]!;
    expect(fit).toBeGreaterThan(900);
    expect(fit).toBeLessThan(1100);
    // As many rows as it said fit are written; a few more are refused.
    fs.writeFileSync(csv, `姓名,职务,备注\n${rows.slice(0, fit + 5).join("\n")}\n`);
    expect(runCli(["import", "staff", "--branch", "cmb-shekou", "--from", csv, "--data", dir, "--apply"]).code).toBe(1);
    fs.writeFileSync(csv, `姓名,职务,备注\n${rows.slice(0, fit).join("\n")}\n`);
    expect(runCli(["import", "staff", "--branch", "cmb-shekou", "--from", csv, "--data", dir, "--apply"]).code).toBe(0);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("refuses to edit a file that has errors now, and writes nothing", () => {
    const dir = scratch();
    fs.appendFileSync(path.join(dir, STAFF_FILE), "    birthdya: 1985-06-15\n");
    const before = snapshot(dir);
    const result = runCli(["import", "staff", "--branch", BRANCH, "--from", departmentSheet, "--data", dir, "--apply"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("UNKNOWN_KEY");
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("round trip", () => {
  for (const kind of ["staff", "prospects", "activities"] as const) {
    for (const [ext, lang] of [["xlsx", "zh"], ["csv", "en"]] as const) {
      it(`${kind} exported as .${ext} (${lang}) and imported again: everything is a duplicate`, () => {
        const dir = scratch();
        const file = path.join(outDir(), `${kind}.${ext}`);
        const exported = runCli(["export", kind, "--data", dir, "--out", file, "--lang", lang]);
        expect(exported.code).toBe(0);
        const before = snapshot(dir);
        const result = runCli(["import", kind, "--branch", "cmb-shekou", "--from", file, "--data", dir, "--apply", "--format", "json", "--lang", lang]);
        expect(result.code).toBe(0);
        const report = JSON.parse(result.stdout);
        expect(report.added).toEqual([]);
        expect(report.unreadable).toEqual([]);
        expect(report.columns.filter((c: { status: string }) => c.status === "unknown")).toEqual([]);
        expect(report.duplicates.length).toBeGreaterThan(10);
        expect(report.duplicates.every((d: { differs: string[] }) => d.differs.length === 0)).toBe(true);
        expect(snapshot(dir)).toEqual(before);
      });
    }
  }
});

describe("export", () => {
  it("writes the follow-ups for head office as .xlsx with Chinese headers and real dates", async () => {
    const file = path.join(outDir(), "待办.xlsx");
    const result = runCli(["export", "followups", "--data", scratch(), "--as-of", "2012-03-20", "--department", "sz-futian", "--out", file, "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("已写入");
    const [sheet] = await readXlsxFile(fs.readFileSync(file));
    expect(sheet?.sheet).toBe("待办跟进");
    expect(sheet?.data[0]).toEqual(["应办日", "逾期天数", "已升级", "事项", "支行", "对象", "职位", "电话", "负责人", "说明", "金额（元）"]);
    expect(sheet?.data[1]?.[0]).toBeInstanceOf(Date);
  });

  it("issue 25: export followups has the list's columns; its 支行 and 电话 match `followups --format csv`", () => {
    const file = path.join(outDir(), "followups.csv");
    const args = ["--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--lang", "zh"];
    expect(runCli(["export", "followups", ...args, "--out", file]).code).toBe(0);
    const exported = parseCsv(fs.readFileSync(file, "utf8"));
    const list = parseCsv(runCli(["followups", ...args, "--format", "csv"]).stdout);
    expect(exported[0]).toEqual(list[0]);
    const column = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0]!.indexOf(name)]);
    for (const name of ["应办日", "事项", "支行", "对象", "电话", "负责人"]) expect(column(exported, name)).toEqual(column(list, name));
    expect(column(exported, "电话")).toContain("13900001111");
    // With --redact the phone is masked; the column stays.
    const masked = path.join(outDir(), "followups-masked.csv");
    expect(runCli(["export", "followups", ...args, "--redact", "--out", masked]).code).toBe(0);
    const maskedRows = parseCsv(fs.readFileSync(masked, "utf8"));
    expect(column(maskedRows, "电话")).toContain("139****1111");
  });

  it("writes money as numeric cells of yuan, whatever form the YAML used (issue 19)", async () => {
    const file = path.join(outDir(), "prospects-money.xlsx");
    expect(runCli(["export", "prospects", "--data", DATA_EXAMPLE, "--out", file, "--lang", "zh"]).code).toBe(0);
    const [sheet] = await readXlsxFile(fs.readFileSync(file));
    const column = sheet!.data[0]!.indexOf("月收入（元）");
    const incomes = sheet!.data.slice(1).map((r) => r[column]).filter((v) => v !== null);
    // data-example writes them as 8万, "20000元", 20万, "5万", "1.5万".
    expect([...incomes].sort((a, b) => Number(a) - Number(b))).toEqual([15000, 20000, 50000, 80000, 200000]);
    const xml = strFromU8(unzipSync(fs.readFileSync(file))["xl/worksheets/sheet1.xml"]!);
    const cells = xml.match(new RegExp(`<c r="${columnLetter(column)}\\d+"[^>]*>.*?</c>`, "g"))!;
    expect(cells.length).toBe(6);
    for (const cell of cells.slice(1)) expect(cell).toMatch(/^<c r="\w+" s="\d+"><v>\d+<\/v><\/c>$/);
  });

  it("writes the bonus as CSV with a BOM, and masks personal data with --redact", () => {
    const dir = scratch();
    const file = path.join(outDir(), "bonus.csv");
    expect(runCli(["export", "bonus", "--data", dir, "--as-of", "2012-03-31", "--out", file, "--lang", "zh"]).code).toBe(0);
    expect(fs.readFileSync(file, "utf8").startsWith("\uFEFF排名,转入时间")).toBe(true);
    const staff = path.join(outDir(), "staff.csv");
    expect(runCli(["export", "staff", "--branch", BRANCH, "--redact", "--data", dir, "--out", staff]).code).toBe(0);
    const text = fs.readFileSync(staff, "utf8");
    expect(text).toContain("138****8000");
    expect(text).not.toContain("13800138000");
  });

  it("refuses usage mistakes with exit 2", () => {
    const dir = scratch();
    const out = path.join(outDir(), "x.xlsx");
    expect(runCli(["export", "staf", "--data", dir, "--out", out]).stderr).toContain("did you mean `staff`");
    expect(runCli(["export", "staff", "--data", dir]).code).toBe(2);
    expect(runCli(["export", "staff", "--data", dir, "--out", path.join(outDir(), "x.txt")]).code).toBe(2);
    expect(runCli(["export", "staff", "--data", dir, "--out", path.join(dir, STAFF_FILE), "--force"]).code).toBe(2);
    expect(runCli(["export", "staff", "--data", dir, "--branch", "cmb-futian", "--out", out]).code).toBe(2);
    expect(runCli(["import", "staff", "--data", dir, "--branch", BRANCH, "--from", "nope.xlsx"]).code).toBe(2);
    expect(runCli(["import", "staff", "--data", dir, "--branch", "nope", "--from", departmentSheet]).code).toBe(2);
    expect(runCli(["import", "staff", "--data", dir, "--from", departmentSheet]).code).toBe(2);
    expect(runCli(["import", "people", "--data", dir, "--branch", BRANCH, "--from", departmentSheet]).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("issue 25: import --update", () => {
  /** Rewrites a text in the xlsx's XML parts (as editing a cell in Excel changes it). */
  function editXlsx(file: string, from: string, to: string): void {
    const parts = unzipSync(fs.readFileSync(file));
    let edited = 0;
    for (const [name, bytes] of Object.entries(parts)) {
      const xml = strFromU8(bytes);
      if (name.endsWith(".xml") && xml.includes(from)) {
        parts[name] = strToU8(xml.split(from).join(to));
        edited += 1;
      }
    }
    expect(edited).toBe(1);
    fs.writeFileSync(file, zipSync(parts));
  }

  it("an Excel round trip changes the phone: export staff, edit a phone, import --update (diff), then --apply", () => {
    const data = scratch();
    const file = path.join(outDir(), "staff.xlsx");
    const staffYaml = path.join(data, "branches/cmb-futian-center/staff.yaml");
    expect(runCli(["export", "staff", "--branch", "cmb-futian-center", "--data", data, "--out", file, "--lang", "zh"]).code).toBe(0);
    // Unchanged, the sheet reads back as the file: nothing to change.
    const same = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--update", "--lang", "zh"]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("没有要写入的内容。");
    editXlsx(file, "13800138000", "13811112222");
    const before = fs.readFileSync(staffYaml, "utf8");
    const dry = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--update", "--lang", "zh"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("将修改 1 条记录（加 --apply 写入）：");
    expect(dry.stdout).toContain("第 10 行 → wang-fang（王芳，cmb-futian-center）：");
    expect(dry.stdout).toContain("电话：13800138000 → 13811112222");
    expect(fs.readFileSync(staffYaml, "utf8")).toBe(before);
    const json = JSON.parse(runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--update", "--format", "json"]).stdout) as { applied: boolean; updated: unknown[] };
    expect(json.applied).toBe(false);
    expect(json.updated).toEqual([{ row: 10, of: { id: "wang-fang", name: "王芳", branch: "cmb-futian-center", row: null }, changes: { phone: { from: "13800138000", to: "13811112222" } }, fields: {} }]);

    const applied = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--update", "--apply", "--lang", "zh"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("已写入 branches/cmb-futian-center/staff.yaml：新增 0 条，补充 0 条，修改 1 条。");
    // Exactly the phone's value changed; every other byte (comments, layout) is as it was.
    expect(fs.readFileSync(staffYaml, "utf8")).toBe(before.replace('phone: "13800138000"', 'phone: "13811112222"'));
    expect(runCli(["validate", "--data", data]).code).toBe(0);
    // Without --update, a changed phone is only shown, as before.
    editXlsx(file, "13811112222", "13822223333");
    const plain = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--apply", "--lang", "zh"]);
    expect(plain.stdout).toContain("不同之处：电话（未修改）");
    expect(fs.readFileSync(staffYaml, "utf8")).toContain('phone: "13811112222"');
  });

  it("an update that would make the file larger than the loader reads is refused, saying how large, and nothing is written", () => {
    const data = scratch();
    const staffYaml = path.join(data, "branches/cmb-futian-center/staff.yaml");
    // 900 people with a note of 3,000 characters (9 KB each): about 8 MB, under the 10 MB limit.
    const people = Array.from({ length: 900 }, (_, i) => `  - id: big-${i}\n    name: 员工${i}\n    position: teller\n    notes: ${"备".repeat(3000)}\n`);
    fs.appendFileSync(staffYaml, people.join(""));
    expect(runCli(["validate", "--data", data]).code).toBe(0);
    const before = fs.readFileSync(staffYaml, "utf8");
    // Their notes made a third longer: about 11 MB.
    const file = path.join(outDir(), "big-notes.csv");
    fs.writeFileSync(file, `标识,姓名,职务,备注\n${Array.from({ length: 900 }, (_, i) => `big-${i},员工${i},柜员,${"注".repeat(4000)}`).join("\n")}\n`);
    const result = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--update", "--apply", "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/staff\.yaml:1:1: .*FILE_TOO_LARGE/);
    expect(result.stderr).toMatch(/would be 1\d\.\d MB after the import, over the 10 MB a file may be \(no command reads a larger one\); nothing was written\n/);
    expect(result.stderr).not.toContain("would fit");
    expect(fs.readFileSync(staffYaml, "utf8")).toBe(before);
  });

  it("an update whose cell cannot be read is reported (exit 1) and nothing is written", () => {
    const data = scratch();
    const file = path.join(outDir(), "staff.csv");
    fs.writeFileSync(file, "标识,姓名,职务,入行时间\nwang-fang,王芳,理财经理,2099-13-01\n");
    const staffYaml = path.join(data, "branches/cmb-futian-center/staff.yaml");
    const before = fs.readFileSync(staffYaml, "utf8");
    const result = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", file, "--data", data, "--update", "--apply", "--lang", "zh"]);
    expect(result.code).toBe(1);
    expect(fs.readFileSync(staffYaml, "utf8")).toBe(before);
  });
});
