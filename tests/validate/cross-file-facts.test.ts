/**
 * The facts the cross-file rules read of each file (issue 29): taken when the file is checked,
 * so that its value can be let go. Each rule's reading of odd shapes must survive: what is not
 * a string is not kept, and every kept item knows the entry (and slot) it came from.
 */
import { describe, expect, it } from "vitest";
import { factsOf } from "../../src/validate/cross-file-facts.js";
import { checkForLoad } from "../../src/cli/file-check.js";

describe("cross-file facts", () => {
  it("keeps staff ids, names and phones by entry, the days left before joined and conversion branches", () => {
    const facts = factsOf("staff", {
      staff: [
        { id: "wang-fang", name: "王芳", phone: "13800000000", joined: "2010-05-01", left: "2009-01-01", conversion: { branch: "cmb-0009" } },
        "not an entry",
        { name: "无编号" },
        { id: "li-na", name: 42, joined: "2010-02-30", left: "2009-01-01" },
      ],
    });
    expect(facts).toEqual({
      empty: false,
      ids: ["wang-fang", "li-na"],
      idAt: [0, 3],
      names: ["王芳", null],
      phones: ["13800000000", null],
      leftBeforeJoined: [{ index: 0, left: "2009-01-01", joined: "2010-05-01" }],
      conversions: [{ index: 0, branch: "cmb-0009" }],
    });
  });

  it("keeps each reference with its entry and slot, strings only", () => {
    expect(factsOf("activities", { activities: [{ with: ["a", 7, "b"] }, { with: "刘国栋" }, { with: null }, {}] })).toMatchObject({
      refAt: [0, 0, 1],
      refSlot: [0, 2, -1],
      refIds: ["a", "b", "刘国栋"],
    });
    expect(factsOf("prospects", { prospects: [{ id: "p-1", name: "张先生", source: { staff: "s-1", customer: "p-0" } }, { id: "p-2", source: { staff: 3 } }] })).toMatchObject({
      ids: ["p-1", "p-2"],
      names: ["张先生", null],
      refAt: [0, 0],
      refSlot: [0, 1],
      refIds: ["s-1", "p-0"],
    });
    expect(factsOf("kpis", { sales: [{ prospect: "p-1" }, { prospect: 1 }], months: [{ month: "2012-01" }, { month: 201201 }, { month: "2012-01" }] })).toMatchObject({
      refIds: ["p-1"],
      refAt: [0],
      months: ["2012-01", "2012-01"],
      monthAt: [0, 2],
    });
  });

  it("keeps a branch's id, department, parent and level only when they are strings; an empty file is empty", () => {
    expect(factsOf("branch", { id: "cmb-0001", department: "dept-1", parent: 5, level: "支行" })).toEqual({ empty: false, branch: { id: "cmb-0001", department: "dept-1", level: "支行" } });
    expect(factsOf("branch", { id: 1 })).toEqual({ empty: false });
    expect(factsOf("staff", null)).toMatchObject({ empty: true, ids: [] });
    expect(factsOf("prospects", undefined)).toMatchObject({ empty: true });
  });

  it("a check that does not keep the value gives its JSON text and, for people files, what the people index reads", () => {
    const bytes = Buffer.from("staff:\n  - id: wang-fang\n    name: 王芳\n    phone: \"13800000000\"\n    left: 2011-01-01\n", "utf8");
    const raw = { file: "branches/b1/staff.yaml", kind: "staff" as const, branchFolder: "b1", bytes };
    const kept = checkForLoad(raw, { data: true, json: false });
    const let_go = checkForLoad(raw, { data: false, json: true });
    expect(let_go.data).toBeUndefined();
    expect(let_go.parsed).toBe(true);
    expect(let_go.json).toBe(JSON.stringify(kept.data));
    expect(let_go.people).toEqual({ staff: [{ id: "wang-fang", name: "王芳", left: "2011-01-01" }] });
    expect(let_go.facts).toEqual(kept.facts);
    const broken = checkForLoad({ ...raw, bytes: Buffer.from("staff: [", "utf8") }, { data: false, json: true });
    expect(broken).toMatchObject({ parsed: false, people: undefined });
    expect(broken.json).toBeUndefined();
    expect(broken.findings.length).toBeGreaterThan(0);
  });
});

// Issue 29 (s30audit): the audit reads some kinds of file; references into the others go unchecked.
describe("cross-file rules over some kinds of file", () => {
  it("leave a reference into a kind not read unchecked, with no note, and check the rest as ever", async () => {
    const { checkCrossFileFacts } = await import("../../src/validate/cross-file.js");
    const { LoadedFile } = await import("../../src/load/repository.js");
    const file = (name: string, kind: "staff" | "kpis", data: unknown) => ({ file: new LoadedFile(name, kind, "b1", null, data), facts: factsOf(kind, data) });
    const files = [
      file("branches/b1/kpis.yaml", "kpis", { sales: [{ date: "2012-02-01", product: "长城2号", amount: 1, prospect: "p-nobody" }, { prospect: "王五" }] }),
      file("branches/b1/staff.yaml", "staff", { staff: [{ id: "a", name: "王五" }, { id: "a", name: "赵六" }] }),
    ];
    const everything = checkCrossFileFacts(files).map((f) => f.code).sort();
    expect(everything).toEqual(["DUPLICATE_ID", "NAME_INSTEAD_OF_ID", "UNKNOWN_REFERENCE"]);
    const scoped = checkCrossFileFacts(files, new Set(["channel", "departments", "branch", "staff", "kpis"])).map((f) => f.code);
    expect(scoped).toEqual(["DUPLICATE_ID"]);
  });
});
