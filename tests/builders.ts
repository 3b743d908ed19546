/**
 * In-memory models for unit tests: every builder takes only what a test cares about and fills
 * the rest with plain defaults. Money may be written as in the data files ("2万", "20000元",
 * "1,200,000") and datetimes as "2012-02-20 10:30": they go through the same parsers as the
 * model builder, so a test reads like the YAML it stands for.
 */
import {
  DEFAULT_FOLLOWUP_POLICY,
  categoryOf,
  type AmountTier,
  type BonusPolicy,
  type Branch,
  type Conversion,
  type ConversionKind,
  type Department,
  type ExpensePolicy,
  type Model,
  type Position,
  type Sale,
  type Settings,
  type StaffMember,
  type Prospect,
  type Activity,
  type ActivityKind,
} from "../src/model/types.js";
import { parseDate, parseDateTime, parseMoney } from "../src/model/values.js";
import { compareText } from "../src/findings.js";

/** Money as written in a data file, or a number of yuan. */
export type WrittenMoney = number | string;

/** Yuan from a written amount; throws on text the data files would reject. */
export function yuan(written: WrittenMoney): number {
  const value = parseMoney(written);
  if (value === null) throw new Error(`not money: ${String(written)}`);
  return value;
}

/** `YYYY-MM-DDTHH:mm:ss` from any datetime form of SPEC 2; throws on anything else. */
export function dateTime(written: string): string {
  const value = parseDateTime(written);
  if (value === null) throw new Error(`not a datetime: ${written}`);
  return value;
}

function day(written: string): string {
  if (parseDate(written) === null) throw new Error(`not a date: ${written}`);
  return written;
}

/** The campaign of SPEC 3, as in data-example. */
export function makeBonusPolicy(overrides: Partial<BonusPolicy> = {}): BonusPolicy {
  return {
    start: "2012-02-01",
    deadline: "2012-03-31",
    amount: 1000,
    perBranchCap: 2,
    totalCap: 100,
    eligiblePositions: ["wealth_manager", "vip_wealth_manager", "retail_supervisor", "hall_manager", "deputy_head", "branch_head"],
    assetMin: 20_000,
    fundMin: 20_000,
    products: ["长城2号"],
    example: false,
    allDepartments: false,
    ...overrides,
  };
}

export interface TierInput {
  min: WrittenMoney;
  amount?: WrittenMoney;
  rate?: number;
  cap?: WrittenMoney;
}

/** A tier from its written form; the order given is kept (the model sorts, tests of sorting need both). */
export function makeTier(input: TierInput): AmountTier {
  return {
    min: yuan(input.min),
    amount: input.amount === undefined ? null : yuan(input.amount),
    rate: input.rate ?? null,
    cap: input.cap === undefined ? null : yuan(input.cap),
  };
}

export interface ExpensePolicyInput {
  product?: string;
  start?: string;
  end?: string;
  /** null: the policy has no self-driven scheme. */
  selfDriven?: { ceiling: WrittenMoney; tiers: TierInput[] } | null;
  /** null: the policy has no am-covered scheme. */
  amCovered?: { tiers: TierInput[] } | null;
}

/** The expense policy of SPEC 3 unless overridden. */
export function makeExpensePolicy(input: ExpensePolicyInput = {}): ExpensePolicy {
  const selfDriven =
    input.selfDriven === undefined
      ? { ceiling: "600万", tiers: [{ min: "100万", amount: 5000 }, { min: "300万", amount: 10000 }, { min: "450万", amount: 15000 }] }
      : input.selfDriven;
  const amCovered = input.amCovered === undefined ? { tiers: [{ min: "50万", rate: 0.002 }, { min: "200万", rate: 0.003, cap: 20000 }] } : input.amCovered;
  return {
    product: input.product ?? "长城2号",
    start: day(input.start ?? "2012-02-01"),
    end: day(input.end ?? "2012-03-31"),
    selfDriven: selfDriven === null ? null : { ceiling: yuan(selfDriven.ceiling), tiers: selfDriven.tiers.map(makeTier) },
    amCovered: amCovered === null ? null : { tiers: amCovered.tiers.map(makeTier) },
    example: false,
  };
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    version: 1,
    organisation: "长城证券",
    timezone: "Asia/Shanghai",
    bonus: makeBonusPolicy(),
    expenseSupport: makeExpensePolicy(),
    followups: DEFAULT_FOLLOWUP_POLICY,
    holidays: [],
    ...overrides,
  };
}

export function makeDepartment(input: Partial<Department> & { id: string }): Department {
  return {
    name: `${input.id} 营业部`,
    city: null,
    amCovered: false,
    team: { generalManager: null, marketingLead: null, channelLead: null, specialist: null, members: [] },
    ...input,
  };
}

export interface ConversionInput {
  kind: ConversionKind;
  amount?: WrittenMoney;
  product?: string;
  /** Any datetime form of SPEC 2. */
  at: string;
  account?: string;
  /** The branch where it happened, when the person has moved since. */
  branch?: string;
}

export function makeConversion(input: ConversionInput): Conversion {
  return {
    kind: input.kind,
    amount: input.amount === undefined ? null : yuan(input.amount),
    product: input.product ?? null,
    at: dateTime(input.at),
    account: input.account ?? null,
    branch: input.branch ?? null,
  };
}

export interface StaffInput extends Partial<Omit<StaffMember, "conversion">> {
  id: string;
  conversion?: ConversionInput | null;
}

/**
 * A staff member (a wealth manager unless said otherwise); `branch` is set by `makeBranch`.
 * `hqRegistered` may be written with a time ("2012-02-20 09:40"), as in staff.yaml: it is then
 * split into the day and `hqRegisteredAt`, as the model builder does.
 */
export function makeStaff(input: StaffInput): StaffMember {
  const position: Position = input.position ?? "wealth_manager";
  const { conversion, ...rest } = input;
  const registeredAt = typeof input.hqRegistered === "string" ? parseDateTime(input.hqRegistered) : null;
  const registration = registeredAt === null ? {} : { hqRegistered: registeredAt.slice(0, 10), hqRegisteredAt: registeredAt };
  return {
    name: input.id,
    category: categoryOf(position),
    branch: "",
    key: false,
    gender: null,
    phone: null,
    birthday: null,
    lunarBirthday: null,
    joined: null,
    hqRegistered: null,
    hqRegisteredAt: null,
    customerSince: null,
    cadenceDays: null,
    left: null,
    leftNote: null,
    archive: {},
    ...rest,
    ...registration,
    position,
    conversion: conversion === undefined || conversion === null ? null : makeConversion(conversion),
  };
}

export interface SaleInput {
  date: string;
  amount: WrittenMoney;
  product?: string;
  prospect?: string;
}

export function makeSale(input: SaleInput): Omit<Sale, "branch"> {
  return {
    date: day(input.date),
    amount: yuan(input.amount),
    product: input.product ?? "长城2号",
    prospect: input.prospect ?? null,
  };
}

export interface BranchInput extends Partial<Omit<Branch, "staff" | "sales">> {
  id: string;
  staff?: StaffInput[];
  sales?: SaleInput[];
}

/** A branch of department "dept-a" unless said otherwise; its staff and sales point back at it. */
export function makeBranch(input: BranchInput): Branch {
  const { staff = [], sales = [], ...rest } = input;
  const id = input.id;
  return {
    name: `${id} 支行`,
    bank: "招商银行",
    level: "sub_branch",
    parent: null,
    department: "dept-a",
    owner: null,
    hqReported: null,
    address: null,
    phone: null,
    sections: {},
    reviewed: null,
    staffFile: staff.length > 0 ? "read" : "missing",
    prospects: [],
    activities: [],
    kpiMonths: [],
    kpiTargets: [],
    competitors: [],
    possibleEntrants: null,
    notes: null,
    ...rest,
    staff: staff.map((s) => ({ ...makeStaff(s), branch: id })),
    sales: sales.map((s) => ({ ...makeSale(s), branch: id })),
  };
}

export interface ModelInput {
  settings?: Partial<Settings>;
  /** Default: one department per department id the branches name, in order. */
  departments?: Department[];
  branches?: BranchInput[];
  /** Keep lists in the order given instead of sorting them as the model builder does (for order-independence tests). */
  keepOrder?: boolean;
}

/** A whole model, sorted by id like `buildModel` does (unless `keepOrder`). */
export function makeModel(input: ModelInput = {}): Model {
  const branches = (input.branches ?? []).map(makeBranch);
  const departments =
    input.departments ?? [...new Set(branches.map((b) => b.department))].map((id) => makeDepartment({ id }));
  if (!input.keepOrder) {
    departments.sort((a, b) => compareText(a.id, b.id));
    branches.sort((a, b) => compareText(a.id, b.id));
    for (const b of branches) b.staff.sort((x, y) => compareText(x.id, y.id));
  }
  return { settings: makeSettings(input.settings), departments, branches };
}

/** A prospect with nothing recorded but what the test names. */
export function makeProspect(input: Partial<Prospect> & { id: string }): Prospect {
  return {
    name: input.id,
    tier: "basic",
    branch: "",
    phone: null,
    workPhone: null,
    homePhone: null,
    cadenceDays: null,
    birthday: null,
    lunarBirthday: null,
    referral: null,
    holdings: [],
    events: [],
    purchases: [],
    nextFollowup: null,
    converted: null,
    archive: {},
    ...input,
  };
}

/** One contact-log entry. */
export function makeActivity(date: string, kind: ActivityKind, withIds: string[] = [], branch = ""): Activity {
  return { date, kind, branch, with: withIds, by: null, note: null, done: null, cost: null };
}
