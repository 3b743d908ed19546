/** Every checklist item, field and figure that `channel coverage` can name has the manual's words in zh and en. */
import { describe, expect, it } from "vitest";
import { hasMessage, tDynamic } from "../../src/i18n/catalog.js";
import { BRANCH_GROUPS, CHECKLISTS, COMPETITOR_DETAILS, KEY_FIGURES, PROSPECT_BASIC_CHECKLIST, PROSPECT_VALUABLE_CHECKLIST, STAFF_CHECKLIST } from "../../src/rules/coverage.js";

const keys = [
  ...CHECKLISTS.map((c) => `coverage.checklist.${c}`),
  ...STAFF_CHECKLIST.map((d) => `coverage.item.staff.${d.item}`),
  ...Object.keys(BRANCH_GROUPS).map((g) => `coverage.item.branch.${g}`),
  ...["competitors", ...COMPETITOR_DETAILS, "possible_entrants"].map((i) => `coverage.item.competitors.${i}`),
  "coverage.item.kpis.monthly_figures",
  ...PROSPECT_BASIC_CHECKLIST.map((d) => `coverage.item.prospects_basic.${d.item}`),
  ...PROSPECT_VALUABLE_CHECKLIST.map((d) => `coverage.item.prospects_valuable.${d.item}`),
  ...Object.values(BRANCH_GROUPS)
    .flat()
    .map((path) => `coverage.field.${path}`),
  ...KEY_FIGURES.map((f) => `coverage.figure.${f}`),
  ...["staff", "competitors", "prospects_basic", "prospects_valuable"].map((c) => `coverage.empty.${c}`),
];

describe("coverage words", () => {
  it.each(keys)("%s is in the catalogue in both languages", (key) => {
    expect(hasMessage(key)).toBe(true);
    expect(tDynamic("zh", key, { month: "2012年3月" })).not.toBe(key);
    expect(tDynamic("en", key, { month: "March 2012" })).not.toBe(key);
  });

  it("keeps the manual's Chinese words for the items users asked about", () => {
    expect(tDynamic("zh", "coverage.item.staff.values")).toBe("价值观");
    expect(tDynamic("zh", "coverage.item.competitors.possible_entrants")).toBe("潜在竞争者");
    expect(tDynamic("zh", "coverage.item.prospects_valuable.phones")).toBe("联系电话（单位、住宅、手机）");
  });
});
