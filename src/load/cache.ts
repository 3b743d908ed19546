/**
 * A cache of what reading a repository produced, kept outside the repository (the user's
 * cache folder) so that a run where nothing changed skips parsing. A cache file can be
 * truncated, edited, copied from another repository or written by another version of the
 * tool: each file starts with a header naming the repository, a salt (tool version, build and
 * schema stamp) and a checksum of the body, and anything that does not match is ignored.
 */
import * as fs from "node:fs";
import { makeFolders } from "./make-folders.js";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { createHash } from "./hash.js";

const FORMAT = "channel-cache/4";
const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;

interface Header {
  format: string;
  root: string;
  salt: string;
  digest: string;
}

export interface CacheStore {
  /** The value saved under `name`, or null when absent, damaged or not this repository's. */
  read<T>(name: string): T | null;
  /** Saves a value; failures (read-only folder, full disk) are ignored: the cache is only a cache. */
  write(name: string, value: unknown): void;
}

/**
 * Integrity of a cache body against damage (truncation, a bad disk, a hand edit): CRC-32 over
 * the bytes as they are on disk. A foreign or outdated cache is told apart by the header, not
 * by this. node:zlib costs a warm run ~2.9 ms (it loads Node's streams); node:crypto, tried
 * instead, brought ~20 modules and was slower still, and a checksum in JavaScript runs
 * interpreted this early (~2-3 ms for 80 KB).
 */
function bodyDigest(body: Uint8Array): string {
  return crc32(body).toString(16).padStart(8, "0");
}

/** A fast digest of a file's bytes, the key of its cache entry. */
export function digestBytes(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64");
}

export function openCacheStore(cacheDir: string, root: string, salt: string): CacheStore {
  // A folder per repository, named for people who look into the cache folder; the header, not
  // the name, decides whose a cache is.
  const dir = path.join(cacheDir, `${path.basename(root).replace(/[^\w.-]/g, "_").slice(0, 40)}-${crc32(root).toString(16).padStart(8, "0")}`);
  const fileOf = (name: string) => path.join(dir, `${name}.json`);
  return {
    read<T>(name: string): T | null {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(fileOf(name));
      } catch {
        return null;
      }
      const newline = bytes.indexOf(0x0a);
      if (newline < 0) return null;
      try {
        const header = JSON.parse(bytes.toString("utf8", 0, newline)) as Partial<Header>;
        const body = bytes.subarray(newline + 1);
        if (header.format !== FORMAT || header.root !== root || header.salt !== salt || header.digest !== bodyDigest(body)) return null;
        return JSON.parse(body.toString("utf8")) as T;
      } catch {
        return null;
      }
    },
    write(name: string, value: unknown): void {
      const body = Buffer.from(JSON.stringify(value), "utf8");
      const header: Header = { format: FORMAT, root, salt, digest: bodyDigest(body) };
      const target = fileOf(name);
      const temp = `${target}.${process.pid}.tmp`;
      try {
        // The cache holds people's records as the files do: only their owner may read it. The
        // mode also applies to parents made here; the repository's own folder, made by an older
        // version with 0755 perhaps, is tightened (a folder given in CHANNEL_CACHE_DIR is not ours).
        makeFolders(dir, PRIVATE_FOLDER);
        if ((fs.statSync(dir).mode & 0o777) !== PRIVATE_FOLDER) fs.chmodSync(dir, PRIVATE_FOLDER);
        const fd = fs.openSync(temp, "w", PRIVATE_FILE);
        try {
          // A stale temporary file of the same name keeps its mode through open(): set it.
          fs.fchmodSync(fd, PRIVATE_FILE);
          fs.writeSync(fd, `${JSON.stringify(header)}\n`);
          fs.writeSync(fd, body);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(temp, target);
      } catch {
        fs.rmSync(temp, { force: true });
      }
    },
  };
}
