/**
 * Head office's view (总部汇总): one row per department (营业部) with what it has on file and
 * what it has won, on day D, and the totals.
 *
 * Pure: built from the other rules (coverage, bonus, expense support, follow-ups) on the same
 * model and D, so every figure here is the one the dedicated command shows.
 */
import type { Model } from "../model/types.js";
import type { IsoDate } from "../model/values.js";
import { compareText } from "../findings.js";
import { computeBonusAwards, conversionBranch } from "./bonus.js";
import { isPresent } from "./presence.js";
import { measureCoverage } from "./coverage.js";
import { computeExpenseSupport, sumExact } from "./expenses.js";
import { collectOverdueFollowups } from "./followups.js";

/** The figures of one department, or of all of them (the totals). */
export interface SummaryFigures {
  branches: number;
  /** Bank staff present at D (on file, without `left` on or before D). */
  staff: number;
  /** Of them, key persons (核心人物). */
  keyStaff: number;
  /** Archive coverage (see rules/coverage.ts): the mean over the branches; null without branches. */
  coverage: number | null;
  prospectsBasic: number;
  prospectsValuable: number;
  /** Prospects converted into customers on or before D (`converted.date`). */
  prospectsConverted: number;
  /** Bank staff converted (理财经理转化: a `conversion` whose day is on or before D). */
  staffConversions: number;
  /**
   * Yuan of the campaign product (expense_support `product`) sold at the department's branches
   * within [start, min(end, D)], all of it (counted or not for expense support). Null without
   * an expense_support policy.
   */
  sales: number | null;
  /** Bonus awards at D (company-wide first-come quota); null without a bonus policy. */
  bonusAwarded: number | null;
  /** Yuan. */
  bonusAmount: number | null;
  /** Yuan of expense support at D; null without an expense_support policy. */
  expenseSupport: number | null;
  /** Follow-ups (rules/followups.ts) overdue at D at the department's branches. */
  overdueFollowups: number;
  /** Of them, the escalated ones (event-like, more than escalate_days late and not done). */
  escalatedFollowups: number;
  /**
   * Yuan spent (`cost` on activities: meals, gifts, events…) at the department's branches: within
   * the campaign window [start, min(end, D)] when there is an expense_support policy, so it sets
   * against `expenseSupport`; else every cost dated on or before D (issue 25).
   */
  spending: number;
  /** `expenseSupport` − `spending` (negative when more was spent than the support); null without an expense_support policy. */
  supportLeft: number | null;
}

/** How many escalated items one owner has at one department's branches (head office asks whose they are). */
export interface EscalatedByOwner {
  department: string;
  /** The branch owner (null for branches with no owner and no specialist). */
  owner: string | null;
  /** The department's channel lead they are offered to as well; null when none is named. */
  channelLead: string | null;
  escalated: number;
}

export interface SummaryRow extends SummaryFigures {
  department: string;
  name: string;
}

export interface SummaryResult {
  asOf: IsoDate;
  /** The campaign product and window the `sales` column covers; null without an expense policy. */
  campaign: { product: string; from: IsoDate; to: IsoDate } | null;
  /** Every department (of departments.yaml, plus any a branch names), sorted by id. */
  departments: SummaryRow[];
  totals: SummaryFigures;
  /** Escalated items per department and owner, sorted by department id, then owner; only those with any. */
  escalatedByOwner: EscalatedByOwner[];
}

export function computeSummary(model: Model, asOf: IsoDate): SummaryResult {
  const coverage = measureCoverage(model, asOf, { named: false });
  const bonus = model.settings.bonus === null ? null : computeBonusAwards(model, model.settings.bonus, asOf);
  const expenses = model.settings.expenseSupport === null ? null : computeExpenseSupport(model, model.settings.expenseSupport, asOf);
  const policy = model.settings.followups;
  // Counted, never listed: in the order found (the escalated rows are sorted below).
  const overdue = collectOverdueFollowups(model, policy, asOf, policy.windowDays);

  const names = new Map(model.departments.map((d) => [d.id, d.name]));
  const ids = [...new Set([...names.keys(), ...model.branches.map((b) => b.department)])].sort(compareText);

  const branchDepartment = new Map(model.branches.map((b) => [b.id, b.department]));
  // Each list is grouped by department once: figuresOf runs for every department, and filtering
  // every branch, person and item each time made the summary departments × people (issue 29).
  const branchesIn = groupedByDepartment(model.branches, (b) => b.department);
  const sharesIn = groupedByDepartment(coverage.branches, (c) => c.department);
  const expenseLinesIn = groupedByDepartment(expenses?.departments ?? [], (d) => d.department);
  const bonusLinesIn = groupedByDepartment(bonus?.departments ?? [], (d) => d.department);
  const overdueIn = groupedByDepartment(overdue, (item) => item.department);
  // Present or not, and at the branch where it happened: a conversion stays a conversion.
  const conversionsIn = groupedByDepartment(
    model.branches
      .flatMap((holding) => holding.staff.map((s) => ({ s, branch: conversionBranch(s, holding.id) })))
      .filter(({ s }) => s.conversion !== null && s.conversion.at.slice(0, 10) <= asOf),
    ({ branch }) => branchDepartment.get(branch) ?? "",
  );
  const figuresOf = (departmentIds: ReadonlySet<string>): SummaryFigures => {
    const branches = branchesIn(departmentIds);
    const spent = (date: IsoDate) => (expenses === null ? date <= asOf : expenses.from <= date && date <= expenses.to);
    // Counted in one pass over the branches: the totals' lists of every person and activity
    // (flatMap, then filter) were ~0.3 s of garbage at 2,000 branches (issue 29).
    const people = { staff: 0, keyStaff: 0, prospectsBasic: 0, prospectsValuable: 0, prospectsConverted: 0 };
    const costs: number[] = [];
    for (const branch of branches) {
      for (const s of branch.staff) {
        if (!isPresent(s, asOf)) continue;
        people.staff++;
        if (s.key) people.keyStaff++;
      }
      for (const p of branch.prospects) {
        if (p.tier === "basic") people.prospectsBasic++;
        else if (p.tier === "valuable") people.prospectsValuable++;
        if (p.converted !== null && p.converted.date <= asOf) people.prospectsConverted++;
      }
      for (const a of branch.activities) if (a.cost !== null && spent(a.date)) costs.push(a.cost);
    }
    const branchShares = sharesIn(departmentIds).map((c) => c.share);
    const expenseLines = expenseLinesIn(departmentIds);
    const bonusLines = bonusLinesIn(departmentIds);
    const overdueHere = overdueIn(departmentIds);
    const spending = sumExact(costs);
    const expenseSupport = expenses === null ? null : sumExact(expenseLines.map((d) => d.support));
    return {
      branches: branches.length,
      staff: people.staff,
      keyStaff: people.keyStaff,
      coverage: branchShares.length === 0 ? null : branchShares.reduce((a, b) => a + b, 0) / branchShares.length,
      prospectsBasic: people.prospectsBasic,
      prospectsValuable: people.prospectsValuable,
      prospectsConverted: people.prospectsConverted,
      staffConversions: conversionsIn(departmentIds).length,
      sales: expenses === null ? null : sumExact(expenseLines.flatMap((d) => d.branches.flatMap((b) => [b.sales, b.excludedSales]))),
      bonusAwarded: bonus === null ? null : bonusLines.reduce((a, d) => a + d.awarded, 0),
      bonusAmount: bonus === null ? null : sumExact(bonusLines.map((d) => d.amount)),
      expenseSupport,
      overdueFollowups: overdueHere.length,
      escalatedFollowups: overdueHere.filter((item) => item.escalated).length,
      spending,
      supportLeft: expenseSupport === null ? null : expenseSupport - spending,
    };
  };

  const byOwner = new Map<string, EscalatedByOwner>();
  for (const item of overdue) {
    if (!item.escalated || item.department === null) continue;
    const key = `${item.department}\u0000${item.owner ?? ""}`;
    const row = byOwner.get(key);
    if (row !== undefined) row.escalated++;
    else byOwner.set(key, { department: item.department, owner: item.owner, channelLead: item.channelLead, escalated: 1 });
  }

  return {
    asOf,
    campaign: expenses === null ? null : { product: expenses.product, from: expenses.from, to: expenses.to },
    departments: ids.map((id) => ({ department: id, name: names.get(id) ?? id, ...figuresOf(new Set([id])) })),
    totals: figuresOf(new Set(ids)),
    escalatedByOwner: [...byOwner.values()].sort((a, b) => compareText(a.department, b.department) || compareText(a.owner ?? "", b.owner ?? "")),
  };
}

/**
 * `list` grouped by department once; the result gives the elements of some departments in the
 * list's order: one department's group as it is, several (the totals) by one pass over the list.
 */
function groupedByDepartment<T>(list: readonly T[], departmentOf: (element: T) => string | null): (departmentIds: ReadonlySet<string>) => readonly T[] {
  const groups = new Map<string, T[]>();
  for (const element of list) {
    const department = departmentOf(element);
    if (department === null) continue;
    const group = groups.get(department);
    if (group === undefined) groups.set(department, [element]);
    else group.push(element);
  }
  return (departmentIds) => {
    if (departmentIds.size === 1) return groups.get(departmentIds.values().next().value!) ?? [];
    return list.filter((element) => {
      const department = departmentOf(element);
      return department !== null && departmentIds.has(department);
    });
  };
}
