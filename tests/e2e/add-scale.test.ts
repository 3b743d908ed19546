/**
 * `add` reads the branch it writes into and the people index, not the whole repository (issue
 * 29), and still makes the ids and checks the entry as before: an id taken in another branch gets
 * a suffix, prospects go on from the repository's highest number, a referrer of another branch
 * resolves, and the person added is found by the next `log`.
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
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "channel-add-cache-"));
  temps.push(repo, cache);
  return { repo, env: { CHANNEL_CACHE_DIR: cache } };
}

const cli = (repo: string, env: Record<string, string>, args: string[]) => runCli([...args, "--data", repo, "--as-of", "2012-03-20", "--lang", "en"], { env });

/** The highest p-…-NNN number in every prospects.yaml of the repository. */
function highestProspectNumber(repo: string): number {
  let highest = 0;
  for (const branch of fs.readdirSync(path.join(repo, "branches"))) {
    const file = path.join(repo, "branches", branch, "prospects.yaml");
    if (!fs.existsSync(file)) continue;
    for (const m of fs.readFileSync(file, "utf8").matchAll(/^ {2}- id: p-(?:[a-z0-9-]*-)?(\d+)$/gm)) highest = Math.max(highest, Number(m[1]));
  }
  return highest;
}

describe("add at scale", () => {
  it("takes ids from the whole repository: a name another branch has gets a suffix, prospects go on from the highest number", () => {
    const { repo, env } = setup();
    // The index saved by a first run: the ids taken come from it, not from the files read.
    expect(cli(repo, env, ["log", "jia-ning", "--kind", "call"]).code).toBe(0);
    const staff = cli(repo, env, ["add", "staff", "孙丽", "--branch", "cmb-shekou", "--position", "clerk"]);
    expect(staff.code, staff.stderr).toBe(0);
    // sun-li is staff of cmb-chegongmiao.
    expect(staff.stdout.trim()).toBe("sun-li-2");
    const highest = highestProspectNumber(repo);
    const prospect = cli(repo, env, ["add", "prospect", "李先生", "--branch", "cmb-shekou", "--staff", "qian-jianguo"]);
    expect(prospect.code, prospect.stderr).toBe(0);
    expect(prospect.stdout.trim()).toBe(`p-li-${String(highest + 1).padStart(3, "0")}`);
    expect(runCli(["validate", "--data", repo, "--no-cache"]).code).toBe(0);
  });

  it("the person added is found by the next log, and the name now held twice narrows by --branch", () => {
    const { repo, env } = setup();
    expect(cli(repo, env, ["log", "jia-ning", "--kind", "call"]).code).toBe(0);
    expect(cli(repo, env, ["add", "staff", "孙丽", "--branch", "cmb-shekou", "--position", "clerk"]).code).toBe(0);
    const ambiguous = cli(repo, env, ["log", "孙丽", "--kind", "call"]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain("sun-li-2 @ cmb-shekou");
    const narrowed = cli(repo, env, ["log", "孙丽", "--kind", "call", "--branch", "cmb-shekou"]);
    expect(narrowed.code, narrowed.stderr).toBe(0);
    expect(fs.readFileSync(path.join(repo, "branches", "cmb-shekou", "activities.yaml"), "utf8")).toContain("with: [sun-li-2]");
  });

  it("refuses a referrer nobody in the repository is, suggesting a near one from the whole index", () => {
    const { repo, env } = setup();
    const result = cli(repo, env, ["add", "prospect", "李先生", "--branch", "cmb-shekou", "--staff", "qian-jianguoo"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("qian-jianguo");
    expect(fs.readFileSync(path.join(repo, "branches", "cmb-shekou", "prospects.yaml"), "utf8")).not.toContain("李先生");
  });
});
