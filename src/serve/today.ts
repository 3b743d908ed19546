/**
 * The today page: the follow-up list grouped as the terminal groups it (escalated first when
 * the rules mark items so, then overdue, then today, then each coming day), every name linked to
 * its card, phones as `tel:` links when shown in full, and filters that run on the server (the
 * same filter as `followups --owner/--branch/--kind`).
 */
import { t, type Lang } from "../i18n/catalog.js";
import type { IsoDate } from "../model/values.js";
import { formatDay } from "../report/date-format.js";
import { describeFollowup, kindLabel } from "../report/followups.js";
import { FOLLOWUP_KINDS, type FollowupItem, type FollowupKind } from "../rules/followups.js";
import { branchLink, esc, labelOr, link, pageHref, phoneHtml, prospectLink, renderPage, staffLink, tableHtml, type PageContext } from "./page.js";

/** More rows than this make a page a browser struggles with: the rest is counted, and the filters narrow it. */
export const MAX_TODAY_ROWS = 1500;

export interface TodayFilterChoice {
  owner: string | null;
  branch: string | null;
  kind: FollowupKind | null;
}

export interface TodayView {
  /** The items after the filter, in the rules' order (as `followups` lists them). */
  items: readonly FollowupItem[];
  within: number;
  filter: TodayFilterChoice;
  /** What the filters offer: owners (sorted), branches (id and name, by id). */
  owners: readonly string[];
  branches: readonly { id: string; name: string }[];
  branchNames: ReadonlyMap<string, string>;
}

/**
 * Whether an item is escalated: a field the rules add for items left too long. Read by name so
 * the page groups on it as soon as the rules carry it, and on `overdue` and `due` until then.
 */
export function isEscalated(item: FollowupItem): boolean {
  return (item as FollowupItem & { escalated?: unknown }).escalated === true;
}

/** The groups in the terminal's order, each with its heading's class. */
export function groupItems(items: readonly FollowupItem[], asOf: IsoDate): { kind: "escalated" | "overdue" | "today" | "day"; date: IsoDate | null; items: FollowupItem[] }[] {
  const groups: { kind: "escalated" | "overdue" | "today" | "day"; date: IsoDate | null; items: FollowupItem[] }[] = [];
  const escalated = items.filter(isEscalated);
  if (escalated.length > 0) groups.push({ kind: "escalated", date: null, items: escalated });
  const overdue = items.filter((i) => i.overdue && !isEscalated(i));
  if (overdue.length > 0) groups.push({ kind: "overdue", date: null, items: overdue });
  const coming = items.filter((i) => !i.overdue && !isEscalated(i));
  for (const date of [...new Set(coming.map((i) => i.due))]) groups.push({ kind: date === asOf ? "today" : "day", date, items: coming.filter((i) => i.due === date) });
  return groups;
}

function weekday(date: IsoDate, lang: Lang): string {
  const day = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
  return t(lang, `followups.weekday.${day}` as Parameters<typeof t>[1]);
}

/** The person's name, linked to their card, with their position or "prospect". */
export function personCell(ctx: PageContext, item: FollowupItem): string {
  if (item.name === null || item.person === null) return "-";
  const role = item.position !== null ? labelOr(ctx.lang, `position.${item.position}`, item.position) : item.personType === "prospect" ? t(ctx.lang, "ref.prospect") : "";
  const name = item.personType === "prospect" ? prospectLink(ctx, item.person, item.name) : staffLink(ctx, item.person, item.name);
  return role === "" ? name : `${name} <span class="note">${esc(role)}</span>`;
}

export function renderToday(ctx: PageContext, view: TodayView): string {
  const { lang, asOf } = ctx;
  const title = t(lang, "serve.today.title", { date: asOf, within: view.within });
  const parts: string[] = [`<h1>${esc(title)}</h1>`, filterForm(ctx, view)];
  const shown = view.items.slice(0, MAX_TODAY_ROWS);
  if (view.items.length > shown.length) parts.push(`<p class="note" id="truncated">${esc(t(lang, "serve.today.truncated", { shown: shown.length, total: view.items.length }))}</p>`);
  if (ctx.redacted) parts.push(`<p class="note">${esc(t(lang, "serve.today.maskedBirthdays"))}</p>`);
  const headers = [t(lang, "followups.col.due"), t(lang, "followups.col.late"), t(lang, "followups.col.kind"), t(lang, "followups.col.branch"), t(lang, "followups.col.person"), t(lang, "followups.col.phone"), t(lang, "followups.col.owner"), t(lang, "followups.col.detail")];
  for (const group of groupItems(shown, asOf)) {
    const count = group.items.length;
    const heading =
      group.kind === "escalated"
        ? t(lang, "serve.today.group.escalated", { count })
        : group.kind === "overdue"
          ? t(lang, "followups.group.overdue", { count })
          : t(lang, group.kind === "today" ? "followups.group.today" : "followups.group.day", { date: formatDay(group.date!, lang, asOf), weekday: weekday(group.date!, lang), count });
    parts.push(`<h2 class="${group.kind}">${esc(heading)}</h2>`);
    const rows = group.items.map((item) => [
      { html: esc(item.due), className: "nowrap" },
      item.overdue ? { html: esc(t(lang, "followups.late", { days: item.daysLate })), className: "late" } : "",
      esc(kindLabel(item.kind, lang)),
      item.branch === null ? "-" : branchLink(ctx, item.branch, view.branchNames.get(item.branch) ?? item.branch),
      personCell(ctx, item),
      { html: phoneHtml(ctx, item.phone), className: "nowrap" },
      esc(item.owner ?? "-"),
      esc(describeFollowup(item, lang, asOf)),
    ]);
    const attributes = group.items.map((item) => ` class="item" data-kind="${esc(item.kind)}" data-due="${esc(item.due)}" data-branch="${esc(item.branch ?? "")}" data-person="${esc(item.person === null ? "" : item.personType === "prospect" ? ctx.prospectKey(item.person) : item.person)}"`);
    parts.push(tableHtml(headers, rows, { rowAttributes: attributes }));
  }
  if (view.items.length === 0) parts.push(`<p id="none">${esc(t(lang, "followups.none"))}</p>`);
  return renderPage(ctx, { title, section: "today", body: parts.join("\n") });
}

function option(value: string, label: string, selected: boolean): string {
  return `<option value="${esc(value)}"${selected ? " selected" : ""}>${esc(label)}</option>`;
}

function filterForm(ctx: PageContext, view: TodayView): string {
  const { lang } = ctx;
  const all = t(lang, "serve.today.filter.all");
  const select = (name: string, label: string, options: string[]) => `<label>${esc(label)}<select name="${name}">${options.join("")}</select></label>`;
  const owners = [option("", all, view.filter.owner === null), ...view.owners.map((o) => option(o, o, view.filter.owner === o))];
  const branches = [option("", all, view.filter.branch === null), ...view.branches.map((b) => option(b.id, b.name, view.filter.branch === b.id))];
  const kinds = [option("", all, view.filter.kind === null), ...FOLLOWUP_KINDS.map((k) => option(k, kindLabel(k, lang), view.filter.kind === k))];
  return [
    '<form class="filters" method="get" action="/">',
    select("owner", t(lang, "serve.today.filter.owner"), owners),
    select("branch", t(lang, "serve.today.filter.branch"), branches),
    select("kind", t(lang, "serve.today.filter.kind"), kinds),
    `<label>${esc(t(lang, "serve.today.filter.asOf"))}<input type="date" name="as_of" value="${esc(ctx.asOf)}" min="1900-01-01" max="2100-12-31"></label>`,
    `<button type="submit">${esc(t(lang, "serve.today.filter.apply"))}</button>`,
    link(pageHref({ ...ctx }, "/"), t(lang, "serve.today.filter.reset")),
    "</form>",
  ].join("");
}
