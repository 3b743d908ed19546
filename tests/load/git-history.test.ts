/**
 * Issue 29: blobs read from git in batches (`forEachBlob`), as the audit's walk through a long
 * history reads them: each id once, the 10 MB cap and missing objects as one batch of
 * them all has them, whatever the batch size; and `scanCommit` reusing bytes an earlier scan
 * read, and reading again the bytes of files it let go.
 */
import * as fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { forEachBlob, openGitRepository, scanCommit, uncommittedChanges } from "../../src/load/git-history.js";
import { AUDIT_SCOPE, inScope, kindOfDataPath } from "../../src/load/file-scope.js";
import { MAX_FILE_BYTES } from "../../src/load/repository.js";
import { digestBytes } from "../../src/load/cache.js";
import { commitAll, git, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
});

const FILES = {
  "channel.yaml": "version: 1\norganisation: 测试\n",
  "branches/b1/branch.yaml": "id: b1\nname: 一支行\n",
  "branches/b1/staff.yaml": "staff: []\n",
  "branches/b2/branch.yaml": "id: b2\nname: 二支行\n",
};

function repository(): { s: ScratchGit; ids: Record<string, string> } {
  const s = scratchGit({ "big.txt": "x".repeat(MAX_FILE_BYTES + 1) }, FILES);
  scratches.push(s);
  commitAll(s.repo, "数据", "2012-03-01T09:00:00+08:00");
  const ids: Record<string, string> = {};
  for (const line of git(s.repo, ["ls-tree", "-r", "HEAD"]).split("\n")) {
    const [meta = "", file = ""] = line.split("\t");
    ids[file] = meta.split(" ")[2]!;
  }
  return { s, ids };
}

describe("forEachBlob (issue 29)", () => {
  it("gives each id once, in order, with the cap and missing objects as one batch of them all, whatever the batch size", () => {
    const { s, ids } = repository();
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const wanted = [ids["branches/b1/branch.yaml"]!, ids["big.txt"]!, ids["branches/b1/staff.yaml"]!, missing, ids["branches/b1/branch.yaml"]!, ids["channel.yaml"]!];
    const whole = new Map<string, string | null>();
    forEachBlob(repo, wanted, (id, bytes) => void whole.set(id, bytes === null ? null : Buffer.from(bytes).toString("utf8")), undefined, Infinity);
    for (const batchBytes of [1, 30, 64 * 2 ** 20]) {
      const seen: [string, string | null][] = [];
      const sizes = new Map<string, number>();
      forEachBlob(repo, wanted, (id, bytes) => void seen.push([id, bytes === null ? null : Buffer.from(bytes).toString("utf8")]), sizes, batchBytes);
      expect(seen.map(([id]) => id).sort()).toEqual([...new Set(wanted)].sort());
      expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(whole));
      // The large blob is measured, not read.
      expect(Object.fromEntries(seen)[ids["big.txt"]!]).toBeNull();
      expect(sizes.get(ids["big.txt"]!)).toBe(MAX_FILE_BYTES + 1);
      expect(Object.fromEntries(seen)[missing]).toBeNull();
      expect(Object.fromEntries(seen)[ids["branches/b1/staff.yaml"]!]).toBe("staff: []\n");
    }
  });

  it("scanCommit takes bytes an earlier scan read (by blob id) and gives each file's blob id", () => {
    const { s, ids } = repository();
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const head = git(s.repo, ["rev-parse", "HEAD"]);
    const plain = scanCommit(repo, head);
    expect(plain.raws.map((raw, i) => [raw.file, plain.blobs[i]])).toEqual(plain.raws.map((raw) => [raw.file, ids[raw.file]]));
    // A stand-in for the staff file's bytes proves they were taken from `known`, not read again.
    const known = new Map([[ids["branches/b1/staff.yaml"]!, new TextEncoder().encode("staff: [] # known\n")]]);
    const reused = scanCommit(repo, head, known);
    const text = (scan: typeof plain, file: string) => Buffer.from(scan.raws.find((raw) => raw.file === file)!.bytes!).toString("utf8");
    expect(text(reused, "branches/b1/staff.yaml")).toBe("staff: [] # known\n");
    expect(text(reused, "branches/b1/branch.yaml")).toBe(text(plain, "branches/b1/branch.yaml"));
    expect(reused.findings).toEqual(plain.findings);
  });
});

// Issue 29 (s30audit): the audit reads the files of its scope alone.
describe("a scope of file kinds", () => {
  it("scanCommit reads only the files of the scope and judges the layout of the whole tree", () => {
    const s = scratchGit(
      {
        "departments.yaml": "departments: []\n",
        "branches/b1/activities.yaml": "activities: []\n",
        "branches/b1/prospects.yaml": "prospects: []\n",
        "branches/b1/kpis.yaml": "sales: []\n",
        "branches/b1/notes.txt": "草稿\n",
        "branches/b3/prospects.yaml": "prospects: []\n",
      },
      FILES,
    );
    scratches.push(s);
    commitAll(s.repo, "数据", "2012-03-01T09:00:00+08:00");
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const head = git(s.repo, ["rev-parse", "HEAD"]);
    const whole = scanCommit(repo, head);
    const scoped = scanCommit(repo, head, undefined, AUDIT_SCOPE);
    expect(scoped.raws.map((raw) => raw.file)).toEqual(whole.raws.map((raw) => raw.file).filter((file) => inScope(AUDIT_SCOPE, file)));
    expect(scoped.raws.map((raw) => raw.file)).toEqual(["channel.yaml", "departments.yaml", "branches/b1/branch.yaml", "branches/b1/kpis.yaml", "branches/b1/staff.yaml", "branches/b2/branch.yaml"]);
    expect(scoped.blobs).toEqual(scoped.raws.map((raw) => whole.blobs[whole.raws.findIndex((w) => w.file === raw.file)]));
    // The unknown file and b3's missing branch.yaml are found as without a scope.
    expect(scoped.findings).toEqual(whole.findings);
    expect(scoped.findings.map((f) => [f.code, f.file])).toEqual([
      ["UNKNOWN_FILE", "branches/b1/notes.txt"],
      ["MISSING_BRANCH_FILE", "branches/b3/branch.yaml"],
    ]);
    expect(scoped.branchFolders).toEqual(["b1", "b2", "b3"]);
    expect(scoped.scope).toBe(AUDIT_SCOPE);
    expect(whole.scope).toBeUndefined();
  });

  it("uncommittedChanges with a filter looks at the accepted paths alone, tracked or not", () => {
    const s = scratchGit({ "branches/b1/activities.yaml": "activities: []\n" }, FILES);
    scratches.push(s);
    commitAll(s.repo, "数据", "2012-03-01T09:00:00+08:00");
    writeFiles(s.root, {
      "branches/b1/activities.yaml": "activities: [\n",
      "branches/b1/staff.yaml": "staff: [] # 改\n",
      "branches/b4/kpis.yaml": "sales: []\n",
      "branches/b4/prospects.yaml": "prospects: []\n",
    });
    const repo = openGitRepository(s.root, gitEnv(s.home));
    expect(uncommittedChanges(repo)).toEqual(["branches/b1/activities.yaml", "branches/b1/staff.yaml", "branches/b4/kpis.yaml", "branches/b4/prospects.yaml"]);
    expect(uncommittedChanges(repo, (file) => inScope(AUDIT_SCOPE, file))).toEqual(["branches/b1/staff.yaml", "branches/b4/kpis.yaml"]);
  });

  it("knows a data file's kind by its path, and nothing else's", () => {
    expect(kindOfDataPath("channel.yaml")).toBe("channel");
    expect(kindOfDataPath("departments.yaml")).toBe("departments");
    expect(kindOfDataPath("branches/b1/kpis.yaml")).toBe("kpis");
    for (const other of ["branches/b1/constructor", "branches/b1/x/staff.yaml", "staff.yaml", "branches/.git/staff.yaml", "other/b1/staff.yaml", "branches/b1/toString"]) {
      expect(kindOfDataPath(other)).toBeNull();
    }
  });
});

// Issue 29: a warm audit reads no blob the cache has checked, and no work-tree file the cache vouches for.
describe("a commit's files read when asked for", () => {
  it("scanCommit reads nothing until asked, what is asked for in one batch; a file's digest is its blob id, as the cache digests its bytes", () => {
    const { s, ids } = repository();
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const scan = scanCommit(repo, git(s.repo, ["rev-parse", "HEAD"]));
    expect(scan.raws.every((raw) => raw.unread === true)).toBe(true);
    expect(scan.raws.map((raw) => raw.digest)).toEqual(scan.raws.map((raw) => ids[raw.file]));
    const [channel, , staff] = scan.raws;
    scan.fetch([channel!, staff!]);
    expect(scan.raws.map((raw) => [raw.file, raw.unread])).toEqual([
      ["channel.yaml", false],
      ["branches/b1/branch.yaml", true],
      ["branches/b1/staff.yaml", false],
      ["branches/b2/branch.yaml", true],
    ]);
    for (const raw of scan.raws) expect(digestBytes(raw.bytes!)).toBe(raw.digest);
    expect(scan.raws.every((raw) => raw.unread === false)).toBe(true);
    expect(scan.findings).toEqual([]);
  });

  it("scanCommit's bytes are in shared memory, and a file let go reads its blob again when asked; identical files share it until both let go", () => {
    const s = scratchGit({}, { ...FILES, "branches/b2/staff.yaml": "staff: []\n" });
    scratches.push(s);
    commitAll(s.repo, "数据", "2012-03-01T09:00:00+08:00");
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const scan = scanCommit(repo, git(s.repo, ["rev-parse", "HEAD"]));
    scan.fetch(scan.raws);
    const byFile = (file: string) => scan.raws.find((raw) => raw.file === file)!;
    const [first, second, branch] = [byFile("branches/b1/staff.yaml"), byFile("branches/b2/staff.yaml"), byFile("branches/b1/branch.yaml")];
    expect(first.digest).toBe(second.digest);
    // The check's worker threads see them without a copy (parallel-check.ts `shared`).
    expect(branch.bytes!.buffer).toBeInstanceOf(SharedArrayBuffer);
    scan.letGo!(branch);
    expect(branch.unread).toBe(true);
    expect(Buffer.from(branch.bytes!).toString("utf8")).toBe("id: b1\nname: 一支行\n");
    expect(branch.unread).toBe(false);
    // One of two files of the same blob let go (twice): the other still holds the bytes.
    scan.letGo!(first);
    scan.letGo!(first);
    expect([first.unread, second.unread]).toEqual([false, false]);
    scan.letGo!(second);
    expect([first.unread, second.unread]).toEqual([true, true]);
    expect(Buffer.from(second.bytes!).toString("utf8")).toBe("staff: []\n");
    expect(scan.findings).toEqual([]);
  });

  it("a file too large to read is said so when it is fetched, and has no bytes", () => {
    const s = scratchGit({ "branches/b1/staff.yaml": `staff: []\n#${"x".repeat(MAX_FILE_BYTES)}\n` }, FILES);
    scratches.push(s);
    commitAll(s.repo, "数据", "2012-03-01T09:00:00+08:00");
    const repo = openGitRepository(s.root, gitEnv(s.home));
    const scan = scanCommit(repo, git(s.repo, ["rev-parse", "HEAD"]));
    scan.fetch(scan.raws);
    expect(scan.raws.find((raw) => raw.file === "branches/b1/staff.yaml")!.bytes).toBeNull();
    expect(scan.findings.map((f) => [f.code, f.file])).toEqual([["FILE_TOO_LARGE", "branches/b1/staff.yaml"]]);
  });

  it("uncommittedChanges takes a vouched digest for the file's bytes, and reads the file when there is none", () => {
    const { s, ids } = repository();
    writeFiles(s.root, { "branches/b1/staff.yaml": "staff: [] # 改\n" });
    const repo = openGitRepository(s.root, gitEnv(s.home));
    expect(uncommittedChanges(repo, undefined, () => null)).toEqual(["branches/b1/staff.yaml"]);
    // Vouched as the committed blob: not read, so not seen to differ (what the cache's identities are trusted for).
    expect(uncommittedChanges(repo, undefined, (file) => ids[file] ?? null)).toEqual([]);
    // Vouched as other bytes: changed, unread.
    expect(uncommittedChanges(repo, undefined, (file) => (file === "branches/b2/branch.yaml" ? "0".repeat(40) : null))).toEqual(["branches/b1/staff.yaml", "branches/b2/branch.yaml"]);
  });
});
