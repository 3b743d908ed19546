/**
 * log's people index in buckets (issue 29): a lookup reads the manifest and the bucket it lands
 * in, a change reads and writes what it touches, and whatever was changed by hand since the index
 * was saved, its answers are those of an index built from the files there and then.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openCacheStore, type CacheStore } from "../../src/load/cache.js";
import { loadPeopleIndex, type PeopleIndex } from "../../src/cli/people-index.js";
import { crc32 } from "../../src/load/crc32.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

interface Person {
  id: string;
  name: string;
}

/** A branch's people as the test writes them: staff and prospects. */
type Branches = Record<string, { staff: Person[]; prospects: Person[] }>;

function staffYaml(people: readonly Person[]): string {
  return `staff:\n${people.map((p) => `  - id: ${p.id}\n    name: ${p.name}\n    position: channel_manager\n`).join("")}`;
}

function prospectsYaml(people: readonly Person[], next = "2012-04-01"): string {
  return `prospects:\n${people.map((p) => `  - id: ${p.id}\n    name: ${p.name}\n    tier: basic\n    next_followup: ${next}\n`).join("")}`;
}

let stamps = 0;

/**
 * Writes (or appends to) a file and gives it a modification time of its own, long past: the
 * tests run as if later (see `later`), where two writes in the same clock tick must still look
 * different, as they would to an index that saw the first one settle.
 */
function write(file: string, text: string, append = false): void {
  if (append) fs.appendFileSync(file, text);
  else fs.writeFileSync(file, text);
  const time = new Date(Date.UTC(2001, 0, 1) + ++stamps * 1000);
  fs.utimesSync(file, time, time);
}

function writeBranches(root: string, branches: Branches): void {
  for (const [branch, { staff, prospects }] of Object.entries(branches)) {
    fs.mkdirSync(path.join(root, "branches", branch), { recursive: true });
    write(path.join(root, "branches", branch, "staff.yaml"), staffYaml(staff));
    write(path.join(root, "branches", branch, "prospects.yaml"), prospectsYaml(prospects));
  }
}

/** `count` branches of 20 staff and 20 prospects each: a few buckets' worth. */
function generated(count: number): Branches {
  const branches: Branches = {};
  for (let b = 0; b < count; b++) {
    const name = `b-${String(b).padStart(3, "0")}`;
    branches[name] = {
      staff: Array.from({ length: 20 }, (_, i) => ({ id: `s-${b}-${i}`, name: `员工${b}号${i}` })),
      prospects: Array.from({ length: 20 }, (_, i) => ({ id: `p-${b}-${i}`, name: `客户${b}号${i}` })),
    };
  }
  return branches;
}

function repository(branches: Branches): { root: string; cache: CacheStore; cacheDir: string } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "channel-people-index-")));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-people-index-cache-"));
  temps.push(root, cacheDir);
  fs.writeFileSync(path.join(root, "channel.yaml"), "timezone: Asia/Shanghai\n");
  writeBranches(root, branches);
  return { root, cacheDir, cache: openCacheStore(cacheDir, root, "salt") };
}

/**
 * Runs as if `seconds` later: files written before then have settled (the cache's RACY_MS rule),
 * so that the index may take them as unchanged, as it would on a user's machine a moment later.
 */
function later(seconds: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + seconds * 1000);
}

/** The cache records each call reads and writes, by name. */
function watched(cache: CacheStore): { cache: CacheStore; reads: string[]; writes: string[] } {
  const reads: string[] = [];
  const writes: string[] = [];
  return {
    reads,
    writes,
    cache: {
      readRecords: (name) => (reads.push(name), cache.readRecords(name)),
      writeRecords: (name, records) => (writes.push(name), cache.writeRecords(name, records)),
      recordWriter: (name) => (writes.push(name), cache.recordWriter(name)),
      removeRecords: (name) => (writes.push(`-${name}`), cache.removeRecords(name)),
    },
  };
}

/** What the index answers about everyone: for comparing an index kept up to date with one built from the files. */
function answers(index: PeopleIndex, keys: readonly string[]) {
  const byKey = Object.fromEntries(keys.map((key) => [key, index.matching([key])]));
  const ids = new Set(keys.filter((key) => /^[a-z]/.test(key)));
  return { byKey, all: index.all(), unreadable: index.unreadable, folders: index.branchFolders, held: [...index.heldOutside(ids, new Set(["b-001"]))] };
}

describe("the people index", () => {
  it("a warm lookup reads the manifest and one bucket", async () => {
    const { root, cache } = repository(generated(12));
    await loadPeopleIndex(root, cache);
    later(10);
    // The files had just been written when the index was: it reads them once more, then trusts it.
    await loadPeopleIndex(root, cache);
    const seen = watched(cache);
    const index = await loadPeopleIndex(root, seen.cache);
    expect(index.matching(["员工7号3"]).map((p) => [p.id, p.branch, p.type])).toEqual([["s-7-3", "b-007", "staff"]]);
    expect(seen.reads).toHaveLength(2);
    expect(seen.reads[0]).toBe("people-files");
    expect(seen.writes).toEqual([]);
  });

  it("a person added by hand at the end of another branch's staff.yaml is found; only their buckets and the manifest are written", async () => {
    const branches = generated(12);
    const { root, cache } = repository(branches);
    await loadPeopleIndex(root, cache);
    later(10);
    write(path.join(root, "branches", "b-009", "staff.yaml"), "  - id: new-person-x\n    name: 新同事\n    position: channel_manager\n", true);
    const seen = watched(cache);
    const index = await loadPeopleIndex(root, seen.cache);
    expect(index.matching(["新同事"]).map((p) => [p.id, p.branch])).toEqual([["new-person-x", "b-009"]]);
    expect(seen.writes.filter((name) => name !== "people-files").length).toBeLessThanOrEqual(2);
    expect(seen.writes).toContain("people-files");
  });

  it("a prospects.yaml rewritten with the same people (log --next) writes no bucket", async () => {
    const branches = generated(12);
    const { root, cache } = repository(branches);
    await loadPeopleIndex(root, cache);
    later(10);
    write(path.join(root, "branches", "b-004", "prospects.yaml"), prospectsYaml(branches["b-004"]!.prospects, "2012-05-01"));
    const seen = watched(cache);
    const index = await loadPeopleIndex(root, seen.cache);
    expect(seen.writes).toEqual(["people-files"]);
    expect(index.matching(["客户4号2"]).map((p) => p.id)).toEqual(["p-4-2"]);
  });

  it("the same name added in another branch makes two; a duplicate id in an earlier branch is held outside", async () => {
    const { root, cache } = repository(generated(6));
    await loadPeopleIndex(root, cache);
    later(10);
    write(path.join(root, "branches", "b-000", "prospects.yaml"), "  - id: s-3-1\n    name: 员工3号2\n    tier: basic\n", true);
    const index = await loadPeopleIndex(root, cache);
    expect(index.matching(["员工3号2"]).map((p) => `${p.id}@${p.branch}`)).toEqual(["s-3-1@b-000", "s-3-2@b-003"]);
    expect([...index.heldOutside(new Set(["s-3-1", "s-3-2"]), new Set(["b-003"]))]).toEqual([["s-3-1", "b-000"]]);
  });

  it("a person removed or renamed by hand, and a branch removed, are gone from the answers", async () => {
    const branches = generated(6);
    const { root, cache } = repository(branches);
    await loadPeopleIndex(root, cache);
    later(10);
    branches["b-002"]!.staff.splice(0, 1);
    branches["b-002"]!.staff[0]!.name = "改名了";
    writeBranches(root, { "b-002": branches["b-002"]! });
    fs.rmSync(path.join(root, "branches", "b-005"), { recursive: true });
    const index = await loadPeopleIndex(root, cache);
    expect(index.matching(["s-2-0", "员工2号1", "s-5-0"])).toEqual([]);
    expect(index.matching(["改名了"]).map((p) => p.id)).toEqual(["s-2-1"]);
    expect(index.branchFolders).not.toContain("b-005");
  });

  it("a rebuild into fewer buckets deletes the buckets the new manifest no longer names", async () => {
    const { root, cache, cacheDir } = repository(generated(12));
    await loadPeopleIndex(root, cache);
    const folder = fs.readdirSync(cacheDir).map((name) => path.join(cacheDir, name))[0]!;
    const buckets = () => fs.readdirSync(folder).filter((name) => /^people-\d+\.json$/.test(name)).sort();
    expect(buckets()).toEqual(["people-0.json", "people-1.json", "people-2.json", "people-3.json"]);
    later(10);
    for (let b = 3; b < 12; b++) fs.rmSync(path.join(root, "branches", `b-${String(b).padStart(3, "0")}`), { recursive: true });
    const index = await loadPeopleIndex(root, cache);
    expect(buckets()).toEqual(["people-0.json"]);
    expect(index.matching(["员工2号19", "s-5-0"]).map((p) => p.id)).toEqual(["s-2-19"]);
    // And the next run reads the smaller index as it is.
    later(20);
    const seen = watched(cache);
    expect((await loadPeopleIndex(root, seen.cache)).matching(["s-0-0"]).map((p) => p.branch)).toEqual(["b-000"]);
    expect(seen.writes).toEqual([]);
  });

  it("a build from the files writes each bucket as filing every key in repository order gives it, and names the ids held twice", async () => {
    const branches = generated(12);
    // The same id in two branches, one of them nameless in a third.
    branches["b-004"]!.staff.push({ id: "s-1-3", name: "重号员工" });
    const { root, cacheDir, cache } = repository(branches);
    fs.appendFileSync(path.join(root, "branches", "b-007", "staff.yaml"), "  - id: s-1-3\n    position: teller\n");
    await loadPeopleIndex(root, cache);
    const folder = fs.readdirSync(cacheDir).map((name) => path.join(cacheDir, name))[0]!;
    const records = (name: string) => fs.readFileSync(path.join(folder, `${name}.json`), "utf8").split("\n").slice(1, -2).map((line) => JSON.parse(line) as unknown);
    const [head] = records("people-files") as [{ buckets: number; duplicated: string[] }];
    // The oracle: every key of every person, in repository order (folder, prospects before staff, position), then filed.
    const keys: unknown[][] = [];
    for (const branch of Object.keys(branches).sort()) {
      for (const [kind, code] of [["prospects", 0], ["staff", 1]] as const) {
        const people: { id: string; name?: string }[] = [...branches[branch]![kind]];
        if (branch === "b-007" && kind === "staff") people.push({ id: "s-1-3" });
        people.forEach((p, i) => {
          keys.push([1, p.id, p.name ?? null, branch, code, i, null, null]);
          if (p.name !== undefined) keys.push([0, p.id, p.name, branch, code, i, null, null]);
        });
      }
    }
    expect(head.buckets).toBeGreaterThan(1);
    for (let n = 0; n < head.buckets; n++) {
      const expected = keys.filter((key) => (crc32(Buffer.from(String(key[0] === 1 ? key[1] : key[2]), "utf8")) & (head.buckets - 1)) === n);
      expect((records(`people-${n}`)[0] as { entries: unknown[] }).entries, `bucket ${n}`).toEqual(expected);
    }
    expect(head.duplicated).toEqual(["s-1-3"]);
  });

  it("does not trust a damaged bucket or one the manifest does not name: the answers come from the files", async () => {
    const { root, cache, cacheDir } = repository(generated(12));
    const first = await loadPeopleIndex(root, cache);
    const everyone = first.all();
    later(10);
    const folder = fs.readdirSync(cacheDir).map((name) => path.join(cacheDir, name))[0]!;
    const buckets = fs.readdirSync(folder).filter((name) => /^people-\d+\.json$/.test(name));
    expect(buckets.length).toBeGreaterThan(1);
    // One bucket from a run stopped before it wrote its manifest, one cut short.
    cache.writeRecords(buckets[0]!.replace(/\.json$/, ""), [{ token: "another-run", entries: [] }]);
    fs.truncateSync(path.join(folder, buckets[1]!), 10);
    const index = await loadPeopleIndex(root, cache);
    expect(index.all()).toEqual(everyone);
    expect(index.matching(["员工11号19"]).map((p) => p.id)).toEqual(["s-11-19"]);
  });

  it("whatever is changed by hand between runs, answers as an index built from the files then", async () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant("append" as const), branch: fc.nat(5), kind: fc.boolean(), id: fc.nat(8), name: fc.nat(8) }),
      fc.record({ op: fc.constant("remove" as const), branch: fc.nat(5), kind: fc.boolean(), at: fc.nat(3) }),
      fc.record({ op: fc.constant("rename" as const), branch: fc.nat(5), kind: fc.boolean(), at: fc.nat(3), name: fc.nat(8) }),
      fc.record({ op: fc.constant("break" as const), branch: fc.nat(5), kind: fc.boolean() }),
      fc.record({ op: fc.constant("dropBranch" as const), branch: fc.nat(5) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(edit, { maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (runs) => {
        vi.useRealTimers();
        const branches: Branches = {};
        for (let b = 0; b < 6; b++) {
          branches[`b-00${b}`] = {
            staff: Array.from({ length: 4 }, (_, i) => ({ id: `s-${b}-${i}`, name: `员工${(b * 3 + i) % 9}` })),
            prospects: Array.from({ length: 4 }, (_, i) => ({ id: `p-${b}-${i}`, name: `客户${(b + i) % 9}` })),
          };
        }
        const { root, cache } = repository(branches);
        await loadPeopleIndex(root, cache);
        let seconds = 0;
        for (const edits of runs) {
          for (const e of edits) {
            const branch = `b-00${e.branch}`;
            const file = path.join(root, "branches", branch, e.op !== "dropBranch" && e.kind ? "staff.yaml" : "prospects.yaml");
            const people = e.op === "dropBranch" ? [] : branches[branch]?.[e.kind ? "staff" : "prospects"];
            if (people === undefined) continue;
            if (e.op === "append") people.push({ id: `x-${e.id}`, name: `新人${e.name}` });
            if (e.op === "remove") people.splice(e.at, 1);
            if (e.op === "rename" && people[e.at] !== undefined) people[e.at]!.name = `新人${e.name}`;
            if (e.op === "dropBranch") {
              fs.rmSync(path.join(root, "branches", branch), { recursive: true });
              delete branches[branch];
            } else if (e.op === "break") write(file, "staff: [unclosed\n");
            else if (e.op === "append" && fs.readFileSync(file, "utf8").endsWith("\n") && !fs.readFileSync(file, "utf8").includes("[unclosed")) {
              // Typed in at the end of the list, as a person adds one by hand.
              const last = people[people.length - 1]!;
              write(file, e.kind ? staffYaml([last]).replace(/^staff:\n/, "") : prospectsYaml([last]).replace(/^prospects:\n/, ""), true);
            } else writeBranches(root, { [branch]: branches[branch]! });
          }
          seconds += 10;
          vi.useRealTimers();
          later(seconds);
          const kept = await loadPeopleIndex(root, cache);
          const fresh = await loadPeopleIndex(root, null);
          const keys = [...new Set(fresh.all().flatMap((p) => [p.id, p.name ?? p.id]).concat(["x-1", "新人1", "s-0-0"]))];
          expect(answers(kept, keys)).toEqual(answers(fresh, keys));
        }
      }),
      { numRuns: 20 },
    );
  });
});
