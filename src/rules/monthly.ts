/**
 * The figures of the monthly statistics table (月度统计表) a channel worker hands to a bank
 * sub-branch's leaders: the month beside the previous month and the year to date, the branch's
 * KPIs against target, the bank staff converted in the month, what is planned for next month,
 * and six months of history for the chart.
 *
 * A pure function of (model, branch, month, as-of day): no clock, no files, no output, no
 * wording. Nothing is masked here either: the figures carry names, phones, addresses and
 * accounts as recorded, and `src/report/redact.ts` decides what leaves the firm.
 *
 * Audiences: `computeMonthlyFigures` computes the whole table, the department's own (internal)
 * version. The bank's version is that table passed through `forBankAudience`, which takes out
 * what is the firm's own business (docs/reports.md): the conversions of the bank's staff and our
 * bonus on them, and the meals and gifts given. Renderers only lay out what they are given, so a
 * renderer cannot show the bank what the projection removed.
 *
 * Periods (see docs/reports.md):
 * - the month M: its first day to its last day, or to the as-of day D when D falls inside M;
 * - the previous month: the calendar month before M (December of the year before for January);
 * - the year to date: January 1 of M's year to the same cut-off day.
 * Dated records (sales, activities, conversions, purchases…) count only up to the cut-off
 * (docs/rules.md: records count only on or before D). KPI months are monthly entries and count by
 * their `month`.
 */
import { computeBonusAwards, conversionBranch, type BonusReason } from "./bonus.js";
import { sumExact } from "./expenses.js";
import type { ActivityKind, Branch, ConversionKind, Model, Position, Prospect, ProspectTier } from "../model/types.js";
import { daysInMonth, isoDate, type IsoDate, type IsoDateTime, type IsoMonth } from "../model/values.js";
import { compareText } from "../findings.js";

/**
 * Activity kinds in the order the table lists them: what a branch's leaders care about first
 * (salons and lectures, trainings for their staff, visits, the reports to them), then the rest
 * of the contact log in the order of docs/data-format.md.
 */
export const ACTIVITY_KINDS_IN_ORDER: readonly ActivityKind[] = ["event", "training", "visit", "report", "meal", "gift", "call", "sms", "wechat", "email", "other"];

/** Who a monthly table is for: the bank's leaders (the default) or the department itself. */
export const AUDIENCES = ["bank", "internal"] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Activity kinds the bank's version neither lists nor counts: meals and gifts given (招待、礼品).
 * The log cannot always tell whether they went to the bank's staff or to customers, and either
 * way they are the firm's own business.
 */
export const INTERNAL_ACTIVITY_KINDS: ReadonlySet<ActivityKind> = new Set<ActivityKind>(["meal", "gift"]);

/** KPI figures that are levels at month end: compared with a target as they stand, never summed. */
export const STOCK_METRICS = ["deposits", "vip_customers", "good_customers", "custody_balance", "ranking"] as const;
/** KPI figures that are flows within the month: summed over the year to date. */
export const FLOW_METRICS = ["new_accounts", "effective_customers", "assets_in"] as const;

export type StockMetric = (typeof STOCK_METRICS)[number];
export type FlowMetric = (typeof FLOW_METRICS)[number];
/** Every metric a target may name (kpis.schema.json): the KPI figures and `sales`. */
export type Metric = StockMetric | FlowMetric | "sales";

/** Metrics whose figures are money (yuan); the others are counts or a rank. */
export const MONEY_METRICS: ReadonlySet<string> = new Set(["deposits", "custody_balance", "assets_in", "sales"]);

/** What a row of the figures table counts. */
export type FigureKey =
  | "new_accounts"
  | "effective_customers"
  | "assets_in"
  | "sales"
  | "sales_total"
  | "prospects_added"
  | "prospects_converted"
  | "activities"
  | "activities_total"
  | "staff_conversions"
  | "bonus_awarded";

/** The part of the table a row belongs to, in the order the table shows them. */
export type FigureGroup = "business" | "sales" | "prospects" | "activities" | "conversions";

/** One row of the figures table: the month, the previous month and the year to date. */
export interface FigureRow {
  key: FigureKey;
  group: FigureGroup;
  /** The product of a `sales` row, the activity kind of an `activities` row; else null. */
  detail: string | null;
  unit: "count" | "yuan";
  /** Null when the data has no figure for the period (a KPI month not entered, no bonus policy). */
  month: number | null;
  previous: number | null;
  yearToDate: number | null;
  /**
   * For KPI flows: how many months of the year to date have no entry for the figure while
   * others do (the sum is then partial). Always 0 for counts made from dated records.
   */
  yearToDateGaps: number;
}

/** A period the table covers, with its counting window. */
export interface Period {
  /** First day counted. */
  from: IsoDate;
  /** Last day counted: the period's last day, or the cut-off when earlier. */
  to: IsoDate;
}

/** One line of "the branch's KPIs against target". */
export interface KpiRow {
  metric: Metric;
  /** The month's figure (a level for stock metrics, the month's flow otherwise). */
  month: number | null;
  previous: number | null;
  /** The target that applies to M (`period` is M or M's year), or null when none is set. */
  target: { period: string; value: number } | null;
  /**
   * What is compared with the target: the month's level for stock metrics; for flows and
   * sales the month's figure under a monthly target, the year-to-date sum under a yearly one.
   */
  actual: number | null;
  /** actual / target (not for ranking, where lower is better); null when it cannot be computed. */
  completion: number | null;
  /** Whether the target is reached (ranking: actual ≤ target). Null without a target or an actual. */
  met: boolean | null;
  /** A rank: lower is better. */
  lowerIsBetter: boolean;
  /** For a yearly flow target: months of the year to date with no entry (the sum is partial). */
  gaps: number;
}

/**
 * A bank staff member whose conversion at this branch falls in the month (理财经理转化): one of
 * its staff, or one who has moved on with `conversion.branch` naming this branch.
 */
export interface ConversionLine {
  staff: string;
  name: string;
  position: Position;
  at: IsoDateTime;
  kind: ConversionKind;
  amount: number | null;
  product: string | null;
  account: string | null;
  /** The bonus outcome at the cut-off; null when channel.yaml has no bonus policy. */
  status: "awarded" | "rejected" | null;
  reason: BonusReason | null;
  /** Our bonus on this person at the cut-off, in yuan: the policy's amount when awarded, else 0; null without a bonus policy. */
  bonus: number | null;
  /** `left` when on or before the cut-off (the person is former staff then), else null. */
  left: IsoDate | null;
  /** `left_note` of a person who has left; null otherwise. */
  leftNote: string | null;
  /** The branch the person has moved to since (their record is in its staff.yaml), or null. */
  movedTo: { id: string; name: string } | null;
}

/** Something at this branch dated in the month after M. */
export interface PlannedItem {
  date: IsoDate;
  kind: "maturity" | "followup";
  /** The prospect's id; null once redacted (ids are made from names: p-chen-001). */
  prospect: string | null;
  name: string;
  tier: ProspectTier;
  /** The mobile, then the work and home numbers as recorded. */
  phone: string | null;
  workPhone: string | null;
  homePhone: string | null;
  /** For a maturity: the holding. */
  product: string | null;
  amount: number | null;
  /** The prospect's addresses as recorded (address, home_address, work_address), joined. */
  address: string | null;
  /** The prospect's archive note (`notes`). */
  notes: string | null;
}

/** One month of the chart. */
export interface ChartMonth {
  month: IsoMonth;
  newAccounts: number | null;
  /** Yuan; null when the month has no `assets_in`. */
  assetsIn: number | null;
  /**
   * Yuan of our products sold (every product), dated up to the cut-off; null for a month before
   * the branch's records begin (its first sale, activity or KPI month): nothing was entered
   * then, which is not the same as nothing sold.
   */
  sales: number | null;
  /** Activities logged at the branch, up to the cut-off; null before the branch's records begin. */
  activities: number | null;
  /**
   * Of `activities`, those of INTERNAL_ACTIVITY_KINDS (meals, gifts). Null before the branch's
   * records begin, and in the bank's version, whose `activities` leave them out.
   */
  internalActivities: number | null;
}

export interface MonthlyFigures {
  /** `internal` as computed (everything); `bank` once passed through `forBankAudience`. */
  audience: Audience;
  organisation: string;
  branch: {
    id: string;
    name: string;
    bank: string | null;
    parent: string | null;
    department: string;
    /** The department's name, or its id when departments.yaml does not list it. */
    departmentName: string;
    owner: string | null;
  };
  month: IsoMonth;
  previousMonth: IsoMonth;
  nextMonth: IsoMonth;
  /** The last day counted: M's last day, or D when D falls inside M. */
  cutoff: IsoDate;
  /** Whether M is still running at D (the cut-off is before M's last day). */
  partial: boolean;
  periods: { month: Period; previous: Period; yearToDate: Period };
  /** In table order: business, sales, prospects, activities, conversions. */
  rows: FigureRow[];
  kpis: KpiRow[];
  /** Notes written on M's KPI entry. */
  kpiNotes: string | null;
  /** Sorted by `at`, then staff id. Null in the bank's version: not a part of it, not "none". */
  conversions: ConversionLine[] | null;
  /** Sorted by date, kind (maturities first), prospect id. */
  planned: PlannedItem[];
  /** The six months ending with M, oldest first. */
  chart: ChartMonth[];
  /** Prospects on file with no dated record on or before the cut-off (not counted as added in any month). */
  undatedProspects: number;
  /** Prospects on file by tier (the archive as it stands). */
  prospectsOnFile: { basic: number; valuable: number };
  /**
   * Prospects added (in any column) without a `found` day, so counted by their first dated record
   * instead (issue 25): the table says so in a note when there are any.
   */
  addedWithoutFound: number;
  /** `requests` of M's KPI entry: what we ask the branch's leaders to solve together (共同解决存在的问题), as written. */
  requests: string[];
  /**
   * Complaints at the branch in M (prospects' events of kind `complaint` dated in M, up to the
   * cut-off): how many, and their topics (each event's note, in date order; a complaint without a
   * note adds to the count only). Never the complainant's name, in either version.
   */
  complaints: { count: number; topics: string[] };
  /**
   * The month's spending by activity kind (`cost` on activities dated in M up to the cut-off), in
   * the order of ACTIVITY_KINDS_IN_ORDER, kinds with no cost left out; null in the bank's version.
   */
  spending: SpendingLine[] | null;
}

/** The money spent on one kind of activity in a month (issue 25). */
export interface SpendingLine {
  kind: ActivityKind;
  /** Activities of this kind in the month with a `cost`. */
  count: number;
  /** Yuan. */
  yuan: number;
}

/** `YYYY-MM` shifted by whole months. */
export function addMonths(month: IsoMonth, count: number): IsoMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function firstDay(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDay(month: IsoMonth): IsoDate {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return isoDate(year, m, daysInMonth(year, m));
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

function within(date: IsoDate, period: Period): boolean {
  return period.from <= date && date <= period.to;
}

/**
 * The monthly figures of one branch for month M, counted up to min(last day of M, D).
 * Throws when the branch is unknown (the CLI checks first and says so in words).
 */
export function computeMonthlyFigures(model: Model, branchId: string, month: IsoMonth, asOf: IsoDate): MonthlyFigures {
  const branch = model.branches.find((b) => b.id === branchId);
  if (branch === undefined) throw new Error(`unknown branch ${branchId}`);
  const monthEnd = lastDay(month);
  const cutoff = minDate(monthEnd, asOf);
  const previousMonth = addMonths(month, -1);
  const periods = {
    month: { from: firstDay(month), to: cutoff },
    previous: { from: firstDay(previousMonth), to: minDate(lastDay(previousMonth), cutoff) },
    yearToDate: { from: `${month.slice(0, 4)}-01-01`, to: cutoff },
  };
  const ytdMonths = monthsBetween(`${month.slice(0, 4)}-01`, month);

  const rows: FigureRow[] = [];
  const count = (key: FigureKey, group: FigureGroup, detail: string | null, tally: (p: Period) => number): FigureRow => ({
    key,
    group,
    detail,
    unit: "count",
    month: tally(periods.month),
    previous: tally(periods.previous),
    yearToDate: tally(periods.yearToDate),
    yearToDateGaps: 0,
  });

  // Business through the branch: the KPI flows. new_accounts and assets_in are always shown
  // (they are what the table is for); effective_customers only when the branch records it.
  for (const metric of FLOW_METRICS) {
    const row = kpiFlowRow(branch, metric, month, previousMonth, ytdMonths);
    const recorded = row.month !== null || row.previous !== null || row.yearToDate !== null;
    if (metric !== "effective_customers" || recorded) rows.push(row);
  }

  // Our product sales, per product (every product sold in the year or the previous month), then the total.
  const sales = branch.sales.filter((s) => s.date <= cutoff);
  const salesIn = (period: Period, product: string | null) =>
    sumExact(sales.filter((s) => within(s.date, period) && (product === null || s.product === product)).map((s) => s.amount));
  const products = [...new Set(sales.filter((s) => within(s.date, periods.yearToDate) || within(s.date, periods.previous)).map((s) => s.product))].sort(compareText);
  for (const product of products) {
    rows.push({ key: "sales", group: "sales", detail: product, unit: "yuan", month: salesIn(periods.month, product), previous: salesIn(periods.previous, product), yearToDate: salesIn(periods.yearToDate, product), yearToDateGaps: 0 });
  }
  rows.push({ key: "sales_total", group: "sales", detail: null, unit: "yuan", month: salesIn(periods.month, null), previous: salesIn(periods.previous, null), yearToDate: salesIn(periods.yearToDate, null), yearToDateGaps: 0 });

  // Prospects: added (`found`, else the first dated record) and converted.
  const firstSeen = firstRecords(model, branch, cutoff);
  const addedOn = addedDays(branch, firstSeen, cutoff);
  const addedIn = (p: Period) => branch.prospects.filter((x) => { const d = addedOn.get(x.id); return d !== undefined && within(d, p); });
  rows.push(count("prospects_added", "prospects", null, (p) => addedIn(p).length));
  rows.push(count("prospects_converted", "prospects", null, (p) => branch.prospects.filter((x) => x.converted !== null && x.converted.date <= cutoff && within(x.converted.date, p)).length));

  // Activities by kind, in the table's order; kinds with nothing in any column are left out.
  const activities = branch.activities.filter((a) => a.date <= cutoff);
  const activitiesIn = (p: Period, kind: ActivityKind | null) => activities.filter((a) => within(a.date, p) && (kind === null || a.kind === kind)).length;
  for (const kind of ACTIVITY_KINDS_IN_ORDER) {
    const row = count("activities", "activities", kind, (p) => activitiesIn(p, kind));
    if (row.month! + row.previous! + row.yearToDate! > 0) rows.push(row);
  }
  rows.push(count("activities_total", "activities", null, (p) => activitiesIn(p, null)));

  // Bank staff converted (理财经理转化), and how many of them earn the bonus as of the cut-off.
  const conversions = conversionLines(model, branch, cutoff);
  rows.push(count("staff_conversions", "conversions", null, (p) => conversions.filter((c) => within(c.at.slice(0, 10), p)).length));
  const policy = model.settings.bonus;
  const awarded = (p: Period) => conversions.filter((c) => c.status === "awarded" && within(c.at.slice(0, 10), p)).length;
  rows.push({
    key: "bonus_awarded",
    group: "conversions",
    detail: null,
    unit: "count",
    month: policy === null ? null : awarded(periods.month),
    previous: policy === null ? null : awarded(periods.previous),
    yearToDate: policy === null ? null : awarded(periods.yearToDate),
    yearToDateGaps: 0,
  });

  const department = model.departments.find((d) => d.id === branch.department);
  const kpiEntry = branch.kpiMonths.find((k) => k.month === month);
  const begin = recordsBegin(branch);
  return {
    audience: "internal",
    organisation: model.settings.organisation,
    branch: {
      id: branch.id,
      name: branch.name,
      bank: branch.bank,
      parent: branch.parent,
      department: branch.department,
      departmentName: department?.name ?? branch.department,
      owner: branch.owner,
    },
    month,
    previousMonth,
    nextMonth: addMonths(month, 1),
    cutoff,
    partial: cutoff < monthEnd,
    periods,
    rows,
    kpis: kpiRows(branch, month, previousMonth, ytdMonths, periods),
    kpiNotes: kpiEntry?.notes ?? null,
    conversions: conversions.filter((c) => within(c.at.slice(0, 10), periods.month)),
    planned: plannedItems(branch, addMonths(month, 1)),
    chart: monthsBetween(addMonths(month, -5), month).map((m) => chartMonth(branch, m, cutoff, begin)),
    undatedProspects: branch.prospects.filter((p) => !addedOn.has(p.id) && !(p.found !== undefined && p.found > cutoff)).length,
    prospectsOnFile: {
      basic: branch.prospects.filter((p) => p.tier === "basic").length,
      valuable: branch.prospects.filter((p) => p.tier === "valuable").length,
    },
    addedWithoutFound: [...new Set([periods.month, periods.previous, periods.yearToDate].flatMap((p) => addedIn(p)))].filter((x) => x.found === undefined).length,
    requests: kpiEntry?.requests ?? [],
    complaints: complaintsIn(branch, periods.month),
    spending: spendingIn(branch, periods.month),
  };
}

/**
 * The day each prospect counts as added (新增潜在客户), up to the cut-off: `found` when written
 * (the day the prospect was first recorded), else the first dated record. A `found` after the
 * cut-off means the prospect was not on file yet: not added, not undated.
 */
function addedDays(branch: Branch, firstSeen: ReadonlyMap<string, IsoDate>, cutoff: IsoDate): Map<string, IsoDate> {
  const added = new Map<string, IsoDate>();
  for (const p of branch.prospects) {
    if (p.found !== undefined) {
      if (p.found <= cutoff) added.set(p.id, p.found);
      continue;
    }
    const first = firstSeen.get(p.id);
    if (first !== undefined) added.set(p.id, first);
  }
  return added;
}

/** Complaints (prospects' events of kind `complaint`) at the branch in the period: a count and the notes, by date then note. */
function complaintsIn(branch: Branch, period: Period): { count: number; topics: string[] } {
  const events = branch.prospects
    .flatMap((p) => p.events)
    .filter((e) => e.kind === "complaint" && within(e.date, period))
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.note ?? "", b.note ?? ""));
  return { count: events.length, topics: events.map((e) => e.note).filter((n): n is string => n !== null && n.trim() !== "") };
}

/** Yuan spent per activity kind in the period, in the table's order of kinds; kinds without a cost left out. */
function spendingIn(branch: Branch, period: Period): SpendingLine[] {
  const costed = branch.activities.filter((a) => a.cost !== null && within(a.date, period));
  return ACTIVITY_KINDS_IN_ORDER.map((kind) => {
    const ofKind = costed.filter((a) => a.kind === kind);
    return { kind, count: ofKind.length, yuan: sumExact(ofKind.map((a) => a.cost!)) };
  }).filter((line) => line.count > 0);
}

/** Every month from `first` to `last`, inclusive. */
export function monthsBetween(first: IsoMonth, last: IsoMonth): IsoMonth[] {
  const out: IsoMonth[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

function figureOf(branch: Branch, month: IsoMonth, metric: string): number | null {
  const entry = branch.kpiMonths.find((k) => k.month === month);
  return entry?.figures[metric] ?? null;
}

/** A KPI flow's sum over months; null when none of them has the figure. */
function sumFigure(branch: Branch, months: readonly IsoMonth[], metric: string): { sum: number | null; gaps: number } {
  const values = months.map((m) => figureOf(branch, m, metric));
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return { sum: null, gaps: 0 };
  return { sum: sumExact(present), gaps: values.length - present.length };
}

function kpiFlowRow(branch: Branch, metric: FlowMetric, month: IsoMonth, previousMonth: IsoMonth, ytdMonths: readonly IsoMonth[]): FigureRow {
  const ytd = sumFigure(branch, ytdMonths, metric);
  return {
    key: metric,
    group: "business",
    detail: null,
    unit: MONEY_METRICS.has(metric) ? "yuan" : "count",
    month: figureOf(branch, month, metric),
    previous: figureOf(branch, previousMonth, metric),
    yearToDate: ytd.sum,
    yearToDateGaps: ytd.gaps,
  };
}

const METRIC_ORDER: readonly Metric[] = [...STOCK_METRICS, ...FLOW_METRICS, "sales"];

/**
 * The branch's KPIs against target. Stock metrics get a row when M or the month before has a
 * figure, or a target applies; flows and sales only when a target applies (their figures are
 * already in the table above). One row per applicable target; the monthly target first.
 */
function kpiRows(branch: Branch, month: IsoMonth, previousMonth: IsoMonth, ytdMonths: readonly IsoMonth[], periods: MonthlyFigures["periods"]): KpiRow[] {
  const year = month.slice(0, 4);
  const rows: KpiRow[] = [];
  const salesIn = (p: Period) => sumExact(branch.sales.filter((s) => within(s.date, p)).map((s) => s.amount));
  for (const metric of METRIC_ORDER) {
    const stock = (STOCK_METRICS as readonly string[]).includes(metric);
    const monthValue = metric === "sales" ? salesIn(periods.month) : figureOf(branch, month, metric);
    const previousValue = metric === "sales" ? salesIn(periods.previous) : figureOf(branch, previousMonth, metric);
    const targets = branch.kpiTargets
      .filter((t) => t.metric === metric && (t.period === month || t.period === year))
      // A monthly target before the yearly one; equal periods keep the written order.
      .map((t, index) => ({ t, index }))
      .sort((a, b) => b.t.period.length - a.t.period.length || a.index - b.index)
      .map((x) => x.t);
    const lowerIsBetter = metric === "ranking";
    const base = { metric, month: monthValue, previous: previousValue, lowerIsBetter };
    if (targets.length === 0) {
      if (stock && (monthValue !== null || previousValue !== null)) rows.push({ ...base, target: null, actual: monthValue, completion: null, met: null, gaps: 0 });
      continue;
    }
    for (const target of targets) {
      let actual = monthValue;
      let gaps = 0;
      if (!stock && target.period === year) {
        if (metric === "sales") actual = salesIn(periods.yearToDate);
        else {
          const ytd = sumFigure(branch, ytdMonths, metric);
          actual = ytd.sum;
          gaps = ytd.gaps;
        }
      }
      const met = actual === null ? null : lowerIsBetter ? actual <= target.target : actual >= target.target;
      const completion = actual === null || lowerIsBetter || target.target <= 0 ? null : actual / target.target;
      rows.push({ ...base, target: { period: target.period, value: target.target }, actual, completion, met, gaps });
    }
  }
  return rows;
}

/**
 * The day each prospect first appears in a dated record on or before the cut-off: an activity
 * naming them (in any branch's log), a purchase, an event, a sale naming them, their
 * conversion. The schema has no "created" date; this is the closest thing the data holds.
 */
function firstRecords(model: Model, branch: Branch, cutoff: IsoDate): Map<string, IsoDate> {
  const first = new Map<string, IsoDate>();
  const ids = new Set(branch.prospects.map((p) => p.id));
  const see = (id: string, date: IsoDate) => {
    if (!ids.has(id) || date > cutoff) return;
    const known = first.get(id);
    if (known === undefined || date < known) first.set(id, date);
  };
  for (const b of model.branches) {
    for (const a of b.activities) for (const id of a.with) see(id, a.date);
    for (const s of b.sales) if (s.prospect !== null) see(s.prospect, s.date);
  }
  for (const p of branch.prospects) {
    for (const x of p.purchases) see(p.id, x.date);
    for (const x of p.events) see(p.id, x.date);
    if (p.converted !== null) see(p.id, p.converted.date);
  }
  return first;
}

/**
 * Conversions at the branch up to the cut-off (`conversion.branch`, else the branch holding the
 * person: whoever converted here, present or not), with the bonus outcome computed company-wide
 * at the cut-off.
 */
function conversionLines(model: Model, branch: Branch, cutoff: IsoDate): ConversionLine[] {
  const policy = model.settings.bonus;
  const outcome = new Map(policy === null ? [] : computeBonusAwards(model, policy, cutoff).candidates.map((c) => [c.staff, c]));
  return model.branches
    .flatMap((holding) => holding.staff.filter((s) => s.conversion !== null && conversionBranch(s, holding.id) === branch.id).map((s) => ({ s, holding })))
    .filter(({ s }) => s.conversion!.at.slice(0, 10) <= cutoff)
    .map(({ s, holding }): ConversionLine => {
      const c = s.conversion!;
      const candidate = outcome.get(s.id);
      const left = s.left !== null && s.left <= cutoff ? s.left : null;
      return {
        left,
        leftNote: left === null ? null : s.leftNote,
        movedTo: holding.id === branch.id ? null : { id: holding.id, name: holding.name },
        staff: s.id,
        name: s.name,
        position: s.position,
        at: c.at,
        kind: c.kind,
        amount: c.amount,
        product: c.product,
        account: c.account,
        status: candidate?.status ?? null,
        reason: candidate?.reason ?? null,
        bonus: candidate?.amount ?? null,
      };
    })
    .sort((a, b) => compareText(a.at, b.at) || compareText(a.staff, b.staff));
}

function addressOf(prospect: Prospect): string | null {
  const parts = ["address", "home_address", "work_address"]
    .map((key) => prospect.archive[key])
    .filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return parts.length === 0 ? null : parts.join("；");
}

function notesOf(prospect: Prospect): string | null {
  const notes = prospect.archive.notes;
  if (typeof notes === "string") return notes.trim() === "" ? null : notes;
  if (Array.isArray(notes)) return notes.filter((n) => typeof n === "string").join("；") || null;
  return null;
}

/** Maturities and planned follow-ups at the branch in month N, by date, kind (maturities first), prospect id. */
function plannedItems(branch: Branch, next: IsoMonth): PlannedItem[] {
  const period = { from: firstDay(next), to: lastDay(next) };
  const items: PlannedItem[] = [];
  for (const p of branch.prospects) {
    const who = { prospect: p.id, name: p.name, tier: p.tier, phone: p.phone, workPhone: p.workPhone, homePhone: p.homePhone, address: addressOf(p), notes: notesOf(p) };
    for (const h of p.holdings) {
      if (h.matures !== null && within(h.matures, period)) items.push({ ...who, date: h.matures, kind: "maturity", product: h.product, amount: h.amount });
    }
    if (p.nextFollowup !== null && within(p.nextFollowup, period)) items.push({ ...who, date: p.nextFollowup, kind: "followup", product: null, amount: null });
  }
  const kindOrder = { maturity: 0, followup: 1 };
  return items.sort(
    (a, b) => compareText(a.date, b.date) || kindOrder[a.kind] - kindOrder[b.kind] || compareText(a.prospect ?? "", b.prospect ?? "") || compareText(a.product ?? "", b.product ?? ""),
  );
}

/** The month of the branch's first record: a sale, an activity or a KPI month; null when it has none. */
function recordsBegin(branch: Branch): IsoMonth | null {
  const months = [...branch.sales.map((s) => s.date.slice(0, 7)), ...branch.activities.map((a) => a.date.slice(0, 7)), ...branch.kpiMonths.map((k) => k.month)];
  return months.length === 0 ? null : months.reduce((a, b) => (b < a ? b : a));
}

function chartMonth(branch: Branch, month: IsoMonth, cutoff: IsoDate, begin: IsoMonth | null): ChartMonth {
  const period = { from: firstDay(month), to: minDate(lastDay(month), cutoff) };
  const recorded = begin !== null && month >= begin;
  return {
    month,
    newAccounts: figureOf(branch, month, "new_accounts"),
    assetsIn: figureOf(branch, month, "assets_in"),
    sales: recorded ? sumExact(branch.sales.filter((s) => within(s.date, period)).map((s) => s.amount)) : null,
    activities: recorded ? branch.activities.filter((a) => within(a.date, period)).length : null,
    internalActivities: recorded ? branch.activities.filter((a) => within(a.date, period) && INTERNAL_ACTIVITY_KINDS.has(a.kind)).length : null,
  };
}

/** A figure row the bank's version leaves out: staff conversions, the bonus, meals and gifts. */
function isInternalRow(row: FigureRow): boolean {
  return row.group === "conversions" || (row.key === "activities" && INTERNAL_ACTIVITY_KINDS.has(row.detail as ActivityKind));
}

/**
 * The table as the bank's leaders may see it (docs/reports.md): without the conversions of their
 * staff and our bonus on them (section 四, the 行员转化 rows), without meals and gifts (neither
 * their rows nor in the activity totals and the chart), and without the prospects' archive notes
 * (free text written for ourselves, which can name any of these). Everything else is unchanged.
 * Applying it twice changes nothing. The input is not changed.
 */
export function forBankAudience(figures: MonthlyFigures): MonthlyFigures {
  const internal = figures.rows.filter(isInternalRow);
  const withoutInternal = (total: number | null, column: "month" | "previous" | "yearToDate"): number | null =>
    total === null ? null : total - internal.reduce((sum, row) => (row.key === "activities" ? sum + (row[column] ?? 0) : sum), 0);
  return {
    ...figures,
    audience: "bank",
    rows: figures.rows
      .filter((row) => !isInternalRow(row))
      .map((row) =>
        row.key === "activities_total"
          ? { ...row, month: withoutInternal(row.month, "month"), previous: withoutInternal(row.previous, "previous"), yearToDate: withoutInternal(row.yearToDate, "yearToDate") }
          : row,
      ),
    conversions: null,
    spending: null,
    planned: figures.planned.map((p) => ({ ...p, notes: null })),
    chart: figures.chart.map((m) => ({ ...m, activities: m.activities === null ? null : m.activities - (m.internalActivities ?? 0), internalActivities: null })),
  };
}

/** The table for an audience: as computed for `internal`, through `forBankAudience` for `bank`. */
export function figuresForAudience(figures: MonthlyFigures, audience: Audience): MonthlyFigures {
  return audience === "bank" ? forBankAudience(figures) : figures;
}

/**
 * The table for an audience, computed from the model (issue 25). The bank's version is computed
 * without meals and gifts at all, then projected: a meal or gift naming a prospect can then not
 * make that prospect "added" earlier, nor start the branch's records (the chart) earlier, so
 * adding or removing one never changes a figure the bank sees.
 */
export function computeMonthlyForAudience(model: Model, branchId: string, month: IsoMonth, asOf: IsoDate, audience: Audience): MonthlyFigures {
  if (audience === "internal") return computeMonthlyFigures(model, branchId, month, asOf);
  return forBankAudience(computeMonthlyFigures(withoutInternalActivities(model), branchId, month, asOf));
}

/** The model without meals and gifts in any branch's log. The input is not changed. */
function withoutInternalActivities(model: Model): Model {
  return { ...model, branches: model.branches.map((b) => ({ ...b, activities: b.activities.filter((a) => !INTERNAL_ACTIVITY_KINDS.has(a.kind)) })) };
}
