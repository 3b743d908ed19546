/**
 * Issue 28: UTF-8 text holding an encoded surrogate (ED A0..BF xx: an emoji written as two
 * halves, as CESU-8 or Java's "modified UTF-8" do) is broken UTF-8, not GBK: it was reported
 * as ENCODING_GBK, telling the user to re-save a UTF-8 file as UTF-8.
 */
import { describe, expect, it } from "vitest";
import { decodeUtf8Strict } from "../../src/load/decode.js";

describe("surrogate bytes", () => {
  it("an emoji as two encoded surrogate halves in a UTF-8 file is ENCODING_INVALID_UTF8, at its place", () => {
    const bytes = Buffer.concat([Buffer.from("staff:\n  - id: a\n    name: 王芳\n    note: ", "utf8"), Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), Buffer.from("\n", "utf8")]);
    const result = decodeUtf8Strict(bytes);
    expect(result).toMatchObject({ ok: false, code: "ENCODING_INVALID_UTF8", line: 4, column: 11 });
  });

  it("GBK text is still ENCODING_GBK", () => {
    const result = decodeUtf8Strict(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xcd, 0xf5, 0xb7, 0xbc, 0x0a]));
    expect(result).toMatchObject({ ok: false, code: "ENCODING_GBK" });
  });
});
