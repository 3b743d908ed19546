/**
 * The cards on the pages are `channel show`'s: built from the part of the model a card depends
 * on (show-cards.ts's cardModel), they equal the cards built from the whole model, for every
 * person and branch of data-example and on several days; and the page shows the card's content
 * with the names it mentions linked, masked as `show --redact` masks (less a prospect's id).
 */
import { describe, expect, it } from "vitest";
import { loadData } from "../../src/cli/pipeline.js";
import { buildBranchCard, buildPersonCard } from "../../src/rules/cards.js";
import { cardJson } from "../../src/report/show.js";
import { cardModel, renderCardPage } from "../../src/serve/show-cards.js";
import type { PageContext } from "../../src/serve/page.js";
import { DATA_EXAMPLE, TEST_CACHE_DIR } from "../helpers/cli.js";
import { inProcessContext } from "../helpers/context.js";


async function model() {
  return (await loadData(inProcessContext(DATA_EXAMPLE, TEST_CACHE_DIR))).model;
}

const page = (redacted: boolean): PageContext => ({ lang: "en", redacted, asOf: "2012-03-20", asOfParam: null, skipped: [], prospectKey: (id) => (redacted ? `token-${id.length}` : id) });

describe("cards from the part of the model they depend on", () => {
  it("equal the cards from the whole model, for every person and branch, on several days", async () => {
    const full = await model();
    for (const asOf of ["2012-01-15", "2012-03-20", "2012-06-30"]) {
      for (const branch of full.branches) {
        const people = new Set([...branch.staff.map((s) => s.id), ...branch.prospects.map((p) => p.id)]);
        expect(JSON.stringify(cardJson(buildBranchCard(cardModel(full, branch.id, people), branch.id, asOf)!, "en")), `${branch.id} ${asOf}`).toBe(JSON.stringify(cardJson(buildBranchCard(full, branch.id, asOf)!, "en")));
        for (const id of people) {
          const whole = buildPersonCard(full, id, asOf)!;
          const home = whole.branch.id;
          expect(JSON.stringify(cardJson(buildPersonCard(cardModel(full, home, new Set([id])), id, asOf)!, "en")), `${id} ${asOf}`).toBe(JSON.stringify(cardJson(whole, "en")));
        }
      }
    }
  });
});

describe("a card as a page", () => {
  it("shows the card's contacts and open items, with the names linked", async () => {
    const full = await model();
    const card = buildPersonCard(full, "wang-fang", "2012-03-20")!;
    const html = renderCardPage(page(false), card);
    expect(html).toContain('href="/branch/cmb-futian-center"');
    for (const other of card.contacts.flatMap((c) => c.others)) {
      if (other.name !== null && other.type === "staff") expect(html).toContain(`<a href="/staff/${other.id}">${other.name}</a>`);
    }
    for (const item of card.openItems) expect(html).toContain(item.due);
  });

  it("masked: no prospect's full name, id or phone, and the branch's prospects listed by token", async () => {
    const full = await model();
    const branch = full.branches.find((b) => b.prospects.length > 0 && b.prospects.some((p) => p.phone !== null))!;
    const prospect = branch.prospects.find((p) => p.phone !== null)!;
    const html = renderCardPage(page(true), buildPersonCard(full, prospect.id, "2012-03-20")!);
    expect(html).not.toContain(prospect.id);
    expect(html).not.toContain(prospect.name);
    expect(html).not.toContain(prospect.phone!);
    const branchPage = renderCardPage(page(true), buildBranchCard(full, branch.id, "2012-03-20")!, branch.prospects);
    expect(branchPage).toContain(`href="/prospect/token-${prospect.id.length}"`);
    expect(branchPage).not.toContain(prospect.name);
  });
});
