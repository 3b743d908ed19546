/**
 * Hashes, with node:crypto required on first use: a morning run on unchanged data reads and
 * checks nothing, and loading crypto (with the dozen internal modules it brings) was a
 * noticeable part of its start-up.
 */
import type { Hash } from "node:crypto";
import { createRequire } from "node:module";

let crypto: typeof import("node:crypto") | undefined;

export function createHash(algorithm: "sha1" | "sha256"): Hash {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  return crypto.createHash(algorithm);
}
