/** The pages as pure functions: grouping as the terminal groups it, escaping, links and phones. */
import { describe, expect, it } from "vitest";
import type { FollowupItem } from "../../src/rules/followups.js";
import { CONTENT_SECURITY_POLICY, esc, href, phoneHtml, staffLink, type PageContext } from "../../src/serve/page.js";
import { groupItems } from "../../src/serve/today.js";

const ctx = (redacted: boolean): PageContext => ({ lang: "en", redacted, asOf: "2012-03-20", asOfParam: null, skipped: [], prospectKey: (id) => id });

function item(due: string, extra: Partial<FollowupItem> & { escalated?: boolean } = {}): FollowupItem {
  return {
    due,
    kind: "contact",
    overdue: due < "2012-03-20",
    daysLate: 0,
    branch: "b",
    department: "d",
    person: "p",
    name: "n",
    personType: "staff",
    position: null,
    phone: null,
    owner: null,
    facts: { kind: "contact", last: null, cadenceDays: 7, cadenceBasis: "key" },
    identity: due,
    ...extra,
  } as FollowupItem;
}

describe("groupItems", () => {
  it("puts escalated items first, then overdue, then today, then each coming day", () => {
    const groups = groupItems([item("2012-03-01", { escalated: true } as Partial<FollowupItem>), item("2012-03-10"), item("2012-03-20"), item("2012-03-22"), item("2012-03-22"), item("2012-02-01", { escalated: true } as Partial<FollowupItem>)], "2012-03-20");
    expect(groups.map((g) => [g.kind, g.date, g.items.length])).toEqual([
      ["escalated", null, 2],
      ["overdue", null, 1],
      ["today", "2012-03-20", 1],
      ["day", "2012-03-22", 2],
    ]);
  });

  it("groups on overdue and due alone while the rules mark nothing escalated", () => {
    expect(groupItems([item("2012-03-10"), item("2012-03-21")], "2012-03-20").map((g) => g.kind)).toEqual(["overdue", "day"]);
  });
});

describe("escaping and links", () => {
  it("escapes markup and shows control and bidi characters", () => {
    expect(esc(`<a href="x">'&`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
    expect(esc("\x1b]8;;http://x\x07\u202e")).toBe("\\x1B]8;;http://x\\x07\\u202E");
  });

  it("encodes ids in links, so an id cannot leave its path segment or attribute", () => {
    expect(staffLink(ctx(false), `a"/../b?c`, "<n>")).toBe('<a href="/staff/a%22%2F..%2Fb%3Fc">&lt;n&gt;</a>');
    expect(href("/x", { a: "1&b=2", none: null })).toBe("/x?a=1%26b%3D2");
  });

  it("links a phone to tel: only when shown in full", () => {
    expect(phoneHtml(ctx(false), "138-0013-8000")).toBe('<a href="tel:13800138000">138-0013-8000</a>');
    expect(phoneHtml(ctx(true), "13800138000")).toBe("138****8000");
    expect(phoneHtml(ctx(true), null)).toBe("-");
  });

  it("allows no inline script or style but the page's own, by hash", () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
