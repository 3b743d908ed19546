/**
 * `channel report monthly`, `channel report summary` and `channel coverage` as a user runs
 * them on data-example: every format, values checked, files written and refused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, DATA_EXAMPLE, FIXTURES, runCli, scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-report-");
const tempDir = scratch.dir;

const MONTHLY = ["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03", "--data", DATA_EXAMPLE];
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const VOID = new Set(["meta", "link", "br", "hr", "img", "input"]);

/** Every element closed in order, and no `<`/`>` left in text (see tests/report/html.test.ts). */
function wellFormedProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>/i, "").replace(/<style>[\s\S]*?<\/style>/g, "<style></style>");
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m !== null; m = tag.exec(body)) {
    if (/[<>]/.test(body.slice(last, m.index))) problems.push(`unescaped text before ${m[0]}`);
    last = tag.lastIndex;
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || m[4] === "/") continue;
    if (m[1] !== "/") stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}

/** CSV rows (no quoted newlines in these reports), without the BOM. */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((l) => l !== "")
    .map((l) => l.split(","));
}

describe("channel report monthly", () => {
  it("prints the Markdown table on stdout, masked, with the month's figures", () => {
    const result = runCli([...MONTHLY, "--lang", "zh"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const md = result.stdout;
    expect(md.split("\n")[0]).toBe("# 招商银行深圳福田中心支行 2012年3月 渠道工作统计表");
    expect(md).toContain("| 业务 | 新开户数（三方存管） | 17 | 14 | 40 |");
    expect(md).toContain("|  | 转入资产 | 410万 | 320万 | 880万 |");
    expect(md).toContain("|  | 长城2号 销售额 | 30万 | 150万 | 260万 |");
    expect(md).toContain("|  | 产品销售合计 | 80万 | 150万 | 310万 |");
    // By found (issue 25): 吴阿姨 found 03-03 in March, 何小姐 imported 02-02 in February.
    expect(md).toContain("| 潜在客户 | 新增潜在客户 | 2 | 2 | 5 |");
    expect(md).toContain("其中 3 位没有写发现日期，按其第一次出现在联络、购买、事件或销售记录中的日期计。");
    // The bank's version (the default): no meals or gifts in the total, no staff conversions.
    expect(md).toContain("|  | 活动与联络合计（次） | 6 | 3 | 11 |");
    expect(md).not.toContain("行员转化");
    expect(md).toContain("| 存款余额 | 42亿 | 41.8亿 | +2000万 | 45亿（2012年） | 42亿 | 93.3% |");
    expect(md).toContain("| 分行排名 | 第1名 | 第2名 | 上升1名 | — | 第1名 | — |");
    // The months before the branch's first record are not entered, not 0 (issue 19).
    expect(md).toContain("| 2011年12月 | — | — | — | — |\n| 2012年1月 | 9 | 150万 | 80万 | 2 |");
    expect(md).toContain("## 四、下月工作安排（2012年4月）");
    expect(md).toContain("| 2012-04-20 | 产品到期 | 刘\\*\\*（有价值客户） | 招行理财产品 100万 到期，提前联系续作 | 139\\*\\*\\*\\*3333 |");
    expect(md).not.toMatch(MOBILE);
    expect(md).not.toContain("刘女士");
  });

  it("speaks English with --lang en", () => {
    const result = runCli([...MONTHLY, "--lang", "en"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| Business | New accounts (third-party custody) | 17 | 14 | 40 |");
    expect(result.stdout).toContain("|  | Assets transferred in | 4,100,000 yuan | 3,200,000 yuan | 8,800,000 yuan |");
  });

  it("writes one self-contained HTML page with the table and the chart, no phone number unmasked", () => {
    const dir = tempDir();
    const out = path.join(dir, "monthly.html");
    const result = runCli([...MONTHLY, "--lang", "zh", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    const html = fs.readFileSync(out, "utf8");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("@page { size: A4;");
    expect(html).toContain("<table>");
    expect(html).toContain('<td>新开户数（三方存管）</td><td class="num">17</td><td class="num">14</td><td class="num">40</td>');
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 700 400"/);
    // The chart's bars carry the six months' values.
    for (const label of ["410万", "320万", "150万", ">17<", ">14<", ">9<"]) expect(html).toContain(label);
    expect(html).toContain("139****3333");
    expect(html).not.toMatch(MOBILE);
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
  });

  it("shows names and phones with --no-redact", () => {
    const dir = tempDir();
    const out = path.join(dir, "internal.html");
    expect(runCli([...MONTHLY, "--lang", "zh", "--no-redact", "--out", out]).code).toBe(0);
    const html = fs.readFileSync(out, "utf8");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain("13922223333");
    expect(html).toContain("刘女士（有价值客户）");
    expect(html).toContain("内部资料");
  });

  it("writes CSV with a BOM and bare numbers for a spreadsheet", () => {
    const dir = tempDir();
    const out = path.join(dir, "monthly.csv");
    expect(runCli([...MONTHLY, "--lang", "zh", "--out", out]).code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(bytes.toString("utf8"));
    expect(rows).toContainEqual(["业务", "新开户数（三方存管）", "17", "14", "40"]);
    expect(rows).toContainEqual(["业务", "转入资产", "4100000", "3200000", "8800000"]);
    expect(rows).toContainEqual(["产品销售", "长城2号 销售额", "300000", "1500000", "2600000"]);
    expect(rows).toContainEqual(["存款余额", "4200000000", "4180000000", "20000000", "4500000000", "2012", "4200000000", "93.3%"]);
    expect(rows).toContainEqual(["2012-03", "17", "4100000", "800000", "6"]);
    expect(rows).toContainEqual(["2012-04-20", "产品到期", "刘**（有价值客户）", "招行理财产品 100万 到期，提前联系续作", "139****3333"]);
    expect(bytes.toString("utf8")).not.toMatch(MOBILE);
  });

  it("writes JSON with --format json", () => {
    const result = runCli([...MONTHLY, "--format", "json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { cutoff: string; redacted: boolean; figures: { key: string; month: number; previous: number; year_to_date: number }[] };
    expect(json.cutoff).toBe("2012-03-31");
    expect(json.redacted).toBe(true);
    expect(json.figures.find((f) => f.key === "assets_in")).toMatchObject({ month: 4_100_000, previous: 3_200_000, year_to_date: 8_800_000 });
  });

  it("counts a running month only up to --as-of", () => {
    const result = runCli([...MONTHLY, "--as-of", "2012-03-15", "--format", "json"]);
    const json = JSON.parse(result.stdout) as { cutoff: string; partial: boolean; figures: { key: string; detail: string | null; month: number }[] };
    expect([json.cutoff, json.partial]).toEqual(["2012-03-15", true]);
    // 30万 on 03-16 and 长城1号 on 03-20 are after the cut-off.
    expect(json.figures.find((f) => f.key === "sales_total")!.month).toBe(0);
  });

  it("refuses an existing file without --force, and replaces it with --force", () => {
    const dir = tempDir();
    const out = path.join(dir, "monthly.md");
    fs.writeFileSync(out, "keep me");
    const refused = runCli([...MONTHLY, "--lang", "en", "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("exists; add --force to overwrite it");
    expect(fs.readFileSync(out, "utf8")).toBe("keep me");
    const forced = runCli([...MONTHLY, "--lang", "en", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toContain("# 招商银行深圳福田中心支行 — channel statistics for Mar 2012");
    // Atomic: no temporary file is left beside it.
    expect(fs.readdirSync(dir)).toEqual(["monthly.md"]);
  });

  it("never writes over a data file of the repository, --force or not", () => {
    const repo = copyToTemp();
    scratch.keep(repo);
    const kpis = path.join(repo, "branches", "cmb-futian-center", "kpis.yaml");
    const before = fs.readFileSync(kpis, "utf8");
    const args = ["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03", "--data", repo, "--lang", "en", "--format", "md"];
    for (const extra of [[], ["--force"]]) {
      const result = runCli([...args, "--out", kpis, ...extra]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("it is a data file of the repository");
    }
    const summary = runCli(["report", "summary", "--data", repo, "--as-of", "2012-03-31", "--format", "csv", "--out", path.join(repo, "channel.yaml"), "--force"]);
    expect(summary.code).toBe(2);
    expect(fs.readFileSync(kpis, "utf8")).toBe(before);
    expect(fs.readFileSync(path.join(repo, "channel.yaml"), "utf8")).toContain("organisation: 长城证券");
  });

  it("takes the format from --out, and refuses what it cannot tell or what contradicts it", () => {
    const dir = tempDir();
    const unknown = runCli([...MONTHLY, "--lang", "en", "--out", path.join(dir, "x.txt")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("cannot tell the format from the extension");
    const conflict = runCli([...MONTHLY, "--lang", "en", "--format", "csv", "--out", path.join(dir, "x.html")]);
    expect(conflict.code).toBe(2);
    expect(runCli([...MONTHLY, "--format", "table"]).code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses an unknown branch, a malformed month and a month not begun (exit 2)", () => {
    const branch = runCli(["report", "monthly", "--branch", "cmb-futian-centre", "--month", "2012-03", "--data", DATA_EXAMPLE, "--lang", "en"]);
    expect(branch.code).toBe(2);
    expect(branch.stderr).toContain("no branch cmb-futian-centre (did you mean `cmb-futian-center`?)");
    expect(runCli(["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-3", "--data", DATA_EXAMPLE]).code).toBe(2);
    const future = runCli([...MONTHLY.slice(0, 5), "2012-05", "--data", DATA_EXAMPLE, "--as-of", "2012-04-30", "--lang", "en"]);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain("2012-05 has not begun on 2012-04-30");
    expect(runCli(["report", "monthly", "--month", "2012-03", "--data", DATA_EXAMPLE]).code).toBe(2);
    const bare = runCli(["report", "--lang", "en"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("name a report: report monthly or report summary");
  });

  it("refuses data with errors (exit 1), as the money commands do", () => {
    const repo = copyToTemp();
    scratch.keep(repo);
    fs.appendFileSync(path.join(repo, "branches", "cmb-shekou", "staff.yaml"), "  - {id: broken, name: 坏, position: nobody}\n");
    const result = runCli(["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03", "--data", repo, "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("refusing");
  });
});

describe("channel report summary", () => {
  const base = ["report", "summary", "--as-of", "2012-03-31", "--data", DATA_EXAMPLE];

  it("gives JSON with one row per department and the totals", () => {
    const result = runCli([...base, "--format", "json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { as_of: string; departments: Record<string, unknown>[]; totals: Record<string, unknown> };
    expect(json.as_of).toBe("2012-03-31");
    const keys = ["department", "branches", "staff", "sales", "bonus_awarded", "bonus_amount", "expense_support"];
    expect(json.departments.map((d) => keys.map((k) => d[k]))).toEqual([
      // With the 分行 folder cmb-shenzhen and its 2 staff.
      ["sz-futian", 4, 27, 4_800_000, 5, 5000, 15000],
      ["sz-luohu", 2, 18, 6_200_000, 3, 3000, 0],
      ["sz-nanshan", 3, 25, 4_350_000, 4, 4000, 11850],
    ]);
    expect(json.totals).toMatchObject({ branches: 9, staff: 70, key_staff: 18, staff_conversions: 20, bonus_awarded: 12, bonus_amount: 12000, expense_support: 26850 });
    // Issue 25: the costs of February and March (the campaign) against the support; 罗湖's 450 exceeds its 0.
    expect(json.departments.map((d) => [d.department, d.spending, d.support_left])).toEqual([
      ["sz-futian", 2740, 12260],
      ["sz-luohu", 450, -450],
      ["sz-nanshan", 0, 11850],
    ]);
    expect(json.totals).toMatchObject({ spending: 3190, support_left: 23660 });
    expect((json.totals.prospects_basic as number) + (json.totals.prospects_valuable as number)).toBe(38);
  });

  it("prints a terminal table with the totals last, then the escalated follow-ups by owner", () => {
    const result = runCli([...base, "--lang", "zh"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("总部汇总 · 截至 2012-03-31");
    const escalatedAt = lines.indexOf("已升级的跟进事项（按营业部和负责人）");
    expect(escalatedAt).toBeGreaterThan(0);
    const rows = lines.slice(0, escalatedAt).filter((l) => l.startsWith("│"));
    // 黄先生's movement of 02-10 (车公庙, 孙磊) and 徐总's care call of 02-27 (福田中心, 李娜), both offered to 钱进.
    const byOwner = lines.slice(escalatedAt).filter((l) => l.startsWith("│")).slice(1);
    expect(byOwner).toHaveLength(2);
    expect(byOwner.join("\n")).toMatch(/^│ 深圳福田营业部 │ 孙磊\s+│ 钱进\s+│\s+1 │\n│ 深圳福田营业部 │ 李娜\s+│ 钱进\s+│\s+1 │$/);
    expect(rows.at(-1)).toMatch(/^│ 合计\s+│\s+9 │\s+70 │/);
    // Under a header that states the unit (转化奖励（元）), the amounts are bare numbers (issue 19).
    expect(lines[2]).toContain("转化奖励（元）");
    expect(lines[2]).toContain("费用支持（元）");
    expect(rows.at(-1)).toMatch(/│\s+12000 │\s+26850 │/);
    for (const row of rows) expect(row).not.toMatch(/\d元/);
    expect(rows[1]).toMatch(/^│ 深圳福田营业部/);
  });

  it("writes CSV with ids and bare numbers, Markdown and HTML", () => {
    const csv = runCli([...base, "--format", "csv", "--lang", "zh"]);
    expect(csv.stdout.startsWith("\uFEFF营业部代码,营业部,")).toBe(true);
    const all = csvRows(csv.stdout);
    // The summary, then (after a blank line) the escalated follow-ups by department and owner.
    const rows = all.slice(0, all.findIndex((row) => row[1] === "合计") + 1);
    expect(all.slice(rows.length).filter((row) => row.length > 1)).toEqual([
      ["营业部代码", "负责人", "渠道负责人", "已升级跟进"],
      ["sz-futian", "孙磊", "钱进", "1"],
      ["sz-futian", "李娜", "钱进", "1"],
    ]);
    expect(rows[1]!.slice(0, 3)).toEqual(["sz-futian", "深圳福田营业部", "4"]);
    expect(rows[1]).toContain("4800000");
    expect(rows.at(-1)!.slice(0, 4)).toEqual(["", "合计", "9", "70"]);
    // … bonus, expense support, overdue, (issue 23) escalated follow-ups, then (issue 25) spent and support less spent.
    expect(rows.at(-1)!.slice(-7)).toEqual(["12", "12000", "26850", rows.at(-1)!.at(-4), "2", "3190", "23660"]);

    const md = runCli([...base, "--format", "md", "--lang", "en"]);
    expect(md.stdout).toContain("# Head office summary · as of 2012-03-31");
    expect(md.stdout).toMatch(/\| Total \| 9 \| 70 \| 18 \|/);

    const dir = tempDir();
    const out = path.join(dir, "summary.html");
    expect(runCli([...base, "--out", out, "--format", "html", "--lang", "zh"]).code).toBe(0);
    const html = fs.readFileSync(out, "utf8");
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain("@page { size: A4 landscape;");
    expect(html).toContain('<tr class="total"><td class="first">合计</td><td class="num">9</td><td class="num">70</td>');
  });

  it("counts overdue follow-ups per department", () => {
    const result = runCli(["report", "summary", "--as-of", "2012-03-20", "--data", DATA_EXAMPLE, "--format", "json"]);
    const json = JSON.parse(result.stdout) as { departments: { overdue_followups: number }[]; totals: { overdue_followups: number } };
    // data-example/README.md: a complaint and two valuable prospects' contacts are overdue too.
    // … and, since only done closes an item and none drops off, 黄先生's movement (escalated) and 徐总's care call.
    expect(json.departments.map((d) => d.overdue_followups)).toEqual([13, 7, 7]);
    expect(json.totals.overdue_followups).toBe(27);
  });
});

describe("channel coverage", () => {
  const base = ["coverage", "--data", DATA_EXAMPLE, "--as-of", "2012-03-31"];
  const fixture = ["coverage", "--data", path.join(FIXTURES, "coverage-checklists"), "--as-of", "2012-03-31"];

  interface CoverageJson {
    as_of: string;
    coverage: number;
    departments: { department: string; coverage: number | null }[];
    branches: {
      branch: string;
      level: string;
      staff: number;
      key_staff: number;
      competitors: number;
      possible_entrants: number | null;
      prospects: number;
      valuable_prospects: number;
      coverage: number;
      items: { checklist: string; item: string; letter: string | null; month: string | null; filled: number; total: number; share: number | null; missing: string[] }[];
    }[];
  }

  it("measures the small fixture against the manual's checklists (json, zh)", () => {
    const result = runCli([...fixture, "--lang", "zh", "--format", "json"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as CoverageJson;
    expect(json.as_of).toBe("2012-03-31");
    const [branch] = json.branches;
    expect(branch).toMatchObject({ branch: "cmb-one", level: "sub_branch", staff: 2, key_staff: 1, competitors: 2, possible_entrants: null, prospects: 2, valuable_prospects: 1 });
    const find = (checklist: string, item: string, month: string | null = null) => branch!.items.find((i) => i.checklist === checklist && i.item === item && i.month === month);
    // 孙柜员 left on 2012-03-15: not asked about.
    expect(find("staff", "personality_values")).toEqual({ checklist: "staff", item: "personality_values", letter: "e", month: null, filled: 1, total: 2, share: 0.5, missing: ["wang-fang"] });
    expect(find("competitors", "strengths_weaknesses")).toMatchObject({ letter: "c", filled: 1, total: 2, missing: ["平安人寿"] });
    expect(find("competitors", "possible_entrants")).toMatchObject({ letter: "d", filled: 0, total: 1, share: 0 });
    expect(find("branch_basic", "kpis", "2012-01")).toMatchObject({ letter: "B", filled: 0, total: 6, missing: ["targets", "deposits", "vip_customers", "new_accounts", "assets_in", "ranking"] });
    expect(find("branch_basic", "kpis", "2012-03")).toMatchObject({ filled: 5, missing: ["targets"] });
    expect(find("prospects_valuable", "fee_acceptance")).toMatchObject({ letter: "j", filled: 0, total: 1, missing: ["p-chen"] });
    // A prospect with a mobile answers 联系电话.
    expect(find("prospects_valuable", "phones")).toMatchObject({ letter: "c", share: 1 });
    expect(find("prospects_basic", "phone")).toMatchObject({ letter: "b", filled: 2, total: 2 });
    expect(find("surroundings", "population")).toMatchObject({ letter: "a", filled: 0, total: 1 });
    // Our own items are listed apart and not counted.
    expect(branch!.items.some((i) => i.item === "environment" || i.item === "source")).toBe(false);
    const beyond = (branch as unknown as { beyond_manual: { checklist: string; item: string; missing: string[] }[] }).beyond_manual;
    expect(beyond.find((i) => i.item === "environment")!.missing).toContain("environment.vip_room");
    expect(beyond.find((i) => i.checklist === "prospects_basic" && i.item === "source")).toMatchObject({ missing: ["p-wu"] });
    // Biggest gaps first.
    const shares = branch!.items.map((i) => i.share ?? 2);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  });

  it("names the missing items in the manual's words (table, zh)", () => {
    const result = runCli([...fixture, "--lang", "zh"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("信息档案完整度（按工作手册的清单逐项）");
    expect(result.stdout).toContain("招商银行深圳一号支行（深圳福田营业部）：完整度");
    expect(result.stdout).toMatch(/│ 个人信息采集 +│ e\) 性格特点、价值观 +│ +1\/2 │ +50% │ 王芳 +│/);
    expect(result.stdout).toMatch(/│ 竞争对手情况信息 +│ d\) 潜在竞争者 +│ +0\/1 │ +0% │ 还没有考虑/);
    expect(result.stdout).toMatch(/│ 银行网点基本信息 +│ B\) 考核指标及完成情况（2012年1月） +│ +0\/6 │ +0% │ 考核指标（kpis\.yaml 的 targets）、没有这个月的记录/);
    expect(result.stdout).toMatch(/│ 有价值客户信息采集 +│ j\) 对于特殊服务以及相关费用的接受程度 +│ +0\/1 │ +0% │ 陈先生★/);
    expect(result.stdout).toMatch(/│ 竞争对手情况信息 +│ c\) 竞争对手的优劣势 +│ +1\/2 │ +50% │ 平安人寿/);
    expect(result.stdout).toContain("手册之外（我们自己加的项目，不计入完整度）");
    expect(result.stdout).toMatch(/│ 银行网点基本信息 +│ 银行网点的物理环境 +│ +0\/7 │/);
    expect(result.stdout).not.toContain("孙柜员");
  });

  it("lists every branch of data-example, lowest coverage first, then each branch's gaps", () => {
    const result = runCli([...base, "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("信息档案完整度（按工作手册的清单逐项）");
    const overview = result.stdout.split("\n").filter((l) => /^│ 招商银行/.test(l));
    expect(overview.findIndex((l) => l.includes("福田中心"))).toBeGreaterThan(overview.findIndex((l) => l.includes("香蜜湖")));
    expect(result.stdout).toContain("招商银行深圳蛇口支行（深圳南山营业部）：完整度");
  });

  it("shows one branch with --branch, key persons first among the missing (md)", () => {
    const result = runCli([...base, "--branch", "cmb-shekou", "--lang", "zh", "--format", "md"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| 银行网点基本信息 | 银行网点的物理环境 | 0/7 | 0% | 自助区、大堂咨询台、");
    expect(result.stdout).toMatch(/\| 个人信息采集 \| b\) 入行时间、工作经历 \| 0\/7 \| 0% \| 吕建华★、潘越★、/);
    expect(result.stdout).not.toContain("福田中心");
  });

  it("gives JSON and CSV with the same figures", () => {
    const json = JSON.parse(runCli([...base, "--format", "json"]).stdout) as CoverageJson;
    const shekou = json.branches.find((b) => b.branch === "cmb-shekou")!;
    const environment = (shekou as unknown as { beyond_manual: CoverageJson["branches"][number]["items"] }).beyond_manual.find((i) => i.checklist === "branch_basic" && i.item === "environment")!;
    expect(environment).toMatchObject({ filled: 0, total: 7, share: 0 });
    expect(shekou.items.find((i) => i.item === "joined_history")!.missing.slice(0, 2)).toEqual(["lv-jianhua", "pan-yue"]);
    const shares = json.branches.map((b) => b.coverage);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));

    const csv = runCli([...base, "--format", "csv", "--lang", "en"]).stdout;
    expect(csv.startsWith("\uFEFFSub-branch id,Sub-branch,Department,Checklist code,Checklist,Item code,Month,Item,")).toBe(true);
    expect(csv).toContain("\r\ncmb-shekou,招商银行深圳蛇口支行,深圳南山营业部,branch_basic,Branch: basic information,environment,,physical environment,0,7,0,");
    expect(csv).toMatch(/\r\ncmb-shekou,[^\r]*,environment,,physical environment,0,7,0,[^\r]*,beyond the manual\r\n/);
  });

  it("works from the valid files, names the skipped ones, and exits 1", () => {
    const repo = copyToTemp();
    scratch.keep(repo);
    fs.writeFileSync(path.join(repo, "branches", "cmb-shekou", "staff.yaml"), "staff:\n  - {id: x, name: 坏, position: nobody}\n");
    const result = runCli(["coverage", "--data", repo, "--lang", "en", "--format", "json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("branches/cmb-shekou/staff.yaml");
    const json = JSON.parse(result.stdout) as { branches: { branch: string; staff: number }[] };
    expect(json.branches.find((b) => b.branch === "cmb-shekou")!.staff).toBe(0);
  });

  it("refuses an unknown branch and a format it does not offer", () => {
    expect(runCli([...base, "--branch", "nope"]).code).toBe(2);
    expect(runCli([...base, "--format", "html"]).code).toBe(2);
  });
});
