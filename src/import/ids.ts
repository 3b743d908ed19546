/**
 * Ids for imported people, in the repository's own style: staff by the pinyin of their name,
 * surname first (王芳 → wang-fang, 欧阳修 → ouyang-xiu, 吕建华 → lv-jianhua), prospects as
 * p-<surname>-<number> (陈先生 → p-chen-012, numbered on from the highest number in use).
 * Staff and prospects share one namespace; a taken id gets a suffix (wang-fang-2).
 */
import { runtimeImport } from "./runtime-import.js";
/** Pinyin syllables of Chinese text (pinyin-pro's `pinyin` as an array, without tones). */
export type Pinyin = (text: string, asSurname: boolean) => string[];

/**
 * Loads pinyin-pro on first use (its dictionary is large, and no other command needs it), and
 * gives the syllables of a text, surname readings at the start when asked (单 shan, 曾 zeng).
 */
export async function loadPinyin(): Promise<Pinyin> {
  const { pinyin } = await runtimeImport<typeof import("pinyin-pro")>("pinyin-pro");
  // The tables (50 KB) are a chunk of their own, loaded with pinyin-pro: no other command needs them.
  const tables = readingTables(await import("./pinyin-table.js"));
  return (text, asSurname) =>
    readFromTables(tables, text) ?? pinyin(text, { toneType: "none", type: "array", v: true, nonZh: "consecutive", surname: asSurname ? "head" : "off" });
}

/**
 * pinyin-pro segments every text into dictionary words before it reads it (about 15 µs a name;
 * 200,000 names took three seconds, issue 29). Most names need none of that, and are read from
 * tables made from pinyin-pro's own dictionaries (src/import/pinyin-table.ts, see
 * scripts/pinyin-table.mjs): a character whose reading never changes reads as the table says;
 * any other reads as its first reading unless a dictionary word may cover it, that is unless it
 * stands next to a character it forms part of a word with, or it begins the name and is a
 * surname of one character read otherwise (单 shan, 曾 zeng). Such a name, and a name with a character in no table, is read by
 * pinyin-pro as before. tests/import/pinyin-table.test.ts compares both readings.
 */
interface ReadingTables {
  fixed: Map<string, string>;
  first: Map<string, string>;
  headPatterns: Set<string>;
  pairs: Set<string>;
}

let tablesMemo: ReadingTables | null = null;

function readingTables({ FIXED_READINGS, FIRST_READINGS, HEAD_PATTERNS, WORD_PAIRS }: typeof import("./pinyin-table.js")): ReadingTables {
  if (tablesMemo === null) {
    const byChar = (table: Readonly<Record<string, string>>) => {
      const map = new Map<string, string>();
      for (const [word, chars] of Object.entries(table)) for (const c of chars) map.set(c, word);
      return map;
    };
    tablesMemo = {
      fixed: byChar(FIXED_READINGS),
      first: byChar(FIRST_READINGS),
      headPatterns: new Set(HEAD_PATTERNS),
      pairs: new Set(WORD_PAIRS.flatMap((line) => line.split(" "))),
    };
  }
  return tablesMemo;
}

/** The syllables of text read from the tables, or null when pinyin-pro must read it. */
function readFromTables(tables: ReadingTables, text: string): string[] | null {
  if (text === "") return null;
  const words: string[] = [];
  // The tables hold characters of one UTF-16 unit only: any other unit is not found and sends the text to pinyin-pro.
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const fixed = tables.fixed.get(c);
    if (fixed !== undefined) {
      words.push(fixed);
      continue;
    }
    const first = tables.first.get(c);
    if (first === undefined) return null;
    if (i === 0 && tables.headPatterns.has(c)) return null;
    if (i > 0 && tables.pairs.has(text[i - 1]! + c)) return null;
    if (i + 1 < text.length && tables.pairs.has(c + text[i + 1]!)) return null;
    words.push(first);
  }
  return words;
}

/** Compound surnames (复姓) read as one: 欧阳修 is ouyang-xiu, not ou-yangxiu. */
const COMPOUND_SURNAMES = new Set([
  "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "端木",
  "长孙", "宇文", "轩辕", "百里", "呼延", "南宫", "西门", "独孤", "申屠", "澹台", "太史", "闻人", "万俟",
  "赫连", "钟离", "濮阳", "淳于", "单于", "公冶", "宗政", "仲孙", "拓跋", "司空", "东郭", "第五",
]);

const HAN = /\p{Script=Han}/u;
/** A name of CJK Unified Ideographs U+4E00–U+9FFF only. */
const PLAIN_HAN = /^[\u4e00-\u9fff]+$/;

/** Lower-case ASCII words from any text: ü as v (as in lv), everything else not a-z or 0-9 a separator. */
function slugWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/ü/g, "v")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

const PLAIN_WORD = /^[a-z0-9]+$/;

/** The pinyin syllables of text as id words. */
function syllables(pinyin: Pinyin, text: string, asSurname: boolean): string[] {
  if (text === "") return [];
  // A syllable is almost always plain a-z already: taken as it is, it is what slugWords makes of it.
  const words: string[] = [];
  for (const s of pinyin(text, asSurname)) {
    if (PLAIN_WORD.test(s)) words.push(s);
    else words.push(...slugWords(s));
  }
  return words;
}

/** An id is typed by people: a part made from a very long name is cut (whole words kept where they fit). */
const ID_PART_MAX = 32;

function shortPart(part: string): string {
  return part.length <= ID_PART_MAX ? part : part.slice(0, ID_PART_MAX).replace(/-+$/, "");
}

/** Surname and given name of a person's name, as pinyin words; a name without Chinese characters is split into words. */
export function nameParts(pinyin: Pinyin, name: string): { surname: string; given: string } {
  const { surname, given } = namePartsWhole(pinyin, name);
  return { surname: shortPart(surname), given: shortPart(given) };
}

function namePartsWhole(pinyin: Pinyin, name: string): { surname: string; given: string } {
  // Most names are common Chinese characters alone (one UTF-16 unit each): nothing to clean, and cut by index.
  const plain = PLAIN_HAN.test(name);
  const clean = plain ? name : name.trim().replace(/[\s·•]+/g, "");
  if (!plain && !HAN.test(clean)) {
    const words = slugWords(name);
    return { surname: words[0] ?? "", given: words.slice(1).join("-") };
  }
  const chars = plain ? null : [...clean];
  const head = (n: number) => (chars === null ? clean.slice(0, n) : chars.slice(0, n).join(""));
  const surnameLength = COMPOUND_SURNAMES.has(head(2)) ? 2 : 1;
  const surnameText = head(surnameLength);
  const full = syllables(pinyin, clean, true);
  const surnameSyllables = surnameLengthIn(pinyin, surnameText);
  return { surname: full.slice(0, surnameSyllables).join(""), given: full.slice(surnameSyllables).join("") };
}

/**
 * How many id words a surname reads as, asked of pinyin once per surname: a department's sheet
 * of 200,000 people has a few hundred surnames (issue 29).
 */
const surnameLengths = new WeakMap<Pinyin, Map<string, number>>();

function surnameLengthIn(pinyin: Pinyin, surname: string): number {
  let known = surnameLengths.get(pinyin);
  if (known === undefined) surnameLengths.set(pinyin, (known = new Map()));
  let length = known.get(surname);
  if (length === undefined) known.set(surname, (length = syllables(pinyin, surname, true).length));
  return length;
}

/** Honorifics that stand for a name in a prospect list: 陈先生, 刘女士, 徐总. */
const HONORIFICS = /(先生|女士|小姐|太太|老师|阿姨|大姐|大哥|总|经理|老板|师傅)$/;

function withSuffix(base: string, taken: Pick<ReadonlySet<string>, "has">): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A staff id from the name, unique against `taken`. */
export function staffId(pinyin: Pinyin, name: string, taken: Pick<ReadonlySet<string>, "has">): string {
  const { surname, given } = nameParts(pinyin, name);
  const base = [surname, given].filter((p) => p !== "").join("-") || "staff";
  return withSuffix(/^[a-z0-9]/.test(base) ? base : `staff-${base}`, taken);
}

/** The highest number ending a p-…-NNN id, so new prospects continue the repository's numbering. */
export function highestProspectNumber(ids: Iterable<string>): number {
  let max = 0;
  for (const id of ids) {
    const m = /^p-(?:[a-z0-9-]*-)?(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** p-<surname>-<number>: the next number after `last` whose id is free. Returns the id and the number used. */
export function prospectId(pinyin: Pinyin, name: string, taken: Pick<ReadonlySet<string>, "has">, last: number): { id: string; number: number } {
  const { surname } = nameParts(pinyin, name.trim().replace(HONORIFICS, "") || name);
  for (let n = last + 1; ; n++) {
    const id = `p-${surname === "" ? "" : `${surname}-`}${String(n).padStart(3, "0")}`;
    if (!taken.has(id)) return { id, number: n };
  }
}
