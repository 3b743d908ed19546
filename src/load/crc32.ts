/**
 * CRC-32 as zlib computes it (polynomial 0xEDB88320, reflected, starting from and ending with
 * all bits flipped; `crc32(b, crc32(a)) === crc32(a + b)`), without loading node:zlib for the
 * small inputs of a morning run: node:zlib brings Node's streams with it, ~3 ms of CPU of every
 * start (issue 28), to checksum ~100 KB of cache. Small inputs go to a WebAssembly function
 * made here (~0.2 ms to compile; plain JavaScript is slower than that until V8 has optimised
 * it), large ones to zlib, whose native code is many times faster per byte and whose loading
 * no longer counts there. Both give the same number: tests/load/crc32.test.ts holds them equal.
 */
import { createRequire } from "node:module";

type Crc32 = (bytes: Uint8Array, previous?: number) => number;

/** From this many bytes zlib's speed pays for loading it (~3 ms, about what WebAssembly takes for ~1 MB). */
export const ZLIB_FROM_BYTES = 1 << 20;

let zlibCrc32: Crc32 | undefined;

function zlib(): Crc32 {
  return (zlibCrc32 ??= (createRequire(import.meta.url)("node:zlib") as typeof import("node:zlib")).crc32);
}

/** The checksum of `bytes` continuing from `previous` (the checksum of what came before; 0 at first). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return crc32For(bytes.length)(bytes, previous);
}

/**
 * The CRC-32 function for about `totalBytes` bytes checksummed piece by piece (a file's
 * lines): zlib's for large totals, even when each piece is small, else the WebAssembly one.
 */
export function crc32For(totalBytes: number): Crc32 {
  if (zlibCrc32 !== undefined || totalBytes >= ZLIB_FROM_BYTES) return zlib();
  return small() ?? zlib();
}

// ---------------------------------------------------------------------------------------------
// The WebAssembly function: one exported memory of two 64 KiB pages, the 256-entry table at 0,
// the bytes to checksum from DATA_START on, and update(crc, length) over them.

const PAGES = 2;
const TABLE_BYTES = 256 * 4;
const DATA_START = TABLE_BYTES;
const DATA_BYTES = PAGES * 65536 - DATA_START;

/** Signed LEB128, as WebAssembly writes integer immediates. */
function leb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Unsigned LEB128: section and vector sizes. */
function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return out;
}

const section = (id: number, contents: number[]) => [id, ...uleb(contents.length), ...contents];
const name = (text: string) => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

// Locals: 0 crc, 1 length (the parameters), 2 position, 3 end.
const [CRC, LENGTH, POS, END] = [0, 1, 2, 3];
const I32 = 0x7f;
const op = {
  block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40,
  get: 0x20, set: 0x21, const: 0x41, load: 0x28, load8u: 0x2d,
  geU: 0x4f, add: 0x6a, and: 0x71, xor: 0x73, shl: 0x74, shrU: 0x76,
};

/** update(crc, length): crc = ~crc; for each byte: crc = table[(crc ^ byte) & 255] ^ (crc >>> 8); return ~crc. */
const UPDATE_BODY = [
  1, 2, I32, // two more i32 locals: position, end
  op.get, CRC, op.const, ...leb(-1), op.xor, op.set, CRC,
  op.const, ...leb(DATA_START), op.set, POS,
  op.const, ...leb(DATA_START), op.get, LENGTH, op.add, op.set, END,
  op.block, op.void,
  op.loop, op.void,
  op.get, POS, op.get, END, op.geU, op.brIf, 1,
  op.get, CRC, op.get, POS, op.load8u, 0, 0, op.xor, op.const, ...leb(255), op.and, op.const, 2, op.shl, op.load, 2, 0,
  op.get, CRC, op.const, 8, op.shrU, op.xor, op.set, CRC,
  op.get, POS, op.const, 1, op.add, op.set, POS,
  op.br, 0,
  op.end,
  op.end,
  op.get, CRC, op.const, ...leb(-1), op.xor,
  op.end,
];

const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  ...section(1, [1, 0x60, 2, I32, I32, 1, I32]), // one type: (i32, i32) -> i32
  ...section(3, [1, 0]), // one function, of that type
  ...section(5, [1, 0x00, PAGES]), // one memory of PAGES pages
  ...section(7, [2, ...name("memory"), 0x02, 0, ...name("update"), 0x00, 0]),
  ...section(10, [1, ...uleb(UPDATE_BODY.length), ...UPDATE_BODY]),
]);

let smallCrc32: Crc32 | null | undefined;

/** The part of the WebAssembly API used here (this project's TypeScript libraries do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { update: (crc: number, length: number) => number; memory: { buffer: ArrayBuffer } } };
}

/** The WebAssembly CRC-32, or null where WebAssembly is not available (node --jitless). */
function small(): Crc32 | null {
  if (smallCrc32 !== undefined) return smallCrc32;
  try {
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (wasm === undefined) return (smallCrc32 = null);
    const { update, memory: exported } = new wasm.Instance(new wasm.Module(MODULE)).exports;
    const memory = new Uint8Array(exported.buffer);
    const table = new Int32Array(memory.buffer, 0, 256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    smallCrc32 = (bytes, previous = 0) => {
      let crc = previous | 0;
      for (let from = 0; from < bytes.length; from += DATA_BYTES) {
        const piece = bytes.subarray(from, from + DATA_BYTES);
        memory.set(piece, DATA_START);
        crc = update(crc, piece.length);
      }
      return crc >>> 0;
    };
  } catch {
    smallCrc32 = null;
  }
  return smallCrc32;
}
