/**
 * The reproducers of the error catalogue: one small repository per diagnostic (or per hint of
 * one), with where the diagnostic is reported. Used by the catalogue itself and by the check
 * of what the schemas alone catch (tests/validate/schemas-elsewhere.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { FindingCode, Severity } from "../../src/findings.js";
import type { RepoFiles } from "../helpers/repo.js";

export interface Case {
  code: FindingCode;
  files: RepoFiles;
  /** Runs after the files are written (symlinks). */
  setup?: (dir: string) => void;
  at: { file: string; line: number; column: number };
  severity?: Severity;
  /** How many diagnostics the reproducer gives in all: one mistake is one diagnostic, unless told. */
  count?: number;
}

/** channel.yaml up to its `holidays:` list (issue 23). */
const HOLIDAY_HEAD = "version: 1\norganisation: 长城证券\nholidays:\n";
const STAFF_HEAD = "staff:\n  - id: a\n    name: 王芳\n    position: teller\n";
const GBK_WANG_FANG = [0xcd, 0xf5, 0xb7, 0xbc]; // 王芳 in GBK

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
}

function aliasBomb(): string {
  let text = 'notes: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\n';
  for (let i = 1; i < 8; i++) text += `n${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  return text;
}

export const CASES: Case[] = [
  { code: "FILE_UNREADABLE", files: { "branches/b1/staff.yaml": null }, at: { file: "branches/b1/staff.yaml", line: 1, column: 1 } },
  {
    code: "FILE_TOO_LARGE",
    files: { "branches/b1/staff.yaml": "# " + "x".repeat(10 * 1024 * 1024) + "\n" },
    at: { file: "branches/b1/staff.yaml", line: 1, column: 1 },
  },
  {
    code: "SYMLINK_OUTSIDE_REPOSITORY",
    files: {},
    setup: (dir) => fs.symlinkSync("/etc/passwd", path.join(dir, "branches/b1/staff.yaml")),
    at: { file: "branches/b1/staff.yaml", line: 1, column: 1 },
  },
  {
    code: "ENCODING_UTF16",
    files: { "branches/b1/staff.yaml": bytes([0xff, 0xfe], [...Buffer.from("staff: []\n", "utf16le")]) },
    at: { file: "branches/b1/staff.yaml", line: 1, column: 1 },
  },
  {
    code: "ENCODING_GBK",
    files: { "branches/b1/staff.yaml": bytes("staff:\n  - id: a\n    name: ", GBK_WANG_FANG, "\n    position: teller\n") },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 11 },
  },
  {
    code: "ENCODING_INVALID_UTF8",
    files: { "branches/b1/staff.yaml": bytes("staff: []\n# 说明", [0xff, 0xfe, 0xfd], "\n") },
    at: { file: "branches/b1/staff.yaml", line: 2, column: 5 },
  },
  {
    code: "MERGE_CONFLICT",
    files: { "branches/b1/staff.yaml": "staff:\n<<<<<<< HEAD\n  - id: a\n=======\n  - id: b\n>>>>>>> feature\n" },
    at: { file: "branches/b1/staff.yaml", line: 2, column: 1 },
  },
  {
    code: "YAML_SYNTAX",
    // A line that is neither `key: value` nor a list item, with no typing slip to name.
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    王芳\n" },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 5 },
  },
  {
    code: "YAML_DUPLICATE_KEY",
    files: { "branches/b1/staff.yaml": "reviewed: 2012-01-01\nreviewed: 2012-02-01\n" },
    at: { file: "branches/b1/staff.yaml", line: 2, column: 1 },
  },
  {
    code: "YAML_TAB_INDENT",
    files: { "branches/b1/staff.yaml": "staff:\n\t- id: a\n" },
    at: { file: "branches/b1/staff.yaml", line: 2, column: 1 },
  },
  { code: "YAML_ALIAS_LIMIT", files: { "branches/b1/kpis.yaml": aliasBomb() }, at: { file: "branches/b1/kpis.yaml", line: 2, column: 10 } },
  {
    code: "YAML_MULTIPLE_DOCUMENTS",
    files: { "branches/b1/staff.yaml": "staff: []\n---\nstaff: []\n" },
    at: { file: "branches/b1/staff.yaml", line: 2, column: 1 },
  },
  {
    code: "YAML_UNSUPPORTED_TAG",
    files: { "branches/b1/staff.yaml": "reviewed: !!timestamp 2012-01-01\n" },
    at: { file: "branches/b1/staff.yaml", line: 1, column: 11 },
  },
  {
    code: "YAML_TOO_DEEP",
    // The limit is 500 levels: the key's `: ` is one, so the 500th bracket (column 507) is one too many.
    files: { "branches/b1/staff.yaml": "staff: " + "[".repeat(1001) + "]".repeat(1001) + "\n" },
    at: { file: "branches/b1/staff.yaml", line: 1, column: 507 },
  },
  { code: "UNKNOWN_FILE", files: { "branches/b1/staff.yml": "staff: []\n" }, at: { file: "branches/b1/staff.yml", line: 1, column: 1 }, severity: "warning" },
  { code: "MISSING_BRANCH_FILE", files: { "branches/b2/staff.yaml": "staff: []\n" }, at: { file: "branches/b2/branch.yaml", line: 1, column: 1 } },
  { code: "EMPTY_FILE", files: { "branches/b1/staff.yaml": "# 还没有人员\n" }, at: { file: "branches/b1/staff.yaml", line: 1, column: 1 }, severity: "warning" },
  { code: "UNKNOWN_KEY", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    birthdya: 1985-06-15\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 5 } },
  { code: "MISSING_FIELD", files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n" }, at: { file: "branches/b1/staff.yaml", line: 2, column: 5 } },
  { code: "INVALID_TYPE", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    cadence_days: 十\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 19 } },
  {
    code: "INVALID_ENUM",
    files: { "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: vist}\n" },
    at: { file: "branches/b1/activities.yaml", line: 2, column: 30 },
  },
  { code: "INVALID_VALUE", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    cadence_days: 0\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 19 } },
  { code: "INVALID_FORMAT", files: { "branches/b1/staff.yaml": STAFF_HEAD + '    qq: "0123"\n' }, at: { file: "branches/b1/staff.yaml", line: 5, column: 9 } },
  {
    code: "INVALID_ID",
    files: { "branches/b1/staff.yaml": "staff:\n  - id: Wang_Fang\n    name: 王芳\n    position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 2, column: 9 },
  },
  { code: "INVALID_DATE", files: { "branches/b1/staff.yaml": "reviewed: 2012-3-5\n" }, at: { file: "branches/b1/staff.yaml", line: 1, column: 11 } },
  { code: "DATE_DOES_NOT_EXIST", files: { "branches/b1/staff.yaml": "reviewed: 2012-02-30\n" }, at: { file: "branches/b1/staff.yaml", line: 1, column: 11 } },
  {
    code: "INVALID_DATETIME",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    conversion: {kind: product, product: 长城2号, at: 2012-02-20 25:00}\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 52 },
  },
  {
    code: "DATETIME_WITHOUT_TIME",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    conversion:\n      kind: asset\n      amount: 5万\n      at: 2012-02-20\n" },
    at: { file: "branches/b1/staff.yaml", line: 8, column: 11 },
  },
  { code: "INVALID_MONTH", files: { "branches/b1/kpis.yaml": "months:\n  - month: 2012-13\n" }, at: { file: "branches/b1/kpis.yaml", line: 2, column: 12 } },
  { code: "INVALID_BIRTHDAY", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    birthday: 06-15\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 15 } },
  {
    code: "INVALID_LUNAR_BIRTHDAY",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + '    lunar_birthday: "13-01"\n' },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 21 },
  },
  {
    code: "INVALID_MONEY",
    files: { "branches/b1/kpis.yaml": "sales:\n  - {date: 2012-03-01, product: 长城2号, amount: -5万}\n" },
    at: { file: "branches/b1/kpis.yaml", line: 2, column: 47 },
  },
  { code: "PHONE_NOT_QUOTED", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    phone: 13800138000\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 12 } },
  { code: "INVALID_PHONE", files: { "branches/b1/staff.yaml": STAFF_HEAD + '    phone: "1380013800"\n' }, at: { file: "branches/b1/staff.yaml", line: 5, column: 12 } },
  {
    code: "INVALID_POSITION",
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n    position: tellr\n" },
    at: { file: "branches/b1/staff.yaml", line: 4, column: 15 },
  },
  {
    code: "DATE_DOES_NOT_EXIST",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    birthday: --02-30\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 15 },
  },
  {
    code: "INVALID_DATETIME",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    conversion: {kind: product, product: 长城2号, at: 2012-02-14 25:61}\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 52 },
  },
  { code: "INVALID_TIMEZONE", files: { "channel.yaml": "version: 1\norganisation: 长城证券\ntimezone: Asia/Shanghia\n" }, at: { file: "channel.yaml", line: 3, column: 11 } },
  { code: "INVALID_TIMEZONE", files: { "channel.yaml": "version: 1\norganisation: 长城证券\ntimezone: Mars/Base\n" }, at: { file: "channel.yaml", line: 3, column: 11 } },
  {
    code: "BRANCH_ID_MISMATCH",
    files: { "branches/b1/branch.yaml": "id: b2\nname: 招商银行测试支行\ndepartment: d1\n" },
    at: { file: "branches/b1/branch.yaml", line: 1, column: 5 },
  },
  {
    code: "DUPLICATE_ID",
    files: { "branches/b1/staff.yaml": STAFF_HEAD, "branches/b1/prospects.yaml": "prospects:\n  - id: a\n    name: 陈先生\n" },
    // Staff come first in the shared namespace; the prospect is the duplicate.
    at: { file: "branches/b1/prospects.yaml", line: 2, column: 9 },
  },
  {
    code: "DUPLICATE_BRANCH_ID",
    files: { "branches/b2/branch.yaml": "id: b1\nname: 另一个支行\ndepartment: d1\n" },
    at: { file: "branches/b2/branch.yaml", line: 1, column: 5 },
    // A branch id equals its folder's name, so a second b1 differs from its folder too.
    count: 2,
  },
  {
    code: "DUPLICATE_DEPARTMENT_ID",
    files: { "departments.yaml": "departments:\n  - id: d1\n    name: 甲\n  - id: d1\n    name: 乙\n" },
    at: { file: "departments.yaml", line: 4, column: 9 },
  },
  {
    code: "DUPLICATE_MONTH",
    files: { "branches/b1/kpis.yaml": "months:\n  - month: 2012-01\n  - month: 2012-01\n" },
    at: { file: "branches/b1/kpis.yaml", line: 3, column: 12 },
    severity: "warning",
  },
  {
    code: "UNKNOWN_DEPARTMENT",
    files: { "branches/b1/branch.yaml": "id: b1\nname: 招商银行测试支行\ndepartment: d9\n" },
    at: { file: "branches/b1/branch.yaml", line: 3, column: 13 },
  },
  {
    code: "UNKNOWN_REFERENCE",
    files: { "branches/b1/staff.yaml": STAFF_HEAD, "branches/b1/activities.yaml": "activities:\n  - date: 2012-03-01\n    kind: call\n    with: [a, nobody]\n" },
    at: { file: "branches/b1/activities.yaml", line: 4, column: 15 },
  },
  // The mistakes of typing YAML by hand (one each; the fix is in the message).
  {
    code: "YAML_FULLWIDTH_COLON",
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name：刘国栋\n    position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 9 },
  },
  {
    code: "YAML_FULLWIDTH_SPACE",
    // Full-width spaces as indentation make a key the schema does not know: the spaces are the mistake.
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "　　notes: 务实\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 1 },
  },
  {
    code: "YAML_FULLWIDTH_SPACE",
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name:　刘国栋\n    position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 10 },
  },
  {
    code: "YAML_NO_SPACE_AFTER_COLON",
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name:刘国栋\n    position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 9 },
  },
  {
    code: "YAML_MISSING_DASH",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    id: b\n    name: 李强\n    position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 5 },
  },
  {
    code: "YAML_UNCLOSED_BRACKET",
    files: { "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, with: [a}\n  - {date: 2012-03-02, kind: call}\n" },
    at: { file: "branches/b1/activities.yaml", line: 2, column: 42 },
  },
  {
    code: "YAML_UNCLOSED_BRACKET",
    files: { "branches/b1/activities.yaml": "activities:\n  - date: 2012-03-01\n    with: [a\n    kind: call\n  - date: 2012-03-02\n    kind: call\n" },
    at: { file: "branches/b1/activities.yaml", line: 3, column: 11 },
  },
  {
    code: "YAML_UNCLOSED_QUOTE",
    // The parser notices the missing quote at the end of the file; the mistake is where it opens.
    files: { "branches/b1/staff.yaml": 'staff:\n  - id: a\n    name: "王芳\n    position: teller\n' },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 11 },
  },
  {
    code: "YAML_TAB_INDENT",
    // One tab among space-indented lines: no cascade from the lines after it.
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n\tname: 刘国栋\n    position: teller\n  - id: b\n    name: 李强\n    position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 3, column: 1 },
  },
  {
    code: "YAML_DUPLICATE_KEY",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    name: 李强\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 5 },
  },
  {
    code: "YAML_NO_SPACE_AFTER_COLON",
    // Two independent mistakes far apart are two diagnostics, the second where it is.
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name：刘国栋\n    position: teller\n  - id: b\n    name: 李强\n    position:teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 7, column: 13 },
    count: 2,
  },
  {
    code: "CHINESE_QUOTES",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    phone: “13907311234”\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 12 },
  },
  {
    code: "VALUE_IS_COMMENT",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    personality: #1 务实\n" },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 18 },
  },
  { code: "NOT_A_BOOLEAN", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    key: 是\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 10 } },
  {
    code: "NOT_A_BOOLEAN",
    files: { "branches/b1/branch.yaml": "id: b1\nname: 招商银行测试支行\ndepartment: d1\nbusiness:\n  head_promoted: yes\n" },
    at: { file: "branches/b1/branch.yaml", line: 5, column: 18 },
  },
  {
    code: "NOT_TEXT",
    files: { "branches/b1/kpis.yaml": "targets:\n  - {metric: deposits, period: 2012, target: 30亿}\n" },
    at: { file: "branches/b1/kpis.yaml", line: 2, column: 32 },
  },
  { code: "NOT_TEXT", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    wechat: 1e5\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 13 } },
  {
    code: "NOT_A_LIST",
    files: { "branches/b1/staff.yaml": STAFF_HEAD, "branches/b1/activities.yaml": "activities:\n  - date: 2012-03-01\n    kind: call\n    with: a\n" },
    at: { file: "branches/b1/activities.yaml", line: 4, column: 11 },
  },
  { code: "MONTH_DOES_NOT_EXIST", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    birthday: 1984-13-45\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 15 } },
  {
    code: "NAME_INSTEAD_OF_ID",
    files: { "branches/b1/staff.yaml": STAFF_HEAD, "branches/b1/activities.yaml": "activities:\n  - date: 2012-03-01\n    kind: call\n    with: [王芳]\n" },
    at: { file: "branches/b1/activities.yaml", line: 4, column: 12 },
  },
  {
    code: "NAME_INSTEAD_OF_ID",
    // A name alone where a list of ids belongs: the id, in brackets.
    files: { "branches/b1/staff.yaml": STAFF_HEAD, "branches/b1/activities.yaml": "activities:\n  - date: 2012-03-01\n    kind: call\n    with: 王芳\n" },
    at: { file: "branches/b1/activities.yaml", line: 4, column: 11 },
  },
  {
    code: "REFERENCES_NOT_CHECKED",
    files: {
      "branches/b1/staff.yaml": STAFF_HEAD + "    name: 李强\n",
      "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: call, with: [a]}\n",
    },
    // The duplicate key is the one error; the note on what it kept from being checked comes after it.
    at: { file: "branches/b1/staff.yaml", line: 1, column: 1 },
    severity: "warning",
    count: 2,
  },
  {
    code: "CONTROL_CHARACTER",
    // A raw ESC (clear screen) in a note: reported at the character itself.
    files: { "branches/b1/staff.yaml": STAFF_HEAD + '    notes: "备注\x1b[2J"\n' },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 15 },
  },
  {
    code: "MONEY_TOO_LARGE",
    files: { "branches/b1/kpis.yaml": 'sales:\n  - {date: 2012-03-01, product: 长城2号, amount: "10000000亿"}\n' },
    at: { file: "branches/b1/kpis.yaml", line: 2, column: 47 },
  },
  {
    code: "MONEY_TOO_LARGE",
    // The same as a number (1e400, which YAML reads as infinity, too): a bound any validator applies.
    files: { "branches/b1/kpis.yaml": "sales:\n  - {date: 2012-03-01, product: 长城2号, amount: 1e400}\n" },
    at: { file: "branches/b1/kpis.yaml", line: 2, column: 47 },
  },
  // People who move and leave; 分行 folders.
  {
    code: "LEFT_BEFORE_JOINED",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + "    joined: 2008-07-01\n    left: 2001-05-10\n" },
    at: { file: "branches/b1/staff.yaml", line: 6, column: 11 },
  },
  {
    code: "UNKNOWN_REFERENCE",
    // A conversion kept with the branch where it happened: that branch must be a folder here.
    files: {
      "branches/b1/staff.yaml": STAFF_HEAD + "    conversion: {kind: product, product: 长城2号, at: 2012-02-20 10:30, branch: b2}\n",
    },
    at: { file: "branches/b1/staff.yaml", line: 5, column: 78 },
  },
  {
    code: "PARENT_NOT_CITY_BRANCH",
    files: {
      "branches/b1/branch.yaml": "id: b1\nname: 招商银行测试支行\nparent: b2\ndepartment: d1\n",
      "branches/b2/branch.yaml": "id: b2\nname: 招商银行另一支行\ndepartment: d1\n",
    },
    at: { file: "branches/b1/branch.yaml", line: 3, column: 9 },
  },
  {
    code: "PARENT_IS_ITSELF",
    files: { "branches/b1/branch.yaml": "id: b1\nname: 招商银行深圳分行\nlevel: 分行\nparent: b1\ndepartment: d1\n" },
    at: { file: "branches/b1/branch.yaml", line: 4, column: 9 },
  },
  {
    code: "DUPLICATE_PERSON",
    // Moved by copying instead of moving: the second record is reported, naming the first.
    files: {
      "branches/b1/staff.yaml": STAFF_HEAD + '    phone: "13800138000"\n    left: 2012-05-10\n',
      "branches/b2/branch.yaml": "id: b2\nname: 招商银行另一支行\ndepartment: d1\n",
      "branches/b2/staff.yaml": 'staff:\n  - id: wang-fang-2\n    name: 王芳\n    position: teller\n    phone: "13800138000"\n',
    },
    at: { file: "branches/b2/staff.yaml", line: 3, column: 11 },
    severity: "warning",
  },
  // issue 25: hq_registered is a day or a datetime; customer_since, found are days.
  { code: "DATE_DOES_NOT_EXIST", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    hq_registered: 2012-02-30 09:40\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 20 } },
  { code: "INVALID_DATETIME", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    hq_registered: 2012-02-20 25:00\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 20 } },
  { code: "INVALID_DATE", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    hq_registered: 2012/02/20\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 20 } },
  { code: "INVALID_DATE", files: { "branches/b1/staff.yaml": STAFF_HEAD + "    customer_since: 2010-5-1\n" }, at: { file: "branches/b1/staff.yaml", line: 5, column: 21 } },
  { code: "INVALID_MONEY", files: { "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-09, kind: meal, cost: 三百元}\n" }, at: { file: "branches/b1/activities.yaml", line: 2, column: 42 } },
  // issue 23: recurring holidays
  { code: "INVALID_HOLIDAY_DATE", files: { "channel.yaml": HOLIDAY_HEAD + '  - {name: 国庆节, date: "10-01"}\n' }, at: { file: "channel.yaml", line: 4, column: 23 } },
  { code: "INVALID_LUNAR_DAY", files: { "channel.yaml": HOLIDAY_HEAD + '  - {name: 中秋节, lunar: "13-01"}\n' }, at: { file: "channel.yaml", line: 4, column: 24 } },
  { code: "UNKNOWN_SOLAR_TERM", files: { "channel.yaml": HOLIDAY_HEAD + "  - {name: 清明节, solar_term: 清明节}\n" }, at: { file: "channel.yaml", line: 4, column: 29 } },
  { code: "ONE_OF_FIELDS_MISSING", files: { "channel.yaml": HOLIDAY_HEAD + "  - {name: 国庆节}\n" }, at: { file: "channel.yaml", line: 4, column: 5 } },
  {
    code: "ONE_OF_FIELDS_SEVERAL",
    files: { "channel.yaml": HOLIDAY_HEAD + '  - {name: 中秋节, date: "--09-30", lunar: "08-15"}\n' },
    at: { file: "channel.yaml", line: 4, column: 34 },
  },
  // issue 26: a record both clones changed, as the merge driver writes it
  {
    code: "RECORD_CONFLICT",
    files: {
      "branches/b1/prospects.yaml":
        "prospects:\n<<<<<<< ours (channel: p-1)\n  - id: p-1\n    name: 陈先生\n    next_followup: 2012-03-28\n=======\n  - id: p-1\n    name: 陈先生\n    next_followup: 2012-03-26\n>>>>>>> theirs (channel: p-1)\n",
    },
    at: { file: "branches/b1/prospects.yaml", line: 2, column: 1 },
  },
  // issue 24: typing Chinese
  {
    code: "FULLWIDTH_COLON_ENTRY",
    // A whole entry typed with full-width colons is one text: reported once, at its first `：`.
    files: { "branches/b1/competitors.yaml": "competitors:\n  - name： 国泰君安 kind： 证券\n" },
    at: { file: "branches/b1/competitors.yaml", line: 2, column: 9 },
  },
  {
    code: "CHINESE_KEY",
    // The key names the field: no second finding for the `name` it lacks.
    files: { "branches/b1/competitors.yaml": "competitors:\n  - 名称: 国泰君安\n    kind: 证券\n" },
    at: { file: "branches/b1/competitors.yaml", line: 2, column: 5 },
  },
  {
    code: "YAML_BAD_INDENT",
    files: { "branches/b1/staff.yaml": "staff:\n  - id: a\n    name: 王芳\n   position: teller\n" },
    at: { file: "branches/b1/staff.yaml", line: 4, column: 1 },
  },
  // issue 28: 501 unknown fields in one entry: 500 listed, then one line for the rest, where the last listed one is.
  {
    code: "MORE_FINDINGS",
    files: { "branches/b1/staff.yaml": STAFF_HEAD + Array.from({ length: 501 }, (_, i) => `    extra_${i}: 1\n`).join("") },
    at: { file: "branches/b1/staff.yaml", line: 504, column: 5 },
    severity: "warning",
    count: 501,
  },
];
