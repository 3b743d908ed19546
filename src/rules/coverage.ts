/**
 * How complete the information archive is (信息档案完整度), measured against the checklist
 * the field work teaches:
 * - per person (every bank staff member): name, gender, position, joined, history, hobbies,
 *   family, personality, schedule, relationships;
 * - per branch: the environment, profile, business figures and surroundings sections of
 *   branch.yaml, and the competitors present.
 *
 * Every checklist item gets a share filled (0…1); a branch's coverage is the plain mean of its
 * items' shares, so each item of the checklist weighs the same. Items are listed biggest gap
 * first, with who or what is missing, so a channel worker knows what to ask about this week.
 *
 * Pure: a function of the model only (the archive has no dates to count up to).
 */
import type { Branch, Competitor, Model, StaffMember } from "../model/types.js";
import { POSITIONS } from "../model/types.js";
import { compareText } from "../validate/findings.js";

export const PERSONAL_ITEMS = ["name", "gender", "position", "joined", "history", "hobbies", "family", "personality", "schedule", "relationships"] as const;
export const BRANCH_ITEMS = ["environment", "profile", "business", "surroundings", "competitors"] as const;

export type PersonalItem = (typeof PERSONAL_ITEMS)[number];
export type BranchItem = (typeof BRANCH_ITEMS)[number];
export type CoverageItemKey = PersonalItem | BranchItem;

/**
 * The checklist fields of each branch.yaml section (schemas/branch.schema.json without
 * `notes`, which is a free remark rather than something to find out).
 */
export const SECTION_FIELDS = {
  environment: ["self_service_area", "lobby_desk", "ordinary_windows", "vip_windows", "corporate_windows", "vip_room", "display"],
  profile: ["status", "opened", "staff_count", "daily_customers", "peak_hours", "org_chart"],
  business: [
    "deposits",
    "vip_customers",
    "good_customers",
    "key_customer_holders",
    "ranking",
    "structure",
    "sales_habits",
    "growth",
    "head_attention",
    "head_tenure",
    "head_previous_post",
    "head_promoted",
    "securities_handler",
  ],
  surroundings: ["population", "commerce", "transport", "busiest_time", "daily_transactions", "district_type"],
} as const satisfies Record<Exclude<BranchItem, "competitors">, readonly string[]>;

/** What is worth knowing about a competitor (competitors.schema.json without name and notes). */
export const COMPETITOR_FIELDS = ["kind", "since", "staff_count", "strategy", "strengths", "weaknesses", "potential"] as const;

export interface CoverageItem {
  item: CoverageItemKey;
  scope: "personal" | "branch";
  /**
   * Personal items: staff members with the item filled, of `total` staff members.
   * Sections: fields filled, of the section's checklist fields. Competitors: fields filled
   * over all competitors recorded, of competitors × fields (0 of 0 when none is recorded).
   */
  filled: number;
  total: number;
  /** filled / total; 0 when there is nothing (no staff, no competitor recorded) — an empty archive is the biggest gap. */
  share: number;
  /**
   * Personal items: the staff members without it, key persons first, then leaders before
   * the other categories (the position order of docs/data-format.md), then id. Empty for branch items.
   */
  missingStaff: { id: string; name: string; key: boolean }[];
  /** Sections: the checklist fields not filled; competitors: fields missing in at least one. Empty for personal items. */
  missingFields: string[];
}

export interface BranchCoverage {
  branch: string;
  name: string;
  department: string;
  staff: number;
  keyStaff: number;
  competitors: number;
  /** Mean of the items' shares. */
  share: number;
  /** Biggest gap first: share ascending, then personal before branch items, then checklist order. */
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
  /** Lowest coverage first, then by id. */
  branches: BranchCoverage[];
  /** Every department (of departments.yaml, plus any a branch names), sorted by id. */
  departments: DepartmentCoverage[];
  /** Mean over the branches measured; null when there is none. */
  share: number | null;
}

/**
 * Whether a checklist value says something: text with a non-blank character, a list with at
 * least one such entry, any number or boolean. A free-text field and a list field count the
 * same: filled or not — a longer list is not "more covered".
 */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.some(isFilled);
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).some(isFilled);
  return false;
}

function personalValue(staff: StaffMember, item: PersonalItem): unknown {
  switch (item) {
    case "name":
      return staff.name;
    case "gender":
      return staff.gender;
    case "position":
      return staff.position;
    case "joined":
      return staff.joined;
    default:
      return staff.archive[item];
  }
}

/** Who to ask about first: key persons, then by the position order of docs/data-format.md (leaders first), then id. */
function compareForAsking(a: StaffMember, b: StaffMember): number {
  return Number(b.key) - Number(a.key) || POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position) || compareText(a.id, b.id);
}

function personalItem(staff: readonly StaffMember[], item: PersonalItem): CoverageItem {
  const without = staff.filter((s) => !isFilled(personalValue(s, item))).sort(compareForAsking);
  const filled = staff.length - without.length;
  return {
    item,
    scope: "personal",
    filled,
    total: staff.length,
    share: staff.length === 0 ? 0 : filled / staff.length,
    missingStaff: without.map((s) => ({ id: s.id, name: s.name, key: s.key })),
    missingFields: [],
  };
}

function sectionItem(branch: Branch, item: Exclude<BranchItem, "competitors">): CoverageItem {
  const section = branch.sections[item] ?? {};
  const fields: readonly string[] = SECTION_FIELDS[item];
  const missing = fields.filter((f) => !isFilled(section[f]));
  const filled = fields.length - missing.length;
  return { item, scope: "branch", filled, total: fields.length, share: filled / fields.length, missingStaff: [], missingFields: [...missing] };
}

function competitorValue(c: Competitor, field: (typeof COMPETITOR_FIELDS)[number]): unknown {
  if (field === "kind") return c.kind;
  if (field === "since") return c.since;
  if (field === "staff_count") return c.staffCount;
  return c.details[field];
}

function competitorsItem(branch: Branch): CoverageItem {
  const total = branch.competitors.length * COMPETITOR_FIELDS.length;
  let filled = 0;
  const missing = new Set<string>();
  for (const c of branch.competitors) {
    for (const field of COMPETITOR_FIELDS) {
      if (isFilled(competitorValue(c, field))) filled += 1;
      else missing.add(field);
    }
  }
  return {
    item: "competitors",
    scope: "branch",
    filled,
    total,
    share: total === 0 ? 0 : filled / total,
    missingStaff: [],
    missingFields: COMPETITOR_FIELDS.filter((f) => missing.has(f)),
  };
}

const ITEM_ORDER: readonly CoverageItemKey[] = [...PERSONAL_ITEMS, ...BRANCH_ITEMS];

/** Biggest gap first; equal shares in checklist order (personal items, then branch items). */
function compareGaps(a: CoverageItem, b: CoverageItem): number {
  return a.share - b.share || ITEM_ORDER.indexOf(a.item) - ITEM_ORDER.indexOf(b.item);
}

export function measureBranch(branch: Branch): BranchCoverage {
  const items = [
    ...PERSONAL_ITEMS.map((item) => personalItem(branch.staff, item)),
    ...(["environment", "profile", "business", "surroundings"] as const).map((item) => sectionItem(branch, item)),
    competitorsItem(branch),
  ];
  const share = mean(items.map((i) => i.share)) ?? 0;
  return {
    branch: branch.id,
    name: branch.name,
    department: branch.department,
    staff: branch.staff.length,
    keyStaff: branch.staff.filter((s) => s.key).length,
    competitors: branch.competitors.length,
    share,
    items: items.sort(compareGaps),
  };
}

/** The coverage of every branch (or only `branch`), per department, and overall. */
export function measureCoverage(model: Model, options: { branch?: string } = {}): CoverageResult {
  const measured = model.branches.filter((b) => options.branch === undefined || b.id === options.branch).map(measureBranch);
  const names = new Map(model.departments.map((d) => [d.id, d.name]));
  const ids = [...new Set([...names.keys(), ...model.branches.map((b) => b.department)])].sort(compareText);
  const departments = ids
    .filter((id) => options.branch === undefined || measured.some((b) => b.department === id))
    .map((id): DepartmentCoverage => {
      const mine = measured.filter((b) => b.department === id);
      return { department: id, name: names.get(id) ?? id, branches: mine.length, share: mean(mine.map((b) => b.share)) };
    });
  return {
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
