/**
 * Rendering the audit: the findings (what a person should look at) and every record with the
 * commit that first recorded it; JSON as docs/json-output.md describes, CSV of the findings.
 */
import { t, tDynamic, type Lang } from "../i18n/catalog.js";
import type { IsoDate } from "../model/values.js";
import { localDateTimeOf } from "../model/zone.js";
import type { AuditDetail, AuditFinding, AuditRecord, AuditResult, CandidateOutcome, CommitRef } from "../rules/audit.js";
import { asRecordedJson, type AsRecorded } from "./as-recorded.js";
import { renderSectionsPieces, withRecordedHeading, type MoneyReportFormat, type Section } from "./bonus.js";
import { formatDateTimeCell } from "./date-format.js";
import type { Style } from "./style.js";
import { renderCsv, type Tabular } from "./tabular.js";

export interface AuditView {
  result: AuditResult;
  asOf: IsoDate;
  timezone: string;
  recorded: AsRecorded;
}

/** The record as one readable name: `wang-fang.conversion`, `cmb-futian.sales[2012-02-15 长城2号 1200000]`. */
export function recordName(record: AuditRecord): string {
  switch (record.kind) {
    case "conversion":
    case "hq_registered":
      return `${record.staff}.${record.kind}`;
    case "hq_reported":
      return `${record.branch}.hq_reported`;
    case "sale":
      return `${record.branch}.sales[${record.subject}]`;
    case "commit":
      return `commit ${record.subject.slice(0, 12)}`;
  }
}

function committedAt(commit: CommitRef | null, timezone: string): string | null {
  if (commit === null) return null;
  // Issue 29: thousands of records share a few commits; each local time is worked out once.
  const key = `${timezone}\0${commit.time}`;
  let local = localTimes.get(key);
  if (local === undefined) localTimes.set(key, (local = localDateTimeOf(commit.time, timezone)));
  return local;
}

/** The local times worked out so far, by zone and instant (at most one per commit of the history read). */
const localTimes = new Map<string, string>();

function outcomeText(outcome: CandidateOutcome, lang: Lang): string {
  if (outcome.status === "absent") return t(lang, "audit.outcome.absent");
  const status = t(lang, outcome.status === "awarded" ? "bonus.status.awarded" : "bonus.status.rejected");
  return outcome.reason === null ? status : `${status} (${outcome.reason})`;
}

/** The finding's detail in words. */
export function detailText(finding: AuditFinding, timezone: string, lang: Lang): string {
  const at = (commit: CommitRef | null) => {
    const local = committedAt(commit, timezone);
    return local === null ? t(lang, "audit.unknownCommit") : formatDateTimeCell(local);
  };
  const detail: AuditDetail = finding.detail;
  switch (detail.why) {
    case "registration_after_conversion":
      return t(lang, "audit.detail.registration_after_conversion", {
        conversionAt: formatDateTimeCell(detail.conversionAt),
        committedAt: at(finding.first),
        conversionCommitted: detail.conversionCommit === null ? "" : t(lang, "audit.detail.conversionCommitted", { committedAt: at(detail.conversionCommit) }),
      });
    case "report_after_sale":
      return t(lang, "audit.detail.report_after_sale", {
        saleDate: detail.saleDate,
        sales: detail.sales,
        committedAt: at(finding.first),
        saleCommitted: detail.saleCommit === null ? "" : t(lang, "audit.detail.saleCommitted", { committedAt: at(detail.saleCommit) }),
      });
    case "conversion_after_deadline":
      return t(lang, "audit.detail.conversion_after_deadline", { deadline: detail.deadline, committedAt: at(finding.first) });
    case "sale_after_end":
      return t(lang, "audit.detail.sale_after_end", { end: detail.end, committedAt: at(finding.first) });
    case "award_changed":
      return t(lang, "audit.detail.award_changed", { deadline: detail.deadline, before: outcomeText(detail.before, lang), after: outcomeText(detail.after, lang) });
    case "committer_time_backwards":
      return t(lang, "audit.detail.committer_time_backwards", { committedAt: at(finding.first), parent: detail.parent.commit.slice(0, 12), parentAt: at(detail.parent) });
  }
}

/** The `audit` JSON of docs/json-output.md. */
export function auditJson(view: AuditView, lang: Lang): object {
  const { result, timezone } = view;
  return {
    as_of: view.asOf,
    as_recorded: asRecordedJson(view.recorded),
    findings: result.findings.map((f) => ({
      code: f.code,
      file: f.record.file,
      record: recordName(f.record),
      claimed: f.record.claimed,
      first_committed: committedAt(f.first, timezone),
      commit: f.first?.commit ?? null,
      detail: detailText(f, timezone, lang),
    })),
    records: result.records.map((r) => ({
      kind: r.record.kind,
      file: r.record.file,
      record: recordName(r.record),
      claimed: r.record.claimed,
      first_committed: committedAt(r.first, timezone),
      commit: r.first?.commit ?? null,
    })),
  };
}

function findingsTabular(view: AuditView, lang: Lang, spreadsheet: boolean): Tabular {
  const h = (key: Parameters<typeof t>[1]) => t(lang, key);
  const { timezone } = view;
  const rows = view.result.findings.map((f) => [
    spreadsheet ? f.code : tDynamic(lang, `audit.code.${f.code}`),
    f.record.file,
    recordName(f.record),
    f.record.claimed.replace("T", " "),
    (committedAt(f.first, timezone) ?? "").replace("T", " "),
    spreadsheet ? (f.first?.commit ?? "") : (f.first?.commit.slice(0, 12) ?? ""),
    detailText(f, timezone, lang),
  ]);
  return {
    columns: [
      { header: h("audit.header.code") },
      { header: h("audit.header.file") },
      { header: h("audit.header.record") },
      { header: h("audit.header.claimed"), nowrap: true },
      { header: h("audit.header.firstCommitted"), nowrap: true },
      { header: h("audit.header.commit") },
      { header: h("audit.header.detail") },
    ],
    rows,
  };
}

function recordsTabular(view: AuditView, lang: Lang): Tabular {
  const h = (key: Parameters<typeof t>[1]) => t(lang, key);
  return {
    columns: [
      { header: h("audit.header.kind") },
      { header: h("audit.header.record") },
      { header: h("audit.header.claimed"), nowrap: true },
      { header: h("audit.header.firstCommitted"), nowrap: true },
      { header: h("audit.header.commit") },
    ],
    rows: view.result.records.map((r) => [
      tDynamic(lang, `audit.kind.${r.record.kind}`),
      recordName(r.record),
      r.record.claimed.replace("T", " "),
      (committedAt(r.first, view.timezone) ?? t(lang, "audit.unknownCommit")).replace("T", " "),
      r.first?.commit.slice(0, 12) ?? "",
    ]),
  };
}

function auditSections(view: AuditView, lang: Lang): Section[] {
  const sections: Section[] = [{ text: t(lang, "audit.title", { asOf: view.asOf, timezone: view.timezone }) }];
  if (view.result.findings.length === 0) sections.push({ text: t(lang, "audit.none") });
  else sections.push({ table: findingsTabular(view, lang, false) });
  sections.push({ text: t(lang, "audit.summary", { findings: view.result.findings.length, records: view.result.records.length }) });
  if (view.result.records.length > 0) {
    sections.push({ text: t(lang, "audit.recordsTitle") });
    sections.push({ table: recordsTabular(view, lang) });
  }
  return withRecordedHeading(sections, view.recorded, lang);
}

/** The audit in a format, in pieces that make its text when joined: the table of a head office's records comes a batch of lines at a time (issue 29). */
export function renderAuditPieces(view: AuditView, format: MoneyReportFormat, lang: Lang, style: Style): string[] {
  switch (format) {
    case "json":
      return [JSON.stringify(auditJson(view, lang), null, 2) + "\n"];
    case "csv":
      return [renderCsv(findingsTabular(view, lang, true))];
    case "table":
    case "md":
      return renderSectionsPieces(auditSections(view, lang), format, style);
  }
}
