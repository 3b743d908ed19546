/**
 * The morning list in words: the detail of each follow-up in the chosen language, the terminal
 * table grouped by day (overdue first, with how many days late; then today; then each coming
 * day), CSV and Markdown as one flat table, and the JSON of docs/json-output.md.
 */
import { t, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { CoreModel } from "../model/types.js";
import { addDays, daysBetween, type IsoDate } from "../model/values.js";
import { FOLLOWUP_KINDS, type FollowupItem, type FollowupKind } from "../rules/followups.js";
import { lunarDayName, lunarMonthName } from "../rules/lunar.js";
import { formatDay } from "./date-format.js";
import { formatYuan, yuanNumberText } from "./money-format.js";
import type { Style } from "./style.js";
import { fitText, renderCsv, renderGroupedTable, renderMarkdown, renderTable, type Column, type TableGroup, type Tabular } from "./tabular.js";
import { markdownText, terminalText } from "./untrusted-text.js";
import { LazyList, prettyJsonPieces } from "./json-pieces.js";

/** Everything a rendering of the list needs. */
export interface FollowupReport {
  asOf: IsoDate;
  within: number;
  items: FollowupItem[];
  /** Files left out because they have errors. */
  skipped: string[];
  /** Display names of the branches, by id. */
  branchNames: ReadonlyMap<string, string>;
  lang: Lang;
  /** The policy's escalate_days, for the escalated group's heading (30 when not given). */
  escalateDays?: number;
}

/** The branch names as the list shows them: without the bank's name in front ("深圳车公庙支行"). */
export function branchDisplayNames(model: CoreModel): Map<string, string> {
  const names = new Map<string, string>();
  for (const b of model.branches) {
    const short = b.bank !== null && b.name.startsWith(b.bank) && b.name.length > b.bank.length ? b.name.slice(b.bank.length) : b.name;
    names.set(b.id, short);
  }
  return names;
}

export function kindLabel(kind: FollowupKind, lang: Lang): string {
  return t(lang, `followups.kind.${kind}` as MessageKey);
}

/** Why the item is due, in one line: "生日 3月23日，26岁", "last contact Mar 12, key person every 7 days". */
export function describeFollowup(item: FollowupItem, lang: Lang, asOf: IsoDate): string {
  const day = (date: IsoDate) => formatDay(date, lang, asOf);
  const sep = lang === "zh" ? "，" : ", ";
  const f = item.facts;
  switch (f.kind) {
    case "birthday": {
      if (f.calendar === "solar") {
        const parts = [t(lang, "followups.detail.birthday", { date: day(item.due) })];
        if (f.age !== null) parts.push(t(lang, "followups.detail.age", { age: f.age }));
        if (f.movedFromLeapDay) parts.push(t(lang, "followups.detail.leapDay"));
        return parts.join(sep);
      }
      const b = f.birthday;
      const lunar =
        lang === "zh"
          ? `${lunarMonthName(b.month, b.leap)}${lunarDayName(b.day)}`
          : t(lang, b.leap ? "followups.detail.lunarLeapDate" : "followups.detail.lunarDate", { month: b.month, day: b.day });
      const parts = [t(lang, "followups.detail.lunarBirthday", { lunar, date: day(item.due) })];
      if (b.leap && !f.occurrence.leap) parts.push(t(lang, "followups.detail.lunarNoLeap", { month: lang === "zh" ? lunarMonthName(b.month, false) : b.month }));
      if (f.occurrence.day !== b.day) parts.push(t(lang, "followups.detail.lunarShortMonth", { month: lunarMonthName(b.month, f.occurrence.leap) }));
      return parts.join(sep);
    }
    case "holiday":
      return holidayDetail(f, lang, day(item.due));
    case "greeting": {
      const groups = f.groups.map((g) => t(lang, `greet.${g}` as MessageKey)).join(lang === "zh" ? "、" : ", ");
      const recipients = f.recipients
        .map((r) => (r.phone === null ? t(lang, "followups.detail.recipientNoPhone", { name: r.name }) : t(lang, "followups.detail.recipient", { name: r.name, phone: r.phone })))
        .join(lang === "zh" ? "、" : ", ");
      return t(lang, "followups.detail.greeting", { name: f.name, date: day(item.due), groups, count: f.recipients.length, recipients });
    }
    case "contact": {
      const basis =
        f.cadenceBasis === "personal"
          ? t(lang, "followups.basis.personal")
          : f.cadenceBasis === "key"
            ? t(lang, "followups.basis.key")
            : f.cadenceBasis === "valuable"
              ? t(lang, "followups.basis.valuable")
              : t(lang, `category.${f.cadenceBasis}` as MessageKey);
      return f.last === null
        ? t(lang, "followups.detail.contactNever", { basis, days: f.cadenceDays })
        : t(lang, "followups.detail.contact", { date: day(f.last), basis, days: f.cadenceDays });
    }
    case "leader_report":
      if (f.last === null) return t(lang, "followups.detail.reportNever");
      return f.last.slice(0, 7) < asOf.slice(0, 7)
        ? t(lang, "followups.detail.reportThisMonth", { date: day(f.last) })
        : t(lang, "followups.detail.reportLast", { date: day(f.last), days: f.everyDays });
    case "archive_review":
      // In the form of every other date of the list ("3月5日"), not the file's ISO day.
      if (f.reviewed !== null) return t(lang, "followups.detail.archiveReviewed", { date: day(f.reviewed) });
      // A skipped staff.yaml may well say when it was reviewed: say that it was not read, not "never".
      return t(lang, f.staffFile === "read" ? "followups.detail.archiveNever" : f.staffFile === "skipped" ? "followups.detail.archiveSkipped" : "followups.detail.archiveMissing");
    case "prospect_followup":
      return t(lang, "followups.detail.prospectFollowup", { date: day(f.planned) });
    case "maturity":
      return f.amount === null
        ? t(lang, "followups.detail.maturityNoAmount", { product: f.product, date: day(f.matures) })
        : t(lang, "followups.detail.maturity", { product: f.product, amount: formatYuan(f.amount, lang), date: day(f.matures) });
    case "large_movement":
      return f.amount === null
        ? t(lang, "followups.detail.largeMovementNoAmount", { date: day(f.date) })
        : t(lang, "followups.detail.largeMovement", { amount: formatYuan(f.amount, lang), date: day(f.date) });
    case "care_call":
      return f.amount === null
        ? t(lang, "followups.detail.careCallNoAmount", { product: f.product, date: day(f.date) })
        : t(lang, "followups.detail.careCall", { product: f.product, amount: formatYuan(f.amount, lang), date: day(f.date) });
    case "hq_registration":
      return t(lang, "followups.detail.hqRegistration", { date: day(f.deadline) });
    case "hq_report":
      return t(lang, "followups.detail.hqReport", { date: day(f.end) });
    case "complaint":
      return f.note === null ? t(lang, "followups.detail.complaintNoNote", { date: day(f.date) }) : t(lang, "followups.detail.complaint", { date: day(f.date), note: f.note });
    case "planned": {
      const kind = t(lang, `sheet.activity.${f.activityKind}` as MessageKey);
      const people = f.with.map((p) => p.name ?? p.id).join(lang === "zh" ? "、" : ", ");
      const planned = people === "" ? kind : t(lang, "followups.detail.planned", { kind, people });
      return f.note === null ? planned : t(lang, "followups.detail.plannedNote", { planned, note: f.note });
    }
  }
}

/** A holiday's day, and for a recurring one where it comes from: "中秋节 9月30日（农历八月十五）", "清明节 4月4日（节气清明）". */
function holidayDetail(f: Extract<FollowupItem["facts"], { kind: "holiday" }>, lang: Lang, date: string): string {
  const r = f.recurs;
  if (r === undefined || r === null || r.calendar === "solar") {
    return r?.moved === true ? t(lang, "followups.detail.holidayLeapDay", { name: f.name, date }) : t(lang, "followups.detail.holiday", { name: f.name, date });
  }
  if (r.calendar === "solar_term") return r.term === f.name ? t(lang, "followups.detail.holiday", { name: f.name, date }) : t(lang, "followups.detail.holidaySolarTerm", { name: f.name, date, term: r.term });
  const lunar = lang === "zh" ? `${lunarMonthName(r.month, false)}${lunarDayName(r.dayUsed)}` : `${r.month}/${r.dayUsed}`;
  return r.moved
    ? t(lang, "followups.detail.holidayLunarShort", { name: f.name, date, lunar, month: lang === "zh" ? lunarMonthName(r.month, false) : String(r.month) })
    : t(lang, "followups.detail.holidayLunar", { name: f.name, date, lunar });
}

/**
 * The detail as a table row shows it: a greeting's first line without its recipients, who get a
 * row each (a branch's whole staff would not fit one cell); every other item's detail.
 */
function tableDetail(item: FollowupItem, lang: Lang, asOf: IsoDate): string {
  const f = item.facts;
  if (f.kind !== "greeting") return describeFollowup(item, lang, asOf);
  const groups = f.groups.map((g) => t(lang, `greet.${g}` as MessageKey)).join(lang === "zh" ? "、" : ", ");
  return t(lang, "followups.detail.greetingHead", { name: f.name, date: formatDay(item.due, lang, asOf), groups, count: f.recipients.length });
}

/** A greeting's recipients, one row each, as [name with position, phone]. */
function recipientRows(item: FollowupItem, lang: Lang): [string, string][] {
  if (item.facts.kind !== "greeting") return [];
  return item.facts.recipients.map((r) => {
    const role = r.position !== null ? t(lang, `position.${r.position}` as MessageKey) : t(lang, "ref.prospect");
    return [`${r.name} (${role})`, r.phone ?? "-"];
  });
}

/** "王芳 (理财经理)", "陈先生 (潜在客户)", or "-" for items about a branch or the whole repository. */
export function personLabel(item: FollowupItem, lang: Lang): string {
  if (item.name === null) return "-";
  const role = positionLabel(item, lang);
  return role === "" ? item.name : `${item.name} (${role})`;
}

function positionLabel(item: FollowupItem, lang: Lang): string {
  if (item.position !== null) return t(lang, `position.${item.position}` as MessageKey);
  if (item.personType === "prospect") return t(lang, "ref.prospect");
  return "";
}

function branchLabel(item: FollowupItem, report: FollowupReport): string {
  if (item.branch === null) return "-";
  return report.branchNames.get(item.branch) ?? item.branch;
}

/**
 * docs/json-output.md: `{as_of, within, items: [{due, kind, overdue, escalated, branch, department, person, name, phone, owner, detail, recipients}]}`.
 * `owner` stays the branch's owner; the detail of an escalated item names the channel lead it is offered to.
 */
export function followupsJson(report: FollowupReport): object {
  return {
    as_of: report.asOf,
    within: report.within,
    items: report.items.map((item) => followupItemJson(item, report)),
  };
}

/** followupsJson's text in pieces (report/json-pieces.ts): each item's JSON made as its turn comes (issue 29). */
export function followupsJsonPieces(report: FollowupReport): Generator<string> {
  return prettyJsonPieces({ as_of: report.asOf, within: report.within, items: new LazyList(report.items, (item) => followupItemJson(item, report)) });
}

/** One item of followupsJson. */
function followupItemJson(item: FollowupItem, report: FollowupReport): object {
  return {
    due: item.due,
    kind: item.kind,
    overdue: item.overdue,
    escalated: item.escalated,
    branch: item.branch,
    department: item.department,
    person: item.person,
    name: item.name,
    phone: item.phone,
    owner: item.owner,
    detail: itemDetail(item, report.lang, report.asOf),
    // issue 23: whom a greeting item greets; null on every other item.
    recipients: item.facts.kind === "greeting" ? item.facts.recipients.map((r) => ({ person: r.person, name: r.name, phone: r.phone })) : null,
  };
}

/** "已升级，同时提交渠道负责人 王伟": what an escalated item adds to its detail; null for the others. */
export function escalationNote(item: FollowupItem, lang: Lang): string | null {
  if (!item.escalated) return null;
  return item.channelLead === null ? t(lang, "followups.escalatedNoLead") : t(lang, "followups.escalatedNote", { lead: item.channelLead });
}

/** The detail as the flat outputs (JSON, CSV, Markdown) give it: an escalated item's says so and to whom. */
export function itemDetail(item: FollowupItem, lang: Lang, asOf: IsoDate): string {
  const detail = describeFollowup(item, lang, asOf);
  const note = escalationNote(item, lang);
  return note === null ? detail : `${detail}${lang === "zh" ? "；" : "; "}${note}`;
}

function weekday(date: IsoDate, lang: Lang): string {
  const day = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
  return t(lang, `followups.weekday.${day}` as MessageKey);
}

/**
 * "跟进提醒 2012-03-20（未来 7 天，至 3月27日）"; "（今天）" for a window of 0 days ("未来 0 天"
 * says nothing) and "today and tomorrow" for 1 (not "next 1 days").
 */
function followupsTitle(report: FollowupReport): string {
  const { lang, asOf, within } = report;
  if (within === 0) return t(lang, "followups.titleToday", { date: asOf });
  const until = formatDay(addDays(asOf, within), lang, asOf);
  return t(lang, within === 1 ? "followups.titleOneDay" : "followups.title", { date: asOf, within, until });
}

/**
 * The list as a table. On a terminal (`terminalWidth` given) one heading per person, with
 * their phone, branch and owner once and each of their items below, fitted to the terminal's
 * width; to a pipe or a file (null) one row per item, grouped by day, as scripts and mail read it.
 */
export function renderFollowupsTable(report: FollowupReport, style: Style, terminalWidth: number | null = null): string {
  const { lang } = report;
  const fit = (text: string) => fitText(text, terminalWidth);
  const out: string[] = [style.bold(fit(terminalText(followupsTitle(report)))), ""];
  if (terminalWidth !== null && report.items.length > 0) {
    // The people with an escalated item come first in the table, announced by a line above it.
    const escalated = report.items.filter((i) => i.escalated).length;
    if (escalated > 0) out.push(style.error(style.bold(fit(terminalText(t(lang, "followups.group.escalated", { count: escalated, days: report.escalateDays ?? 30 }))))));
    out.push(renderGroupedTable(personTable(report, style), style, terminalWidth));
  } else out.push(...dayTables(report, style));
  if (report.items.length === 0) out.push(t(lang, "followups.none"), "");
  out.push(fit(terminalText(summaryLine(report))));
  return out.join("\n") + "\n";
}

/** One table per day group (overdue first, then today, then each coming day), one row per item. */
function dayTables(report: FollowupReport, style: Style): string[] {
  const { lang, asOf } = report;
  const out: string[] = [];
  const columns = (withDue: boolean) => [
    ...(withDue ? [{ header: t(lang, "followups.col.due") }, { header: t(lang, "followups.col.late"), align: "right" as const, paint: style.error }] : []),
    { header: t(lang, "followups.col.kind") },
    { header: t(lang, "followups.col.branch") },
    { header: t(lang, "followups.col.person") },
    { header: t(lang, "followups.col.phone") },
    { header: t(lang, "followups.col.owner") },
    { header: t(lang, "followups.col.detail") },
  ];
  const cells = (item: FollowupItem) => [kindLabel(item.kind, lang), branchLabel(item, report), personLabel(item, lang), item.phone ?? "-", ownerCell(item, lang), tableDetail(item, lang, asOf)];
  // A greeting's recipients below it, in the person and phone columns; kind, branch and owner
  // repeated so that each line still stands alone for grep.
  const withRecipients = (item: FollowupItem) => [
    cells(item),
    ...recipientRows(item, lang).map(([who, phone]) => [kindLabel(item.kind, lang), branchLabel(item, report), who, phone, item.owner ?? "-", ""]),
  ];

  const escalated = report.items.filter((i) => i.escalated);
  if (escalated.length > 0) {
    out.push(style.error(style.bold(t(lang, "followups.group.escalated", { count: escalated.length, days: report.escalateDays ?? 30 }))));
    const rows = escalated.map((item) => [formatDay(item.due, lang, asOf), t(lang, "followups.late", { days: item.daysLate }), ...cells(item)]);
    out.push(renderTable({ columns: columns(true), rows }, style));
  }
  const overdue = report.items.filter((i) => i.overdue && !i.escalated);
  if (overdue.length > 0) {
    out.push(style.error(style.bold(t(lang, "followups.group.overdue", { count: overdue.length }))));
    const rows = overdue.map((item) => [formatDay(item.due, lang, asOf), t(lang, "followups.late", { days: item.daysLate }), ...cells(item)]);
    out.push(renderTable({ columns: columns(true), rows }, style));
  }
  const days = [...new Set(report.items.filter((i) => !i.overdue).map((i) => i.due))];
  for (const date of days) {
    const group = report.items.filter((i) => !i.overdue && i.due === date);
    const params = { date: formatDay(date, lang, asOf), weekday: weekday(date, lang), count: group.length };
    const heading = date === asOf ? style.accent(style.bold(t(lang, "followups.group.today", params))) : style.bold(t(lang, "followups.group.day", params));
    out.push(heading);
    out.push(renderTable({ columns: columns(false), rows: group.flatMap(withRecipients) }, style));
  }
  return out;
}

/**
 * The items under one heading per person (else per branch, else one for the whole repository),
 * in the order of each one's most pressing item: a person's maturity, movement and care call
 * are read together, and their phone is there to call.
 */
function personTable(report: FollowupReport, style: Style): { columns: Column[]; groups: TableGroup[] } {
  const { lang, asOf } = report;
  const when = (item: FollowupItem) =>
    item.escalated
      ? t(lang, "followups.when.escalated", { days: item.daysLate })
      : item.overdue
        ? t(lang, "followups.when.late", { days: item.daysLate })
        : item.due === asOf
          ? t(lang, "followups.when.today")
          : t(lang, "followups.when.ahead", { days: daysBetween(asOf, item.due) });
  const lateTexts = new Set(report.items.filter((i) => i.overdue).map(when));
  const today = t(lang, "followups.when.today");
  const groups = new Map<string, { first: FollowupItem; items: FollowupItem[] }>();
  for (const item of report.items) {
    const key = item.person !== null ? `person:${item.person}` : item.branch !== null ? `branch:${item.branch}` : "repository";
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: item, items: [item] });
    else group.items.push(item);
  }
  return {
    columns: [
      { header: t(lang, "followups.col.due") },
      { header: t(lang, "followups.col.when"), paint: (text) => (lateTexts.has(text) ? style.error(text) : text === today ? style.accent(text) : text) },
      { header: t(lang, "followups.col.kind"), wrap: true },
      { header: t(lang, "followups.col.detail"), wrap: true },
    ],
    // Whoever has an escalated item first (issue 23), each group otherwise where its most pressing item puts it.
    groups: [...groups.values()]
      .map((group, index) => ({ ...group, index, escalated: group.items.some((i) => i.escalated) }))
      .sort((a, b) => Number(b.escalated) - Number(a.escalated) || a.index - b.index)
      .map(({ first, items, escalated }) => ({
        heading: (escalated ? t(lang, "followups.heading.escalated") : "") + groupHeading({ ...first, channelLead: items.find((i) => i.channelLead !== null)?.channelLead ?? null }, report),
        rows: items.flatMap((item) => [
          [formatDay(item.due, lang, asOf), when(item), kindLabel(item.kind, lang), tableDetail(item, lang, asOf)],
          ...recipientRows(item, lang).map(([who, phone]) => ["", "", "", `${who} ${phone}`]),
        ]),
      })),
  };
}

/** "陈先生 (潜在客户) · 13900001111 · 深圳福田中心支行 · 负责人 李娜"; a branch's items under its name; holidays under "全体". */
function groupHeading(item: FollowupItem, report: FollowupReport): string {
  const { lang } = report;
  const parts: string[] = [];
  if (item.name !== null) parts.push(personLabel(item, lang));
  if (item.phone !== null) parts.push(item.phone);
  if (item.branch !== null) parts.push(branchLabel(item, report));
  else if (item.name === null) parts.push(t(lang, "followups.heading.everyone"));
  if (item.owner !== null) parts.push(t(lang, "followups.heading.owner", { owner: item.owner }));
  if (item.channelLead !== null) parts.push(t(lang, "followups.heading.channelLead", { lead: item.channelLead }));
  return parts.join(" · ");
}

/** The owner cell of the piped table: the owner, and the channel lead an escalated item is offered to. */
function ownerCell(item: FollowupItem, lang: Lang): string {
  const owner = item.owner ?? "-";
  return item.channelLead === null ? owner : `${owner}${lang === "zh" ? "、" : ", "}${item.channelLead}`;
}

/** The closing line: how many items of each kind, and which files were skipped. */
export function summaryLine(report: FollowupReport): string {
  const { lang, items } = report;
  const counts = FOLLOWUP_KINDS.map((kind) => ({ kind, count: items.filter((i) => i.kind === kind).length }))
    .filter((c) => c.count > 0)
    .map((c) => t(lang, "followups.summaryCount", { kind: kindLabel(c.kind, lang), count: c.count }));
  let line = items.length === 0 ? t(lang, "followups.summaryEmpty") : t(lang, "followups.summary", { total: items.length, counts: counts.join(lang === "zh" ? "，" : ", ") });
  const escalated = items.filter((i) => i.escalated).length;
  if (escalated > 0) line += t(lang, "followups.summaryEscalated", { count: escalated });
  if (report.skipped.length > 0) line += t(lang, "followups.summarySkipped", { count: report.skipped.length, files: report.skipped.join(", ") });
  return line;
}

/** One flat table for spreadsheets and documents: every item with its day and lateness. */
/** The sum a maturity, large movement or care call is about, in yuan; null for other items (and once redacted). */
export function followupAmount(item: FollowupItem): number | null {
  const f = item.facts;
  return f.kind === "maturity" || f.kind === "large_movement" || f.kind === "care_call" ? f.amount : null;
}

/**
 * The list as a table; `spreadsheet` (CSV) adds the amount as a bare number of yuan, so it can be
 * summed, and keeps one row per item (a greeting's recipients in its detail); otherwise (Markdown)
 * a greeting's recipients follow it, a row each, in the person, position and phone columns.
 */
export function followupsTabular(report: FollowupReport, options: { spreadsheet: boolean } = { spreadsheet: false }): Tabular {
  const { lang, asOf } = report;
  const amount = (item: FollowupItem) => {
    const yuan = followupAmount(item);
    return yuan === null ? "" : yuanNumberText(yuan);
  };
  return {
    columns: [
      { header: t(lang, "followups.col.due") },
      { header: t(lang, "followups.col.daysLate"), align: "right", numeric: true },
      { header: t(lang, "followups.col.escalated") },
      { header: t(lang, "followups.col.kind") },
      { header: t(lang, "followups.col.branch") },
      { header: t(lang, "followups.col.person") },
      { header: t(lang, "followups.col.position") },
      { header: t(lang, "followups.col.phone"), nowrap: true },
      { header: t(lang, "followups.col.owner") },
      { header: t(lang, "followups.col.detail") },
      ...(options.spreadsheet ? [{ header: t(lang, "followups.col.amount"), align: "right" as const, numeric: true }] : []),
    ],
    rows: report.items.flatMap((item) => [
      [
        item.due,
        item.overdue ? String(item.daysLate) : "",
        item.escalated ? t(lang, "followups.escalatedYes") : "",
        kindLabel(item.kind, lang),
        branchLabel(item, report),
        item.name ?? "",
        positionLabel(item, lang),
        item.phone ?? "",
        item.owner ?? "",
        !options.spreadsheet && item.facts.kind === "greeting" ? tableDetail(item, lang, asOf) : itemDetail(item, lang, asOf),
        ...(options.spreadsheet ? [amount(item)] : []),
      ],
      ...(options.spreadsheet || item.facts.kind !== "greeting"
        ? []
        : item.facts.recipients.map((r) => ["", "", "", "", "", r.name, r.position !== null ? t(lang, `position.${r.position}` as MessageKey) : t(lang, "ref.prospect"), r.phone ?? "", "", ""])),
    ]),
  };
}

export function renderFollowupsCsv(report: FollowupReport): string {
  return renderCsv(followupsTabular(report, { spreadsheet: true }));
}

export function renderFollowupsMarkdown(report: FollowupReport): string {
  const title = followupsTitle(report);
  return `# ${markdownText(title)}\n\n${renderMarkdown(followupsTabular(report))}\n${markdownText(summaryLine(report))}\n`;
}
