/**
 * `channel bonus` and `channel expenses` as a user runs them (the built CLI; `npm run build`
 * first), held to the expected results stated in data-example/README.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { copyToTemp, DATA_EXAMPLE, FIXTURES, runCli } from "../helpers/cli.js";

const MONEY_FORMS = path.join(FIXTURES, "bonus-money-forms");
const FORMATS = ["table", "json", "csv", "md"] as const;
const LANGS = ["zh", "en"] as const;

/** The one line `bonus` and `expenses` print while the policy carries `example: true`. */
const EXAMPLE_NOTICE = {
  bonus: {
    zh: "注意：channel.yaml 的 bonus 政策还标着 example: true，其中的金额、名额和门槛只是示例；请按总部下发的正式政策文件改写，改好后删掉 example 这一行",
    en: "note: the bonus policy in channel.yaml still says example: true, so its amount, caps and minimums are examples; replace them with those of head office's circular, then delete the example line",
  },
  expenses: {
    zh: "注意：channel.yaml 的 expense_support 政策还标着 example: true，其中的档位和金额只是示例；请按总部下发的正式政策文件改写，改好后删掉 example 这一行",
    en: "note: the expense_support policy in channel.yaml still says example: true, so its tiers and amounts are examples; replace them with those of head office's circular, then delete the example line",
  },
} as const;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempCopy(source: string = DATA_EXAMPLE): string {
  const dir = copyToTemp(source);
  temps.push(dir);
  return dir;
}

interface BonusJson {
  as_of: string;
  amount: number;
  per_branch_cap: number;
  total_cap: number;
  awarded: number;
  total_amount: number;
  candidates: {
    rank: number | null;
    staff: string;
    name: string;
    position: string;
    branch: string;
    department: string;
    at: string;
    basis: { kind: string; amount: number | null; product: string | null };
    status: string;
    reason: string | null;
    amount: number;
  }[];
  departments: { department: string; awarded: number; amount: number }[];
}

interface ExpensesJson {
  as_of: string;
  product: string;
  departments: { department: string; name: string; scheme: string; sales: number; excluded_sales: number; tier: number | null; support: number; reason: string | null }[];
  total_support: number;
}

function json<T>(args: string[], data = DATA_EXAMPLE): T {
  const result = runCli([...args, "--data", data, "--format", "json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** RFC 4180 rows of a CSV text without its BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

/** data-example/README.md §3, `channel bonus --as-of 2012-03-31`: staff, rank, status, reason, amount. */
const BONUS_AT_MARCH_31: [string, number | null, string, string | null, number][] = [
  ["lin-na", null, "rejected", "before_start", 0],
  ["huang-wei", 1, "awarded", null, 1000],
  ["luo-bin", 2, "awarded", null, 1000],
  ["sun-li", null, "rejected", "registered_after_conversion", 0],
  ["zhou-xue", null, "rejected", "position_not_eligible", 0],
  ["yu-hai", 3, "awarded", null, 1000],
  ["li-qiang", 4, "awarded", null, 1000],
  ["wang-fang", 5, "rejected", "branch_cap_reached", 0],
  ["he-jing", 6, "awarded", null, 1000],
  ["xu-jun", 7, "awarded", null, 1000],
  ["song-jia", 8, "awarded", null, 1000],
  ["zheng-hua", 9, "awarded", null, 1000],
  ["tang-lei", null, "rejected", "not_registered", 0],
  ["tian-yu", null, "rejected", "below_minimum", 0],
  ["liang-hong", null, "rejected", "product_not_eligible", 0],
  ["ma-chao", 10, "awarded", null, 1000],
  ["cai-ying", 11, "awarded", null, 1000],
  ["feng-yan", null, "rejected", "not_registered", 0],
  ["pan-yue", 12, "awarded", null, 1000],
  ["gao-yuan", 13, "awarded", null, 1000],
];

const outcomes = (b: BonusJson) => b.candidates.map((c) => [c.staff, c.rank, c.status, c.reason, c.amount]);

describe("channel bonus on data-example", () => {
  it("at 2012-03-31 gives the README's candidates, ranks, reasons and totals", () => {
    const b = json<BonusJson>(["bonus", "--as-of", "2012-03-31"]);
    expect(outcomes(b)).toEqual(BONUS_AT_MARCH_31);
    expect([b.as_of, b.amount, b.per_branch_cap, b.total_cap, b.awarded, b.total_amount]).toEqual(["2012-03-31", 1000, 2, 100, 12, 12000]);
    expect(b.departments).toEqual([
      { department: "sz-futian", awarded: 5, amount: 5000 },
      { department: "sz-luohu", awarded: 3, amount: 3000 },
      { department: "sz-nanshan", awarded: 4, amount: 4000 },
    ]);
  });

  it("writes each candidate's row in SPEC 6's shape, checked by hand against the staff files", () => {
    const b = json<BonusJson>(["bonus", "--as-of", "2012-03-31"]);
    const row = (id: string) => b.candidates.find((c) => c.staff === id);
    // cmb-futian-center/staff.yaml: wang-fang, asset 5万 at "2012-02-20T10:30".
    expect(row("wang-fang")).toEqual({
      rank: 5,
      staff: "wang-fang",
      name: "王芳",
      position: "wealth_manager",
      branch: "cmb-futian-center",
      department: "sz-futian",
      at: "2012-02-20T10:30:00",
      basis: { kind: "asset", amount: 50000, product: null },
      status: "rejected",
      reason: "branch_cap_reached",
      amount: 0,
    });
    expect(row("tian-yu")!.basis).toEqual({ kind: "asset", amount: 19900, product: null });
    expect(row("yu-hai")!.basis).toEqual({ kind: "asset", amount: 1_200_000, product: null });
    expect(row("li-qiang")!.basis).toEqual({ kind: "fund", amount: 30000, product: null });
    expect(row("cai-ying")!.basis).toEqual({ kind: "product", amount: null, product: "长城2号" });
    expect(row("gao-yuan")!.at).toBe("2012-03-31T23:59:00");
    expect(row("song-jia")!.at).toBe("2012-03-01T10:00:00");
    expect(b.candidates.some((c) => c.staff === "ye-qing")).toBe(false);
  });

  it("mid-campaign (2012-03-20): later conversions are not candidates yet", () => {
    const b = json<BonusJson>(["bonus", "--as-of", "2012-03-20"]);
    const expected = BONUS_AT_MARCH_31.filter(([id]) => id !== "pan-yue" && id !== "gao-yuan");
    expect(outcomes(b)).toEqual(expected);
    expect([b.awarded, b.total_amount]).toEqual([10, 10000]);
    expect(b.departments).toEqual([
      { department: "sz-futian", awarded: 4, amount: 4000 },
      { department: "sz-luohu", awarded: 3, amount: 3000 },
      { department: "sz-nanshan", awarded: 3, amount: 3000 },
    ]);
  });

  it("at 2012-04-05: 叶青 is after the deadline and 冯艳's registration is now on record, late", () => {
    const b = json<BonusJson>(["bonus", "--as-of", "2012-04-05"]);
    const reason = (id: string) => b.candidates.find((c) => c.staff === id)?.reason;
    expect(reason("ye-qing")).toBe("after_deadline");
    expect(reason("feng-yan")).toBe("registered_after_conversion");
    expect(b.awarded).toBe(12);
    expect(b.candidates.filter((c) => c.status === "awarded").map((c) => c.staff)).toEqual(
      BONUS_AT_MARCH_31.filter(([, , status]) => status === "awarded").map(([id]) => id),
    );
  });

  it("--department filters the view, not the quota", () => {
    const all = json<BonusJson>(["bonus", "--as-of", "2012-03-31"]);
    const nanshan = json<BonusJson>(["bonus", "--as-of", "2012-03-31", "--department", "sz-nanshan"]);
    expect(nanshan.candidates).toEqual(all.candidates.filter((c) => c.department === "sz-nanshan"));
    expect(nanshan.candidates.map((c) => c.rank)).toEqual([null, 7, 9, null, 11, null, 12]);
    expect(nanshan.departments).toEqual([{ department: "sz-nanshan", awarded: 4, amount: 4000 }]);
    expect([nanshan.awarded, nanshan.total_amount]).toEqual([12, 12000]);
  });

  it("rejects an unknown --department (exit 2)", () => {
    const result = runCli(["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--department", "sz-nowhere"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("sz-nowhere");
  });

  for (const lang of LANGS) {
    for (const format of FORMATS) {
      it(`renders --format ${format} --lang ${lang} at 2012-03-31 and mid-campaign`, () => {
        for (const asOf of ["2012-03-31", "2012-03-01"]) {
          const result = runCli(["bonus", "--data", DATA_EXAMPLE, "--as-of", asOf, "--format", format, "--lang", lang]);
          expect(result.code).toBe(0);
          // data-example's policy is marked as an example: one line on stderr, none with JSON.
          expect(result.stderr).toBe(format === "json" ? "" : `channel: ${EXAMPLE_NOTICE.bonus[lang]}\n`);
          const expected = asOf === "2012-03-31" ? BONUS_AT_MARCH_31 : BONUS_AT_MARCH_31.filter(([id]) => ["lin-na", "huang-wei", "luo-bin", "sun-li", "zhou-xue", "yu-hai", "li-qiang", "wang-fang", "he-jing", "xu-jun", "song-jia"].includes(id));
          if (format === "json") {
            expect(outcomes(JSON.parse(result.stdout) as BonusJson)).toEqual(expected);
          } else if (format === "csv") {
            expect(result.stdout.startsWith("\uFEFF")).toBe(true);
            expect(result.stdout.endsWith("\r\n")).toBe(true);
            const rows = parseCsv(result.stdout.slice(1));
            // rank, …, staff id (6), …, conversion amount (10), …, reason code (12), …, amount (14)
            expect(rows.slice(1).map((r) => [r[6], r[0] === "" ? null : Number(r[0]), r[12] === "" ? null : r[12], Number(r[14])])).toEqual(
              expected.map(([id, rank, , reason, amount]) => [id, rank, reason, amount]),
            );
          } else {
            // Every candidate by name, in first-come order, with the award column.
            const names = ["林娜", "黄伟", "罗斌", "孙丽", "周雪", "于海", "李强", "王芳", "何静", "徐军", "宋佳", "郑华", "唐磊", "田宇", "梁红", "马超", "蔡颖", "冯艳", "潘越", "高原"];
            const shown = names.slice(0, expected.length);
            const positions = shown.map((n) => result.stdout.indexOf(n));
            expect(positions.every((p) => p >= 0)).toBe(true);
            expect([...positions].sort((a, b) => a - b)).toEqual(positions);
            if (format === "md") {
              const lines = result.stdout.split("\n");
              // candidates, departments, and — while the campaign is open — branches with room
              expect(lines.filter((l) => /^\|(---:?\|)+$/.test(l))).toHaveLength(3);
              // The candidate table is the one with ten columns: a header and a row per candidate.
              const candidateRows = lines.filter((l) => l.startsWith("| ") && l.split(" | ").length === 10);
              expect(candidateRows).toHaveLength(expected.length + 1);
            }
          }
        }
      });
    }
  }

  it("drops the places-left section once the campaign has closed", () => {
    const open = runCli(["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--format", "md"]);
    const closed = runCli(["bonus", "--data", DATA_EXAMPLE, "--as-of", "2012-04-01", "--format", "md"]);
    const tables = (text: string) => text.split("\n").filter((l) => /^\|(---:?\|)+$/.test(l)).length;
    expect([tables(open.stdout), tables(closed.stdout)]).toEqual([3, 2]);
    // At 03-31, 88 places are left in the repository and these four branches still have one each.
    const rows = open.stdout.split("\n").filter((l) => /^\| 招商银行.* \| 1 \| 1 \|$/.test(l));
    expect(rows.map((l) => l.split(" | ")[0]!.slice(2))).toEqual(["招商银行深圳后海支行", "招商银行深圳人民南支行", "招商银行深圳蛇口支行", "招商银行深圳香蜜湖支行"]);
    expect(open.stdout).toContain("88");
  });
});

/** data-example/README.md §3, `channel expenses`. */
const EXPENSES: Record<string, { rows: [string, string, number, number, number | null, number, string | null][]; total: number }> = {
  "2012-03-31": {
    rows: [
      ["sz-futian", "self_driven", 4_800_000, 0, 3, 15000, null],
      ["sz-luohu", "self_driven", 6_200_000, 0, null, 0, "above_ceiling"],
      ["sz-nanshan", "am_covered", 3_950_000, 400_000, 2, 11850, null],
    ],
    total: 26850,
  },
  "2012-02-20": {
    rows: [
      ["sz-futian", "self_driven", 800_000, 0, null, 0, "below_first_tier"],
      ["sz-luohu", "self_driven", 3_000_000, 0, 2, 10000, null],
      ["sz-nanshan", "am_covered", 1_000_000, 400_000, 1, 2000, null],
    ],
    total: 12000,
  },
  "2012-03-20": {
    rows: [
      ["sz-futian", "self_driven", 4_500_000, 0, 3, 15000, null],
      ["sz-luohu", "self_driven", 4_500_000, 0, 3, 15000, null],
      ["sz-nanshan", "am_covered", 2_900_000, 400_000, 2, 8700, null],
    ],
    total: 38700,
  },
};

describe("channel expenses on data-example", () => {
  for (const [asOf, expected] of Object.entries(EXPENSES)) {
    it(`at ${asOf} gives the README's schemes, sales, tiers and support`, () => {
      const e = json<ExpensesJson>(["expenses", "--as-of", asOf]);
      expect([e.as_of, e.product]).toEqual([asOf, "长城2号"]);
      expect(e.departments.map((d) => [d.department, d.scheme, d.sales, d.excluded_sales, d.tier, d.support, d.reason])).toEqual(expected.rows);
      expect(e.departments.map((d) => d.name)).toEqual(["深圳福田营业部", "深圳罗湖营业部", "深圳南山营业部"]);
      expect(e.total_support).toBe(expected.total);
    });
  }

  for (const lang of LANGS) {
    for (const format of FORMATS) {
      it(`renders --format ${format} --lang ${lang}`, () => {
        for (const asOf of ["2012-03-31", "2012-02-20"]) {
          const result = runCli(["expenses", "--data", DATA_EXAMPLE, "--as-of", asOf, "--format", format, "--lang", lang]);
          expect(result.code).toBe(0);
          expect(result.stderr).toBe(format === "json" ? "" : `channel: ${EXAMPLE_NOTICE.expenses[lang]}\n`);
          const { rows, total } = EXPENSES[asOf]!;
          if (format === "json") {
            expect((JSON.parse(result.stdout) as ExpensesJson).total_support).toBe(total);
          } else if (format === "csv") {
            expect(result.stdout.startsWith("\uFEFF")).toBe(true);
            const csv = parseCsv(result.stdout.slice(1));
            // id, name, scheme code, scheme, sales, excluded, tier, support, reason code, explanation
            expect(csv.slice(1).map((r) => [r[0], r[2], Number(r[4]), Number(r[5]), r[6] === "" ? null : Number(r[6]), Number(r[7]), r[8] === "" ? null : r[8]])).toEqual(rows);
          } else {
            // One row per department, in id order, with its support in yuan.
            const lines = result.stdout.split("\n");
            const departmentRows = ["深圳福田营业部", "深圳罗湖营业部", "深圳南山营业部"].map((name) => lines.findIndex((l) => l.includes(name)));
            expect([...departmentRows].sort((a, b) => a - b)).toEqual(departmentRows);
            departmentRows.forEach((index, i) => expect(lines[index]).toMatch(new RegExp(`[│|] +${rows[i]![5]} +[│|]`)));
            expect(result.stdout).toMatch(new RegExp(lang === "zh" ? `${total}元` : `${total.toLocaleString("en-US")} yuan`));
          }
        }
      });
    }
  }
});

describe("money in every written form (tests/fixtures/bonus-money-forms)", () => {
  it("bonus: exact minimums, the same-minute tie, both caps, and every amount read right", () => {
    const b = json<BonusJson>(["bonus", "--as-of", "2012-03-31"], MONEY_FORMS);
    expect(b.candidates.map((c) => [c.staff, c.rank, c.status, c.reason, c.basis.amount, c.amount])).toEqual([
      ["a-1", 1, "awarded", null, 20000, 1000],
      ["a-2", 2, "awarded", null, 20000, 1000],
      ["a-3", 3, "rejected", "branch_cap_reached", 1_200_000, 0],
      ["a-4", null, "rejected", "below_minimum", 19999, 0],
      ["b-1", 4, "awarded", null, 2_600_000_000, 1000],
      ["b-2", 5, "rejected", "total_cap_reached", 6_000_000, 0],
    ]);
    expect([b.amount, b.total_cap, b.awarded, b.total_amount]).toEqual([1000, 3, 3, 3000]);
    expect(b.candidates[1]!.at).toBe("2012-02-10T09:00:00");
  });

  it("bonus --format csv: the conversion amount in its own column, a bare number of yuan whatever the form written", () => {
    const result = runCli(["bonus", "--data", MONEY_FORMS, "--as-of", "2012-03-31", "--format", "csv", "--lang", "zh"]);
    expect(result.code).toBe(0);
    const rows = parseCsv(result.stdout.slice(1));
    const column = rows[0]!.indexOf("转化金额（元）");
    expect(column).toBe(rows[0]!.indexOf("转化依据") + 1);
    expect(rows.slice(1).map((r) => [r[6], r[column]])).toEqual([
      ["a-1", "20000"],
      ["a-2", "20000"],
      ["a-3", "1200000"],
      ["a-4", "19999"],
      ["b-1", "2600000000"],
      ["b-2", "6000000"],
    ]);
  });

  it("expenses: unsorted tiers, the report day counted, a rate tier, every amount read right", () => {
    const e = json<ExpensesJson>(["expenses", "--as-of", "2012-03-31"], MONEY_FORMS);
    expect(e.departments.map((d) => [d.department, d.scheme, d.sales, d.excluded_sales, d.tier, d.support, d.reason])).toEqual([
      ["d-am", "am_covered", 7_200_000, 20000, 1, 14400, null],
      ["d-self", "self_driven", 615_000, 0, 2, 15000, null],
    ]);
    expect(e.total_support).toBe(29400);
  });
});

describe("expenses: the range stated once (issue 19)", () => {
  it("names the campaign's range once, with the as-of day, or says how far sales are counted while it runs", () => {
    const cases = [
      ["2012-03-31", "zh", "费用支持 · 长城2号 · 活动 2012-02-01 至 2012-03-31 · 截至 2012-03-31"],
      ["2012-04-10", "en", "Expense support · 长城2号 · campaign 2012-02-01 to 2012-03-31 · as of 2012-04-10"],
      ["2012-03-15", "zh", "费用支持 · 长城2号 · 活动 2012-02-01 至 2012-03-31 · 进行中，销售计至 2012-03-15"],
    ] as const;
    for (const [asOf, lang, title] of cases) {
      for (const format of ["table", "md"]) {
        const result = runCli(["expenses", "--data", DATA_EXAMPLE, "--as-of", asOf, "--lang", lang, "--format", format]);
        expect(result.code).toBe(0);
        const first = result.stdout.split("\n")[0]!;
        expect(first).toContain(title);
        expect(first.match(/\d{4}-\d{2}-\d{2}/g)).toHaveLength(3);
      }
    }
  });
});

describe("places left, in words (issue 19)", () => {
  it("says every sub-branch has used its places when they have, and that all places are taken when the company's are", () => {
    const full = runCli(["bonus", "--data", MONEY_FORMS, "--as-of", "2012-03-20", "--lang", "zh"]);
    expect(full.stdout).toContain("名额已全部用完");
    expect(full.stdout).not.toContain("没有支行还有名额");
    const dir = tempCopy(MONEY_FORMS);
    const policy = path.join(dir, "channel.yaml");
    fs.writeFileSync(policy, fs.readFileSync(policy, "utf8").replace("total_cap: 3", "total_cap: 10"));
    for (const [lang, words] of [["zh", "各支行名额均已用完"], ["en", "every sub-branch has used up its places"]] as const) {
      const result = runCli(["bonus", "--data", dir, "--as-of", "2012-03-20", "--lang", lang]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(words);
    }
  });
});

describe("refusals and exit codes", () => {
  it("says the policy is missing and exits 2, for each command", () => {
    for (const [command, section] of [
      ["bonus", "bonus"],
      ["expenses", "expense_support"],
    ] as const) {
      const dir = tempCopy();
      const file = path.join(dir, "channel.yaml");
      const doc = parseDocument(fs.readFileSync(file, "utf8"));
      doc.delete(section);
      fs.writeFileSync(file, doc.toString());
      expect(runCli(["validate", "--data", dir]).code).toBe(0);
      for (const lang of LANGS) {
        const result = runCli([command, "--data", dir, "--as-of", "2012-03-31", "--lang", lang]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain(section);
      }
      // The other command is unaffected.
      expect(runCli([command === "bonus" ? "expenses" : "bonus", "--data", dir, "--as-of", "2012-03-31"]).code).toBe(0);
    }
  });

  it("refuses invalid data: prints the validation errors and exits 1", () => {
    const dir = tempCopy();
    const file = path.join(dir, "branches", "cmb-xiangmihu", "staff.yaml");
    const text = fs.readFileSync(file, "utf8");
    expect(text).toContain("amount: 1.99万");
    fs.writeFileSync(file, text.replace("amount: 1.99万", "amount: 1.99千"));
    for (const command of ["bonus", "expenses"]) {
      for (const format of ["table", "json"]) {
        const result = runCli([command, "--data", dir, "--as-of", "2012-03-31", "--format", format]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("branches/cmb-xiangmihu/staff.yaml:");
        expect(result.stderr).toContain("INVALID_MONEY");
      }
    }
  });

  it("rejects a bad --format or --as-of with exit 2", () => {
    expect(runCli(["bonus", "--data", DATA_EXAMPLE, "--format", "xlsx"]).code).toBe(2);
    expect(runCli(["expenses", "--data", DATA_EXAMPLE, "--as-of", "2012-02-30"]).code).toBe(2);
  });

  it("writes --out atomically and never over a data file", () => {
    const dir = tempCopy();
    const out = path.join(dir, "bonus.csv");
    expect(runCli(["bonus", "--data", dir, "--as-of", "2012-03-31", "--format", "csv", "--out", out]).code).toBe(0);
    expect(fs.readFileSync(out, "utf8").startsWith("\uFEFF")).toBe(true);
    const before = fs.readFileSync(path.join(dir, "channel.yaml"), "utf8");
    expect(runCli(["expenses", "--data", dir, "--as-of", "2012-03-31", "--out", path.join(dir, "channel.yaml"), "--force"]).code).toBe(2);
    expect(fs.readFileSync(path.join(dir, "channel.yaml"), "utf8")).toBe(before);
  });
});

describe("example policy figures (issue 18)", () => {
  it("says so while the policy carries example: true — a line on stderr, policy_is_example in JSON — and not once it is removed", () => {
    for (const command of ["bonus", "expenses"] as const) {
      const json = runCli([command, "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--format", "json"]);
      expect(json.stderr).toBe("");
      expect((JSON.parse(json.stdout) as { policy_is_example: boolean }).policy_is_example).toBe(true);
    }
    const dir = tempCopy();
    const policy = path.join(dir, "channel.yaml");
    const text = fs.readFileSync(policy, "utf8");
    const markers = text.split("\n").filter((l) => /^\s+example: true\b/.test(l));
    expect(markers).toHaveLength(2);
    fs.writeFileSync(policy, text.split("\n").filter((l) => !markers.includes(l)).join("\n"));
    for (const command of ["bonus", "expenses"] as const) {
      for (const format of FORMATS) {
        const result = runCli([command, "--data", dir, "--as-of", "2012-03-31", "--format", format, "--lang", "zh"]);
        expect(result.code).toBe(0);
        expect(result.stderr).toBe("");
        if (format === "json") expect((JSON.parse(result.stdout) as { policy_is_example: boolean }).policy_is_example).toBe(false);
      }
    }
    // The fixture without the marker stays quiet too.
    expect(runCli(["bonus", "--data", MONEY_FORMS, "--as-of", "2012-03-20"]).stderr).toBe("");
  });

  it("marks both policies of a new repository (channel init) as examples, with a comment that says where the real figures come from", () => {
    const dir = tempCopy(path.join(FIXTURES, "bonus-money-forms"));
    const repo = path.join(dir, "new-repo");
    expect(runCli(["init", repo, "--lang", "zh"]).code).toBe(0);
    const text = fs.readFileSync(path.join(repo, "channel.yaml"), "utf8");
    const doc = parseDocument(text).toJS() as { bonus: { example: boolean }; expense_support: { example: boolean } };
    expect([doc.bonus.example, doc.expense_support.example]).toEqual([true, true]);
    expect(text.match(/总部下发的\s*#?\s*正式政策文件/g)).toHaveLength(2);
    for (const [command, lang] of [["bonus", "zh"], ["expenses", "en"]] as const) {
      const result = runCli([command, "--data", repo, "--as-of", "2012-03-31", "--lang", lang]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(`channel: ${EXAMPLE_NOTICE[command][lang]}\n`);
    }
  });
});

describe("places left in this repository or company-wide (issue 18)", () => {
  it("says 本仓库内 / in this repository unless the policy says all_departments: true", () => {
    const dir = tempCopy();
    for (const [lang, words, not] of [
      ["zh", "本仓库内 93 人", "全公司 93 人"],
      ["en", "93 in this repository", "93 company-wide"],
    ] as const) {
      const result = runCli(["bonus", "--data", dir, "--as-of", "2012-03-01", "--lang", lang]);
      expect(result.stdout).toContain(words);
      expect(result.stdout).not.toContain(not);
      const department = runCli(["bonus", "--data", dir, "--as-of", "2012-03-01", "--lang", lang, "--department", "sz-futian", "--format", "md"]);
      expect(department.stdout).toContain(lang === "zh" ? "名额按本仓库全部营业部计算" : "quotas are counted over every department in this repository");
      expect(department.stdout).not.toMatch(/名额按全公司计算|quotas are company-wide|全公司 93|93 company-wide/);
    }
    const policy = path.join(dir, "channel.yaml");
    fs.writeFileSync(policy, fs.readFileSync(policy, "utf8").replace("  # all_departments: true ", "  all_departments: true   "));
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
    for (const [lang, words] of [["zh", "全公司 93 人"], ["en", "93 company-wide"]] as const) {
      const result = runCli(["bonus", "--data", dir, "--as-of", "2012-03-01", "--lang", lang]);
      expect(result.stdout).toContain(words);
      expect(result.stdout).not.toMatch(/本仓库内|in this repository/);
    }
    expect(runCli(["bonus", "--data", dir, "--as-of", "2012-03-01", "--lang", "zh", "--department", "sz-futian"]).stdout).toContain("（名额按全公司计算）");
  });
});
