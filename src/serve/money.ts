/**
 * Bonus and expense-support standings, from the rules' results (computeBonusAwards,
 * computeExpenseSupport) and worded by the same functions as the terminal's tables. While
 * personal data is masked, a conversion's amount is left out, as `export --redact` does.
 */
import { t, type Lang, type MessageKey } from "../i18n/catalog.js";
import { formatDateTimeCell } from "../report/date-format.js";
import { bonusReasonText } from "../report/bonus.js";
import { expenseExplanation } from "../report/expenses.js";
import { formatYuan, formatYuanPlain } from "../report/money-format.js";
import type { BonusCandidate, BonusResult } from "../rules/bonus.js";
import type { ExpenseResult } from "../rules/expenses.js";
import { basisText } from "../report/bonus.js";
import { branchLink, esc, labelOr, renderPage, staffLink, tableHtml, type PageContext } from "./page.js";

function basisCell(ctx: PageContext, c: BonusCandidate): string {
  if (!ctx.redacted) return esc(basisText(c, ctx.lang));
  const { kind, product } = c.basis;
  return esc(kind === "product" ? t(ctx.lang, "serve.basis.product", { product: product ?? "-" }) : t(ctx.lang, kind === "fund" ? "serve.basis.fund" : "serve.basis.asset"));
}

function reasonCell(ctx: PageContext, c: BonusCandidate, result: BonusResult): string {
  // The minimum test's explanation quotes the conversion's amount.
  if (ctx.redacted && c.reason === "below_minimum") return esc(t(ctx.lang, "serve.reason.hiddenAmount"));
  return esc(bonusReasonText(c, result, ctx.lang));
}

export function renderBonus(ctx: PageContext, result: BonusResult): string {
  const { lang } = ctx;
  const title = t(lang, "serve.bonus.title", { date: result.asOf });
  const parts: string[] = [`<h1>${esc(title)}</h1>`];
  if (result.policy.example) parts.push(`<p class="note">${esc(t(lang, "bonus.policyIsExample"))}</p>`);
  parts.push(`<p id="bonus-summary">${esc(t(lang, "serve.bonus.summary", { awarded: result.awarded, amount: formatYuanPlain(result.totalAmount, lang), left: result.totalLeft }))}</p>`);

  parts.push(`<h2>${esc(t(lang, "serve.bonus.byDepartment"))}</h2>`);
  parts.push(tableHtml([t(lang, "serve.col.department"), t(lang, "serve.bonus.col.awarded"), t(lang, "serve.bonus.col.amount")], result.departments.map((d) => [esc(d.name), esc(d.awarded), esc(formatYuanPlain(d.amount, lang))]), { numeric: [1, 2] }));

  parts.push(`<h2>${esc(t(lang, "serve.bonus.candidates"))}</h2>`);
  const branchName = new Map(result.branches.map((b) => [b.branch, b.name]));
  const rows = result.candidates.map((c) => [
    esc(c.rank ?? "-"),
    { html: esc(formatDateTimeCell(c.at)), className: "nowrap" },
    branchLink(ctx, c.branch, branchName.get(c.branch) ?? c.branch),
    staffLink(ctx, c.staff, c.name),
    esc(labelOr(lang, `position.${c.position}`, c.position)),
    basisCell(ctx, c),
    esc(t(lang, c.status === "awarded" ? "bonus.status.awarded" : "bonus.status.rejected")),
    reasonCell(ctx, c, result),
    esc(formatYuanPlain(c.amount, lang)),
  ]);
  const attributes = result.candidates.map((c) => ` class="candidate" data-staff="${esc(c.staff)}" data-status="${esc(c.status)}" data-amount="${esc(c.amount)}"`);
  const h = (key: string) => t(lang, `bonus.header.${key}` as MessageKey);
  parts.push(tableHtml([h("rank"), h("at"), h("branch"), h("name"), h("position"), h("basis"), h("status"), h("reason"), h("amount")], rows, { numeric: [0, 8], rowAttributes: attributes }));

  parts.push(`<h2>${esc(t(lang, "serve.bonus.byBranch"))}</h2>`);
  parts.push(tableHtml([t(lang, "serve.col.branch"), t(lang, "serve.bonus.col.awarded"), t(lang, "serve.bonus.col.left")], result.branches.map((b) => [branchLink(ctx, b.branch, b.name), esc(b.awarded), esc(b.left)]), { numeric: [1, 2] }));
  return renderPage(ctx, { title, section: "bonus", body: parts.join("\n") });
}

function schemeLabel(lang: Lang, scheme: string): string {
  return labelOr(lang, `expenses.scheme.${scheme}`, scheme);
}

export function renderExpenses(ctx: PageContext, result: ExpenseResult): string {
  const { lang } = ctx;
  const params = { product: result.product, start: result.policy.start, end: result.policy.end, asOf: result.asOf };
  const title = result.to < result.from ? t(lang, "expenses.titleNotStarted", params) : t(lang, result.to < result.policy.end ? "expenses.titleRunning" : "expenses.title", params);
  const parts: string[] = [`<h1>${esc(title)}</h1>`];
  if (result.policy.example) parts.push(`<p class="note">${esc(t(lang, "expenses.policyIsExample"))}</p>`);
  parts.push(`<p id="expenses-total">${esc(t(lang, "expenses.total", { support: formatYuanPlain(result.totalSupport, lang) }))}</p>`);
  parts.push(`<h2>${esc(t(lang, "serve.expenses.byDepartment"))}</h2>`);
  const rows = result.departments.map((d) => [esc(d.name), esc(schemeLabel(lang, d.scheme)), esc(formatYuan(d.sales, lang)), esc(formatYuanPlain(d.support, lang)), esc(expenseExplanation(d, lang))]);
  const attributes = result.departments.map((d) => ` class="department" data-department="${esc(d.department)}" data-support="${esc(d.support)}"`);
  parts.push(tableHtml([t(lang, "serve.col.department"), t(lang, "serve.expenses.col.scheme"), t(lang, "serve.expenses.col.sales"), t(lang, "serve.expenses.col.support"), t(lang, "serve.expenses.col.explanation")], rows, { numeric: [2, 3], rowAttributes: attributes }));
  const branches = result.departments.flatMap((d) => d.branches.map((b) => ({ d, b })));
  if (branches.length > 0) {
    parts.push(`<h2>${esc(t(lang, "expenses.byBranch"))}</h2>`);
    parts.push(
      tableHtml(
        [t(lang, "serve.col.branch"), t(lang, "serve.col.department"), t(lang, "serve.expenses.col.reported"), t(lang, "serve.expenses.col.sales"), t(lang, "serve.expenses.col.excluded")],
        branches.map(({ d, b }) => [branchLink(ctx, b.branch, b.name), esc(d.name), esc(b.hqReported ?? t(lang, "expenses.notReported")), esc(formatYuan(b.sales, lang)), esc(b.excludedSales === 0 ? "-" : formatYuan(b.excludedSales, lang))]),
        { numeric: [3, 4] },
      ),
    );
  }
  return renderPage(ctx, { title, section: "expenses", body: parts.join("\n") });
}
