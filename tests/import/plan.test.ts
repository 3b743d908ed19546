/**
 * The import plan, decided from a grid of cells: where the header is, what each column is,
 * which rows are new, duplicates (of the repository or of an earlier row) or fill-ins, and every
 * unreadable cell with its row and column.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadPinyin, type Pinyin } from "../../src/import/ids.js";
import { DEFAULT_MAP, parseImportMap, type ImportMap } from "../../src/import/map-file.js";
import { PlanError, planImport, type Existing, type ExistingPerson } from "../../src/import/plan.js";
import { gridOfRows, type CellValue, type Grid } from "../../src/import/sheet.js";
import type { ImportKind } from "../../src/import/fields.js";

let pinyin: Pinyin;
beforeAll(async () => {
  pinyin = await loadPinyin();
});

const grid = (rows: CellValue[][]): Grid => ({ ...gridOfRows(rows), format: "xlsx", encoding: null, sheet: "Sheet1", sheets: ["Sheet1"] });

const person = (p: Partial<ExistingPerson> & { id: string }): ExistingPerson => ({
  kind: "staff",
  name: null,
  phone: null,
  branch: "b1",
  index: 0,
  data: { id: p.id, name: p.name, position: "clerk", ...(p.phone ? { phone: p.phone } : {}) },
  ...p,
});

const EXISTING: Existing = {
  people: [
    person({ id: "wang-fang", name: "王芳", phone: "13800138000", index: 0 }),
    person({ id: "li-qiang", name: "李强", branch: "b2", phone: "13900000001", index: 0 }),
    person({ id: "p-chen-001", kind: "prospects", name: "陈先生", phone: "13911112222" }),
  ],
  activities: [{ branch: "b1", date: "2012-03-01", kind: "report", with: ["wang-fang"], note: "二月统计表" }],
};

function plan(kind: ImportKind, rows: CellValue[][], map: ImportMap = DEFAULT_MAP, existing: Existing = EXISTING) {
  return planImport({ kind, branch: "b1", grid: grid(rows), map, existing, pinyin });
}

describe("headers", () => {
  it("finds the header under a title row, maps Chinese and English headers, and reports the unknown ones", () => {
    const p = plan("staff", [
      ["福田中心支行人员信息表", null, null],
      [],
      ["序号", "姓名", "岗位", "Mobile", "生日（公历）", "农历生日", "微信群", "支行"],
      [1, "张三", "柜员", "13700000001", new Date(Date.UTC(1985, 5, 15)), "四月十五", "x", "福田"],
    ]);
    expect(p.headerRow).toBe(3);
    expect(p.columns.map((c) => [c.column, c.field, c.status])).toEqual([
      ["A", null, "unknown"],
      ["B", "name", "field"],
      ["C", "position", "field"],
      ["D", "phone", "field"],
      ["E", "birthday", "field"],
      ["F", "lunar_birthday", "field"],
      ["G", null, "unknown"],
      ["H", "branch", "derived"],
    ]);
    expect(p.additions).toEqual([{ row: 4, id: "zhang-san", name: "张三", entry: { id: "zhang-san", name: "张三", position: "teller", phone: "13700000001", birthday: "1985-06-15", lunar_birthday: "04-15" } }]);
  });

  it("refuses a sheet without a header, and names a missing required column", () => {
    expect(() => plan("staff", [["a", "b"], [1, 2]])).toThrow(PlanError);
    expect(plan("staff", [["姓名", "电话"], ["张三", "13700000001"]]).missingRequired).toEqual(["position"]);
  });

  it("takes a second column of the same field when the first is empty", () => {
    const p = plan("staff", [["姓名", "职务", "手机", "电话"], ["张三", "柜员", null, "0755-83000000"]]);
    expect(p.columns[3]?.status).toBe("extra");
    expect(p.additions[0]?.entry.phone).toBe("0755-83000000");
  });
});

describe("unreadable cells", () => {
  it("reports every bad cell of a row with its row number, column letter and header", () => {
    const p = plan("staff", [
      ["姓名", "职务", "电话", "生日", "农历生日", "入行时间", "核心人物", "性别", "QQ", "电子邮箱", "标识"],
      ["张三", "柜员", "13700000001", null, null, null, null, null, null, null, null],
      ["李四", "经理人", "1.38E+10", "2012/2/30", "十三月初一", "2012", "也许", "未知", "0123", "a@", "Li_Si"],
      [null, "柜员", "13700000002"],
    ]);
    expect(p.additions.map((a) => a.row)).toEqual([2]);
    expect(p.problems.map((x) => [x.row, x.column, x.header, x.reason])).toEqual([
      [3, "B", "职务", "import.reason.badPosition"],
      [3, "C", "电话", "import.reason.phoneScientific"],
      [3, "D", "生日", "import.reason.noSuchDay"],
      [3, "E", "农历生日", "import.reason.badLunar"],
      [3, "F", "入行时间", "import.reason.yearOnly"],
      [3, "G", "核心人物", "import.reason.badYesNo"],
      [3, "H", "性别", "import.reason.badGender"],
      [3, "I", "QQ", "import.reason.badQq"],
      [3, "J", "电子邮箱", "import.reason.badEmail"],
      [3, "K", "标识", "import.reason.badId"],
      [4, "A", "姓名", "import.reason.required"],
    ]);
    expect(p.problems[1]?.value).toBe("1.38E+10");
  });

  it("reports references to people that are unknown or ambiguous", () => {
    const existing: Existing = { ...EXISTING, people: [...EXISTING.people, person({ id: "wang-fang-2", name: "王芳", index: 1 })] };
    const p = plan("activities", [["日期", "方式", "对象"], ["2012-03-05", "拜访", "王芳"], ["2012-03-06", "电话", "赵六"], ["2012-03-07", "电话", "wang-fang、陈先生"]], DEFAULT_MAP, existing);
    expect(p.problems.map((x) => [x.row, x.column, x.reason])).toEqual([
      [2, "C", "import.reason.ambiguousPerson"],
      [3, "C", "import.reason.unknownPerson"],
    ]);
    expect(p.additions[0]?.entry).toEqual({ date: "2012-03-07", kind: "call", with: ["wang-fang", "p-chen-001"] });
  });
});

describe("duplicates", () => {
  const header = ["姓名", "职务", "电话", "标识"];

  it("skips the same phone anywhere, the same name at the branch, the same id, and repeats within the sheet", () => {
    const p = plan("staff", [
      header,
      ["王小芳", "柜员", "13800138000", null], // wang-fang's phone
      ["王芳", "柜员", "13700000009", null], // same name at b1
      ["李强", "柜员", "13700000010", null], // 李强 is at b2: a different person
      ["某人", "柜员", null, "li-qiang"], // same id
      ["赵六", "柜员", "13700000011", null],
      ["赵六", "保安", null, null], // the row above again
    ]);
    expect(p.duplicates.map((d) => [d.row, d.reason, d.of.id, d.of.row])).toEqual([
      [2, "same_phone", "wang-fang", null],
      [3, "same_name", "wang-fang", null],
      [5, "same_id", "li-qiang", null],
      [7, "same_name", null, 6],
    ]);
    expect(p.duplicates[1]?.differs).toEqual(["position", "phone"]);
    expect(p.additions.map((a) => [a.row, a.id])).toEqual([
      [4, "li-qiang-2"],
      [6, "zhao-liu"],
    ]);
  });

  it("fills in what the record on file (or the earlier row) lacks when the map says so", () => {
    const map = parseImportMap("duplicates: fill\n", "staff");
    const p = plan("staff", [
      ["姓名", "职务", "电话", "爱好"],
      ["王芳", "理财经理", "13800138000", "羽毛球"],
      ["赵六", "柜员", null, null],
      ["赵六", "柜员", "13700000011", null],
      ["李强", "柜员", "13900000001", "游泳"], // at another branch: shown, never edited
    ], map);
    expect(p.fills).toEqual([
      { row: 2, reason: "same_phone", of: { id: "wang-fang", name: "王芳", branch: "b1", row: null }, index: 0, fields: { hobbies: "羽毛球" }, changes: {} },
      { row: 4, reason: "same_name", of: { id: null, name: "赵六", branch: null, row: 3 }, index: null, fields: { phone: "13700000011" }, changes: {} },
    ]);
    expect(p.additions.map((a) => a.entry)).toEqual([{ id: "zhao-liu", name: "赵六", position: "teller", phone: "13700000011" }]);
    expect(p.duplicates.map((d) => [d.row, d.reason])).toEqual([[5, "same_phone"]]);
  });

  it("matches on what the map names: prospects called 陈先生 with different phones are different people", () => {
    const rows: CellValue[][] = [["客户姓名", "电话"], ["陈先生", "13511110001"], ["陈先生", "13511110002"], ["陈先生", "13911112222"]];
    expect(plan("prospects", rows).additions).toHaveLength(0);
    const p = plan("prospects", rows, parseImportMap("match: [phone]\n", "prospects"));
    expect(p.additions.map((a) => a.id)).toEqual(["p-chen-002", "p-chen-003"]);
    expect(p.duplicates.map((d) => [d.row, d.reason])).toEqual([[4, "same_phone"]]);
  });

  it("skips an activity already in the log or earlier in the sheet", () => {
    const p = plan("activities", [
      ["日期", "方式", "对象标识", "说明"],
      ["2012-03-01", "汇报", "wang-fang", "二月统计表"],
      ["2012/3/5", "拜访", "wang-fang", null],
      [new Date(Date.UTC(2012, 2, 5)), "visit", "wang-fang", null],
    ]);
    expect(p.duplicates.map((d) => [d.row, d.reason, d.of.row])).toEqual([
      [2, "same_activity", null],
      [4, "same_activity", 3],
    ]);
    expect(p.additions.map((a) => a.entry)).toEqual([{ date: "2012-03-05", kind: "visit", with: ["wang-fang"] }]);
  });
});

describe("--map", () => {
  it("names columns, translates values, fills defaults and fixes the header row", () => {
    const map = parseImportMap(
      ["header_row: 2", "columns:", "  员工名字: name", "  岗位名称: position", "  微信群: ignore", "values:", "  position: {高级理财经理: vip_wealth_manager}", "defaults:", "  key: 是"].join("\n"),
      "staff",
    );
    const p = plan("staff", [["姓名", "职务"], ["员工名字", "岗位名称", "微信群"], ["张三", "高级理财经理", "x"]], map);
    expect(p.columns.map((c) => c.status)).toEqual(["field", "field", "ignored"]);
    expect(p.additions[0]?.entry).toEqual({ id: "zhang-san", name: "张三", position: "vip_wealth_manager", key: true });
  });

  it("refuses what it does not know", () => {
    expect(() => parseImportMap("colums: {}\n", "staff")).toThrow();
    expect(() => parseImportMap("columns: {a: phoen}\n", "staff")).toThrow();
    expect(() => parseImportMap("duplicates: merge\n", "staff")).toThrow();
    expect(() => parseImportMap("match: [email]\n", "staff")).toThrow();
  });
});

describe("prospects", () => {
  it("reads tiers, sources and referrers into the record's shape", () => {
    const p = plan("prospects", [
      ["客户姓名", "客户类型", "电话", "来源", "推荐人", "下次跟进", "月收入", "开户日期"],
      ["黄先生", "有价值客户", "13700000021", "员工推荐", "王芳", "2012年4月2日", "3万", "2012/3/16"],
      ["刘女士", null, null, null, "wang-fang", null, null, null],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.additions.map((a) => a.entry)).toEqual([
      { id: "p-huang-002", name: "黄先生", tier: "valuable", phone: "13700000021", income_monthly: "3万", source: { kind: "staff_referral", staff: "wang-fang" }, next_followup: "2012-04-02", converted: { date: "2012-03-16" } },
      { id: "p-liu-003", name: "刘女士", source: { kind: "staff_referral", staff: "wang-fang" } },
    ]);
  });
});

describe("work per row (issue 14: 20,000 rows took 58 s)", () => {
  /** `rows` new staff with distinct names and phones, and a repeat of each tenth one. */
  function sheet(rows: number): CellValue[][] {
    const given = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚";
    const name = (i: number) => {
      let text = "";
      for (let n = i; ; n = Math.floor(n / given.length)) {
        text += given[n % given.length];
        if (n < given.length) break;
      }
      return `王${text}`;
    };
    const out: CellValue[][] = [["姓名", "职务", "电话"]];
    for (let i = 0; i < rows; i++) {
      out.push([name(i), "柜员", `139${String(i).padStart(8, "0")}`]);
      if (i % 10 === 0) out.push([name(i), "保安", null]);
    }
    return out;
  }

  it("compares each row with the earlier rows and the records on file by lookup, not by scanning them", () => {
    const onFile: Existing = {
      people: Array.from({ length: 2000 }, (_, i) => person({ id: `s${i}`, name: `李${i}`, phone: `137${String(i).padStart(8, "0")}`, index: i })),
      activities: [],
    };
    // Counted, not timed: the text normalisations (one per compared name) and the reads of the records on file.
    let reads = 0;
    const counted: Existing = {
      activities: [],
      people: new Proxy(onFile.people, {
        get(target, key, receiver) {
          if (typeof key === "string" && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }),
    };
    const normalize = vi.spyOn(String.prototype, "normalize");
    try {
      const rows = 2000;
      const p = plan("staff", sheet(rows), DEFAULT_MAP, counted);
      expect(p.additions).toHaveLength(rows);
      expect(p.duplicates).toHaveLength(rows / 10);
      expect(p.duplicates[0]).toMatchObject({ row: 3, reason: "same_name", of: { row: 2 } });
      // Quadratic work was about rows²/2 = 2,000,000 normalisations and rows × 2000 × 3 reads.
      expect(normalize.mock.calls.length).toBeLessThan(40 * rows);
      expect(reads).toBeLessThan(10 * (rows + onFile.people.length));
    } finally {
      normalize.mockRestore();
    }
  });
});

describe("issue 25: --update", () => {
  const rows: CellValue[][] = [
    ["标识", "姓名", "职务", "电话", "总部备案日期"],
    // Same id, a new phone and a registration time.
    ["wang-fang", "王芳", "职员", "13811112222", "2012-02-20 09:40"],
    // Another id, same name at this branch: matched by name, never updated.
    ["wang-fang-2", "王芳", "职员", "13811112222", null],
    // Same id at another branch: not this file's record.
    ["li-qiang", "李强", "职员", "13900000009", null],
  ];
  const update = (r: CellValue[][]) => planImport({ kind: "staff", branch: "b1", grid: grid(r), map: DEFAULT_MAP, existing: EXISTING, pinyin, update: true });

  it("changes the fields of a record of this file matched by id, and fills in what it lacks", () => {
    const p = update(rows.slice(0, 2));
    expect(p.fills).toEqual([
      {
        row: 2,
        reason: "same_id",
        of: { id: "wang-fang", name: "王芳", branch: "b1", row: null },
        index: 0,
        fields: { hq_registered: "2012-02-20 09:40" },
        changes: { phone: { from: "13800138000", to: "13811112222" } },
      },
    ]);
    expect(p.duplicates).toEqual([]);
    expect(p.additions).toEqual([]);
  });

  it("without --update, the same row is only a duplicate whose differences are shown", () => {
    const p = plan("staff", rows.slice(0, 2));
    expect(p.fills).toEqual([]);
    expect(p.duplicates.map((d) => [d.row, d.reason, d.differs])).toEqual([[2, "same_id", ["phone"]]]);
  });

  it("never changes a record matched by phone or name, nor one of another branch", () => {
    const p = update([rows[0]!, rows[2]!, rows[3]!]);
    expect(p.fills).toEqual([]);
    expect(p.duplicates.map((d) => [d.row, d.reason])).toEqual([
      [2, "same_name"],
      [3, "same_id"],
    ]);
  });

  it("treats a position's Chinese name on file and its code from the sheet as the same value", () => {
    const existing: Existing = { ...EXISTING, people: [person({ id: "wang-fang", name: "王芳", phone: "13800138000", data: { id: "wang-fang", name: "王芳", position: "职员", phone: "13800138000" } })] };
    const p = planImport({ kind: "staff", branch: "b1", grid: grid([rows[0]!.slice(0, 4), ["wang-fang", "王芳", "clerk", "13800138000"]]), map: DEFAULT_MAP, existing, pinyin, update: true });
    expect(p.fills).toEqual([]);
  });
});

// Issue 29: a generated id is put in front of the entry rather than the entry built again; the
// keys must stay in the order of the field list (the file is written in that order).
describe("generated ids (issue 29)", () => {
  it("come first, the other keys in the order of the field list, nested records as they were", () => {
    const staff = plan("staff", [
      ["姓名", "备注", "手机", "职务", "兴趣爱好"],
      ["赵敏", "新人", "13700000009", "柜员", "读书"],
    ]);
    expect(Object.keys(staff.additions[0]!.entry)).toEqual(["id", "name", "position", "phone", "hobbies", "notes"]);
    const prospects = plan("prospects", [
      ["备注", "客户姓名", "推荐人", "手机"],
      ["老客户", "周先生", "王芳", "13700000010"],
    ]);
    const entry = prospects.additions[0]!.entry;
    expect(Object.keys(entry)[0]).toBe("id");
    expect(entry.source).toEqual({ kind: "staff_referral", staff: "wang-fang" });
    expect(Object.keys(entry.source as object)).toEqual(["kind", "staff"]);
  });
});
