/**
 * The export sheets, built from data-example: real dates and numbers in .xlsx with a frozen
 * header row and sized columns, CSV with a BOM, headers in the reader's language, and personal
 * data masked with --redact.
 */
import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { activitiesSheet, bonusSheet, followupsSheet, prospectsSheet, staffSheet } from "../../src/export/build.js";
import { columnWidths, dateTime, day, money, num, renderSheetCsv, renderSheetXlsx, text, withDefaultCellStyle, type ExportSheet } from "../../src/export/sheet.js";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import { computeBonusAwards } from "../../src/rules/bonus.js";
import { findDueFollowups } from "../../src/rules/followups.js";
import { validateRepository } from "../../src/validate/index.js";
import { DATA_EXAMPLE } from "../helpers/cli.js";

const repo = loadRepository(DATA_EXAMPLE);
const { model } = buildModel(repo, validateRepository(repo).filesWithErrors);
const all = { branch: null, department: null };
const zh = { lang: "zh" as const, redact: false };

describe("xlsx", () => {
  it("writes real dates, a frozen header row and sized columns, and reads back as written", async () => {
    const sheet = staffSheet(model, { branch: "cmb-futian-center", department: null }, zh);
    const bytes = await renderSheetXlsx(sheet);
    const files = unzipSync(bytes);
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toMatch(/<col min="1" max="1" width="\d+"/);
    expect(strFromU8(files["xl/styles.xml"]!)).toContain('formatCode="yyyy-mm-dd"');

    const [read] = await readXlsxFile(Buffer.from(bytes));
    expect(read?.sheet).toBe("人员信息");
    const rows = read!.data;
    expect(rows[0]?.slice(0, 6)).toEqual(["支行", "支行标识", "营业部", "标识", "姓名", "职务"]);
    const wang = rows.find((r) => r[3] === "wang-fang")!;
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(wang[col("职务")]).toBe("理财经理");
    expect(wang[col("电话")]).toBe("13800138000");
    expect(wang[col("入行时间")]).toBeInstanceOf(Date);
    expect((wang[col("入行时间")] as unknown as Date).toISOString().slice(0, 10)).toBe(model.branches.find((b) => b.id === "cmb-futian-center")!.staff.find((s) => s.id === "wang-fang")!.joined);
  });

  it("sizes columns by display width, within bounds", () => {
    const widths = columnWidths({ name: "x", headers: ["姓名", "a"], rows: [[{ kind: "text", value: "欧阳修" }, null], [{ kind: "text", value: "x".repeat(200) }, null]] });
    expect(widths).toEqual([60, 8]);
  });

  it("writes datetimes and numbers for the bonus", async () => {
    const sheet = bonusSheet(computeBonusAwards(model, model.settings.bonus!, "2012-03-31"), all, model, zh);
    const [read] = await readXlsxFile(Buffer.from(await renderSheetXlsx(sheet)));
    const header = read!.data[0]!;
    const first = read!.data[1]!;
    expect(header).toContain("转入时间");
    expect(first[header.indexOf("转入时间")]).toBeInstanceOf(Date);
    expect(typeof first[header.indexOf("奖励（元）")]).toBe("number");
  });
});

describe("csv", () => {
  it("is UTF-8 with a BOM, headers in the chosen language", () => {
    const csv = renderSheetCsv(prospectsSheet(model, all, { lang: "en", redact: false }));
    expect(csv.startsWith("\uFEFFSub-branch,Sub-branch ID,Department,ID,Name,Tier,Phone")).toBe(true);
    expect(csv).toContain(",p-chen-001,陈先生,valuable,13900001111,");
    const activities = renderSheetCsv(activitiesSheet(model, all, zh));
    expect(activities.split("\r\n")[0]).toBe("\uFEFF支行,支行标识,营业部,日期,方式,对象,对象标识,经办人,说明");
  });

  it("lists follow-ups with their due day and detail", () => {
    const items = findDueFollowups(model, model.settings.followups, "2012-03-20", 7);
    const sheet = followupsSheet(model, items, "2012-03-20", zh);
    // The list's columns, 电话 included (issue 25).
    expect(sheet.headers).toEqual(["应办日", "逾期天数", "已升级", "事项", "支行", "对象", "职位", "电话", "负责人", "说明", "金额（元）"]);
    expect(sheet.rows).toHaveLength(items.length);
    expect(sheet.rows[0]?.[0]).toEqual({ kind: "date", value: items[0]!.due });
    // The branch as the list names it, without the bank in front; the phone as text.
    const chen = items.findIndex((i) => i.person === "p-chen-001");
    expect(sheet.rows[chen]?.[4]).toMatchObject({ value: "深圳福田中心支行" });
    expect(sheet.rows[chen]?.[7]).toMatchObject({ value: "13900001111" });
    // The amount of a maturity, large movement or care call as a number of yuan (issue 19); blank for the others.
    const amounts = sheet.rows.map((row) => row[10]);
    expect(amounts).toContainEqual({ kind: "money", value: 500_000 });
    for (const [i, item] of items.entries()) {
      expect(amounts[i] === null).toBe(!["maturity", "large_movement", "care_call"].includes(item.kind));
    }
  });
});

describe("hostile text", () => {
  const sheet: ExportSheet = {
    name: "t",
    headers: ["备注", "金额"],
    rows: [
      [text("-1+cmd|' /C calc'!A0"), num(-300)],
      [text("\x1b[2J\u202E注"), num(12.5)],
    ],
  };

  it("guards formulas in text cells and keeps negative numbers numbers in CSV", () => {
    expect(renderSheetCsv(sheet).slice(1).split("\r\n").slice(1, 3)).toEqual(["'-1+cmd|' /C calc'!A0,-300", "\\x1B[2J\\u202E注,12.5"]);
  });

  it("writes no control character into the xlsx", async () => {
    const xml = strFromU8(unzipSync(await renderSheetXlsx(sheet))["xl/sharedStrings.xml"] ?? unzipSync(await renderSheetXlsx(sheet))["xl/worksheets/sheet1.xml"]!);
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\u202e]/);
    expect(xml).toContain("\\x1B[2J\\u202E注");
  });
});

describe("money is a number of yuan (issue 19)", () => {
  it("writes a prospect's monthly income written as 1.5万 or 20000元 as the number it is", async () => {
    const sheet = prospectsSheet(model, all, zh);
    const [read] = await readXlsxFile(Buffer.from(await renderSheetXlsx(sheet)));
    const rows = read!.data;
    const income = rows[0]!.indexOf("月收入（元）");
    const name = rows[0]!.indexOf("标识");
    expect(income).toBeGreaterThan(0);
    const incomes = rows.slice(1).filter((r) => r[income] !== null).map((r) => [r[name], r[income]]);
    expect(incomes.length).toBeGreaterThanOrEqual(5);
    for (const [, value] of incomes) expect(typeof value).toBe("number");
    expect(incomes.map(([, v]) => v)).toEqual(expect.arrayContaining([15000, 20000, 80000, 50000, 200000]));
    const csvRows = renderSheetCsv(sheet).slice(1).split("\r\n").map((line) => line.split(","));
    const csvIncome = csvRows[0]!.indexOf("月收入（元）");
    expect(csvRows.slice(1).map((r) => r[csvIncome]).filter((v) => v !== "" && v !== undefined)).toEqual(expect.arrayContaining(["15000", "20000"]));
  });

  it("stores money as a numeric cell (no t= string type) with a thousands format", async () => {
    const { sheet, styles } = sheetXml(await renderSheetXlsx({ name: "t", headers: ["a", "b"], rows: [[money(15000), money(1234.5)]] }));
    expect(sheet).toMatch(/<c r="A2" s="\d+"><v>15000<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="B2" s="\d+"><v>1234.5<\/v><\/c>/);
    expect(styles).toContain('formatCode="#,##0"');
    expect(styles).toContain('formatCode="#,##0.00"');
  });

  it("gives the bonus's conversion amount its own number column", async () => {
    const sheet = bonusSheet(computeBonusAwards(model, model.settings.bonus!, "2012-03-31"), all, model, zh);
    const [read] = await readXlsxFile(Buffer.from(await renderSheetXlsx(sheet)));
    const header = read!.data[0]!;
    const amounts = read!.data.slice(1).map((r) => r[header.indexOf("转化金额（元）")]);
    expect(amounts.filter((a) => a !== null).length).toBeGreaterThan(0);
    for (const a of amounts) expect(a === null || typeof a === "number").toBe(true);
    expect(amounts).toContain(20000);
  });
});

describe("the default cell style (issue 19)", () => {
  it("declares the Normal named style and derives every cell format from it", async () => {
    const { styles } = sheetXml(await renderSheetXlsx({ name: "t", headers: ["a"], rows: [[day("2012-03-05")]] }));
    expect(styles).toMatch(/<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"\/><\/cellStyleXfs><cellXfs /);
    expect(styles).toContain('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>');
    const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf\b[^>]*>/g)!;
    expect(xfs.length).toBeGreaterThan(1);
    for (const xf of xfs) expect(xf).toMatch(/xfId="0"/);
  });

  it("leaves a styles part that already has named styles alone", () => {
    const xml = '<styleSheet><cellXfs count="1"><xf xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
    expect(withDefaultCellStyle(xml)).toBe(xml);
  });
});

function sheetXml(bytes: Uint8Array): { sheet: string; styles: string } {
  const files = unzipSync(bytes);
  return { sheet: strFromU8(files["xl/worksheets/sheet1.xml"]!), styles: strFromU8(files["xl/styles.xml"]!) };
}

describe("--redact", () => {
  it("masks phones and prospects' names and leaves out ids, addresses and notes", () => {
    const csv = renderSheetCsv(prospectsSheet(model, all, { lang: "zh", redact: true }));
    expect(csv).toContain("陈**");
    expect(csv).toContain("139****1111");
    expect(csv).not.toContain("13900001111");
    expect(csv).not.toContain("p-chen-001");
    expect(csv.split("\r\n")[0]).not.toContain("地址");
    const staff = renderSheetCsv(staffSheet(model, all, { lang: "zh", redact: true }));
    expect(staff).not.toContain("13800138000");
    expect(staff.split("\r\n")[0]).not.toMatch(/生日|兴趣爱好|备注|微信/);
    const bonus = bonusSheet(computeBonusAwards(model, model.settings.bonus!, "2012-03-31"), all, model, { lang: "zh", redact: true });
    expect(bonus.headers).not.toContain("转化依据");
    expect(bonus.headers).not.toContain("转化金额（元）");
  });
});

describe("dates Excel cannot hold (issue 14)", () => {
  it("writes a day or a time before 1900 as the text the file holds, never as another date", async () => {
    const sheet = {
      name: "t",
      headers: ["a", "b", "c", "d", "e"],
      rows: [[day("0000-01-01"), day("1899-12-31"), dateTime("0099-05-05T10:30:00"), day("1900-01-01"), day("2012-03-31")]],
    };
    const [read] = await readXlsxFile(Buffer.from(await renderSheetXlsx(sheet)));
    const row = read!.data[1]!;
    expect(row.slice(0, 3)).toEqual(["0000-01-01", "1899-12-31", "0099-05-05 10:30"]);
    expect(row.slice(3).map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell))).toEqual(["1900-01-01", "2012-03-31"]);
  });
});
