/**
 * The tables `channel export` writes, one per kind, built from the model and the rules' results
 * (findDueFollowups, computeBonusAwards) — never recomputed here. Headers come from the
 * catalogue in the reader's language; the people sheets use the headers `channel import` reads,
 * so an exported sheet imports again. With `redact`, personal data is masked or left out as the
 * reports do it (src/report/redact.ts): phones masked, prospects' names cut to the surname, no
 * prospect ids (they carry the name), addresses, accounts, conversion amounts or notes; no
 * birthday follow-ups and no amounts in the follow-ups' details; phones masked in every text.
 *
 * Rows are in a stated order: branches by id, then staff by position (leaders first) and id,
 * prospects by id, activities by date; follow-ups and bonus candidates in their rules' order.
 */
import { t, tDynamic, type Lang, type MessageKey } from "../i18n/catalog.js";
import { headerKey } from "../import/fields.js";
import { POSITIONS, type Branch, type Model, type Prospect, type StaffMember } from "../model/types.js";
import { isoDate, parseMoney, type IsoDate, type SolarBirthday } from "../model/values.js";
import { basisText, bonusReasonText } from "../report/bonus.js";
import { branchDisplayNames, followupAmount, itemDetail, kindLabel } from "../report/followups.js";
import { enumCode } from "../model/enum-names.js";
import { maskName, maskPhone, redactFollowups, scrubPhones } from "../report/redact.js";
import type { BonusResult } from "../rules/bonus.js";
import type { FollowupItem } from "../rules/followups.js";
import { compareText } from "../findings.js";
import { code, dateTime, day, money, num, text, type ExportSheet, type SheetCell } from "./sheet.js";
import { foundDay } from "../rules/cards.js";

export { EXPORT_KINDS, type ExportKind } from "./kinds.js";

/** A gender as written (code or Chinese name), as the sheet shows it; blank when absent. */
function genderLabel(gender: unknown, lang: Lang): string | null {
  const code = typeof gender === "string" ? enumCode("gender", gender) : null;
  return code === "F" ? t(lang, "sheet.female") : code === "M" ? t(lang, "sheet.male") : null;
}

export interface ExportFilter {
  branch: string | null;
  department: string | null;
}

export interface ExportOptions {
  lang: Lang;
  redact: boolean;
}

/** A column: its header and how a row gives its cell; `personal` columns are left out when redacting. */
interface Column<R> {
  header: string;
  cell: (row: R) => SheetCell;
  personal?: boolean;
}

function table<R>(name: string, columns: Column<R>[], rows: readonly R[], redact: boolean): ExportSheet {
  const shown = columns.filter((c) => !(redact && c.personal));
  const cell = redact ? (c: Column<R>, r: R) => scrubCell(c.cell(r)) : (c: Column<R>, r: R) => c.cell(r);
  return { name, headers: shown.map((c) => c.header), rows: rows.map((r) => shown.map((c) => cell(c, r))) };
}

/** Whatever free text is still shown (a branch's or a product's name, say) carries no phone number. */
function scrubCell(cell: SheetCell): SheetCell {
  return cell !== null && cell.kind === "text" ? { kind: "text", value: scrubPhones(cell.value) } : cell;
}

function branchesIn(model: Model, filter: ExportFilter): Branch[] {
  return model.branches.filter((b) => (filter.branch === null || b.id === filter.branch) && (filter.department === null || b.department === filter.department));
}

function departmentName(model: Model, id: string): string {
  return model.departments.find((d) => d.id === id)?.name ?? id;
}

/** Free text as one cell: a list is joined with 、 (as a person would write it in one cell). */
function archiveText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String).join("、");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function birthdayCell(birthday: SolarBirthday | null): SheetCell {
  if (birthday === null) return null;
  if (birthday.year === null) return code(`--${String(birthday.month).padStart(2, "0")}-${String(birthday.day).padStart(2, "0")}`);
  return day(isoDate(birthday.year, birthday.month, birthday.day));
}

function lunarText(lunar: { leap: boolean; month: number; day: number } | null): string | null {
  return lunar === null ? null : `${lunar.leap ? "闰" : ""}${String(lunar.month).padStart(2, "0")}-${String(lunar.day).padStart(2, "0")}`;
}

const h = (lang: Lang, field: string): string => t(lang, headerKey(field));

/** A phone number as text Excel keeps (leading zero and all), masked when redacting. */
function phoneCell(phone: string | null, redact: boolean): SheetCell {
  return code(phone === null ? null : redact ? maskPhone(phone) : phone);
}

interface Placed<T> {
  branch: Branch;
  item: T;
}

export function staffSheet(model: Model, filter: ExportFilter, options: ExportOptions): ExportSheet {
  const { lang, redact } = options;
  const rows: Placed<StaffMember>[] = branchesIn(model, filter).flatMap((branch) =>
    [...branch.staff]
      .sort((a, b) => POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position) || compareText(a.id, b.id))
      .map((item) => ({ branch, item })),
  );
  const archive = (field: string) => (r: Placed<StaffMember>) => text(archiveText(r.item.archive[field]));
  const columns: Column<Placed<StaffMember>>[] = [
    { header: h(lang, "branch"), cell: (r) => text(r.branch.name) },
    { header: h(lang, "branch_id"), cell: (r) => code(r.branch.id) },
    { header: h(lang, "department"), cell: (r) => text(departmentName(model, r.branch.department)) },
    { header: h(lang, "id"), cell: (r) => code(r.item.id) },
    { header: h(lang, "name"), cell: (r) => text(r.item.name) },
    { header: h(lang, "position"), cell: (r) => text(tDynamic(lang, `position.${r.item.position}`)) },
    { header: h(lang, "category"), cell: (r) => text(tDynamic(lang, `category.${r.item.category}`)) },
    { header: h(lang, "key"), cell: (r) => text(r.item.key ? t(lang, "sheet.yes") : null) },
    { header: h(lang, "gender"), cell: (r) => text(genderLabel(r.item.gender, lang)) },
    { header: h(lang, "phone"), cell: (r) => phoneCell(r.item.phone, redact) },
    { header: h(lang, "wechat"), cell: archive("wechat"), personal: true },
    { header: h(lang, "qq"), cell: (r) => code(archiveText(r.item.archive.qq)), personal: true },
    { header: h(lang, "email"), cell: archive("email"), personal: true },
    { header: h(lang, "birthday"), cell: (r) => birthdayCell(r.item.birthday), personal: true },
    { header: h(lang, "lunar_birthday"), cell: (r) => code(lunarText(r.item.lunarBirthday)), personal: true },
    { header: h(lang, "joined"), cell: (r) => day(r.item.joined) },
    // With its time when written with one (issue 25), so a round trip through Excel keeps it.
    { header: h(lang, "hq_registered"), cell: (r) => (r.item.hqRegisteredAt !== null ? code(r.item.hqRegisteredAt.replace(/:00$/, "").replace("T", " ")) : day(r.item.hqRegistered)) },
    { header: h(lang, "left"), cell: (r) => day(r.item.left) },
    { header: h(lang, "left_note"), cell: (r) => text(r.item.leftNote) },
    ...["history", "hobbies", "family", "personality", "values", "schedule", "relationships", "notes"].map((field) => ({ header: h(lang, field), cell: archive(field), personal: true })),
  ];
  return table(t(lang, "sheet.name.staff"), columns, rows, redact);
}

export function prospectsSheet(model: Model, filter: ExportFilter, options: ExportOptions): ExportSheet {
  const { lang, redact } = options;
  const rows: Placed<Prospect>[] = branchesIn(model, filter).flatMap((branch) => branch.prospects.map((item) => ({ branch, item })));
  const archive = (field: string) => (r: Placed<Prospect>) => text(archiveText(r.item.archive[field]));
  // Money is a number of yuan whatever form the file used ("1.5万" → 15000); text only if unreadable.
  const income = (r: Placed<Prospect>): SheetCell => {
    const value = r.item.archive.income_monthly;
    const yuan = parseMoney(value);
    return yuan !== null ? money(yuan) : text(archiveText(value));
  };
  const columns: Column<Placed<Prospect>>[] = [
    { header: h(lang, "branch"), cell: (r) => text(r.branch.name) },
    { header: h(lang, "branch_id"), cell: (r) => code(r.branch.id) },
    { header: h(lang, "department"), cell: (r) => text(departmentName(model, r.branch.department)) },
    // The id is made from the name (p-chen-001) and would undo the mask.
    { header: h(lang, "id"), cell: (r) => code(r.item.id), personal: true },
    { header: h(lang, "name"), cell: (r) => text(redact ? maskName(r.item.name) : r.item.name) },
    { header: h(lang, "tier"), cell: (r) => text(tDynamic(lang, `report.tier.${r.item.tier}`)) },
    { header: h(lang, "phone"), cell: (r) => phoneCell(r.item.phone, redact) },
    { header: h(lang, "work_phone"), cell: (r) => phoneCell(r.item.workPhone, redact) },
    { header: h(lang, "home_phone"), cell: (r) => phoneCell(r.item.homePhone, redact) },
    { header: h(lang, "wechat"), cell: archive("wechat"), personal: true },
    { header: h(lang, "qq"), cell: (r) => code(archiveText(r.item.archive.qq)), personal: true },
    { header: h(lang, "email"), cell: archive("email"), personal: true },
    { header: h(lang, "gender"), cell: (r) => text(genderLabel(r.item.archive.gender, lang)) },
    { header: h(lang, "age"), cell: (r) => num(typeof r.item.archive.age === "number" ? r.item.archive.age : null) },
    { header: h(lang, "birthday"), cell: (r) => birthdayCell(r.item.birthday), personal: true },
    { header: h(lang, "lunar_birthday"), cell: (r) => code(lunarText(r.item.lunarBirthday)), personal: true },
    ...["address", "home_address", "work_address", "occupation", "family"].map((field) => ({ header: h(lang, field), cell: archive(field), personal: true })),
    { header: h(lang, "income_monthly"), cell: income, personal: true },
    ...["hobbies", "attitude", "products", "broker", "frequency", "institutions", "fee_acceptance"].map((field) => ({ header: h(lang, field), cell: archive(field), personal: true })),
    { header: h(lang, "source"), cell: (r) => text(r.item.referral === null ? null : tDynamic(lang, `sheet.source.${r.item.referral.kind}`)) },
    { header: h(lang, "source_staff"), cell: (r) => code(r.item.referral?.staff ?? null) },
    { header: h(lang, "source_customer"), cell: (r) => code(r.item.referral?.customer ?? null), personal: true },
    { header: h(lang, "next_followup"), cell: (r) => day(r.item.nextFollowup) },
    { header: h(lang, "converted_date"), cell: (r) => day(r.item.converted?.date ?? null) },
    // Issue 25: the day first recorded, so that a sheet imported again keeps it.
    { header: h(lang, "found"), cell: (r) => day(foundDay(r.item)) },
    { header: h(lang, "notes"), cell: archive("notes"), personal: true },
  ];
  return table(t(lang, "sheet.name.prospects"), columns, rows, redact);
}

export function activitiesSheet(model: Model, filter: ExportFilter, options: ExportOptions): ExportSheet {
  const { lang, redact } = options;
  const people = new Map<string, { name: string; prospect: boolean }>();
  for (const b of model.branches) {
    for (const s of b.staff) people.set(s.id, { name: s.name, prospect: false });
    for (const p of b.prospects) people.set(p.id, { name: p.name, prospect: true });
  }
  const nameOf = (id: string): string => {
    const person = people.get(id);
    if (person === undefined) return id;
    return redact && person.prospect ? maskName(person.name) : person.name;
  };
  const rows = branchesIn(model, filter)
    .flatMap((branch) => branch.activities.map((item) => ({ branch, item })))
    .sort((a, b) => compareText(a.item.date, b.item.date) || compareText(a.branch.id, b.branch.id));
  const columns: Column<(typeof rows)[number]>[] = [
    { header: h(lang, "branch"), cell: (r) => text(r.branch.name) },
    { header: h(lang, "branch_id"), cell: (r) => code(r.branch.id) },
    { header: h(lang, "department"), cell: (r) => text(departmentName(model, r.branch.department)) },
    { header: h(lang, "date"), cell: (r) => day(r.item.date) },
    { header: h(lang, "kind"), cell: (r) => text(tDynamic(lang, `sheet.activity.${r.item.kind}`)) },
    { header: h(lang, "with"), cell: (r) => text(r.item.with.map(nameOf).join("、")) },
    { header: h(lang, "with_ids"), cell: (r) => code(r.item.with.join(", ")), personal: true },
    { header: h(lang, "by"), cell: (r) => text(r.item.by) },
    { header: h(lang, "note"), cell: (r) => text(r.item.note), personal: true },
  ];
  return table(t(lang, "sheet.name.activities"), columns, rows, redact);
}

export function followupsSheet(model: Model, allItems: readonly FollowupItem[], asOf: IsoDate, options: ExportOptions): ExportSheet {
  const { lang, redact } = options;
  const items = redact ? redactFollowups(allItems) : allItems;
  // The list's names for branches (without the bank's name in front), as `followups --format csv` writes them.
  const branchName = branchDisplayNames(model);
  const prospects = new Set(model.branches.flatMap((b) => b.prospects.map((p) => p.id)));
  const person = (item: FollowupItem): string | null => {
    if (item.name === null) return null;
    return redact && item.person !== null && prospects.has(item.person) ? maskName(item.name) : item.name;
  };
  const columns: Column<FollowupItem>[] = [
    { header: t(lang, "followups.col.due"), cell: (i) => day(i.due) },
    { header: t(lang, "followups.col.daysLate"), cell: (i) => num(i.overdue ? i.daysLate : null) },
    { header: t(lang, "followups.col.escalated"), cell: (i) => text(i.escalated ? t(lang, "followups.escalatedYes") : null) },
    { header: t(lang, "followups.col.kind"), cell: (i) => text(kindLabel(i.kind, lang)) },
    { header: t(lang, "followups.col.branch"), cell: (i) => text(i.branch === null ? null : branchName.get(i.branch) ?? i.branch) },
    { header: t(lang, "followups.col.person"), cell: (i) => text(person(i)) },
    { header: t(lang, "followups.col.position"), cell: (i) => text(i.position !== null ? tDynamic(lang, `position.${i.position}`) : i.personType === "prospect" ? t(lang, "ref.prospect") : null) },
    // Issue 25: the list's 电话 column, as text Excel keeps, masked when redacting.
    { header: t(lang, "followups.col.phone"), cell: (i) => phoneCell(i.phone, redact) },
    { header: t(lang, "followups.col.owner"), cell: (i) => text(i.owner) },
    { header: t(lang, "followups.col.detail"), cell: (i) => text(itemDetail(i, lang, asOf)) },
    { header: t(lang, "followups.col.amount"), cell: (i) => money(followupAmount(i)) },
  ];
  return table(t(lang, "sheet.name.followups"), columns, items, redact);
}

export function bonusSheet(result: BonusResult, filter: ExportFilter, model: Model, options: ExportOptions): ExportSheet {
  const { lang, redact } = options;
  const branchName = new Map(result.branches.map((b) => [b.branch, b.name]));
  const candidates = result.candidates.filter((c) => (filter.branch === null || c.branch === filter.branch) && (filter.department === null || c.department === filter.department));
  const hb = (key: string) => t(lang, `bonus.header.${key}` as MessageKey);
  const columns: Column<(typeof candidates)[number]>[] = [
    { header: hb("rank"), cell: (c) => num(c.rank) },
    { header: hb("at"), cell: (c) => dateTime(c.at) },
    { header: hb("departmentId"), cell: (c) => code(c.department) },
    { header: hb("department"), cell: (c) => text(departmentName(model, c.department)) },
    { header: hb("branchId"), cell: (c) => code(c.branch) },
    { header: hb("branch"), cell: (c) => text(branchName.get(c.branch) ?? c.branch) },
    { header: hb("staff"), cell: (c) => code(c.staff) },
    { header: hb("name"), cell: (c) => text(c.name) },
    { header: hb("position"), cell: (c) => text(tDynamic(lang, `position.${c.position}`)) },
    // The basis and the reason in words carry the conversion amount.
    { header: hb("basis"), cell: (c) => text(basisText(c, lang)), personal: true },
    { header: hb("basisAmount"), cell: (c) => money(c.basis.amount), personal: true },
    { header: hb("status"), cell: (c) => text(t(lang, c.status === "awarded" ? "bonus.status.awarded" : "bonus.status.rejected")) },
    { header: hb("reasonCode"), cell: (c) => code(c.reason) },
    { header: hb("reason"), cell: (c) => text(bonusReasonText(c, result, lang)), personal: true },
    { header: hb("amount"), cell: (c) => money(c.amount) },
  ];
  return table(t(lang, "sheet.name.bonus"), columns, candidates, redact);
}
