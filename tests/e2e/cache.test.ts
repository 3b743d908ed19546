/**
 * The cache changes nothing but speed: the same output with and without it, after an edit,
 * and whatever has happened to the cache files.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyPackage, copyToTemp, DATA_EXAMPLE, runCli, runPackageCopy, scratchFolders } from "../helpers/cli.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function listTree(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

const COMMANDS = [
  ["validate", "--format", "json"],
  ["followups", "--as-of", "2012-03-20", "--format", "json"],
  ["bonus", "--as-of", "2012-03-31", "--format", "json"],
  ["expenses", "--as-of", "2012-03-31", "--format", "csv"],
];

describe("the cache", () => {
  it("gives byte-identical output cold, warm and without a cache, and stays out of the repository", () => {
    const repo = copyToTemp();
    temps.push(repo);
    const cacheDir = tempDir("channel-cache-");
    const untouched = tempDir("channel-cache-");
    const before = listTree(repo);
    for (const args of COMMANDS) {
      const plain = runCli([...args, "--data", repo, "--no-cache", "--lang", "zh"], { env: { CHANNEL_CACHE_DIR: untouched } });
      expect(listTree(untouched)).toEqual([]);
      const cold = runCli([...args, "--data", repo, "--lang", "zh"], { env: { CHANNEL_CACHE_DIR: cacheDir } });
      const warm = runCli([...args, "--data", repo, "--lang", "zh"], { env: { CHANNEL_CACHE_DIR: cacheDir } });
      expect(plain.code).toBe(0);
      expect(cold).toEqual(plain);
      expect(warm).toEqual(plain);
    }
    expect(listTree(cacheDir).length).toBeGreaterThan(0);
    expect(listTree(repo)).toEqual(before);
  });

  it("sees an edit made after the cache was filled", () => {
    const repo = copyToTemp();
    temps.push(repo);
    const env = { CHANNEL_CACHE_DIR: tempDir("channel-cache-") };
    expect(runCli(["validate", "--data", repo], { env }).code).toBe(0);
    const file = path.join(repo, "branches", "cmb-dongmen", "staff.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("position: branch_head", "position: branch_hed"));
    const result = runCli(["validate", "--data", repo, "--format", "json"], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["INVALID_POSITION"]);
  });

  it("keeps the files' checks in two lists (the audit's kinds and the rest), and removes the one list of earlier versions", () => {
    const repo = copyToTemp();
    temps.push(repo);
    const cacheDir = tempDir("channel-cache-");
    const env = { CHANNEL_CACHE_DIR: cacheDir };
    expect(runCli(["validate", "--data", repo], { env }).code).toBe(0);
    const folder = path.join(cacheDir, fs.readdirSync(cacheDir)[0]!);
    // What a version before kept: one list of every file's checks.
    fs.writeFileSync(path.join(folder, "files.json"), "an earlier version's list\n");
    fs.appendFileSync(path.join(repo, "branches", "cmb-dongmen", "activities.yaml"), "# 改\n");
    expect(runCli(["validate", "--data", repo], { env }).code).toBe(0);
    const lists = fs.readdirSync(folder).filter((name) => name.startsWith("files"));
    expect(lists.sort()).toEqual(["files-audited.json", "files-rest.json"]);
  });

  it("is not fooled by damaged, truncated or foreign cache files", () => {
    const repo = copyToTemp();
    const other = copyToTemp();
    temps.push(repo, other);
    const file = path.join(other, "branches", "cmb-dongmen", "staff.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("position: branch_head", "position: branch_hed"));
    const cacheDir = tempDir("channel-cache-");
    const env = { CHANNEL_CACHE_DIR: cacheDir };
    const expected = runCli(["validate", "--data", repo, "--format", "json", "--no-cache"], { env }).stdout;
    runCli(["validate", "--data", repo], { env });
    runCli(["validate", "--data", other], { env });
    const [mine, theirs] = fs.readdirSync(cacheDir).map((d) => path.join(cacheDir, d));
    const cacheFiles = (dir: string) => fs.readdirSync(dir).map((f) => path.join(dir, f));

    const damage: ((text: string) => string)[] = [
      (text) => text.slice(0, text.length / 2),
      (text) => text.replace(/"INVALID_POSITION"|"wang-fang"/, '"XXXXXXXXXXXXXXXX"'),
      () => "not json at all",
      () => "",
    ];
    for (const harm of damage) {
      for (const dir of [mine!, theirs!]) for (const f of cacheFiles(dir)) fs.writeFileSync(f, harm(fs.readFileSync(f, "utf8")));
      expect(runCli(["validate", "--data", repo, "--format", "json"], { env }).stdout).toBe(expected);
    }
    // Another repository's cache put in this one's place.
    runCli(["validate", "--data", other], { env });
    for (const dir of [mine!, theirs!]) {
      for (const f of cacheFiles(theirs!)) fs.copyFileSync(f, path.join(dir, path.basename(f)));
    }
    expect(runCli(["validate", "--data", repo, "--format", "json"], { env }).stdout).toBe(expected);
  });
});

describe("the cache and the build", () => {
  const scratch = scratchFolders("channel-build-");

  /** The salt in the header of each cache file of the package copy's cache folder. */
  function salts(dir: string): string[] {
    const cacheRoot = path.join(dir, "data-cache");
    return fs
      .readdirSync(cacheRoot, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => (JSON.parse(fs.readFileSync(path.join(cacheRoot, name), "utf8").split("\n")[0]!) as { salt: string }).salt);
  }

  it("does not read back what another build of the same version cached", () => {
    const dir = copyPackage(scratch);
    const args = ["followups", "--data", DATA_EXAMPLE, "--as-of", "2012-03-20", "--format", "json", "--lang", "en"];
    const first = runPackageCopy(dir, args);
    expect(first.code).toBe(0);
    // The bundle holds its build id (src/version.ts, BUILD) as a 16-digit hash.
    const chunks = path.join(dir, "dist", "chunks");
    const holder = fs.readdirSync(chunks).find((name) => /var BUILD = true \? "[0-9a-f]{16}"/.test(fs.readFileSync(path.join(chunks, name), "utf8")));
    expect(holder).toBeDefined();
    const text = fs.readFileSync(path.join(chunks, holder!), "utf8");
    const oldId = /var BUILD = true \? "([0-9a-f]{16})"/.exec(text)![1]!;
    expect(salts(dir).every((salt) => salt.includes(oldId))).toBe(true);

    // Another build: the same version, another id. Its warm run must compute afresh and
    // rewrite the cache under its own id, not take the first build's results.
    const newId = oldId === "0123456789abcdef" ? "fedcba9876543210" : "0123456789abcdef";
    fs.writeFileSync(path.join(chunks, holder!), text.replace(`"${oldId}"`, `"${newId}"`));
    const second = runPackageCopy(dir, args);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const after = salts(dir);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((salt) => salt.includes(newId) && !salt.includes(oldId))).toBe(true);
  });
});

describe("files left unread on a warm run", () => {
  it("trusts a file's identity only once it has settled, and still sees a same-size edit with its time set back", async () => {
    const repo = copyToTemp();
    temps.push(repo);
    const env = { CHANNEL_CACHE_DIR: tempDir("channel-cache-") };
    const file = path.join(repo, "branches", "cmb-dongmen", "staff.yaml");
    // A whole second, so that it can be put back exactly.
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    fs.utimesSync(file, hourAgo, hourAgo);
    // Let every file settle (older than the 2 s a coarse file-system clock may hide), so the
    // next runs record their identities as trustworthy and leave them unread.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(runCli(["validate", "--data", repo], { env }).code).toBe(0);
    expect(runCli(["validate", "--data", repo], { env }).code).toBe(0);

    // Same length, same modification time: only the change time (which no tool sets back) differs.
    const before = fs.statSync(file);
    const text = fs.readFileSync(file, "utf8");
    const edited = text.replace("position: branch_head", "position: branch_hed_");
    expect(edited.length).toBe(text.length);
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, hourAgo, hourAgo);
    expect(fs.statSync(file).size).toBe(before.size);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);

    const result = runCli(["validate", "--data", repo, "--format", "json"], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["INVALID_POSITION"]);
  });
});

describe("the cache's permissions", () => {
  it.skipIf(process.platform === "win32")("keeps people's data to its owner: folders 0700, files 0600, an older folder tightened (issue 14)", () => {
    const parent = tempDir("channel-cache-");
    const cacheDir = path.join(parent, "made", "channel");
    const first = runCli(["validate", "--data", DATA_EXAMPLE], { env: { CHANNEL_CACHE_DIR: cacheDir } });
    expect(first.code, first.stderr).toBe(0);
    const entries = listTree(cacheDir);
    expect(entries.length).toBeGreaterThan(1);
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(path.join(parent, "made"))).toBe(0o700);
    expect(mode(cacheDir)).toBe(0o700);
    for (const entry of entries) {
      const abs = path.join(cacheDir, entry);
      expect([entry, mode(abs)]).toEqual([entry, fs.statSync(abs).isDirectory() ? 0o700 : 0o600]);
    }
    // A repository's folder left open by an older version is closed on the next write.
    const repoFolder = path.join(cacheDir, entries.find((e) => fs.statSync(path.join(cacheDir, e)).isDirectory())!);
    fs.chmodSync(repoFolder, 0o755);
    for (const file of fs.readdirSync(repoFolder)) fs.rmSync(path.join(repoFolder, file));
    expect(runCli(["validate", "--data", DATA_EXAMPLE], { env: { CHANNEL_CACHE_DIR: cacheDir } }).code).toBe(0);
    expect(mode(repoFolder)).toBe(0o700);
  });
});
