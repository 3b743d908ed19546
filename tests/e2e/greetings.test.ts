/**
 * Festivals every year and whom to greet (issue 23), as a user meets them on data-example: the
 * recurring holidays of 2013, one greeting item per branch with its recipients in every format,
 * `channel init`'s standard festivals, and `log --to` writing one entry for a whole group.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyToTemp, DATA_EXAMPLE, runCli, snapshot } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = copyToTemp();
  temps.push(dir);
  return dir;
}

interface Item {
  due: string;
  kind: string;
  branch: string | null;
  person: string | null;
  owner: string | null;
  detail: string;
  recipients: { person: string; name: string; phone: string | null }[] | null;
}

function items(args: string[], data = DATA_EXAMPLE): Item[] {
  const result = runCli(["followups", "--data", data, "--format", "json", "--lang", "zh", ...args]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { items: Item[] }).items;
}

describe("recurring holidays and greetings on data-example", () => {
  it("2013-02-05 + 7: 除夕 on 腊月廿九 (02-09) and 春节 (02-10), each a holiday then one greeting per branch", () => {
    const found = items(["--as-of", "2013-02-05", "--within", "7", "--kind", "holiday,greeting"]);
    const holidays = found.filter((i) => i.kind === "holiday");
    expect(holidays.map((i) => [i.due, i.detail])).toEqual([
      ["2013-02-09", expect.stringContaining("除夕")],
      ["2013-02-10", expect.stringContaining("春节")],
    ]);
    expect(holidays[0]!.detail).toContain("腊月廿九");
    // Kind order: the day's holiday, then its greetings by branch id.
    const spring = found.filter((i) => i.due === "2013-02-10");
    expect(spring.map((i) => i.kind)).toEqual(["holiday", ...Array(spring.length - 1).fill("greeting")]);
    const branches = spring.slice(1).map((i) => i.branch!);
    expect(branches).toEqual([...branches].sort());
    const futian = spring.find((i) => i.branch === "cmb-futian-center")!;
    expect(futian.person).toBeNull();
    expect(futian.owner).toBe("李娜");
    const ids = futian.recipients!.map((r) => r.person);
    expect(ids).toEqual([...ids].sort());
    // key, leader and valuable: 王芳 (key), 赵国强 (行长), 陈先生 (valuable prospect).
    expect(futian.recipients).toEqual(expect.arrayContaining([{ person: "wang-fang", name: "王芳", phone: "13800138000" }, expect.objectContaining({ person: "p-chen-001", name: "陈先生" })]));
    expect(found.filter((i) => i.kind !== "greeting").every((i) => i.recipients === null)).toBe(true);
  });

  it("2012-09-28 + 7: 中秋节 09-30 (lunar 08-15) and 国庆节 10-01 (--10-01)", () => {
    const found = items(["--as-of", "2012-09-28", "--within", "7", "--kind", "holiday"]);
    expect(found.map((i) => [i.due, i.detail])).toEqual([
      ["2012-09-30", "中秋节 9月30日（农历八月十五）"],
      ["2012-10-01", "国庆节 10月1日"],
    ]);
  });

  it("2012-03-28: 清明 is a solar term without greeting; the 2012-03-20 list has no holiday", () => {
    expect(items(["--as-of", "2012-03-28", "--kind", "holiday,greeting"]).map((i) => [i.kind, i.due])).toEqual([["holiday", "2012-04-04"]]);
    expect(items(["--as-of", "2012-03-20", "--kind", "holiday,greeting"])).toEqual([]);
  });

  it("csv, md and ics carry the recipients with their phones", () => {
    const args = ["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-09-28", "--within", "2", "--kind", "greeting", "--branch", "cmb-futian-center", "--lang", "zh"];
    // CSV: one row per item, the recipients in its detail; md and the table: a row per recipient.
    const shown = { csv: "王芳（13800138000）", md: "| 王芳 | 理财经理 | 13800138000 |", table: /节日问候 │ 深圳福田中心支行 │ 王芳 \(理财经理\)\s+│ 13800138000/ };
    for (const [format, recipient] of Object.entries(shown)) {
      const result = runCli([...args, "--format", format]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("节日问候");
      expect(result.stdout).toMatch(recipient);
    }
    const terminal = runCli([...args], { env: { CHANNEL_TERMINAL_WIDTH: "100" } });
    expect(terminal.stdout).toMatch(/│ +│ +│ +│ 王芳 \(理财经理\) 13800138000 +│/);
    const dir = scratch();
    const ics = path.join(dir, "list.ics");
    expect(runCli([...args, "--ics", ics]).code).toBe(0);
    expect(fs.readFileSync(ics, "utf8")).toContain("13800138000");
  });
});

describe("export followups --redact", () => {
  it("masks a greeting's phones and its prospects' names, and keeps them without --redact", () => {
    const dir = scratch();
    const out = (name: string, redact: boolean) => {
      const file = path.join(dir, name);
      const result = runCli(["export", "followups", "--data", DATA_EXAMPLE, "--as-of", "2013-02-05", "--lang", "zh", "--out", file, ...(redact ? ["--redact"] : [])]);
      expect(result.code, result.stderr).toBe(0);
      return fs.readFileSync(file, "utf8").split("\n").filter((line) => line.includes("节日问候") && line.includes("春节") && line.includes("福田中心"))[0]!;
    };
    const plain = out("plain.csv", false);
    expect(plain).toContain("陈先生（13900001111）");
    const masked = out("masked.csv", true);
    expect(masked).toContain("王芳（138****8000）");
    expect(masked).toContain("陈**（139****1111）");
    expect(masked).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe("channel init writes the standard festivals", () => {
  it("as recurring entries that validate and show every year", () => {
    const dir = scratch();
    const repo = path.join(dir, "new");
    expect(runCli(["init", repo, "--lang", "zh"]).code).toBe(0);
    const holidays = (parse(fs.readFileSync(path.join(repo, "channel.yaml"), "utf8")) as { holidays: { name: string }[] }).holidays;
    expect(holidays.map((h) => h.name)).toEqual(["元旦", "春节", "元宵节", "妇女节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "重阳节"]);
    expect(holidays.find((h) => h.name === "妇女节")).toMatchObject({ greet: ["female_staff"] });
    expect(holidays.find((h) => h.name === "中秋节")).toMatchObject({ lunar: "08-15", greet: ["key", "leader", "valuable"] });
    expect(runCli(["validate", "--data", repo]).code).toBe(0);
    const dues = items(["--as-of", "2030-01-01", "--within", "365", "--kind", "holiday"], repo).map((i) => i.due);
    expect(dues).toEqual(["2030-01-01", "2030-02-03", "2030-02-17", "2030-03-08", "2030-04-05", "2030-05-01", "2030-06-05", "2030-09-12", "2030-10-01", "2030-10-05", "2031-01-01"]);
  });
});

describe("channel log --to", () => {
  const rel = "branches/cmb-futian-center/activities.yaml";

  it("records one activity naming every present member of the group, by Chinese name too", () => {
    const dir = scratch();
    const result = runCli(["log", "--data", dir, "--to", "核心人物", "--branch", "cmb-futian-center", "--kind", "短信", "--note", "中秋祝福", "--date", "2012-09-28", "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("核心人物共 4 人");
    // No closing hint: a message to a group deals with no one's follow-ups (and takes no --done).
    expect(result.stderr).toBe("");
    const activities = (parse(fs.readFileSync(path.join(dir, rel), "utf8")) as { activities: { date: string; kind: string; with: string[]; note?: string }[] }).activities;
    expect(activities.at(-1)).toEqual({ date: "2012-09-28", kind: "sms", with: ["huang-wei", "li-qiang", "wang-fang", "zhao-guoqiang"], by: "李娜", note: "中秋祝福" });
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
  });

  it("several groups and prospects: each person once", () => {
    const dir = scratch();
    // On 2012-03-20 陈先生 has open items: a group message gives no closing hint (it takes no --done).
    const result = runCli(["log", "--data", dir, "--to", "key,valuable", "--branch", "cmb-futian-center", "--date", "2012-03-20"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const last = (parse(fs.readFileSync(path.join(dir, rel), "utf8")) as { activities: { with: string[]; kind: string }[] }).activities.at(-1)!;
    expect(last.kind).toBe("sms");
    expect(last.with).toEqual([...new Set(last.with)].sort());
    expect(last.with).toEqual(expect.arrayContaining(["wang-fang", "p-chen-001"]));
  });

  it("refuses, writing nothing: an unknown or empty group, no --branch, people named too, --done", () => {
    const dir = scratch();
    const before = snapshot(dir);
    const refusals: [string[], number][] = [
      [["--to", "vip", "--branch", "cmb-futian-center"], 2],
      [["--to", "resource", "--branch", "cmb-shenzhen", "--date", "2012-09-28"], 1],
      [["--to", "key"], 2],
      [["王芳", "--to", "key", "--branch", "cmb-futian-center"], 2],
      [["--to", "key", "--branch", "cmb-futian-center", "--done", "complaint"], 2],
    ];
    for (const [args, code] of refusals) {
      const result = runCli(["log", "--data", dir, "--lang", "zh", ...args]);
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr).toMatch(/^channel: \S/);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses when the branch's staff.yaml has errors: the group would miss its people", () => {
    const dir = scratch();
    const staff = path.join(dir, "branches/cmb-futian-center/staff.yaml");
    fs.appendFileSync(staff, "  - id: broken\n    name: 坏\n    position: nobody\n");
    const before = snapshot(dir);
    const result = runCli(["log", "--data", dir, "--to", "key", "--branch", "cmb-futian-center", "--lang", "zh"]);
    expect(result.code).toBe(1);
    // Named by --to's own refusal: log's usual check covers only the file it writes (activities.yaml).
    expect(result.stderr).toContain("branches/cmb-futian-center/staff.yaml");
    expect(snapshot(dir)).toEqual(before);
  });
});
