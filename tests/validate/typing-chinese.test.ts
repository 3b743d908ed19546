/**
 * issue 24: what someone typing in a Chinese input method gets told — a whole entry with
 * full-width colons, Chinese keys, a line indented to no level, a phone number quoting cannot save.
 */
import { describe, expect, it } from "vitest";
import { findingMessage } from "../../src/report/diagnostics.js";
import { fieldForWord, FIELD_WORDS } from "../../src/model/field-words.js";
import { validateFiles } from "../helpers/repo.js";

const codes = (files: Record<string, string>) => validateFiles(files).findings.map((f) => [f.code, f.line, f.column]);

describe("a whole entry typed with full-width colons", () => {
  it("is one message naming `：`, on one line or on several", () => {
    for (const text of ["competitors:\n  - name： 国泰君安 kind： 证券\n", "competitors:\n  - name： 国泰君安\n    kind： 证券\n"]) {
      const result = validateFiles({ "branches/b1/competitors.yaml": text });
      expect(result.findings.map((f) => [f.code, f.params.keys])).toEqual([["FULLWIDTH_COLON_ENTRY", "name, kind"]]);
      expect(findingMessage(result.findings[0]!, "zh")).toContain("`：`");
      expect(findingMessage(result.findings[0]!, "en")).toContain("`：`");
    }
  });

  it("leaves ordinary text with a full-width colon alone", () => {
    expect(codes({ "branches/b1/competitors.yaml": "competitors:\n  - {name: 国泰君安, kind: 证券, strategy: 策略：驻点}\n" })).toEqual([]);
  });
});

describe("keys typed in Chinese", () => {
  it("suggest the field, and the required field they stand for is not reported missing too", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": 'staff:\n  - id: a\n    名称: 王芳\n    职务: 柜员\n    电话: "13800138000"\n' });
    expect(result.findings.map((f) => [f.code, f.params.key, f.params.field, f.line])).toEqual([
      ["CHINESE_KEY", "名称", "name", 3],
      ["CHINESE_KEY", "职务", "position", 4],
      ["CHINESE_KEY", "电话", "phone", 5],
    ]);
  });

  it("take the field the entry has: 职务 is a prospect's occupation, 类型 a competitor's kind", () => {
    expect(validateFiles({ "branches/b1/prospects.yaml": "prospects:\n  - {id: p-1, name: 陈先生, 职务: 经理}\n" }).findings.map((f) => f.params.field)).toEqual(["occupation"]);
    expect(validateFiles({ "branches/b1/competitors.yaml": "competitors:\n  - {name: 国泰君安, 类型: 证券}\n" }).findings.map((f) => f.params.field)).toEqual(["kind"]);
    expect(validateFiles({ "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, 备注: 约了下周}\n" }).findings.map((f) => f.params.field)).toEqual(["note"]);
  });

  it("stay UNKNOWN_KEY when no field is meant", () => {
    expect(codes({ "branches/b1/competitors.yaml": "competitors:\n  - {name: 国泰君安, 天气: 晴}\n" }).map((c) => c[0])).toEqual(["UNKNOWN_KEY"]);
  });

  it("finds a field by a longer word that contains one of its words", () => {
    expect(fieldForWord("客户姓名", ["id", "name", "phone"])).toBe("name");
    expect(fieldForWord("手机号码", ["id", "name", "phone"])).toBe("phone");
    expect(fieldForWord("天气", ["id", "name"])).toBeUndefined();
  });

  it("has words for the fields of every file that people type most", () => {
    for (const field of ["name", "position", "phone", "gender", "birthday", "joined", "hobbies", "family", "notes", "kind", "date", "strategy", "attitude"]) {
      expect(FIELD_WORDS[field]?.length, field).toBeGreaterThan(0);
    }
  });
});

describe("wrong indentation", () => {
  it("says indentation, not a missing `- `, for a key indented to no level", () => {
    expect(codes({ "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n   position: teller\n" })[0]).toEqual(["YAML_BAD_INDENT", 4, 1]);
    expect(codes({ "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n     position: teller\n" })[0]).toEqual(["YAML_BAD_INDENT", 4, 1]);
    const [finding] = validateFiles({ "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n   position: teller\n" }).findings;
    expect(finding!.params).toEqual({ actual: 3, expected: 4 });
  });

  it("explains the later of two entries indented differently", () => {
    expect(codes({ "branches/b1/staff.yaml": "staff:\n   - id: a\n     name: 王芳\n     position: teller\n  - id: b\n    name: 李娜\n    position: teller\n" })[0]).toEqual(["YAML_BAD_INDENT", 5, 1]);
  });

  it("still says a `- ` is missing where it is", () => {
    const result = codes({ "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n    position: teller\n    id: b\n    name: 李娜\n    position: teller\n" });
    expect(result.map((c) => c[0])).toEqual(["YAML_MISSING_DASH"]);
  });
});

describe("a phone written as a number", () => {
  it("advises quotes only when the quoted number is a phone", () => {
    const staff = (phone: string) => ({ "branches/b1/staff.yaml": `staff:\n  - id: a\n    name: 王芳\n    position: teller\n    phone: ${phone}\n` });
    expect(codes(staff("13800138000"))).toEqual([["PHONE_NOT_QUOTED", 5, 12]]);
    expect(codes(staff("1380013800"))).toEqual([["INVALID_PHONE", 5, 12]]);
    expect(validateFiles(staff("1380013800")).findings[0]!.params.value).toBe("1380013800");
  });
});
