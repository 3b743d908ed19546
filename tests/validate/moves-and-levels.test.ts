/**
 * Validation of the archive over years: people who left, conversions kept with the branch where
 * they happened, the same person recorded twice, and 分行 folders named as `parent`.
 */
import { describe, expect, it } from "vitest";
import { validateFiles } from "../helpers/repo.js";

const B2 = "id: b2\nname: 招商银行南山支行\ndepartment: d1\n";
const CITY = "id: cmb-sz\nname: 招商银行深圳分行\nlevel: 分行\ndepartment: d1\n";

function codes(files: Record<string, string>): string[] {
  return validateFiles(files).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`);
}

describe("people who left", () => {
  it("accepts left on the day joined, and later", () => {
    expect(codes({ "branches/b1/staff.yaml": "staff:\n  - {id: a, name: 王芳, position: teller, joined: 2008-07-01, left: 2008-07-01, left_note: 离职}\n" })).toEqual([]);
  });

  it("reports left before joined at left", () => {
    expect(codes({ "branches/b1/staff.yaml": "staff:\n  - {id: a, name: 王芳, position: teller, joined: 2008-07-01, left: 2008-06-30}\n" })).toEqual([
      "branches/b1/staff.yaml:2:67 LEFT_BEFORE_JOINED",
    ]);
  });

  it("reports a day that does not exist once, not again as left before joined", () => {
    expect(codes({ "branches/b1/staff.yaml": "staff:\n  - {id: a, name: 王芳, position: teller, joined: 2008-02-30, left: 2008-02-01}\n" })).toEqual([
      "branches/b1/staff.yaml:2:49 DATE_DOES_NOT_EXIST",
    ]);
  });

  it("still resolves a person who left as a reference (activities, source.staff)", () => {
    expect(
      codes({
        "branches/b1/staff.yaml": "staff:\n  - {id: a, name: 王芳, position: teller, left: 2012-05-10, left_note: 离职}\n",
        "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, with: [a]}\n",
        "branches/b1/prospects.yaml": "prospects:\n  - {id: p1, name: 陈先生, source: {kind: staff_referral, staff: a}}\n",
      }),
    ).toEqual([]);
  });

  it("keeps hostile text in left_note out of the output: an escape is a control character", () => {
    expect(codes({ "branches/b1/staff.yaml": 'staff:\n  - {id: a, name: 王芳, position: teller, left: 2012-05-10, left_note: "离职\\e[2J"}\n' })).toEqual([
      "branches/b1/staff.yaml:2:70 CONTROL_CHARACTER",
    ]);
  });
});

describe("conversion.branch", () => {
  const staff = (branch: string) => `staff:\n  - id: a\n    name: 王芳\n    position: branch_head\n    conversion: {kind: product, product: 长城2号, at: 2012-02-20 10:30, branch: ${branch}}\n`;

  it("accepts a branch folder of the repository", () => {
    expect(codes({ "branches/b2/branch.yaml": B2, "branches/b2/staff.yaml": staff("b1") })).toEqual([]);
  });

  it("reports a typo as an unknown branch folder, suggesting the nearest", () => {
    const result = validateFiles({ "branches/b2/branch.yaml": B2, "branches/b2/staff.yaml": staff("b3") });
    expect(result.findings.map((f) => [f.code, f.path, f.params.expected, f.params.suggestion])).toEqual([
      ["UNKNOWN_REFERENCE", "staff[0].conversion.branch", "branch", "b1"],
    ]);
  });
});

describe("the same person in two branches", () => {
  const person = (id: string, extra = "") => `staff:\n  - {id: ${id}, name: 王芳, position: teller, phone: "13800138000"${extra}}\n`;

  it("warns at the second record and names the first", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": person("a", ", left: 2012-05-10"), "branches/b2/branch.yaml": B2, "branches/b2/staff.yaml": person("b") });
    expect(result.errors).toBe(0);
    expect(result.findings.map((f) => [f.severity, f.code, f.file, f.params.id, f.params.first])).toEqual([
      ["warning", "DUPLICATE_PERSON", "branches/b2/staff.yaml", "a", "branches/b1/staff.yaml:2"],
    ]);
  });

  it("does not warn for the same name with another phone, nor twice in one branch, nor without a phone", () => {
    expect(
      codes({
        "branches/b1/staff.yaml": 'staff:\n  - {id: a, name: 王芳, position: teller, phone: "13800138000"}\n  - {id: b, name: 王芳, position: teller, phone: "13800138000"}\n',
        "branches/b2/branch.yaml": B2,
        "branches/b2/staff.yaml": 'staff:\n  - {id: c, name: 王芳, position: teller, phone: "13900139000"}\n  - {id: d, name: 李强, position: teller}\n',
      }),
    ).toEqual([]);
  });
});

describe("parent", () => {
  const child = (parent: string) => `id: b1\nname: 招商银行测试支行\nparent: ${parent}\ndepartment: d1\n`;

  it("accepts a 分行 folder id and a free name", () => {
    expect(codes({ "branches/b1/branch.yaml": child("cmb-sz"), "branches/cmb-sz/branch.yaml": CITY })).toEqual([]);
    expect(codes({ "branches/b1/branch.yaml": child("深圳分行") })).toEqual([]);
  });

  it("reports a 支行 folder named as parent", () => {
    expect(codes({ "branches/b1/branch.yaml": child("b2"), "branches/b2/branch.yaml": B2 })).toEqual(["branches/b1/branch.yaml:3:9 PARENT_NOT_CITY_BRANCH"]);
  });

  it("says nothing more when the parent folder's level is itself a mistake", () => {
    const result = validateFiles({ "branches/b1/branch.yaml": child("b2"), "branches/b2/branch.yaml": B2 + "level: 市分行\n" });
    expect(result.findings.map((f) => `${f.file} ${f.code}`)).toEqual(["branches/b2/branch.yaml INVALID_ENUM"]);
  });

  it("lets a 分行 name another 分行 (二级分行 under 一级分行), never itself", () => {
    const second = "id: cmb-dg\nname: 招商银行东莞分行\nlevel: city_branch\nparent: cmb-sz\ndepartment: d1\n";
    expect(codes({ "branches/cmb-dg/branch.yaml": second, "branches/cmb-sz/branch.yaml": CITY })).toEqual([]);
    expect(codes({ "branches/cmb-sz/branch.yaml": CITY + "parent: cmb-sz\n" })).toEqual(["branches/cmb-sz/branch.yaml:5:9 PARENT_IS_ITSELF"]);
  });
});
