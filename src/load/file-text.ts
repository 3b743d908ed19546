/**
 * A loaded file's text, made when a finding must quote a line of it (see LoadedFile): from the
 * bytes the scan read, or (issue 29: a command that does not write keeps no bytes once the files
 * are checked) read again, and used only if the bytes are still those checked.
 */
import * as fs from "node:fs";
import { digestBytes } from "./cache.js";
import { decodeUtf8Strict } from "./decode.js";
import type { RawFile } from "./repository.js";

/*
 * The makers of a file's text live in a module of their own: a function made inside the loader
 * would keep all of the loader's variables alive as long as the file (every file's value and
 * bytes).
 */

/** The text of the file at `abs`, read when asked, if its bytes are still those of `digest`; else (or unreadable) null. */
export function textIfUnchanged(abs: string, digest: string): () => string | null {
  return () => {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(abs);
    } catch {
      return null;
    }
    return digestBytes(bytes) === digest ? decodedText({ bytes }) : null;
  };
}

/** The text of a file from the bytes read by the scan. */
export function textOfRaw(raw: RawFile): () => string | null {
  return () => decodedText(raw);
}

/** The text of bytes read, or null when unreadable or not UTF-8. */
export function decodedText(raw: Pick<RawFile, "bytes">): string | null {
  if (raw.bytes === null) return null;
  const decoded = decodeUtf8Strict(raw.bytes);
  return decoded.ok ? decoded.text : null;
}
