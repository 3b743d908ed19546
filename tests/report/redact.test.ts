/** Masking what leaves the firm (report/redact.ts). */
import { describe, expect, it } from "vitest";
import type { MonthlyFigures } from "../../src/rules/monthly.js";
import { maskName, maskPhone, redactMonthly, scrubPhones } from "../../src/report/redact.js";

describe("maskPhone", () => {
  it("keeps the first three and last four digits of a mobile", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
    expect(maskPhone("18676543210")).toBe("186****3210");
  });
  it("keeps the area code and the last four digits of a landline", () => {
    expect(maskPhone("0755-83195001")).toBe("0755-****5001");
    expect(maskPhone("010-6512345")).toBe("010-****2345");
  });
  it("keeps only the last four digits of anything else", () => {
    expect(maskPhone("+86 138 0013 8000")).toBe("+** *** **** 8000");
    expect(maskPhone("123")).toBe("123");
  });
});

describe("maskName", () => {
  it("keeps the first character and two stars, whatever the length", () => {
    expect(maskName("陈先生")).toBe("陈**");
    expect(maskName("徐总")).toBe("徐**");
    expect(maskName("欧阳娜娜")).toBe("欧**");
    expect(maskName("")).toBe("");
  });
});

describe("scrubPhones", () => {
  it("masks phone numbers inside text and leaves other numbers alone", () => {
    expect(scrubPhones("客户电话13900001111，座机0755-83195001，存款12000000元，账号8800123456")).toBe(
      "客户电话139****1111，座机0755-****5001，存款12000000元，账号8800123456",
    );
    // Not a phone: longer digit runs.
    expect(scrubPhones("6225881234567890")).toBe("6225881234567890");
  });

  it("masks phone numbers however they are written: country code, groups, full-width digits, landlines in brackets (issue 14)", () => {
    const cases: [string, string][] = [
      ["手机+8613800138001", "手机+86138****8001"],
      ["+86 138 0013 8001", "+86 138 **** 8001"],
      ["＋８６ １３８００１３８００１", "＋８６ １３８****８００１"],
      ["8613800138004", "86138****8004"],
      ["电话138-0013-8002。", "电话138-****-8002。"],
      ["call 138 0013 8003 now", "call 138 **** 8003 now"],
      ["手机１３８００１３８００５", "手机１３８****８００５"],
      ["座机(0755) 8888 1234", "座机(0755) **** 1234"],
      ["座机（0755）88881234", "座机（0755）****1234"],
      ["座机0755-88881234", "座机0755-****1234"],
      ["座机0755 8888 1234", "座机0755 **** 1234"],
      ["座机010-6512345", "座机010-***2345"],
    ];
    for (const [input, masked] of cases) expect(scrubPhones(input), input).toBe(masked);
  });

  it("leaves other numbers alone: amounts, dates, accounts and card numbers", () => {
    for (const text of ["存款12000000元", "2012-03-31 10:30", "账号8800123456", "6225 8812 3456 7890", "6225881380013800", "编号 1380013", "12,000,000"]) {
      expect(scrubPhones(text), text).toBe(text);
    }
  });
});

describe("redactMonthly", () => {
  const figures = {
    kpiNotes: "联系人 13800138000",
    requests: ["请协调，联系 13700001111"],
    complaints: { count: 2, topics: ["投诉人留电话 13600001111"] },
    conversions: [
      { staff: "wang-fang", name: "王芳", position: "wealth_manager", at: "2012-03-01T10:00:00", kind: "asset", amount: 50000, product: null, account: "8800123456", status: "awarded", reason: null, left: "2012-03-20", leftNote: "离职，新电话 13811112222", movedTo: null },
    ],
    planned: [
      { date: "2012-04-20", kind: "maturity", prospect: "p-liu-002", name: "刘女士", tier: "valuable", phone: "13922223333", workPhone: "0755-83195001", homePhone: "0755-26881234", product: "理财", amount: 1_000_000, address: "福田区景田北", notes: "怕风险" },
    ],
  } as unknown as MonthlyFigures;

  it("masks names and phones and drops addresses, accounts, conversion amounts and notes", () => {
    const redacted = redactMonthly(figures);
    expect(redacted.planned[0]).toEqual({
      date: "2012-04-20",
      kind: "maturity",
      prospect: null,
      name: "刘**",
      tier: "valuable",
      phone: "139****3333",
      workPhone: "0755-****5001",
      homePhone: "0755-****1234",
      product: "理财",
      amount: 1_000_000,
      address: null,
      notes: null,
    });
    expect(redacted.conversions![0]).toMatchObject({ name: "王芳", amount: null, account: null, status: "awarded", left: "2012-03-20", leftNote: "离职，新电话 138****2222" });
    expect(redacted.kpiNotes).toBe("联系人 138****8000");
    // Issue 25: requests and complaint topics are free text too.
    expect(redacted.requests).toEqual(["请协调，联系 137****1111"]);
    expect(redacted.complaints).toEqual({ count: 2, topics: ["投诉人留电话 136****1111"] });
    expect(JSON.stringify(redacted)).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(JSON.stringify(redacted)).not.toMatch(/83195001|26881234/);
  });

  it("leaves the figures it was given as they were", () => {
    redactMonthly(figures);
    expect(figures.planned[0]!.phone).toBe("13922223333");
    expect(figures.conversions![0]!.account).toBe("8800123456");
  });
});

// issue 28: forms the scrubber missed in the bank report's KPI notes.
describe("scrubPhones: 0086, dots, slashes and 8-digit landlines", () => {
  it("masks 0086-138-0013-8012, 138.0013.8010, 138/0013/8015 and an 8-digit landline, and leaves amounts alone", () => {
    expect(scrubPhones("客户 0086-138-0013-8012 已联系")).toBe("客户 0086-138-****-8012 已联系");
    expect(scrubPhones("手机138.0013.8010")).toBe("手机138.****.8010");
    expect(scrubPhones("手机138/0013/8015")).toBe("手机138/****/8015");
    expect(scrubPhones("座机 83195001，分机 8319 5002")).toBe("座机 ****5001，分机 **** 5002");
    expect(scrubPhones("存款12000000元，指标 30000000 万，账号8800123456，比例 12.5%，20120320 到访")).toBe("存款12000000元，指标 30000000 万，账号8800123456，比例 12.5%，20120320 到访");
  });
});
