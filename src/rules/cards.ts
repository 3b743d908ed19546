/**
 * The cards `channel show` prints before a visit (and `channel serve` is to show as pages): all
 * the archive holds on one person or one branch, with the last contacts and what is open, as
 * data. Nothing here is worded: the renderers (src/report/show.ts) name every field in the
 * user's language, and the JSON keeps the codes.
 *
 * Open items are the follow-ups of docs/rules.md at D (findDueFollowups, the list's own rule);
 * the checklist gaps are coverage's (measureBranch). Pure: the model, the as-of day and the
 * policy come in as arguments.
 */
import type { Activity, ActivityKind, Branch, Competitor, IsoDate, KpiMonth, KpiTarget, Model, PossibleEntrant, PositionCategory, Prospect, StaffMember } from "../model/types.js";
import { POSITION_CATEGORIES, POSITIONS } from "../model/types.js";
import { addDays, type LunarBirthday, type SolarBirthday } from "../model/values.js";
import { compareText } from "../findings.js";
import { BRANCH_BASIC_CHECKLIST, BUSINESS_CHECKLIST, SURROUNDINGS_CHECKLIST, isFilled, prospectValue, staffValue, KEY_FIGURES, measureBranch, PROSPECT_BASIC_CHECKLIST, PROSPECT_VALUABLE_CHECKLIST, STAFF_CHECKLIST, type ChecklistItemDefinition, type CoverageItem } from "./coverage.js";
import type { DoneKind } from "./followup-kinds.js";
import { cadenceOf, findDueFollowups, nextSolarBirthday, prospectCadenceOf, type CadenceBasis, type FollowupItem } from "./followups.js";
import { nextLunarBirthday, type LunarOccurrence } from "./lunar.js";
import { isPresent } from "./presence.js";

/** How many contacts a person's card lists (newest first). */
export const LAST_CONTACTS = 5;
/** How many months of KPIs a branch's card lists (the latest recorded up to D's month). */
export const KPI_CARD_MONTHS = 3;

/** Free-text archive fields of a staff member, in the order of the staff checklist (人员信息档案). */
export const STAFF_ARCHIVE_FIELDS = ["wechat", "qq", "email", "history", "hobbies", "family", "personality", "values", "schedule", "relationships", "notes"] as const;
/** Checklist fields of a prospect (客户信息收集表), in the order of the valuable checklist a–j. */
export const PROSPECT_ARCHIVE_FIELDS = [
  "gender", "age", "address", "home_address", "work_address", "qq", "email", "wechat", "family", "occupation", "income_monthly",
  "hobbies", "attitude", "products", "broker", "frequency", "institutions", "fee_acceptance", "notes",
] as const;

/** The business fields that make the record of the branch head (行长), shown as one group of their own. */
export const HEAD_FIELDS = ["business.head_tenure", "business.head_previous_post", "business.head_promoted", "business.securities_handler"] as const;

/** The branch.yaml sections a card shows, in the checklist's order. */
export const CARD_SECTIONS = ["profile", "environment", "business", "surroundings"] as const;
export type CardSection = (typeof CARD_SECTIONS)[number];

/** Where the person or branch belongs. */
export interface CardBranch {
  id: string;
  name: string;
  department: string;
  /** The department's name; null when departments.yaml does not have it. */
  departmentName: string | null;
  /** The channel worker in charge (the branch's owner, else the department's specialist). */
  owner: string | null;
}

/** Someone the card names (a referrer, someone met with the person), with their name when the archive has one. */
export interface PersonRef {
  id: string;
  /** Null for an id that names nobody readable. */
  name: string | null;
  type: "staff" | "prospect" | null;
}

/** One contact from the log, as a card lists it. */
export interface CardContact {
  date: IsoDate;
  kind: ActivityKind;
  by: string | null;
  note: string | null;
  done: DoneKind[] | null;
  /** The others named in the same activity, in the order written. */
  others: PersonRef[];
}

/** A birthday's next occurrence on or after D. */
export type CardBirthday =
  | { calendar: "solar"; birthday: SolarBirthday; date: IsoDate; age: number | null }
  | { calendar: "lunar"; birthday: LunarBirthday; date: IsoDate; occurrence: LunarOccurrence };

/** One field of the archive: its name as in the files and its value as written (null: not filled). */
export interface CardField {
  field: string;
  value: unknown;
}

/** A checklist item the record does not answer yet (the manual's list, with its letter). */
export interface CardGap {
  checklist: "staff" | "prospects_basic" | "prospects_valuable";
  item: string;
  letter: string | null;
}

/** The contact cadence and when the next contact is due (a present staff member or a valuable prospect). */
export interface CardCadence {
  days: number;
  basis: CadenceBasis;
  /** The latest contact on or before D; null when never contacted. */
  last: IsoDate | null;
  /** last + days, or D when never contacted. */
  due: IsoDate;
}

/** A prospect this person referred (or was referred by). */
export interface CardReferral extends PersonRef {
  branch: string;
  tier: Prospect["tier"];
  /** The day the prospect opened an account with us, on or before D; null otherwise. */
  converted: IsoDate | null;
}

/** Everything the archive holds on one person, with their last contacts and open items. */
export interface PersonCard {
  kind: "person";
  asOf: IsoDate;
  /** Personal data masked for showing others (`show --redact`, src/report/show.ts); false as built. */
  redacted: boolean;
  branch: CardBranch;
  person: { type: "staff"; record: StaffMember; present: boolean } | { type: "prospect"; record: Prospect; found: IsoDate | null };
  /** Next solar birthday first, then lunar; empty when neither is recorded. */
  birthdays: CardBirthday[];
  cadence: CardCadence | null;
  /** The checklist fields, each in the checklist's order, filled or not, then any other field written. */
  archive: CardField[];
  gaps: CardGap[];
  /** How a prospect was found: the kind and who referred them. Null for staff and prospects without `source`. */
  source: { kind: string; staff: PersonRef | null; customer: PersonRef | null } | null;
  /** The prospects whose `source` names this person (as referring staff or customer), by id. */
  referrals: CardReferral[];
  /** Contacts on or before D naming the person: the latest LAST_CONTACTS, newest first. */
  contacts: CardContact[];
  /** All contacts on or before D naming the person. */
  contactCount: number;
  /** Activities after D naming the person (plans), soonest first. */
  planned: CardContact[];
  /** The person's follow-ups open at D within the policy's window (the list's own rule and order). */
  openItems: FollowupItem[];
}

/** A staff member as a branch card lists them. */
export interface CardStaff {
  id: string;
  name: string;
  position: StaffMember["position"];
  key: boolean;
  phone: string | null;
  /** The latest contact on or before D naming them; null when never. */
  lastContact: { date: IsoDate; kind: ActivityKind } | null;
}

/** A staff category of a branch card, with its present staff: key persons first, then in the positions table's order, then by name. */
export interface CardStaffGroup {
  category: PositionCategory;
  staff: CardStaff[];
}

/** Everything the archive holds on one branch. */
export interface BranchCard {
  kind: "branch";
  asOf: IsoDate;
  /** As PersonCard's. */
  redacted: boolean;
  branch: CardBranch;
  record: Pick<Branch, "bank" | "level" | "parent" | "hqReported" | "address" | "phone" | "reviewed" | "staffFile">;
  /** The parent branch's name when the parent is a branch folder of the repository. */
  parentName: string | null;
  /** Each section's fields as written (the head's record excepted): checklist fields first in its order, then others by name. */
  sections: { section: CardSection; fields: CardField[] }[];
  /** The branch head (行长): the present staff in that position, and the record's fields (HEAD_FIELDS, filled or not). */
  head: { staff: CardStaff[]; fields: CardField[] };
  /** Present staff by category (the positions table's order); categories without anyone left out. */
  staff: CardStaffGroup[];
  /** Staff who left on or before D, by id. */
  formerStaff: { id: string; name: string; left: IsoDate }[];
  /** Competitors by name. */
  competitors: Competitor[];
  /** Null: not considered yet; empty: considered, none expected. */
  possibleEntrants: PossibleEntrant[] | null;
  /** The latest KPI_CARD_MONTHS months recorded up to D's month, oldest first, and the figures they hold (key figures first). */
  kpis: { months: KpiMonth[]; figures: string[]; targets: KpiTarget[] };
  prospects: { total: number; valuable: number; customers: number };
  /** The branch's follow-ups open at D within the policy's window (its people's and its own), in the list's order. */
  openItems: FollowupItem[];
  /** The archive's coverage at D (0…1). */
  coverage: number;
  /** Checklist items not complete, biggest gap first (coverage's order). */
  gaps: CoverageItem[];
}

export type Card = PersonCard | BranchCard;

/** Activities naming each person, over the whole repository (a person who moved keeps their log), sorted by date. */
function activitiesByPerson(model: Model): Map<string, Activity[]> {
  const byPerson = new Map<string, Activity[]>();
  for (const branch of model.branches) {
    for (const activity of branch.activities) {
      for (const id of new Set(activity.with)) {
        const list = byPerson.get(id);
        if (list === undefined) byPerson.set(id, [activity]);
        else list.push(activity);
      }
    }
  }
  for (const list of byPerson.values()) list.sort((a, b) => compareText(a.date, b.date) || compareText(a.branch, b.branch));
  return byPerson;
}

function peopleIndex(model: Model): Map<string, PersonRef> {
  const index = new Map<string, PersonRef>();
  for (const b of model.branches) {
    for (const s of b.staff) index.set(s.id, { id: s.id, name: s.name, type: "staff" });
    for (const p of b.prospects) index.set(p.id, { id: p.id, name: p.name, type: "prospect" });
  }
  return index;
}

function refOf(id: string, people: ReadonlyMap<string, PersonRef>): PersonRef {
  return people.get(id) ?? { id, name: null, type: null };
}

function cardBranch(model: Model, branch: Branch): CardBranch {
  const department = model.departments.find((d) => d.id === branch.department);
  return { id: branch.id, name: branch.name, department: branch.department, departmentName: department?.name ?? null, owner: branch.owner };
}

function contactOf(activity: Activity, personId: string, people: ReadonlyMap<string, PersonRef>): CardContact {
  return {
    date: activity.date,
    kind: activity.kind,
    by: activity.by,
    note: activity.note,
    done: activity.done,
    others: [...new Set(activity.with)].filter((id) => id !== personId).map((id) => refOf(id, people)),
  };
}

/** The value of a checklist field of a staff member or prospect, read as coverage reads it (one answer to "is it filled"). */
function fieldValue(record: StaffMember | Prospect, field: string): unknown {
  return "tier" in record ? prospectValue(record, field) : staffValue(record, field);
}

function gapsOf(record: StaffMember | Prospect, checklist: CardGap["checklist"], items: readonly ChecklistItemDefinition[]): CardGap[] {
  return items
    .filter((item) => !item.parts.every((alternatives) => alternatives.some((field) => isFilled(fieldValue(record, field)))))
    .map((item) => ({ checklist, item: item.item, letter: item.letter }));
}

function archiveFields(record: StaffMember | Prospect, fields: readonly string[]): CardField[] {
  const listed = fields.map((field) => ({ field, value: isFilled(fieldValue(record, field)) ? fieldValue(record, field) : null }));
  // Fields written beyond the checklist (found is shown with the record itself).
  const others = Object.keys(record.archive)
    .filter((key) => !fields.includes(key) && key !== "found" && key !== "customer_since" && record.archive[key] !== undefined)
    .sort(compareText)
    .map((field) => ({ field, value: record.archive[field] }));
  return [...listed, ...others];
}

function birthdaysOf(record: StaffMember | Prospect, asOf: IsoDate): CardBirthday[] {
  const out: CardBirthday[] = [];
  if (record.birthday !== null) {
    const next = nextSolarBirthday(record.birthday, asOf);
    out.push({ calendar: "solar", birthday: record.birthday, date: next.date, age: record.birthday.year === null ? null : Number(next.date.slice(0, 4)) - record.birthday.year });
  }
  if (record.lunarBirthday !== null) {
    const occurrence = nextLunarBirthday(record.lunarBirthday, asOf);
    out.push({ calendar: "lunar", birthday: record.lunarBirthday, date: occurrence.date, occurrence });
  }
  return out;
}

/** Where a prospect's `found` day is: the model's field, or the record as written. */
export function foundDay(prospect: Prospect): IsoDate | null {
  const written = prospect.found ?? prospect.archive.found;
  return typeof written === "string" ? written : null;
}

/** A person's open items at D: the follow-up list's items about them. */
function openItemsOf(model: Model, asOf: IsoDate, filter: (item: FollowupItem) => boolean): FollowupItem[] {
  const policy = model.settings.followups;
  return findDueFollowups(model, policy, asOf, policy.windowDays).filter(filter);
}

/** Finds the branch and record of a staff member or prospect by id; null when the model has none. */
export function findPerson(model: Model, id: string): { branch: Branch; staff: StaffMember | null; prospect: Prospect | null } | null {
  for (const branch of model.branches) {
    const staff = branch.staff.find((s) => s.id === id);
    if (staff !== undefined) return { branch, staff, prospect: null };
    const prospect = branch.prospects.find((p) => p.id === id);
    if (prospect !== undefined) return { branch, staff: null, prospect };
  }
  return null;
}

/** The card of the staff member or prospect `id` at D; null when the model has no such person. */
export function buildPersonCard(model: Model, id: string, asOf: IsoDate): PersonCard | null {
  const found = findPerson(model, id);
  if (found === null) return null;
  const { branch } = found;
  const policy = model.settings.followups;
  const people = peopleIndex(model);
  const logged = activitiesByPerson(model).get(id) ?? [];
  const past = logged.filter((a) => a.date <= asOf);
  const record = (found.staff ?? found.prospect)!;
  const last = past.length === 0 ? null : past[past.length - 1]!.date;

  let cadence: CardCadence | null = null;
  const cadenceFrom = ({ cadenceDays, cadenceBasis }: { cadenceDays: number; cadenceBasis: CadenceBasis }): CardCadence => ({
    days: cadenceDays,
    basis: cadenceBasis,
    last,
    due: last === null ? asOf : addDays(last, cadenceDays),
  });
  if (found.staff !== null && isPresent(found.staff, asOf)) cadence = cadenceFrom(cadenceOf(found.staff, policy));
  if (found.prospect !== null && found.prospect.tier === "valuable") cadence = cadenceFrom(prospectCadenceOf(found.prospect, policy));

  const referrals: CardReferral[] = [];
  for (const b of model.branches) {
    for (const p of b.prospects) {
      if (p.referral !== null && (p.referral.staff === id || p.referral.customer === id)) {
        referrals.push({ id: p.id, name: p.name, type: "prospect", branch: b.id, tier: p.tier, converted: p.converted !== null && p.converted.date <= asOf ? p.converted.date : null });
      }
    }
  }
  referrals.sort((a, b) => compareText(a.id, b.id));

  const prospect = found.prospect;
  return {
    kind: "person",
    asOf,
    redacted: false,
    branch: cardBranch(model, branch),
    person: found.staff !== null ? { type: "staff", record: found.staff, present: isPresent(found.staff, asOf) } : { type: "prospect", record: prospect!, found: foundDay(prospect!) },
    birthdays: birthdaysOf(record, asOf),
    cadence,
    archive: archiveFields(record, found.staff !== null ? STAFF_ARCHIVE_FIELDS : PROSPECT_ARCHIVE_FIELDS),
    gaps:
      found.staff !== null
        ? gapsOf(record, "staff", STAFF_CHECKLIST)
        : [...gapsOf(record, "prospects_basic", PROSPECT_BASIC_CHECKLIST), ...(prospect!.tier === "valuable" ? gapsOf(record, "prospects_valuable", PROSPECT_VALUABLE_CHECKLIST) : [])],
    source:
      prospect === null || prospect.referral === null
        ? null
        : {
            kind: prospect.referral.kind,
            staff: prospect.referral.staff === null ? null : refOf(prospect.referral.staff, people),
            customer: prospect.referral.customer === null ? null : refOf(prospect.referral.customer, people),
          },
    referrals,
    contacts: past.slice(-LAST_CONTACTS).reverse().map((a) => contactOf(a, id, people)),
    contactCount: past.length,
    planned: logged.filter((a) => a.date > asOf).map((a) => contactOf(a, id, people)),
    openItems: openItemsOf(model, asOf, (item) => item.person === id),
  };
}

function cardStaff(staff: StaffMember, logged: ReadonlyMap<string, Activity[]>, asOf: IsoDate): CardStaff {
  const past = (logged.get(staff.id) ?? []).filter((a) => a.date <= asOf);
  const latest = past[past.length - 1];
  return { id: staff.id, name: staff.name, position: staff.position, key: staff.key, phone: staff.phone, lastContact: latest === undefined ? null : { date: latest.date, kind: latest.kind } };
}

function sectionFields(branch: Branch, section: CardSection): CardField[] {
  const written = branch.sections[section] ?? {};
  // The section's fields in the order the manual's branch lists ask them.
  const checklist = [...BRANCH_BASIC_CHECKLIST, ...BUSINESS_CHECKLIST, ...SURROUNDINGS_CHECKLIST]
    .flatMap((item) => item.parts.flat())
    .filter((path) => path.startsWith(`${section}.`) && !(HEAD_FIELDS as readonly string[]).includes(path))
    .map((path) => path.slice(section.length + 1));
  const listed = checklist.filter((field) => written[field] !== undefined && written[field] !== null).map((field) => ({ field: `${section}.${field}`, value: written[field] }));
  const others = Object.keys(written)
    .filter((field) => !checklist.includes(field) && !(HEAD_FIELDS as readonly string[]).includes(`${section}.${field}`) && written[field] !== undefined && written[field] !== null)
    .sort(compareText)
    .map((field) => ({ field: `${section}.${field}`, value: written[field] }));
  return [...listed, ...others];
}

/** The card of the branch `id` at D; null when the model has no such branch. */
export function buildBranchCard(model: Model, id: string, asOf: IsoDate): BranchCard | null {
  const branch = model.branches.find((b) => b.id === id);
  if (branch === undefined) return null;
  const logged = activitiesByPerson(model);
  const present = branch.staff.filter((s) => isPresent(s, asOf));
  const positionOrder = (s: StaffMember) => POSITIONS.indexOf(s.position);
  const byImportance = (a: StaffMember, b: StaffMember) => Number(b.key) - Number(a.key) || positionOrder(a) - positionOrder(b) || compareText(a.name, b.name) || compareText(a.id, b.id);
  const staff: CardStaffGroup[] = (Object.keys(POSITION_CATEGORIES) as PositionCategory[])
    .map((category) => ({ category, staff: present.filter((s) => s.category === category).sort(byImportance).map((s) => cardStaff(s, logged, asOf)) }))
    .filter((g) => g.staff.length > 0);
  const business = branch.sections.business ?? {};
  const month = asOf.slice(0, 7);
  const months = branch.kpiMonths.filter((m) => m.month <= month).sort((a, b) => compareText(a.month, b.month)).slice(-KPI_CARD_MONTHS);
  const written = new Set(months.flatMap((m) => Object.keys(m.figures).filter((f) => m.figures[f] !== null)));
  const figures = [...KEY_FIGURES.filter((f) => written.has(f)), ...[...written].filter((f) => !(KEY_FIGURES as readonly string[]).includes(f)).sort(compareText)];
  const coverage = measureBranch(branch, asOf);
  const parent = branch.parent === null ? undefined : model.branches.find((b) => b.id === branch.parent);
  return {
    kind: "branch",
    asOf,
    redacted: false,
    branch: cardBranch(model, branch),
    record: { bank: branch.bank, level: branch.level, parent: branch.parent, hqReported: branch.hqReported, address: branch.address, phone: branch.phone, reviewed: branch.reviewed, staffFile: branch.staffFile },
    parentName: parent?.name ?? null,
    sections: CARD_SECTIONS.map((section) => ({ section, fields: sectionFields(branch, section) })).filter((s) => s.fields.length > 0),
    head: {
      staff: present.filter((s) => s.position === "branch_head").sort(byImportance).map((s) => cardStaff(s, logged, asOf)),
      fields: HEAD_FIELDS.map((path) => {
        const value = business[path.slice("business.".length)];
        return { field: path, value: isFilled(value) ? value : null };
      }),
    },
    staff,
    formerStaff: branch.staff
      .filter((s) => !isPresent(s, asOf))
      .map((s) => ({ id: s.id, name: s.name, left: s.left! }))
      .sort((a, b) => compareText(a.id, b.id)),
    competitors: [...branch.competitors].sort((a, b) => compareText(a.name, b.name)),
    possibleEntrants: branch.possibleEntrants,
    kpis: { months, figures, targets: branch.kpiTargets },
    prospects: {
      total: branch.prospects.length,
      valuable: branch.prospects.filter((p) => p.tier === "valuable").length,
      customers: branch.prospects.filter((p) => (p.converted !== null && p.converted.date <= asOf) || p.purchases.some((x) => x.date <= asOf)).length,
    },
    openItems: openItemsOf(model, asOf, (item) => item.branch === branch.id),
    coverage: coverage.share,
    gaps: coverage.items.filter((i) => i.share !== null && i.share < 1),
  };
}
