/** The audit's pure part: records of a file, first recordings over a history, and the findings. */
import { describe, expect, it } from "vitest";
import { makeDepartment, makeModel } from "../builders.js";
import { auditRecords, awardChanges, firstRecordings, recordsOfFile, type AuditRecord, type CommitRecords, type CommitRef } from "../../src/rules/audit.js";
import { computeBonusAwards } from "../../src/rules/bonus.js";
import { endOfDayEpochSeconds, epochSecondsOf, localDateTimeOf } from "../../src/model/zone.js";

const TZ = "Asia/Shanghai";
const commitAt = (id: string, local: string): CommitRef => ({ commit: id, time: epochSecondsOf(local, TZ) });

function staffData(...people: { id: string; at?: string; registered?: string }[]): unknown {
  return {
    staff: people.map((p) => ({
      id: p.id,
      name: p.id,
      position: "wealth_manager",
      ...(p.registered ? { hq_registered: p.registered } : {}),
      ...(p.at ? { conversion: { kind: "asset", amount: "5万", at: p.at } } : {}),
    })),
  };
}

function step(commit: CommitRef, records: AuditRecord[], moved: CommitRecords["moved"] = []): CommitRecords {
  return { commit, records, moved };
}

describe("zone", () => {
  it("the end of a day in Asia/Shanghai is 15:59:59 UTC", () => {
    expect(new Date(endOfDayEpochSeconds("2012-03-31", TZ) * 1000).toISOString()).toBe("2012-03-31T15:59:59.000Z");
    expect(localDateTimeOf(endOfDayEpochSeconds("2012-03-31", TZ) + 1, TZ)).toBe("2012-04-01T00:00:00");
  });

  it("follows daylight saving time", () => {
    // New York: UTC-4 in summer, UTC-5 in winter.
    expect(new Date(endOfDayEpochSeconds("2012-07-01", "America/New_York") * 1000).toISOString()).toBe("2012-07-02T03:59:59.000Z");
    expect(new Date(endOfDayEpochSeconds("2012-01-01", "America/New_York") * 1000).toISOString()).toBe("2012-01-02T04:59:59.000Z");
  });
});

describe("recordsOfFile", () => {
  it("reads conversions, registrations, reports and sales, normalising what can be written several ways", () => {
    const staff = recordsOfFile("branches/b1/staff.yaml", "staff", "b1", staffData({ id: "a", at: "2012-02-20 10:30", registered: "2012-02-01" }));
    expect(staff.map((r) => [r.kind, r.staff, r.claimed])).toEqual([
      ["conversion", "a", "2012-02-20T10:30:00"],
      ["hq_registered", "a", "2012-02-01"],
    ]);
    const sales = recordsOfFile("branches/b1/kpis.yaml", "kpis", "b1", {
      sales: [
        { date: "2012-02-15", product: "长城2号", amount: "120万" },
        { date: "2012-02-15", product: "长城2号", amount: 1200000 },
      ],
    });
    expect(sales.map((r) => r.subject)).toEqual(["2012-02-15 长城2号 1200000", "2012-02-15 长城2号 1200000 #2"]);
    expect(recordsOfFile("branches/b1/branch.yaml", "branch", "b1", { hq_reported: "2012-02-01" })).toHaveLength(1);
    expect(recordsOfFile("branches/b1/staff.yaml", "staff", "b1", "not a mapping")).toEqual([]);
  });
});

describe("firstRecordings", () => {
  const file = "branches/b1/staff.yaml";
  it("keeps the first commit of a value; a changed value counts from when it first took its present value", () => {
    const c1 = commitAt("c1", "2012-02-01T09:00:00");
    const c2 = commitAt("c2", "2012-02-05T09:00:00");
    const c3 = commitAt("c3", "2012-02-09T09:00:00");
    const first = firstRecordings([
      step(c1, recordsOfFile(file, "staff", "b1", staffData({ id: "a", registered: "2012-02-01" }))),
      step(c2, recordsOfFile(file, "staff", "b1", staffData({ id: "a", registered: "2012-01-20" }))),
      step(c3, recordsOfFile(file, "staff", "b1", staffData({ id: "a", registered: "2012-02-01" }))),
    ]);
    expect(first.get("hq_registered\0a")?.get("2012-02-01")).toBe(c1);
    expect(first.get("hq_registered\0a")?.get("2012-01-20")).toBe(c2);
  });

  it("staff keep their first commit when they move to another branch; a moved branch file carries its records", () => {
    const c1 = commitAt("c1", "2012-02-01T09:00:00");
    const c2 = commitAt("c2", "2012-05-01T09:00:00");
    const sale = { sales: [{ date: "2012-02-15", product: "长城2号", amount: "10万" }] };
    const first = firstRecordings([
      step(c1, [...recordsOfFile(file, "staff", "b1", staffData({ id: "a", at: "2012-02-20 10:00" })), ...recordsOfFile("branches/b1/kpis.yaml", "kpis", "b1", sale)]),
      step(c2, [...recordsOfFile("branches/b2/staff.yaml", "staff", "b2", staffData({ id: "a", at: "2012-02-20 10:00" })), ...recordsOfFile("branches/b9/kpis.yaml", "kpis", "b9", sale)], [
        { records: recordsOfFile("branches/b1/kpis.yaml", "kpis", "b1", sale), toBranch: "b9" },
      ]),
    ]);
    expect(first.get("conversion\0a")?.get("2012-02-20T10:00:00")).toBe(c1);
    expect(first.get("sale\0b9\x002012-02-15 长城2号 100000")?.get("2012-02-15")).toBe(c1);
  });
});

describe("auditRecords", () => {
  const model = makeModel({
    departments: [makeDepartment({ id: "d1" }), makeDepartment({ id: "d2", amCovered: true })],
    branches: [
      { id: "b1", department: "d1", staff: [{ id: "a", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-02-20 10:00" } }] },
      { id: "b2", department: "d2", hqReported: "2012-02-01", sales: [{ date: "2012-02-15", amount: "120万" }] },
    ],
  });
  const staff = recordsOfFile("branches/b1/staff.yaml", "staff", "b1", staffData({ id: "a", at: "2012-02-20 10:00", registered: "2012-02-01" }));
  const report = recordsOfFile("branches/b2/branch.yaml", "branch", "b2", { hq_reported: "2012-02-01" });
  const sales = recordsOfFile("branches/b2/kpis.yaml", "kpis", "b2", { sales: [{ date: "2012-02-15", product: "长城2号", amount: "120万" }] });
  const records = [...staff, ...report, ...sales];
  const audit = (history: CommitRecords[]) => auditRecords({ model, records, first: firstRecordings(history), timezone: TZ, bonusAtDeadline: null, bonusAtDay: null });

  it("finds nothing when everything was committed in time and in order", () => {
    const result = audit([step(commitAt("c1", "2012-02-01T18:00:00"), [...staff.filter((r) => r.kind === "hq_registered"), ...report]), step(commitAt("c2", "2012-02-20T18:00:00"), records)]);
    expect(result.findings).toEqual([]);
    expect(result.records.map((r) => r.first?.commit)).toEqual(["c2", "c1", "c1", "c2"]);
  });

  it("a registration committed after the end of the conversion's day, or after the conversion's commit, is recorded after the fact", () => {
    const reportAndSales = step(commitAt("c0", "2012-02-01T09:00:00"), [...report, ...sales]);
    const late = audit([reportAndSales, step(commitAt("c1", "2012-02-20T18:00:00"), [staff[0]!]), step(commitAt("c2", "2012-02-21T00:00:00"), [staff[1]!])]);
    expect(late.findings.map((f) => [f.code, f.record.kind, f.first?.commit])).toEqual([["recorded_after_the_fact", "hq_registered", "c2"]]);
    // The same day, but after the conversion was committed: also after the fact.
    const sameDay = audit([reportAndSales, step(commitAt("c1", "2012-02-20T11:00:00"), [staff[0]!]), step(commitAt("c2", "2012-02-20T15:00:00"), [staff[1]!])]);
    expect(sameDay.findings.map((f) => f.code)).toEqual(["recorded_after_the_fact"]);
    // Both in one commit on the conversion's day: in time.
    expect(audit([reportAndSales, step(commitAt("c1", "2012-02-20T18:00:00"), staff)]).findings).toEqual([]);
  });

  it("issue 25: a registration written with a time is read, keeps its time, and is audited like a day", () => {
    const timed = recordsOfFile("branches/b1/staff.yaml", "staff", "b1", staffData({ id: "a", at: "2012-02-20 10:00", registered: "2012-02-20 09:40" }));
    expect(timed.map((r) => [r.kind, r.claimed])).toEqual([
      ["conversion", "2012-02-20T10:00:00"],
      ["hq_registered", "2012-02-20T09:40:00"],
    ]);
    const reportAndSales = step(commitAt("c0", "2012-02-01T09:00:00"), [...report, ...sales]);
    const auditOf = (people: AuditRecord[], history: CommitRecords[]) =>
      auditRecords({ model, records: [...people, ...report, ...sales], first: firstRecordings(history), timezone: TZ, bonusAtDeadline: null, bonusAtDay: null });
    // Committed the day after the conversion: after the fact, as with a bare day.
    const late = auditOf(timed, [reportAndSales, step(commitAt("c1", "2012-02-20T18:00:00"), [timed[0]!]), step(commitAt("c2", "2012-02-21T08:00:00"), [timed[1]!])]);
    expect(late.findings.map((f) => [f.code, f.record.kind, f.record.claimed])).toEqual([["recorded_after_the_fact", "hq_registered", "2012-02-20T09:40:00"]]);
    // Both in one commit on the day: in time.
    expect(auditOf(timed, [reportAndSales, step(commitAt("c1", "2012-02-20T18:00:00"), timed)]).findings).toEqual([]);
    // A registration time after the transfer is already refused by the bonus: no audit finding for it.
    const after = recordsOfFile("branches/b1/staff.yaml", "staff", "b1", staffData({ id: "a", at: "2012-02-20 10:00", registered: "2012-02-20 10:01" }));
    expect(auditOf(after, [reportAndSales, step(commitAt("c1", "2012-02-20T18:00:00"), [after[0]!]), step(commitAt("c2", "2012-02-22T08:00:00"), [after[1]!])]).findings).toEqual([]);
    // Changing a day into a datetime is a new claim: it counts from the commit that wrote the time.
    const c1 = commitAt("c1", "2012-02-15T09:00:00");
    const c2 = commitAt("c2", "2012-02-25T09:00:00");
    const first = firstRecordings([
      step(c1, recordsOfFile("branches/b1/staff.yaml", "staff", "b1", staffData({ id: "a", registered: "2012-02-15" }))),
      step(c2, recordsOfFile("branches/b1/staff.yaml", "staff", "b1", staffData({ id: "a", registered: "2012-02-15 09:00" }))),
    ]);
    expect(first.get("hq_registered\0a")?.get("2012-02-15")).toBe(c1);
    expect(first.get("hq_registered\0a")?.get("2012-02-15T09:00:00")).toBe(c2);
  });

  it("a branch report committed after the sale it had to precede is recorded after the fact (am_covered departments)", () => {
    const result = audit([step(commitAt("c1", "2012-02-01T09:00:00"), staff), step(commitAt("c2", "2012-02-15T18:00:00"), sales), step(commitAt("c3", "2012-03-01T09:00:00"), report)]);
    expect(result.findings.map((f) => [f.code, f.record.kind, f.detail])).toEqual([
      ["recorded_after_the_fact", "hq_reported", { why: "report_after_sale", saleDate: "2012-02-15", saleCommit: commitAt("c2", "2012-02-15T18:00:00"), sales: 1 }],
    ]);
  });

  it("a conversion or sale first committed after the deadline's end is recorded after the deadline; 23:59:59 is in time", () => {
    const inTime = audit([step(commitAt("c1", "2012-02-01T09:00:00"), [staff[1]!, ...report]), step(commitAt("c2", "2012-03-31T23:59:59"), [staff[0]!, ...sales])]);
    expect(inTime.findings).toEqual([]);
    const late = audit([step(commitAt("c1", "2012-02-01T09:00:00"), [staff[1]!, ...report]), step(commitAt("c2", "2012-04-01T00:00:00"), [staff[0]!, ...sales])]);
    expect(late.findings.map((f) => [f.code, f.record.kind])).toEqual([
      ["recorded_after_deadline", "conversion"],
      ["recorded_after_deadline", "sale"],
    ]);
  });
});

describe("awardChanges", () => {
  it("reports candidates awarded in one computation and not in the other", () => {
    const before = makeModel({ branches: [{ id: "b1", staff: [{ id: "a", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-02-20 10:00" } }, { id: "b", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-02-21 10:00" } }] }] });
    const after = makeModel({
      branches: [
        {
          id: "b1",
          staff: [
            { id: "a", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-02-20 10:00" } },
            { id: "b", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-02-21 10:00" } },
            { id: "c", hqRegistered: "2012-02-01", conversion: { kind: "asset", amount: "5万", at: "2012-02-10 10:00" } },
          ],
        },
      ],
    });
    const policy = before.settings.bonus!;
    const changes = awardChanges(computeBonusAwards(before, policy, "2012-03-31"), computeBonusAwards(after, policy, "2012-04-30"), new Map());
    expect(changes.map((f) => [f.record.staff, f.detail])).toEqual([
      ["b", { why: "award_changed", deadline: "2012-03-31", before: { status: "awarded", reason: null }, after: { status: "rejected", reason: "branch_cap_reached" } }],
      ["c", { why: "award_changed", deadline: "2012-03-31", before: { status: "absent", reason: null }, after: { status: "awarded", reason: null } }],
    ]);
  });
});
