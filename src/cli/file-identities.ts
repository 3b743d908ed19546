/**
 * What the cache remembers of each file it read (size, times, inode, digest) and when a file
 * may be taken as unchanged without reading it. Shared by the whole-repository load
 * (pipeline.ts) and log's people index (edit-load.ts), which import nothing from each other
 * for it.
 */
import type { FileIdentity } from "../load/repository.js";

/** Each file's identity and digest when last read (`[size, mtimeMs, ctimeMs, ino, digest]`). */
export interface CachedIdentities {
  /** When the scan that read the files began (ms since the epoch). */
  scannedAt: number;
  files: Record<string, [number, number, number, number, string]>;
}

/** A file changed within this many ms before a scan is read again next time: coarse file-system clocks tick every 1 or 2 s. */
export const RACY_MS = 2_000;

/** The digest recorded for a file whose identity is as recorded and was settled when it was read; else null. */
export function knownDigest(known: CachedIdentities | null, file: string, identity: FileIdentity): string | null {
  const entry = known?.files[file];
  if (known === null || entry === undefined) return null;
  const [size, mtimeMs, ctimeMs, ino, digest] = entry;
  const settled = mtimeMs < known.scannedAt - RACY_MS && ctimeMs < known.scannedAt - RACY_MS;
  return settled && size === identity.size && mtimeMs === identity.mtimeMs && ctimeMs === identity.ctimeMs && ino === identity.ino ? digest : null;
}
