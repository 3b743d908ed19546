/**
 * Issue 29: the checks across files of a commit's files (audit's as-of and deadline commits,
 * `--as-recorded`) are kept in the cache by what they were made from — the files, their blob
 * ids, the kinds read and --strict — so a commit read again is not checked across files again,
 * and comes back with the very findings, counts and files with errors it had. Within one run,
 * the deadline's commit, which most often differs from the as-of day's in a few files, takes the
 * as-of day's findings across files when they cannot differ: the same files, each either the same
 * bytes or stating the same facts and named by no finding.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadData, type CrossFileMemo, type RecordedChecks } from "../../src/cli/pipeline.js";
import { openHistory, recordedCheckKeys } from "../../src/cli/as-recorded.js";
import { scanCommit } from "../../src/load/git-history.js";
import { AUDIT_MODEL_SCOPE, AUDIT_SCOPE } from "../../src/load/file-scope.js";
import type { BranchMemo } from "../../src/model/build.js";
import { assembleValidation, crossFileFindings } from "../../src/validate/index.js";
import { commitAll, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { inProcessContext } from "../helpers/context.js";
import { RECORDED_SETTINGS, recordedPerson, staffFile } from "../helpers/recorded-fixtures.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";

vi.mock("../../src/validate/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/validate/index.js")>();
  return { ...original, assembleValidation: vi.fn(original.assembleValidation), crossFileFindings: vi.fn(original.crossFileFindings) };
});

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
  vi.mocked(assembleValidation).mockClear();
  vi.mocked(crossFileFindings).mockClear();
});

const BASE = {
  "channel.yaml": RECORDED_SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
};

/** Commits one after another, each a new version of b1's staff.yaml (the last with `last`); returns their ids. */
function history(versions: number, last?: string): { s: ScratchGit; commits: string[] } {
  const s = scratchGit({}, BASE);
  scratches.push(s);
  const commits: string[] = [];
  for (let k = 0; k < versions; k++) {
    const text = k === versions - 1 && last !== undefined ? last : staffFile(recordedPerson("a", null, "2012-02-01"), recordedPerson(`p${k}`, null, null));
    writeFiles(s.root, { "branches/b1/staff.yaml": text });
    commits.push(commitAll(s.repo, `第 ${k + 1} 版`, `2012-02-${String(k + 1).padStart(2, "0")}T18:00:00+08:00`));
  }
  return { s, commits };
}

function context(s: ScratchGit) {
  const ctx = inProcessContext(s.root, path.join(s.home, "cache"));
  Object.assign(ctx.surroundings.env, gitEnv(s.home));
  return ctx;
}

/** The data as recorded in `commit`, its files of the audit's kinds, as audit reads them. */
async function loadCommit(s: ScratchGit, commit: string) {
  const ctx = context(s);
  const scan = scanCommit(openHistory(ctx, s.root), commit, undefined, AUDIT_SCOPE);
  return loadData(ctx, { recorded: scan, needFileData: true });
}

const checksAcrossFiles = () => vi.mocked(assembleValidation).mock.calls.length;

describe("the checks across files of a commit's files, kept in the cache (issue 29)", () => {
  it("a commit read again is not checked across files again, and has the same findings, counts and model", async () => {
    // b1's second person has a conversion with no registration and a duplicate id: findings of both severities.
    const broken = staffFile(recordedPerson("a", "2012-02-20 10:00", null), recordedPerson("a", null, "2012-02-01"), "  - id: c\n    name: 员工c\n    position: 不存在的职务\n");
    const { s, commits } = history(2, broken);
    const first = await loadCommit(s, commits[1]!);
    expect(checksAcrossFiles()).toBe(1);
    expect(first.validation.errors).toBeGreaterThan(0);
    expect(first.validation.filesWithErrors).toEqual(new Set(["branches/b1/staff.yaml"]));
    expect(first.validation.findings.map((f) => f.code)).toContain("DUPLICATE_ID");

    const again = await loadCommit(s, commits[1]!);
    expect(checksAcrossFiles()).toBe(1);
    expect(again.validation).toEqual(first.validation);
    expect(again.skipped).toEqual(first.skipped);
    expect(again.model).toEqual(first.model);
    // The same files without the cache: the same validation.
    const ctx = inProcessContext(s.root, null);
    Object.assign(ctx.surroundings.env, gitEnv(s.home));
    const uncached = await loadData(ctx, { recorded: scanCommit(openHistory(ctx, s.root), commits[1]!, undefined, AUDIT_SCOPE), needFileData: true });
    expect(uncached.validation).toEqual(first.validation);
  });

  it("another commit, another kind of scan or --strict is checked anew; the four latest are kept", async () => {
    const { s, commits } = history(5);
    for (const commit of commits) await loadCommit(s, commit);
    expect(checksAcrossFiles()).toBe(5);
    // The four latest (commits 2–5) are kept: reading them again checks nothing across files.
    for (const commit of commits.slice(1)) await loadCommit(s, commit);
    expect(checksAcrossFiles()).toBe(5);
    // The first was let go: checked again (and kept again).
    await loadCommit(s, commits[0]!);
    expect(checksAcrossFiles()).toBe(6);
    await loadCommit(s, commits[0]!);
    expect(checksAcrossFiles()).toBe(6);
    // The whole commit (every kind of file) and --strict are other results.
    const ctx = context(s);
    await loadData(ctx, { recorded: scanCommit(openHistory(ctx, s.root), commits[0]!), needFileData: true });
    expect(checksAcrossFiles()).toBe(7);
    const strict = inProcessContext(s.root, path.join(s.home, "cache"), { strict: true });
    Object.assign(strict.surroundings.env, gitEnv(s.home));
    await loadData(strict, { recorded: scanCommit(openHistory(strict, s.root), commits[0]!, undefined, AUDIT_SCOPE), needFileData: true, strict: true });
    expect(checksAcrossFiles()).toBe(8);
  });

  it("a damaged record of the checks is not believed: checked again, with the same result", async () => {
    const { s, commits } = history(1);
    const first = await loadCommit(s, commits[0]!);
    const [folder] = fs.readdirSync(path.join(s.home, "cache"));
    const file = path.join(s.home, "cache", folder!, "result-recorded.json");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace('"errors":0', '"errors":7'));
    const again = await loadCommit(s, commits[0]!);
    expect(checksAcrossFiles()).toBe(2);
    expect(again.validation).toEqual(first.validation);
    expect(again.validation.errors).toBe(0);
  });
});

const person = (id: string, name: string, phone: string) => `  - id: ${id}\n    name: ${name}\n    position: wealth_manager\n    phone: "${phone}"\n`;
// b1 holds a duplicate id (an error located in b1's file); 周雪 is at b1 and, under another id,
// at b2 (a warning located in b2's file that names b1's file and line).
const B1_STAFF = `staff:\n${person("a", "员工a", "13900000001")}${person("a", "员工a2", "13900000002")}${person("zhou", "周雪", "13900000009")}`;
const B2_STAFF = `staff:\n${person("zhou-2", "周雪", "13900000009")}`;
const CARRY_BASE = {
  "channel.yaml": RECORDED_SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
  "branches/b1/staff.yaml": B1_STAFF,
  "branches/b2/branch.yaml": "id: b2\nname: 蛇口支行\ndepartment: d1\n",
  "branches/b2/staff.yaml": B2_STAFF,
  "branches/b3/branch.yaml": "id: b3\nname: 南山支行\ndepartment: d1\n",
  "branches/b3/staff.yaml": `staff:\n${person("b", "员工b", "13900000003")}`,
};

/** The deadline's commit (CARRY_BASE with `before`), then the as-of day's (with `change` too); their ids. */
function twoCommits(change: Record<string, string>, before: Record<string, string> = {}): { s: ScratchGit; deadline: string; asOf: string } {
  const s = scratchGit({}, { ...CARRY_BASE, ...before });
  scratches.push(s);
  const deadline = commitAll(s.repo, "截止日", "2012-03-30T18:00:00+08:00");
  writeFiles(s.root, change);
  const asOf = commitAll(s.repo, "之后", "2012-04-15T18:00:00+08:00");
  return { s, deadline, asOf };
}

/** No cache: what is carried over is this run's alone. */
function uncachedContext(s: ScratchGit) {
  const ctx = inProcessContext(s.root, null);
  Object.assign(ctx.surroundings.env, gitEnv(s.home));
  return ctx;
}

/** The two commits read as audit reads them, sharing what this run checked; the deadline's load. */
async function readAsAudit(s: ScratchGit, asOf: string, deadline: string) {
  const ctx = uncachedContext(s);
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
  const ctx = uncachedContext(s);
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
