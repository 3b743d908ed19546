/**
 * Expense support (费用支持) of docs/rules.md: per department, the sales that count under its scheme,
 * the tier they reach, and the support it pays.
 *
 * A pure function of (model, policy, D). Sums and the rate multiplication are done in exact
 * decimal arithmetic on the written figures, so "395万 × 0.003" is 11850 and a half yuan
 * always rounds up, whatever binary floating point would make of it.
 */
import type { AmountTier, BranchCore, CoreModel, ExpensePolicy } from "../model/types.js";
import type { IsoDate } from "../model/values.js";
import { compareText } from "../findings.js";

export type ExpenseScheme = "self_driven" | "am_covered";

/**
 * Why a department gets nothing. `scheme_missing` is not a policy term: the policy may leave out
 * one of the two schemes, and a department that needs it gets 0 (the others are still computed).
 */
export type ExpenseReason = "below_first_tier" | "above_ceiling" | "scheme_missing";

export const EXPENSE_REASONS: readonly ExpenseReason[] = ["below_first_tier", "above_ceiling", "scheme_missing"];

/** One branch's part in its department's line, for checking the sum by hand. */
export interface ExpenseBranchLine {
  branch: string;
  name: string;
  department: string;
  /** When the branch was reported to head office; decides am_covered counting. */
  hqReported: IsoDate | null;
  /** Yuan of the policy product in the window that count. */
  sales: number;
  /** Yuan in the window removed by the am_covered rule (sold before the branch was reported). */
  excludedSales: number;
}

export interface ExpenseDepartmentLine {
  department: string;
  name: string;
  scheme: ExpenseScheme;
  /** Yuan that count. */
  sales: number;
  /** Yuan the am_covered rule leaves out; always 0 under self_driven. */
  excludedSales: number;
  /** 1-based index into the scheme's tiers sorted by min; null when no tier applies. */
  tier: number | null;
  /** The tier that applies, as written in the policy. */
  tierRule: AmountTier | null;
  /** Whether a rate tier's cap cut the support. */
  capped: boolean;
  /** The self_driven ceiling (null under am_covered or when the scheme is missing). */
  ceiling: number | null;
  /** The lowest tier's min, for "below the first tier" explanations. */
  firstTierMin: number | null;
  /** Yuan. */
  support: number;
  /** Null when a tier applies. */
  reason: ExpenseReason | null;
  /** The department's branches, sorted by id. */
  branches: ExpenseBranchLine[];
}

export interface ExpenseResult {
  asOf: IsoDate;
  policy: ExpensePolicy;
  product: string;
  /** The counting window actually used: [policy start, min(policy end, D)]; empty when `to` < `from`. */
  from: IsoDate;
  to: IsoDate;
  /** Every department of departments.yaml (and any a branch names), sorted by id. */
  departments: ExpenseDepartmentLine[];
  /** Yuan. */
  totalSupport: number;
}

/** The expense-support rule of docs/rules.md on day D. */
export function computeExpenseSupport(model: CoreModel, policy: ExpensePolicy, asOf: IsoDate): ExpenseResult {
  const from = policy.start;
  const to = policy.end < asOf ? policy.end : asOf;
  const departmentById = new Map(model.departments.map((d) => [d.id, d]));
  const ids = [...new Set([...departmentById.keys(), ...model.branches.map((b) => b.department)])].sort(compareText);

  const departments = ids.map((id): ExpenseDepartmentLine => {
    const department = departmentById.get(id);
    const scheme: ExpenseScheme = department?.amCovered === true ? "am_covered" : "self_driven";
    const branches = model.branches
      .filter((b) => b.department === id)
      .sort((a, b) => compareText(a.id, b.id))
      .map((b) => branchLine(b, policy, scheme, from, to));
    const sales = sumExact(branches.map((b) => b.sales));
    const excludedSales = sumExact(branches.map((b) => b.excludedSales));
    const base = { department: id, name: department?.name ?? id, scheme, sales, excludedSales, branches };
    const none = { tier: null, tierRule: null, capped: false, support: 0 };

    const schemePolicy: { tiers: AmountTier[]; ceiling?: number } | null = scheme === "am_covered" ? policy.amCovered : policy.selfDriven;
    if (schemePolicy === null) return { ...base, ...none, ceiling: null, firstTierMin: null, reason: "scheme_missing" };
    const ceiling = schemePolicy.ceiling ?? null;
    const tiers = sortTiers(schemePolicy.tiers);
    const firstTierMin = tiers[0]?.min ?? null;
    if (ceiling !== null && sales >= ceiling) return { ...base, ...none, ceiling, firstTierMin, reason: "above_ceiling" };
    const index = lastIndexWhere(tiers, (t) => t.min <= sales);
    if (index < 0) return { ...base, ...none, ceiling, firstTierMin, reason: "below_first_tier" };
    const tierRule = tiers[index]!;
    const { support, capped } = tierSupport(tierRule, sales);
    return { ...base, tier: index + 1, tierRule, capped, support, ceiling, firstTierMin, reason: null };
  });

  return { asOf, policy, product: policy.product, from, to, departments, totalSupport: sumExact(departments.map((d) => d.support)) };
}

function branchLine(branch: BranchCore, policy: ExpensePolicy, scheme: ExpenseScheme, from: IsoDate, to: IsoDate): ExpenseBranchLine {
  const counted: number[] = [];
  const excluded: number[] = [];
  for (const sale of branch.sales) {
    if (sale.product !== policy.product || sale.date < from || sale.date > to) continue;
    // Under am_covered only sales made once the branch was reported count (the report day included).
    const reported = branch.hqReported !== null && branch.hqReported <= sale.date;
    if (scheme === "self_driven" || reported) counted.push(sale.amount);
    else excluded.push(sale.amount);
  }
  return {
    branch: branch.id,
    name: branch.name,
    department: branch.department,
    hqReported: branch.hqReported,
    sales: sumExact(counted),
    excludedSales: sumExact(excluded),
  };
}

/** Tiers by min; a stable sort keeps the written order of equal mins, so the later one wins. */
export function sortTiers(tiers: readonly AmountTier[]): AmountTier[] {
  return tiers
    .map((tier, index) => ({ tier, index }))
    .sort((a, b) => a.tier.min - b.tier.min || a.index - b.index)
    .map((x) => x.tier);
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** What a tier pays on `sales`: its fixed amount, or round(sales × rate) capped at `cap`. */
export function tierSupport(tier: AmountTier, sales: number): { support: number; capped: boolean } {
  if (tier.amount !== null || tier.rate === null) return { support: tier.amount ?? 0, capped: false };
  const raw = multiplyRoundHalfUp(sales, tier.rate);
  if (tier.cap !== null && raw > tier.cap) return { support: tier.cap, capped: true };
  return { support: raw, capped: false };
}

// ---- exact decimal arithmetic on the shortest decimal form of each number ----

interface Scaled {
  /** The value × 10^scale, as an integer. */
  units: bigint;
  scale: number;
}

function toScaled(value: number): Scaled {
  const text = String(Math.abs(value));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) return { units: 0n, scale: 0 };
  let digits = (m[1] ?? "") + (m[2] ?? "");
  let scale = (m[2] ?? "").length - Number(m[3] ?? 0);
  if (scale < 0) {
    digits += "0".repeat(-scale);
    scale = 0;
  }
  const units = BigInt(digits);
  return { units: value < 0 ? -units : units, scale };
}

function fromScaled({ units, scale }: Scaled): number {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return Number(negative ? `-${text}` : text);
}

/** The exact sum of decimal amounts (0.1 + 0.2 is 0.3 here). */
export function sumExact(values: readonly number[]): number {
  const scaled = values.map(toScaled);
  const scale = Math.max(0, ...scaled.map((s) => s.scale));
  let units = 0n;
  for (const s of scaled) units += s.units * 10n ** BigInt(scale - s.scale);
  return fromScaled({ units, scale });
}

/** round(a × b) to whole yuan, halves up, computed exactly; both factors are non-negative. */
export function multiplyRoundHalfUp(a: number, b: number): number {
  const x = toScaled(a);
  const y = toScaled(b);
  const product = x.units * y.units;
  const divisor = 10n ** BigInt(x.scale + y.scale);
  const whole = product / divisor;
  const remainder = product % divisor;
  return Number(remainder * 2n >= divisor ? whole + 1n : whole);
}
