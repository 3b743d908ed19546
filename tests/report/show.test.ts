/**
 * The card in words: what `--redact` leaves (no phone, no prospect's full name, no archive, no
 * amounts or notes, in any format), and the JSON's codes.
 */
import { describe, expect, it } from "vitest";
import { buildBranchCard, buildPersonCard } from "../../src/rules/cards.js";
import { cardHtml, cardJson, redactCard, renderCard } from "../../src/report/show.js";
import { PLAIN } from "../../src/report/style.js";
import { makeActivity, makeModel, makeProspect } from "../builders.js";

const AS_OF = "2012-03-20";

function model() {
  return makeModel({
    branches: [
      {
        id: "b1",
        staff: [{ id: "wang-fang", name: "王芳", position: "wealth_manager", key: true, phone: "13800138000", archive: { hobbies: "瑜伽，电话 13912340000" } }],
        prospects: [
          makeProspect({
            id: "p-chen-001",
            name: "陈先生",
            tier: "valuable",
            branch: "b1",
            phone: "13900001111",
            workPhone: "0755-83190001",
            holdings: [{ product: "定期存款", amount: 500_000, matures: "2012-03-25" }],
            events: [{ date: "2012-03-19", kind: "complaint", amount: null, note: "排队太久，找 13711112222" }],
            converted: { date: "2012-03-16", account: "8800999999" },
            referral: { kind: "staff_referral", staff: "wang-fang", customer: null },
            archive: { home_address: "福田区某小区", family: "太太在家" },
          }),
        ],
        activities: [{ ...makeActivity("2012-03-12", "visit", ["wang-fang", "p-chen-001"], "b1"), note: "回电 13800138000" }],
      },
    ],
  });
}

describe("redactCard", () => {
  it("a prospect's card keeps nothing personal, in the table, Markdown or JSON", () => {
    const card = redactCard(buildPersonCard(model(), "p-chen-001", AS_OF)!);
    for (const format of ["table", "md", "json"] as const) {
      const out = renderCard(card, format, "zh", PLAIN);
      for (const secret of ["13900001111", "83190001", "8800999999", "陈先生", "福田区某小区", "太太在家", "500000", "50万", "13711112222", "排队太久", "13800138000"]) {
        expect(out, `${format}: ${secret}`).not.toContain(secret);
      }
      expect(out).toContain(format === "md" ? "陈\\*\\*" : "陈**");
    }
    expect(cardJson(card, "zh")).toMatchObject({ redacted: true, archive: {}, birthdays: [] });
  });

  it("a staff card masks phones, the referred prospects' names and notes; a branch card its staff's phones", () => {
    const person = renderCard(redactCard(buildPersonCard(model(), "wang-fang", AS_OF)!), "table", "zh", PLAIN);
    expect(person).toContain("138****8000");
    expect(person).not.toContain("13800138000");
    expect(person).not.toContain("陈先生");
    expect(person).not.toContain("13912340000");
    const branch = renderCard(redactCard(buildBranchCard(model(), "b1", AS_OF)!), "md", "zh", PLAIN);
    expect(branch).toContain("138\\*\\*\\*\\*8000");
    expect(branch).not.toContain("13800138000");
    expect(branch).not.toContain("13900001111");
  });

  it("without --redact the worker sees the full card", () => {
    const out = renderCard(buildPersonCard(model(), "p-chen-001", AS_OF)!, "table", "zh", PLAIN);
    for (const shown of ["13900001111", "0755-83190001", "8800999999", "福田区某小区", "50万", "王芳"]) expect(out).toContain(shown);
    const json = cardJson(buildPersonCard(model(), "p-chen-001", AS_OF)!, "en") as { person: Record<string, unknown>; redacted: boolean };
    expect(json.redacted).toBe(false);
    expect(json.person).toMatchObject({ type: "prospect", tier: "valuable", source: { kind: "staff_referral", staff: { id: "wang-fang", name: "王芳", type: "staff" } } });
  });
});

describe("cardHtml", () => {
  it("a page for channel serve: the card's sections, every value escaped", () => {
    const m = model();
    m.branches[0]!.staff[0]!.archive.hobbies = "<img src=x onerror=alert(1)>";
    const page = cardHtml(buildPersonCard(m, "wang-fang", AS_OF)!, "zh");
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(page).toContain("<title>王芳★ · 理财经理 · b1 支行</title>");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<img");
    expect(page).toContain("rowspan");
  });
});
