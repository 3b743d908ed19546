/**
 * The web server of `channel serve`, on Node's own http module. Read-only and local:
 *
 * - it answers GET and HEAD only (405 otherwise) and never writes anything;
 * - it answers only requests whose Host header names the address and port it listens on (or
 *   `localhost` on a loopback address): a page of another site whose name was pointed at
 *   127.0.0.1 (DNS rebinding) gets 421, never the archive;
 * - it serves its own routes only: nothing from the address becomes a path on the disk (ids are
 *   looked up in the model, a file name among the files the loader read); an address with a dot
 *   segment, a backslash or a NUL is refused with 400 before any routing;
 * - every value is escaped (page.ts), and every response carries a Content-Security-Policy
 *   that allows only the page's own style sheet and script, and X-Content-Type-Options.
 *
 * Each request asks `load` for the data: the caller answers from its cache, so a change on
 * disk shows on the next load. What the pages compute from one load (the follow-ups of a day,
 * coverage, the bonus) is kept with that load, so moving between pages does not recompute it.
 */
import { createHmac } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { t, type Lang } from "../i18n/catalog.js";
import type { LoadedFile } from "../load/repository.js";
import type { Branch, Model, Prospect } from "../model/types.js";
import type { IsoDate, IsoMonth } from "../model/values.js";
import { branchDisplayNames } from "../report/followups.js";
import { redactFollowups, redactMonthly } from "../report/redact.js";
import { monthlyBlocks } from "../report/monthly.js";
import { computeBonusAwards, type BonusResult } from "../rules/bonus.js";
import { measureCoverage, type CoverageOptions, type CoverageResult } from "../rules/coverage.js";
import { computeExpenseSupport, type ExpenseResult } from "../rules/expenses.js";
import { filterFollowups, findDueFollowups, FOLLOWUP_KINDS, type FollowupItem, type FollowupKind } from "../rules/followups.js";
import { AUDIENCES, computeMonthlyFigures, figuresForAudience, firstDay, type Audience } from "../rules/monthly.js";
import type { ValidationResult } from "../validate/index.js";
import { buildBranchCard, buildPersonCard, type Card } from "../rules/cards.js";
import { findProspect, renderBranchIndex, type CardInputs } from "./cards.js";
import { cardModel, renderCardPage } from "./show-cards.js";
import { renderBonus, renderExpenses } from "./money.js";
import { renderCoverage, renderKpis } from "./overview.js";
import { CONTENT_SECURITY_POLICY, esc, link, messagePage, pageHref, renderPage, type PageContext } from "./page.js";
import { renderMonthlyPage, renderSource, renderValidate } from "./reports.js";
import { renderToday } from "./today.js";

/** One load of the repository: what the pages are made from. */
export interface ServeSnapshot {
  model: Model;
  validation: ValidationResult;
  /** The files as read (their text is what the source page shows). */
  files: readonly LoadedFile[];
  /** Files left out of the model for their errors. */
  skipped: readonly string[];
}

/** A date from the address, checked by the command line's own parser. */
export type DateCheck<T> = (value: string) => { ok: true; value: T } | { ok: false; message: string };

export interface ServeOptions {
  lang: Lang;
  /** Personal data masked (false with --no-redact). */
  redacted: boolean;
  /** The data as it is now on disk (through the cache). */
  load: () => Promise<ServeSnapshot>;
  /** The day pages are computed for when the address does not say (today in the repository's timezone, or --as-of). */
  defaultAsOf: (timezone: string) => IsoDate;
  parseDay: DateCheck<IsoDate>;
  parseMonth: DateCheck<IsoMonth>;
  /** Keys the prospect tokens of masked pages (random per start: a token cannot be turned back into a name). */
  secret: Uint8Array;
  /** Told about requests that failed inside (the page says so too). */
  onError?: (error: unknown) => void;
}

/** The longest address answered (a page's address is short; anything longer is refused). */
const MAX_URL_LENGTH = 4096;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
};

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isIpv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether a Host header names this server: the address it listens on and its port; `localhost`
 * too on a loopback address. Listening on every address (0.0.0.0, ::), any IP address with the
 * port: a rebinding attack needs a name, never a bare address.
 */
export function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {
  if (header === undefined) return false;
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/i.exec(header.trim());
  if (match === null) return false;
  const bracketed = match[1] !== undefined;
  const name = (match[1] ?? match[2]!).toLowerCase();
  const headerPort = match[3] === undefined ? 80 : Number(match[3]);
  if (headerPort !== port) return false;
  const bound = boundHost.toLowerCase();
  if (bound === "0.0.0.0" || bound === "::") return bracketed || isIpv4(name) || name === "localhost";
  if (name === bound) return true;
  return isLoopback(bound) && name === "localhost";
}

/** A raw request target that could walk out of the routes: dot segments (also encoded), backslashes, NUL. */
export function unsafeTarget(target: string): boolean {
  const path = target.split("?")[0]!;
  return !path.startsWith("/") || path.startsWith("//") || /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path) || /\\|%5c|%00|\0/i.test(path) || /%2f/i.test(path);
}

interface Response {
  status: number;
  html: string;
  headers?: Record<string, string>;
}

/**
 * The coverage page shows each branch's shares, never who is missing (a branch's card measures
 * its own gaps): measured without the names, which are kept as long as the load is (at 2,000
 * branches the server held 807 MB after the page with them, 684 MB without; issue 29).
 */
const COVERAGE_PAGE: CoverageOptions = { named: false };

/** What one load's pages compute, by the day they are for. */
interface Computed {
  items: Map<string, FollowupItem[]>;
  /** Measured with COVERAGE_PAGE: shares without names. */
  coverage: Map<string, CoverageResult>;
  bonus: Map<string, BonusResult | null>;
  expenses: Map<string, ExpenseResult | null>;
  prospects: Map<string, { branch: Branch; prospect: Prospect } | null>;
  cards: Map<string, Card | null>;
  /** Pages as answered, by day, path and query. */
  pages: Map<string, Response>;
}

/** Per load: kept only as long as the load itself is. */
const COMPUTED = new WeakMap<ServeSnapshot, Computed>();

function computed(snapshot: ServeSnapshot): Computed {
  let c = COMPUTED.get(snapshot);
  if (c === undefined) {
    c = { items: new Map(), coverage: new Map(), bonus: new Map(), expenses: new Map(), prospects: new Map(), cards: new Map(), pages: new Map() };
    COMPUTED.set(snapshot, c);
  }
  return c;
}

function remember<K, V>(map: Map<K, V>, key: K, make: () => V, limit = 8): V {
  if (map.has(key)) return map.get(key)!;
  // A few days' results at most: a reader moving the as-of day should not fill the memory.
  if (map.size >= limit) map.delete(map.keys().next().value as K);
  const value = make();
  map.set(key, value);
  return value;
}

/** The follow-ups of D in the policy's window, masked unless --no-redact: kept with the load. */
function dueItems(options: ServeOptions, snapshot: ServeSnapshot, asOf: IsoDate): FollowupItem[] {
  const { model } = snapshot;
  const policy = model.settings.followups;
  return remember(computed(snapshot).items, asOf, () => {
    const all = findDueFollowups(model, policy, asOf, policy.windowDays);
    return options.redacted ? redactFollowups(all) : all;
  });
}

/** The request handler (also for tests, which may call it on a server of their own). */
export function createHandler(options: ServeOptions, boundHost: () => { host: string; port: number }): http.RequestListener {
  const prospectToken = (id: string): string => (options.redacted ? createHmac("sha256", options.secret).update(id, "utf8").digest("hex").slice(0, 20) : id);
  return (req, res) => {
    const send = (response: Response): void => {
      const body = Buffer.from(response.html, "utf8");
      res.writeHead(response.status, { ...SECURITY_HEADERS, "Content-Type": "text/html; charset=utf-8", "Content-Length": String(body.length), ...(response.headers ?? {}) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const plain = (status: number, text: string, headers: Record<string, string> = {}): void => {
      send({ status, html: `<!DOCTYPE html><meta charset="utf-8"><title>${status}</title><p>${esc(text)}</p>`, headers });
    };
    const { host, port } = boundHost();
    if (!hostAllowed(req.headers.host, host, port)) return plain(421, "Misdirected Request: this server answers only to its own address.");
    if (req.method !== "GET" && req.method !== "HEAD") return plain(405, "Method Not Allowed: this server only reads.", { Allow: "GET, HEAD" });
    const target = req.url ?? "";
    if (target.length > MAX_URL_LENGTH) return plain(414, "URI Too Long");
    if (unsafeTarget(target)) return plain(400, "Bad Request");
    let url: URL;
    let path: string;
    try {
      url = new URL(target, "http://localhost");
      path = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, "Bad Request");
    }
    if (path === "/favicon.ico") return send({ status: 204, html: "" });
    respond(options, path, url.searchParams, prospectToken).then(send, (error: unknown) => {
      options.onError?.(error);
      const detail = error instanceof Error ? error.message : String(error);
      send({ status: 500, html: `<!DOCTYPE html><meta charset="utf-8"><title>500</title><p>${esc(t(options.lang, "serve.page.internalError", { detail }))}</p>` });
    });
  };
}

/** The page for a path and query. */
async function respond(options: ServeOptions, path: string, query: URLSearchParams, prospectToken: (id: string) => string): Promise<Response> {
  const snapshot = await options.load();
  const { model } = snapshot;
  const { lang } = options;
  const one = (name: string): string | null => {
    const value = query.get(name);
    return value === null || value === "" ? null : value;
  };
  const asOfText = one("as_of");
  const baseContext: PageContext = { lang, redacted: options.redacted, asOf: options.defaultAsOf(model.settings.timezone), asOfParam: null, skipped: snapshot.skipped, prospectKey: prospectToken };
  if (asOfText !== null) {
    const checked = options.parseDay(asOfText);
    if (!checked.ok) return { status: 400, html: messagePage(baseContext, t(lang, "serve.page.badDate"), checked.message) };
    baseContext.asOf = checked.value;
    baseContext.asOfParam = checked.value;
  }
  const ctx = baseContext;
  const asOf = ctx.asOf;
  const memo = computed(snapshot);
  const policy = model.settings.followups;
  const within = policy.windowDays;
  const shownItems = () => dueItems(options, snapshot, asOf);
  const cardInputs = (): CardInputs => ({ model, items: shownItems() });
  const ok = (html: string): Response => ({ status: 200, html });
  const notFound = (message: string): Response => ({ status: 404, html: messagePage(ctx, t(lang, "serve.page.notFound"), message) });
  const refuseOnErrors = (section: "bonus" | "expenses" | "monthly"): Response | null => {
    if (snapshot.validation.errors === 0) return null;
    const title = t(lang, `serve.nav.${section}`);
    const body = `<h1>${esc(title)}</h1><p id="refused">${esc(t(lang, "serve.page.refusedMoney", { errors: snapshot.validation.errors }))}</p><p>${link(pageHref(ctx, "/validate"), t(lang, "serve.nav.validate"))}</p>`;
    return { status: 200, html: renderPage(ctx, { title, section, body }) };
  };

  // A page is a function of the reading, the address and the day: made once per reading.
  const pageKey = `${asOf}|${path}|${query.toString()}`;
  const cached = memo.pages.get(pageKey);
  if (cached !== undefined) return cached;
  const build = (): Response => {
    const segments = path.split("/").slice(1);
    const [first, second, ...rest] = segments;
    if (rest.length > 0) return notFound(t(lang, "serve.page.notFoundDetail"));

    if ((first === "" || first === "today") && second === undefined) {
      const owners = [...new Set(model.branches.map((b) => b.owner).filter((o): o is string => o !== null))].sort();
      const kind = one("kind");
      const filter = {
        owner: one("owner"),
        branch: one("branch"),
        kind: kind !== null && (FOLLOWUP_KINDS as readonly string[]).includes(kind) ? (kind as FollowupKind) : null,
      };
      const items = filterFollowups(shownItems(), {
        ...(filter.owner === null ? {} : { owner: filter.owner }),
        ...(filter.branch === null ? {} : { branch: filter.branch }),
        ...(filter.kind === null ? {} : { kinds: [filter.kind] }),
      });
      return ok(renderToday(ctx, { items, within, filter, owners, branches: model.branches.map((b) => ({ id: b.id, name: b.name })), branchNames: branchDisplayNames(model) }));
    }
    if (first === "branches" && second === undefined) return ok(renderBranchIndex(ctx, cardInputs()));
    if (first === "branch" && second !== undefined) {
      const branch = model.branches.find((b) => b.id === second);
      if (branch === undefined) return notFound(t(lang, "serve.page.noSuchBranch", { id: second }));
      const card = remember(memo.cards, `${asOf}|branch|${branch.id}`, () => {
        const people = new Set([...branch.staff.map((s) => s.id), ...branch.prospects.map((p) => p.id)]);
        return buildBranchCard(cardModel(model, branch.id, people), branch.id, asOf);
      });
      return card === null ? notFound(t(lang, "serve.page.noSuchBranch", { id: second })) : ok(renderCardPage(ctx, card, branch.prospects));
    }
    if ((first === "staff" || first === "prospect") && second !== undefined) {
      const id = first === "staff" ? second : (remember(memo.prospects, second, () => findProspect(model, second, prospectToken))?.prospect.id ?? null);
      const home = id === null ? null : (model.branches.find((b) => b.staff.some((s) => s.id === id) || b.prospects.some((p) => p.id === id)) ?? null);
      const card = id === null || home === null ? null : remember(memo.cards, `${asOf}|person|${id}`, () => buildPersonCard(cardModel(model, home.id, new Set([id])), id, asOf));
      const wanted = first === "staff" ? "staff" : "prospect";
      if (card === null || card.kind !== "person" || card.person.type !== wanted) return notFound(t(lang, "serve.page.noSuchPerson", { id: second }));
      return ok(renderCardPage(ctx, card));
    }
    if (first === "coverage" && second === undefined) return ok(renderCoverage(ctx, remember(memo.coverage, asOf, () => measureCoverage(model, asOf, COVERAGE_PAGE))));
    if (first === "kpis" && second === undefined) {
      const id = one("branch");
      const branch = id === null ? (model.branches[0] ?? null) : (model.branches.find((b) => b.id === id) ?? null);
      if (id !== null && branch === null) return notFound(t(lang, "serve.page.noSuchBranch", { id }));
      return ok(renderKpis(ctx, model, branch));
    }
    if (first === "bonus" && second === undefined) {
      const refused = refuseOnErrors("bonus");
      if (refused !== null) return refused;
      const bonusPolicy = model.settings.bonus;
      if (bonusPolicy === null) return ok(messagePage(ctx, t(lang, "serve.nav.bonus"), t(lang, "serve.page.noPolicy", { section: "bonus" })));
      return ok(renderBonus(ctx, remember(memo.bonus, asOf, () => computeBonusAwards(model, bonusPolicy, asOf))!));
    }
    if (first === "expenses" && second === undefined) {
      const refused = refuseOnErrors("expenses");
      if (refused !== null) return refused;
      const expensePolicy = model.settings.expenseSupport;
      if (expensePolicy === null) return ok(messagePage(ctx, t(lang, "serve.nav.expenses"), t(lang, "serve.page.noPolicy", { section: "expense_support" })));
      return ok(renderExpenses(ctx, remember(memo.expenses, asOf, () => computeExpenseSupport(model, expensePolicy, asOf))!));
    }
    if (first === "monthly" && second === undefined) {
      const id = one("branch") ?? model.branches[0]?.id ?? null;
      const monthText = one("month");
      let month: IsoMonth = asOf.slice(0, 7);
      if (monthText !== null) {
        const checked = options.parseMonth(monthText);
        if (!checked.ok) return { status: 400, html: messagePage(ctx, t(lang, "serve.page.badDate"), checked.message) };
        month = checked.value;
      }
      const audienceText = one("audience");
      const audience: Audience = audienceText !== null && (AUDIENCES as readonly string[]).includes(audienceText) ? (audienceText as Audience) : "bank";
      const choice = { branch: id, month, audience };
      if (id !== null && !model.branches.some((b) => b.id === id)) return notFound(t(lang, "serve.page.noSuchBranch", { id }));
      const refused = refuseOnErrors("monthly");
      if (refused !== null) return refused;
      if (id === null) return ok(renderMonthlyPage(ctx, model, choice, { message: t(lang, "serve.frame.none") }));
      if (firstDay(month) > asOf) return ok(renderMonthlyPage(ctx, model, choice, { message: t(lang, "serve.monthly.future", { month, asOf }) }));
      const figures = figuresForAudience(computeMonthlyFigures(model, id, month, asOf), audience);
      const blocks = monthlyBlocks({ figures: options.redacted ? redactMonthly(figures) : figures, redacted: options.redacted, lang });
      return ok(renderMonthlyPage(ctx, model, choice, { blocks }));
    }
    if (first === "validate" && second === undefined) return ok(renderValidate(ctx, snapshot.validation));
    if (first === "source" && second === undefined) {
      const name = one("file") ?? "";
      const file = snapshot.files.find((f) => f.file === name);
      if (file === undefined) return notFound(t(lang, "serve.page.noSuchFile", { file: name }));
      const lineText = one("line");
      const line = lineText !== null && /^\d{1,9}$/.test(lineText) ? Math.max(1, Number(lineText)) : 1;
      return ok(renderSource(ctx, file, line, snapshot.validation.findings));
    }
    return notFound(t(lang, "serve.page.notFoundDetail"));
  };
  const response = build();
  if (response.status === 200) remember(memo.pages, pageKey, () => response, 32);
  return response;
}

/**
 * Loads the data and works out today's list and coverage as soon as the server listens, so the
 * first pages a reader opens find them ready (at head-office scale, seconds). A failure here is
 * left for that page to report.
 */
function prime(options: ServeOptions): void {
  options
    .load()
    .then((snapshot) => {
      const asOf = options.defaultAsOf(snapshot.model.settings.timezone);
      dueItems(options, snapshot, asOf);
      // Coverage too (a second at head-office scale): here the first page waits for it anyway
      // (it waits for the data), rather than a later page that would otherwise be quick.
      remember(computed(snapshot).coverage, asOf, () => measureCoverage(snapshot.model, asOf, COVERAGE_PAGE));
    })
    .catch(() => undefined);
}

export interface RunningServer {
  server: http.Server;
  /** The address pages are at: `http://127.0.0.1:7420/`. */
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Listens on `host:port` (port 0: any free one) and resolves once listening. */
export function startServer(options: ServeOptions, host: string, port: number): Promise<RunningServer> {
  let bound = { host, port };
  const server = http.createServer(createHandler(options, () => bound));
  // A page is made in well under a second; a connection that sends nothing is not kept.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      bound = { host, port: address.port };
      // After the caller has said where the pages are: reading a large repository from the
      // cache is mostly synchronous, and the address should not wait for it.
      setImmediate(() => prime(options));
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        server,
        url: `http://${shownHost}:${address.port}/`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
