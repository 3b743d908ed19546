/**
 * The cards of `channel show` (rules/cards.ts, worded by report/show.ts) as pages: the same
 * document, masked by `redactCard` unless --no-redact, drawn as HTML with every name the card
 * shows linked to its own card. A branch's card also lists its prospects, each linked, since the
 * card itself only counts them and a prospect's page must be reachable from somewhere.
 *
 * The builders look at the whole repository for one card (every activity, every follow-up);
 * at head-office scale that is seconds a page. `cardModel` gives them the part of the model a
 * card can depend on: the branches holding the person (or the branch), and the branches whose
 * log or prospects name them; the card is the same (tests/serve/show-cards.test.ts compares
 * every card of data-example built both ways).
 */
import { t, type MessageKey } from "../i18n/catalog.js";
import type { Branch, Model } from "../model/types.js";
import type { BranchCard, Card, PersonCard, PersonRef } from "../rules/cards.js";
import type { FollowupItem } from "../rules/followups.js";
import type { DocumentBlock } from "../report/html.js";
import { cardBlocks, redactCard } from "../report/show.js";
import { maskName } from "../report/redact.js";
import type { Tabular } from "../report/tabular.js";
import { esc, pageHref, renderPage, tableHtml, type PageContext } from "./page.js";

/** Whether a branch's records or log name any of `ids`. */
function namesAny(branch: Branch, ids: ReadonlySet<string>): boolean {
  return (
    branch.staff.some((s) => ids.has(s.id)) ||
    branch.prospects.some((p) => ids.has(p.id) || (p.referral !== null && ((p.referral.staff !== null && ids.has(p.referral.staff)) || (p.referral.customer !== null && ids.has(p.referral.customer))))) ||
    branch.activities.some((a) => a.with.some((id) => ids.has(id)))
  );
}

/**
 * The part of the model the card of `ids` (a person's id, or a branch's people) at branch `home`
 * depends on: the home branch and its parent, the branches whose records or log name them, and
 * the branches holding the people named with them (whose names the card shows).
 */
export function cardModel(model: Model, home: string | null, ids: ReadonlySet<string>): Model {
  const homeBranch = model.branches.find((b) => b.id === home);
  const related = new Set(ids);
  for (const branch of model.branches) {
    for (const a of branch.activities) if (a.with.some((id) => ids.has(id))) a.with.forEach((id) => related.add(id));
    for (const p of branch.prospects) {
      if (!ids.has(p.id) || p.referral === null) continue;
      if (p.referral.staff !== null) related.add(p.referral.staff);
      if (p.referral.customer !== null) related.add(p.referral.customer);
    }
  }
  const holds = (b: Branch) => b.staff.some((s) => related.has(s.id)) || b.prospects.some((p) => related.has(p.id));
  const keep = (b: Branch) => b.id === home || b.id === homeBranch?.parent || namesAny(b, ids) || holds(b);
  return { ...model, branches: model.branches.filter(keep) };
}

/** Display name → the page it links to; a name shown for two different pages links to neither. */
class Links {
  private readonly map = new Map<string, string | null>();
  add(name: string | null, url: string): void {
    if (name === null || name.trim() === "") return;
    const known = this.map.get(name);
    this.map.set(name, known === undefined || known === url ? url : null);
  }
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
}

function personUrl(ctx: PageContext, id: string, type: PersonRef["type"]): string | null {
  if (type === "staff") return pageHref(ctx, `/staff/${encodeURIComponent(id)}`);
  if (type === "prospect") return pageHref(ctx, `/prospect/${encodeURIComponent(ctx.prospectKey(id))}`);
  return null;
}

function linksOf(ctx: PageContext, card: Card): Links {
  const links = new Links();
  const ref = (r: PersonRef | null) => {
    if (r === null) return;
    const url = personUrl(ctx, r.id, r.type);
    if (url !== null) links.add(r.name, url);
  };
  const item = (i: FollowupItem) => {
    if (i.person !== null) {
      const url = personUrl(ctx, i.person, i.personType);
      if (url !== null) links.add(i.name, url);
    }
  };
  links.add(card.branch.name, pageHref(ctx, `/branch/${encodeURIComponent(card.branch.id)}`));
  card.openItems.forEach(item);
  if (card.kind === "person") {
    for (const c of [...card.contacts, ...card.planned]) c.others.forEach(ref);
    if (card.source !== null) {
      ref(card.source.staff);
      ref(card.source.customer);
    }
    card.referrals.forEach(ref);
  } else {
    if (card.record.parent !== null && card.parentName !== null) links.add(card.parentName, pageHref(ctx, `/branch/${encodeURIComponent(card.record.parent)}`));
    for (const s of [...card.head.staff, ...card.staff.flatMap((g) => g.staff), ...card.formerStaff]) links.add(s.name, pageHref(ctx, `/staff/${encodeURIComponent(s.id)}`));
    for (const gap of card.gaps) {
      for (const m of gap.missing) {
        if (m.kind === "staff") links.add(m.name, pageHref(ctx, `/staff/${encodeURIComponent(m.id)}`));
        if (m.kind === "prospect") links.add(m.name, pageHref(ctx, `/prospect/${encodeURIComponent(ctx.prospectKey(m.id))}`));
      }
    }
  }
  return links;
}

/** Where a name may end inside a cell: a key mark, a bracket, a separator of a line's parts. */
const NAME_ENDS = ["★", "（", " (", " · ", "(", " "];
/** What separates names in a cell (kept as written). */
const SEPARATORS = /(、|，|, |：|: |; |；)/;

/** A cell's text as HTML, each name the card knows linked to its page. */
function linkified(text: string, links: Links): string {
  return text
    .split(SEPARATORS)
    .map((piece, i) => {
      if (i % 2 === 1) return esc(piece);
      const whole = links.get(piece);
      if (whole !== null) return `<a href="${esc(whole)}">${esc(piece)}</a>`;
      for (const end of NAME_ENDS) {
        const at = piece.indexOf(end);
        if (at <= 0) continue;
        const url = links.get(piece.slice(0, at));
        if (url !== null) return `<a href="${esc(url)}">${esc(piece.slice(0, at))}</a>${esc(piece.slice(at))}`;
      }
      return esc(piece);
    })
    .join("");
}

/** A document table (html.ts's layout: a grouped first column spanning its rows), cells linked. */
function documentTable(table: Tabular, grouped: boolean, links: Links): string {
  const numeric = table.columns.map((c, i) => (c.align === "right" ? i : -1)).filter((i) => i >= 0);
  const spans: (number | null)[] = table.rows.map((row, r) => {
    if (!grouped) return 1;
    if (r > 0 && table.rows[r - 1]![0] === row[0]) return null;
    let span = 1;
    while (table.rows[r + span]?.[0] === row[0]) span += 1;
    return span;
  });
  const head = `<thead><tr>${table.columns.map((c, i) => `<th${numeric.includes(i) ? ' class="num"' : ""}>${esc(c.header)}</th>`).join("")}</tr></thead>`;
  const body = table.rows
    .map((row, r) => {
      const cells = row.map((cell, i) => {
        if (i === 0 && grouped) {
          const span = spans[r];
          if (span === null) return "";
          return `<td class="group"${span !== undefined && span > 1 ? ` rowspan="${span}"` : ""}>${esc(cell)}</td>`;
        }
        return `<td${numeric.includes(i) ? ' class="num"' : ""}>${linkified(cell, links)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table>${head}<tbody>${body}</tbody></table>`;
}

function blockHtml(block: DocumentBlock, links: Links): string {
  switch (block.kind) {
    case "title":
      return `<h1>${esc(block.text)}</h1>`;
    case "subtitle":
      return `<p class="subtitle">${esc(block.text)}</p>`;
    case "heading":
      return `<h2>${esc(block.text)}</h2>`;
    case "paragraph":
      return `<p>${linkified(block.text, links)}</p>`;
    case "note":
    case "footer":
      return `<p class="note">${linkified(block.text, links)}</p>`;
    case "table":
      return documentTable(block.table, block.grouped === true, links);
    case "chart":
      return "";
  }
}

/**
 * The blocks as shown: masked unless --no-redact, and without a prospect's id while masked (the
 * id, p-chen-001, is made from the name the mask hides).
 */
function shownBlocks(ctx: PageContext, card: Card): { card: Card; blocks: DocumentBlock[] } {
  const shown = ctx.redacted ? redactCard(card) : card;
  let blocks = cardBlocks(shown, ctx.lang);
  if (ctx.redacted && shown.kind === "person" && shown.person.type === "prospect") {
    const idLabel = t(ctx.lang, "show.field.id" as MessageKey);
    blocks = blocks.map((b) => (b.kind === "table" ? { ...b, table: { ...b.table, rows: b.table.rows.filter((row) => !(row[1] === idLabel && row[2] === shown.person.record.id)) } } : b));
  }
  return { card: shown, blocks };
}

export function renderCardPage(ctx: PageContext, card: PersonCard | BranchCard, prospects: readonly { id: string; name: string; tier: string; nextFollowup: string | null }[] = []): string {
  const { card: shown, blocks } = shownBlocks(ctx, card);
  const links = linksOf(ctx, shown);
  const parts = [`<div class="report card" id="card">`, ...blocks.map((b) => blockHtml(b, links)), "</div>"];
  if (card.kind === "branch") {
    parts.push(`<h2>${esc(t(ctx.lang, "serve.card.prospects"))}</h2>`);
    if (prospects.length === 0) parts.push(`<p class="note">${esc(t(ctx.lang, "serve.frame.none"))}</p>`);
    else {
      const rows = prospects.map((p) => [
        `<a href="${esc(pageHref(ctx, `/prospect/${encodeURIComponent(ctx.prospectKey(p.id))}`))}">${esc(ctx.redacted ? maskName(p.name) : p.name)}</a>`,
        esc(t(ctx.lang, `report.tier.${p.tier}` as MessageKey)),
        esc(p.nextFollowup ?? "-"),
      ]);
      parts.push(tableHtml([t(ctx.lang, "serve.col.name"), t(ctx.lang, "serve.col.tier"), t(ctx.lang, "serve.col.nextFollowup")], rows));
    }
    parts.push(
      `<p>${[
        `<a href="${esc(pageHref(ctx, "/", { branch: card.branch.id }))}">${esc(t(ctx.lang, "serve.nav.today"))}</a>`,
        `<a href="${esc(pageHref(ctx, "/kpis", { branch: card.branch.id }))}">${esc(t(ctx.lang, "serve.nav.kpis"))}</a>`,
        `<a href="${esc(pageHref(ctx, "/monthly", { branch: card.branch.id }))}">${esc(t(ctx.lang, "serve.nav.monthly"))}</a>`,
      ].join(" · ")}</p>`,
    );
  }
  const title = card.kind === "branch" ? card.branch.name : shown.kind === "person" ? shown.person.record.name : card.branch.name;
  return renderPage(ctx, { title, section: "branches", body: parts.join("\n") });
}
