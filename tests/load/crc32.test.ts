/**
 * Issue 28 (start-up): the cache's checksum is computed without node:zlib for small inputs
 * (src/load/crc32.ts, a WebAssembly function). It must be zlib's CRC-32 exactly: caches
 * written by either path, or by earlier versions (zlib only), are read back by the other.
 */
import * as zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32, crc32For, ZLIB_FROM_BYTES } from "../../src/load/crc32.js";

/** The WebAssembly path: crc32For picks it for small totals while zlib has not been loaded by it. */
const small = crc32For(0);

describe("CRC-32 without node:zlib", () => {
  it("is zlib's on known values, chained and unchained", () => {
    const text = Buffer.from("123456789", "utf8");
    // The standard check value of CRC-32/ISO-HDLC.
    expect(small(text)).toBe(0xcbf43926);
    expect(small(new Uint8Array(0))).toBe(0);
    expect(small(new Uint8Array(0), 0x1234abcd)).toBe(0x1234abcd);
    const chinese = Buffer.from("跟进提醒，招商银行蛇口支行", "utf8");
    expect(small(chinese)).toBe(zlib.crc32(chinese));
    expect(small(chinese.subarray(7), small(chinese.subarray(0, 7)))).toBe(zlib.crc32(chinese));
  });

  it("is zlib's on inputs longer than its working memory (130,048 bytes), in one piece or chained", () => {
    const bytes = Buffer.alloc(300_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    expect(small(bytes)).toBe(zlib.crc32(bytes));
    expect(small(bytes.subarray(200_001), small(bytes.subarray(0, 200_001)))).toBe(zlib.crc32(bytes));
  });

  it("is zlib's on any bytes and any previous value", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 0, max: 0xffffffff }), (bytes, previous) => {
        expect(small(bytes, previous)).toBe(zlib.crc32(bytes, previous));
      }),
    );
  });

  it("hands large totals to zlib, with the same result", () => {
    const big = crc32For(ZLIB_FROM_BYTES);
    expect(big).not.toBe(small);
    const bytes = Buffer.from("a large cache file, checksummed line by line\n".repeat(10));
    expect(big(bytes, 7)).toBe(small(bytes, 7));
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
  });
});
