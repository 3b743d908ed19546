/**
 * Issue 29: the checks across files of a commit's files (audit's as-of and deadline commits,
 * `--as-recorded`) are kept in the cache by what they were made from — the files, their blob
 * ids, the kinds read and --strict — so a commit read again is not checked across files again,
 * and comes back with the very findings, counts and files with errors it had.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadData } from "../../src/cli/pipeline.js";
import { openHistory } from "../../src/cli/as-recorded.js";
import { scanCommit } from "../../src/load/git-history.js";
import { AUDIT_SCOPE } from "../../src/load/file-scope.js";
import { assembleValidation } from "../../src/validate/index.js";
import { commitAll, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { inProcessContext } from "../helpers/context.js";
import { RECORDED_SETTINGS, recordedPerson, staffFile } from "../helpers/recorded-fixtures.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";

vi.mock("../../src/validate/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/validate/index.js")>();
  return { ...original, assembleValidation: vi.fn(original.assembleValidation) };
});

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
  vi.mocked(assembleValidation).mockClear();
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
