/**
 * A branch folder without its branch.yaml (issue 14): the commands that work from the readable
 * files (followups, coverage, the exported lists) used to leave the whole folder out silently
 * and exit 0. The folder is named on stderr, as a file with errors is, and the exit code is 1.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, runCli, scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-nobranch-");

describe("a branch folder without branch.yaml", () => {
  const repo = scratch.keep(copyToTemp());
  fs.rmSync(path.join(repo, "branches", "cmb-dongmen", "branch.yaml"));
  const out = scratch.dir();

  it.each([
    ["followups", "--as-of", "2012-03-31"],
    ["followups", "--as-of", "2012-03-31", "--format", "json"],
    ["coverage"],
    ["show", "cmb-futian-center", "--as-of", "2012-03-31"],
    ["show", "cmb-dongmen", "--as-of", "2012-03-31"],
    ["export", "staff", "--out", path.join(out, "staff.csv")],
    ["export", "followups", "--as-of", "2012-03-31", "--out", path.join(out, "followups.csv")],
  ])("%s %s: names the missing file and exits 1", (...args) => {
    const result = runCli([...args, "--data", repo, "--lang", "en"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain("branches/cmb-dongmen/branch.yaml");
  });

  it("validate reports it with its code", () => {
    const result = runCli(["validate", "--data", repo, "--format", "json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("MISSING_BRANCH_FILE");
  });
});
