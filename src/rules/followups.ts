/**
 * The follow-ups of docs/rules.md: who to greet, call, visit, report to or register, and when. Pure: the
 * model, the policy, the as-of day D and the window W come in as arguments; nothing here reads
 * the clock, the disk or the environment, and nothing is worded: an item carries the facts a
 * renderer needs to explain it in either language.
 */
// The core of the model (model/types.ts) under the usual names: the follow-ups never read the extra fields, so a warm run need not load them.
import type { Activity, ActivityKind, BranchCore as Branch, CoreModel as Model, FollowupPolicy, Position, PositionCategory, ProspectCore as Prospect, StaffFileState, StaffCore as StaffMember } from "../model/types.js";
import { addDays, daysBetween, isLeapYear, isoDate, type IsoDate, type LunarBirthday, type SolarBirthday } from "../model/values.js";
import { compareText } from "../findings.js";
import { FOLLOWUP_KINDS, type DoneKind, type FollowupKind } from "./followup-kinds.js";
import { contactDeals, isDoneKind, openingDayFor } from "./closing.js";
import { isPresent } from "./presence.js";
import { nextLunarBirthday, type LunarOccurrence } from "./lunar.js";
import type { GreetGroup } from "../model/holidays.js";
import { holidayOccurrences, type HolidayOccurrence } from "./holidays.js";
import { groupMembers } from "./greet-groups.js";

export { FOLLOWUP_KINDS, type FollowupKind };

/** Where an item belongs and whom it is about: its fields before the kind (docs/json-output.md: fields that do not apply are null). */
interface Subject {
  branch: string | null;
  department: string | null;
  owner: string | null;
  person: string | null;
  name: string | null;
  personType: "staff" | "prospect" | null;
  position: Position | null;
  phone: string | null;
}

/** A holiday's: no branch, no person. */
const NO_SUBJECT: Subject = { branch: null, department: null, owner: null, person: null, name: null, personType: null, position: null, phone: null };

/** A branch's own item (leader report, archive review): no person. */
function branchSubject(branch: Branch): Subject {
  return { branch: branch.id, department: branch.department, owner: branch.owner, person: null, name: null, personType: null, position: null, phone: null };
}

function staffSubject(branch: Branch, staff: StaffMember): Subject {
  return { branch: branch.id, department: branch.department, owner: branch.owner, person: staff.id, name: staff.name, personType: "staff", position: staff.position, phone: staff.phone };
}

function prospectSubject(branch: Branch, prospect: Prospect): Subject {
  return { branch: branch.id, department: branch.department, owner: branch.owner, person: prospect.id, name: prospect.name, personType: "prospect", position: null, phone: prospectPhone(prospect) };
}

/**
 * The number to call a prospect on: the mobile (`phone`, reachable any time and by SMS), else the
 * work phone (office hours, when most calls are made), else the home phone.
 */
export function prospectPhone(prospect: Prospect): string | null {
  return prospect.phone ?? prospect.workPhone ?? prospect.homePhone;
}

/** Why an item is due, per kind: what a renderer needs for the detail. */
export type FollowupFacts =
  | {
      kind: "birthday";
      calendar: "solar";
      birthday: SolarBirthday;
      /** The age reached on the day, when the birth year is known. */
      age: number | null;
      /** A 02-29 birthday placed on 02-28 of a common year. */
      movedFromLeapDay: boolean;
    }
  | { kind: "birthday"; calendar: "lunar"; birthday: LunarBirthday; occurrence: LunarOccurrence }
  /** `recurs`: how a recurring holiday found this day (src/rules/holidays.ts); absent for a one-off day. */
  | { kind: "holiday"; name: string; recurs?: HolidayOccurrence["recurs"] }
  /** issue 23: whom to greet at a branch on a holiday: the members of `groups` there, sorted by person id. */
  | { kind: "greeting"; name: string; groups: readonly GreetGroup[]; recipients: GreetingRecipient[] }
  | {
      kind: "contact";
      /** The latest activity naming the person, on or before D; null when never contacted. */
      last: IsoDate | null;
      cadenceDays: number;
      /** Where the cadence comes from: the person's own `cadence_days`, `key`, their category, or (a prospect) the valuable tier. */
      cadenceBasis: CadenceBasis;
    }
  | { kind: "leader_report"; last: IsoDate | null; everyDays: number }
  | { kind: "archive_review"; reviewed: IsoDate | null; staffFile: StaffFileState; everyDays: number }
  | { kind: "prospect_followup"; planned: IsoDate }
  | { kind: "maturity"; product: string; amount: number | null; matures: IsoDate; leadDays: number }
  /** `amount` is null only once redacted (src/report/redact.ts): the rule needs it to fire. */
  | { kind: "large_movement"; date: IsoDate; amount: number | null; note: string | null }
  | { kind: "care_call"; date: IsoDate; product: string; amount: number | null }
  | { kind: "hq_registration"; position: Position; deadline: IsoDate }
  /** A branch of an am-covered department not reported to head office; its sales count for expense support only from the report on. */
  | { kind: "hq_report"; end: IsoDate }
  /** `note` is null when the event has none, and once redacted. */
  | { kind: "complaint"; date: IsoDate; note: string | null }
  | {
      kind: "planned";
      activityKind: ActivityKind;
      /** Everyone in `with`, in the order written; `name` and `personType` are null for an id that names nobody readable. */
      with: { id: string; name: string | null; personType: "staff" | "prospect" | null }[];
      note: string | null;
    };

/** One person to greet (docs/json-output.md `recipients`): the phone as on other items (a prospect's mobile first). */
export interface GreetingRecipient {
  person: string;
  name: string;
  phone: string | null;
  personType: "staff" | "prospect";
  /** A staff member's position (for the tables); null for a prospect. */
  position: Position | null;
}

/** Where a contact cadence comes from (docs/rules.md, contact cadence). */
export type CadenceBasis = "personal" | "key" | PositionCategory | "valuable";

export interface FollowupItem {
  due: IsoDate;
  kind: FollowupKind;
  /** due < D. */
  overdue: boolean;
  /** D − due when overdue, else 0. */
  daysLate: number;
  /**
   * An event-like item more than `escalate_days` late (due < D − escalate_days): not dealt with
   * by its owner in time, so it is also offered to the department's channel lead. False for
   * every other kind.
   */
  escalated: boolean;
  /** The department's channel lead (team.channel_lead) an escalated item is offered to; null when not escalated or the department names none. */
  channelLead: string | null;
  /** Null for a holiday. */
  branch: string | null;
  department: string | null;
  /** The staff or prospect id; null for holiday, leader_report and archive_review. */
  person: string | null;
  name: string | null;
  /** Whether `person` is a staff member or a prospect. */
  personType: "staff" | "prospect" | null;
  /** The staff member's position; null otherwise. */
  position: Position | null;
  /** The person's phone (a prospect's mobile); null when none is recorded or the item has no person. */
  phone: string | null;
  /** The branch owner (already the department's specialist when the branch names none). */
  owner: string | null;
  facts: FollowupFacts;
  /**
   * What makes this the same item from one run to the next, independent of language and of D:
   * kind, branch, person and the record it comes from (for items due "today" because nothing
   * happened yet, the identity does not contain the day, which moves with D). Calendar UIDs
   * are derived from it, and it breaks the last ties of the sort order.
   */
  identity: string;
}

/**
 * Every follow-up due on or before D+W, by the rules of docs/rules.md, sorted by due, kind
 * (in FOLLOWUP_KINDS order), branch id, person id.
 */
export function findDueFollowups(model: Model, policy: FollowupPolicy, asOf: IsoDate, within: number): FollowupItem[] {
  return collectDueFollowups(model, policy, asOf, within).sort(compareItems);
}

/**
 * The items of findDueFollowups in the order they are found (branch by branch, in model order),
 * for a rule that only counts them: sorting 200,000 items it never listed cost report summary a
 * second at head-office scale (issue 29; it now counts collectOverdueFollowups').
 */
export function collectDueFollowups(model: Model, policy: FollowupPolicy, asOf: IsoDate, within: number): FollowupItem[] {
  return collectFollowups(model, policy, asOf, within, false);
}

/**
 * The items of collectDueFollowups that are overdue, in the same order: what report summary
 * counts. The same walk over the model, in which an item due on or after D is not made (issue 29).
 */
export function collectOverdueFollowups(model: Model, policy: FollowupPolicy, asOf: IsoDate, within: number): FollowupItem[] {
  return collectFollowups(model, policy, asOf, within, true);
}

function collectFollowups(model: Model, policy: FollowupPolicy, asOf: IsoDate, within: number, overdueOnly: boolean): FollowupItem[] {
  const horizon = addDays(asOf, within);
  // Event-like items due before this day are escalated (docs/rules.md); none is dropped for its age.
  const escalateBefore = addDays(asOf, -policy.escalateDays);
  const channelLeads = new Map(model.departments.map((d) => [d.id, d.team.channelLead]));
  const contacts = contactsByPerson(model, asOf);
  const items: FollowupItem[] = [];
  // At head-office scale this runs over ~100,000 people: an item's object is made once, when
  // it is due, and nothing is allocated for the people who have nothing due.
  const add = (subject: Subject, kind: FollowupKind, due: IsoDate, facts: FollowupFacts, identity: string): void => {
    const overdue = due < asOf;
    if (overdueOnly && !overdue) return;
    const escalated = isDoneKind(kind) && due < escalateBefore;
    items.push({
      due,
      kind,
      overdue,
      daysLate: overdue ? daysBetween(due, asOf) : 0,
      escalated,
      channelLead: escalated && subject.department !== null ? (channelLeads.get(subject.department) ?? null) : null,
      branch: subject.branch,
      department: subject.department,
      person: subject.person,
      name: subject.name,
      personType: subject.personType,
      position: subject.position,
      phone: subject.phone,
      owner: subject.owner,
      facts,
      identity,
    });
  };
  /** The event-like kinds: not done (see `isDone`), due from `since` on (without it, however old) and not beyond the window. */
  const eventLike = (kind: DoneKind, due: IsoDate, opening: IsoDate, personId: string): boolean =>
    (policy.since === null || policy.since <= due) && due <= horizon && !isDone(contacts.get(personId), kind, opening);
  const amCovered = new Set(model.departments.filter((d) => d.amCovered).map((d) => d.id));
  const expenses = model.settings.expenseSupport;
  const inExpenseWindow = expenses !== null && expenses.start <= asOf && asOf <= expenses.end;
  const people = peopleNamedByPlans(model, asOf, horizon);

  const holidays = holidayOccurrences(model.settings.holidays, asOf, horizon);
  for (const { holiday, date, recurs } of holidays) {
    add(NO_SUBJECT, "holiday", date, { kind: "holiday", name: holiday.name, ...(recurs === null ? {} : { recurs }) }, `holiday|${date}|${holiday.name}`);
  }
  const greetings = holidays.filter((o) => o.holiday.greet !== undefined && o.holiday.greet.length > 0);

  for (const branch of model.branches) {
    // Staff who left keep their record and their history, but get no greetings or reminders.
    const present = branch.staff.filter((staff) => isPresent(staff, asOf));
    for (const staff of present) {
      for (const found of birthdays(staff, asOf, horizon)) add(staffSubject(branch, staff), "birthday", found.due, found.facts, `birthday|${branch.id}|${staff.id}|${found.key}`);
    }
    for (const prospect of branch.prospects) {
      for (const found of birthdays(prospect, asOf, horizon)) add(prospectSubject(branch, prospect), "birthday", found.due, found.facts, `birthday|${branch.id}|${prospect.id}|${found.key}`);
    }
    for (const { holiday, date } of greetings) {
      const recipients = greetingRecipients(branch, holiday.greet!, asOf);
      if (recipients.length > 0) {
        add(branchSubject(branch), "greeting", date, { kind: "greeting", name: holiday.name, groups: holiday.greet!, recipients }, `greeting|${branch.id}|${date}|${holiday.name}`);
      }
    }

    // The subject and the cadence's object are made only for a contact that is due (most are not).
    const contactItem = (person: string, cadenceDays: number, subject: () => Subject, cadence: () => { cadenceDays: number; cadenceBasis: CadenceBasis }): void => {
      const last = latest(contacts.get(person));
      const due = last === null ? asOf : addDays(last, cadenceDays);
      if (due <= horizon) add(subject(), "contact", due, { kind: "contact", last, ...cadence() }, `contact|${branch.id}|${person}|${last ?? "never"}`);
    };
    for (const staff of present) {
      contactItem(staff.id, cadenceDaysOf(staff, policy), () => staffSubject(branch, staff), () => cadenceOf(staff, policy));
    }
    for (const prospect of branch.prospects) {
      if (prospect.tier === "valuable") {
        contactItem(prospect.id, prospect.cadenceDays ?? policy.cadenceDays.valuable, () => prospectSubject(branch, prospect), () => prospectCadenceOf(prospect, policy));
      }
    }

    const lastReport = latestReport(branch.activities, asOf);
    const reportDue = lastReport === null ? asOf : addDays(lastReport, policy.leaderReportDays);
    if (reportDue <= horizon) {
      add(
        branchSubject(branch),
        "leader_report",
        reportDue,
        { kind: "leader_report", last: lastReport, everyDays: policy.leaderReportDays },
        `leader_report|${branch.id}|${lastReport ?? "never"}`,
      );
    }

    // A review dated after D has not happened yet (docs/rules.md: records count only on or before D).
    const reviewed = branch.reviewed !== null && branch.reviewed <= asOf ? branch.reviewed : null;
    const reviewDue = reviewed === null ? asOf : addDays(reviewed, policy.archiveReviewDays);
    if (reviewDue <= horizon) {
      add(
        branchSubject(branch),
        "archive_review",
        reviewDue,
        { kind: "archive_review", reviewed, staffFile: branch.staffFile, everyDays: policy.archiveReviewDays },
        `archive_review|${branch.id}|${reviewed ?? "never"}`,
      );
    }

    if (inExpenseWindow && amCovered.has(branch.department) && !(branch.hqReported !== null && branch.hqReported <= asOf)) {
      add(branchSubject(branch), "hq_report", asOf, { kind: "hq_report", end: expenses.end }, `hq_report|${branch.id}|${expenses.start}|${expenses.end}`);
    }

    for (const prospect of branch.prospects) {
      const base = `${branch.id}|${prospect.id}`;
      if (prospect.nextFollowup !== null) {
        const due = prospect.nextFollowup;
        if (eventLike("prospect_followup", due, openingDayFor("prospect_followup", due, null, policy.windowDays), prospect.id)) {
          add(prospectSubject(branch, prospect), "prospect_followup", due, { kind: "prospect_followup", planned: due }, `prospect_followup|${base}|${due}`);
        }
      }
      prospect.holdings.forEach((holding, index) => {
        if (holding.matures === null) return;
        const due = addDays(holding.matures, -policy.maturityLeadDays);
        if (eventLike("maturity", due, openingDayFor("maturity", due, null, policy.windowDays), prospect.id)) {
          add(
            prospectSubject(branch, prospect),
            "maturity",
            due,
            { kind: "maturity", product: holding.product, amount: holding.amount, matures: holding.matures, leadDays: policy.maturityLeadDays },
            `maturity|${base}|${holding.matures}|${holding.product}|${index}`,
          );
        }
      });
      prospect.events.forEach((event, index) => {
        if (event.date > asOf) return;
        // A movement and a complaint open alike: on the event's date.
        const opening = openingDayFor("complaint", event.date, null, policy.windowDays);
        if (event.kind === "large_movement") {
          if (event.amount === null || event.amount < policy.largeMovementMin) return;
          if (eventLike("large_movement", event.date, opening, prospect.id)) {
            add(
              prospectSubject(branch, prospect),
              "large_movement",
              event.date,
              { kind: "large_movement", date: event.date, amount: event.amount, note: event.note },
              `large_movement|${base}|${event.date}|${index}`,
            );
          }
        } else if (event.kind === "complaint" && eventLike("complaint", event.date, opening, prospect.id)) {
          add(prospectSubject(branch, prospect), "complaint", event.date, { kind: "complaint", date: event.date, note: event.note }, `complaint|${base}|${event.date}|${index}`);
        }
      });
      prospect.purchases.forEach((purchase, index) => {
        if (!purchase.important || purchase.date > asOf) return;
        const due = addDays(purchase.date, policy.careCallDays);
        if (eventLike("care_call", due, openingDayFor("care_call", due, purchase.date, policy.windowDays), prospect.id)) {
          add(
            prospectSubject(branch, prospect),
            "care_call",
            due,
            { kind: "care_call", date: purchase.date, product: purchase.product, amount: purchase.amount },
            `care_call|${base}|${purchase.date}|${purchase.product}|${index}`,
          );
        }
      });
    }

    branch.activities.forEach((activity, index) => {
      if (activity.date <= asOf || activity.date > horizon) return;
      // The plan belongs to the branch whose log holds it; its person is the first one it names
      // (an id that names nobody readable, say in a skipped file, stays as the bare id).
      const firstId = activity.with[0] ?? null;
      const first = firstId === null ? undefined : people.get(firstId);
      const subject: Subject =
        first === undefined ? { ...branchSubject(branch), person: firstId } : first.type === "staff" ? staffSubject(branch, first.staff) : prospectSubject(branch, first.prospect);
      const facts: FollowupFacts = {
        kind: "planned",
        activityKind: activity.kind,
        with: activity.with.map((id) => {
          const person = people.get(id);
          return { id, name: person?.name ?? null, personType: person?.type ?? null };
        }),
        note: activity.note,
      };
      add(subject, "planned", activity.date, facts, `planned|${branch.id}|${activity.date}|${activity.kind}|${activity.with.join(",")}|${index}`);
    });

    const bonus = model.settings.bonus;
    if (bonus !== null && bonus.start <= asOf && asOf <= bonus.deadline) {
      for (const staff of present) {
        if (!bonus.eligiblePositions.includes(staff.position)) continue;
        const registered = staff.hqRegistered !== null && staff.hqRegistered <= asOf;
        const converted = staff.conversion !== null && staff.conversion.at.slice(0, 10) <= asOf;
        if (registered || converted) continue;
        add(
          staffSubject(branch, staff),
          "hq_registration",
          asOf,
          { kind: "hq_registration", position: staff.position, deadline: bonus.deadline },
          `hq_registration|${branch.id}|${staff.id}|${bonus.start}|${bonus.deadline}`,
        );
      }
    }
  }

  return items;
}

/** Each kind's place in FOLLOWUP_KINDS, looked up once per comparison of a sort of 200,000 items. */
const KIND_RANK: ReadonlyMap<FollowupKind, number> = new Map(FOLLOWUP_KINDS.map((kind, rank) => [kind, rank]));

/** The order of docs/rules.md: due, kind, branch id, person id; then the identity, so that equal keys still sort one way. */
export function compareItems(a: FollowupItem, b: FollowupItem): number {
  return (
    compareText(a.due, b.due) ||
    KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)! ||
    compareText(a.branch ?? "", b.branch ?? "") ||
    compareText(a.person ?? "", b.person ?? "") ||
    compareText(a.identity, b.identity)
  );
}

/**
 * What `channel followups` narrows the list to; every given criterion must hold. Items of the
 * whole repository (holidays: no branch) concern everyone and pass the branch, owner and
 * department criteria; only `kinds` can leave them out. `owner` matches the branch's owner and,
 * on an escalated item, the department's channel lead it is offered to.
 */
export interface FollowupFilter {
  owner?: string;
  department?: string;
  branch?: string;
  kinds?: readonly FollowupKind[];
}

export function filterFollowups(items: readonly FollowupItem[], filter: FollowupFilter): FollowupItem[] {
  return items.filter(
    (item) =>
      (item.branch === null ||
        ((filter.owner === undefined || item.owner === filter.owner || item.channelLead === filter.owner) &&
          (filter.department === undefined || item.department === filter.department) &&
          (filter.branch === undefined || item.branch === filter.branch))) &&
      (filter.kinds === undefined || filter.kinds.length === 0 || filter.kinds.includes(item.kind)),
  );
}

/** The members of `groups` at a branch on day D as a greeting lists them: id, name and the phone to reach them on. */
function greetingRecipients(branch: Branch, groups: readonly GreetGroup[], asOf: IsoDate): GreetingRecipient[] {
  return groupMembers(branch, groups, asOf).map((m) =>
    m.type === "staff"
      ? { person: m.id, name: m.staff.name, phone: m.staff.phone, personType: "staff", position: m.staff.position }
      : { person: m.id, name: m.prospect.name, phone: prospectPhone(m.prospect), personType: "prospect", position: null },
  );
}

/** The cadence of a staff member: their own `cadence_days`, else `key`'s when key, else their category's. */
export function cadenceOf(staff: StaffMember, policy: FollowupPolicy): { cadenceDays: number; cadenceBasis: CadenceBasis } {
  if (staff.cadenceDays !== null) return { cadenceDays: staff.cadenceDays, cadenceBasis: "personal" };
  if (staff.key) return { cadenceDays: policy.cadenceDays.key, cadenceBasis: "key" };
  return { cadenceDays: policy.cadenceDays[staff.category], cadenceBasis: staff.category };
}

/** The days of `cadenceOf` alone, without an object: asked of every staff member present. */
function cadenceDaysOf(staff: StaffMember, policy: FollowupPolicy): number {
  return staff.cadenceDays ?? (staff.key ? policy.cadenceDays.key : policy.cadenceDays[staff.category]);
}

/** The cadence of a valuable prospect: their own `cadence_days`, else `cadence_days.valuable`. */
export function prospectCadenceOf(prospect: Prospect, policy: FollowupPolicy): { cadenceDays: number; cadenceBasis: CadenceBasis } {
  if (prospect.cadenceDays !== null) return { cadenceDays: prospect.cadenceDays, cadenceBasis: "personal" };
  return { cadenceDays: policy.cadenceDays.valuable, cadenceBasis: "valuable" };
}

/** The next occurrence on or after `from` of a solar birthday; 02-29 falls on 02-28 in common years. */
export function nextSolarBirthday(birthday: SolarBirthday, from: IsoDate): { date: IsoDate; movedFromLeapDay: boolean } {
  const year = Number(from.slice(0, 4));
  for (const y of [year, year + 1]) {
    const moved = birthday.month === 2 && birthday.day === 29 && !isLeapYear(y);
    const date = isoDate(y, birthday.month, moved ? 28 : birthday.day);
    if (date >= from) return { date, movedFromLeapDay: moved };
  }
  // Unreachable: every month-day occurs within a year of `from`.
  throw new Error(`no birthday after ${from}`);
}

interface FoundBirthday {
  due: IsoDate;
  facts: FollowupFacts;
  /** Which birthday and which occurrence: part of the item's identity. */
  key: string;
}

const NO_BIRTHDAYS: readonly FoundBirthday[] = [];

/** A person's next solar and next lunar birthday up to `horizon` (each one an item: the person may keep either). */
function birthdays(person: { birthday: SolarBirthday | null; lunarBirthday: LunarBirthday | null }, asOf: IsoDate, horizon: IsoDate): readonly FoundBirthday[] {
  const { birthday: solar, lunarBirthday: lunar } = person;
  if (solar === null && lunar === null) return NO_BIRTHDAYS;
  const found: FoundBirthday[] = [];
  if (solar !== null) {
    const next = nextSolarBirthday(solar, asOf);
    if (next.date <= horizon) {
      const age = solar.year === null ? null : Number(next.date.slice(0, 4)) - solar.year;
      found.push({
        due: next.date,
        facts: { kind: "birthday", calendar: "solar", birthday: solar, age, movedFromLeapDay: next.movedFromLeapDay },
        key: `solar|${next.date}`,
      });
    }
  }
  if (lunar !== null) {
    const occurrence = nextLunarBirthday(lunar, asOf);
    if (occurrence.date <= horizon) {
      found.push({ due: occurrence.date, facts: { kind: "birthday", calendar: "lunar", birthday: lunar, occurrence }, key: `lunar|${occurrence.date}` });
    }
  }
  return found;
}

/** One activity as a contact of one person: its day and the follow-up kinds it says it dealt with (null: it does not say). */
interface Contact {
  date: IsoDate;
  done: readonly DoneKind[] | null;
}

/**
 * For every person id, the activities naming them on or before D (later ones are plans), by day ascending, from every branch's log.
 * The activity itself is the contact (it has the day and `done`): nothing is made per activity.
 */
function contactsByPerson(model: Model, asOf: IsoDate): Map<string, Contact[]> {
  const contacts = new Map<string, Contact[]>();
  for (const branch of model.branches) {
    for (const activity of branch.activities) {
      if (activity.date > asOf) continue;
      const ids = activity.with;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        // An id written twice in `with` is one contact.
        if (ids.indexOf(id) !== i) continue;
        const list = contacts.get(id);
        if (list) list.push(activity);
        else contacts.set(id, [activity]);
      }
    }
  }
  for (const list of contacts.values()) list.sort((a, b) => compareText(a.date, b.date));
  return contacts;
}

function latest(contacts: readonly Contact[] | undefined): IsoDate | null {
  return contacts !== undefined && contacts.length > 0 ? contacts[contacts.length - 1]!.date : null;
}

/** Whether a contact on or before D dealt with the item (closing.ts: only a `done` list naming its kind closes it). */
function isDone(contacts: readonly Contact[] | undefined, kind: DoneKind, opening: IsoDate): boolean {
  return contacts !== undefined && contacts.some((c) => contactDeals(c, kind, opening));
}

type PersonRecord = { type: "staff"; staff: StaffMember; name: string } | { type: "prospect"; prospect: Prospect; name: string };

/**
 * The staff members and prospects that the plans (activities after D, up to the horizon) name, by
 * id (ids are unique across the repository; the first one wins should a broken repository repeat
 * one). Only these: a map of every person (370,000 at 2,000 branches) cost a warm run a second.
 */
function peopleNamedByPlans(model: Model, asOf: IsoDate, horizon: IsoDate): Map<string, PersonRecord> {
  const named = new Set<string>();
  for (const branch of model.branches) {
    for (const activity of branch.activities) if (activity.date > asOf && activity.date <= horizon) for (const id of activity.with) named.add(id);
  }
  const people = new Map<string, PersonRecord>();
  if (named.size === 0) return people;
  for (const branch of model.branches) {
    for (const staff of branch.staff) if (named.has(staff.id) && !people.has(staff.id)) people.set(staff.id, { type: "staff", staff, name: staff.name });
    for (const prospect of branch.prospects) if (named.has(prospect.id) && !people.has(prospect.id)) people.set(prospect.id, { type: "prospect", prospect, name: prospect.name });
  }
  return people;
}

function latestReport(activities: readonly Activity[], asOf: IsoDate): IsoDate | null {
  let last: IsoDate | null = null;
  for (const a of activities) if (a.kind === "report" && a.date <= asOf && (last === null || a.date > last)) last = a.date;
  return last;
}
