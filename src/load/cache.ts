/**
 * A cache of what reading a repository produced, kept outside the repository (the user's
 * cache folder) so that a run where nothing changed skips parsing. A cache file can be
 * truncated, edited, copied from another repository or written by another version of the
 * tool: each file starts with a header naming the repository and a salt (tool version, build and
 * schema stamp), and ends with a line giving the number of records and a checksum of them;
 * anything that does not match is ignored.
 *
 * A cache file is a list of records, one JSON line each (a file's check, a branch of the model),
 * written and read back one record at a time: at head-office scale (5,000 branches, ~500 MB of
 * YAML) one string or buffer for the whole would outgrow what V8 allows (~512 MB for a string),
 * so nothing here ever holds more than one record's text and a bounded chunk of bytes.
 */
import * as fs from "node:fs";
import { makeFolders } from "./make-folders.js";
import * as path from "node:path";
import { jsonPieces } from "./json-pieces.js";
import { crc32, crc32For } from "./crc32.js";
import { createHash } from "./hash.js";

const FORMAT = "channel-cache/6";
const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;
/** Records are gathered into writes of about this many bytes (a larger record is written alone). */
export const WRITE_CHUNK_BYTES = 1 << 20;
/** Reads go by chunks of this many bytes. */
const READ_CHUNK_BYTES = 1 << 22;

interface Header {
  format: string;
  root: string;
  salt: string;
}

/** The last line: how many records there are and the checksum of their lines. */
interface Trailer {
  records: number;
  digest: string;
}

export interface CacheStore {
  /** The records saved under `name`, in order, or null when absent, damaged or not this repository's. */
  readRecords<T>(name: string): T[] | null;
  /**
   * Saves records one JSON line each; failures (read-only folder, full disk, a value that
   * cannot be written) are ignored: the cache is only a cache.
   */
  writeRecords(name: string, records: Iterable<unknown>): void;
  /**
   * Starts saving records under `name` one at a time, as they are made (issue 29: a cold check
   * writes each file's record when the file is checked and lets its value go). Nothing replaces
   * the saved records until `commit`; failures are ignored as with `writeRecords`.
   */
  recordWriter(name: string): RecordWriter;
  /** Deletes the records saved under `name` (a piece no longer used); failures are ignored. */
  removeRecords(name: string): void;
}

/** Records saved one at a time (see CacheStore.recordWriter). */
export interface RecordWriter {
  /** Adds a record, given as its JSON text (JSON.stringify's, so one line). */
  addJson(json: string): void;
  /** Adds a record, given as its value: written as JSON.stringify writes it, piece by piece (see json-pieces.ts). */
  addValue(value: unknown): void;
  /** Ends the list and puts it in place of the saved one. */
  commit(): void;
  /** Drops what was added; the saved records stay as they were. */
  abandon(): void;
}

/**
 * Integrity of a cache body against damage (truncation, a bad disk, a hand edit): CRC-32 over
 * the record lines as they are on disk, chained from line to line. A foreign or outdated cache
 * is told apart by the header, not by this. The CRC-32 is zlib's, but a small cache's is
 * computed without loading node:zlib (see crc32.ts); node:crypto, tried once instead, brought
 * ~20 modules and was slower still.
 */
type ChainDigest = (bytes: Uint8Array, previous: number) => number;

/**
 * The digest of a file's bytes, the key of its cache entry: the id git gives a blob of these
 * bytes (SHA-1 of `blob <length>\0` and the bytes), so that a file as a commit records it is
 * known to the cache by the id in the commit's tree, without reading the blob (issue 29: audit).
 */
export function digestBytes(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The digest of a text that keys a cache entry (a long key is kept and compared as this). */
export function digestText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function openCacheStore(cacheDir: string, root: string, salt: string): CacheStore {
  // A folder per repository, named for people who look into the cache folder; the header, not
  // the name, decides whose a cache is.
  const dir = path.join(cacheDir, `${path.basename(root).replace(/[^\w.-]/g, "_").slice(0, 40)}-${crc32(Buffer.from(root, "utf8")).toString(16).padStart(8, "0")}`);
  const fileOf = (name: string) => path.join(dir, `${name}.json`);
  return {
    readRecords<T>(name: string): T[] | null {
      let fd: number;
      try {
        fd = fs.openSync(fileOf(name), "r");
      } catch {
        return null;
      }
      try {
        return readLines(fd, fs.fstatSync(fd).size, root, salt) as T[] | null;
      } catch {
        return null;
      } finally {
        fs.closeSync(fd);
      }
    },
    writeRecords(name: string, records: Iterable<unknown>): void {
      const writer = openRecordWriter(dir, fileOf(name), root, salt);
      try {
        // A value that cannot be written (cyclic) fails the writer, which then leaves no file.
        for (const record of records) writer.addValue(record);
      } catch {
        writer.abandon();
        return;
      }
      writer.commit();
    },
    recordWriter(name: string): RecordWriter {
      return openRecordWriter(dir, fileOf(name), root, salt);
    },
    removeRecords(name: string): void {
      try {
        fs.unlinkSync(fileOf(name));
      } catch {
        // Already gone, or the folder is read-only: a stale piece is never read, only kept.
      }
    },
  };
}

/**
 * A temporary file next to `target` that records are appended to in chunks of about
 * WRITE_CHUNK_BYTES, renamed over `target` on commit. Once anything fails, the rest is ignored
 * and the temporary file removed.
 */
function openRecordWriter(dir: string, target: string, root: string, salt: string): RecordWriter {
  const temp = `${target}.${process.pid}.tmp`;
  let fd: number | null = null;
  let failed = false;
  let digest = 0;
  let count = 0;
  // Records are encoded into one buffer, written when full: no string as large as a chunk is made.
  const chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
  let used = 0;
  const fail = () => {
    failed = true;
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already gone: nothing more to release.
      }
      fd = null;
    }
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // No folder to remove it from (ENOTDIR…): there is no file either.
    }
  };
  const attempt = (step: () => void) => {
    if (failed) return;
    try {
      step();
    } catch {
      fail();
    }
  };
  attempt(() => {
    // The cache holds people's records as the files do: only their owner may read it. The
    // mode also applies to parents made here; the repository's own folder, made by an older
    // version with 0755 perhaps, is tightened (a folder given in CHANNEL_CACHE_DIR is not ours).
    makeFolders(dir, PRIVATE_FOLDER);
    if ((fs.statSync(dir).mode & 0o777) !== PRIVATE_FOLDER) fs.chmodSync(dir, PRIVATE_FOLDER);
    fd = fs.openSync(temp, "w", PRIVATE_FILE);
    // A stale temporary file of the same name keeps its mode through open(): set it.
    fs.fchmodSync(fd, PRIVATE_FILE);
    fs.writeSync(fd, `${JSON.stringify({ format: FORMAT, root, salt } satisfies Header)}\n`);
  });
  const flush = () => {
    if (used === 0) return;
    const bytes = chunk.subarray(0, used);
    digest = crc32(bytes, digest);
    fs.writeSync(fd!, bytes);
    used = 0;
  };
  const put = (text: string) => {
    // At most three bytes per UTF-16 unit: measured only when it might not fit.
    if (used + text.length * 3 > chunk.length) {
      const length = Buffer.byteLength(text, "utf8");
      if (used + length > chunk.length) flush();
      if (length > chunk.length) {
        const bytes = Buffer.from(text, "utf8");
        digest = crc32(bytes, digest);
        fs.writeSync(fd!, bytes);
        return;
      }
    }
    used += chunk.write(text, used, "utf8");
  };
  return {
    addJson(json: string): void {
      if (failed) return;
      count++;
      attempt(() => {
        put(json);
        put("\n");
      });
    },
    addValue(value: unknown): void {
      if (failed) return;
      count++;
      attempt(() => {
        for (const piece of jsonPieces(value)) put(piece);
        put("\n");
      });
    },
    commit(): void {
      attempt(() => {
        flush();
        fs.writeSync(fd!, `${JSON.stringify({ records: count, digest: digest.toString(16).padStart(8, "0") } satisfies Trailer)}\n`);
        fs.closeSync(fd!);
        fd = null;
        fs.renameSync(temp, target);
      });
      failed = true;
    },
    abandon(): void {
      if (!failed) fail();
    },
  };
}

/**
 * The records of an open cache file, or null when its header is not this repository's or its
 * trailer does not match the lines before it. Reads by chunks and parses line by line: the
 * last line seen is held back until the next one shows it was not the trailer.
 */
function readLines(fd: number, size: number, root: string, salt: string): unknown[] | null {
  // No larger than the file (and one byte to see its end): a 4 MB buffer for a 5 KB file was
  // allocated three times by every warm run.
  let chunk = Buffer.allocUnsafe(Math.max(1, Math.min(READ_CHUNK_BYTES, size + 1)));
  const chainDigest: ChainDigest = crc32For(size);
  // The bytes of a line not yet ended, kept at the start of the chunk: the next read goes after
  // them (issue 29: a new buffer for each chunk read was 90 ms of a warm audit at 2,000 branches).
  let carried = 0;
  let headerSeen = false;
  // The last line seen, held until the next one shows it was a record and not the trailer, and
  // the checksum of the records before it and with it.
  let held: string | null = null;
  let digest = 0;
  let digestWithHeld = 0;
  const records: unknown[] = [];
  for (;;) {
    // A line longer than the chunk: a larger one.
    if (carried === chunk.length) {
      const larger = Buffer.allocUnsafe(chunk.length * 2);
      chunk.copy(larger, 0, 0, carried);
      chunk = larger;
    }
    const read = fs.readSync(fd, chunk, carried, chunk.length - carried, null);
    if (read === 0) break;
    const bytes = chunk.subarray(0, carried + read);
    let start = 0;
    for (let newline = bytes.indexOf(0x0a, start); newline >= 0; newline = bytes.indexOf(0x0a, start)) {
      const line = bytes.toString("utf8", start, newline);
      if (!headerSeen) {
        const header = JSON.parse(line) as Partial<Header>;
        if (header.format !== FORMAT || header.root !== root || header.salt !== salt) return null;
        headerSeen = true;
      } else {
        if (held !== null) {
          records.push(JSON.parse(held));
          digest = digestWithHeld;
        }
        held = line;
        // The line with its newline, as it was written.
        digestWithHeld = chainDigest(bytes.subarray(start, newline + 1), digest);
      }
      start = newline + 1;
    }
    carried = bytes.length - start;
    if (carried > 0 && start > 0) chunk.copy(chunk, 0, start, bytes.length);
  }
  // A file is written whole, its trailer ending in a newline: anything after it is damage.
  if (carried > 0 || held === null) return null;
  const trailer = JSON.parse(held) as Partial<Trailer>;
  return trailer.records === records.length && trailer.digest === digest.toString(16).padStart(8, "0") ? records : null;
}
