/**
 * How complete the information archive is (信息档案完整度), measured item by item against the
 * field manual's checklists (docs/checklists.md has the table users read):
 * - staff (人员信息档案): the 个人信息 list a–h plus birthday and phone, for every staff member
 *   present at D;
 * - the branch (网点信息): basic information, physical environment, business information,
 *   surroundings — each a group of branch.yaml fields;
 * - competitors (竞争对手): whether any is recorded, each one's strategy, strengths and
 *   weaknesses, and whether possible new entrants (潜在竞争者) were considered;
 * - KPIs (指标): the key figures of each of the last three months ended by D;
 * - prospects: the basic list (简易信息) for every prospect, the valuable list a–j (有价值客户)
 *   for valuable ones.
 *
 * An item is answered when every one of its parts is, and a part when any of its fields says
 * something (see `isFilled`): "联系电话（单位、住宅、手机）" asks for three numbers, "QQ、电子邮箱"
 * for one way to write to the person. Every item gets a share (0…1, or null when there is nothing
 * to measure); a branch's coverage is the plain mean of its items' shares, so each item of the
 * manual weighs the same. Items are listed biggest gap first, naming who or what is missing.
 *
 * Pure: a function of the model and the as-of day.
 */
import type { Branch, Competitor, IsoDate, IsoMonth, Model, Prospect, StaffMember } from "../model/types.js";
import { POSITIONS } from "../model/types.js";
import { daysInMonth } from "../model/values.js";
import { compareText } from "../validate/findings.js";
import { isPresent } from "./presence.js";

/** The manual's checklists, in the order the report lists equal gaps. */
export const CHECKLISTS = ["staff", "branch", "competitors", "kpis", "prospects_basic", "prospects_valuable"] as const;
export type Checklist = (typeof CHECKLISTS)[number];

/**
 * One item of a checklist: its code, the manual's letter (a–h, a–j; null for lists the manual
 * does not letter) and its parts. Each part is a list of alternative fields, named as in the data
 * files; the item is answered when every part has at least one field filled.
 */
export interface ChecklistItemDefinition {
  item: string;
  letter: string | null;
  parts: readonly (readonly string[])[];
}

/**
 * 个人信息 a–h, then birthday and phone. Name and position are required by the schema, so item a
 * is answered by the contact details; `joined` (入行时间) is part of the record but the 履历 item
 * asks for the history itself.
 */
export const STAFF_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "contact", letter: "a", parts: [["phone", "wechat", "qq", "email"]] },
  { item: "history", letter: "b", parts: [["history"]] },
  { item: "hobbies", letter: "c", parts: [["hobbies"]] },
  { item: "family", letter: "d", parts: [["family"]] },
  { item: "personality", letter: "e", parts: [["personality"]] },
  { item: "values", letter: "f", parts: [["values"]] },
  { item: "schedule", letter: "g", parts: [["schedule"]] },
  { item: "relationships", letter: "h", parts: [["relationships"]] },
  { item: "birthday", letter: null, parts: [["birthday", "lunar_birthday"]] },
  { item: "phone", letter: null, parts: [["phone"]] },
];

/**
 * The branch information list: one item per group, each field its own part, named by its path in
 * branch.yaml (without the `notes` of each section: a remark, not something to find out).
 * Business information takes both the profile (网点概况) and business (业务情况) sections.
 */
export const BRANCH_GROUPS = {
  basic: ["bank", "parent", "address", "phone"],
  environment: [
    "environment.self_service_area",
    "environment.lobby_desk",
    "environment.ordinary_windows",
    "environment.vip_windows",
    "environment.corporate_windows",
    "environment.vip_room",
    "environment.display",
  ],
  business: [
    "profile.status",
    "profile.opened",
    "profile.staff_count",
    "profile.daily_customers",
    "profile.peak_hours",
    "profile.org_chart",
    "business.deposits",
    "business.vip_customers",
    "business.good_customers",
    "business.key_customer_holders",
    "business.ranking",
    "business.structure",
    "business.sales_habits",
    "business.growth",
    "business.head_attention",
    "business.head_tenure",
    "business.head_previous_post",
    "business.head_promoted",
    "business.securities_handler",
  ],
  surroundings: [
    "surroundings.population",
    "surroundings.commerce",
    "surroundings.transport",
    "surroundings.busiest_time",
    "surroundings.daily_transactions",
    "surroundings.district_type",
  ],
} as const;
export type BranchGroup = keyof typeof BRANCH_GROUPS;
const BRANCH_GROUP_ORDER: readonly BranchGroup[] = ["basic", "environment", "business", "surroundings"];

/** What the manual asks about each competitor present. */
export const COMPETITOR_DETAILS = ["strategy", "strengths", "weaknesses"] as const;

/** The key figures a month of kpis.yaml should have: the figures of the example month in docs/data-format.md. */
export const KEY_FIGURES = ["deposits", "vip_customers", "new_accounts", "assets_in", "ranking"] as const;
/** How many of the latest months ended by D are expected in kpis.yaml. */
export const KPI_MONTHS = 3;

/** 简易信息: what is asked of every prospect (the name is required by the schema). */
export const PROSPECT_BASIC_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "phone", letter: null, parts: [["phone", "work_phone", "home_phone"]] },
  { item: "source", letter: null, parts: [["source"]] },
  { item: "holdings", letter: null, parts: [["holdings"]] },
];

/** 有价值客户 a–j: what is asked of a valuable prospect. */
export const PROSPECT_VALUABLE_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "personal", letter: "a", parts: [["gender"], ["age"], ["birthday", "lunar_birthday"]] },
  { item: "addresses", letter: "b", parts: [["home_address", "address"], ["work_address"]] },
  { item: "phones", letter: "c", parts: [["work_phone"], ["home_phone"], ["phone"]] },
  { item: "online", letter: "d", parts: [["qq", "email", "wechat"]] },
  { item: "family", letter: "e", parts: [["family"]] },
  { item: "occupation_income", letter: "f", parts: [["occupation"], ["income_monthly"]] },
  { item: "hobbies", letter: "g", parts: [["hobbies"]] },
  { item: "attitude_products", letter: "h", parts: [["attitude"], ["products"]] },
  { item: "broker_frequency", letter: "i", parts: [["broker"], ["frequency"]] },
  { item: "institutions_fees", letter: "j", parts: [["institutions"], ["fee_acceptance"]] },
];

/**
 * Who or what an item misses: staff and prospects by id and name (key persons marked), competitors
 * by name, branch.yaml fields by their path, KPI figures by their field in a kpis.yaml month.
 */
export type Missing =
  | { kind: "staff"; id: string; name: string; key: boolean }
  | { kind: "prospect"; id: string; name: string; key: boolean }
  | { kind: "competitor"; name: string }
  | { kind: "field"; path: string }
  | { kind: "figure"; figure: string };

export interface CoverageItem {
  checklist: Checklist;
  item: string;
  letter: string | null;
  /** The month of a KPI item; null for the others. */
  month: IsoMonth | null;
  /**
   * Staff and prospect items: people answering it, of the people the list applies to.
   * Branch groups and KPI months: fields filled, of the fields asked. Competitor details:
   * competitors with it, of those recorded. `competitors` and `possible_entrants`: 1 of 1 or 0 of 1.
   */
  filled: number;
  total: number;
  /**
   * filled / total. With nothing to measure: 0 for staff items (a branch without staff on file is
   * the biggest gap, not a complete one), null for competitor details and prospect lists (the
   * count item says whether competitors are recorded; no prospect yet is not a gap in the archive).
   */
  share: number | null;
  /** In the order a worker should ask: staff key persons and leaders first, prospects valuable first, competitors by name, fields in checklist order. */
  missing: Missing[];
}

export interface BranchCoverage {
  branch: string;
  name: string;
  department: string;
  level: Branch["level"];
  /** Staff members present at D. */
  staff: number;
  keyStaff: number;
  competitors: number;
  /** Possible entrants recorded; null when not considered (no `possible_entrants`). */
  possibleEntrants: number | null;
  prospects: number;
  valuableProspects: number;
  /** Mean of the items' shares (items with a null share left out); 0 when none has one. */
  share: number;
  /** Biggest gap first: share ascending (null last), then checklist order, then item order. */
  items: CoverageItem[];
}

export interface DepartmentCoverage {
  department: string;
  name: string;
  branches: number;
  /** Mean of its branches' shares; null without branches. */
  share: number | null;
}

export interface CoverageResult {
  asOf: IsoDate;
  /** Lowest coverage first, then by id. */
  branches: BranchCoverage[];
  /** Every department (of departments.yaml, plus any a branch names), sorted by id. */
  departments: DepartmentCoverage[];
  /** Mean over the branches measured; null when there is none. */
  share: number | null;
}

/**
 * Whether a checklist value says something: text with a non-blank character, a list with at
 * least one such entry, any number or boolean, an object with such a value. A free-text field and
 * a list field count the same: filled or not — a longer list is not "more covered".
 */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.some(isFilled);
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).some(isFilled);
  return false;
}


/**
 * The checklist fields the model keeps outside `archive`, by their name in the data file; every
 * other field is read from `archive` as written.
 */
const STAFF_MODEL_FIELDS: Readonly<Record<string, (s: StaffMember) => unknown>> = {
  phone: (s) => s.phone,
  birthday: (s) => s.birthday,
  lunar_birthday: (s) => s.lunarBirthday,
};
const PROSPECT_MODEL_FIELDS: Readonly<Record<string, (p: Prospect) => unknown>> = {
  phone: (p) => p.phone,
  work_phone: (p) => p.workPhone,
  home_phone: (p) => p.homePhone,
  birthday: (p) => p.birthday,
  lunar_birthday: (p) => p.lunarBirthday,
  source: (p) => p.referral,
  holdings: (p) => p.holdings.map((h) => h.product),
};
const BRANCH_MODEL_FIELDS: Readonly<Record<string, (b: Branch) => unknown>> = {
  bank: (b) => b.bank,
  parent: (b) => b.parent,
  address: (b) => b.address,
  phone: (b) => b.phone,
};

function staffValue(staff: StaffMember, field: string): unknown {
  return Object.hasOwn(STAFF_MODEL_FIELDS, field) ? STAFF_MODEL_FIELDS[field]!(staff) : staff.archive[field];
}

function prospectValue(prospect: Prospect, field: string): unknown {
  return Object.hasOwn(PROSPECT_MODEL_FIELDS, field) ? PROSPECT_MODEL_FIELDS[field]!(prospect) : prospect.archive[field];
}

function answers<T>(record: T, definition: ChecklistItemDefinition, value: (record: T, field: string) => unknown): boolean {
  return definition.parts.every((part) => part.some((field) => isFilled(value(record, field))));
}

/** Who to ask about first: key persons, then by the position order of docs/data-format.md (leaders first), then id. */
function compareForAsking(a: StaffMember, b: StaffMember): number {
  return Number(b.key) - Number(a.key) || POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position) || compareText(a.id, b.id);
}

/** Prospects: valuable first (they are the ones worth a visit), then by id. */
function compareProspects(a: Prospect, b: Prospect): number {
  return Number(b.tier === "valuable") - Number(a.tier === "valuable") || compareText(a.id, b.id);
}

function item(checklist: Checklist, definition: { item: string; letter: string | null }, filled: number, total: number, emptyShare: 0 | null, missing: Missing[], month: IsoMonth | null = null): CoverageItem {
  return { checklist, item: definition.item, letter: definition.letter, month, filled, total, share: total === 0 ? emptyShare : filled / total, missing };
}

function staffItems(present: readonly StaffMember[]): CoverageItem[] {
  const ordered = [...present].sort(compareForAsking);
  return STAFF_CHECKLIST.map((definition) => {
    const without = ordered.filter((s) => !answers(s, definition, staffValue));
    return item("staff", definition, present.length - without.length, present.length, 0, without.map((s) => ({ kind: "staff", id: s.id, name: s.name, key: s.key })));
  });
}

/** A branch.yaml field by its path: `section.field` in a checklist section, else an identity field. */
function branchValue(branch: Branch, path: string): unknown {
  const [section, field] = path.split(".") as [string, string | undefined];
  if (field !== undefined) return branch.sections[section]?.[field];
  return Object.hasOwn(BRANCH_MODEL_FIELDS, section) ? BRANCH_MODEL_FIELDS[section]!(branch) : undefined;
}

function branchItems(branch: Branch): CoverageItem[] {
  return BRANCH_GROUP_ORDER.map((group) => {
    // A 分行 has no 分行 above it in the archive.
    const fields: readonly string[] = group === "basic" && branch.level === "city_branch" ? BRANCH_GROUPS.basic.filter((f) => f !== "parent") : BRANCH_GROUPS[group];
    const missing = fields.filter((path) => !isFilled(branchValue(branch, path)));
    return item("branch", { item: group, letter: null }, fields.length - missing.length, fields.length, 0, missing.map((path) => ({ kind: "field", path })));
  });
}

function competitorItems(branch: Branch): CoverageItem[] {
  const recorded = branch.competitors.length > 0;
  const items = [item("competitors", { item: "competitors", letter: null }, recorded ? 1 : 0, 1, 0, [])];
  const byName = [...branch.competitors].sort((a: Competitor, b: Competitor) => compareText(a.name, b.name));
  for (const detail of COMPETITOR_DETAILS) {
    const without = byName.filter((c) => !isFilled(c.details[detail]));
    items.push(item("competitors", { item: detail, letter: null }, branch.competitors.length - without.length, branch.competitors.length, null, without.map((c) => ({ kind: "competitor", name: c.name }))));
  }
  items.push(item("competitors", { item: "possible_entrants", letter: null }, branch.possibleEntrants === null ? 0 : 1, 1, 0, []));
  return items;
}

/** The latest `count` months that have ended on or before D, newest first. */
export function monthsEndedBy(asOf: IsoDate, count: number): IsoMonth[] {
  let year = Number(asOf.slice(0, 4));
  let month = Number(asOf.slice(5, 7));
  // D's own month counts when D is its last day.
  if (Number(asOf.slice(8, 10)) < daysInMonth(year, month)) [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const months: IsoMonth[] = [];
  for (let i = 0; i < count; i += 1) {
    months.push(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`);
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  }
  return months;
}

function kpiItems(branch: Branch, asOf: IsoDate): CoverageItem[] {
  return monthsEndedBy(asOf, KPI_MONTHS).map((month) => {
    const figures = branch.kpiMonths.find((m) => m.month === month)?.figures ?? {};
    const missing = KEY_FIGURES.filter((f) => !isFilled(figures[f]));
    return item("kpis", { item: "monthly_figures", letter: null }, KEY_FIGURES.length - missing.length, KEY_FIGURES.length, 0, missing.map((figure) => ({ kind: "figure", figure })), month);
  });
}

function prospectItems(checklist: "prospects_basic" | "prospects_valuable", definitions: readonly ChecklistItemDefinition[], prospects: readonly Prospect[]): CoverageItem[] {
  const ordered = [...prospects].sort(compareProspects);
  return definitions.map((definition) => {
    const without = ordered.filter((p) => !answers(p, definition, prospectValue));
    return item(checklist, definition, prospects.length - without.length, prospects.length, null, without.map((p) => ({ kind: "prospect", id: p.id, name: p.name, key: p.tier === "valuable" })));
  });
}

const CHECKLIST_ITEM_ORDER: Record<Checklist, readonly string[]> = {
  staff: STAFF_CHECKLIST.map((d) => d.item),
  branch: BRANCH_GROUP_ORDER,
  competitors: ["competitors", ...COMPETITOR_DETAILS, "possible_entrants"],
  kpis: ["monthly_figures"],
  prospects_basic: PROSPECT_BASIC_CHECKLIST.map((d) => d.item),
  prospects_valuable: PROSPECT_VALUABLE_CHECKLIST.map((d) => d.item),
};

/** Biggest gap first: share ascending with nothing-to-measure last, then checklist order, then newest month first. */
function compareGaps(a: CoverageItem, b: CoverageItem): number {
  return (
    (a.share ?? 2) - (b.share ?? 2) ||
    CHECKLISTS.indexOf(a.checklist) - CHECKLISTS.indexOf(b.checklist) ||
    CHECKLIST_ITEM_ORDER[a.checklist].indexOf(a.item) - CHECKLIST_ITEM_ORDER[b.checklist].indexOf(b.item) ||
    compareText(b.month ?? "", a.month ?? "")
  );
}

/**
 * One branch at D. A 分行 folder (level city_branch) holds the 分行's own staff archive: it is
 * measured on the staff list and its basic information only — the network checklist
 * (environment, business, surroundings), competitors, KPIs and prospects are the 支行's.
 */
export function measureBranch(branch: Branch, asOf: IsoDate): BranchCoverage {
  const present = branch.staff.filter((s) => isPresent(s, asOf));
  const valuable = branch.prospects.filter((p) => p.tier === "valuable");
  const items =
    branch.level === "city_branch"
      ? [...staffItems(present), ...branchItems(branch).filter((i) => i.item === "basic")]
      : [
          ...staffItems(present),
          ...branchItems(branch),
          ...competitorItems(branch),
          ...kpiItems(branch, asOf),
          ...prospectItems("prospects_basic", PROSPECT_BASIC_CHECKLIST, branch.prospects),
          ...prospectItems("prospects_valuable", PROSPECT_VALUABLE_CHECKLIST, valuable),
        ];
  const shares = items.flatMap((i) => (i.share === null ? [] : [i.share]));
  return {
    branch: branch.id,
    name: branch.name,
    department: branch.department,
    level: branch.level,
    staff: present.length,
    keyStaff: present.filter((s) => s.key).length,
    competitors: branch.competitors.length,
    possibleEntrants: branch.possibleEntrants === null ? null : branch.possibleEntrants.length,
    prospects: branch.prospects.length,
    valuableProspects: valuable.length,
    share: mean(shares) ?? 0,
    items: items.sort(compareGaps),
  };
}

/** The coverage of every branch (or only `branch`) at D, per department, and overall. */
export function measureCoverage(model: Model, asOf: IsoDate, options: { branch?: string } = {}): CoverageResult {
  const measured = model.branches.filter((b) => options.branch === undefined || b.id === options.branch).map((b) => measureBranch(b, asOf));
  const names = new Map(model.departments.map((d) => [d.id, d.name]));
  const ids = [...new Set([...names.keys(), ...model.branches.map((b) => b.department)])].sort(compareText);
  const departments = ids
    .filter((id) => options.branch === undefined || measured.some((b) => b.department === id))
    .map((id): DepartmentCoverage => {
      const mine = measured.filter((b) => b.department === id);
      return { department: id, name: names.get(id) ?? id, branches: mine.length, share: mean(mine.map((b) => b.share)) };
    });
  return {
    asOf,
    branches: [...measured].sort((a, b) => a.share - b.share || compareText(a.branch, b.branch)),
    departments,
    share: mean(measured.map((b) => b.share)),
  };
}

/** The mean, summed in the given order (callers pass a stated order); null for no values. */
function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
