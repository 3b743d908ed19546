/**
 * From schema-valid plain data to the typed model. The schema pass has already guaranteed
 * every shape, so this only normalises (money to yuan, datetimes to ISO, defaults filled)
 * and sorts. Files with errors are left out and listed, so a command can work from the rest.
 */
import { enumCode } from "./enum-names.js";
import type { LoadedFile, LoadedRepository } from "../load/repository.js";
import { compareText } from "../findings.js";
import {
  categoryOf,
  DEFAULT_FOLLOWUP_POLICY,
  type Activity,
  type ActivityKind,
  type AmountTier,
  type BonusPolicy,
  type Branch,
  type Competitor,
  type PossibleEntrant,
  type Department,
  type ExpensePolicy,
  type FollowupPolicy,
  type KpiMonth,
  type Model,
  type Position,
  type Prospect,
  type Sale,
  type Settings,
  type StaffFileState,
  type StaffMember,
} from "./types.js";
import type { DoneKind } from "../rules/followup-kinds.js";
import { parseBirthday, parseDateTime, parseLunarBirthday, parseMoney } from "./values.js";

/**
 * Issue 29: a day or a product is written on thousands of records, and every record's value
 * holds a string of its own for it (at 200 generated branches, 3 MB of the model's 21 MB of text
 * were copies of days). The model holds one string per distinct day, month and product instead.
 * At most SHARED_LIMIT distinct texts are held (a process that serves many repositories, or one
 * of unusual texts, does not grow this without end); past it a text is kept as it is.
 */
const SHARED_LIMIT = 100_000;
const sharedTexts = new Map<string, string>();

function shared(text: string): string {
  const known = sharedTexts.get(text);
  if (known !== undefined) return known;
  if (sharedTexts.size < SHARED_LIMIT) sharedTexts.set(text, text);
  return text;
}

function sharedOrNull(text: string | null): string | null {
  return text === null ? null : shared(text);
}
import { isGreetGroup, isSolarTerm, SOLAR_TERMS, type Holiday } from "./holidays.js";

type Raw = Record<string, unknown>;

export interface BuiltModel {
  model: Model;
  /** Files left out because they have errors, sorted. */
  skipped: string[];
}

export const DEFAULT_TIMEZONE = "Asia/Shanghai";

/** Whether the model may use a file: it parsed and has no errors. */
function isUsable(file: LoadedFile, filesWithErrors: ReadonlySet<string>): boolean {
  return file.data !== undefined && !filesWithErrors.has(file.file);
}

/**
 * The files the model leaves out, sorted: what commands name as skipped. A required file that
 * is missing (a branch folder's branch.yaml, without which the whole folder is left out) is one
 * of them: it has an error though it is not among the files read.
 */
export function skippedFiles(repo: LoadedRepository, filesWithErrors: ReadonlySet<string>, unparsed?: ReadonlySet<string>): string[] {
  // `unparsed`: the files that did not parse, when the files no longer hold their values (a cold validate lets them go).
  const unusable = repo.files.filter((f) => (unparsed === undefined ? !isUsable(f, filesWithErrors) : unparsed.has(f.file) || filesWithErrors.has(f.file))).map((f) => f.file);
  const read = new Set(repo.files.map((f) => f.file));
  const missing = [...filesWithErrors].filter((file) => !read.has(file));
  return [...new Set([...unusable, ...missing])].sort(compareText);
}

/**
 * Branches built by an earlier `buildModel` of the same run, by the value of the branch.yaml they
 * were built from (issue 29: `audit` models the data at D and at the deadline, whose files are
 * mostly the very same values): a branch whose files hold the same values (the same objects),
 * usable alike, with the same departments, is taken as built then. Rules never change a model,
 * so two models may share a branch.
 */
export type BranchMemo = WeakMap<object, { inputs: readonly unknown[]; departments: string; branch: Branch }>;

/** The files of a branch folder besides branch.yaml that a branch is built from. */
const BRANCH_SIBLINGS: readonly LoadedFile["kind"][] = ["staff", "prospects", "activities", "kpis", "competitors"];

/** Builds the model from every file not named in `filesWithErrors`; with `memo`, reusing and remembering branches (see BranchMemo). */
export function buildModel(repo: LoadedRepository, filesWithErrors: ReadonlySet<string>, memo?: BranchMemo): BuiltModel {
  const usable = (file: LoadedFile): boolean => isUsable(file, filesWithErrors);
  const { settings, departments } = buildTopLevel(repo.files.filter((f) => f.branchFolder === null), usable);

  // Each branch folder's files, in the repository's order: looking a branch's files up in the
  // list of all files made the build branches × files (seconds at 5,000 branches).
  const filesByFolder = new Map<string | null, LoadedFile[]>();
  for (const file of repo.files) {
    const inFolder = filesByFolder.get(file.branchFolder);
    if (inFolder === undefined) filesByFolder.set(file.branchFolder, [file]);
    else inFolder.push(file);
  }
  const branches: Branch[] = [];
  const departmentsKey = memo === undefined ? "" : JSON.stringify(departments);
  for (const branchFile of repo.files.filter((f) => f.kind === "branch" && usable(f))) {
    const inFolder = filesByFolder.get(branchFile.branchFolder) ?? [];
    if (memo === undefined || typeof branchFile.data !== "object" || branchFile.data === null) {
      branches.push(buildFolderBranch(branchFile, inFolder, departments, usable));
      continue;
    }
    const sibling = (kind: LoadedFile["kind"]) => inFolder.find((f) => f.kind === kind && usable(f));
    const inputs = [branchFile.file, staffStateOf(inFolder, usable), ...BRANCH_SIBLINGS.map((kind) => sibling(kind)?.data)];
    const known = memo.get(branchFile.data);
    if (known !== undefined && known.departments === departmentsKey && known.inputs.every((input, i) => input === inputs[i])) {
      branches.push(known.branch);
      continue;
    }
    const branch = buildFolderBranch(branchFile, inFolder, departments, usable);
    memo.set(branchFile.data, { inputs, departments: departmentsKey, branch });
    branches.push(branch);
  }
  branches.sort((a, b) => compareText(a.id, b.id));
  return { model: { settings, departments, branches }, skipped: skippedFiles(repo, filesWithErrors) };
}

/**
 * The settings alone, as buildModel makes them: for a command that needs nothing else of the
 * model (import, issue 29: building and caching the whole model cost it a tenth of its time).
 */
export function buildSettingsOf(repo: LoadedRepository, filesWithErrors: ReadonlySet<string>): Settings {
  return buildTopLevel(
    repo.files.filter((f) => f.branchFolder === null),
    (file) => isUsable(file, filesWithErrors),
  ).settings;
}

/** What the model takes from the files outside the branch folders: the settings and the departments, sorted. */
export function buildTopLevel(files: readonly LoadedFile[], usable: (file: LoadedFile) => boolean): Pick<Model, "settings" | "departments"> {
  const channelFile = files.find((f) => f.kind === "channel" && usable(f));
  const departments = files
    .filter((f) => f.kind === "departments" && usable(f))
    .flatMap((file) => list(asRecord(file.data).departments).map((d, i) => buildDepartment(d, file, i)))
    .sort((a, b) => compareText(a.id, b.id));
  return { settings: buildSettings(asRecord(channelFile?.data)), departments };
}

/** The branch of a usable branch.yaml, from the usable files of its folder (`inFolder`, in which it is). */
export function buildFolderBranch(branchFile: LoadedFile, inFolder: readonly LoadedFile[], departments: Department[], usable: (file: LoadedFile) => boolean): Branch {
  const sibling = (kind: LoadedFile["kind"]) => inFolder.find((f) => f.kind === kind && usable(f));
  return buildBranch(branchFile, sibling, departments, staffStateOf(inFolder, usable));
}

function staffStateOf(inFolder: readonly LoadedFile[], usable: (file: LoadedFile) => boolean): StaffFileState {
  const staffFile = inFolder.find((f) => f.kind === "staff");
  return staffFile === undefined ? "missing" : usable(staffFile) ? "read" : "skipped";
}

function asRecord(value: unknown): Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : {};
}

function list(value: unknown): Raw[] {
  return Array.isArray(value) ? (value as Raw[]) : [];
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

function money(value: unknown): number | null {
  return value === undefined || value === null ? null : parseMoney(value);
}

/** Money the schema requires: present and valid by the time the model is built. */
function requiredMoney(value: unknown): number {
  return parseMoney(value) ?? 0;
}

/** The fields of `raw` not in `known`, kept as written (archive and checklist details). */
function rest(raw: Raw, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Only the few unknown keys are sorted (issue 29: a head office's 100,000 staff entries).
  const others = Object.keys(raw).filter((key) => !known.includes(key));
  if (others.length === 0) return out;
  for (const key of others.sort(compareText)) Object.defineProperty(out, key, { value: raw[key], enumerable: true, writable: true, configurable: true });
  return out;
}

function buildTiers(value: unknown): AmountTier[] {
  return list(value)
    .map((t) => ({ min: requiredMoney(t.min), amount: money(t.amount), rate: num(t.rate), cap: money(t.cap) }))
    .sort((a, b) => a.min - b.min);
}

export function buildSettings(raw: Raw): Settings {
  const bonusRaw = raw.bonus === undefined ? null : asRecord(raw.bonus);
  const bonus: BonusPolicy | null = bonusRaw && {
    start: String(bonusRaw.start),
    deadline: String(bonusRaw.deadline),
    amount: requiredMoney(bonusRaw.amount),
    perBranchCap: Number(bonusRaw.per_branch_cap),
    totalCap: Number(bonusRaw.total_cap),
    eligiblePositions: (Array.isArray(bonusRaw.eligible_positions) ? bonusRaw.eligible_positions : []).map((p) => enumCode("position", String(p)) as Position),
    assetMin: requiredMoney(bonusRaw.asset_min),
    fundMin: requiredMoney(bonusRaw.fund_min),
    products: list(bonusRaw.products) as unknown as string[],
    example: bonusRaw.example === true,
    allDepartments: bonusRaw.all_departments === true,
  };
  const expenseRaw = raw.expense_support === undefined ? null : asRecord(raw.expense_support);
  const expenseSupport: ExpensePolicy | null = expenseRaw && {
    product: String(expenseRaw.product),
    start: String(expenseRaw.start),
    end: String(expenseRaw.end),
    selfDriven:
      expenseRaw.self_driven === undefined
        ? null
        : { ceiling: requiredMoney(asRecord(expenseRaw.self_driven).ceiling), tiers: buildTiers(asRecord(expenseRaw.self_driven).tiers) },
    amCovered: expenseRaw.am_covered === undefined ? null : { tiers: buildTiers(asRecord(expenseRaw.am_covered).tiers) },
    example: expenseRaw.example === true,
  };
  return {
    version: num(raw.version) ?? 1,
    organisation: str(raw.organisation) ?? "",
    timezone: str(raw.timezone) ?? DEFAULT_TIMEZONE,
    bonus,
    expenseSupport,
    followups: buildFollowupPolicy(asRecord(raw.followups)),
    holidays: list(raw.holidays)
      .map(buildHoliday)
      .sort((a, b) => compareText(holidaySortKey(a), holidaySortKey(b)) || compareText(a.name, b.name)),
  };
}

/**
 * One entry of `holidays` (issue 23): a one-off `date`, or a recurring `date: "--MM-DD"`,
 * `lunar: "MM-DD"` or `solar_term`, with `greet` groups as codes (Chinese names read as codes).
 */
function buildHoliday(raw: Raw): Holiday {
  const name = String(raw.name);
  const greet = list(raw.greet)
    .map((g) => enumCode("greet", String(g)))
    .filter(isGreetGroup);
  const holiday: Holiday = { name, ...(greet.length > 0 ? { greet: [...new Set(greet)] } : {}) };
  const date = str(raw.date);
  const lunar = str(raw.lunar);
  const term = str(raw.solar_term);
  if (date !== null && date.startsWith("--")) {
    const solar = parseBirthday(date);
    if (solar !== null) holiday.recurs = { calendar: "solar", month: solar.month, day: solar.day };
  } else if (date !== null) holiday.date = date;
  else if (lunar !== null) {
    const day = parseLunarBirthday(lunar);
    if (day !== null && !day.leap) holiday.recurs = { calendar: "lunar", month: day.month, day: day.day };
  } else if (term !== null && isSolarTerm(term)) holiday.recurs = { calendar: "solar_term", term };
  return holiday;
}

/** One-off holidays by day, before the recurring ones by how they recur. */
function holidaySortKey(h: Holiday): string {
  if (h.date !== undefined) return h.date;
  const r = h.recurs;
  if (r === undefined) return "~";
  return r.calendar === "solar_term" ? `~${r.calendar}|${SOLAR_TERMS.indexOf(r.term) + 10}` : `~${r.calendar}|${String(r.month).padStart(2, "0")}-${String(r.day).padStart(2, "0")}`;
}

function buildFollowupPolicy(raw: Raw): FollowupPolicy {
  const d = DEFAULT_FOLLOWUP_POLICY;
  const cadence = asRecord(raw.cadence_days);
  return {
    windowDays: num(raw.window_days) ?? d.windowDays,
    since: str(raw.since) ?? d.since,
    // v2 wrote `overdue_days` for the same setting; `escalate_days` wins when both are written.
    escalateDays: num(raw.escalate_days) ?? num(raw.overdue_days) ?? d.escalateDays,
    cadenceDays: {
      key: num(cadence.key) ?? d.cadenceDays.key,
      leader: num(cadence.leader) ?? d.cadenceDays.leader,
      influencer: num(cadence.influencer) ?? d.cadenceDays.influencer,
      resource: num(cadence.resource) ?? d.cadenceDays.resource,
      daily: num(cadence.daily) ?? d.cadenceDays.daily,
      external: num(cadence.external) ?? d.cadenceDays.external,
      valuable: num(cadence.valuable) ?? d.cadenceDays.valuable,
    },
    leaderReportDays: num(raw.leader_report_days) ?? d.leaderReportDays,
    archiveReviewDays: num(raw.archive_review_days) ?? d.archiveReviewDays,
    maturityLeadDays: num(raw.maturity_lead_days) ?? d.maturityLeadDays,
    careCallDays: num(raw.care_call_days) ?? d.careCallDays,
    largeMovementMin: money(raw.large_movement_min) ?? d.largeMovementMin,
  };
}

function buildDepartment(raw: Raw, file: LoadedFile, index: number): Department {
  const team = asRecord(raw.team);
  return {
    id: String(raw.id),
    name: String(raw.name),
    city: str(raw.city),
    amCovered: raw.am_covered === true,
    team: {
      generalManager: str(team.general_manager),
      marketingLead: str(team.marketing_lead),
      channelLead: str(team.channel_lead),
      specialist: str(team.specialist),
      members: list(team.members) as unknown as string[],
    },
  };
}

const BRANCH_FIELDS = ["id", "name", "bank", "level", "parent", "department", "owner", "hq_reported", "address", "phone"] as const;
const STAFF_FIELDS = ["id", "name", "position", "key", "gender", "phone", "birthday", "lunar_birthday", "joined", "hq_registered", "cadence_days", "conversion", "left", "left_note", "customer_since"] as const;
const PROSPECT_FIELDS = ["id", "name", "tier", "phone", "work_phone", "home_phone", "cadence_days", "birthday", "lunar_birthday", "source", "holdings", "events", "purchases", "next_followup", "converted", "found"] as const;

function buildBranch(
  branchFile: LoadedFile,
  sibling: (kind: LoadedFile["kind"]) => LoadedFile | undefined,
  departments: Department[],
  staffFileState: StaffFileState,
): Branch {
  const raw = asRecord(branchFile.data);
  const id = String(raw.id);
  const departmentId = String(raw.department);
  const department = departments.find((d) => d.id === departmentId);
  const sections: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(rest(raw, BRANCH_FIELDS))) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) sections[key] = value as Record<string, unknown>;
  }

  const staffFile = sibling("staff");
  const staffRaw = asRecord(staffFile?.data);
  const staff = list(staffRaw.staff)
    .map((s, i) => buildStaff(s, id, staffFile!, i))
    .sort((a, b) => compareText(a.id, b.id));

  const prospectsFile = sibling("prospects");
  const prospects = list(asRecord(prospectsFile?.data).prospects)
    .map((p, i) => buildProspect(p, id, prospectsFile!, i))
    .sort((a, b) => compareText(a.id, b.id));

  const activitiesFile = sibling("activities");
  const activities: Activity[] = list(asRecord(activitiesFile?.data).activities)
    .map((a, i) => ({
      date: shared(String(a.date)),
      kind: enumCode("activity", String(a.kind)) as ActivityKind,
      branch: id,
      with: list(a.with) as unknown as string[],
      by: str(a.by),
      note: str(a.note),
      done: Array.isArray(a.done) ? [...new Set(a.done.map((k) => enumCode("done", String(k)) as DoneKind))] : null,
      cost: money(a.cost),
    }))
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.kind, b.kind) || compareText(a.with.join(","), b.with.join(",")));

  const kpisFile = sibling("kpis");
  const kpisRaw = asRecord(kpisFile?.data);
  const sales: Sale[] = list(kpisRaw.sales)
    .map((s, i) => ({
      date: shared(String(s.date)),
      product: shared(String(s.product)),
      amount: requiredMoney(s.amount),
      branch: id,
      prospect: str(s.prospect),
    }))
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.product, b.product) || a.amount - b.amount);
  const kpiMonths: KpiMonth[] = list(kpisRaw.months)
    .map((m) => {
      const figures: Record<string, number | null> = {};
      for (const [key, value] of Object.entries(rest(m, ["month", "notes", "requests"]))) figures[key] = money(value);
      const requests = Array.isArray(m.requests) ? m.requests.filter((r): r is string => typeof r === "string") : [];
      return { month: shared(String(m.month)), figures, notes: str(m.notes), requests };
    })
    .sort((a, b) => compareText(a.month, b.month));
  const kpiTargets = list(kpisRaw.targets).map((t) => ({ metric: String(t.metric), period: String(t.period), target: requiredMoney(t.target) }));

  const competitorsRaw = asRecord(sibling("competitors")?.data);
  const competitors: Competitor[] = list(competitorsRaw.competitors)
    .map((c) => ({
      name: String(c.name),
      kind: typeof c.kind === "string" ? enumCode("competitor", c.kind) : null,
      since: str(c.since),
      staffCount: num(c.staff_count),
      details: rest(c, ["name", "kind", "since", "staff_count"]),
    }))
    .sort((a, b) => compareText(a.name, b.name));
  const possibleEntrants: PossibleEntrant[] | null = Array.isArray(competitorsRaw.possible_entrants)
    ? list(competitorsRaw.possible_entrants)
        .map((e) => ({ name: String(e.name), kind: typeof e.kind === "string" ? enumCode("competitor", e.kind) : null, note: str(e.note) }))
        .sort((a, b) => compareText(a.name, b.name))
    : null;

  return {
    id,
    name: String(raw.name),
    bank: str(raw.bank),
    level: typeof raw.level === "string" && enumCode("level", raw.level) === "city_branch" ? "city_branch" : "sub_branch",
    parent: str(raw.parent),
    department: departmentId,
    owner: str(raw.owner) ?? department?.team.specialist ?? null,
    hqReported: str(raw.hq_reported),
    address: str(raw.address),
    phone: str(raw.phone),
    notes: str(raw.notes),
    sections,
    reviewed: str(staffRaw.reviewed),
    staffFile: staffFileState,
    staff,
    prospects,
    activities,
    sales,
    kpiMonths,
    kpiTargets,
    competitors,
    possibleEntrants,
  };
}

function buildStaff(raw: Raw, branch: string, file: LoadedFile, index: number): StaffMember {
  const position = enumCode("position", String(raw.position)) as Position;
  const conversionRaw = raw.conversion === undefined ? null : asRecord(raw.conversion);
  return {
    id: String(raw.id),
    name: String(raw.name),
    position,
    category: categoryOf(position),
    branch,
    key: raw.key === true,
    gender: typeof raw.gender === "string" && raw.gender !== "" ? (enumCode("gender", raw.gender) as "F" | "M") : null,
    phone: str(raw.phone),
    birthday: typeof raw.birthday === "string" ? parseBirthday(raw.birthday) : null,
    lunarBirthday: typeof raw.lunar_birthday === "string" ? parseLunarBirthday(raw.lunar_birthday) : null,
    joined: str(raw.joined),
    ...registration(str(raw.hq_registered)),
    customerSince: str(raw.customer_since),
    cadenceDays: num(raw.cadence_days),
    conversion: conversionRaw && {
      kind: String(conversionRaw.kind) as "asset" | "fund" | "product",
      amount: money(conversionRaw.amount),
      product: str(conversionRaw.product),
      at: parseDateTime(String(conversionRaw.at)) ?? String(conversionRaw.at),
      account: str(conversionRaw.account),
      branch: str(conversionRaw.branch),
    },
    left: str(raw.left),
    leftNote: str(raw.left_note),
    archive: rest(raw, STAFF_FIELDS),
  };
}

function buildProspect(raw: Raw, branch: string, file: LoadedFile, index: number): Prospect {
  const source = raw.source === undefined ? null : asRecord(raw.source);
  const converted = raw.converted === undefined ? null : asRecord(raw.converted);
  return {
    id: String(raw.id),
    name: String(raw.name),
    tier: typeof raw.tier === "string" && enumCode("tier", raw.tier) === "valuable" ? "valuable" : "basic",
    branch,
    phone: str(raw.phone),
    workPhone: str(raw.work_phone),
    homePhone: str(raw.home_phone),
    cadenceDays: num(raw.cadence_days),
    birthday: typeof raw.birthday === "string" ? parseBirthday(raw.birthday) : null,
    lunarBirthday: typeof raw.lunar_birthday === "string" ? parseLunarBirthday(raw.lunar_birthday) : null,
    referral: source && { kind: enumCode("source", String(source.kind)), staff: str(source.staff), customer: str(source.customer) },
    holdings: list(raw.holdings).map((h) => ({ product: shared(String(h.product)), amount: money(h.amount), matures: sharedOrNull(str(h.matures)) })),
    events: list(raw.events)
      .map((e) => ({ date: shared(String(e.date)), kind: enumCode("event", String(e.kind)), amount: money(e.amount), note: str(e.note) }))
      .sort((a, b) => compareText(a.date, b.date)),
    purchases: list(raw.purchases)
      .map((p) => ({ date: shared(String(p.date)), product: shared(String(p.product)), amount: money(p.amount), important: p.important === true }))
      .sort((a, b) => compareText(a.date, b.date)),
    nextFollowup: sharedOrNull(str(raw.next_followup)),
    converted: converted && { date: shared(String(converted.date)), account: str(converted.account) },
    archive: rest(raw, PROSPECT_FIELDS),
    ...(typeof raw.found === "string" ? { found: raw.found } : {}),
  };
}

/**
 * `hq_registered` as a day and, when written with a time, as a datetime (issue 25): rules that
 * only need the day keep comparing days; the bonus compares the time with the conversion's.
 */
function registration(written: string | null): { hqRegistered: string | null; hqRegisteredAt: string | null } {
  if (written === null) return { hqRegistered: null, hqRegisteredAt: null };
  const at = parseDateTime(written);
  return at === null ? { hqRegistered: written, hqRegisteredAt: null } : { hqRegistered: at.slice(0, 10), hqRegisteredAt: at };
}
