/**
 * The index of every branch (the cards themselves are `channel show`'s, see show-cards.ts), and
 * how a prospect's page is found from the address part of its link.
 */
import { t } from "../i18n/catalog.js";
import type { Branch, Model, Prospect } from "../model/types.js";
import type { FollowupItem } from "../rules/followups.js";
import { isPresent } from "../rules/presence.js";
import { branchLink, esc, renderPage, tableHtml, type PageContext } from "./page.js";

function departmentName(model: Model, id: string): string {
  return model.departments.find((d) => d.id === id)?.name ?? id;
}

/** What the index needs besides the model: the open items (already masked as the page shows them). */
export interface CardInputs {
  model: Model;
  items: readonly FollowupItem[];
}

// ---- the index ----

export function renderBranchIndex(ctx: PageContext, input: CardInputs): string {
  const { lang } = ctx;
  const { model } = input;
  const open = new Map<string, number>();
  for (const item of input.items) if (item.branch !== null) open.set(item.branch, (open.get(item.branch) ?? 0) + 1);
  const staff = model.branches.reduce((n, b) => n + b.staff.filter((s) => isPresent(s, ctx.asOf)).length, 0);
  const prospects = model.branches.reduce((n, b) => n + b.prospects.length, 0);
  const rows = model.branches.map((b) => [
    branchLink(ctx, b.id, b.name),
    esc(departmentName(model, b.department)),
    esc(b.owner ?? "-"),
    esc(b.staff.filter((s) => isPresent(s, ctx.asOf)).length),
    esc(b.prospects.length),
    esc(open.get(b.id) ?? 0),
  ]);
  const title = t(lang, "serve.branches.title");
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${esc(t(lang, "serve.branches.count", { branches: model.branches.length, staff, prospects }))}</p>`,
    tableHtml([t(lang, "serve.col.branch"), t(lang, "serve.col.department"), t(lang, "serve.col.owner"), t(lang, "serve.col.staff"), t(lang, "serve.col.prospects"), t(lang, "serve.col.openItems")], rows, { numeric: [3, 4, 5] }),
  ];
  return renderPage(ctx, { title, section: "branches", body: body.join("\n") });
}

// ---- a prospect ----

export function findProspect(model: Model, key: string, keyOf: (id: string) => string): { branch: Branch; prospect: Prospect } | null {
  for (const branch of model.branches) {
    const prospect = branch.prospects.find((p) => keyOf(p.id) === key);
    if (prospect !== undefined) return { branch, prospect };
  }
  return null;
}

