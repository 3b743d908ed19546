/**
 * A GBK encoder for test fixtures, made from Node's own GB18030 decoder: every two-byte GBK code
 * is decoded once and the table turned around. No dependency, and by construction it agrees
 * with the decoder `channel import` uses. Characters outside GBK's two-byte range (and any
 * ASCII) are written as they are in ASCII; others throw, so a fixture never silently differs.
 */
let table: Map<string, number[]> | null = null;

function encoderTable(): Map<string, number[]> {
  if (table !== null) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

export function encodeGbk(text: string): Uint8Array {
  const map = encoderTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const bytes = map.get(ch);
      if (bytes === undefined) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
