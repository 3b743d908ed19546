/**
 * How complete the information archive is (信息档案完整度), measured item by item against the
 * field manual's seven checklists, with the manual's letters and words (docs/checklists.md puts
 * them side by side with the fields that answer them):
 * - staff (个人信息采集) a–h, for every staff member present at D;
 * - the branch (银行网点基本信息) a–F, its business (银行经营信息) a–G and its surroundings
 *   (银行地理位置及周边信息) a–f, each item a few branch.yaml fields (B, 考核指标及完成情况, is
 *   kpis.yaml: its targets and the key figures of each of the last three months ended by D);
 * - competitors (竞争对手情况信息) a–d;
 * - prospects: the basic list (日常流量客户简易采集) a–e for every prospect, the valuable list a–j
 *   (有价值客户信息采集) for valuable ones.
 *
 * A few items of our own (the staff's birthday and phone, the branch's physical environment, a
 * prospect's source) are measured too but marked `beyondManual`: listed apart, never in a share.
 *
 * An item is answered when every one of its parts is, and a part when any of its fields says
 * something (see `isFilled`): "联系电话（工作、家庭、手机）" is answered by any one number.
 * Every item gets a share (0…1, or null when there is nothing to measure); a branch's coverage
 * is the plain mean of its manual items' shares, so each item of the manual weighs the same.
 * Items are listed biggest gap first, naming who or what is missing.
 *
 * Pure: a function of the model and the as-of day.
 */
import type { Branch, Competitor, IsoDate, IsoMonth, Model, Prospect, StaffMember } from "../model/types.js";
import { POSITIONS } from "../model/types.js";
import { daysInMonth } from "../model/values.js";
import { compareText } from "../findings.js";
import { isPresent } from "./presence.js";

/** The manual's checklists, in its order, which is also the order the report lists equal gaps. */
export const CHECKLISTS = ["staff", "branch_basic", "business", "surroundings", "competitors", "prospects_basic", "prospects_valuable"] as const;
export type Checklist = (typeof CHECKLISTS)[number];

/**
 * One item of a checklist: its code, the manual's letter as the manual writes it (a, B, C… in
 * the branch lists) and its parts. Each part is a list of alternative fields, named as in the data
 * files; the item is answered when every part has at least one field filled. `beyondManual`: an
 * item of our own, listed apart and left out of every share.
 */
export interface ChecklistItemDefinition {
  item: string;
  letter: string | null;
  parts: readonly (readonly string[])[];
  beyondManual?: boolean;
}

/** 个人信息采集 a–h. Name and position are required in the file, so a is answered by `gender`. */
export const STAFF_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "name_gender_position", letter: "a", parts: [["name"], ["gender"], ["position"]] },
  { item: "joined_history", letter: "b", parts: [["joined"], ["history"]] },
  { item: "hobbies", letter: "c", parts: [["hobbies"]] },
  { item: "family", letter: "d", parts: [["family"]] },
  { item: "personality_values", letter: "e", parts: [["personality"], ["values"]] },
  { item: "schedule", letter: "f", parts: [["schedule"]] },
  { item: "relationships", letter: "g", parts: [["relationships"]] },
  { item: "other", letter: "h", parts: [["notes"]] },
  // Beyond the manual: they drive the birthday greeting and put a number on every follow-up.
  { item: "birthday", letter: null, parts: [["birthday", "lunar_birthday"]], beyondManual: true },
  { item: "phone", letter: null, parts: [["phone"]], beyondManual: true },
];

/**
 * The branch-level lists: each part one field of branch.yaml (`section.field`, or a top-level
 * field), or `competitors` / `possible_entrants` of competitors.yaml. The share of such an item
 * is the share of its parts answered, and coverage names the missing ones. B (考核指标及完成情况)
 * is measured per month (see KEY_FIGURES) and is not listed here.
 */
export const BRANCH_BASIC_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "status", letter: "a", parts: [["bank"], ["parent"], ["address"], ["phone"], ["profile.status"], ["profile.opened"], ["profile.staff_count"]] },
  { item: "traffic", letter: "C", parts: [["profile.daily_customers"], ["profile.peak_hours"]] },
  { item: "organisation", letter: "D", parts: [["profile.org_chart"]] },
  { item: "competitors", letter: "E", parts: [["competitors"]] },
  { item: "other", letter: "F", parts: [["notes", "profile.notes"]] },
  // Beyond the manual's list: the physical environment it describes when it introduces the branch (银行网点的物理环境).
  {
    item: "environment",
    letter: null,
    parts: [
      ["environment.self_service_area"],
      ["environment.lobby_desk"],
      ["environment.ordinary_windows"],
      ["environment.vip_windows"],
      ["environment.corporate_windows"],
      ["environment.vip_room"],
      ["environment.display"],
    ],
    beyondManual: true,
  },
];

/** 银行经营信息 a–G. */
export const BUSINESS_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "volume", letter: "a", parts: [["business.deposits"], ["business.vip_customers"], ["business.key_customer_holders"], ["business.good_customers"], ["business.assets"]] },
  { item: "ranking", letter: "B", parts: [["business.ranking"]] },
  { item: "structure_habits", letter: "C", parts: [["business.structure"], ["business.sales_habits"]] },
  { item: "growth", letter: "D", parts: [["business.growth"]] },
  { item: "head_attention", letter: "E", parts: [["business.head_attention"]] },
  { item: "personnel", letter: "F", parts: [["business.head_tenure"], ["business.head_previous_post"], ["business.head_promoted"], ["business.securities_handler"]] },
  { item: "other", letter: "G", parts: [["business.notes"]] },
];

/** 银行地理位置及周边信息 a–f. */
export const SURROUNDINGS_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "population", letter: "a", parts: [["surroundings.population"]] },
  { item: "commerce", letter: "b", parts: [["surroundings.commerce"]] },
  { item: "transport", letter: "c", parts: [["surroundings.transport"]] },
  { item: "busiest_time", letter: "d", parts: [["surroundings.busiest_time"]] },
  { item: "daily_transactions", letter: "e", parts: [["surroundings.daily_transactions"]] },
  { item: "district_type", letter: "f", parts: [["surroundings.district_type"]] },
];

/**
 * 竞争对手情况信息 a–d: a and d are asked of the branch (a branch-level item as above), b and c
 * of each competitor recorded (`perCompetitor`).
 */
export const COMPETITOR_CHECKLIST: readonly (ChecklistItemDefinition & { perCompetitor: boolean })[] = [
  { item: "competitors", letter: "a", parts: [["competitors"]], perCompetitor: false },
  { item: "strategy", letter: "b", parts: [["strategy"]], perCompetitor: true },
  { item: "strengths_weaknesses", letter: "c", parts: [["strengths"], ["weaknesses"]], perCompetitor: true },
  { item: "possible_entrants", letter: "d", parts: [["possible_entrants"]], perCompetitor: false },
];

/** B 考核指标及完成情况, for each month: kpis.yaml's `targets`, and these figures of the month. */
export const KEY_FIGURES = ["deposits", "vip_customers", "new_accounts", "assets_in", "ranking"] as const;
/** How many of the latest months ended by D are expected in kpis.yaml. */
export const KPI_MONTHS = 3;
/** The letter of 考核指标及完成情况 in 银行网点基本信息. */
const KPI_LETTER = "B";

/** 日常流量客户简易采集 a–e: what is asked of every prospect (the name is required in the file). */
export const PROSPECT_BASIC_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "name", letter: "a", parts: [["name"]] },
  { item: "phone", letter: "b", parts: [["phone", "work_phone", "home_phone"]] },
  { item: "home_address", letter: "c", parts: [["home_address", "address"]] },
  { item: "attitude", letter: "d", parts: [["attitude"]] },
  { item: "products", letter: "e", parts: [["products", "holdings", "purchases"]] },
  // Beyond the manual's list: how we found them (the manual's 客户信息来源), which the referral follow-ups use.
  { item: "source", letter: null, parts: [["source"]], beyondManual: true },
];

/** 有价值客户信息采集 a–j: what is asked of a valuable prospect. `birthday_with_year` is a `birthday` that gives the age. */
export const PROSPECT_VALUABLE_CHECKLIST: readonly ChecklistItemDefinition[] = [
  { item: "name_gender_age", letter: "a", parts: [["name"], ["gender"], ["age", "birthday_with_year"]] },
  { item: "addresses", letter: "b", parts: [["work_address", "home_address", "address"]] },
  { item: "phones", letter: "c", parts: [["work_phone", "home_phone", "phone"]] },
  { item: "online", letter: "d", parts: [["qq", "email", "wechat"]] },
  { item: "family", letter: "e", parts: [["family"]] },
  { item: "income", letter: "f", parts: [["income_monthly"]] },
  { item: "occupation_hobbies", letter: "g", parts: [["occupation"], ["hobbies"]] },
  { item: "broker", letter: "h", parts: [["broker"]] },
  { item: "frequency_institutions", letter: "i", parts: [["frequency"], ["institutions"]] },
  { item: "fee_acceptance", letter: "j", parts: [["fee_acceptance"]] },
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
  /** The manual's letter as it writes it (a, B, …); null for an item beyond the manual. */
  letter: string | null;
  /** The month of a 考核指标及完成情况 item; null for the others. */
  month: IsoMonth | null;
  /**
   * Staff and prospect items: people answering it, of the people the list applies to.
   * Branch-level items and months: parts answered, of the parts asked. Per-competitor items:
   * competitors answering it, of those recorded.
   */
  filled: number;
  total: number;
  /**
   * filled / total. With nothing to measure: 0 for staff items (a branch without staff on file is
   * the biggest gap, not a complete one), null for per-competitor items and prospect lists (item a
   * of the competitor list says whether competitors are recorded; no prospect yet is not a gap in
   * the archive).
   */
  share: number | null;
  /** An item of our own, not the manual's: listed apart, never counted in a share. */
  beyondManual: boolean;
  /**
   * In the order a worker should ask: staff key persons and leaders first, prospects valuable
   * first, competitors by name, fields in checklist order. Empty for staff and prospect items
   * measured with `named` false (CoverageOptions).
   */
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
  /** Mean of the manual items' shares (items with a null share, and items beyond the manual, left out); 0 when none has one. */
  share: number;
  /** The manual's items, biggest gap first: share ascending (null last), then checklist order, then item order. */
  items: CoverageItem[];
  /** The items beyond the manual, in the same order. */
  beyondManual: CoverageItem[];
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
  name: (s) => s.name,
  position: (s) => s.position,
  gender: (s) => s.gender,
  joined: (s) => s.joined,
  phone: (s) => s.phone,
  birthday: (s) => s.birthday,
  lunar_birthday: (s) => s.lunarBirthday,
};
const PROSPECT_MODEL_FIELDS: Readonly<Record<string, (p: Prospect) => unknown>> = {
  name: (p) => p.name,
  phone: (p) => p.phone,
  work_phone: (p) => p.workPhone,
  home_phone: (p) => p.homePhone,
  birthday: (p) => p.birthday,
  // A birthday with its year gives the age (年龄); `--06-15` does not.
  birthday_with_year: (p) => (p.birthday !== null && p.birthday.year !== null ? p.birthday : null),
  lunar_birthday: (p) => p.lunarBirthday,
  source: (p) => p.referral,
  holdings: (p) => p.holdings.map((h) => h.product),
  purchases: (p) => p.purchases.map((h) => h.product),
};
/** Branch-level fields that are not in a branch.yaml section. */
const BRANCH_MODEL_FIELDS: Readonly<Record<string, (b: Branch) => unknown>> = {
  bank: (b) => b.bank,
  parent: (b) => b.parent,
  address: (b) => b.address,
  phone: (b) => b.phone,
  notes: (b) => b.notes,
  competitors: (b) => b.competitors.map((c) => c.name),
  // Written, even empty: the worker has looked (an empty list says none is expected).
  possible_entrants: (b) => (b.possibleEntrants === null ? null : true),
};

/** A staff member's value of a checklist field (model fields and the archive), as coverage reads it. */
export function staffValue(staff: StaffMember, field: string): unknown {
  return Object.hasOwn(STAFF_MODEL_FIELDS, field) ? STAFF_MODEL_FIELDS[field]!(staff) : staff.archive[field];
}

/** A prospect's value of a checklist field (model fields and the archive), as coverage reads it. */
export function prospectValue(prospect: Prospect, field: string): unknown {
  return Object.hasOwn(PROSPECT_MODEL_FIELDS, field) ? PROSPECT_MODEL_FIELDS[field]!(prospect) : prospect.archive[field];
}

function competitorValue(competitor: Competitor, field: string): unknown {
  return competitor.details[field];
}

/** A branch-level field by its path: `section.field` in a checklist section, else a field of the branch. */
function branchValue(branch: Branch, path: string): unknown {
  const [section, field] = path.split(".") as [string, string | undefined];
  if (field !== undefined) return branch.sections[section]?.[field];
  return Object.hasOwn(BRANCH_MODEL_FIELDS, section) ? BRANCH_MODEL_FIELDS[section]!(branch) : undefined;
}

function answers<T>(record: T, definition: Pick<ChecklistItemDefinition, "parts">, value: (record: T, field: string) => unknown): boolean {
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

function item(checklist: Checklist, definition: ChecklistItemDefinition, filled: number, total: number, emptyShare: 0 | null, missing: Missing[], month: IsoMonth | null = null): CoverageItem {
  return { checklist, item: definition.item, letter: definition.letter, month, filled, total, share: total === 0 ? emptyShare : filled / total, beyondManual: definition.beyondManual === true, missing };
}

function staffItems(present: readonly StaffMember[], named: boolean): CoverageItem[] {
  if (!named) return STAFF_CHECKLIST.map((definition) => item("staff", definition, countAnswering(present, definition, staffValue), present.length, 0, []));
  const ordered = [...present].sort(compareForAsking);
  return STAFF_CHECKLIST.map((definition) => {
    const without = ordered.filter((s) => !answers(s, definition, staffValue));
    return item("staff", definition, present.length - without.length, present.length, 0, without.map((s) => ({ kind: "staff", id: s.id, name: s.name, key: s.key })));
  });
}

/** How many of `records` answer `definition`: what an item's `filled` is, without naming the others. */
function countAnswering<T>(records: readonly T[], definition: ChecklistItemDefinition, value: (record: T, field: string) => unknown): number {
  let count = 0;
  for (const record of records) if (answers(record, definition, value)) count++;
  return count;
}

/** A branch-level item: the share of its parts answered; the missing parts named by their first field. */
function branchItem(checklist: Checklist, branch: Branch, definition: ChecklistItemDefinition): CoverageItem {
  // A 分行 has no 分行 above it in the archive.
  const parts = branch.level === "city_branch" ? definition.parts.filter((p) => p[0] !== "parent") : definition.parts;
  const missing = parts.filter((part) => !part.some((path) => isFilled(branchValue(branch, path))));
  return item(checklist, definition, parts.length - missing.length, parts.length, 0, missing.map((part) => ({ kind: "field", path: part[0]! })));
}

/** B 考核指标及完成情况 for each of the last months ended by D: the targets, and the month's key figures. */
function kpiItems(branch: Branch, asOf: IsoDate): CoverageItem[] {
  const definition: ChecklistItemDefinition = { item: "kpis", letter: KPI_LETTER, parts: [] };
  const targets = branch.kpiTargets.length > 0;
  return monthsEndedBy(asOf, KPI_MONTHS).map((month) => {
    const figures = branch.kpiMonths.find((m) => m.month === month)?.figures ?? {};
    const missing: Missing[] = [...(targets ? [] : [{ kind: "field", path: "targets" } as const]), ...KEY_FIGURES.filter((f) => !isFilled(figures[f])).map((figure) => ({ kind: "figure", figure }) as const)];
    const total = KEY_FIGURES.length + 1;
    return item("branch_basic", definition, total - missing.length, total, 0, missing, month);
  });
}

function branchBasicItems(branch: Branch, asOf: IsoDate): CoverageItem[] {
  const [status, ...rest] = BRANCH_BASIC_CHECKLIST.map((d) => branchItem("branch_basic", branch, d));
  return [status!, ...kpiItems(branch, asOf), ...rest];
}

function competitorItems(branch: Branch): CoverageItem[] {
  const byName = [...branch.competitors].sort((a: Competitor, b: Competitor) => compareText(a.name, b.name));
  return COMPETITOR_CHECKLIST.map((definition) => {
    if (!definition.perCompetitor) return branchItem("competitors", branch, definition);
    const without = byName.filter((c) => !answers(c, definition, competitorValue));
    return item("competitors", definition, byName.length - without.length, byName.length, null, without.map((c) => ({ kind: "competitor", name: c.name })));
  });
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

function prospectItems(checklist: "prospects_basic" | "prospects_valuable", definitions: readonly ChecklistItemDefinition[], prospects: readonly Prospect[], named: boolean): CoverageItem[] {
  if (!named) return definitions.map((definition) => item(checklist, definition, countAnswering(prospects, definition, prospectValue), prospects.length, null, []));
  const ordered = [...prospects].sort(compareProspects);
  return definitions.map((definition) => {
    const without = ordered.filter((p) => !answers(p, definition, prospectValue));
    return item(checklist, definition, prospects.length - without.length, prospects.length, null, without.map((p) => ({ kind: "prospect", id: p.id, name: p.name, key: p.tier === "valuable" })));
  });
}

/** Every checklist's items in the manual's order (B, the months, comes right after a). */
export const CHECKLIST_ITEMS: Readonly<Record<Checklist, readonly ChecklistItemDefinition[]>> = {
  staff: STAFF_CHECKLIST,
  branch_basic: [BRANCH_BASIC_CHECKLIST[0]!, { item: "kpis", letter: KPI_LETTER, parts: [["targets"], ...KEY_FIGURES.map((f) => [`months.${f}`])] }, ...BRANCH_BASIC_CHECKLIST.slice(1)],
  business: BUSINESS_CHECKLIST,
  surroundings: SURROUNDINGS_CHECKLIST,
  competitors: COMPETITOR_CHECKLIST,
  prospects_basic: PROSPECT_BASIC_CHECKLIST,
  prospects_valuable: PROSPECT_VALUABLE_CHECKLIST,
};

function itemIndex(checklist: Checklist, code: string): number {
  return CHECKLIST_ITEMS[checklist].findIndex((d) => d.item === code);
}

/** Biggest gap first: share ascending with nothing-to-measure last, then checklist order, then item order, then newest month first. */
function compareGaps(a: CoverageItem, b: CoverageItem): number {
  return (
    (a.share ?? 2) - (b.share ?? 2) ||
    CHECKLISTS.indexOf(a.checklist) - CHECKLISTS.indexOf(b.checklist) ||
    itemIndex(a.checklist, a.item) - itemIndex(b.checklist, b.item) ||
    compareText(b.month ?? "", a.month ?? "")
  );
}

/**
 * One branch at D. A 分行 folder (level city_branch) holds the 分行's own staff archive: it is
 * measured on the staff list and item a of 银行网点基本信息 only — the rest of the network lists,
 * competitors and prospects are the 支行's. `named` false: see CoverageOptions.
 */
export function measureBranch(branch: Branch, asOf: IsoDate, named = true): BranchCoverage {
  const present = branch.staff.filter((s) => isPresent(s, asOf));
  const valuable = branch.prospects.filter((p) => p.tier === "valuable");
  const all =
    branch.level === "city_branch"
      ? [...staffItems(present, named), branchItem("branch_basic", branch, BRANCH_BASIC_CHECKLIST[0]!)]
      : [
          ...staffItems(present, named),
          ...branchBasicItems(branch, asOf),
          ...BUSINESS_CHECKLIST.map((d) => branchItem("business", branch, d)),
          ...SURROUNDINGS_CHECKLIST.map((d) => branchItem("surroundings", branch, d)),
          ...competitorItems(branch),
          ...prospectItems("prospects_basic", PROSPECT_BASIC_CHECKLIST, branch.prospects, named),
          ...prospectItems("prospects_valuable", PROSPECT_VALUABLE_CHECKLIST, valuable, named),
        ];
  const items = all.filter((i) => !i.beyondManual);
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
    beyondManual: all.filter((i) => i.beyondManual).sort(compareGaps),
  };
}

export interface CoverageOptions {
  /** Only this branch. */
  branch?: string;
  /**
   * False: the staff and prospect items leave `missing` empty, for a caller that reads only the
   * counts and shares (report summary, serve's coverage page), which are the same. Naming who is
   * missing sorts and lists every branch's people: a warm summary at 2,000 branches took ~0.4 s
   * more CPU and 120 MB more peak memory for lists it never shows (issue 29). Default true.
   */
  named?: boolean;
}

/** The coverage of every branch (or only `branch`) at D, per department, and overall. */
export function measureCoverage(model: Model, asOf: IsoDate, options: CoverageOptions = {}): CoverageResult {
  const measured = model.branches.filter((b) => options.branch === undefined || b.id === options.branch).map((b) => measureBranch(b, asOf, options.named ?? true));
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
