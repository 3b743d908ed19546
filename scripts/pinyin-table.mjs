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

/** char → its one id word, for the characters whose reading never changes (see the header). */
export async function fixedReadings() {
  const { pinyin } = await import("pinyin-pro");
  const { default: DICT1 } = await esm("data/dict1.mjs");
  const { PatternsNormal } = await esm("data/patterns.mjs");
  const { toneSandhiList } = await esm("data/special.mjs");
  const { splitString } = await esm("common/utils.mjs");
  const special = new Set([...toneSandhiList, "了", "々"]);
  /** Every toneless reading a character is given anywhere in the word, surname and rule lists. */
  const inWords = new Map();
  for (const pattern of PatternsNormal) {
    const chars = splitString(pattern.zh);
    const readings = pattern.pinyin.split(" ");
    chars.forEach((c, i) => {
      if (!inWords.has(c)) inWords.set(c, new Set());
      inWords.get(c).add(toneless(readings[i] || ""));
    });
  }
  const table = new Map();
  for (const c of gb2312Characters()) {
    if (special.has(c)) continue;
    const own = DICT1.get(c);
    if (own === undefined) continue;
    const readings = new Set([...own.split(" ").map(toneless), ...(inWords.get(c) ?? [])]);
    if (readings.size !== 1) continue;
    const [word] = readings;
    if (!/^[a-z]+$/.test(word)) continue;
    // What the id code is given for the character alone, as a surname and not, must be that word.
    const options = { toneType: "none", type: "array", v: true, nonZh: "consecutive" };
    const alone = [pinyin(c, { ...options, surname: "head" }), pinyin(c, { ...options, surname: "off" })];
    if (alone.some((r) => r.length !== 1 || r[0] !== word)) continue;
    table.set(c, word);
  }
  return table;
}

/** The TypeScript source of src/import/pinyin-table.ts: characters grouped by their word, words in code-point order. */
export function tableSource(table, version) {
  const byWord = new Map();
  for (const [c, word] of table) byWord.set(word, (byWord.get(word) ?? "") + c);
  const words = [...byWord.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = words.map((w) => `  ${w}: "${byWord.get(w)}",`);
  return `// Written by scripts/pinyin-table.mjs from pinyin-pro ${version}; do not edit (see that script).
/**
 * Characters whose id word is always the same, whatever stands around them (issue 29): each
 * word with the characters that read as it. A name made only of these characters has the ids
 * pinyin-pro would give it without segmenting the name.
 */
export const FIXED_READINGS: Readonly<Record<string, string>> = {
${lines.join("\n")}
};
`;
}

export async function pinyinProVersion() {
  const { default: pkg } = await import("pinyin-pro/package.json", { with: { type: "json" } });
  return pkg.version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = await fixedReadings();
  const out = fileURLToPath(new URL("../src/import/pinyin-table.ts", import.meta.url));
  fs.writeFileSync(out, tableSource(table, await pinyinProVersion()));
  console.error(`${table.size} of ${gb2312Characters().length} characters written to ${out}`);
}
