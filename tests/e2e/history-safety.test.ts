/**
 * Issue 28: `--as-recorded` and `audit` read a repository that may come from the party being
 * audited. Reading its history must run none of its programs (fsmonitor hook, clean filters,
 * gpg via log.showSignature), must read what was committed (replace refs and grafts ignored),
 * and must not be pointed elsewhere by the environment (GIT_DIR). Committer times that go
 * backwards on the main line are reported.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { commitAll, git, gitEnv, scratchGit, type ScratchGit } from "../helpers/git.js";
import { writeFilesInto as writeFiles } from "../helpers/repo.js";

const SETTINGS = `version: 1
organisation: 长城证券
timezone: Asia/Shanghai
bonus:
  start: 2012-02-01
  deadline: 2012-03-31
  amount: 1000
  per_branch_cap: 5
  total_cap: 100
  eligible_positions: [wealth_manager]
  asset_min: 2万
  fund_min: 2万
  products: [长城2号]
`;

const BASE = {
  "channel.yaml": SETTINGS,
  "departments.yaml": "departments:\n  - id: d1\n    name: 深圳福田营业部\n",
  "branches/b1/branch.yaml": "id: b1\nname: 福田支行\ndepartment: d1\n",
};

function person(id: string, at: string | null): string {
  return `  - id: ${id}\n    name: 员工${id}\n    position: wealth_manager\n    hq_registered: 2012-02-01\n` + (at === null ? "" : `    conversion: {kind: asset, amount: 5万, at: ${at}}\n`);
}
const staffFile = (...people: string[]) => `staff:\n${people.join("")}`;

const scratches: ScratchGit[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) fs.rmSync(s.home, { recursive: true, force: true });
});

function newRepo(files: Record<string, string>): ScratchGit {
  const scratch = scratchGit(files, BASE);
  scratches.push(scratch);
  return scratch;
}

function channel(scratch: ScratchGit, args: string[], env: Record<string, string> = {}): CliResult {
  return runCli([...args, "--data", scratch.root, "--lang", "en"], { env: { ...gitEnv(scratch.home), ...env } });
}

/** a converted on time (committed 3/01), b typed in on 4/15 with a February conversion. */
function lateConversionRepo(): { s: ScratchGit; onTime: string; late: string } {
  const s = newRepo({ "branches/b1/staff.yaml": staffFile(person("a", "2012-02-20 10:00")) });
  const onTime = commitAll(s.repo, "按时", "2012-03-01T09:00:00+08:00");
  writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(person("a", "2012-02-20 10:00"), person("b", "2012-02-21 10:00")) });
  const late = commitAll(s.repo, "补录", "2012-04-15T10:00:00+08:00");
  return { s, onTime, late };
}

const findingsOf = (result: CliResult) => {
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { findings: { code: string; record: string }[] }).findings.map((f) => [f.code, f.record]);
};

describe("reading history runs none of the repository's programs", () => {
  it("core.fsmonitor and a clean filter that leave a marker: the marker never appears, and uncommitted changes are still noticed", () => {
    const { s } = lateConversionRepo();
    const marker = path.join(s.home, "ran");
    const script = path.join(s.home, "evil.sh");
    fs.writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`, { mode: 0o755 });
    git(s.repo, ["config", "core.fsmonitor", script]);
    git(s.repo, ["config", "filter.evil.clean", script]);
    git(s.repo, ["config", "filter.evil.smudge", script]);
    git(s.repo, ["config", "log.showSignature", "true"]);
    git(s.repo, ["config", "gpg.program", script]);
    fs.mkdirSync(path.join(s.repo, ".git", "info"), { recursive: true });
    fs.writeFileSync(path.join(s.repo, ".git", "info", "attributes"), "* filter=evil\n");
    // A changed file (its stat no longer matches the index) is what status would filter.
    fs.appendFileSync(path.join(s.root, "branches/b1/staff.yaml"), "# 改动\n");
    fs.rmSync(marker, { force: true });

    const bonus = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]);
    expect(bonus.code, bonus.stderr).toBe(0);
    expect(bonus.stderr).toContain("uncommitted changes were ignored (1 file(s): branches/b1/staff.yaml)");
    const audit = channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]);
    expect(audit.code, audit.stderr).toBe(0);
    expect(fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : "").toBe("");
  });

  it("log.showSignature=true in the user's own gitconfig, on signed commits: --as-recorded and audit work", () => {
    const { s } = lateConversionRepo();
    // A signed HEAD (the signature need not verify: git asks gpg and prints what it says).
    const raw = git(s.repo, ["cat-file", "commit", "HEAD"]);
    const [header, ...body] = raw.split("\n\n");
    const signed = `${header}\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n${body.join("\n\n")}\n`;
    fs.writeFileSync(path.join(s.home, "commit.txt"), signed);
    git(s.repo, ["update-ref", "HEAD", git(s.repo, ["hash-object", "-t", "commit", "-w", path.join(s.home, "commit.txt")])]);
    const gpg = path.join(s.home, "gpg.sh");
    fs.writeFileSync(gpg, "#!/bin/sh\necho 'gpg: Signature made Sun 15 Apr 2012 10:00:00 CST' >&2\necho 'gpg: Good signature' >&2\nexit 0\n", { mode: 0o755 });
    fs.writeFileSync(path.join(s.home, ".gitconfig"), `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${gpg}\n`);
    expect(git(s.repo, ["log", "-1", "--format=%ct"])).toContain("gpg:");
    const bonus = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]);
    expect(bonus.code, bonus.stderr).toBe(0);
    expect(JSON.parse(bonus.stdout).candidates.map((c: { staff: string }) => c.staff)).toEqual(["a"]);
    expect(findingsOf(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]))).toContainEqual(["recorded_after_deadline", "b.conversion"]);
  });
});

describe("what was committed is what is read", () => {
  it("a replace ref that backdates the late commit is ignored: the late conversion is still found", () => {
    const { s, onTime, late } = lateConversionRepo();
    const tree = git(s.repo, ["rev-parse", `${late}^{tree}`]);
    const forged = git(s.repo, ["commit-tree", tree, "-p", onTime, "-m", "补录"], { GIT_COMMITTER_DATE: "2012-03-02T09:00:00+08:00", GIT_AUTHOR_DATE: "2012-03-02T09:00:00+08:00" });
    git(s.repo, ["replace", late, forged]);
    expect(git(s.repo, ["log", "-1", "--format=%ci", "HEAD"])).toContain("2012-03-02");

    expect(findingsOf(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]))).toContainEqual(["recorded_after_deadline", "b.conversion"]);
    const bonus = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-03-31", "--format", "json"]);
    expect(bonus.code, bonus.stderr).toBe(0);
    expect(JSON.parse(bonus.stdout).candidates.map((c: { staff: string }) => c.staff)).toEqual(["a"]);
  });

  it("a graft that gives the late commit a backdated parent holding the same records is ignored", () => {
    const { s, onTime, late } = lateConversionRepo();
    const tree = git(s.repo, ["rev-parse", `${late}^{tree}`]);
    const forged = git(s.repo, ["commit-tree", tree, "-p", onTime, "-m", "伪造"], { GIT_COMMITTER_DATE: "2012-03-02T09:00:00+08:00", GIT_AUTHOR_DATE: "2012-03-02T09:00:00+08:00" });
    fs.writeFileSync(path.join(s.repo, ".git", "info", "grafts"), `${late} ${forged}\n`);
    expect(findingsOf(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]))).toContainEqual(["recorded_after_deadline", "b.conversion"]);
  });

  it("GIT_DIR (and GIT_WORK_TREE) in the environment pointing at another repository are ignored", () => {
    const { s } = lateConversionRepo();
    const other = newRepo({ "branches/b1/staff.yaml": staffFile(person("z", "2012-02-20 10:00")) });
    commitAll(other.repo, "别处", "2012-03-01T09:00:00+08:00");
    const env = { GIT_DIR: path.join(other.repo, ".git"), GIT_WORK_TREE: other.repo, GIT_INDEX_FILE: path.join(other.repo, ".git", "index") };
    const bonus = channel(s, ["bonus", "--as-recorded", "--as-of", "2012-04-30", "--format", "json"], env);
    expect(bonus.code, bonus.stderr).toBe(0);
    expect(JSON.parse(bonus.stdout).candidates.map((c: { staff: string }) => c.staff)).toEqual(["a", "b"]);
    expect(findingsOf(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"], env))).toContainEqual(["recorded_after_deadline", "b.conversion"]);
  });
});

describe("audit: committer times that go backwards", () => {
  it("a HEAD dated 1970 on top of 2012 commits is a finding (committer_time_backwards), in JSON and in Chinese", () => {
    const { s, late } = lateConversionRepo();
    writeFiles(s.root, { "branches/b1/staff.yaml": staffFile(person("a", "2012-02-20 10:00"), person("b", "2012-02-21 10:00"), person("c", "2012-02-22 10:00")) });
    const backdated = commitAll(s.repo, "时钟回拨", "1970-01-02T00:00:00+08:00");
    const audit = channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"]);
    expect(audit.code, audit.stderr).toBe(0);
    const found = (JSON.parse(audit.stdout) as { findings: { code: string; record: string; commit: string | null; first_committed: string | null; detail: string }[] }).findings;
    const backwards = found.filter((f) => f.code === "committer_time_backwards");
    expect(backwards).toHaveLength(1);
    expect(backwards[0]).toMatchObject({ record: `commit ${backdated.slice(0, 12)}`, commit: backdated, first_committed: "1970-01-02T00:00:00" });
    expect(backwards[0]!.detail).toContain(late.slice(0, 12));
    const zh = runCli(["audit", "--as-of", "2012-04-30", "--data", s.root, "--lang", "zh"], { env: gitEnv(s.home) });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("提交时间倒退");
  });

  it("times that grow (or stay equal) give no such finding", () => {
    const { s } = lateConversionRepo();
    commitAll(s.repo, "同一时刻", "2012-04-15T10:00:00+08:00");
    expect(findingsOf(channel(s, ["audit", "--as-of", "2012-04-30", "--format", "json"])).map(([code]) => code)).not.toContain("committer_time_backwards");
  });
});
