/**
 * Every checklist item, field and figure that `channel coverage` can name has words in zh and en,
 * and the items are the manual's: the letters and words that docs/checklists.md shows side by side
 * with the fields are exactly the ones coverage measures, with the same fields (issue 24).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { hasMessage, tDynamic } from "../../src/i18n/catalog.js";
import { CHECKLIST_ITEMS, CHECKLISTS, COMPETITOR_CHECKLIST, KEY_FIGURES, type Checklist } from "../../src/rules/coverage.js";

/** Paths coverage names when a branch-level part is missing: the first field of each part. */
const namedFields = [
  ...(["branch_basic", "business", "surroundings"] as const).flatMap((c) => CHECKLIST_ITEMS[c].filter((d) => d.item !== "kpis").flatMap((d) => d.parts.map((p) => p[0]!))),
  ...COMPETITOR_CHECKLIST.filter((d) => !d.perCompetitor).flatMap((d) => d.parts.map((p) => p[0]!)),
  "targets",
];

const keys = [
  ...CHECKLISTS.map((c) => `coverage.checklist.${c}`),
  ...CHECKLISTS.flatMap((c) => CHECKLIST_ITEMS[c].map((d) => `coverage.item.${c}.${d.item}`)),
  ...namedFields.map((path) => `coverage.field.${path}`),
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
    expect(tDynamic("zh", "coverage.item.staff.personality_values")).toBe("性格特点、价值观");
    expect(tDynamic("zh", "coverage.item.competitors.possible_entrants")).toBe("潜在竞争者");
    expect(tDynamic("zh", "coverage.item.prospects_valuable.phones")).toBe("联系电话（工作、家庭、手机）");
  });
});

/** One row of a checklist table in docs/checklists.md. */
interface DocRow {
  letter: string;
  words: string;
  fields: string[];
}

/** The tables of docs/checklists.md, by the anchor above them: `checklist-<code>` (the manual's list) and `beyond-<code>` (our own items). */
function readChecklistsDoc(): Map<string, DocRow[]> {
  const text = fs.readFileSync(path.join(import.meta.dirname, "../../docs/checklists.md"), "utf8");
  const tables = new Map<string, DocRow[]>();
  let anchor: string | null = null;
  for (const line of text.split("\n")) {
    const found = /^<a id="((?:checklist|beyond)-[a-z_]+)"><\/a>$/.exec(line);
    if (found) {
      anchor = found[1]!;
      tables.set(anchor, []);
      continue;
    }
    if (anchor === null || !line.startsWith("|") || line.startsWith("|---") || line.startsWith("| letter")) continue;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const fields = [...cells[3]!.matchAll(/`([a-z_.]+)`/g)].map((m) => m[1]!);
    tables.get(anchor)!.push({ letter: cells[0]!, words: cells[1]!, fields });
  }
  return tables;
}

/** The fields of an item as the doc names them: `birthday_with_year` is written as `birthday` (with its year). */
function itemFields(parts: readonly (readonly string[])[]): string[] {
  return [...new Set(parts.flat().map((f) => (f === "birthday_with_year" ? "birthday" : f)))].sort();
}

/** The Chinese words of an item without the month that B adds in the report. */
function zhWords(checklist: Checklist, item: string): string {
  return tDynamic("zh", `coverage.item.${checklist}.${item}`, { month: "{month}" }).replace("（{month}）", "");
}

describe("docs/checklists.md and coverage", () => {
  const doc = readChecklistsDoc();

  it.each([...CHECKLISTS])("%s: the manual's letters and words in the doc are the items coverage measures, answered by the same fields", (checklist) => {
    const manual = CHECKLIST_ITEMS[checklist].filter((d) => d.beyondManual !== true);
    const rows = doc.get(`checklist-${checklist}`);
    expect(rows, `docs/checklists.md has no table under checklist-${checklist}`).toBeDefined();
    expect(rows!.map((r) => [r.letter, r.words])).toEqual(manual.map((d) => [d.letter, zhWords(checklist, d.item)]));
    expect(rows!.map((r) => [...new Set(r.fields)].sort())).toEqual(manual.map((d) => itemFields(d.parts)));
  });

  it.each([...CHECKLISTS])("%s: the items beyond the manual are the doc's, listed apart", (checklist) => {
    const beyond = CHECKLIST_ITEMS[checklist].filter((d) => d.beyondManual === true);
    const rows = doc.get(`beyond-${checklist}`) ?? [];
    expect(rows.map((r) => [r.letter, r.words])).toEqual(beyond.map((d) => ["", zhWords(checklist, d.item)]));
    expect(rows.map((r) => [...new Set(r.fields)].sort())).toEqual(beyond.map((d) => itemFields(d.parts)));
  });

  it("has the manual's own lists, letter for letter", () => {
    const letters = (c: Checklist) => (doc.get(`checklist-${c}`) ?? []).map((r) => r.letter).join("");
    expect(CHECKLISTS.map(letters)).toEqual(["abcdefgh", "aBCDEF", "aBCDEFG", "abcdef", "abcd", "abcde", "abcdefghij"]);
  });
});
