/**
 * Strict decoding of a data file's bytes. Files must be UTF-8 (a BOM is accepted); anything
 * else is reported with the encoding it most likely is, because the usual culprit is an
 * editor on Chinese Windows that saved the file as GBK.
 */
import { isUtf8 } from "node:buffer";
import type { FindingCode } from "../findings.js";

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; code: FindingCode; line: number; column: number };


export function decodeUtf8Strict(bytes: Uint8Array): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, code: "ENCODING_UTF16", line: 1, column: 1 };
  }
  // isUtf8 is native and several times faster than a fatal TextDecoder on large files.
  if (isUtf8(bytes)) {
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset + (hasBom ? 3 : 0), bytes.byteLength - (hasBom ? 3 : 0)).toString("utf8") };
  }
  {
    const offset = firstInvalidUtf8Offset(bytes);
    const { line, column } = bytePosition(bytes, offset);
    // An encoded surrogate (ED A0..BF, an emoji's half as CESU-8 writes it) is broken UTF-8, never GBK (issue 28).
    const surrogate = bytes[offset] === 0xed && (bytes[offset + 1] ?? 0) >= 0xa0 && (bytes[offset + 1] ?? 0) <= 0xbf;
    return { ok: false, code: !surrogate && looksLikeGb18030(bytes) ? "ENCODING_GBK" : "ENCODING_INVALID_UTF8", line, column };
  }
}

/** Whether the bytes decode as GB18030 and hold Chinese characters: then it is almost surely GBK text. */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    return /[\u4e00-\u9fff]/.test(text);
  } catch {
    return false;
  }
}

/** The byte offset of the first sequence that is not valid UTF-8. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Line and column (1-based) of a byte offset; the column counts the valid characters before it.
 * Lines end as in `SourceText`: at LF, CRLF, or a lone CR.
 */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}
