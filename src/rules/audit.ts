/**
 * The audit of money-relevant records against git history (docs/rules.md, "Audit"): when each
 * conversion, registration, branch report and sale was first committed, and what looks wrong.
 * Pure: the histories come in parsed, every time is given, nothing is read here.
 *
 * A record is known by a stable key, never by its line: a staff member's conversion and
 * registration by the staff id (so moving them to another branch's staff.yaml keeps them), a
 * branch's report by the branch id, a sale by its branch, date, product, amount and prospect.
 * A record's first commit is the first commit where its key had the value it has now: a value
 * changed later counts from the commit that first gave it that value (changed back, from the
 * first time it had it), since what matters is when the claim as it stands was made.
 */
import type { BonusResult, BonusStatus } from "./bonus.js";
import type { Model } from "../model/types.js";
import { parseDate, parseDateTime, parseMoney, type IsoDate, type IsoDateTime } from "../model/values.js";
import { endOfDayEpochSeconds } from "../model/zone.js";

/** `commit`: not a record of the data but a commit of the main line (issue 28: its committer time goes back). */
export type AuditRecordKind = "conversion" | "hq_registered" | "hq_reported" | "sale" | "commit";

/** One money-relevant record as a file states it. */
export interface AuditRecord {
  kind: AuditRecordKind;
  /** The file that states it (relative to the data root). */
  file: string;
  /** The branch folder of that file. */
  branch: string;
  /** The staff id for conversions and registrations, else null. */
  staff: string | null;
  /** What identifies the record apart from its branch (empty for a branch report). */
  subject: string;
  /** What it claims: the conversion's time, the registration's day (or time, when written with one), the report's day, the sale's day. */
  claimed: string;
  /** The sale's product, for sales. */
  product: string | null;
}

/** A commit: its id and committer time (seconds since the epoch). */
export interface CommitRef {
  commit: string;
  time: number;
}

/** What one commit recorded: the records of every file it changed, as they stood after it. */
export interface CommitRecords {
  commit: CommitRef;
  /** The records of the changed files after the commit. */
  records: AuditRecord[];
  /** Files moved to another branch folder: their records before, and the folder they went to. */
  moved: { records: AuditRecord[]; toBranch: string }[];
}

/** Each record key's values and the first commit that gave it each one. */
export type FirstRecordings = Map<string, Map<string, CommitRef>>;

/** The key of a record: by staff id for staff records (they move between branches), else by branch. */
export function recordKey(record: Pick<AuditRecord, "kind" | "staff" | "branch" | "subject">): string {
  return record.staff !== null ? `${record.kind}\0${record.staff}` : `${record.kind}\0${record.branch}\0${record.subject}`;
}

/** The records a data file states (staff.yaml, branch.yaml, kpis.yaml), from its parsed value; others state none. */
export function recordsOfFile(file: string, kind: string, branch: string | null, data: unknown): AuditRecord[] {
  if (branch === null || !isObject(data)) return [];
  const records: AuditRecord[] = [];
  if (kind === "staff" && Array.isArray(data.staff)) {
    for (const person of data.staff) {
      if (!isObject(person) || typeof person.id !== "string") continue;
      const staff = person.id;
      const at = isObject(person.conversion) && typeof person.conversion.at === "string" ? parseDateTime(person.conversion.at) : null;
      if (at !== null) records.push({ kind: "conversion", file, branch, staff, subject: staff, claimed: at, product: null });
      // A day, or (issue 25) a datetime when the time matters: the claim is as precise as written.
      const registered = typeof person.hq_registered === "string" ? (parseDate(person.hq_registered) ?? parseDateTime(person.hq_registered)) : null;
      if (registered !== null) records.push({ kind: "hq_registered", file, branch, staff, subject: staff, claimed: registered, product: null });
    }
  } else if (kind === "branch") {
    const reported = typeof data.hq_reported === "string" ? parseDate(data.hq_reported) : null;
    if (reported !== null) records.push({ kind: "hq_reported", file, branch, staff: null, subject: "", claimed: reported, product: null });
  } else if (kind === "kpis" && Array.isArray(data.sales)) {
    // The same sale written twice is two sales: the second is `#2`.
    const seen = new Map<string, number>();
    for (const sale of data.sales) {
      if (!isObject(sale)) continue;
      const date = typeof sale.date === "string" ? parseDate(sale.date) : null;
      const amount = parseMoney(sale.amount);
      if (date === null || amount === null || typeof sale.product !== "string") continue;
      const prospect = typeof sale.prospect === "string" ? sale.prospect : "";
      const base = `${date} ${sale.product} ${amount}${prospect === "" ? "" : ` ${prospect}`}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      records.push({ kind: "sale", file, branch, staff: null, subject: count === 1 ? base : `${base} #${count}`, claimed: date, product: sale.product });
    }
  }
  return records;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The first commit of each record key and value, from the commits oldest first. A file moved
 * to another branch folder carries its records' first commits to their keys there.
 */
export function firstRecordings(history: readonly CommitRecords[]): FirstRecordings {
  const first: FirstRecordings = new Map();
  const note = (key: string, value: string, commit: CommitRef) => {
    let values = first.get(key);
    if (values === undefined) first.set(key, (values = new Map()));
    const known = values.get(value);
    if (known === undefined || known.time > commit.time) values.set(value, commit);
  };
  for (const { commit, records, moved } of history) {
    for (const { records: before, toBranch } of moved) {
      for (const record of before) {
        const carried = first.get(recordKey(record))?.get(record.claimed);
        if (carried !== undefined) note(recordKey({ ...record, branch: toBranch }), record.claimed, carried);
      }
    }
    for (const record of records) note(recordKey(record), record.claimed, commit);
  }
  return first;
}

/** The first commit of a record as it stands; null when the history never held it (recorded outside the history read). */
export function firstCommitOf(first: FirstRecordings, record: AuditRecord): CommitRef | null {
  return first.get(recordKey(record))?.get(record.claimed) ?? null;
}

export type AuditCode = "recorded_after_the_fact" | "recorded_after_deadline" | "award_changed" | "committer_time_backwards";

/** Why a finding was made, with the figures its sentence needs. */
export type AuditDetail =
  | { why: "registration_after_conversion"; conversionAt: IsoDateTime; conversionCommit: CommitRef | null }
  | { why: "report_after_sale"; saleDate: IsoDate; saleCommit: CommitRef | null; sales: number }
  | { why: "conversion_after_deadline"; deadline: IsoDate }
  | { why: "sale_after_end"; end: IsoDate }
  | { why: "award_changed"; deadline: IsoDate; before: CandidateOutcome; after: CandidateOutcome }
  | { why: "committer_time_backwards"; parent: CommitRef };

/** A candidate's outcome in one bonus computation; `absent` when they were not a candidate. */
export interface CandidateOutcome {
  status: BonusStatus | "absent";
  reason: string | null;
}

/** One finding of the audit (JSON: `{code, file, record, claimed, first_committed, commit, detail}`). */
export interface AuditFinding {
  code: AuditCode;
  record: AuditRecord;
  /** The record's first commit; null when the history read does not hold it. */
  first: CommitRef | null;
  detail: AuditDetail;
}

/** A record with its first commit, for the list of every record. */
export interface AuditedRecord {
  record: AuditRecord;
  first: CommitRef | null;
}

export interface AuditInput {
  /** The data as recorded at the end of D. */
  model: Model;
  /** Every record of that data. */
  records: readonly AuditRecord[];
  first: FirstRecordings;
  timezone: string;
  /** The main line (first parents) up to the commit read, oldest first; its times should grow. */
  mainLine?: readonly CommitRef[];
  /** The bonus as recorded at the deadline (as of the deadline), and as recorded at D (as of D); null when not compared. */
  bonusAtDeadline: BonusResult | null;
  bonusAtDay: BonusResult | null;
}

export interface AuditResult {
  records: AuditedRecord[];
  findings: AuditFinding[];
}

const KIND_ORDER: readonly AuditRecordKind[] = ["conversion", "hq_registered", "hq_reported", "sale", "commit"];
const CODE_ORDER: readonly AuditCode[] = ["recorded_after_the_fact", "recorded_after_deadline", "award_changed", "committer_time_backwards"];

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Records by file, kind, then subject. */
function compareRecords(a: AuditRecord, b: AuditRecord): number {
  return compareStrings(a.file, b.file) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareStrings(a.subject, b.subject);
}

/** Every record with its first commit, and the findings, sorted by code, then record. */
export function auditRecords(input: AuditInput): AuditResult {
  const { model, first, timezone } = input;
  const records = [...input.records].sort(compareRecords).map((record) => ({ record, first: firstCommitOf(first, record) }));
  const findings: AuditFinding[] = [];
  // Issue 29: one record's day is often another's: each end of day is worked out once.
  const endsOfDay = new Map<IsoDate, number>();
  const endOf = (day: IsoDate) => {
    let end = endsOfDay.get(day);
    if (end === undefined) endsOfDay.set(day, (end = endOfDayEpochSeconds(day, timezone)));
    return end;
  };
  const committedAfter = (commit: CommitRef | null, instant: number) => commit !== null && commit.time > instant;
  const isLater = (a: CommitRef | null, b: CommitRef | null) => a !== null && b !== null && a.time > b.time;

  const conversions = new Map(records.filter((r) => r.record.kind === "conversion").map((r) => [r.record.staff!, r]));
  for (const registration of records.filter((r) => r.record.kind === "hq_registered")) {
    const conversion = conversions.get(registration.record.staff!);
    if (conversion === undefined) continue;
    const conversionDay = conversion.record.claimed.slice(0, 10);
    // A registration dated after the conversion is already refused by the bonus rules: a bare
    // day after the conversion's day, a registration time after the transfer's minute.
    const claimed = registration.record.claimed;
    if (claimed.length > 10 ? claimed.slice(0, 16) > conversion.record.claimed.slice(0, 16) : claimed > conversionDay) continue;
    if (committedAfter(registration.first, endOf(conversionDay)) || isLater(registration.first, conversion.first)) {
      findings.push({
        code: "recorded_after_the_fact",
        ...registration,
        detail: { why: "registration_after_conversion", conversionAt: conversion.record.claimed, conversionCommit: conversion.first },
      });
    }
  }

  const amCovered = new Set(model.branches.filter((b) => model.departments.some((d) => d.id === b.department && d.amCovered)).map((b) => b.id));
  const expense = model.settings.expenseSupport;
  const sales = records.filter((r) => r.record.kind === "sale" && (expense === null || r.record.product === expense.product));
  // Each branch's sales, in the order of `sales`: looking them up among every branch's made the
  // reports × sales quadratic at head-office scale (issue 29).
  const salesByBranch = new Map<string, typeof sales>();
  for (const sale of sales) {
    const inBranch = salesByBranch.get(sale.record.branch);
    if (inBranch === undefined) salesByBranch.set(sale.record.branch, [sale]);
    else inBranch.push(sale);
  }
  for (const report of records.filter((r) => r.record.kind === "hq_reported" && amCovered.has(r.record.branch))) {
    const preceded = (salesByBranch.get(report.record.branch) ?? []).filter(
      (sale) =>
        sale.record.claimed >= report.record.claimed &&
        (committedAfter(report.first, endOf(sale.record.claimed)) || isLater(report.first, sale.first)),
    );
    const earliest = preceded.sort((a, b) => compareStrings(a.record.claimed, b.record.claimed) || compareRecords(a.record, b.record))[0];
    if (earliest !== undefined) {
      findings.push({
        code: "recorded_after_the_fact",
        ...report,
        detail: { why: "report_after_sale", saleDate: earliest.record.claimed, saleCommit: earliest.first, sales: preceded.length },
      });
    }
  }

  const bonus = model.settings.bonus;
  if (bonus !== null) {
    for (const conversion of conversions.values()) {
      const day = conversion.record.claimed.slice(0, 10);
      if (day < bonus.start || day > bonus.deadline) continue;
      if (committedAfter(conversion.first, endOf(bonus.deadline))) {
        findings.push({ code: "recorded_after_deadline", ...conversion, detail: { why: "conversion_after_deadline", deadline: bonus.deadline } });
      }
    }
  }
  if (expense !== null) {
    for (const sale of sales) {
      if (sale.record.claimed < expense.start || sale.record.claimed > expense.end) continue;
      if (committedAfter(sale.first, endOf(expense.end))) {
        findings.push({ code: "recorded_after_deadline", ...sale, detail: { why: "sale_after_end", end: expense.end } });
      }
    }
  }

  if (input.bonusAtDeadline !== null && input.bonusAtDay !== null) {
    for (const finding of awardChanges(input.bonusAtDeadline, input.bonusAtDay, conversions)) findings.push(finding);
  }
  for (const finding of backwardCommitTimes(input.mainLine ?? [])) findings.push(finding);
  findings.sort((a, b) => CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code) || compareRecords(a.record, b.record));
  return { records, findings };
}

/**
 * The commits of the main line (oldest first) committed earlier than their first parent: every
 * "first committed" time here rests on committer times growing along the history, and a clock
 * set back (or a rewritten history) breaks that, so it is a finding of its own.
 */
export function backwardCommitTimes(mainLine: readonly CommitRef[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (let i = 1; i < mainLine.length; i++) {
    const parent = mainLine[i - 1]!;
    const commit = mainLine[i]!;
    if (commit.time >= parent.time) continue;
    const record: AuditRecord = { kind: "commit", file: "", branch: "", staff: null, subject: commit.commit, claimed: "", product: null };
    findings.push({ code: "committer_time_backwards", record, first: commit, detail: { why: "committer_time_backwards", parent } });
  }
  return findings;
}

/**
 * The candidates whose award differs between the two computations: awarded in one and not in
 * the other (a rejection for another reason, or no candidacy, on both sides is no change of award).
 */
export function awardChanges(atDeadline: BonusResult, atDay: BonusResult, conversions: ReadonlyMap<string, AuditedRecord>): AuditFinding[] {
  // By staff id, first candidate of each (what `find` gave): looked up once per staff member.
  const byStaff = (result: BonusResult) => {
    const map = new Map<string, BonusResult["candidates"][number]>();
    for (const c of result.candidates) if (!map.has(c.staff)) map.set(c.staff, c);
    return map;
  };
  const deadlineByStaff = byStaff(atDeadline);
  const dayByStaff = byStaff(atDay);
  const outcome = (candidates: Map<string, BonusResult["candidates"][number]>, staff: string): CandidateOutcome => {
    const candidate = candidates.get(staff);
    return candidate === undefined ? { status: "absent", reason: null } : { status: candidate.status, reason: candidate.reason };
  };
  const staffIds = [...new Set([...atDeadline.candidates, ...atDay.candidates].map((c) => c.staff))].sort(compareStrings);
  const findings: AuditFinding[] = [];
  for (const staff of staffIds) {
    const before = outcome(deadlineByStaff, staff);
    const after = outcome(dayByStaff, staff);
    if ((before.status === "awarded") === (after.status === "awarded")) continue;
    const candidate = dayByStaff.get(staff) ?? deadlineByStaff.get(staff)!;
    const known = conversions.get(staff);
    const record: AuditRecord = known?.record ?? { kind: "conversion", file: `branches/${candidate.branch}/staff.yaml`, branch: candidate.branch, staff, subject: staff, claimed: candidate.at, product: null };
    findings.push({ code: "award_changed", record, first: known?.first ?? null, detail: { why: "award_changed", deadline: atDeadline.asOf, before, after } });
  }
  return findings;
}
