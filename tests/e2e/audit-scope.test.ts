/**
 * Issue 29: `audit` reads only the files it judges or computes with (channel.yaml,
 * departments.yaml, each branch's branch, staff and kpis files). A mistake in a branch's
 * activities, prospects or competitors is `validate`'s to report and no longer stops the audit;
 * one in staff.yaml still does. A sale's prospect is not looked up (prospects are not read), and
 * only uncommitted changes to the files read are named.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { commitAll, git, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { RECORDED_SETTINGS, recordedPerson, staffFile } from "../helpers/recorded-fixtures.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";

const BASE = {
  "channel.yaml": RECORDED_SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
  "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01")),
  // A sale naming a prospect that prospects.yaml does not hold: validate's UNKNOWN_REFERENCE.
  "branches/b1/kpis.yaml": "sales:\n  - {date: 2012-02-15, product: 长城2号, amount: 120万, prospect: p-nobody}\n",
  "branches/b1/prospects.yaml": "prospects:\n  - id: p-one\n    name: 客户一\n",
};

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
});

function channel(s: ScratchGit, args: string[], cache: "none" | "own" = "own"): CliResult {
  return runCli([...args, "--data", s.root, "--lang", "en", ...(cache === "none" ? ["--no-cache"] : [])], {
    env: { ...gitEnv(s.home), CHANNEL_CACHE_DIR: path.join(s.home, "cache") },
  });
}

/** The base data committed on 2012-02-01, with `files` over it. */
function committed(files: Record<string, string>): ScratchGit {
  const s = scratchGit(files, BASE);
  scratches.push(s);
  commitAll(s.repo, "备案", "2012-02-01T18:00:00+08:00");
  return s;
}

const AUDIT = ["audit", "--as-of", "2012-04-30", "--format", "json"];

describe("audit reads only the money records' files (issue 29)", () => {
  it("an error in activities.yaml, prospects.yaml or competitors.yaml at the as-of commit does not stop it; cold, warm and without a cache alike", () => {
    const s = committed({
      "branches/b1/activities.yaml": "activities: [\n",
      "branches/b1/prospects.yaml": "prospects:\n  - id: P ONE\n",
      "branches/b1/competitors.yaml": "competitors: 7\n",
    });
    // validate still judges those files (and kpis.yaml's sale of a prospect it cannot find).
    const validation = channel(s, ["validate", "--format", "json"]);
    expect(validation.code).toBe(1);
    const codes = (JSON.parse(validation.stdout) as { diagnostics: { file: string; severity: string }[] }).diagnostics.filter((f) => f.severity === "error").map((f) => f.file);
    expect(new Set(codes)).toEqual(new Set(["branches/b1/activities.yaml", "branches/b1/competitors.yaml", "branches/b1/kpis.yaml", "branches/b1/prospects.yaml"]));

    const warm = channel(s, AUDIT);
    const cold = channel(s, AUDIT, "none");
    for (const result of [warm, cold]) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
    }
    expect(warm.stdout).toBe(cold.stdout);
    const out = JSON.parse(cold.stdout) as { records: { record: string; file: string }[]; findings: { code: string }[] };
    expect(out.records.map((r) => r.file).sort()).toEqual(["branches/b1/kpis.yaml", "branches/b1/staff.yaml", "branches/b1/staff.yaml"]);
  });

  it("an error in staff.yaml at the as-of commit still stops it (exit 1), naming the file", () => {
    const s = committed({ "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 员工a\n    position: astronaut\n" });
    const result = channel(s, AUDIT);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("branches/b1/staff.yaml");
    expect(result.stderr).toContain("2012-02-01 18:00:00");
  });

  it("a sale's prospect is not looked up: no UNKNOWN_REFERENCE and no REFERENCES_NOT_CHECKED", () => {
    const s = committed({});
    const validation = channel(s, ["validate", "--format", "json"]);
    expect(validation.code).toBe(1);
    expect((JSON.parse(validation.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((f) => f.code)).toContain("UNKNOWN_REFERENCE");
    const result = channel(s, AUDIT);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/UNKNOWN_REFERENCE|REFERENCES_NOT_CHECKED/);
  });

  it("names only uncommitted changes to the files it reads", () => {
    const s = committed({ "branches/b1/activities.yaml": "activities: []\n" });
    writeFiles(s.root, { "branches/b1/activities.yaml": "activities: [\n", "branches/b1/notes.txt": "草稿\n" });
    const untouched = channel(s, AUDIT);
    expect(untouched.code).toBe(0);
    expect(untouched.stderr).toBe("");
    expect(JSON.parse(untouched.stdout).as_recorded.uncommitted_changes_ignored).toBe(false);

    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("z", null, null)) });
    const changed = channel(s, AUDIT);
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout).as_recorded.uncommitted_changes_ignored).toBe(true);
    expect(changed.stderr).toContain("uncommitted changes were ignored (1 file(s): branches/b1/staff.yaml)");
  });

  it("after a validate, reads neither the blobs the cache checked, nor the other files' checks, nor the files it vouches for, and still names a file changed since", () => {
    const s = committed({});
    const plain = channel(s, AUDIT, "none");
    expect(plain.code).toBe(0);
    // The cache trusts a file's identity only once it has settled (2 s: coarse file-system clocks).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_100);
    // (1: the base's sale names a prospect prospects.yaml lacks; the cache is written all the same.)
    expect(channel(s, ["validate"]).code).toBe(1);
    // The staff file's blob removed from the repository: an audit that read it could not go on.
    const blob = git(s.repo, ["rev-parse", "HEAD:branches/b1/staff.yaml"]);
    fs.rmSync(path.join(s.repo, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
    expect(channel(s, AUDIT, "none").code).not.toBe(0);
    // And the cache's list of the other files' checks removed: the audit does not read it.
    const cacheDir = path.join(s.home, "cache");
    const rest = fs.readdirSync(cacheDir, { recursive: true, encoding: "utf8" }).filter((name) => path.basename(name) === "files-rest.json");
    expect(rest).toHaveLength(1);
    fs.rmSync(path.join(cacheDir, rest[0]!));
    const warm = channel(s, AUDIT);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toBe(plain.stdout);
    expect(warm.stderr).toBe("");
    // A file changed since the validate is read (its identity is not the cache's) and named.
    writeFiles(s.root, { "branches/b1/branch.yaml": "id: b1\nname: 福田支行（改）\ndepartment: d1\n" });
    const changed = channel(s, AUDIT);
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain("uncommitted changes were ignored (1 file(s): branches/b1/branch.yaml)");
  });

  it("run again with no validate between, reads none of the blobs it checked the first time (it keeps their checks)", () => {
    const s = committed({});
    const first = channel(s, AUDIT);
    expect(first.code).toBe(0);
    // Only the list of the audited kinds is written: the other kinds were not read.
    const cacheDir = path.join(s.home, "cache");
    const lists = fs.readdirSync(cacheDir, { recursive: true, encoding: "utf8" }).map((name) => path.basename(name)).filter((name) => name.startsWith("files"));
    expect(lists).toEqual(["files-audited.json"]);
    // Every audited file's blob removed: a run that read any of them could not go on.
    for (const file of ["channel.yaml", "departments.yaml", "branches/b1/branch.yaml", "branches/b1/staff.yaml", "branches/b1/kpis.yaml"]) {
      const blob = git(s.repo, ["rev-parse", `HEAD:${file}`]);
      fs.rmSync(path.join(s.repo, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
    }
    expect(channel(s, AUDIT, "none").code).not.toBe(0);
    const again = channel(s, AUDIT);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
    expect(again.stdout).toBe(first.stdout);
  });

  it("an audit of an earlier commit leaves the cache right for the work tree: validate and followups say what they say without a cache", () => {
    const s = committed({ "branches/b1/prospects.yaml": "prospects:\n  - id: p-nobody\n    name: 客户甲\n" });
    // The work tree moves on: a person added and the branch renamed, committed on 2012-05-10.
    writeFiles(s.root, {
      "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", null, null)),
      "branches/b1/branch.yaml": "id: b1\nname: 福田支行（新）\ndepartment: d1\n",
    });
    commitAll(s.repo, "五月", "2012-05-10T18:00:00+08:00");
    // The cache trusts a file's identity only once it has settled (2 s), and vouches for it then.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_100);
    // A validate first (the work tree's checks cached), then the audit of the February commit,
    // whose staff.yaml and branch.yaml are not the work tree's.
    expect(channel(s, ["validate"]).code).toBe(0);
    expect(channel(s, AUDIT).code).toBe(0);
    // Another file changes, so that the next run cannot answer from its cached result and looks
    // each file up in the cache's lists, where staff.yaml and branch.yaml are now the commit's.
    fs.appendFileSync(path.join(s.root, "branches", "b1", "prospects.yaml"), "# 改\n");
    for (const command of [["validate", "--format", "json"], ["followups", "--as-of", "2012-05-11", "--format", "json"], ["bonus", "--as-of", "2012-05-11", "--format", "json"]]) {
      const warm = channel(s, command);
      const plain = channel(s, command, "none");
      expect(warm.code).toBe(plain.code);
      expect(warm.stdout).toBe(plain.stdout);
    }
    // The work tree's files, not the audited commit's: the person added in May has follow-ups.
    expect(channel(s, ["followups", "--as-of", "2012-05-11", "--format", "json"]).stdout).toContain("员工b");
  });
});

