/**
 * The cache writes and reads records one at a time (issue 29): at 5,000 branches a single
 * string for the whole model outgrew what V8 allows, and the command died writing its cache.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openCacheStore, WRITE_CHUNK_BYTES } from "../../src/load/cache.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

function store() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-cache-unit-"));
  temps.push(dir);
  return { dir, cache: openCacheStore(dir, "/data/hq", "salt-1") };
}

/** A branch of the model about 20 KB long as JSON. */
function branch(i: number) {
  return { id: `b-${i}`, name: `支行 ${i}`, staff: Array.from({ length: 100 }, (_, j) => ({ id: `p-${i}-${j}`, name: `员工${j}`, note: "x".repeat(150) })) };
}

describe("the cache store", () => {
  it("never makes one string for the whole model, nor one for a record: each JSON text is an item of a record's list", () => {
    const { dir, cache } = store();
    const records = Array.from({ length: 300 }, (_, i) => branch(i));
    const largestRecord = records.reduce((most, r) => Math.max(most, JSON.stringify(r).length), 0);
    const largestEntry = records.reduce((most, r) => r.staff.reduce((m, s) => Math.max(m, JSON.stringify(s).length), most), 0);
    const stringify = vi.spyOn(JSON, "stringify");
    cache.writeRecords("model", records);
    const longest = stringify.mock.results.reduce((most, r) => Math.max(most, typeof r.value === "string" ? r.value.length : 0), 0);
    stringify.mockRestore();
    const [folder] = fs.readdirSync(dir);
    const file = path.join(dir, folder!, "model.json");
    const written = fs.statSync(file).size;
    // ~6 MB written; no text longer than one staff entry (issue 29: a record's text, ~100 KB at
    // head-office scale, went straight to the old generation, garbage only a full collection frees).
    expect(written).toBeGreaterThan(20 * WRITE_CHUNK_BYTES / 4);
    expect(longest).toBeLessThanOrEqual(largestEntry);
    expect(longest).toBeLessThan(largestRecord / 50);
    expect(cache.readRecords("model")).toEqual(records);
    // The very text JSON.stringify gives each record, a line each, between the header and the trailer.
    const lines = fs.readFileSync(file, "utf8").split("\n");
    expect(lines.slice(1, -2)).toEqual(records.map((r) => JSON.stringify(r)));
  });

  it("reads back records that span the ends of its reads, one longer than two of them", () => {
    const { cache } = store();
    // About 9 MB in one record (a read is 4 MB), between records that straddle the reads' ends.
    const records = [...Array.from({ length: 120 }, (_, i) => branch(i)), { huge: "长".repeat(3_000_000) }, ...Array.from({ length: 120 }, (_, i) => branch(i + 120))];
    cache.writeRecords("model", records);
    expect(cache.readRecords("model")).toEqual(records);
  });

  it("reads back nothing from a damaged, truncated, extended or foreign file", () => {
    const { dir, cache } = store();
    const records = Array.from({ length: 50 }, (_, i) => branch(i));
    cache.writeRecords("model", records);
    const [folder] = fs.readdirSync(dir);
    const file = path.join(dir, folder!, "model.json");
    const good = fs.readFileSync(file, "utf8");
    const harms: ((text: string) => string)[] = [
      (text) => text.slice(0, text.length - 1),
      (text) => text.slice(0, Math.floor(text.length / 2)),
      (text) => text.replace("员工7", "员工8"),
      (text) => text + '{"id":"extra"}\n',
      (text) => text.replace(/\n(?=[^\n]*\n[^\n]*\n$)/, "\n{\"id\":\"inserted\"}\n"),
      () => "",
    ];
    for (const harm of harms) {
      fs.writeFileSync(file, harm(good));
      expect(cache.readRecords("model")).toBeNull();
    }
    fs.writeFileSync(file, good);
    expect(openCacheStore(dir, "/data/other", "salt-1").readRecords("model")).toBeNull();
    expect(openCacheStore(dir, "/data/hq", "salt-2").readRecords("model")).toBeNull();
    expect(cache.readRecords("model")).toEqual(records);
  });

  it("keeps a failure to write harmless: a value JSON cannot hold leaves no file and throws nothing", () => {
    const { cache } = store();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => cache.writeRecords("model", [{ ok: 1 }, cyclic])).not.toThrow();
    expect(cache.readRecords("model")).toBeNull();
  });
});

// Issue 29 (s29cold): a cold check writes each file's record as the file comes in.
describe("records written one at a time", () => {
  it("saves the records added, in order, only on commit; abandoning keeps the saved ones", () => {
    const { dir, cache } = store();
    cache.writeRecords("files", [{ n: 1 }]);
    const dropped = cache.recordWriter("files");
    dropped.addJson(JSON.stringify({ n: 2 }));
    dropped.abandon();
    expect(cache.readRecords("files")).toEqual([{ n: 1 }]);
    const writer = cache.recordWriter("files");
    // Meanwhile the saved list is still the old one.
    writer.addJson(JSON.stringify({ n: 3 }));
    expect(cache.readRecords("files")).toEqual([{ n: 1 }]);
    for (let i = 0; i < 200; i++) writer.addJson(JSON.stringify(branch(i)));
    writer.commit();
    expect(cache.readRecords("files")).toEqual([{ n: 3 }, ...Array.from({ length: 200 }, (_, i) => branch(i))]);
    const [folder] = fs.readdirSync(dir);
    expect(fs.readdirSync(path.join(dir, folder!)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("fails harmlessly where the cache folder cannot be written", () => {
    const { dir } = store();
    const blocked = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocked, "");
    const cache = openCacheStore(path.join(blocked, "inside"), "/data/hq", "salt-1");
    const writer = cache.recordWriter("files");
    expect(() => {
      writer.addJson("{}");
      writer.commit();
    }).not.toThrow();
    expect(cache.readRecords("files")).toBeNull();
  });
});
