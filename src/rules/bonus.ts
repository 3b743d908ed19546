/**
 * The conversion bonus (理财经理转化奖励) of docs/rules.md: who is a candidate on day D, why an
 * ineligible one is turned down, and who gets the capped, first-come awards.
 *
 * A pure function of (model, policy, D): no clock, no files, no output. Every order is
 * stated (`at`, then staff id, then branch id), so the answer never depends on the order of
 * files or of entries in them, and the same input always gives the same awards.
 */
import type { BonusPolicy, ConversionKind, CoreModel, Position, StaffCore } from "../model/types.js";
import type { IsoDate, IsoDateTime } from "../model/values.js";
import { compareText } from "../findings.js";

/** Why a candidate gets no award. The first eight are checked in this order; the caps come last. */
export type BonusReason =
  | "position_not_eligible"
  | "not_new_customer"
  | "below_minimum"
  | "product_not_eligible"
  | "before_start"
  | "after_deadline"
  | "not_registered"
  | "registered_after_conversion"
  | "branch_cap_reached"
  | "total_cap_reached";

/** Every reason code in the order of docs/rules.md: eligibility checks first, then the two caps. */
export const BONUS_REASONS: readonly BonusReason[] = [
  "position_not_eligible",
  "not_new_customer",
  "below_minimum",
  "product_not_eligible",
  "before_start",
  "after_deadline",
  "not_registered",
  "registered_after_conversion",
  "branch_cap_reached",
  "total_cap_reached",
];

export type BonusStatus = "awarded" | "rejected";

/**
 * What the conversion was (JSON `basis`): the conditions need only the kind; this is the
 * conversion as recorded, so a reader can check the minimum or product test from it.
 */
export interface BonusBasis {
  kind: ConversionKind;
  /** Yuan transferred or invested; null for a product conversion. */
  amount: number | null;
  /** The product bought; null for asset and fund conversions. */
  product: string | null;
}

/** One staff member with a conversion on or before the end of D. */
export interface BonusCandidate {
  /** Place in first-come order among eligible candidates (awarded or cap-rejected), 1-based; null when ineligible. */
  rank: number | null;
  staff: string;
  name: string;
  position: Position;
  /** The branch the conversion counts for: `conversion.branch`, else the branch whose staff.yaml holds the person. */
  branch: string;
  /** The department (营业部) of that branch. */
  department: string;
  /** The asset-transfer time. */
  at: IsoDateTime;
  basis: BonusBasis;
  /** The head-office registration on record at D (null when none, or when it is dated after D). */
  registered: IsoDate | null;
  /** That registration's time when it was written with one (issue 25); null for a bare day or none. */
  registeredAt: IsoDateTime | null;
  /** `customer_since`: the day the person was already our customer, or null. */
  customerSince: IsoDate | null;
  status: BonusStatus;
  /** Null exactly when awarded. */
  reason: BonusReason | null;
  /** Yuan: the policy amount when awarded, else 0. */
  amount: number;
}

/** A department's share of the awards. */
export interface BonusDepartmentTotal {
  department: string;
  /** The department's name, or its id when departments.yaml does not list it. */
  name: string;
  awarded: number;
  /** Yuan. */
  amount: number;
}

/** A branch folder's use of its per-branch quota (a 分行 folder has its own, like a 支行). */
export interface BonusBranchQuota {
  branch: string;
  name: string;
  department: string;
  awarded: number;
  /** Places still open in this branch, ignoring the company-wide cap. */
  left: number;
}

export interface BonusResult {
  asOf: IsoDate;
  policy: BonusPolicy;
  /** Sorted by `at`, then staff id. */
  candidates: BonusCandidate[];
  /** Company-wide count of awards. */
  awarded: number;
  /** Company-wide yuan awarded. */
  totalAmount: number;
  /** Every department (of departments.yaml, plus any a branch names), sorted by id; zero rows included. */
  departments: BonusDepartmentTotal[];
  /** Every branch, sorted by id. */
  branches: BonusBranchQuota[];
  /** Company-wide places still open: total_cap − awarded. */
  totalLeft: number;
  /**
   * Whether conversions can still come in: D is on or before the deadline (which includes its
   * whole day), so places left are worth planning on.
   */
  open: boolean;
}

/** The day of a datetime. */
function dayOf(at: IsoDateTime): IsoDate {
  return at.slice(0, 10);
}

/** `YYYY-MM-DDTHH:mm` of a normalised datetime: the precision registrations are compared at. */
function minuteOf(at: IsoDateTime): string {
  return at.slice(0, 16);
}

/**
 * The first eligibility check a conversion fails, or null when it is eligible.
 * The caller guarantees `staff.conversion` is present.
 */
export function ineligibility(staff: StaffCore, policy: BonusPolicy, asOf: IsoDate): BonusReason | null {
  const conversion = staff.conversion!;
  if (!policy.eligiblePositions.includes(staff.position)) return "position_not_eligible";
  // 每新增1户: someone who was our customer before the day of the transfer is not a new one.
  if (staff.customerSince !== null && staff.customerSince < dayOf(conversion.at)) return "not_new_customer";
  if (conversion.kind === "asset" && !(conversion.amount !== null && conversion.amount >= policy.assetMin)) return "below_minimum";
  if (conversion.kind === "fund" && !(conversion.amount !== null && conversion.amount >= policy.fundMin)) return "below_minimum";
  if (conversion.kind === "product" && !(conversion.product !== null && policy.products.includes(conversion.product))) return "product_not_eligible";
  const day = dayOf(conversion.at);
  if (day < policy.start) return "before_start";
  if (day > policy.deadline) return "after_deadline";
  const registered = registeredBy(staff, asOf);
  if (registered === null) return "not_registered";
  if (registered > day) return "registered_after_conversion";
  // With a time, the registration must not come after the transfer itself, compared to the
  // minute: within the same minute counts as beforehand, as the same day does for a bare day.
  if (staff.hqRegisteredAt !== null && minuteOf(staff.hqRegisteredAt) > minuteOf(conversion.at)) return "registered_after_conversion";
  return null;
}

/** The registration as a record on D: a registration dated after D has not happened yet. */
function registeredBy(staff: StaffCore, asOf: IsoDate): IsoDate | null {
  return staff.hqRegistered !== null && staff.hqRegistered <= asOf ? staff.hqRegistered : null;
}

/**
 * The branch a conversion counts for (its quota, its line in the output): `conversion.branch`
 * when the person has moved since, else the branch whose staff.yaml holds them. A 分行 folder
 * is a branch like any other here, with its own quota.
 */
export function conversionBranch(staff: StaffCore, holdingBranch: string): string {
  return staff.conversion?.branch ?? holdingBranch;
}

function byArrival(a: { at: string; staff: string; branch: string }, b: { at: string; staff: string; branch: string }): number {
  // Staff ids are unique in a valid repository; the branch only settles the order of invalid input.
  return compareText(a.at, b.at) || compareText(a.staff, b.staff) || compareText(a.branch, b.branch);
}

/** The bonus rule of docs/rules.md: every candidate at D, with rank, status, reason and amount, and the totals. */
export function computeBonusAwards(model: CoreModel, policy: BonusPolicy, asOf: IsoDate): BonusResult {
  const candidates: BonusCandidate[] = [];
  const branchesById = new Map(model.branches.map((b) => [b.id, b]));
  for (const holding of model.branches) {
    // Present or not: a conversion stays a conversion after the person moves or leaves.
    for (const staff of holding.staff) {
      const conversion = staff.conversion;
      if (conversion === null || dayOf(conversion.at) > asOf) continue;
      const reason = ineligibility(staff, policy, asOf);
      const branch = conversionBranch(staff, holding.id);
      candidates.push({
        rank: null,
        staff: staff.id,
        name: staff.name,
        position: staff.position,
        branch,
        // A branch the repository does not have (invalid data) leaves the holding branch's department.
        department: (branchesById.get(branch) ?? holding).department,
        at: conversion.at,
        basis: {
          kind: conversion.kind,
          amount: conversion.kind === "product" ? null : conversion.amount,
          product: conversion.kind === "product" ? conversion.product : null,
        },
        registered: registeredBy(staff, asOf),
        registeredAt: registeredBy(staff, asOf) === null ? null : staff.hqRegisteredAt,
        customerSince: staff.customerSince,
        status: "rejected",
        reason,
        amount: 0,
      });
    }
  }
  candidates.sort(byArrival);

  // First come, first served: a cap-rejected candidate takes no place, so a later one in
  // another branch can still be awarded.
  const perBranch = new Map<string, number>();
  let awarded = 0;
  let rank = 0;
  for (const candidate of candidates) {
    if (candidate.reason !== null) continue;
    candidate.rank = ++rank;
    const inBranch = perBranch.get(candidate.branch) ?? 0;
    if (inBranch >= policy.perBranchCap) {
      candidate.reason = "branch_cap_reached";
    } else if (awarded >= policy.totalCap) {
      candidate.reason = "total_cap_reached";
    } else {
      candidate.status = "awarded";
      candidate.amount = policy.amount;
      perBranch.set(candidate.branch, inBranch + 1);
      awarded += 1;
    }
  }

  const departmentNames = new Map(model.departments.map((d) => [d.id, d.name]));
  const departmentIds = new Set([...departmentNames.keys(), ...model.branches.map((b) => b.department)]);
  const departments = [...departmentIds].sort(compareText).map((id): BonusDepartmentTotal => {
    const won = candidates.filter((c) => c.department === id && c.status === "awarded");
    return { department: id, name: departmentNames.get(id) ?? id, awarded: won.length, amount: sum(won.map((c) => c.amount)) };
  });
  const branches = [...model.branches]
    .sort((a, b) => compareText(a.id, b.id))
    .map((b): BonusBranchQuota => {
      const count = perBranch.get(b.id) ?? 0;
      return { branch: b.id, name: b.name, department: b.department, awarded: count, left: Math.max(0, policy.perBranchCap - count) };
    });

  return {
    asOf,
    policy,
    candidates,
    awarded,
    totalAmount: sum(candidates.map((c) => c.amount)),
    departments,
    branches,
    totalLeft: Math.max(0, policy.totalCap - awarded),
    open: asOf <= policy.deadline,
  };
}

function sum(values: number[]): number {
  // Integer yuan in practice; summed in a stated order so a fractional policy amount still gives one answer.
  return values.reduce((a, b) => a + b, 0);
}
