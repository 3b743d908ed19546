/**
 * Recurring holidays (issue 23): where a solar day, a lunar day and a solar term fall between two
 * days, the greeting items per branch and whom the greet groups name.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GREET_GROUPS, SOLAR_TERMS, type GreetGroup, type Holiday } from "../../src/model/holidays.js";
import { holidayOccurrences } from "../../src/rules/holidays.js";
import { solarTermDay, solarTermDayFromLibrary, solarTermDayFromTable, solarTermMonth } from "../../src/rules/solar-terms.js";
import { groupMembers } from "../../src/rules/greet-groups.js";
import { findDueFollowups } from "../../src/rules/followups.js";
import { DEFAULT_FOLLOWUP_POLICY } from "../../src/model/types.js";
import { makeBranch, makeModel, makeProspect, type BranchInput } from "../builders.js";

const library = createRequire(import.meta.url)("lunar-javascript") as {
  Lunar: { fromYmd(y: number, m: number, d: number): { getJieQiTable(): Record<string, { getYear(): number; toYmd(): string }> } };
};

const days = (holidays: Holiday[], from: string, to: string) => holidayOccurrences(holidays, from, to).map((o) => [o.holiday.name, o.date]);

describe("solar terms", () => {
  it("are the library's 24 names", () => {
    const names = Object.keys(library.Lunar.fromYmd(2012, 6, 1).getJieQiTable()).filter((k) => !/^[A-Z_]+$/.test(k));
    expect([...SOLAR_TERMS].sort()).toEqual([...new Set(names)].sort());
  });

  it("each falls in its month every year 1900–2100 (the guard that keeps the library unloaded)", () => {
    const misplaced: string[] = [];
    for (let year = 1900; year <= 2100; year++) {
      for (const term of SOLAR_TERMS) {
        const date = solarTermDay(term, year);
        if (!date.startsWith(`${year}-`) || Number(date.slice(5, 7)) !== solarTermMonth(term)) misplaced.push(`${term} ${year}: ${date}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it("the precomputed table (1900–2100) is the library's days, and what its generator writes", () => {
    const differ: string[] = [];
    for (let year = 1900; year <= 2100; year++) {
      for (const term of SOLAR_TERMS) {
        if (solarTermDayFromTable(term, year) !== solarTermDayFromLibrary(term, year)) differ.push(`${term} ${year}`);
      }
    }
    expect(differ).toEqual([]);
    expect(solarTermDayFromTable("清明", 1899)).toBeUndefined();
    expect(solarTermDay("清明", 2101)).toBe(solarTermDayFromLibrary("清明", 2101));
    const root = fileURLToPath(new URL("../../", import.meta.url));
    expect(() => execFileSync(process.execPath, ["scripts/build-solar-term-table.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("清明 2012 and 2013 fall on 04-04, 冬至 2012 on 12-21", () => {
    expect(days([{ name: "清明节", recurs: { calendar: "solar_term", term: "清明" } }], "2012-01-01", "2013-12-31")).toEqual([
      ["清明节", "2012-04-04"],
      ["清明节", "2013-04-04"],
    ]);
    expect(solarTermDay("冬至", 2012)).toBe("2012-12-21");
  });
});

describe("holiday occurrences", () => {
  const mid: Holiday = { name: "中秋节", recurs: { calendar: "lunar", month: 8, day: 15 } };
  const eve: Holiday = { name: "除夕", recurs: { calendar: "lunar", month: 12, day: 30 } };
  const spring: Holiday = { name: "春节", recurs: { calendar: "lunar", month: 1, day: 1 } };
  const newYear: Holiday = { name: "元旦", recurs: { calendar: "solar", month: 1, day: 1 } };

  it("a lunar day every year: 中秋 2012-09-30, 2013-09-19", () => {
    expect(days([mid], "2012-01-01", "2013-12-31")).toEqual([
      ["中秋节", "2012-09-30"],
      ["中秋节", "2013-09-19"],
    ]);
  });

  it("除夕 \"12-30\" falls on 腊月廿九 in a 29-day month, across the solar new year", () => {
    const found = holidayOccurrences([eve, spring, newYear], "2012-12-25", "2013-02-15");
    expect(found.map((o) => [o.holiday.name, o.date])).toEqual([
      ["元旦", "2013-01-01"],
      ["除夕", "2013-02-09"],
      ["春节", "2013-02-10"],
    ]);
    expect(found[1]!.recurs).toMatchObject({ calendar: "lunar", dayUsed: 29, moved: true });
    expect(found[2]!.recurs).toMatchObject({ dayUsed: 1, moved: false });
  });

  it("a lunar festival keeps the ordinary month in a year with that leap month (2012 闰四月, 2014 闰九月)", () => {
    expect(days([{ name: "浴佛节", recurs: { calendar: "lunar", month: 4, day: 15 } }], "2012-01-01", "2012-12-31")).toEqual([["浴佛节", "2012-05-05"]]);
    expect(days([{ name: "重阳节", recurs: { calendar: "lunar", month: 9, day: 9 } }], "2014-01-01", "2014-12-31")).toEqual([["重阳节", "2014-10-02"]]);
  });

  it("a solar day every year; 02-29 on 02-28 in a common year; one-off days only in their year", () => {
    const leap: Holiday = { name: "闰日", recurs: { calendar: "solar", month: 2, day: 29 } };
    const once: Holiday = { name: "清明节", date: "2012-04-04" };
    const found = holidayOccurrences([leap, once, newYear], "2012-01-01", "2013-12-31");
    expect(found.map((o) => [o.holiday.name, o.date])).toEqual([
      ["元旦", "2012-01-01"],
      ["闰日", "2012-02-29"],
      ["清明节", "2012-04-04"],
      ["元旦", "2013-01-01"],
      ["闰日", "2013-02-28"],
    ]);
    expect(found[4]!.recurs).toMatchObject({ moved: true });
    expect(found[2]!.recurs).toBeNull();
  });

  it("the window is inclusive at both ends, and a holiday with neither day nor rule has none", () => {
    expect(days([mid, { name: "坏的" }], "2012-09-30", "2012-09-30")).toEqual([["中秋节", "2012-09-30"]]);
    expect(days([mid], "2012-10-01", "2013-09-18")).toEqual([]);
  });
});

describe("greet groups", () => {
  const branchInput: BranchInput = {
    id: "b1",
    staff: [
      { id: "head", position: "branch_head", gender: "M", phone: "13800000001" },
      { id: "fang", position: "wealth_manager", gender: "F", key: true, phone: "13800000002" },
      { id: "guard", position: "security_guard", gender: "M" },
      { id: "gone", position: "teller", gender: "F", left: "2012-09-01" },
      { id: "later", position: "teller", gender: "F", left: "2012-10-15" },
    ],
    prospects: [
      makeProspect({ id: "p-vip", tier: "valuable", phone: "13900000001" }),
      makeProspect({ id: "p-buyer", workPhone: "0755-83000000", purchases: [{ date: "2012-09-01", product: "长城2号", amount: 300_000, important: false }] }),
      makeProspect({ id: "p-future", purchases: [{ date: "2012-10-02", product: "长城2号", amount: 300_000, important: false }] }),
      makeProspect({ id: "p-converted", converted: { date: "2012-03-16", account: null } }),
    ],
  };
  const branch = makeBranch(branchInput);
  const ids = (groups: GreetGroup[], asOf = "2012-09-28") => groupMembers(branch, groups, asOf).map((m) => m.id);

  it("each group names its people, present staff only, sorted by id", () => {
    expect(ids(["all_staff"])).toEqual(["fang", "guard", "head", "later"]);
    expect(ids(["key"])).toEqual(["fang"]);
    expect(ids(["leader"])).toEqual(["head"]);
    expect(ids(["daily"])).toEqual(["guard", "later"]);
    expect(ids(["influencer"])).toEqual(["fang"]);
    expect(ids(["resource"])).toEqual([]);
    expect(ids(["female_staff"])).toEqual(["fang", "later"]);
    expect(ids(["male_staff"])).toEqual(["guard", "head"]);
    expect(ids(["valuable"])).toEqual(["p-vip"]);
    expect(ids(["customers"])).toEqual(["p-buyer", "p-converted"]);
    expect(ids(["female_staff"], "2012-10-20")).toEqual(["fang"]);
    expect(ids(["customers"], "2012-10-02")).toEqual(["p-buyer", "p-converted", "p-future"]);
  });

  it("several groups name each person once", () => {
    expect(ids(["key", "influencer", "female_staff", "valuable"])).toEqual(["fang", "later", "p-vip"]);
    expect(ids([])).toEqual([]);
    expect(GREET_GROUPS).toHaveLength(11);
  });

  it("a holiday with greet gives one greeting item per branch with recipients, right after the holiday", () => {
    const model = makeModel({
      branches: [branchInput, { id: "b0", staff: [{ id: "teller-0", position: "teller" }] }],
      settings: { holidays: [{ name: "中秋节", recurs: { calendar: "lunar", month: 8, day: 15 }, greet: ["key", "leader", "valuable"] }] },
    });
    const items = findDueFollowups(model, DEFAULT_FOLLOWUP_POLICY, "2012-09-28", 7).filter((i) => i.kind === "holiday" || i.kind === "greeting");
    expect(items.map((i) => [i.kind, i.due, i.branch, i.person])).toEqual([
      ["holiday", "2012-09-30", null, null],
      ["greeting", "2012-09-30", "b1", null],
    ]);
    const facts = items[1]!.facts;
    expect(facts.kind === "greeting" && facts.recipients).toEqual([
      { person: "fang", name: "fang", phone: "13800000002", personType: "staff", position: "wealth_manager" },
      { person: "head", name: "head", phone: "13800000001", personType: "staff", position: "branch_head" },
      { person: "p-vip", name: "p-vip", phone: "13900000001", personType: "prospect", position: null },
    ]);
  });
});
