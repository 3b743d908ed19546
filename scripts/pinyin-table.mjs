// The table of characters whose pinyin id word never depends on the characters around them
// (issue 29): src/import/pinyin-table.ts, written by `node scripts/pinyin-table.mjs` from the
// installed pinyin-pro, and held to it by tests/import/pinyin-table.test.ts.
//
// pinyin-pro reads a text by segmenting it into dictionary words (and, for a name, a surname at
// its head) and gives every character the reading of the word it falls in, else its first
// reading. A character is in the table when every reading pinyin-pro can give it is the same
// once tones are dropped: its own readings (all of them), its reading at its place in every
// dictionary word, surname and number rule that holds it, and it is none of the characters
// with a rule of their own (一 不 了 々). For a name made only of such characters, however the
// name is segmented, each character reads as it does alone: the id words are the table's.
// Only the 6,763 characters of GB 2312 are looked at (the characters names are written in);
// a name with any other character is read by pinyin-pro as before.
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";

const esm = (file) => import(`pinyin-pro/dist/esm/${file}`);

/** pinyin-pro's own tone removal (getPinyinWithoutTone), and its `v: true` (ü → v). */
function toneless(syllable) {
  return syllable
    .replace(/(ā|á|ǎ|à)/g, "a")
    .replace(/(ō|ó|ǒ|ò)/g, "o")
    .replace(/(ē|é|ě|è)/g, "e")
    .replace(/(ī|í|ǐ|ì)/g, "i")
    .replace(/(ū|ú|ǔ|ù)/g, "u")
    .replace(/(ǖ|ǘ|ǚ|ǜ)/g, "ü")
    .replace(/(n̄|ń|ň|ǹ)/g, "n")
    .replace(/(m̄|ḿ|m̌|m̀)/g, "m")
    .replace(/(ê̄|ế|ê̌|ề)/g, "ê")
    .replace(/ü/g, "v");
}

/** The 6,763 characters of GB 2312 (rows 16–87 of the GB 2312 code table), in code order. */
export function gb2312Characters() {
  const decoder = new TextDecoder("gbk", { fatal: true });
  const chars = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      if (hi === 0xd7 && lo > 0xf9) continue; // row 55 ends at 0xD7F9
      chars.push(decoder.decode(Uint8Array.of(hi, lo)));
    }
  }
  return chars;
}

/**
 * The tables (see the header): `fixed`, char → its one id word, for the characters whose reading
 * never changes; `first`, char → the id word of its first reading, for the other characters
 * pinyin-pro gives that reading whenever no dictionary word covers them; `headPatterns`, those
 * of the `first` characters that are a surname or rule of one character with another reading
 * (read so at the head of a name); `pairs`, every two neighbouring characters of a dictionary word, surname or
 * rule that hold a `first` character.
 */
export async function readingTables() {
  const { pinyin } = await import("pinyin-pro");
  const { default: DICT1 } = await esm("data/dict1.mjs");
  const { PatternsNormal } = await esm("data/patterns.mjs");
  const { toneSandhiList } = await esm("data/special.mjs");
  const { splitString } = await esm("common/utils.mjs");
  const special = new Set([...toneSandhiList, "了", "々"]);
  /** Every toneless reading a character is given anywhere in the word, surname and rule lists. */
  const inWords = new Map();
  /** The toneless readings of the one-character surnames and rules, by character. */
  const onePattern = new Map();
  for (const pattern of PatternsNormal) {
    const chars = splitString(pattern.zh);
    const readings = pattern.pinyin.split(" ");
    if (chars.length === 1) {
      if (!onePattern.has(chars[0])) onePattern.set(chars[0], new Set());
      onePattern.get(chars[0]).add(toneless(readings[0] || ""));
    }
    chars.forEach((c, i) => {
      if (!inWords.has(c)) inWords.set(c, new Set());
      inWords.get(c).add(toneless(readings[i] || ""));
    });
  }
  const options = { toneType: "none", type: "array", v: true, nonZh: "consecutive" };
  /** What the id code is given for the character alone, as a surname and not. */
  const alone = (c) => [pinyin(c, { ...options, surname: "head" }), pinyin(c, { ...options, surname: "off" })];
  const fixed = new Map();
  const first = new Map();
  for (const c of gb2312Characters()) {
    if (special.has(c)) continue;
    const own = DICT1.get(c);
    if (own === undefined) continue;
    const ownReadings = own.split(" ").map(toneless);
    const readings = new Set([...ownReadings, ...(inWords.get(c) ?? [])]);
    const [word] = readings;
    if (readings.size === 1 && /^[a-z]+$/.test(word) && alone(c).every((r) => r.length === 1 && r[0] === word)) {
      fixed.set(c, word);
      continue;
    }
    // Not covered by a word, the character reads as its first reading (pinyin-pro's getSingleWordPinyin).
    const firstWord = ownReadings[0];
    if (/^[a-z]+$/.test(firstWord) && pinyin(c, { ...options, surname: "off" }).join(" ") === firstWord) first.set(c, firstWord);
  }
  // A one-character surname or rule read as the first reading changes nothing.
  const headPatterns = new Set([...first.keys()].filter((c) => [...(onePattern.get(c) ?? [])].some((r) => r !== first.get(c))));
  const pairs = new Set();
  for (const pattern of PatternsNormal) {
    const chars = splitString(pattern.zh);
    for (let i = 0; i + 1 < chars.length; i++) if (first.has(chars[i]) || first.has(chars[i + 1])) pairs.add(chars[i] + chars[i + 1]);
  }
  return { fixed, first, headPatterns, pairs };
}

/** The TypeScript source of src/import/pinyin-table.ts: characters grouped by their word, words and pairs in code-point order. */
export function tableSource({ fixed, first, headPatterns, pairs }, version) {
  const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const grouped = (table) => {
    const byWord = new Map();
    for (const [c, word] of table) byWord.set(word, (byWord.get(word) ?? "") + c);
    return [...byWord.keys()].sort(byCode).map((w) => `  ${w}: "${byWord.get(w)}",`).join("\n");
  };
  const wrap = (items, per) => {
    const lines = [];
    for (let i = 0; i < items.length; i += per) lines.push(`  "${items.slice(i, i + per).join(" ")}",`);
    return lines.join("\n");
  };
  return `// Written by scripts/pinyin-table.mjs from pinyin-pro ${version}; do not edit (see that script).
/**
 * Characters whose id word is always the same, whatever stands around them (issue 29): each
 * word with the characters that read as it. A name made only of these characters has the ids
 * pinyin-pro would give it without segmenting the name.
 */
export const FIXED_READINGS: Readonly<Record<string, string>> = {
${grouped(fixed)}
};

/**
 * The other characters: each word with the characters that read as it where no dictionary word
 * covers them (their first reading).
 */
export const FIRST_READINGS: Readonly<Record<string, string>> = {
${grouped(first)}
};

/** Characters of FIRST_READINGS that are a one-character surname or rule with another reading: read so at the head of a name. */
export const HEAD_PATTERNS = "${[...headPatterns].sort(byCode).join("")}";

/** Two neighbouring characters of a dictionary word, surname or rule, one of them in FIRST_READINGS (space-separated). */
export const WORD_PAIRS: readonly string[] = [
${wrap([...pairs].sort(byCode), 40)}
];
`;
}

export async function pinyinProVersion() {
  const { default: pkg } = await import("pinyin-pro/package.json", { with: { type: "json" } });
  return pkg.version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tables = await readingTables();
  const out = fileURLToPath(new URL("../src/import/pinyin-table.ts", import.meta.url));
  fs.writeFileSync(out, tableSource(tables, await pinyinProVersion()));
  console.error(`${tables.fixed.size} fixed and ${tables.first.size} other characters of ${gb2312Characters().length}, ${tables.pairs.size} pairs, written to ${out}`);
}
