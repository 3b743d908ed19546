/**
 * Cards: one page per branch, per staff member and per prospect, built from the model — who
 * they are, the checklist fields, the last contacts and the open follow-ups — and the index of
 * every branch. While personal data is masked, a card says which checklist fields are filled
 * but not what they hold (the fields `export --redact` leaves out), phones are partly starred,
 * prospects are named by surname, and amounts and notes are left out.
 */
import { t, type Lang, type MessageKey } from "../i18n/catalog.js";
import { POSITION_CATEGORIES, type Activity, type Branch, type Model, type PositionCategory, type Prospect, type StaffMember } from "../model/types.js";
import type { IsoDate } from "../model/values.js";
import { formatYuan } from "../report/money-format.js";
import { scrubPhones } from "../report/redact.js";
import { describeFollowup, kindLabel } from "../report/followups.js";
import type { FollowupItem } from "../rules/followups.js";
import { isPresent } from "../rules/presence.js";
import { branchLink, esc, labelOr, link, maskedName, pageHref, phoneHtml, prospectLink, renderPage, staffLink, tableHtml, type PageContext } from "./page.js";

/** The staff fields `export --redact` leaves out: contact handles, birthdays and the private checklist answers. */
const PRIVATE_STAFF_FIELDS = new Set(["wechat", "qq", "email", "history", "hobbies", "family", "personality", "values", "schedule", "relationships", "notes"]);
/** The prospect fields a masked card shows; every other checklist field is private. */
const PUBLIC_PROSPECT_FIELDS = new Set(["gender", "age"]);
/** The staff checklist (a–h of the archive), in the checklist's order; other written fields follow. */
const STAFF_CHECKLIST_FIELDS = ["wechat", "qq", "email", "history", "hobbies", "family", "personality", "values", "schedule", "relationships", "notes"];
const PROSPECT_CHECKLIST_FIELDS = ["gender", "age", "wechat", "qq", "email", "address", "home_address", "work_address", "occupation", "family", "income_monthly", "hobbies", "attitude", "products", "broker", "frequency", "institutions", "fee_acceptance", "notes"];
/** How many contacts a card lists. */
const LAST_CONTACTS = 10;

/** A value as written in a checklist field, as one line of text (`lang` words a yes/no). */
export function valueText(value: unknown, lang?: Lang): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => valueText(v, lang)).join("、");
  if (typeof value === "boolean" && lang !== undefined) return t(lang, value ? "serve.yes" : "serve.no");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${valueText(v, lang)}`)
      .join("；");
  }
  return String(value);
}

function filled(value: unknown): boolean {
  return valueText(value).trim() !== "";
}

/** A competitor's details as "策略：…；优势：…", each field named in the reader's language. */
function detailsText(details: Record<string, unknown>, lang: Lang): string {
  return Object.entries(details)
    .filter(([, v]) => filled(v))
    .map(([k, v]) => `${labelOr(lang, `serve.competitor.${k}`, k)}${lang === "zh" ? "：" : ": "}${valueText(v, lang)}`)
    .join(lang === "zh" ? "；" : "; ");
}

/** A branch.yaml section field's label: the checklist's word, "notes" for a section's remark, else the field as written. */
function sectionFieldLabel(lang: Lang, section: string, field: string): string {
  if (field === "notes") return `${labelOr(lang, `serve.section.${section}`, section)} · ${t(lang, "sheet.col.notes")}`;
  return labelOr(lang, `coverage.field.${section}.${field}`, `${section}.${field}`);
}

function factsHtml(rows: readonly [string, string][]): string {
  if (rows.length === 0) return "";
  return `<dl class="facts">${rows.map(([label, html]) => `<dt>${esc(label)}</dt><dd>${html}</dd>`).join("")}</dl>`;
}

function hidden(lang: Lang): string {
  return `<span class="hidden">${esc(t(lang, "serve.frame.hidden"))}</span>`;
}

/** Checklist fields: each field's value, or (masked, for a private field) only that it is filled. */
function checklistRows(ctx: PageContext, archive: Record<string, unknown>, order: readonly string[], isPrivate: (field: string) => boolean): [string, string][] {
  const fields = [...order.filter((f) => Object.hasOwn(archive, f)), ...Object.keys(archive).filter((f) => !order.includes(f)).sort()];
  return fields
    .filter((f) => filled(archive[f]))
    .map((f) => [labelOr(ctx.lang, `sheet.col.${f}`, f), ctx.redacted && isPrivate(f) ? hidden(ctx.lang) : esc(f === "gender" && typeof archive[f] === "string" ? labelOr(ctx.lang, `gender.${archive[f]}`, archive[f]) : valueText(archive[f], ctx.lang))]);
}

/** Everyone a branch knows by id: to name the people of a contact. */
function peopleOf(branch: Branch): Map<string, { name: string; prospect: boolean }> {
  const people = new Map<string, { name: string; prospect: boolean }>();
  for (const s of branch.staff) people.set(s.id, { name: s.name, prospect: false });
  for (const p of branch.prospects) people.set(p.id, { name: p.name, prospect: true });
  return people;
}

function personRef(ctx: PageContext, branch: Branch, id: string): string {
  const person = peopleOf(branch).get(id);
  if (person === undefined) return esc(id);
  return person.prospect ? prospectLink(ctx, id, person.name) : staffLink(ctx, id, person.name);
}

/** The latest contacts (on or before D), newest first. */
function contactsTable(ctx: PageContext, branch: Branch, activities: readonly Activity[]): string {
  const { lang } = ctx;
  const latest = activities.filter((a) => a.date <= ctx.asOf).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, LAST_CONTACTS);
  if (latest.length === 0) return `<p class="note">${esc(t(lang, "serve.card.noContacts"))}</p>`;
  const rows = latest.map((a) => [
    { html: esc(a.date), className: "nowrap" },
    esc(labelOr(lang, `sheet.activity.${a.kind}`, a.kind)),
    a.with.map((id) => personRef(ctx, branch, id)).join("、"),
    esc(a.by ?? "-"),
    a.note === null ? "" : ctx.redacted ? hidden(lang) : esc(a.note),
  ]);
  return tableHtml([t(lang, "serve.col.date"), t(lang, "serve.col.kind"), t(lang, "serve.col.with"), t(lang, "serve.col.by"), t(lang, "serve.col.note")], rows);
}

function itemsTable(ctx: PageContext, items: readonly FollowupItem[], within: number): string {
  const { lang } = ctx;
  const heading = `<h2>${esc(t(lang, "serve.card.openItems", { within }))}</h2>`;
  if (items.length === 0) return `${heading}<p class="note">${esc(t(lang, "serve.card.noItems"))}</p>`;
  const rows = items.map((item) => [
    { html: esc(item.due), className: "nowrap" },
    item.overdue ? { html: esc(t(lang, "followups.late", { days: item.daysLate })), className: "late" } : "",
    esc(kindLabel(item.kind, lang)),
    esc(describeFollowup(item, lang, ctx.asOf)),
  ]);
  return heading + tableHtml([t(lang, "followups.col.due"), t(lang, "followups.col.late"), t(lang, "followups.col.kind"), t(lang, "followups.col.detail")], rows);
}

function departmentName(model: Model, id: string): string {
  return model.departments.find((d) => d.id === id)?.name ?? id;
}

/** What a card needs besides the model: the open items (already masked as the page shows them). */
export interface CardInputs {
  model: Model;
  items: readonly FollowupItem[];
  within: number;
  branchNames: ReadonlyMap<string, string>;
}

// ---- the index ----

export function renderBranchIndex(ctx: PageContext, input: CardInputs): string {
  const { lang } = ctx;
  const { model } = input;
  const open = new Map<string, number>();
  for (const item of input.items) if (item.branch !== null) open.set(item.branch, (open.get(item.branch) ?? 0) + 1);
  const staff = model.branches.reduce((n, b) => n + b.staff.filter((s) => isPresent(s, ctx.asOf)).length, 0);
  const prospects = model.branches.reduce((n, b) => n + b.prospects.length, 0);
  const rows = model.branches.map((b) => [
    branchLink(ctx, b.id, b.name),
    esc(departmentName(model, b.department)),
    esc(b.owner ?? "-"),
    esc(b.staff.filter((s) => isPresent(s, ctx.asOf)).length),
    esc(b.prospects.length),
    esc(open.get(b.id) ?? 0),
  ]);
  const title = t(lang, "serve.branches.title");
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${esc(t(lang, "serve.branches.count", { branches: model.branches.length, staff, prospects }))}</p>`,
    tableHtml([t(lang, "serve.col.branch"), t(lang, "serve.col.department"), t(lang, "serve.col.owner"), t(lang, "serve.col.staff"), t(lang, "serve.col.prospects"), t(lang, "serve.col.openItems")], rows, { numeric: [3, 4, 5] }),
  ];
  return renderPage(ctx, { title, section: "branches", body: body.join("\n") });
}

// ---- a branch ----

const CATEGORY_ORDER = Object.keys(POSITION_CATEGORIES) as PositionCategory[];

export function renderBranchCard(ctx: PageContext, input: CardInputs, branch: Branch): string {
  const { lang } = ctx;
  const { model } = input;
  const date = (d: IsoDate | null) => (d === null ? "-" : esc(d));
  const profile: [string, string][] = [
    [t(lang, "serve.field.bank"), esc(branch.bank ?? "-")],
    [t(lang, "serve.field.level"), esc(labelOr(lang, `level.${branch.level}`, branch.level))],
    ...(branch.parent === null ? [] : [[t(lang, "serve.field.parent"), model.branches.some((b) => b.id === branch.parent) ? branchLink(ctx, branch.parent, model.branches.find((b) => b.id === branch.parent)!.name) : esc(branch.parent)] as [string, string]]),
    [t(lang, "serve.field.department"), esc(departmentName(model, branch.department))],
    [t(lang, "serve.field.owner"), esc(branch.owner ?? "-")],
    [t(lang, "serve.field.address"), esc(branch.address ?? "-")],
    [t(lang, "serve.field.phone"), branch.phone === null ? "-" : `<a href="tel:${esc(branch.phone.replace(/[^\d+]/g, ""))}">${esc(branch.phone)}</a>`],
    [t(lang, "serve.field.hqReported"), date(branch.hqReported)],
    [t(lang, "serve.field.reviewed"), date(branch.reviewed)],
  ];
  for (const [section, fields] of Object.entries(branch.sections).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [field, value] of Object.entries(fields)) {
      if (!filled(value)) continue;
      profile.push([sectionFieldLabel(lang, section, field), esc(valueText(value, lang))]);
    }
  }
  const parts: string[] = [`<h1>${esc(branch.name)}</h1>`, `<p class="note">${esc(branch.id)}</p>`];
  parts.push(
    `<p>${[
      link(pageHref(ctx, "/", { branch: branch.id }), t(lang, "serve.nav.today")),
      link(pageHref(ctx, "/kpis", { branch: branch.id }), t(lang, "serve.nav.kpis")),
      link(pageHref(ctx, "/monthly", { branch: branch.id }), t(lang, "serve.nav.monthly")),
      link(pageHref(ctx, "/coverage"), t(lang, "serve.nav.coverage")),
    ].join(" · ")}</p>`,
  );
  parts.push(`<h2>${esc(t(lang, "serve.card.profile"))}</h2>`, factsHtml(profile));

  parts.push(`<h2>${esc(t(lang, "serve.card.staffByCategory"))}</h2>`);
  if (branch.staffFile !== "read") parts.push(`<p class="note">${esc(t(lang, branch.staffFile === "skipped" ? "serve.card.staffFileSkipped" : "serve.card.staffFileMissing"))}</p>`);
  const present = branch.staff.filter((s) => isPresent(s, ctx.asOf));
  const staffRows = CATEGORY_ORDER.flatMap((category) =>
    present
      .filter((s) => s.category === category)
      .map((s) => [esc(t(lang, `category.${category}` as MessageKey)), staffLink(ctx, s.id, s.name) + (s.key ? ` <span class="key">★</span>` : ""), esc(labelOr(lang, `position.${s.position}`, s.position)), { html: phoneHtml(ctx, s.phone), className: "nowrap" }]),
  );
  if (staffRows.length > 0) parts.push(tableHtml([t(lang, "sheet.col.category"), t(lang, "serve.col.name"), t(lang, "serve.col.position"), t(lang, "serve.col.phone")], staffRows));
  const former = branch.staff.filter((s) => !isPresent(s, ctx.asOf));
  if (former.length > 0) {
    parts.push(`<h2>${esc(t(lang, "serve.card.former"))}</h2>`);
    parts.push(tableHtml([t(lang, "serve.col.name"), t(lang, "serve.col.position"), t(lang, "sheet.col.left"), t(lang, "sheet.col.left_note")], former.map((s) => [staffLink(ctx, s.id, s.name), esc(labelOr(lang, `position.${s.position}`, s.position)), date(s.left), esc(s.leftNote === null ? "" : ctx.redacted ? scrubPhones(s.leftNote) : s.leftNote)])));
  }

  parts.push(`<h2>${esc(t(lang, "serve.card.prospects"))}</h2>`);
  if (branch.prospects.length === 0) parts.push(`<p class="note">${esc(t(lang, "serve.frame.none"))}</p>`);
  else {
    const rows = branch.prospects.map((p) => [prospectLink(ctx, p.id, p.name), esc(t(lang, `report.tier.${p.tier}` as MessageKey)), { html: phoneHtml(ctx, p.phone ?? p.workPhone ?? p.homePhone), className: "nowrap" }, date(p.nextFollowup)]);
    parts.push(tableHtml([t(lang, "serve.col.name"), t(lang, "serve.col.tier"), t(lang, "serve.col.phone"), t(lang, "serve.col.nextFollowup")], rows));
  }

  parts.push(`<h2>${esc(t(lang, "serve.card.competitors"))}</h2>`);
  if (branch.competitors.length === 0) parts.push(`<p class="note">${esc(t(lang, "serve.frame.none"))}</p>`);
  else {
    const rows = branch.competitors.map((c) => [esc(c.name), esc(c.kind === null ? "-" : labelOr(lang, `competitor.${c.kind}`, c.kind)), date(c.since), esc(c.staffCount ?? "-"), esc(detailsText(c.details, lang))]);
    parts.push(tableHtml([t(lang, "serve.col.competitor"), t(lang, "serve.col.kind"), t(lang, "serve.col.since"), t(lang, "serve.col.staffCount"), t(lang, "serve.col.details")], rows, { numeric: [3] }));
  }
  if (branch.possibleEntrants !== null && branch.possibleEntrants.length > 0) {
    parts.push(`<p>${esc(t(lang, "serve.card.possibleEntrants", { names: branch.possibleEntrants.map((e) => e.name).join(lang === "zh" ? "、" : ", ") }))}</p>`);
  }

  parts.push(`<h2>${esc(t(lang, "serve.card.kpis"))}</h2>`);
  const months = branch.kpiMonths.filter((m) => m.month <= ctx.asOf.slice(0, 7)).slice(-6);
  if (months.length === 0) parts.push(`<p class="note">${esc(t(lang, "serve.kpis.none"))}</p>`);
  else {
    const figures = [...new Set(months.flatMap((m) => Object.keys(m.figures)))];
    const rows = months.map((m) => [esc(m.month), ...figures.map((f) => esc(kpiValue(m.figures[f] ?? null, f, lang)))]);
    parts.push(tableHtml([t(lang, "serve.col.month"), ...figures.map((f) => labelOr(lang, `coverage.figure.${f}`, f))], rows, { numeric: figures.map((_f, i) => i + 1) }));
  }

  parts.push(`<h2>${esc(t(lang, "serve.card.lastContacts"))}</h2>`, contactsTable(ctx, branch, branch.activities));
  parts.push(itemsTable(ctx, input.items.filter((i) => i.branch === branch.id), input.within));
  return renderPage(ctx, { title: branch.name, section: "branches", body: parts.join("\n") });
}

const MONEY_FIGURES = new Set(["deposits", "custody_balance", "assets_in"]);

function kpiValue(value: number | null, figure: string, lang: Lang): string {
  if (value === null) return "-";
  return MONEY_FIGURES.has(figure) ? formatYuan(value, lang) : String(value);
}

// ---- a staff member ----

export function findStaff(model: Model, id: string): { branch: Branch; staff: StaffMember }[] {
  return model.branches.flatMap((branch) => branch.staff.filter((s) => s.id === id).map((staff) => ({ branch, staff })));
}

export function renderStaffCard(ctx: PageContext, input: CardInputs, records: readonly { branch: Branch; staff: StaffMember }[]): string {
  const { lang } = ctx;
  // The present record first (a person who moved appears at both branches), then by branch id.
  const ordered = [...records].sort((a, b) => Number(isPresent(b.staff, ctx.asOf)) - Number(isPresent(a.staff, ctx.asOf)) || (a.branch.id < b.branch.id ? -1 : 1));
  const { branch, staff } = ordered[0]!;
  const position = labelOr(lang, `position.${staff.position}`, staff.position);
  const title = t(lang, "serve.card.staffTitle", { name: staff.name, position });
  const parts: string[] = [`<h1>${esc(title)}${staff.key ? ` <span class="key">★ ${esc(t(lang, "serve.card.key"))}</span>` : ""}</h1>`];
  if (staff.left !== null && staff.left <= ctx.asOf) parts.push(`<p class="note">${esc(t(lang, "serve.card.left", { date: staff.left }))}${staff.leftNote === null ? "" : ` — ${esc(ctx.redacted ? scrubPhones(staff.leftNote) : staff.leftNote)}`}</p>`);
  const basics: [string, string][] = [
    [t(lang, "serve.field.branch"), branchLink(ctx, branch.id, branch.name)],
    [t(lang, "serve.col.position"), esc(`${position} · ${t(lang, `category.${staff.category}` as MessageKey)}`)],
    [t(lang, "serve.field.phone"), phoneHtml(ctx, staff.phone)],
    [t(lang, "sheet.col.gender"), esc(staff.gender === "F" ? t(lang, "sheet.female") : staff.gender === "M" ? t(lang, "sheet.male") : "-")],
    [t(lang, "sheet.col.birthday"), staff.birthday === null && staff.lunarBirthday === null ? "-" : ctx.redacted ? hidden(lang) : esc(birthdayText(staff))],
    [t(lang, "serve.field.joined"), esc(staff.joined ?? "-")],
    [t(lang, "serve.field.hqRegistered"), esc(staff.hqRegistered ?? "-")],
  ];
  if (staff.cadenceDays !== null) basics.push([t(lang, "followups.basis.personal"), esc(t(lang, "serve.card.cadence", { days: staff.cadenceDays }))]);
  if (staff.conversion !== null) {
    const c = staff.conversion;
    const what = c.kind === "product" ? t(lang, "serve.basis.product", { product: c.product ?? "-" }) : t(lang, c.kind === "fund" ? "serve.basis.fund" : "serve.basis.asset");
    const amount = c.amount === null || ctx.redacted ? "" : ` ${formatYuan(c.amount, lang)}`;
    basics.push([t(lang, "serve.card.conversion"), esc(`${c.at.replace("T", " ")} · ${what}${amount}`) + (c.account !== null && ctx.redacted ? "" : c.account === null ? "" : ` · ${esc(c.account)}`)]);
  }
  parts.push(`<h2>${esc(t(lang, "serve.card.basics"))}</h2>`, factsHtml(basics));
  const checklist = checklistRows(ctx, staff.archive, STAFF_CHECKLIST_FIELDS, (f) => PRIVATE_STAFF_FIELDS.has(f) || !STAFF_CHECKLIST_FIELDS.includes(f));
  parts.push(`<h2>${esc(t(lang, "serve.card.checklist"))}</h2>`, checklist.length === 0 ? `<p class="note">${esc(t(lang, "serve.frame.none"))}</p>` : factsHtml(checklist));
  parts.push(`<h2>${esc(t(lang, "serve.card.lastContacts"))}</h2>`, contactsTable(ctx, branch, branch.activities.filter((a) => a.with.includes(staff.id))));
  parts.push(itemsTable(ctx, input.items.filter((i) => i.person === staff.id && i.personType === "staff"), input.within));
  if (ordered.length > 1) {
    parts.push(`<h2>${esc(t(lang, "serve.card.otherRecords"))}</h2>`);
    parts.push(tableHtml([t(lang, "serve.col.branch"), t(lang, "serve.col.position"), t(lang, "sheet.col.left")], ordered.slice(1).map((r) => [branchLink(ctx, r.branch.id, r.branch.name), esc(labelOr(lang, `position.${r.staff.position}`, r.staff.position)), esc(r.staff.left ?? "-")])));
  }
  return renderPage(ctx, { title: staff.name, section: "branches", body: parts.join("\n") });
}

function birthdayText(person: { birthday: StaffMember["birthday"]; lunarBirthday: StaffMember["lunarBirthday"] }): string {
  const parts: string[] = [];
  const b = person.birthday;
  if (b !== null) parts.push(`${b.year === null ? "--" : b.year}-${String(b.month).padStart(2, "0")}-${String(b.day).padStart(2, "0")}`);
  const l = person.lunarBirthday;
  if (l !== null) parts.push(`农历 ${l.leap ? "闰" : ""}${l.month}-${l.day}`);
  return parts.join(" · ");
}

// ---- a prospect ----

export function findProspect(model: Model, key: string, keyOf: (id: string) => string): { branch: Branch; prospect: Prospect } | null {
  for (const branch of model.branches) {
    const prospect = branch.prospects.find((p) => keyOf(p.id) === key);
    if (prospect !== undefined) return { branch, prospect };
  }
  return null;
}

export function renderProspectCard(ctx: PageContext, input: CardInputs, branch: Branch, prospect: Prospect): string {
  const { lang } = ctx;
  const name = ctx.redacted ? maskedName(prospect.name) : prospect.name;
  const tier = t(lang, `report.tier.${prospect.tier}` as MessageKey);
  const title = t(lang, "serve.card.prospectTitle", { name, tier });
  const money = (amount: number | null) => (amount === null ? "-" : ctx.redacted ? t(lang, "serve.frame.hidden") : formatYuan(amount, lang));
  const parts: string[] = [`<h1>${esc(title)}</h1>`];
  if (prospect.converted !== null) parts.push(`<p>${esc(t(lang, "serve.card.converted", { date: prospect.converted.date }))}</p>`);
  const basics: [string, string][] = [
    [t(lang, "serve.field.branch"), branchLink(ctx, branch.id, branch.name)],
    [t(lang, "sheet.col.phone"), phoneHtml(ctx, prospect.phone)],
    [t(lang, "sheet.col.work_phone"), phoneHtml(ctx, prospect.workPhone)],
    [t(lang, "sheet.col.home_phone"), phoneHtml(ctx, prospect.homePhone)],
    [t(lang, "sheet.col.birthday"), prospect.birthday === null && prospect.lunarBirthday === null ? "-" : ctx.redacted ? hidden(lang) : esc(birthdayText(prospect))],
    [t(lang, "sheet.col.next_followup"), esc(prospect.nextFollowup ?? "-")],
  ];
  if (prospect.referral !== null) {
    const r = prospect.referral;
    const by = r.staff !== null ? ` · ${staffLink(ctx, r.staff, peopleOf(branch).get(r.staff)?.name ?? r.staff)}` : r.customer !== null && !ctx.redacted ? ` · ${personRef(ctx, branch, r.customer)}` : "";
    basics.push([t(lang, "sheet.col.source"), esc(labelOr(lang, `sheet.source.${r.kind}`, r.kind)) + by]);
  }
  parts.push(`<h2>${esc(t(lang, "serve.card.basics"))}</h2>`, factsHtml(basics));
  const checklist = checklistRows(ctx, prospect.archive, PROSPECT_CHECKLIST_FIELDS, (f) => !PUBLIC_PROSPECT_FIELDS.has(f));
  parts.push(`<h2>${esc(t(lang, "serve.card.checklist"))}</h2>`, checklist.length === 0 ? `<p class="note">${esc(t(lang, "serve.frame.none"))}</p>` : factsHtml(checklist));
  if (prospect.holdings.length > 0) {
    parts.push(`<h2>${esc(t(lang, "serve.card.holdings"))}</h2>`);
    parts.push(tableHtml([t(lang, "serve.col.product"), t(lang, "serve.bonus.col.amount"), t(lang, "serve.col.matures")], prospect.holdings.map((h) => [esc(h.product), esc(money(h.amount)), esc(h.matures ?? "-")]), { numeric: [1] }));
  }
  if (prospect.purchases.length > 0) {
    parts.push(`<h2>${esc(t(lang, "serve.card.purchases"))}</h2>`);
    parts.push(tableHtml([t(lang, "serve.col.date"), t(lang, "serve.col.product"), t(lang, "serve.bonus.col.amount")], prospect.purchases.map((p) => [esc(p.date), esc(p.product), esc(money(p.amount))]), { numeric: [2] }));
  }
  if (prospect.events.length > 0) {
    parts.push(`<h2>${esc(t(lang, "serve.card.events"))}</h2>`);
    parts.push(tableHtml([t(lang, "serve.col.date"), t(lang, "serve.col.event"), t(lang, "serve.bonus.col.amount"), t(lang, "serve.col.note")], prospect.events.map((e) => [esc(e.date), esc(labelOr(lang, `event.${e.kind}`, e.kind)), esc(money(e.amount)), e.note === null ? "" : ctx.redacted ? hidden(lang) : esc(e.note)]), { numeric: [2] }));
  }
  parts.push(`<h2>${esc(t(lang, "serve.card.lastContacts"))}</h2>`, contactsTable(ctx, branch, branch.activities.filter((a) => a.with.includes(prospect.id))));
  parts.push(itemsTable(ctx, input.items.filter((i) => i.person === prospect.id && i.personType === "prospect"), input.within));
  return renderPage(ctx, { title: name, section: "branches", body: parts.join("\n") });
}
