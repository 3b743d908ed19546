/**
 * `channel merge-driver %O %A %B %P` as git runs it: the result is written over %A; exit 0 for a
 * clean merge, 1 for conflicts. What it cannot merge by record goes to `git merge-file`, run
 * without the user's or the caller's git settings.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-merge-driver-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BASE = "activities:\n  - {date: 2012-03-01, kind: call, with: [a]}\n";

function driver(base: string, ours: string, theirs: string, file: string, env: Record<string, string> = {}) {
  fs.writeFileSync(path.join(dir, "O"), base);
  fs.writeFileSync(path.join(dir, "A"), ours);
  fs.writeFileSync(path.join(dir, "B"), theirs);
  const result = runCli(["merge-driver", "O", "A", "B", file], { cwd: dir, env: { HOME: dir, ...env } });
  return { ...result, merged: fs.readFileSync(path.join(dir, "A"), "utf8") };
}

describe("channel merge-driver", () => {
  test("two entries appended on two sides: both, in date order, exit 0, nothing printed", () => {
    const r = driver(BASE, BASE + "  - {date: 2012-03-05, kind: visit, with: [a], note: 甲}\n", BASE + "  - {date: 2012-03-04, kind: call, with: [a], note: 乙}\n", "branches/b1/activities.yaml");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.merged).toBe(BASE + "  - {date: 2012-03-04, kind: call, with: [a], note: 乙}\n  - {date: 2012-03-05, kind: visit, with: [a], note: 甲}\n");
  });

  test("a side that is not valid YAML: git's line merge (markers, exit 1), said in a sentence; the caller's git settings are not used", () => {
    // A setting in the caller's environment (diff3 style would add a ||||||| section) does not reach it: it runs outside any repository with GIT_* taken out.
    const r = driver(BASE, BASE + "  - {date: 2012-03-05, kind: visit}\n", BASE + "  - {date: [2012-03-04\n", "branches/b1/activities.yaml", { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "merge.conflictstyle", GIT_CONFIG_VALUE_0: "diff3" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("git's line merge");
    expect(r.merged).toContain("<<<<<<< ours");
    expect(r.merged).toContain(">>>>>>> theirs");
    expect(r.merged).not.toContain("|||||||");
  });

  test("a file that is not a branch data file: git's line merge, without a word", () => {
    const r = driver("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n", "notes/plan.yaml");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.merged).toBe("A\nb\nC\n");
  });

  test("the same field both ways: exit 1, the record between markers, and a sentence naming record and field", () => {
    const base = "prospects:\n  - id: p-1\n    name: 陈先生\n    next_followup: 2012-03-22\n";
    const r = driver(base, base.replace("03-22", "03-28"), base.replace("03-22", "03-26"), "data/branches/b1/prospects.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("both sides changed next_followup of p-1");
    expect(r.merged.match(/^<<<<<<< ours \(channel: p-1\)$/gm)).toHaveLength(1);
  });
});
