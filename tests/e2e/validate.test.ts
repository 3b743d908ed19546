/** `channel validate` and `channel init` as a user runs them: the built CLI, its exit codes and output. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_EXAMPLE, FIXTURES, runCli } from "../helpers/cli.js";
import { writeRepo } from "../helpers/repo.js";

const BROKEN = path.join(FIXTURES, "validate-broken-archive");
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe("channel validate", () => {
  it("finds data-example clean (exit 0) in both languages", () => {
    const en = runCli(["validate", "--data", DATA_EXAMPLE, "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^no problems found in \d+ file\(s\) checked\n$/);
    const zh = runCli(["validate", "--data", DATA_EXAMPLE, "--lang", "zh"]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^没有发现问题：共检查 \d+ 个文件\n$/);
  });

  it("reports every problem of a broken repository at its exact place (exit 1)", () => {
    const result = runCli(["validate", "--data", BROKEN, "--lang", "en"]);
    expect(result.code).toBe(1);
    const locations = result.stdout.split("\n").filter((l) => /^\S+:\d+:\d+: /.test(l)).map((l) => l.split(": ")[0] + " " + l.split(" ")[2]);
    expect(locations).toEqual([
      "branches/cmb-test/activities.yaml:3:44 UNKNOWN_REFERENCE",
      "branches/cmb-test/branch.yaml:3:13 UNKNOWN_DEPARTMENT",
      "branches/cmb-test/notes.txt:1:1 UNKNOWN_FILE",
      "branches/cmb-test/staff.yaml:7:12 PHONE_NOT_QUOTED",
      "branches/cmb-test/staff.yaml:8:5 UNKNOWN_KEY",
      "branches/cmb-test/staff.yaml:12:13 DATE_DOES_NOT_EXIST",
      "branches/cmb-test/staff.yaml:13:39 INVALID_MONEY",
      "branches/cmb-test/staff.yaml:13:48 DATETIME_WITHOUT_TIME",
    ]);
    // The source line and a caret under the offending value.
    expect(result.stdout).toContain("  7 |     phone: 13800138000\n    |            ^^^^^^^^^^^\n");
    expect(result.stdout).toContain("did you mean `birthday`?");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("7 error(s), 1 warning(s) in 5 file(s) checked");
  });

  it("speaks Chinese with --lang zh, and CHANNEL_LANG or the locale otherwise", () => {
    const flag = runCli(["validate", "--data", BROKEN, "--lang", "zh"]);
    expect(flag.stdout).toContain("branches/cmb-test/staff.yaml:8:5: 错误 UNKNOWN_KEY 未知字段 `birthdya`（是不是 `birthday`？）");
    expect(flag.stdout.trimEnd().split("\n").at(-1)).toBe("7 个错误，1 个警告，共检查 5 个文件");
    expect(runCli(["validate", "--data", BROKEN], { env: { CHANNEL_LANG: "zh" } }).stdout).toContain("未知字段");
    expect(runCli(["validate", "--data", BROKEN], { env: { LANG: "zh_CN.UTF-8" } }).stdout).toContain("未知字段");
    expect(runCli(["validate", "--data", BROKEN], { env: { LANG: "en_US.UTF-8" } }).stdout).toContain("unknown field");
  });

  it("gives SPEC's JSON shape with --format json", () => {
    const result = runCli(["validate", "--data", BROKEN, "--format", "json", "--lang", "en"]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { ok: boolean; files: number; errors: number; warnings: number; diagnostics: Record<string, unknown>[] };
    expect({ ok: json.ok, files: json.files, errors: json.errors, warnings: json.warnings }).toEqual({ ok: false, files: 5, errors: 7, warnings: 1 });
    expect(json.diagnostics[0]).toEqual({
      severity: "error",
      code: "UNKNOWN_REFERENCE",
      file: "branches/cmb-test/activities.yaml",
      line: 3,
      column: 44,
      path: "activities[1].with[0]",
      message: "no staff member or prospect with id `wang-fan` (did you mean `wang-fang`?)",
    });
    for (const d of json.diagnostics) expect(Object.keys(d).sort()).toEqual(["code", "column", "file", "line", "message", "path", "severity"]);
  });

  it("turns warnings into errors with --strict", () => {
    const dir = writeRepo({ "branches/b1/README.txt": "说明\n" });
    temps.push(dir);
    expect(runCli(["validate", "--data", dir]).code).toBe(0);
    const strict = runCli(["validate", "--strict", "--data", dir, "--format", "json"]);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).diagnostics[0]).toMatchObject({ severity: "error", code: "UNKNOWN_FILE" });
  });

  it("finds the root from a subdirectory", () => {
    const result = runCli(["validate", "--lang", "en"], { cwd: path.join(DATA_EXAMPLE, "branches", "cmb-dongmen") });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("no problems found");
  });

  it("exits 2 on usage errors and without a repository, with a message and no stack trace", () => {
    const cases = [
      runCli(["validate", "--data", DATA_EXAMPLE, "--bogus"]),
      runCli(["validate", "--data", DATA_EXAMPLE, "--format", "xml"]),
      runCli(["validate", "--data", DATA_EXAMPLE, "--lang", "fr"]),
      runCli(["nonsense"]),
      // No repository above the temporary folder, whatever the machine has at its root (issue 28).
      runCli(["validate"], { cwd: os.tmpdir(), env: { CHANNEL_CEILING_DIRECTORIES: path.dirname(os.tmpdir()) } }),
      runCli(["validate", "--data", os.tmpdir()]),
    ];
    for (const result of cases) {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^channel: /);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stdout).toBe("");
    }
    expect(cases[4]!.stderr).toContain("no channel.yaml");
  });

  it("answers hostile files with findings, never a stack trace", () => {
    const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n");
    const dir = writeRepo({
      "branches/b1/staff.yaml": Buffer.from([0x73, 0x3a, 0x20, 0xcd, 0xf5, 0x0a]),
      "branches/b1/kpis.yaml": bomb + "\n",
      "branches/b1/prospects.yaml": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("prospects: []\n", "utf16le")]),
      "branches/b1/competitors.yaml": "competitors: " + "[".repeat(200_000) + "\n",
      "branches/b1/activities.yaml": "# " + "x".repeat(10 * 1024 * 1024 + 10) + "\n",
    });
    temps.push(dir);
    const result = runCli(["validate", "--data", dir, "--format", "json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const codes = (JSON.parse(result.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(["ENCODING_GBK", "ENCODING_UTF16", "FILE_TOO_LARGE", "YAML_ALIAS_LIMIT", "YAML_TOO_DEEP"].sort());
  });
});

describe("channel init", () => {
  it("creates a repository that validates clean, with schemas and editor settings", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-init-"));
    temps.push(dir);
    const target = path.join(dir, "渠道档案");
    const init = runCli(["init", target, "--lang", "en"]);
    expect(init.code).toBe(0);
    for (const file of ["channel.yaml", "departments.yaml", ".gitignore", ".vscode/settings.json", ".channel/schemas/staff.schema.json", "branches/cmb-example/branch.yaml"]) {
      expect(fs.existsSync(path.join(target, file)), file).toBe(true);
    }
    const settings = JSON.parse(fs.readFileSync(path.join(target, ".vscode/settings.json"), "utf8")) as { "yaml.schemas": Record<string, string> };
    expect(settings["yaml.schemas"]["./.channel/schemas/staff.schema.json"]).toBe("branches/*/staff.yaml");
    expect(fs.readFileSync(path.join(target, "channel.yaml"), "utf8")).toMatch(/^#.*[\u4e00-\u9fff]/m);
    const validate = runCli(["validate"], { cwd: path.join(target, "branches") });
    expect(validate.code).toBe(0);
  });

  it("never overwrites a file", () => {
    const dir = writeRepo({});
    temps.push(dir);
    const before = fs.readFileSync(path.join(dir, "channel.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, ".gitignore"), "mine\n");
    const init = runCli(["init", dir, "--lang", "en"]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("already holds channel.yaml");
    expect(init.stdout).toContain("exists, left as it is: .gitignore");
    expect(fs.readFileSync(path.join(dir, "channel.yaml"), "utf8")).toBe(before);
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8")).toBe("mine\n");
  });
});
