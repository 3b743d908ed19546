/**
 * issue 24: every job title the field manual uses is a name of its position, in the files and in a
 * spreadsheet import, and an unknown title is answered only with a plausible suggestion.
 */
import { describe, expect, it } from "vitest";
import { ENUM_NAMES, enumCode } from "../../src/model/enum-names.js";
import { categoryOf, type Position } from "../../src/model/types.js";
import { POSITION_CHOICES } from "../../src/import/values.js";
import { nearestTitle } from "../../src/validate/suggest.js";
import { validateFiles } from "../helpers/repo.js";

/** The titles as the manual writes them, with the position each one names. */
const MANUAL_TITLES: [string, Position][] = [
  ["行长", "branch_head"],
  ["零售主管", "retail_supervisor"],
  ["会计主管", "accounting_supervisor"],
  ["信贷主管", "credit_supervisor"],
  ["营业厅经理", "hall_manager"],
  ["大堂经理", "lobby_manager"],
  ["柜台人员", "teller"],
  ["职员", "clerk"],
  ["保安", "security_guard"],
  ["贵宾理财客户经理", "vip_wealth_manager"],
  ["低柜理财客户经理", "wealth_manager"],
  ["个人贷款客户经理", "loan_manager"],
  ["柜面负责人", "counter_supervisor"],
  ["客服人员", "customer_service"],
  ["公司业务客户经理", "corporate_manager"],
  ["信用卡中心营销人员", "card_sales"],
  ["保险营销人员", "insurance_agent"],
  ["手机银行人员", "bank_promoter"],
  ["会计出纳", "company_cashier"],
  ["网点主任", "branch_director"],
  ["会计", "accountant"],
  ["柜员", "teller"],
  ["客户经理", "account_manager"],
  ["理财经理", "wealth_manager"],
  ["清洁工", "cleaner"],
  ["保洁", "cleaner"],
  ["物业/居委会联系人", "community_contact"],
];

function staffFile(position: string): Record<string, string> {
  return { "branches/b1/staff.yaml": `staff:\n  - {id: a, name: 王芳, position: ${JSON.stringify(position)}}\n` };
}

describe("the manual's job titles", () => {
  it.each(MANUAL_TITLES)("%s is valid in staff.yaml and reads as %s", (title, code) => {
    expect(validateFiles(staffFile(title)).findings).toEqual([]);
    expect(enumCode("position", title)).toBe(code);
  });

  it.each(MANUAL_TITLES)("%s is recognised in an imported sheet as %s", (title, code) => {
    expect(POSITION_CHOICES.parse(title, "import.reason.badPosition")).toEqual({ ok: true, value: code });
  });

  it("puts the new positions in the manual's categories", () => {
    expect(["branch_director", "accountant", "account_manager", "community_contact"].map((p) => categoryOf(p as Position))).toEqual(["leader", "daily", "influencer", "external"]);
  });

  it("reads 高级理财经理 as a wealth manager (a grade of 理财经理), in files and imports", () => {
    expect(enumCode("position", "高级理财经理")).toBe("wealth_manager");
    expect(POSITION_CHOICES.parse("高级理财经理", "import.reason.badPosition")).toEqual({ ok: true, value: "wealth_manager" });
  });

  it("gives no name to two positions", () => {
    const names = Object.values(ENUM_NAMES.position).flat();
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("suggestions for an unknown title", () => {
  const suggestionFor = (title: string) => validateFiles(staffFile(title)).findings.map((f) => [f.code, f.params.suggestion]);

  it("suggests the title sharing its characters, not one a couple of edits away (大堂 → 大堂经理, never 保安)", () => {
    expect(suggestionFor("大堂")).toEqual([["INVALID_POSITION", "大堂经理"]]);
  });

  it("lists the positions sharing the most characters first", () => {
    const allowed = String(validateFiles(staffFile("大堂")).findings[0]!.params.allowed);
    expect(allowed.startsWith("lobby_manager 大堂经理")).toBe(true);
    expect(allowed).not.toContain("保安");
  });

  it("suggests nothing on one shared character or none", () => {
    expect(suggestionFor("柜长")).toEqual([["INVALID_POSITION", undefined]]);
    expect(suggestionFor("司机")).toEqual([["INVALID_POSITION", undefined]]);
  });

  it("suggests nothing when the nearest titles are different positions (主管)", () => {
    expect(suggestionFor("主管")).toEqual([["INVALID_POSITION", undefined]]);
  });

  it("still catches a typo in a code or a name", () => {
    expect(suggestionFor("tellr")).toEqual([["INVALID_POSITION", "teller"]]);
    expect(suggestionFor("会计员")).toEqual([["INVALID_POSITION", "会计"]]);
    expect(suggestionFor("网点主仼")).toEqual([["INVALID_POSITION", "网点主任"]]);
  });

  it("suggests a position by its usual name (理财 → 理财经理, not the variant 理财师)", () => {
    expect(suggestionFor("理财")).toEqual([["INVALID_POSITION", "理财经理"]]);
  });

  it("never crosses categories on a shared character (nearestTitle)", () => {
    const names = Object.values(ENUM_NAMES.position).flat();
    const codeOf = (v: string) => enumCode("position", v);
    expect(nearestTitle("会计", names.filter((n) => n !== "会计"), codeOf)).toBeUndefined();
    expect(nearestTitle("主任", names, codeOf)).toBe("网点主任");
  });

  it("answers an import's unknown title the same way", () => {
    const parsed = POSITION_CHOICES.parse("柜长", "import.reason.badPosition");
    expect(parsed).toMatchObject({ ok: false, params: { suggestion: "" } });
  });
});
