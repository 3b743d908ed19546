/**
 * Issue 29: `audit` checks each file (path and git blob) once per run and shares that check
 * between the as-of commit, the deadline's commit and the history's walk. On a history where
 * only some files change between the two checkpoints, the findings are those the records call
 * for, and the same cold (no cache), warm (the work tree's cache holds the files) and without
 * a cache; a deadline commit that is the as-of commit is read once and gives no award change.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { commitAll, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { RECORDED_SETTINGS, recordedPerson, staffFile } from "../helpers/recorded-fixtures.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";


const BASE = {
  "channel.yaml": RECORDED_SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n  - id: d2\n    name: 深圳南山营业部\n    am_covered: true\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
  "branches/b2/branch.yaml": "id: b2\nname: 南山支行\ndepartment: d2\nhq_reported: 2012-02-01\n",
  "branches/b3/branch.yaml": "id: b3\nname: 车公庙支行\ndepartment: d1\n",
};



const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
});

function channel(s: ScratchGit, args: string[], cache: "none" | "own" = "own", lang = "en"): CliResult {
  return runCli([...args, "--data", s.root, "--lang", lang, ...(cache === "none" ? ["--no-cache"] : [])], {
    env: { ...gitEnv(s.home), CHANNEL_CACHE_DIR: path.join(s.home, "cache") },
  });
}

type Finding = { code: string; record: string; file: string; claimed: string; first_committed: string | null; commit: string | null; detail: string };
type Record = { record: string; file: string; first_committed: string | null; commit: string | null };

/**
 * b1's staff.yaml changes after the deadline (a conversion typed in late); b2 (report and sale)
 * and b3 (a conversion) were committed long before and do not change after; b3's kpis.yaml is
 * broken at the deadline and mended after it.
 */
function history(withLate = true): { s: ScratchGit; first: string; late: string } {
  const s = scratchGit(
    {
      "branches/b1/staff.yaml": staffFile(recordedPerson("a", null, "2012-02-01"), recordedPerson("b", null, "2012-02-01"), recordedPerson("c", null, "2012-02-01")),
      "branches/b2/kpis.yaml": "sales:\n  - {date: 2012-02-15, product: 长城2号, amount: 120万}\n",
      "branches/b3/staff.yaml": staffFile(recordedPerson("d", "2012-02-20 10:00", "2012-02-01")),
    },
    BASE,
  );
  scratches.push(s);
  const first = commitAll(s.repo, "备案", "2012-02-01T18:00:00+08:00");
  writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01"), recordedPerson("c", null, "2012-02-01")) });
  commitAll(s.repo, "二月转化", "2012-02-22T18:00:00+08:00");
  writeFiles(s.root, { "branches/b3/kpis.yaml": "sales: [\n" });
  commitAll(s.repo, "三月", "2012-03-20T18:00:00+08:00");
  if (!withLate) return { s, first, late: "" };
  writeFiles(s.root, {
    "branches/b1/staff.yaml": staffFile(recordedPerson("a", "2012-02-20 10:00", "2012-02-01"), recordedPerson("b", "2012-02-21 10:00", "2012-02-01"), recordedPerson("c", "2012-02-10 09:00", "2012-02-01")),
    "branches/b3/kpis.yaml": "sales: []\n",
    "channel.yaml": `${RECORDED_SETTINGS}# 四月修改\n`,
  });
  const late = commitAll(s.repo, "补录", "2012-04-15T10:00:00+08:00");
  return { s, first, late };
}

function audit(s: ScratchGit, asOf: string, cache: "none" | "own"): { findings: Finding[]; records: Record[]; stdout: string; stderr: string } {
  const result = channel(s, ["audit", "--as-of", asOf, "--format", "json"], cache);
  expect(result.code).toBe(0);
  const out = JSON.parse(result.stdout);
  return { findings: out.findings, records: out.records, stdout: result.stdout, stderr: result.stderr };
}

describe("audit reads each file once per run (issue 29)", () => {
  it("only some files change between the deadline's commit and the as-of commit: the findings they call for, cold, warm and without a cache alike", () => {
    const { s, first, late } = history();
    const cold = audit(s, "2012-04-30", "own");
    expect(cold.findings.map((f) => [f.code, f.record])).toEqual([
      ["recorded_after_deadline", "c.conversion"],
      ["award_changed", "b.conversion"],
      ["award_changed", "c.conversion"],
    ]);
    expect(cold.findings[0]).toMatchObject({ file: "branches/b1/staff.yaml", first_committed: "2012-04-15T10:00:00", commit: late });
    expect(cold.findings[1]!.detail).toBe("as recorded on the deadline 2012-03-31: awarded; now: rejected (branch_cap_reached)");
    // The broken file of the deadline's commit is checked there (it is a blob of its own), named, and left out.
    expect(cold.stderr).toContain("branches/b3/kpis.yaml");
    // Files that did not change after their first commit keep it, though their check was shared.
    const byRecord = new Map(cold.records.map((r) => [r.record, r]));
    expect(byRecord.get("d.conversion")).toMatchObject({ file: "branches/b3/staff.yaml", first_committed: "2012-02-01T18:00:00", commit: first });
    expect(byRecord.get("b2.hq_reported")).toMatchObject({ first_committed: "2012-02-01T18:00:00", commit: first });
    expect(byRecord.get("b2.sales[2012-02-15 长城2号 1200000]")).toMatchObject({ first_committed: "2012-02-01T18:00:00", commit: first });
    expect(byRecord.get("a.conversion")).toMatchObject({ first_committed: "2012-02-22T18:00:00" });

    // Warm: the work tree's cache holds the as-of commit's files (HEAD is the as-of commit).
    expect(channel(s, ["validate"]).code).toBe(0);
    const warm = audit(s, "2012-04-30", "own");
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toBe(cold.stderr);
    const uncached = audit(s, "2012-04-30", "none");
    expect(uncached.stdout).toBe(cold.stdout);
    expect(uncached.stderr).toBe(cold.stderr);
  });

  it("a deadline commit that is the as-of commit is read once: no award changes, and the same records as a later as-of day's", () => {
    const { s, first } = history(false);
    // 2012-04-10: the last commit by then is the deadline's own (2012-03-20), whose kpis.yaml is broken.
    const result = channel(s, ["audit", "--as-of", "2012-04-10", "--format", "json"]);
    // As of that day the data is invalid: refused, as before (exit 1), naming the commit.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("branches/b3/kpis.yaml");

    // Mend the file in a commit before the deadline: the deadline's commit is then the as-of commit.
    writeFiles(s.root, { "branches/b3/kpis.yaml": "sales: []\n" });
    commitAll(s.repo, "修好", "2012-03-25T18:00:00+08:00");
    const same = audit(s, "2012-03-31", "own");
    const sameLater = audit(s, "2012-04-10", "own");
    expect(sameLater.findings.filter((f) => f.code === "award_changed")).toEqual([]);
    expect(sameLater.stderr).toBe("");
    expect(sameLater.records).toEqual(same.records);
    expect(new Map(sameLater.records.map((r) => [r.record, r])).get("d.conversion")).toMatchObject({ commit: first });
    expect(audit(s, "2012-04-10", "none").stdout).toBe(sameLater.stdout);
  });
});
