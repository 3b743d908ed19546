/** When the cache may vouch for a file it does not read: the identity rule of cli/pipeline.ts. */
import { describe, expect, it } from "vitest";
import { knownDigest, RACY_MS, type CachedIdentities } from "../../src/cli/file-identities.js";

const SCANNED_AT = Date.UTC(2026, 10, 28, 9, 0, 0);
const SETTLED = SCANNED_AT - RACY_MS - 1;
const identity = { size: 120, mtimeMs: SETTLED - 5_000, ctimeMs: SETTLED, ino: 42 };
const known: CachedIdentities = {
  scannedAt: SCANNED_AT,
  files: { "branches/a/staff.yaml": [identity.size, identity.mtimeMs, identity.ctimeMs, identity.ino, "digest-a"] },
};

describe("knownDigest", () => {
  it("vouches for a file whose identity is as recorded and had settled before the scan", () => {
    expect(knownDigest(known, "branches/a/staff.yaml", identity)).toBe("digest-a");
  });

  it("does not when any part of the identity differs", () => {
    for (const changed of [{ size: 121 }, { mtimeMs: identity.mtimeMs + 0.5 }, { ctimeMs: identity.ctimeMs + 1 }, { ino: 43 }]) {
      expect(knownDigest(known, "branches/a/staff.yaml", { ...identity, ...changed })).toBeNull();
    }
  });

  it("does not for a file changed within RACY_MS before the scan that recorded it (a coarse clock may hide a second edit)", () => {
    for (const recent of [{ mtimeMs: SCANNED_AT - RACY_MS }, { ctimeMs: SCANNED_AT - 1 }, { mtimeMs: SCANNED_AT + 10, ctimeMs: SCANNED_AT + 10 }]) {
      const entry = { ...identity, ...recent };
      const index: CachedIdentities = { scannedAt: SCANNED_AT, files: { f: [entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino, "d"] } };
      expect(knownDigest(index, "f", entry)).toBeNull();
    }
  });

  it("does not without a record of the file, or without a cache", () => {
    expect(knownDigest(known, "branches/b/staff.yaml", identity)).toBeNull();
    expect(knownDigest(null, "branches/a/staff.yaml", identity)).toBeNull();
  });
});
