/**
 * `channel show` as a user runs it before a visit: a person by name or id, a branch by id or
 * name, in the terminal (fitted to its width), Markdown and JSON; a name found at two branches
 * refused as `log` refuses it, and narrowed by --branch; hostile values shown safely; --redact.
 */
import * as fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/report/text-width.js";
import { DATA_EXAMPLE, runCli } from "../helpers/cli.js";
import { writeRepo } from "../helpers/repo.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const AT = ["--data", DATA_EXAMPLE, "--as-of", "2012-03-20"];

function show(args: string[], env: Record<string, string> = {}) {
  return runCli(["show", ...args], { env });
}

describe("channel show on data-example", () => {
  it("a person by name (zh): archive, last contacts and open items, every line within the terminal's width", () => {
    const result = show(["王芳", ...AT, "--lang", "zh"], { CHANNEL_TERMINAL_WIDTH: "80" });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const out = result.stdout;
    expect(out.split("\n")[0]).toBe("王芳★ · 理财经理 · 招商银行深圳福田中心支行");
    for (const words of ["基本信息", "13800138000", "公历生日", "农历生日", "兴趣爱好", "推荐的客户", "最近联系", "未了结事项", "例行联系"]) expect(out).toContain(words);
    for (const line of out.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    // The id gives the same card.
    expect(show(["wang-fang", ...AT, "--lang", "zh"], { CHANNEL_TERMINAL_WIDTH: "80" }).stdout).toBe(out);
  });

  it("a branch by id and by name (zh): head's record, staff by category, competitors, KPIs, open items, gaps", () => {
    const byId = show(["cmb-futian-center", ...AT, "--lang", "zh"]);
    expect(byId.code).toBe(0);
    for (const words of ["行长档案", "行长调过来多久", "谁负责证券业务", "人员（在职", "负责人", "竞争对手", "潜在竞争者", "近三个月指标", "未了结事项", "档案缺项"]) expect(byId.stdout).toContain(words);
    expect(show(["招商银行深圳福田中心支行", ...AT, "--lang", "zh"]).stdout).toBe(byId.stdout);
    expect(show(["深圳福田中心支行", ...AT, "--lang", "zh"]).stdout).toBe(byId.stdout);
  });

  it("JSON: codes and the follow-up list's own items", () => {
    const person = JSON.parse(show(["wang-fang", ...AT, "--format", "json"]).stdout);
    expect(person).toMatchObject({ card: "person", as_of: "2012-03-20", redacted: false, person: { type: "staff", id: "wang-fang", position: "wealth_manager", key: true } });
    const list = JSON.parse(runCli(["followups", ...AT, "--format", "json"]).stdout).items.filter((i: { person: string | null }) => i.person === "wang-fang");
    expect(person.open_items.map((i: { due: string; kind: string }) => [i.due, i.kind])).toEqual(list.map((i: { due: string; kind: string }) => [i.due, i.kind]));
    expect(person.contacts.length).toBeLessThanOrEqual(5);
    const branch = JSON.parse(show(["cmb-futian-center", ...AT, "--format", "json"]).stdout);
    expect(branch).toMatchObject({ card: "branch", branch: { id: "cmb-futian-center" } });
    expect(branch.staff.map((g: { category: string }) => g.category)).toEqual(["leader", "daily", "influencer"]);
    expect(branch.kpis.months.map((m: { month: string }) => m.month)).toEqual(["2012-01", "2012-02", "2012-03"]);
  });

  it("--redact masks phones and prospects' names; Markdown has the same sections", () => {
    const result = show(["p-chen-001", ...AT, "--lang", "zh", "--redact"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("13900001111");
    expect(result.stdout).toContain("139****1111");
    expect(result.stdout.split("\n")[0]).toContain("陈**");
    // The id is the name's pinyin: a redacted card leaves it out, in every format.
    expect(result.stdout).not.toContain("p-chen-001");
    // …and the note under the title says so, with what else is hidden.
    expect(result.stdout).toContain("不显示编号");
    const json = JSON.parse(show(["p-chen-001", ...AT, "--format", "json", "--redact"]).stdout);
    expect(json.person).toMatchObject({ type: "prospect", id: null, name: "陈**" });
    expect(json.person.source.staff).toMatchObject({ id: "wang-fang", type: "staff" });
    expect(show(["p-chen-001", ...AT, "--format", "md", "--redact"]).stdout).not.toContain("p-chen-001");
    // Prospects named on staff and branch cards (referrals, contacts, open items) lose their ids too; staff keep theirs.
    for (const named of ["wang-fang", "cmb-futian-center"]) {
      const plain = show([named, ...AT, "--format", "json"]).stdout;
      const redacted = show([named, ...AT, "--format", "json", "--redact"]).stdout;
      expect(plain).toMatch(/"p-[a-z]/);
      expect(redacted).not.toMatch(/"p-[a-z]/);
      expect(redacted).toContain('"wang-fang"');
    }
    const md = show(["王芳", ...AT, "--lang", "zh", "--format", "md"]);
    expect(md.stdout.startsWith("# 王芳★")).toBe(true);
    expect(md.stdout).toContain("## 最近联系");
  });

  it("an unknown name: exit 1 with what was meant; a usage mistake: exit 2", () => {
    const unknown = show(["王方", ...AT, "--lang", "zh"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("王芳");
    expect(show(["王芳", ...AT, "--format", "csv"]).code).toBe(2);
    expect(show(["王芳", ...AT, "--branch", "cmb-nowhere"]).code).toBe(1);
  });
});

describe("channel show on a small repository", () => {
  const hostile = "王丽\u001b]8;;http://evil\u0007点我\u001b]8;;\u0007";
  const huge = "很长的爱好".repeat(400);
  const dir = writeRepo({
    "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
    "branches/b1/branch.yaml": "id: b1\nname: 招商银行一号支行\ndepartment: d1\n",
    "branches/b2/branch.yaml": "id: b2\nname: 招商银行二号支行\ndepartment: d1\n",
    "branches/b3/branch.yaml": "id: b3\nname: 招商银行三号支行\ndepartment: d1\n",
    "branches/b1/staff.yaml": `staff:\n  - {id: wang-li, name: 王丽, position: teller, phone: "13800000001"}\n  - {id: marked, name: "**粗体** [链接](http://x)", position: clerk, hobbies: "<script>alert(1)</script> | **x**", notes: ${JSON.stringify(huge)}}\n`,
    "branches/b2/staff.yaml": 'staff:\n  - {id: wang-li-2, name: 王丽, position: lobby_manager, phone: "13800000002"}\n',
    // validate's error (a control character); the card is made from the rest, and says it left the file out.
    "branches/b3/staff.yaml": `staff:\n  - {id: evil, name: ${JSON.stringify(hostile)}, position: clerk}\n`,
  });
  temps.push(dir);
  const at = ["--data", dir, "--as-of", "2012-03-20"];

  it("a name at two branches is refused with both ids, as log refuses it; --branch picks one", () => {
    const both = show(["王丽", ...at, "--lang", "zh"]);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("wang-li @ b1");
    expect(both.stderr).toContain("wang-li-2 @ b2");
    const narrowed = show(["王丽", ...at, "--branch", "b2", "--format", "json"]);
    expect(narrowed.code).toBe(1);
    expect(JSON.parse(narrowed.stdout).person.id).toBe("wang-li-2");
    expect(narrowed.stderr).toContain("branches/b3/staff.yaml");
  });

  it("markup and huge values from the files are shown as text, cut, in the terminal and in Markdown", () => {
    const text = show(["marked", ...at, "--lang", "zh"]);
    expect(text.stdout).toContain("<script>alert(1)</script>");
    expect(text.stdout).not.toContain(huge);
    const md = show(["marked", ...at, "--lang", "zh", "--format", "md"]);
    expect(md.stdout).not.toContain("<script>");
    expect(md.stdout).toContain("\\<script\\>");
    expect(md.stdout).not.toContain("**粗体**");
    const json = JSON.parse(show(["marked", ...at, "--format", "json"]).stdout);
    expect(json.archive.notes).toBe(huge);
  });

  it("a file with escape sequences is left out and named; nothing of it reaches the terminal", () => {
    const branch = show(["b3", ...at, "--lang", "zh"]);
    expect(branch.code).toBe(1);
    expect(branch.stdout).not.toContain("\u001b");
    expect(branch.stdout).toContain("staff.yaml 有错误，没有读入");
    expect(branch.stderr).toContain("branches/b3/staff.yaml");
  });
});
