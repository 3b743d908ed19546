/**
 * The merge driver's three-way merge by record (src/merge): two clones' days of edits from one
 * common file merge into exactly the union of both sides' changes, with comments and layout
 * kept; only the same field changed both ways is a conflict, around that one record.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { mergeBranchText, conflictSides } from "../../src/merge/merge-text.js";
import { canonical, type Plain } from "../../src/merge/merge-data.js";
import { describeRecordConflict } from "../../src/merge/conflict-description.js";
import { parseYaml } from "../../src/load/parse-yaml.js";
import { applyEdit, type Edit, type Files } from "./edits.js";

const BASE: Files = {
  activities: `# 联系记录：每次联系一行
activities:
  - {date: 2012-03-01, kind: report, with: [zhou-hang], by: 李娜, note: 二月统计表}
  - {date: 2012-03-05, kind: call, with: [p-1], by: 孙磊}
  # 三八节
  - {date: 2012-03-08, kind: gift, with: [wang-fang], by: 孙磊, note: 送花}
  - {date: 2012-03-12, kind: visit, with: [p-2, p-3], by: 孙磊, note: 面谈}
`,
  prospects: `# 潜在客户
prospects:
  - id: p-1
    name: 陈先生
    tier: valuable                 # 有价值客户
    phone: "13900001111"
    holdings: [{product: 定期存款, amount: 50万, matures: 2012-03-25}]
    next_followup: 2012-03-22

  - id: p-2
    name: 李女士
    phone: "13700002222"

  # 园区讲座认识的
  - id: p-3
    name: 张女士
    tier: basic
    occupation: 园区企业行政

  - id: p-4
    name: 王先生
    next_followup: 2012-03-30
`,
};

const dataOf = (text: string) => parseDocument(text, { version: "1.2", schema: "core" }).toJS() as { [k: string]: Plain };

/** The merged prospects by id, and the activities as a set, of a text pair. */
function contentOf(files: Files): { prospects: Map<string, string>; activities: string[] } {
  const prospects = new Map<string, string>();
  for (const p of (dataOf(files.prospects).prospects ?? []) as { id: string }[]) prospects.set(p.id, canonical(p as unknown as Plain));
  const activities = ((dataOf(files.activities).activities ?? []) as Plain[]).map(canonical).sort();
  return { prospects, activities };
}

const DATES = ["2012-03-14", "2012-03-15", "2012-03-16", "2012-03-19", "2012-03-20"];
const KINDS = ["call", "visit", "wechat", "meal"];
const FIELDS: Record<string, string[]> = { name: ["陈总", "李姐", "张经理"], tier: ["valuable", "basic"], phone: ["13900009999", "13800001234"], occupation: ["教师", "医生"], next_followup: DATES };

/** A day of one side's edits; `side` makes its new ids and notes its own. Shared contacts (the same visit logged by both) come from a small pool. */
function day(side: "a" | "b"): fc.Arbitrary<Edit[]> {
  const ids = ["p-1", "p-2", "p-3", "p-4"];
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ date: fc.constantFrom(...DATES), kind: fc.constantFrom(...KINDS), who: fc.constantFrom(...ids), n: fc.nat(99) }).map(({ date, kind, who, n }) => ({ op: "log" as const, entry: { date, kind, with: [who], by: side === "a" ? "李娜" : "孙磊", note: `${side}-${n}`, done: null } })) },
    { weight: 1, arbitrary: fc.record({ date: fc.constantFrom(...DATES), who: fc.constantFrom(...ids) }).map(({ date, who }) => ({ op: "log" as const, entry: { date, kind: "event", with: [who], by: "共同", note: "园区讲座", done: null } })) },
    { weight: 2, arbitrary: fc.record({ id: fc.constantFrom(...ids), date: fc.constantFrom(...DATES) }).map(({ id, date }) => ({ op: "next" as const, id, date })) },
    { weight: 1, arbitrary: fc.nat(99).map((n) => ({ op: "add" as const, id: `p-${side}-${n}`, name: `新客户${n}`, found: "2012-03-20" })) },
    { weight: 2, arbitrary: fc.record({ id: fc.constantFrom(...ids), field: fc.constantFrom(...Object.keys(FIELDS)), i: fc.nat(9) }).map(({ id, field, i }) => ({ op: "set" as const, id, field, value: FIELDS[field]![i % FIELDS[field]!.length]! })) },
    { weight: 1, arbitrary: fc.constantFrom(...ids).map((id) => ({ op: "deleteProspect" as const, id })) },
    { weight: 1, arbitrary: fc.nat(3).map((index) => ({ op: "deleteActivity" as const, index })) },
  );
  return fc.array(edit, { minLength: 1, maxLength: 12 });
}

/** What an edit touches, for keeping the two sides' days free of same-field conflicts. */
function touches(e: Edit): string[] {
  if (e.op === "next") return [`${e.id}/next_followup`, e.id];
  if (e.op === "set") return [`${e.id}/${e.field}`, e.id];
  if (e.op === "deleteProspect") return [`${e.id}/*`];
  return [];
}

/** Applies a day to the base, skipping edits that no longer apply (a deleted prospect, an added one twice). */
function live(files: Files, edits: Edit[]): { files: Files; applied: Edit[] } {
  const applied: Edit[] = [];
  for (const e of edits) {
    try {
      const next = applyEdit(files, e);
      if (e.op === "log" && contentOf(files).activities.includes(canonical((dataOf(next.activities).activities as Plain[]).at(-1)!))) continue;
      files = next;
      applied.push(e);
    } catch {
      // the prospect was deleted earlier that day, or the id is taken
    }
  }
  return { files, applied };
}

/** Keeps theirs' edits that touch nothing ours touched (same field, or a record ours deleted or edited). */
function independentOf(ours: Edit[], theirs: Edit[]): Edit[] {
  const oursFields = new Set(ours.flatMap(touches));
  const oursRecords = new Set(ours.flatMap((e) => touches(e).map((t) => t.split("/")[0]!)));
  return theirs.filter((e) => {
    const t = touches(e);
    if (e.op === "deleteProspect") return !oursRecords.has(e.id);
    return t.every((x) => !oursFields.has(x) && !oursFields.has(`${x.split("/")[0]}/*`));
  });
}

/** The expected merge: the base with both sides' changes, read as data. */
function expectedMerge(base: Files, ours: Files, theirs: Files): { prospects: Map<string, string>; activities: string[] } {
  const [b, o, t] = [contentOf(base), contentOf(ours), contentOf(theirs)];
  const prospects = new Map<string, string>();
  const ids = new Set([...o.prospects.keys(), ...t.prospects.keys(), ...b.prospects.keys()]);
  for (const id of ids) {
    const [pb, po, pt] = [b.prospects.get(id), o.prospects.get(id), t.prospects.get(id)];
    if (po === undefined && pt === undefined) continue;
    if (po === undefined) { if (pb === undefined || pt !== pb) prospects.set(id, pt!); continue; }
    if (pt === undefined) { if (pb === undefined || po !== pb) prospects.set(id, po); continue; }
    if (po === pt || pt === pb) { prospects.set(id, po); continue; }
    if (po === pb) { prospects.set(id, pt); continue; }
    // Both changed different fields of one record: field by field.
    const [rb, ro, rt] = [pb, po, pt].map((x) => (x === undefined ? {} : JSON.parse(x))) as Record<string, unknown>[];
    const merged: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(ro!), ...Object.keys(rt!)])) {
      const [vb, vo, vt] = [rb![k], ro![k], rt![k]].map((v) => JSON.stringify(v));
      const v = vo === vb ? rt![k] : ro![k];
      if (v !== undefined) merged[k] = v;
      void vt;
    }
    prospects.set(id, canonical(merged as Plain));
  }
  const setOf = (l: string[]) => new Set(l);
  const [sb, so, st] = [setOf(b.activities), setOf(o.activities), setOf(t.activities)];
  const activities = [...new Set([...so, ...st])].filter((a) => !(sb.has(a) && (!so.has(a) || !st.has(a)))).sort();
  return { prospects, activities };
}

function merge(base: Files, ours: Files, theirs: Files) {
  const activities = mergeBranchText("activities.yaml", base.activities, ours.activities, theirs.activities);
  const prospects = mergeBranchText("prospects.yaml", base.prospects, ours.prospects, theirs.prospects);
  return { activities, prospects };
}

const commentLines = (text: string) => text.split("\n").filter((l) => /^\s*#/.test(l));

describe("merge by record (property: two days of independent edits)", () => {
  test("the merged files hold exactly the union of both sides' changes, with no conflict, and keep every comment", () => {
    fc.assert(
      fc.property(day("a"), day("b"), (aDay, bDay) => {
        const ours = live(BASE, aDay);
        const theirs = live(BASE, independentOf(ours.applied, bDay));
        for (const [o, t] of [[ours.files, theirs.files], [theirs.files, ours.files]] as const) {
          const merged = merge(BASE, o, t);
          expect(merged.activities).not.toBeNull();
          expect(merged.prospects).not.toBeNull();
          expect(merged.activities!.conflicts).toEqual([]);
          expect(merged.prospects!.conflicts).toEqual([]);
          const files = { activities: merged.activities!.text, prospects: merged.prospects!.text };
          expect(parseYaml(files.activities).problems).toEqual([]);
          expect(parseYaml(files.prospects).problems).toEqual([]);
          const got = contentOf(files);
          const want = expectedMerge(BASE, o, t);
          expect(got.activities).toEqual(want.activities);
          expect([...got.prospects.entries()].sort()).toEqual([...want.prospects.entries()].sort());
          // Our file's comments are all still there.
          for (const line of commentLines(o.activities)) expect(files.activities).toContain(line);
          for (const line of commentLines(o.prospects).filter((l) => !l.includes("园区讲座认识的") || got.prospects.has("p-3"))) expect(files.prospects).toContain(line);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("merge by record (property: two days that may touch the same fields)", () => {
  test("conflicts are exactly the fields both sides set to different values; each side of the conflicts reads as a valid file holding every entry", () => {
    fc.assert(
      fc.property(day("a"), day("b"), (aDay, bDay) => {
        const ours = live(BASE, aDay).files;
        const theirs = live(BASE, bDay).files;
        const merged = merge(BASE, ours, theirs);
        expect(merged.activities).not.toBeNull();
        expect(merged.activities!.conflicts).toEqual([]);
        expect(contentOf({ activities: merged.activities!.text, prospects: BASE.prospects }).activities).toEqual(expectedMerge(BASE, ours, theirs).activities);
        const prospects = merged.prospects;
        expect(prospects).not.toBeNull();
        // The fields both sides changed to different values (lists excepted: they merge).
        const [b, o, t] = [BASE, ours, theirs].map((f) => new Map(((dataOf(f.prospects).prospects ?? []) as { id: string; [k: string]: Plain }[]).map((r) => [r.id, r])));
        const want: string[] = [];
        for (const [id, ro] of o!) {
          const [rb, rt] = [b!.get(id), t!.get(id)];
          if (rb === undefined || rt === undefined) continue;
          for (const field of new Set([...Object.keys(ro), ...Object.keys(rt)])) {
            const [vb, vo, vt] = [rb[field], ro[field], rt[field]];
            if (canonical(vo) !== canonical(vb) && canonical(vt) !== canonical(vb) && canonical(vo) !== canonical(vt) && !(Array.isArray(vo) && Array.isArray(vt))) want.push(`${id}/${field}`);
          }
        }
        expect(prospects!.conflicts.map((c) => `${c.path[1]}/${c.path[2]}`).sort()).toEqual(want.sort());
        // Whichever side a person keeps, the file is valid and holds every prospect either side kept.
        const sides = conflictSides(prospects!.text);
        for (const side of [sides.ours, sides.theirs]) {
          expect(parseYaml(side).problems).toEqual([]);
          const ids = new Set(((dataOf(side).prospects ?? []) as { id: string }[]).map((r) => r.id));
          for (const id of new Set([...o!.keys(), ...t!.keys()])) {
            const deletedUnchanged = (!o!.has(id) && canonical(t!.get(id)) === canonical(b!.get(id))) || (!t!.has(id) && canonical(o!.get(id)) === canonical(b!.get(id)));
            expect(ids.has(id)).toBe(!deletedUnchanged);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("merge by record (examples)", () => {
  test("two contacts logged at one branch on two clones: both, in date order, our lines untouched", () => {
    const ours = applyEdit(BASE, { op: "log", entry: { date: "2012-03-20", kind: "call", with: ["p-1"], by: "李娜", note: "甲", done: null } });
    const theirs = applyEdit(BASE, { op: "log", entry: { date: "2012-03-10", kind: "visit", with: ["p-1"], by: "孙磊", note: "乙", done: null } });
    const merged = mergeBranchText("activities.yaml", BASE.activities, ours.activities, theirs.activities)!;
    expect(merged.conflicts).toEqual([]);
    expect(merged.text).toBe(`# 联系记录：每次联系一行
activities:
  - {date: 2012-03-01, kind: report, with: [zhou-hang], by: 李娜, note: 二月统计表}
  - {date: 2012-03-05, kind: call, with: [p-1], by: 孙磊}
  # 三八节
  - {date: 2012-03-08, kind: gift, with: [wang-fang], by: 孙磊, note: 送花}
  - {date: 2012-03-10, kind: visit, with: [p-1], by: 孙磊, note: 乙}
  - {date: 2012-03-12, kind: visit, with: [p-2, p-3], by: 孙磊, note: 面谈}
  - {date: 2012-03-20, kind: call, with: [p-1], by: 李娜, note: 甲}
`);
  });

  test("the same entry added on both sides is there once; an entry deleted on one side and left alone on the other is gone", () => {
    const entry = { date: "2012-03-20", kind: "event", with: ["p-2"], by: "孙磊", note: "讲座", done: null };
    const ours = applyEdit(applyEdit(BASE, { op: "log", entry }), { op: "deleteActivity", index: 1 });
    const theirs = applyEdit(BASE, { op: "log", entry });
    const merged = mergeBranchText("activities.yaml", BASE.activities, ours.activities, theirs.activities)!;
    expect(merged.text.match(/讲座/g)).toHaveLength(1);
    expect(merged.text).not.toContain("2012-03-05");
  });

  test("different fields of one person on two clones: both kept, in place", () => {
    const ours = applyEdit(BASE, { op: "next", id: "p-1", date: "2012-03-28" });
    const theirs = applyEdit(BASE, { op: "set", id: "p-1", field: "phone", value: "13900009999" });
    const merged = mergeBranchText("prospects.yaml", BASE.prospects, ours.prospects, theirs.prospects)!;
    expect(merged.conflicts).toEqual([]);
    expect(merged.text).toBe(BASE.prospects.replace("2012-03-22", "2012-03-28").replace("13900001111", "13900009999"));
  });

  test("the same field set to two values: that record alone between markers, and validate names record, field and both values", () => {
    const ours = applyEdit(applyEdit(BASE, { op: "next", id: "p-1", date: "2012-03-28" }), { op: "set", id: "p-2", field: "tier", value: "valuable" });
    const theirs = applyEdit(applyEdit(BASE, { op: "next", id: "p-1", date: "2012-03-26" }), { op: "set", id: "p-1", field: "phone", value: "13900009999" });
    const merged = mergeBranchText("prospects.yaml", BASE.prospects, ours.prospects, theirs.prospects)!;
    expect(merged.conflicts).toEqual([{ path: ["prospects", "p-1", "next_followup"], ours: "2012-03-28", theirs: "2012-03-26" }]);
    expect(merged.text).toContain(`prospects:
<<<<<<< ours (channel: p-1)
  - id: p-1
    name: 陈先生
    tier: valuable                 # 有价值客户
    phone: "13900009999"
    holdings: [{product: 定期存款, amount: 50万, matures: 2012-03-25}]
    next_followup: 2012-03-28
=======
  - id: p-1
    name: 陈先生
    tier: valuable                 # 有价值客户
    phone: "13900009999"
    holdings: [{product: 定期存款, amount: 50万, matures: 2012-03-25}]
    next_followup: 2012-03-26
>>>>>>> theirs (channel: p-1)

  - id: p-2
    name: 李女士
    phone: "13700002222"
    tier: valuable
`);
    const problems = parseYaml(merged.text).problems;
    expect(problems.map((p) => [p.code, p.params])).toEqual([["RECORD_CONFLICT", { record: "p-1", field: "next_followup", ours: "2012-03-28", theirs: "2012-03-26" }]]);
    // Either side kept as it is reads as a valid file.
    const sides = conflictSides(merged.text);
    expect(parseYaml(sides.ours).problems).toEqual([]);
    expect(parseYaml(sides.theirs).problems).toEqual([]);
  });

  test("a conflict and nothing else changed: still marked (the merged list reads as ours, but is not ours)", () => {
    const ours = applyEdit(BASE, { op: "next", id: "p-4", date: "2012-03-28" });
    const theirs = applyEdit(BASE, { op: "next", id: "p-4", date: "2012-03-26" });
    const merged = mergeBranchText("prospects.yaml", BASE.prospects, ours.prospects, theirs.prospects)!;
    expect(merged.conflicts.map((c) => c.path)).toEqual([["prospects", "p-4", "next_followup"]]);
    expect(merged.text).toContain("<<<<<<< ours (channel: p-4)\n  - id: p-4\n    name: 王先生\n    next_followup: 2012-03-28\n=======\n  - id: p-4\n    name: 王先生\n    next_followup: 2012-03-26\n>>>>>>> theirs (channel: p-4)\n");
  });

  test("git's own markers (a clone without the driver) are one MERGE_CONFLICT, not a record conflict", () => {
    const text = "activities:\n<<<<<<< HEAD\n  - {date: 2012-03-20, kind: call}\n=======\n  - {date: 2012-03-21, kind: visit}\n>>>>>>> origin/main\n";
    expect(parseYaml(text).problems.map((p) => p.code)).toEqual(["MERGE_CONFLICT"]);
    expect(describeRecordConflict("  - {a: 1}\n", "  - {a: 2}\n")).toEqual([{ field: "a", ours: "1", theirs: "2" }]);
  });

  test("a side that is not valid YAML, or a file it does not know, is left to git (null)", () => {
    expect(mergeBranchText("activities.yaml", BASE.activities, BASE.activities + "x: [\n", BASE.activities + "  - {date: 2012-03-20, kind: call}\n")).toBeNull();
    expect(mergeBranchText("notes.yaml", "a: 1\n", "a: 2\n", "a: 3\n")).toBeNull();
  });

  test("CRLF and a BOM on our side are kept", () => {
    const crlf = (s: string) => "\uFEFF" + s.replace(/\n/g, "\r\n");
    const ours = crlf(applyEdit(BASE, { op: "next", id: "p-4", date: "2012-03-28" }).prospects);
    const theirs = applyEdit(BASE, { op: "set", id: "p-3", field: "tier", value: "valuable" }).prospects;
    const merged = mergeBranchText("prospects.yaml", BASE.prospects, ours, theirs)!;
    expect(merged.text).toBe(crlf(BASE.prospects.replace("2012-03-30", "2012-03-28").replace("tier: basic", "tier: valuable")));
  });

  test("staff and KPI months by their keys; a field of the file itself changed both ways is a conflict around that field", () => {
    const base = "reviewed: 2012-02-15   # 核对\nmonths:\n  - {month: 2012-02, deposits: 26亿}\n  - {month: 2012-03, deposits: 27亿}\n";
    const ours = base.replace("2012-02-15", "2012-03-01").replace("{month: 2012-02, deposits: 26亿}", "{month: 2012-02, deposits: 26亿, ranking: 3}");
    const theirs = base.replace("2012-02-15", "2012-03-02").replace("27亿}", "27亿, vip_customers: 1210}");
    const merged = mergeBranchText("kpis.yaml", base, ours, theirs)!;
    expect(merged.conflicts.map((c) => c.path)).toEqual([["reviewed"]]);
    expect(merged.text).toBe("<<<<<<< ours (channel: reviewed)\nreviewed: 2012-03-01   # 核对\n=======\nreviewed: 2012-03-02   # 核对\n>>>>>>> theirs (channel: reviewed)\nmonths:\n  - {month: 2012-02, deposits: 26亿, ranking: 3}\n  - {month: 2012-03, deposits: 27亿, vip_customers: 1210}\n");
    expect(parseYaml(merged.text).problems.map((p) => [p.code, p.params.field])).toEqual([["RECORD_CONFLICT", "reviewed"]]);
  });
});

