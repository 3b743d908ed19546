/**
 * The cards of `channel show` as data: a person's last contacts (newest first, at most five,
 * plans apart), their open items (the follow-up list's own), their birthdays, cadence, archive
 * and gaps; a branch's staff by category (key persons first), the head's record, its latest
 * three months of KPIs up to D, its open items and its checklist gaps (coverage's).
 */
import { describe, expect, it } from "vitest";
import { buildBranchCard, buildPersonCard, LAST_CONTACTS } from "../../src/rules/cards.js";
import { findDueFollowups } from "../../src/rules/followups.js";
import { measureBranch } from "../../src/rules/coverage.js";
import { makeActivity, makeModel, makeProspect } from "../builders.js";

const AS_OF = "2012-03-20";

function model() {
  return makeModel({
    branches: [
      {
        id: "b1",
        owner: "李娜",
        sections: { business: { head_tenure: "2010 年到任", securities_handler: "副行长黄伟", deposits: "42亿" }, profile: { status: "中心支行" } },
        staff: [
          { id: "zhao", name: "赵国强", position: "branch_head", key: true, phone: "13902345678" },
          { id: "wang-fang", name: "王芳", position: "wealth_manager", key: true, phone: "13800138000", birthday: { year: 1985, month: 6, day: 15 }, lunarBirthday: { leap: false, month: 5, day: 20 }, archive: { hobbies: "瑜伽", notes: "推荐了陈先生" } },
          { id: "liu", name: "刘大海", position: "security_guard" },
          { id: "left-one", name: "吴离", position: "teller", left: "2012-02-01" },
        ],
        prospects: [
          makeProspect({ id: "p-chen-001", name: "陈先生", tier: "valuable", branch: "b1", phone: "13900001111", referral: { kind: "staff_referral", staff: "wang-fang", customer: null }, converted: { date: "2012-03-16", account: "8800" }, nextFollowup: "2012-03-22", archive: { found: "2012-02-02" } }),
        ],
        activities: [
          makeActivity("2012-01-05", "call", ["wang-fang"], "b1"),
          makeActivity("2012-01-16", "gift", ["wang-fang", "zhao"], "b1"),
          makeActivity("2012-02-03", "training", ["wang-fang"], "b1"),
          makeActivity("2012-02-14", "meal", ["wang-fang", "p-chen-001"], "b1"),
          makeActivity("2012-02-25", "event", ["wang-fang"], "b1"),
          makeActivity("2012-03-12", "visit", ["wang-fang"], "b1"),
          makeActivity("2012-04-10", "event", ["wang-fang"], "b1"),
        ],
        kpiMonths: [
          { month: "2011-12", figures: { deposits: 4_000_000_000 }, notes: null },
          { month: "2012-01", figures: { deposits: 4_120_000_000, vip_customers: 2080 }, notes: null },
          { month: "2012-02", figures: { deposits: 4_180_000_000, vip_customers: 2095 }, notes: null },
          { month: "2012-03", figures: { deposits: 4_200_000_000, good_customers: 180 }, notes: "三月" },
          { month: "2012-04", figures: { deposits: 4_300_000_000 }, notes: null },
        ],
      },
    ],
  });
}

describe("buildPersonCard", () => {
  it("lists the last five contacts on or before D, newest first, with the others named; plans apart", () => {
    const card = buildPersonCard(model(), "wang-fang", AS_OF)!;
    expect(card.contactCount).toBe(6);
    expect(card.contacts).toHaveLength(LAST_CONTACTS);
    expect(card.contacts.map((c) => c.date)).toEqual(["2012-03-12", "2012-02-25", "2012-02-14", "2012-02-03", "2012-01-16"]);
    expect(card.contacts[2]!.others).toEqual([{ id: "p-chen-001", name: "陈先生", type: "prospect" }]);
    expect(card.planned.map((c) => c.date)).toEqual(["2012-04-10"]);
  });

  it("holds the person's open items exactly as the follow-up list has them", () => {
    const m = model();
    const card = buildPersonCard(m, "wang-fang", AS_OF)!;
    const list = findDueFollowups(m, m.settings.followups, AS_OF, m.settings.followups.windowDays).filter((i) => i.person === "wang-fang");
    expect(card.openItems).toEqual(list);
    expect(card.openItems.map((i) => i.kind)).toContain("contact");
  });

  it("gives the next solar and lunar birthdays, the cadence, the archive in checklist order and the gaps", () => {
    const card = buildPersonCard(model(), "wang-fang", AS_OF)!;
    expect(card.birthdays.map((b) => [b.calendar, b.date])).toEqual([
      ["solar", "2012-06-15"],
      ["lunar", "2012-07-08"],
    ]);
    expect(card.birthdays[0]).toMatchObject({ age: 27 });
    expect(card.cadence).toEqual({ days: 7, basis: "key", last: "2012-03-12", due: "2012-03-19" });
    expect(card.archive.map((f) => f.field)).toEqual(["wechat", "qq", "email", "history", "hobbies", "family", "personality", "values", "schedule", "relationships", "notes"]);
    expect(card.archive.find((f) => f.field === "hobbies")!.value).toBe("瑜伽");
    expect(card.archive.find((f) => f.field === "family")!.value).toBeNull();
    expect(card.gaps.map((g) => g.item)).toEqual(["history", "family", "personality", "values", "schedule", "relationships"]);
    expect(card.referrals).toEqual([{ id: "p-chen-001", name: "陈先生", type: "prospect", branch: "b1", tier: "valuable", converted: "2012-03-16" }]);
  });

  it("a prospect's card: found, source with the referrer's name, the valuable checklist's gaps", () => {
    const card = buildPersonCard(model(), "p-chen-001", AS_OF)!;
    expect(card.person).toMatchObject({ type: "prospect", found: "2012-02-02" });
    expect(card.source).toEqual({ kind: "staff_referral", staff: { id: "wang-fang", name: "王芳", type: "staff" }, customer: null });
    expect(card.gaps.map((g) => `${g.checklist}.${g.item}`)).toContain("prospects_valuable.personal");
    expect(card.gaps.map((g) => `${g.checklist}.${g.item}`)).toContain("prospects_basic.holdings");
    expect(card.archive.some((f) => f.field === "found")).toBe(false);
    expect(card.cadence).toMatchObject({ basis: "valuable", last: "2012-02-14" });
  });

  it("a staff member who left: no cadence, not present; an unknown id: null", () => {
    const card = buildPersonCard(model(), "left-one", AS_OF)!;
    expect(card.person).toMatchObject({ type: "staff", present: false });
    expect(card.cadence).toBeNull();
    expect(buildPersonCard(model(), "nobody", AS_OF)).toBeNull();
  });
});

describe("buildBranchCard", () => {
  it("staff present by category, key persons first, each with their last contact; former staff apart", () => {
    const card = buildBranchCard(model(), "b1", AS_OF)!;
    expect(card.staff.map((g) => [g.category, g.staff.map((s) => s.id)])).toEqual([
      ["leader", ["zhao"]],
      ["daily", ["liu"]],
      ["influencer", ["wang-fang"]],
    ]);
    expect(card.staff[0]!.staff[0]!.lastContact).toEqual({ date: "2012-01-16", kind: "gift" });
    expect(card.staff[1]!.staff[0]!.lastContact).toBeNull();
    expect(card.formerStaff).toEqual([{ id: "left-one", name: "吴离", left: "2012-02-01" }]);
  });

  it("the head's record as its own group, filled or not, and not again under business", () => {
    const card = buildBranchCard(model(), "b1", AS_OF)!;
    expect(card.head.staff.map((s) => s.id)).toEqual(["zhao"]);
    expect(card.head.fields).toEqual([
      { field: "business.head_tenure", value: "2010 年到任" },
      { field: "business.head_previous_post", value: null },
      { field: "business.head_promoted", value: null },
      { field: "business.securities_handler", value: "副行长黄伟" },
    ]);
    const business = card.sections.find((s) => s.section === "business")!;
    expect(business.fields.map((f) => f.field)).toEqual(["business.deposits"]);
    expect(card.sections.map((s) => s.section)).toEqual(["profile", "business"]);
  });

  it("the latest three KPI months up to D's month, oldest first, key figures first", () => {
    const card = buildBranchCard(model(), "b1", AS_OF)!;
    expect(card.kpis.months.map((m) => m.month)).toEqual(["2012-01", "2012-02", "2012-03"]);
    expect(card.kpis.figures).toEqual(["deposits", "vip_customers", "good_customers"]);
  });

  it("open items of the branch as the list has them; gaps as coverage measures them", () => {
    const m = model();
    const card = buildBranchCard(m, "b1", AS_OF)!;
    const list = findDueFollowups(m, m.settings.followups, AS_OF, m.settings.followups.windowDays).filter((i) => i.branch === "b1");
    expect(card.openItems).toEqual(list);
    const coverage = measureBranch(m.branches[0]!, AS_OF);
    expect(card.coverage).toBe(coverage.share);
    expect(card.gaps).toEqual(coverage.items.filter((i) => i.share !== null && i.share < 1));
    expect(card.prospects).toEqual({ total: 1, valuable: 1, customers: 1 });
    expect(buildBranchCard(m, "nope", AS_OF)).toBeNull();
  });
});
