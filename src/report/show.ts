/**
 * The cards of `channel show` in words: a person's or a branch's card (src/rules/cards.ts) as a
 * document of blocks (title, grouped tables, headings), which the terminal renders fitted to its
 * width, Markdown as text, and `channel serve` as an HTML page (renderHtmlPage); JSON keeps the
 * codes (docs/json-output.md). Every value from the files goes through the document renderers,
 * which show it safely in each format (untrusted-text.ts, escapeXml).
 *
 * `redactCard` masks what `--redact` hides before any renderer sees the card.
 */
import { t, tDynamic, type Lang, type MessageKey } from "../i18n/catalog.js";
import type { ActivityKind, Position } from "../model/types.js";
import { enumCode } from "../model/enum-names.js";
import type { BranchCard, CardBirthday, CardContact, CardField, CardStaff, PersonCard, PersonRef, Card, CardCadence } from "../rules/cards.js";
import type { CoverageItem } from "../rules/coverage.js";
import { checklistLabel, itemLabel, missingText } from "./coverage.js";
import type { FollowupItem } from "../rules/followups.js";
import { lunarDayName, lunarMonthName } from "../rules/lunar.js";
import { formatDateTimeCell, formatDay } from "./date-format.js";
import { describeFollowup, kindLabel, personLabel } from "./followups.js";
import { renderHtmlPage, type DocumentBlock } from "./html.js";
import { formatYuan } from "./money-format.js";
import { percentText, renderDocumentMarkdown, renderDocumentText } from "./monthly.js";
import { maskName, maskOptionalPhone, redactFollowups, scrubPhones } from "./redact.js";
import type { Style } from "./style.js";
import type { Tabular } from "./tabular.js";

export const SHOW_FORMATS = ["table", "md", "json"] as const;
export type ShowFormat = (typeof SHOW_FORMATS)[number];

const NOT_FILLED = "—";

function sep(lang: Lang): string {
  return lang === "zh" ? "、" : ", ";
}

/** "招商银行深圳分行（cmb-shenzhen）", "… (cmb-shenzhen)": a name with what identifies it, in brackets. */
function withId(name: string, id: string, lang: Lang): string {
  return lang === "zh" ? `${name}（${id}）` : `${name} (${id})`;
}

function yesNo(value: boolean, lang: Lang): string {
  return t(lang, value ? "show.yes" : "show.no");
}

function positionName(position: Position, lang: Lang): string {
  return t(lang, `position.${position}` as MessageKey);
}

function activityName(kind: ActivityKind, lang: Lang): string {
  return tDynamic(lang, `sheet.activity.${kind}`);
}

/** A gender as written (F, M, 女, 男) in the user's language. */
function genderText(value: unknown, lang: Lang): string {
  const code = typeof value === "string" ? enumCode("gender", value.trim()) : "";
  return code === "F" || code === "M" ? t(lang, `gender.${code}`) : valueText(value, lang);
}

/** A value as written in the files, in words: lists joined, yes/no for booleans, `key: value` for mappings. */
export function valueText(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return NOT_FILLED;
  if (typeof value === "boolean") return yesNo(value, lang);
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map((v) => valueText(v, lang)).join(sep(lang));
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${valueText(v, lang)}`)
      .join(lang === "zh" ? "；" : "; ");
  }
  return String(value);
}

/** The label of an archive field: the spreadsheet header (兴趣爱好, 家庭情况), else the field's name. */
function fieldLabel(field: string, lang: Lang): string {
  const key = `sheet.col.${field}`;
  const label = tDynamic(lang, key);
  return label === key ? field : label;
}

/** The label of a branch.yaml field (`business.deposits` → 存款规模), else its path. */
function branchFieldLabel(path: string, lang: Lang): string {
  if (path.endsWith(".notes")) return t(lang, "show.field.notes");
  const key = `coverage.field.${path}`;
  const label = tDynamic(lang, key);
  return label === key ? path : label;
}

function refName(ref: PersonRef): string {
  return ref.name ?? ref.id;
}

function birthdayText(b: CardBirthday, lang: Lang, asOf: string): string {
  if (b.calendar === "solar") {
    const written = b.birthday.year === null ? t(lang, "show.birthday.monthDay", { month: b.birthday.month, day: b.birthday.day }) : `${b.birthday.year}-${String(b.birthday.month).padStart(2, "0")}-${String(b.birthday.day).padStart(2, "0")}`;
    const next = formatDay(b.date, lang, asOf);
    return b.age === null ? t(lang, "show.birthday.solar", { written, next }) : t(lang, "show.birthday.solarAge", { written, next, age: b.age });
  }
  const written =
    lang === "zh"
      ? `${lunarMonthName(b.birthday.month, b.birthday.leap)}${lunarDayName(b.birthday.day)}`
      : t(lang, b.birthday.leap ? "followups.detail.lunarLeapDate" : "followups.detail.lunarDate", { month: b.birthday.month, day: b.birthday.day });
  return t(lang, "show.birthday.lunar", { written, next: formatDay(b.date, lang, asOf) });
}

function cadenceText(c: CardCadence, lang: Lang, asOf: string): string {
  const basis = c.basis === "personal" || c.basis === "key" || c.basis === "valuable" ? t(lang, `followups.basis.${c.basis}`) : t(lang, `category.${c.basis}` as MessageKey);
  const due = formatDay(c.due, lang, asOf);
  return c.last === null ? t(lang, "show.cadence.never", { basis, days: c.days, due }) : t(lang, "show.cadence.last", { basis, days: c.days, last: formatDay(c.last, lang, asOf), due });
}

function contactTable(contacts: readonly CardContact[], lang: Lang): Tabular {
  return {
    columns: [
      { header: t(lang, "show.col.date"), nowrap: true },
      { header: t(lang, "show.col.kind") },
      { header: t(lang, "show.col.by") },
      { header: t(lang, "show.col.others"), wrap: true },
      { header: t(lang, "show.col.note"), wrap: true },
      { header: t(lang, "show.col.done"), wrap: true },
    ],
    rows: contacts.map((c) => [
      c.date,
      activityName(c.kind, lang),
      c.by ?? "",
      c.others.map(refName).join(sep(lang)),
      c.note ?? "",
      c.done === null ? "" : c.done.map((k) => tDynamic(lang, `done.${k}`)).join(sep(lang)),
    ]),
  };
}

function itemsTable(items: readonly FollowupItem[], lang: Lang, asOf: string, withPerson: boolean): Tabular {
  const columns = [
    { header: t(lang, "show.col.due"), nowrap: true },
    { header: t(lang, "show.col.itemKind") },
    ...(withPerson ? [{ header: t(lang, "show.col.person"), wrap: true }] : []),
    { header: t(lang, "show.col.detail"), wrap: true },
  ];
  return {
    columns,
    rows: items.map((item) => {
      const due = item.overdue ? t(lang, "show.overdue", { date: item.due, days: item.daysLate }) : item.due;
      return [due, kindLabel(item.kind, lang), ...(withPerson ? [personLabel(item, lang)] : []), describeFollowup(item, lang, asOf)];
    }),
  };
}

/** Rows of a grouped key–value table: [group, item, value]. */
type Row = [string, string, string];

function personRows(card: PersonCard, lang: Lang): Row[] {
  const asOf = card.asOf;
  const basic = t(lang, "show.group.basic");
  const rows: Row[] = [];
  const add = (group: string, key: MessageKey, value: string | null) => {
    if (value !== null && value !== "") rows.push([group, t(lang, key), value]);
  };
  const person = card.person;
  const record = person.record;
  // A prospect's id is made from the name's pinyin: a redacted card leaves it out (as `serve` and export do).
  if (!(card.redacted && person.type === "prospect")) add(basic, "show.field.id", record.id);
  if (person.type === "staff") {
    const s = person.record;
    const category = t(lang, `category.${s.category}` as MessageKey);
    add(basic, "show.field.position", withId(positionName(s.position, lang), category, lang));
    add(basic, "show.field.key", yesNo(s.key, lang));
  } else {
    const p = person.record;
    add(basic, "show.field.tier", t(lang, `report.tier.${p.tier}` as MessageKey));
    add(basic, "show.field.found", person.found ?? t(lang, "show.notRecorded"));
  }
  add(basic, "show.field.branch", withId(card.branch.name, card.branch.id, lang));
  add(basic, "show.field.owner", card.branch.owner);
  add(basic, "show.field.phone", record.phone ?? t(lang, "show.notRecorded"));
  if (person.type === "prospect") {
    add(basic, "show.field.workPhone", person.record.workPhone);
    add(basic, "show.field.homePhone", person.record.homePhone);
  } else {
    const s = person.record;
    if (s.gender !== null) add(basic, "show.field.gender", t(lang, `gender.${s.gender}` as MessageKey));
    add(basic, "show.field.joined", s.joined);
    add(basic, "show.field.hqRegistered", s.hqRegistered ?? t(lang, "show.notRecorded"));
    if (s.left !== null && !person.present) add(basic, "show.field.left", s.leftNote === null ? s.left : withId(s.left, s.leftNote, lang));
    if (s.conversion !== null) {
      const c = s.conversion;
      const basis = c.kind === "product" ? (c.product ?? "") : `${t(lang, `show.conversion.${c.kind}`)} ${c.amount === null ? "" : formatYuan(c.amount, lang)}`;
      const account = c.account === null ? "" : t(lang, "show.account", { account: c.account });
      add(basic, "show.field.conversion", `${formatDateTimeCell(c.at)} ${basis}${account}`.trim());
    }
  }
  if (card.cadence !== null) add(basic, "show.field.cadence", cadenceText(card.cadence, lang, asOf));

  const birthdays = t(lang, "show.group.birthday");
  if (card.birthdays.length === 0 && !card.redacted) add(birthdays, "show.field.birthday", t(lang, "show.notRecorded"));
  for (const b of card.birthdays) add(birthdays, b.calendar === "solar" ? "show.field.birthday" : "show.field.lunarBirthday", birthdayText(b, lang, asOf));

  if (person.type === "prospect") {
    const p = person.record;
    const business = t(lang, "show.group.business");
    if (card.source !== null) {
      const kind = tDynamic(lang, `sheet.source.${card.source.kind}`);
      const by = [card.source.staff, card.source.customer].filter((r): r is PersonRef => r !== null).map(refName);
      add(business, "show.field.source", by.length === 0 ? kind : t(lang, "show.sourceBy", { kind, by: by.join(sep(lang)) }));
    }
    if (p.holdings.length > 0) {
      add(business, "show.field.holdings", p.holdings.map((h) => [h.product, h.amount === null ? null : formatYuan(h.amount, lang), h.matures === null ? null : t(lang, "show.matures", { date: h.matures })].filter((x) => x !== null).join(" ")).join(sep(lang)));
    }
    const purchases = p.purchases.filter((x) => x.date <= asOf);
    if (purchases.length > 0) {
      add(business, "show.field.purchases", purchases.map((x) => [x.date, x.product, x.amount === null ? null : formatYuan(x.amount, lang), x.important ? t(lang, "show.important") : null].filter((v) => v !== null).join(" ")).join(sep(lang)));
    }
    const events = p.events.filter((e) => e.date <= asOf);
    if (events.length > 0) {
      add(business, "show.field.events", events.map((e) => [e.date, tDynamic(lang, `event.${e.kind}`), e.amount === null ? null : formatYuan(e.amount, lang), e.note].filter((v) => v !== null).join(" ")).join(sep(lang)));
    }
    add(business, "show.field.nextFollowup", p.nextFollowup);
    if (p.converted !== null && p.converted.date <= asOf) add(business, "show.field.converted", p.converted.date + (p.converted.account === null ? "" : t(lang, "show.account", { account: p.converted.account })));
  }

  const archive = t(lang, "show.group.archive");
  for (const f of card.archive) rows.push([archive, fieldLabel(f.field, lang), f.value === null ? t(lang, "show.notFilled") : f.field === "gender" ? genderText(f.value, lang) : valueText(f.value, lang)]);

  if (card.referrals.length > 0) {
    const referrals = t(lang, "show.group.referrals");
    for (const r of card.referrals) {
      const tier = t(lang, `report.tier.${r.tier}` as MessageKey);
      rows.push([referrals, refName(r), r.converted === null ? tier : t(lang, "show.referralConverted", { tier, date: r.converted })]);
    }
  }
  return rows;
}

function keyValueTable(rows: readonly Row[], lang: Lang): Tabular {
  return {
    columns: [{ header: t(lang, "show.col.group") }, { header: t(lang, "show.col.item"), wrap: true }, { header: t(lang, "show.col.value"), wrap: true }],
    rows: rows.map((r) => [...r]),
  };
}

/** A person's card as a document. */
export function personCardBlocks(card: PersonCard, lang: Lang): DocumentBlock[] {
  const person = card.person;
  const role = person.type === "staff" ? positionName(person.record.position, lang) : t(lang, "ref.prospect");
  const title = t(lang, "show.title.person", { name: person.record.name + (person.type === "staff" && person.record.key ? "★" : ""), role, branch: card.branch.name });
  const blocks: DocumentBlock[] = [{ kind: "title", text: title }];
  const department = card.branch.departmentName ?? card.branch.department;
  blocks.push({ kind: "subtitle", text: t(lang, "show.subtitle.person", { department, date: card.asOf }) });
  if (person.type === "staff" && !person.present) blocks.push({ kind: "note", text: t(lang, "show.leftNote", { date: person.record.left ?? "" }) });
  blocks.push({ kind: "table", table: keyValueTable(personRows(card, lang), lang), grouped: true });
  if (card.gaps.length > 0) {
    // Items are joined with ；: their own words hold 、 already (性别、年龄、生日).
    const gaps = card.gaps.map((g) => (g.letter === null ? "" : `${g.letter}) `) + tDynamic(lang, `coverage.item.${g.checklist}.${g.item}`)).join(lang === "zh" ? "；" : "; ");
    blocks.push({ kind: "note", text: t(lang, "show.gaps", { gaps }) });
  }

  blocks.push({ kind: "heading", text: card.contactCount === 0 ? t(lang, "show.heading.noContacts") : t(lang, "show.heading.contacts", { shown: card.contacts.length, count: card.contactCount }) });
  if (card.contacts.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.noContacts") });
  else blocks.push({ kind: "table", table: contactTable(card.contacts, lang) });
  if (card.planned.length > 0) {
    blocks.push({ kind: "heading", text: t(lang, "show.heading.planned", { count: card.planned.length }) });
    blocks.push({ kind: "table", table: contactTable(card.planned, lang) });
  }

  blocks.push({ kind: "heading", text: t(lang, "show.heading.open", { count: card.openItems.length }) });
  if (card.openItems.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.noOpen") });
  else blocks.push({ kind: "table", table: itemsTable(card.openItems, lang, card.asOf, false) });
  return blocks;
}

function staffLine(s: CardStaff, lang: Lang, asOf: string): string {
  const last = s.lastContact === null ? t(lang, "show.neverContacted") : t(lang, "show.lastContact", { date: formatDay(s.lastContact.date, lang, asOf), kind: activityName(s.lastContact.kind, lang) });
  return [s.name + (s.key ? "★" : ""), s.phone, last].filter((x) => x !== null).join(" · ");
}

function branchRows(card: BranchCard, lang: Lang): Row[] {
  const rows: Row[] = [];
  const basic = t(lang, "show.group.basic");
  const r = card.record;
  const add = (group: string, label: string, value: string | null) => {
    if (value !== null && value !== "") rows.push([group, label, value]);
  };
  add(basic, t(lang, "show.field.id"), card.branch.id);
  add(basic, t(lang, "show.field.bank"), r.bank);
  add(basic, t(lang, "show.field.parent"), r.parent === null ? null : card.parentName === null ? r.parent : withId(card.parentName, r.parent, lang));
  add(basic, t(lang, "show.field.department"), card.branch.departmentName === null ? card.branch.department : withId(card.branch.departmentName, card.branch.department, lang));
  add(basic, t(lang, "show.field.owner"), card.branch.owner);
  add(basic, t(lang, "show.field.address"), r.address);
  add(basic, t(lang, "show.field.phone"), r.phone);
  add(basic, t(lang, "show.field.hqReported"), r.hqReported ?? t(lang, "show.notRecorded"));
  add(basic, t(lang, "show.field.reviewed"), r.reviewed ?? t(lang, r.staffFile === "read" ? "show.notRecorded" : r.staffFile === "skipped" ? "show.staffSkipped" : "show.noStaffFile"));
  add(basic, t(lang, "show.field.prospects"), t(lang, "show.prospectCount", { total: card.prospects.total, valuable: card.prospects.valuable, customers: card.prospects.customers }));

  const head = t(lang, "show.group.head");
  if (card.head.staff.length === 0) add(head, t(lang, "position.branch_head"), t(lang, "show.notRecorded"));
  for (const s of card.head.staff) add(head, t(lang, "position.branch_head"), staffLine(s, lang, card.asOf));
  for (const f of card.head.fields) add(head, branchFieldLabel(f.field, lang), f.value === null ? t(lang, "show.notFilled") : valueText(f.value, lang));

  for (const section of card.sections) {
    const group = t(lang, `show.section.${section.section}` as MessageKey);
    for (const f of section.fields) add(group, branchFieldLabel(f.field, lang), valueText(f.value, lang));
  }
  return rows;
}

function staffTable(card: BranchCard, lang: Lang): Tabular {
  return {
    columns: [
      { header: t(lang, "show.col.category") },
      { header: t(lang, "show.col.personName"), wrap: true },
      { header: t(lang, "show.col.position"), wrap: true },
      { header: t(lang, "show.col.phone"), nowrap: true },
      { header: t(lang, "show.col.lastContact"), wrap: true },
    ],
    rows: card.staff.flatMap((g) =>
      g.staff.map((s) => [
        t(lang, `category.${g.category}` as MessageKey),
        s.name + (s.key ? "★" : ""),
        positionName(s.position, lang),
        s.phone ?? "",
        s.lastContact === null ? t(lang, "show.neverContacted") : `${s.lastContact.date} ${activityName(s.lastContact.kind, lang)}`,
      ]),
    ),
  };
}

function competitorTable(card: BranchCard, lang: Lang): Tabular {
  const detail = (c: BranchCard["competitors"][number], key: string) => (c.details[key] === undefined || c.details[key] === null ? "" : valueText(c.details[key], lang));
  return {
    columns: [
      { header: t(lang, "show.col.name"), wrap: true },
      { header: t(lang, "show.col.competitorKind") },
      { header: t(lang, "show.col.since"), nowrap: true },
      { header: t(lang, "show.col.staffCount"), align: "right" },
      { header: t(lang, "show.col.strategy"), wrap: true },
      { header: t(lang, "show.col.strengths"), wrap: true },
      { header: t(lang, "show.col.weaknesses"), wrap: true },
      { header: t(lang, "show.col.potential"), wrap: true },
    ],
    rows: card.competitors.map((c) => [
      c.name,
      c.kind === null ? "" : tDynamic(lang, `competitor.${c.kind}`),
      c.since ?? "",
      c.staffCount === null ? "" : String(c.staffCount),
      detail(c, "strategy"),
      detail(c, "strengths"),
      detail(c, "weaknesses"),
      detail(c, "potential"),
    ]),
  };
}

/** Money figures of kpis.yaml (written as money, normalised to yuan). */
const MONEY_FIGURES = new Set(["deposits", "assets_in", "custody_balance"]);

function figureLabel(figure: string, lang: Lang): string {
  const key = `show.figure.${figure}`;
  const label = tDynamic(lang, key);
  if (label !== key) return label;
  const coverageLabel = tDynamic(lang, `coverage.figure.${figure}`);
  return coverageLabel === `coverage.figure.${figure}` ? figure : coverageLabel;
}

function kpiTable(card: BranchCard, lang: Lang): Tabular {
  const { months, figures } = card.kpis;
  return {
    columns: [{ header: t(lang, "show.col.month"), nowrap: true }, ...figures.map((f) => ({ header: figureLabel(f, lang), align: "right" as const })), { header: t(lang, "show.col.note"), wrap: true }],
    rows: months.map((m) => [
      m.month,
      ...figures.map((f) => {
        const v = m.figures[f];
        return v === null || v === undefined ? "" : MONEY_FIGURES.has(f) ? formatYuan(v, lang) : String(v);
      }),
      m.notes ?? "",
    ]),
  };
}

function gapTable(gaps: readonly CoverageItem[], lang: Lang): Tabular {
  return {
    columns: [
      { header: t(lang, "coverage.col.checklist"), wrap: true },
      { header: t(lang, "coverage.col.item"), wrap: true },
      { header: t(lang, "coverage.col.filled"), align: "right" },
      { header: t(lang, "coverage.col.missing"), wrap: true },
    ],
    // coverage's own words for each item and who is missing (the report's cut of long lists too).
    rows: gaps.map((i) => [checklistLabel(i, lang), itemLabel(i, lang), `${i.filled}/${i.total}`, missingText(i, lang, false)]),
  };
}

/** A branch's card as a document. */
export function branchCardBlocks(card: BranchCard, lang: Lang): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: "title", text: t(lang, "show.title.branch", { name: card.branch.name, id: card.branch.id }) }];
  blocks.push({ kind: "subtitle", text: t(lang, "show.subtitle.branch", { department: card.branch.departmentName ?? card.branch.department, date: card.asOf, share: percentText(card.coverage) }) });
  blocks.push({ kind: "table", table: keyValueTable(branchRows(card, lang), lang), grouped: true });

  blocks.push({ kind: "heading", text: t(lang, "show.heading.staff", { count: card.staff.reduce((n, g) => n + g.staff.length, 0) }) });
  if (card.staff.length === 0) blocks.push({ kind: "paragraph", text: t(lang, card.record.staffFile === "skipped" ? "show.staffSkipped" : "show.noStaff") });
  else blocks.push({ kind: "table", table: staffTable(card, lang), grouped: true });
  if (card.formerStaff.length > 0) blocks.push({ kind: "note", text: t(lang, "show.former", { people: card.formerStaff.map((s) => withId(s.name, s.left, lang)).join(sep(lang)) }) });

  blocks.push({ kind: "heading", text: t(lang, "show.heading.competitors", { count: card.competitors.length }) });
  if (card.competitors.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.noCompetitors") });
  else blocks.push({ kind: "table", table: competitorTable(card, lang) });
  blocks.push({ kind: "heading", text: t(lang, "show.heading.entrants") });
  if (card.possibleEntrants === null) blocks.push({ kind: "paragraph", text: t(lang, "show.entrantsNotConsidered") });
  else if (card.possibleEntrants.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.entrantsNone") });
  else {
    blocks.push({
      kind: "table",
      table: {
        columns: [{ header: t(lang, "show.col.name"), wrap: true }, { header: t(lang, "show.col.competitorKind") }, { header: t(lang, "show.col.note"), wrap: true }],
        rows: card.possibleEntrants.map((e) => [e.name, e.kind === null ? "" : tDynamic(lang, `competitor.${e.kind}`), e.note ?? ""]),
      },
    });
  }

  blocks.push({ kind: "heading", text: t(lang, "show.heading.kpis") });
  if (card.kpis.months.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.noKpis") });
  else blocks.push({ kind: "table", table: kpiTable(card, lang) });
  if (card.kpis.targets.length > 0) {
    const targets = card.kpis.targets.map((x) => `${figureLabel(x.metric, lang)} ${x.period}: ${MONEY_FIGURES.has(x.metric) ? formatYuan(x.target, lang) : String(x.target)}`).join(sep(lang));
    blocks.push({ kind: "note", text: t(lang, "show.targets", { targets }) });
  }

  blocks.push({ kind: "heading", text: t(lang, "show.heading.open", { count: card.openItems.length }) });
  if (card.openItems.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.noOpen") });
  else blocks.push({ kind: "table", table: itemsTable(card.openItems, lang, card.asOf, true) });

  blocks.push({ kind: "heading", text: t(lang, "show.heading.gaps", { count: card.gaps.length }) });
  if (card.gaps.length === 0) blocks.push({ kind: "paragraph", text: t(lang, "show.noGaps") });
  else blocks.push({ kind: "table", table: gapTable(card.gaps, lang) });
  return blocks;
}

export function cardBlocks(card: Card, lang: Lang): DocumentBlock[] {
  const blocks = card.kind === "person" ? personCardBlocks(card, lang) : branchCardBlocks(card, lang);
  // Said under the title: a reader must not take a masked phone or a missing birthday for the archive's.
  return card.redacted ? [...blocks.slice(0, 2), { kind: "note", text: t(lang, "show.redacted") }, ...blocks.slice(2)] : blocks;
}

// ---- JSON ----

/**
 * An id as a card's JSON gives it: a prospect's is null on a redacted card, since it is made
 * from the name's pinyin (`p-zhu-jie-a8`) and would undo the name's masking.
 */
function shownId(id: string | null, type: "staff" | "prospect" | null, redacted: boolean): string | null {
  return redacted && type === "prospect" ? null : id;
}

function refJson(ref: PersonRef | null, redacted: boolean): object | null {
  return ref === null ? null : { id: shownId(ref.id, ref.type, redacted), name: ref.name, type: ref.type };
}

function contactJson(c: CardContact, redacted: boolean): object {
  return { date: c.date, kind: c.kind, by: c.by, note: c.note, done: c.done, with: c.others.map((r) => refJson(r, redacted)) };
}

function itemJson(item: FollowupItem, lang: Lang, asOf: string, redacted: boolean): object {
  const person = shownId(item.person, item.personType, redacted);
  return { due: item.due, kind: item.kind, overdue: item.overdue, days_late: item.daysLate, branch: item.branch, person, name: item.name, phone: item.phone, owner: item.owner, detail: describeFollowup(item, lang, asOf) };
}

function fieldsJson(fields: readonly CardField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.field] = f.value ?? null;
  return out;
}

function branchRefJson(card: Card): object {
  return { id: card.branch.id, name: card.branch.name, department: card.branch.department, department_name: card.branch.departmentName, owner: card.branch.owner };
}

function birthdayJson(b: CardBirthday): object {
  return b.calendar === "solar"
    ? { calendar: "solar", month: b.birthday.month, day: b.birthday.day, year: b.birthday.year, next: b.date, age: b.age }
    : { calendar: "lunar", month: b.birthday.month, day: b.birthday.day, leap: b.birthday.leap, next: b.date };
}

export function personCardJson(card: PersonCard, lang: Lang): object {
  const p = card.person;
  const redacted = card.redacted;
  const common = { id: shownId(p.record.id, p.type, redacted), name: p.record.name, phone: p.record.phone };
  const person =
    p.type === "staff"
      ? {
          type: "staff",
          ...common,
          position: p.record.position,
          category: p.record.category,
          key: p.record.key,
          gender: p.record.gender,
          joined: p.record.joined,
          hq_registered: p.record.hqRegistered,
          present: p.present,
          left: p.record.left,
          left_note: p.record.leftNote,
          conversion:
            p.record.conversion === null
              ? null
              : { kind: p.record.conversion.kind, amount: p.record.conversion.amount, product: p.record.conversion.product, at: p.record.conversion.at, account: p.record.conversion.account, branch: p.record.conversion.branch },
        }
      : {
          type: "prospect",
          ...common,
          tier: p.record.tier,
          found: p.found,
          work_phone: p.record.workPhone,
          home_phone: p.record.homePhone,
          source: card.source === null ? null : { kind: card.source.kind, staff: refJson(card.source.staff, redacted), customer: refJson(card.source.customer, redacted) },
          holdings: p.record.holdings.map((h) => ({ product: h.product, amount: h.amount, matures: h.matures })),
          purchases: p.record.purchases.filter((x) => x.date <= card.asOf).map((x) => ({ date: x.date, product: x.product, amount: x.amount, important: x.important })),
          events: p.record.events.filter((e) => e.date <= card.asOf).map((e) => ({ date: e.date, kind: e.kind, amount: e.amount, note: e.note })),
          next_followup: p.record.nextFollowup,
          converted: p.record.converted === null || p.record.converted.date > card.asOf ? null : { date: p.record.converted.date, account: p.record.converted.account },
        };
  return {
    card: "person",
    as_of: card.asOf,
    redacted: card.redacted,
    branch: branchRefJson(card),
    person,
    birthdays: card.birthdays.map(birthdayJson),
    cadence: card.cadence === null ? null : { days: card.cadence.days, basis: card.cadence.basis, last: card.cadence.last, due: card.cadence.due },
    archive: fieldsJson(card.archive),
    gaps: card.gaps.map((g) => ({ checklist: g.checklist, item: g.item, letter: g.letter })),
    referrals: card.referrals.map((r) => ({ id: shownId(r.id, "prospect", redacted), name: r.name, branch: r.branch, tier: r.tier, converted: r.converted })),
    contact_count: card.contactCount,
    contacts: card.contacts.map((c) => contactJson(c, redacted)),
    planned: card.planned.map((c) => contactJson(c, redacted)),
    open_items: card.openItems.map((i) => itemJson(i, lang, card.asOf, redacted)),
  };
}

function staffJson(s: CardStaff): object {
  return { id: s.id, name: s.name, position: s.position, key: s.key, phone: s.phone, last_contact: s.lastContact === null ? null : { date: s.lastContact.date, kind: s.lastContact.kind } };
}

export function branchCardJson(card: BranchCard, lang: Lang): object {
  const r = card.record;
  return {
    card: "branch",
    as_of: card.asOf,
    redacted: card.redacted,
    branch: { ...branchRefJson(card), bank: r.bank, level: r.level, parent: r.parent, parent_name: card.parentName, hq_reported: r.hqReported, address: r.address, phone: r.phone, reviewed: r.reviewed, staff_file: r.staffFile },
    sections: Object.fromEntries(card.sections.map((s) => [s.section, Object.fromEntries(s.fields.map((f) => [f.field.slice(s.section.length + 1), f.value]))])),
    head: { staff: card.head.staff.map(staffJson), ...Object.fromEntries(card.head.fields.map((f) => [f.field.slice("business.".length), f.value])) },
    staff: card.staff.map((g) => ({ category: g.category, staff: g.staff.map(staffJson) })),
    former_staff: card.formerStaff,
    competitors: card.competitors.map((c) => ({ name: c.name, kind: c.kind, since: c.since, staff_count: c.staffCount, ...c.details })),
    possible_entrants: card.possibleEntrants === null ? null : card.possibleEntrants.map((e) => ({ name: e.name, kind: e.kind, note: e.note })),
    kpis: {
      months: card.kpis.months.map((m) => ({ month: m.month, ...Object.fromEntries(card.kpis.figures.map((f) => [f, m.figures[f] ?? null])), notes: m.notes })),
      targets: card.kpis.targets.map((x) => ({ metric: x.metric, period: x.period, target: x.target })),
    },
    prospects: card.prospects,
    open_items: card.openItems.map((i) => itemJson(i, lang, card.asOf, card.redacted)),
    coverage: Math.round(card.coverage * 10000) / 10000,
    gaps: card.gaps.map((i) => ({ checklist: i.checklist, item: i.item, letter: i.letter, month: i.month, filled: i.filled, total: i.total })),
  };
}

export function cardJson(card: Card, lang: Lang): object {
  return card.kind === "person" ? personCardJson(card, lang) : branchCardJson(card, lang);
}

/** The card in a format: `maxWidth` fits the terminal table to the terminal's columns (null: drawn whole). */
export function renderCard(card: Card, format: ShowFormat, lang: Lang, style: Style, maxWidth: number | null = null): string {
  switch (format) {
    case "json":
      return JSON.stringify(cardJson(card, lang), null, 2) + "\n";
    case "md":
      return renderDocumentMarkdown(cardBlocks(card, lang));
    case "table":
      return renderDocumentText(cardBlocks(card, lang), style, maxWidth);
  }
}

/**
 * The card as one HTML page (for `channel serve`): the same blocks, escaped by the page's
 * renderer; the title is the card's.
 */
export function cardHtml(card: Card, lang: Lang): string {
  const blocks = cardBlocks(card, lang);
  const title = blocks.find((b) => b.kind === "title");
  return renderHtmlPage(blocks, { lang, title: title?.kind === "title" ? title.text : card.branch.name });
}

// ---- --redact ----

function scrub(value: unknown): unknown {
  if (typeof value === "string") return scrubPhones(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v)]));
  return value;
}

function maskRef<T extends PersonRef>(ref: T): T {
  return ref.type === "prospect" && ref.name !== null ? { ...ref, name: maskName(ref.name) } : ref;
}

function redactContact(c: CardContact): CardContact {
  return { ...c, note: null, others: c.others.map(maskRef) };
}

function redactItems(items: readonly FollowupItem[]): FollowupItem[] {
  return redactFollowups(items).map((i) => ({ ...i, phone: maskOptionalPhone(i.phone), name: i.personType === "prospect" && i.name !== null ? maskName(i.name) : i.name }));
}

function redactStaff(s: CardStaff): CardStaff {
  return { ...s, phone: maskOptionalPhone(s.phone) };
}

/**
 * The card as `--redact` shows it, the way redacted exports mask (docs/import-export.md): phones
 * masked, prospects' names cut to the surname, no accounts, no addresses, phone numbers scrubbed
 * from free text, follow-ups without amounts and notes.
 */
export function redactCard(card: Card): Card {
  if (card.kind === "branch") {
    return {
      ...card,
      redacted: true,
      head: { ...card.head, staff: card.head.staff.map(redactStaff), fields: card.head.fields.map((f) => ({ ...f, value: scrub(f.value) })) },
      sections: card.sections.map((s) => ({ ...s, fields: s.fields.map((f) => ({ ...f, value: scrub(f.value) })) })),
      staff: card.staff.map((g) => ({ ...g, staff: g.staff.map(redactStaff) })),
      openItems: redactItems(card.openItems),
      gaps: card.gaps.map((g) => ({ ...g, missing: g.missing.map((m) => (m.kind === "prospect" ? { ...m, name: maskName(m.name) } : m)) })),
    };
  }
  const p = card.person;
  const person: PersonCard["person"] =
    p.type === "staff"
      ? { ...p, record: { ...p.record, phone: maskOptionalPhone(p.record.phone), conversion: p.record.conversion === null ? null : { ...p.record.conversion, amount: null, account: null } } }
      : {
          ...p,
          record: {
            ...p.record,
            name: maskName(p.record.name),
            phone: maskOptionalPhone(p.record.phone),
            workPhone: maskOptionalPhone(p.record.workPhone),
            homePhone: maskOptionalPhone(p.record.homePhone),
            holdings: p.record.holdings.map((h) => ({ ...h, amount: null })),
            purchases: p.record.purchases.map((x) => ({ ...x, amount: null })),
            events: p.record.events.map((e) => ({ ...e, amount: null, note: null })),
            converted: p.record.converted === null ? null : { ...p.record.converted, account: null },
          },
        };
  return {
    ...card,
    redacted: true,
    birthdays: [],
    person,
    // The archive is the personal data itself (redacted exports leave every such column out).
    archive: [],
    source: card.source === null ? null : { ...card.source, customer: card.source.customer === null ? null : maskRef(card.source.customer) },
    referrals: card.referrals.map(maskRef),
    contacts: card.contacts.map(redactContact),
    planned: card.planned.map(redactContact),
    openItems: redactItems(card.openItems),
  };
}
