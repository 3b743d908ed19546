/**
 * Issue 29: audit reads two commits (the as-of day's, then the deadline's), which most often
 * differ in a few files. The findings across files of the second are carried over from the
 * first when they cannot differ: the same files, each either the same bytes or stating the same
 * facts and named by no finding. Each case compares the second commit's validation with the
 * same commit read alone, and counts how often the rules across files ran.
 */
import * as fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadData, type CrossFileMemo, type RecordedChecks } from "../../src/cli/pipeline.js";
import { openHistory, recordedCheckKeys } from "../../src/cli/as-recorded.js";
import { scanCommit } from "../../src/load/git-history.js";
import { AUDIT_MODEL_SCOPE, AUDIT_SCOPE } from "../../src/load/file-scope.js";
import type { BranchMemo } from "../../src/model/build.js";
import { crossFileFindings } from "../../src/validate/index.js";
import { commitAll, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { inProcessContext } from "../helpers/context.js";
import { RECORDED_SETTINGS } from "../helpers/recorded-fixtures.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";

vi.mock("../../src/validate/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/validate/index.js")>();
  return { ...original, crossFileFindings: vi.fn(original.crossFileFindings) };
});

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
  vi.mocked(crossFileFindings).mockClear();
});

const person = (id: string, name: string, phone: string) => `  - id: ${id}\n    name: ${name}\n    position: wealth_manager\n    phone: "${phone}"\n`;
// b1 holds a duplicate id (an error located in b1's file); 周雪 is at b1 and, under another id,
// at b2 (a warning located in b2's file that names b1's file and line).
const B1_STAFF = `staff:\n${person("a", "员工a", "13900000001")}${person("a", "员工a2", "13900000002")}${person("zhou", "周雪", "13900000009")}`;
const B2_STAFF = `staff:\n${person("zhou-2", "周雪", "13900000009")}`;
const BASE = {
  "channel.yaml": RECORDED_SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
  "branches/b1/staff.yaml": B1_STAFF,
  "branches/b2/branch.yaml": "id: b2\nname: 蛇口支行\ndepartment: d1\n",
  "branches/b2/staff.yaml": B2_STAFF,
  "branches/b3/branch.yaml": "id: b3\nname: 南山支行\ndepartment: d1\n",
  "branches/b3/staff.yaml": `staff:\n${person("b", "员工b", "13900000003")}`,
};

/** The deadline's commit (BASE with `before`), then the as-of day's (with `change` too); their ids. */
function twoCommits(change: Record<string, string>, before: Record<string, string> = {}): { s: ScratchGit; deadline: string; asOf: string } {
  const s = scratchGit({}, { ...BASE, ...before });
  scratches.push(s);
  const deadline = commitAll(s.repo, "截止日", "2012-03-30T18:00:00+08:00");
  writeFiles(s.root, change);
  const asOf = commitAll(s.repo, "之后", "2012-04-15T18:00:00+08:00");
  return { s, deadline, asOf };
}

function context(s: ScratchGit) {
  const ctx = inProcessContext(s.root, null);
  Object.assign(ctx.surroundings.env, gitEnv(s.home));
  return ctx;
}

/** The two commits read as audit reads them, sharing what this run checked; the deadline's load. */
async function readAsAudit(s: ScratchGit, asOf: string, deadline: string) {
  const ctx = context(s);
  const checks: RecordedChecks = new Map();
  const branches: BranchMemo = new WeakMap();
  const crossFile: CrossFileMemo = { last: null };
  const load = (commit: string) => {
    const scan = scanCommit(openHistory(ctx, s.root), commit, undefined, AUDIT_SCOPE);
    return loadData(ctx, { recorded: scan, needFileData: true, recordedChecks: { keys: recordedCheckKeys(scan), checks, branches, crossFile }, modelScope: AUDIT_MODEL_SCOPE });
  };
  await load(asOf);
  return load(deadline);
}

/** The deadline's commit read on its own. */
async function readAlone(s: ScratchGit, commit: string) {
  const ctx = context(s);
  return loadData(ctx, { recorded: scanCommit(openHistory(ctx, s.root), commit, undefined, AUDIT_SCOPE), needFileData: true, modelScope: AUDIT_MODEL_SCOPE });
}

const rulesRun = () => vi.mocked(crossFileFindings).mock.calls.length;

describe("findings across files carried from one commit to the next (issue 29)", () => {
  it("are carried over when only channel.yaml differs, the same as found anew", async () => {
    const { s, deadline, asOf } = twoCommits({ "channel.yaml": `${RECORDED_SETTINGS}# 四月修改\n` });
    const carried = await readAsAudit(s, asOf, deadline);
    expect(rulesRun()).toBe(1);
    const alone = await readAlone(s, deadline);
    expect(carried.validation).toEqual(alone.validation);
    expect(carried.model).toEqual(alone.model);
    expect(carried.validation.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["DUPLICATE_ID", "DUPLICATE_PERSON"]));
  });

  it("are carried over when a file differs only where no fact is (a comment) and no finding names it", async () => {
    const { s, deadline, asOf } = twoCommits({ "branches/b3/staff.yaml": `# 南山支行人员\nstaff:\n${person("b", "员工b", "13900000003")}` });
    const carried = await readAsAudit(s, asOf, deadline);
    expect(rulesRun()).toBe(1);
    expect(carried.validation).toEqual((await readAlone(s, deadline)).validation);
  });

  it("are found anew when a file states other facts (a person added)", async () => {
    const { s, deadline, asOf } = twoCommits({ "branches/b3/staff.yaml": `staff:\n${person("b", "员工b", "13900000003")}${person("a", "员工a3", "13900000004")}` });
    const carried = await readAsAudit(s, asOf, deadline);
    expect(rulesRun()).toBe(2);
    expect(carried.validation).toEqual((await readAlone(s, deadline)).validation);
  });

  it("are found anew when a file named by no finding of the first commit states other facts in the second", async () => {
    // At the deadline b3 also had 周雪 (a warning in b3's file); by the as-of day she was taken out.
    const b3 = `staff:\n${person("b", "员工b", "13900000003")}`;
    const { s, deadline, asOf } = twoCommits({ "branches/b3/staff.yaml": b3 }, { "branches/b3/staff.yaml": `${b3}${person("zhou-3", "周雪", "13900000009")}` });
    const carried = await readAsAudit(s, asOf, deadline);
    expect(rulesRun()).toBe(2);
    const alone = await readAlone(s, deadline);
    expect(carried.validation).toEqual(alone.validation);
    expect(carried.validation.findings.filter((f) => f.code === "DUPLICATE_PERSON").map((f) => f.file)).toEqual(["branches/b2/staff.yaml", "branches/b3/staff.yaml"]);
  });

  it("are found anew when a finding is in a file that differs, even with the same facts: its lines moved", async () => {
    const { s, deadline, asOf } = twoCommits({ "branches/b1/staff.yaml": `# 福田支行人员\n${B1_STAFF}` });
    const carried = await readAsAudit(s, asOf, deadline);
    expect(rulesRun()).toBe(2);
    const alone = await readAlone(s, deadline);
    expect(carried.validation).toEqual(alone.validation);
    // Both findings that name b1's file (the duplicate id in it, and 周雪's first entry in b2's warning) are at the deadline's lines.
    expect(carried.validation.findings.find((f) => f.code === "DUPLICATE_PERSON")?.params).toMatchObject({ first: "branches/b1/staff.yaml:11" });
  });

  it("are found anew when a file that differs is named only in another file's finding", async () => {
    // b2's warning says where 周雪 was first recorded: in b1's file, whose lines moved.
    const b1 = `staff:\n${person("a", "员工a", "13900000001")}${person("zhou", "周雪", "13900000009")}`;
    const { s, deadline, asOf } = twoCommits({ "branches/b1/staff.yaml": `# 福田支行人员\n${b1}` }, { "branches/b1/staff.yaml": b1 });
    const carried = await readAsAudit(s, asOf, deadline);
    expect(rulesRun()).toBe(2);
    const alone = await readAlone(s, deadline);
    expect(carried.validation).toEqual(alone.validation);
    expect(alone.validation.findings.filter((f) => f.file === "branches/b1/staff.yaml")).toEqual([]);
    expect(carried.validation.findings.find((f) => f.code === "DUPLICATE_PERSON")?.params).toMatchObject({ first: "branches/b1/staff.yaml:7" });
  });
});
