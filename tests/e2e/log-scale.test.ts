/**
 * `log` reads the branches it may write into and the people index, not the whole repository
 * (issue 29), and still checks the files it writes as `validate` would: a reference to someone
 * in another branch resolves, an id an earlier branch already uses is a duplicate, and a person
 * added elsewhere after the index was saved is found.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyToTemp, runCli } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function setup(): { repo: string; env: Record<string, string> } {
  const repo = copyToTemp();
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "channel-log-cache-"));
  temps.push(repo, cache);
  return { repo, env: { CHANNEL_CACHE_DIR: cache } };
}

const log = (repo: string, env: Record<string, string>, args: string[]) => runCli(["log", ...args, "--data", repo, "--as-of", "2012-03-20", "--lang", "en"], { env });

describe("log at scale", () => {
  it("writes into a branch whose activities name a person of another branch, cold and warm", () => {
    const { repo, env } = setup();
    const file = path.join(repo, "branches", "cmb-dongmen", "activities.yaml");
    // sun-li is staff of cmb-chegongmiao.
    fs.appendFileSync(file, "  - {date: 2012-03-01, kind: visit, with: [sun-li], by: 陈静}\n");
    expect(runCli(["validate", "--data", repo, "--no-cache"]).code).toBe(0);
    const cold = log(repo, env, ["xiao-gang", "--kind", "call"]);
    expect(cold.code, cold.stderr).toBe(0);
    const warm = log(repo, env, ["xiao-gang", "--kind", "call"]);
    expect(warm.code, warm.stderr).toBe(0);
    expect(fs.readFileSync(file, "utf8").match(/with: \[xiao-gang\]/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses --next into a prospects.yaml holding an id an earlier branch uses (DUPLICATE_ID), as validate reports it", () => {
    const { repo, env } = setup();
    const prospects = path.join(repo, "branches", "cmb-dongmen", "prospects.yaml");
    const text = fs.readFileSync(prospects, "utf8");
    const first = /^  - id: (\S+)/m.exec(text)![1]!;
    // p-lin-007 is a prospect of cmb-chegongmiao, a branch before cmb-dongmen.
    fs.writeFileSync(prospects, text.replace(/(^  - id: \S+\n(?:    .*\n)*)/m, "$1  - id: p-lin-007\n    name: 重复\n    tier: basic\n"));
    const validate = runCli(["validate", "--data", repo, "--no-cache", "--format", "json"]);
    const codes = (JSON.parse(validate.stdout) as { diagnostics: { code: string; file: string }[] }).diagnostics.map((d) => [d.code, d.file]);
    expect(codes).toContainEqual(["DUPLICATE_ID", "branches/cmb-dongmen/prospects.yaml"]);
    const result = log(repo, env, [first, "--kind", "call", "--next", "2012-04-01"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("branches/cmb-dongmen/prospects.yaml");
  });

  it("finds a person added to a branch after the index was saved", async () => {
    const { repo, env } = setup();
    expect(log(repo, env, ["xiao-gang", "--kind", "call"]).code).toBe(0);
    const staff = path.join(repo, "branches", "cmb-houhai", "staff.yaml");
    fs.appendFileSync(staff, "  - id: new-person-x\n    name: 新同事\n    position: channel_manager\n    joined: 2012-01-01\n");
    const found = log(repo, env, ["新同事", "--kind", "call"]);
    expect(found.code, found.stderr).toBe(0);
    expect(fs.readFileSync(path.join(repo, "branches", "cmb-houhai", "activities.yaml"), "utf8")).toContain("with: [new-person-x]");
  });

  it("suggests a near name for an unknown person from the whole index", () => {
    const { repo, env } = setup();
    const result = log(repo, env, ["sun-lii", "--kind", "call"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("sun-li");
  });

  // Issue 29, the index in buckets: what was changed by hand since it was saved is seen as validate would see it.
  it("a person of the same name added by hand to another branch after the index was saved makes the name ambiguous", () => {
    const { repo, env } = setup();
    expect(log(repo, env, ["孙丽", "--kind", "call"]).code).toBe(0);
    fs.appendFileSync(path.join(repo, "branches", "cmb-shekou", "staff.yaml"), "  - id: sun-li-2\n    name: 孙丽\n    position: clerk\n");
    const result = log(repo, env, ["孙丽", "--kind", "call"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("sun-li @ cmb-chegongmiao");
    expect(result.stderr).toContain("sun-li-2 @ cmb-shekou");
  });

  it("a person removed by hand after the index was saved is not found", () => {
    const { repo, env } = setup();
    expect(log(repo, env, ["jia-ning", "--kind", "call"]).code).toBe(0);
    const staff = path.join(repo, "branches", "cmb-shekou", "staff.yaml");
    const text = fs.readFileSync(staff, "utf8");
    fs.writeFileSync(staff, text.slice(0, text.indexOf("  - id: jia-ning")));
    const result = log(repo, env, ["jia-ning", "--kind", "call"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no staff member or prospect jia-ning");
  });

  it("refuses --next when an earlier branch was given one of the branch's prospect ids by hand after the index was saved (DUPLICATE_ID)", () => {
    const { repo, env } = setup();
    expect(log(repo, env, ["p-qiu-029", "--kind", "call", "--next", "2012-04-01"]).code).toBe(0);
    fs.appendFileSync(path.join(repo, "branches", "cmb-chegongmiao", "prospects.yaml"), "  - id: p-zeng-030\n    name: 重复\n    tier: basic\n");
    const validate = runCli(["validate", "--data", repo, "--no-cache", "--format", "json"]);
    const codes = (JSON.parse(validate.stdout) as { diagnostics: { code: string; file: string }[] }).diagnostics.map((d) => [d.code, d.file]);
    expect(codes).toContainEqual(["DUPLICATE_ID", "branches/cmb-dongmen/prospects.yaml"]);
    const result = log(repo, env, ["p-qiu-029", "--kind", "call", "--next", "2012-04-08"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("branches/cmb-dongmen/prospects.yaml");
  });
});
