/**
 * Input that people (and their editors) really produce, and input meant to hurt: each is a
 * located finding or accepted as it should be, never an exception.
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRepository } from "../../src/load/parse-file.js";
import { validateRepository } from "../../src/validate/index.js";
import { validateFiles, writeRepo } from "../helpers/repo.js";

const STAFF = "staff:\n  - id: a\n    name: 王芳\n    position: teller\n";

describe("hostile and unusual input", () => {
  it("accepts a UTF-8 byte-order mark", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": "\uFEFF" + STAFF });
    expect(result.findings).toEqual([]);
  });

  it("keeps exact positions in a file with CRLF line ends", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": (STAFF + "    birthday: 2012-02-30\n").replace(/\n/g, "\r\n") });
    expect(result.findings.map((f) => [f.code, f.line, f.column])).toEqual([["DATE_DOES_NOT_EXIST", 5, 15]]);
  });

  it("reports a __proto__ key as unknown and pollutes nothing", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": STAFF + "    __proto__: {polluted: true}\n" });
    expect(result.findings.map((f) => [f.code, f.line, f.column])).toEqual([["UNKNOWN_KEY", 5, 5]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads yes, on and 2012-03-31 as YAML 1.2 does (strings)", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": STAFF + "    key: on\n" });
    expect(result.findings.map((f) => f.code)).toEqual(["NOT_A_BOOLEAN"]);
  });

  it("refuses numbers where a phone belongs, even with a leading zero lost", () => {
    // Quoted, 07558300000 is still no phone (a landline has a `-`): the message shows the form, not quotes (issue 24).
    const result = validateFiles({ "branches/b1/staff.yaml": STAFF + "    phone: 07558300000\n" });
    expect(result.findings.map((f) => [f.code, f.params.value])).toEqual([["INVALID_PHONE", "07558300000"]]);
    expect(validateFiles({ "branches/b1/staff.yaml": STAFF + "    phone: 013800138000\n" }).findings.map((f) => f.code)).toEqual(["INVALID_PHONE"]);
    expect(validateFiles({ "branches/b1/staff.yaml": STAFF + "    phone: 1380013800\n" }).findings.map((f) => f.code)).toEqual(["INVALID_PHONE"]);
    expect(validateFiles({ "branches/b1/staff.yaml": STAFF + "    phone: 13800138000\n" }).findings.map((f) => f.code)).toEqual(["PHONE_NOT_QUOTED"]);
  });

  it("reports every problem of a file in one run, sorted by line", () => {
    const result = validateFiles({
      "branches/b1/staff.yaml": STAFF + "    phone: 13800138000\n    birthday: 2012-02-30\n  - id: b\n    name: 李强\n    position: tellr\n",
    });
    expect(result.findings.map((f) => [f.code, f.line])).toEqual([
      ["PHONE_NOT_QUOTED", 5],
      ["DATE_DOES_NOT_EXIST", 6],
      ["INVALID_POSITION", 9],
    ]);
  });

  it("survives a 5 MB single line and deep block nesting without crashing", () => {
    const longLine = "notes: " + "长".repeat(5 * 1024 * 1024 / 3) + "\n";
    let deep = "";
    for (let i = 0; i < 2000; i++) deep += " ".repeat(i) + "k:\n";
    const result = validateFiles({ "branches/b1/competitors.yaml": longLine, "branches/b1/kpis.yaml": deep });
    expect(result.errors).toBeGreaterThan(0);
    for (const f of result.findings) expect(f.line).toBeGreaterThanOrEqual(1);
  });

  it("does not follow a symlinked branch folder out of the repository, nor print what it holds", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "channel-outside-"));
    fs.writeFileSync(path.join(outside, "branch.yaml"), "id: secret-branch\nname: 机密\ndepartment: nowhere\n");
    const dir = writeRepo({});
    try {
      fs.symlinkSync(outside, path.join(dir, "branches", "b9"));
      const result = validateRepository(loadRepository(dir));
      expect(result.findings.map((f) => [f.code, f.file])).toEqual([["SYMLINK_OUTSIDE_REPOSITORY", "branches/b9"]]);
      expect(JSON.stringify(result.findings)).not.toContain("secret");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("control characters in values", () => {
  const at = (text: string) =>
    validateFiles({ "branches/b1/staff.yaml": STAFF + text }).findings.map((f) => [f.code, f.line, f.column, f.path, f.params.code]);

  it("reports a raw ESC, BEL, NUL or bidi override at the character", () => {
    expect(at("    notes: 清屏\x1b[2J\n")).toEqual([["CONTROL_CHARACTER", 5, 14, "staff[0].notes", "U+001B"]]);
    expect(at("    notes: '响铃\x07'\n")).toEqual([["CONTROL_CHARACTER", 5, 15, "staff[0].notes", "U+0007"]]);
    expect(at("    notes: 空\x00\n")).toEqual([["CONTROL_CHARACTER", 5, 13, "staff[0].notes", "U+0000"]]);
    expect(at("    hobbies: [abc\u202Etxt.exe]\n")).toEqual([["CONTROL_CHARACTER", 5, 18, "staff[0].hobbies[0]", "U+202E"]]);
    expect(at("    notes: |\n      第一行\n      第二行\x1b]8;;x\x07\n")).toEqual([["CONTROL_CHARACTER", 7, 10, "staff[0].notes", "U+001B"]]);
  });

  it("reports one written as an escape in double quotes at its value", () => {
    expect(at('    notes: "\\e[2J"\n')).toEqual([["CONTROL_CHARACTER", 5, 12, "staff[0].notes", "U+001B"]]);
    expect(at('    notes: "a\\rb"\n')).toEqual([["CONTROL_CHARACTER", 5, 12, "staff[0].notes", "U+000D"]]);
  });

  it("allows a tab inside a value, and CRLF line ends", () => {
    expect(at("    notes: 甲\t乙\n")).toEqual([]);
    expect(validateFiles({ "branches/b1/staff.yaml": (STAFF + "    notes: |\n      一\n      二\n").replace(/\n/g, "\r\n") }).findings).toEqual([]);
  });
});

describe("a staff file that cannot be parsed", () => {
  it("does not report references to its people as missing: one note on the file says they were not checked", () => {
    const result = validateFiles({
      "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n   position: teller\n",
      "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, with: [a, b]}\n",
    });
    expect(result.findings.map((f) => [f.severity, f.code, f.file])).toEqual([
      ["error", "YAML_BAD_INDENT", "branches/b1/staff.yaml"],
      ["warning", "REFERENCES_NOT_CHECKED", "branches/b1/staff.yaml"],
    ]);
    expect(result.findings[1]!.params).toEqual({ count: 2 });
    expect([...result.filesWithErrors]).toEqual(["branches/b1/staff.yaml"]);
  });

  it("still reports a reference that no unreadable file could answer", () => {
    const result = validateFiles({
      "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n    position: teller\n",
      "branches/b1/prospects.yaml": "prospects: [\n",
      "branches/b1/kpis.yaml": "sales:\n  - {date: 2012-03-01, product: 长城2号, amount: 5万, prospect: p-9}\n",
      "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, with: [a]}\n",
    });
    // p-9 could be in the unreadable prospects file; a is in the staff file: nothing false.
    expect(result.findings.map((f) => f.code)).toEqual(["YAML_UNCLOSED_BRACKET", "REFERENCES_NOT_CHECKED"]);
  });
});
