/**
 * The typed, normalised model of a data repository: what every rule and report reads.
 * Money is in yuan, dates are `YYYY-MM-DD`, datetimes `YYYY-MM-DDTHH:mm:ss` (local time of
 * the repository's timezone), defaults are filled in, and every list is sorted by a stated
 * key, so no rule depends on the order of files or of entries within them.
 */
import type { DoneKind } from "../rules/followup-kinds.js";
import type { IsoDate, IsoDateTime, IsoMonth, LunarBirthday, SolarBirthday } from "./values.js";
import type { Holiday } from "./holidays.js";

export type { IsoDate, IsoDateTime, IsoMonth, LunarBirthday, SolarBirthday };

export const POSITION_CATEGORIES = {
  leader: ["branch_head", "deputy_head", "retail_supervisor", "accounting_supervisor", "credit_supervisor", "hall_manager", "branch_director"],
  daily: ["lobby_manager", "teller", "clerk", "security_guard", "cleaner", "accountant"],
  influencer: ["vip_wealth_manager", "wealth_manager", "loan_manager", "counter_supervisor", "customer_service", "account_manager"],
  resource: ["corporate_manager", "card_sales"],
  external: ["insurance_agent", "bank_promoter", "company_cashier", "community_contact"],
} as const;

export type PositionCategory = keyof typeof POSITION_CATEGORIES;
export type Position = (typeof POSITION_CATEGORIES)[PositionCategory][number];

/** Every position, in the order of the positions table of docs/data-format.md (leaders first). */
export const POSITIONS: readonly Position[] = Object.values(POSITION_CATEGORIES).flat();

/** The category of a position, which sets the default contact cadence. */
export function categoryOf(position: Position): PositionCategory {
  for (const [category, positions] of Object.entries(POSITION_CATEGORIES) as [PositionCategory, readonly Position[]][]) {
    if (positions.includes(position)) return category;
  }
  throw new Error(`unknown position ${position}`);
}

export type ConversionKind = "asset" | "fund" | "product";

/** How a bank staff member became our customer (the basis of the conversion bonus). */
export interface Conversion {
  kind: ConversionKind;
  /** Yuan; present for asset and fund conversions. */
  amount: number | null;
  /** Product name; present for product conversions. */
  product: string | null;
  /** The asset-transfer time. */
  at: IsoDateTime;
  account: string | null;
  /** `conversion.branch`: the branch where it happened, when the person has moved since; null means the branch whose staff.yaml holds them. */
  branch: string | null;
}

/** A member of a bank sub-branch's staff (人员信息档案). */
export interface StaffMember {
  id: string;
  name: string;
  position: Position;
  category: PositionCategory;
  branch: string;
  /** A core person (核心人物). */
  key: boolean;
  gender: "F" | "M" | null;
  phone: string | null;
  birthday: SolarBirthday | null;
  lunarBirthday: LunarBirthday | null;
  joined: IsoDate | null;
  /** Day reported to head office (备案). */
  hqRegistered: IsoDate | null;
  /** `hq_registered` when written with a time (issue 25): the registration to the minute; null for a bare day. */
  hqRegisteredAt: IsoDateTime | null;
  /** `customer_since`: the day the person was already our customer; a conversion after it is not a new customer (issue 25). */
  customerSince: IsoDate | null;
  /** The person's own contact cadence, overriding key/category defaults. */
  cadenceDays: number | null;
  conversion: Conversion | null;
  /** The day the person left this branch (moved within the repository or left the bank); null while present. */
  left: IsoDate | null;
  /** `left_note`: where to, or why. */
  leftNote: string | null;
  /** The archive fields as written, for coverage and reports (free text). */
  archive: Record<string, unknown>;
}

export type ProspectTier = "basic" | "valuable";

export interface Holding {
  product: string;
  amount: number | null;
  matures: IsoDate | null;
}

export interface ProspectEvent {
  date: IsoDate;
  kind: string;
  amount: number | null;
  note: string | null;
}

export interface Purchase {
  date: IsoDate;
  product: string;
  amount: number | null;
  important: boolean;
}

/** A prospect or customer found at a branch (潜在客户). */
export interface Prospect {
  id: string;
  name: string;
  tier: ProspectTier;
  branch: string;
  /** The mobile number. */
  phone: string | null;
  workPhone: string | null;
  homePhone: string | null;
  /** The prospect's own contact cadence, overriding the tier's (`cadence_days`). */
  cadenceDays: number | null;
  birthday: SolarBirthday | null;
  lunarBirthday: LunarBirthday | null;
  /** How we found them (`source` in the file). */
  referral: { kind: string; staff: string | null; customer: string | null } | null;
  holdings: Holding[];
  events: ProspectEvent[];
  purchases: Purchase[];
  nextFollowup: IsoDate | null;
  converted: { date: IsoDate; account: string | null } | null;
  /** The checklist fields as written. */
  archive: Record<string, unknown>;
  /** `found`: the day the prospect was first recorded (简易采集, `channel add`, `import`); absent when not written. */
  found?: string;
}

/** Every activity kind, in the order docs/data-format.md lists them. */
export const ACTIVITY_KINDS = ["call", "sms", "wechat", "email", "visit", "meal", "gift", "report", "event", "training", "other"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One entry of a branch's contact log. */
export interface Activity {
  date: IsoDate;
  kind: ActivityKind;
  branch: string;
  /** Staff or prospect ids. */
  with: string[];
  by: string | null;
  note: string | null;
  /** `done`: the follow-up kinds this contact dealt with for the people in `with`; null when the activity has no `done` list. */
  done: DoneKind[] | null;
  /** `cost`: yuan spent on it (a meal, a gift, an event…); null when not written (issue 25). */
  cost: number | null;
}

/** A sale of one of our products through a branch. */
export interface Sale {
  date: IsoDate;
  product: string;
  amount: number;
  branch: string;
  prospect: string | null;
}

/** One month of a branch's figures. Absent figures are null. */
export interface KpiMonth {
  month: IsoMonth;
  figures: Record<string, number | null>;
  notes: string | null;
  /** `requests`: what we ask the branch's leaders to solve together this month (共同解决存在的问题), as written; empty when none (issue 25). */
  requests: string[];
}

export interface KpiTarget {
  metric: string;
  period: string;
  target: number;
}

export interface Competitor {
  name: string;
  kind: string | null;
  since: IsoDate | null;
  staffCount: number | null;
  details: Record<string, unknown>;
}

/**
 * A competitor that may newly enter the branch (the field manual's 潜在竞争者), as opposed to a
 * present competitor's `potential` (its threat level).
 */
export interface PossibleEntrant {
  name: string;
  /** A competitor kind code (securities, insurance, fund, bank, other), or null. */
  kind: string | null;
  note: string | null;
}

/** Whether a branch's staff.yaml was read, exists but was skipped for its errors, or does not exist. */
export type StaffFileState = "read" | "skipped" | "missing";

/** A branch folder's level: a sub-branch (支行, the default) or a city branch (分行) with its own staff archive. */
export type BranchLevel = "sub_branch" | "city_branch";

/** A bank branch folder (a 支行, or a 分行 with `level: city_branch`) with everything kept about it. */
export interface Branch {
  id: string;
  name: string;
  bank: string | null;
  level: BranchLevel;
  /** The 分行 as written: a branch folder id of level city_branch, or a name. */
  parent: string | null;
  department: string;
  /** The channel worker in charge: `owner`, else the department's specialist, else null. */
  owner: string | null;
  hqReported: IsoDate | null;
  address: string | null;
  phone: string | null;
  /** The checklist sections as written (environment, profile, business, surroundings). */
  sections: Record<string, Record<string, unknown>>;
  /** `reviewed` of staff.yaml; null without the file, without the field, or when the file is skipped. */
  reviewed: IsoDate | null;
  /** staff.yaml: "read", "skipped" (it has errors, so nothing of it is used) or "missing". */
  staffFile: StaffFileState;
  staff: StaffMember[];
  prospects: Prospect[];
  activities: Activity[];
  sales: Sale[];
  kpiMonths: KpiMonth[];
  kpiTargets: KpiTarget[];
  competitors: Competitor[];
  /**
   * `possible_entrants` of competitors.yaml, sorted by name: null when not written (not yet
   * considered), an empty list when written empty (considered, none expected).
   */
  possibleEntrants: PossibleEntrant[] | null;
  /** branch.yaml's top-level `notes` (其它, the last item of the manual's 网点基本信息). */
  notes: string | null;
}

export interface DepartmentTeam {
  generalManager: string | null;
  marketingLead: string | null;
  channelLead: string | null;
  specialist: string | null;
  members: string[];
}

/** A branch office of the securities firm (营业部). */
export interface Department {
  id: string;
  name: string;
  city: string | null;
  /** In a region covered by an asset-management representative (资管代表). */
  amCovered: boolean;
  team: DepartmentTeam;
}

export interface BonusPolicy {
  start: IsoDate;
  /** Inclusive: transfers up to 23:59:59 of this day count. */
  deadline: IsoDate;
  amount: number;
  perBranchCap: number;
  totalCap: number;
  eligiblePositions: Position[];
  assetMin: number;
  fundMin: number;
  products: string[];
  /**
   * `example: true`: the figures are the template's examples, not yet replaced from head
   * office's circular; `bonus` says so while it is there.
   */
  example: boolean;
  /**
   * `all_departments: true`: the repository holds every department taking part, so what it
   * counts against `totalCap` is the company's count. Otherwise places left are only known
   * as "in this repository".
   */
  allDepartments: boolean;
}

export interface AmountTier {
  min: number;
  /** A fixed support amount in yuan, or null for a rate tier. */
  amount: number | null;
  /** A share of sales, or null for a fixed tier. */
  rate: number | null;
  /** Upper bound of a rate tier's support, in yuan. */
  cap: number | null;
}

export interface ExpensePolicy {
  product: string;
  start: IsoDate;
  end: IsoDate;
  /** Null when the policy has no self-driven scheme. */
  selfDriven: { ceiling: number; tiers: AmountTier[] } | null;
  amCovered: { tiers: AmountTier[] } | null;
  /** `example: true`: the tiers are the template's examples; `expenses` says so while it is there. */
  example: boolean;
}

export interface FollowupPolicy {
  windowDays: number;
  /**
   * `followups.since`: event-like items due before this day are not listed (the day the team
   * started working from the list); null: none is left out for its age.
   */
  since: IsoDate | null;
  /** `escalate_days` (v2's `overdue_days` read as it): an event-like item this many days late is escalated. */
  escalateDays: number;
  /** Contact cadence in days per staff category, for key staff, and for valuable prospects. */
  cadenceDays: Record<PositionCategory | "key" | "valuable", number>;
  leaderReportDays: number;
  archiveReviewDays: number;
  maturityLeadDays: number;
  careCallDays: number;
  largeMovementMin: number;
}

/** A holiday of channel.yaml: one-off or recurring, and whom to greet (src/model/holidays.ts). */
export type { Holiday };

/** channel.yaml, normalised. */
export interface Settings {
  version: number;
  organisation: string;
  timezone: string;
  bonus: BonusPolicy | null;
  expenseSupport: ExpensePolicy | null;
  followups: FollowupPolicy;
  holidays: Holiday[];
}

/** The whole repository. Lists are sorted by id (holidays by date). */
export interface Model {
  settings: Settings;
  departments: Department[];
  branches: Branch[];
}

export const DEFAULT_FOLLOWUP_POLICY: FollowupPolicy = {
  windowDays: 7,
  since: null,
  escalateDays: 30,
  cadenceDays: { key: 7, leader: 30, influencer: 14, resource: 14, daily: 21, external: 60, valuable: 30 },
  leaderReportDays: 30,
  archiveReviewDays: 90,
  maturityLeadDays: 7,
  careCallDays: 3,
  largeMovementMin: 500_000,
};

// issue 29 (warm runs at head-office scale): the part of the model most rules read.

/**
 * The fields of the model that only a few commands read (the archives' free text, a branch's
 * checklist sections, KPIs and competitors, a prospect's referral): about half of what a branch
 * holds. The cache keeps them apart (src/cli/pipeline.ts), so that a warm `followups`, `bonus` or
 * `expenses` neither reads nor builds them. A rule that takes the Core types below cannot read them.
 */
export const EXTRA_BRANCH_FIELDS = ["sections", "kpiMonths", "kpiTargets", "competitors", "possibleEntrants"] as const;
export const EXTRA_STAFF_FIELDS = ["archive"] as const;
export const EXTRA_PROSPECT_FIELDS = ["referral", "archive"] as const;

/** A staff member without `EXTRA_STAFF_FIELDS`. */
export type StaffCore = Omit<StaffMember, (typeof EXTRA_STAFF_FIELDS)[number]>;
/** A prospect without `EXTRA_PROSPECT_FIELDS`. */
export type ProspectCore = Omit<Prospect, (typeof EXTRA_PROSPECT_FIELDS)[number]>;
/** A branch without `EXTRA_BRANCH_FIELDS`, its people without theirs. */
export type BranchCore = Omit<Branch, (typeof EXTRA_BRANCH_FIELDS)[number] | "staff" | "prospects"> & { staff: StaffCore[]; prospects: ProspectCore[] };

/** The model without its extra fields; a whole `Model` is one too. */
export interface CoreModel {
  settings: Settings;
  departments: Department[];
  branches: BranchCore[];
}
