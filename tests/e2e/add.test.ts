/**
 * `channel add` as a user runs it on a repository made by `channel init`: the new prospect
 * appended with its id, `found` and the codes of what was typed in Chinese, the rest of the
 * file byte for byte; `validate` clean afterwards and `followups` listing the new prospect's
 * contact; duplicates, broken files and bad values refused with nothing written; `import`
 * writing `found` for new prospects.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli, snapshot } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh repository from `channel init`, with its example branch cmb-example. */
function initRepo(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "channel-add-"));
  temps.push(parent);
  const dir = path.join(parent, "repo");
  expect(runCli(["init", dir, "--lang", "zh"]).code).toBe(0);
  return dir;
}

const PROSPECTS = "branches/cmb-example/prospects.yaml";

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), "utf8");
}

function prospects(dir: string): Record<string, unknown>[] {
  return (parse(read(dir, PROSPECTS)) as { prospects: Record<string, unknown>[] }).prospects;
}

describe("channel add prospect", () => {
  it("appends a valuable prospect found at a community campaign; validate is clean and followups lists the contact", () => {
    const dir = initRepo();
    const before = read(dir, PROSPECTS);
    const result = runCli(["add", "prospect", "王大爷", "--branch", "cmb-example", "--phone", "139 1234 5678", "--tier", "有价值客户", "--source", "社区开发", "--note", "社区活动认识", "--data", dir, "--as-of", "2012-03-03", "--lang", "zh"]);
    expect(result.code).toBe(0);
    const id = result.stdout.trim();
    expect(id).toMatch(/^p-wang-\d{3}$/);
    expect(result.stderr).toContain(`王大爷（${id}）`);
    const after = read(dir, PROSPECTS);
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(prospects(dir).at(-1)).toEqual({ id, name: "王大爷", tier: "valuable", phone: "13912345678", source: { kind: "community" }, found: "2012-03-03", notes: "社区活动认识" });

    expect(runCli(["validate", "--data", dir]).code).toBe(0);
    const list = runCli(["followups", "--data", dir, "--as-of", "2012-03-03", "--format", "json"]);
    const mine = JSON.parse(list.stdout).items.filter((i: { person: string | null }) => i.person === id);
    expect(mine).toEqual([expect.objectContaining({ kind: "contact", due: "2012-03-03", phone: "13912345678", branch: "cmb-example" })]);
  });

  it("--staff names the referrer by name; the source follows; found defaults to --as-of", () => {
    const dir = initRepo();
    const result = runCli(["add", "prospect", "陈女士", "--branch", "cmb-example", "--staff", "王芳", "--data", dir, "--as-of", "2012-03-05"]);
    expect(result.code).toBe(0);
    expect(prospects(dir).at(-1)).toMatchObject({ name: "陈女士", source: { kind: "staff_referral", staff: "wang-fang" }, found: "2012-03-05" });
  });

  it("the same name and phone at the branch is refused with a sentence, and added with --force", () => {
    const dir = initRepo();
    const args = ["add", "prospect", "王大爷", "--branch", "cmb-example", "--phone", "13912345678", "--data", dir, "--as-of", "2012-03-03", "--lang", "zh"];
    const first = runCli(args);
    expect(first.code).toBe(0);
    const files = snapshot(dir);
    const again = runCli(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`已有潜在客户 王大爷（${first.stdout.trim()}`);
    expect(again.stderr).toContain("--force");
    expect(snapshot(dir)).toEqual(files);
    const forced = runCli([...args, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout.trim()).not.toBe(first.stdout.trim());
  });

  it("refuses bad values, a future day and a file with errors, writing nothing", () => {
    const dir = initRepo();
    const files = snapshot(dir);
    const base = ["--branch", "cmb-example", "--data", dir, "--as-of", "2012-03-03", "--lang", "zh"];
    expect(runCli(["add", "prospect", "张三", ...base, "--phone", "12345"]).code).toBe(2);
    expect(runCli(["add", "prospect", "张三", ...base, "--tier", "VIP"]).code).toBe(2);
    expect(runCli(["add", "prospect", "张三", ...base, "--position", "柜员"]).code).toBe(2);
    expect(runCli(["add", "prospect", "张\u001b[31m三", ...base]).code).toBe(2);
    expect(runCli(["add", "customer", "张三", ...base]).code).toBe(2);
    expect(runCli(["add", "prospect", "张三", "--branch", "cmb-exampel", "--data", dir]).code).toBe(1);
    expect(runCli(["add", "prospect", "张三", "--branch", "cmb-example", "--data", dir, "--as-of", "2999-01-01"]).code).toBe(2);
    expect(runCli(["add", "prospect", "张三", ...base, "--staff", "p-chen-001"]).code).toBe(1);
    expect(snapshot(dir)).toEqual(files);

    fs.appendFileSync(path.join(dir, PROSPECTS), "  - {id: broken}\n");
    const broken = snapshot(dir);
    const refused = runCli(["add", "prospect", "张三", ...base]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(PROSPECTS);
    expect(snapshot(dir)).toEqual(broken);
  });
});

describe("channel add staff", () => {
  it("takes the position's Chinese name, writes its code, and creates staff.yaml when the branch has none", () => {
    const dir = initRepo();
    // A second branch with nothing but its branch.yaml.
    const branchYaml = read(dir, "branches/cmb-example/branch.yaml").replace(/^id: cmb-example$/m, "id: cmb-new");
    fs.mkdirSync(path.join(dir, "branches/cmb-new"));
    fs.writeFileSync(path.join(dir, "branches/cmb-new/branch.yaml"), branchYaml);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
    const result = runCli(["add", "staff", "刘洋", "--branch", "cmb-new", "--position", "大堂经理", "--phone", "13700001111", "--data", dir, "--lang", "zh"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("liu-yang\n");
    expect(result.stderr).toContain("新建");
    expect(parse(read(dir, "branches/cmb-new/staff.yaml"))).toEqual({ staff: [{ id: "liu-yang", name: "刘洋", position: "lobby_manager", phone: "13700001111" }] });
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
    // A position typed short is answered with the one meant.
    const short = runCli(["add", "staff", "周强", "--branch", "cmb-example", "--position", "大堂", "--data", dir, "--lang", "zh"]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("大堂经理");
    expect(runCli(["add", "staff", "周强", "--branch", "cmb-example", "--data", dir]).code).toBe(2);
  });
});

describe("channel import writes found", () => {
  it("new prospects are found on the import day unless a column says when", () => {
    const dir = initRepo();
    const sheet = path.join(path.dirname(dir), "客户.csv");
    fs.writeFileSync(sheet, "姓名,手机,发现日期\n李阿姨,13911112222,\n赵先生,13933334444,2012-01-20\n");
    const result = runCli(["import", "prospects", "--branch", "cmb-example", "--from", sheet, "--apply", "--data", dir, "--as-of", "2012-02-02"]);
    expect(result.code).toBe(0);
    const added = prospects(dir).slice(-2);
    expect(added.map((p) => [p.name, p.found])).toEqual([
      ["李阿姨", "2012-02-02"],
      ["赵先生", "2012-01-20"],
    ]);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });
});
