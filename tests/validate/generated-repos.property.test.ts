/**
 * Repositories generated to follow the contract validate clean, whatever written forms they
 * use; and a defect planted in one is reported at the line where it was planted.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadRepository } from "../../src/load/parse-file.js";
import { POSITIONS } from "../../src/model/types.js";
import { isoDate } from "../../src/model/values.js";
import { validateRepository } from "../../src/validate/index.js";
import { writeRepo, type RepoFiles } from "../helpers/repo.js";

const day = fc
  .record({ y: fc.integer({ min: 1950, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => isoDate(y, m, d));
const time = fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) }).map(({ h, mi }) => `${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}`);
const datetime = fc.tuple(day, time, fc.constantFrom(" ", "T")).map(([d, t, sep]) => `${d}${sep}${t}`);
const money = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 1, max: 9999 }).map((n) => `${n}万`),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n}.5万`),
  fc.integer({ min: 1, max: 30 }).map((n) => `${n}亿`),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => `${n}元`),
  fc.integer({ min: 1000, max: 99_999_999 }).map((n) => n.toLocaleString("en-US")),
);
const phone = fc.oneof(
  fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 })).map(([a, b]) => `1${a}${String(b).padStart(9, "0")}`),
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => `0755-${String(n).padStart(8, "0")}`),
);
const birthday = fc.oneof(day, day.map((d) => `--${d.slice(5)}`), fc.constant("--02-29"));
const lunar = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }))
  .map(([leap, m, d]) => `${leap ? "闰" : ""}${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const chineseName = fc.constantFrom("王芳", "李强", "张伟", "刘洋", "陈静", "赵敏", "孙磊", "周涛", "吴婷", "郑雪");

const conversion = fc.oneof(
  fc.record({ kind: fc.constantFrom("asset", "fund"), amount: money, at: datetime }),
  fc.record({ kind: fc.constant("product"), product: fc.constantFrom("长城2号", "长城1号"), at: datetime }),
);

const staffMember = fc.record(
  {
    name: chineseName,
    position: fc.constantFrom(...POSITIONS),
    key: fc.boolean(),
    gender: fc.constantFrom("F", "M"),
    phone,
    birthday,
    lunar_birthday: lunar,
    joined: day,
    hq_registered: day,
    cadence_days: fc.integer({ min: 1, max: 90 }),
    conversion,
    hobbies: fc.array(fc.constantFrom("羽毛球", "旅游", "书法"), { maxLength: 3 }),
    notes: fc.string(),
  },
  { requiredKeys: ["name", "position"] },
);

const branchArb = fc.record({
  staff: fc.array(staffMember, { maxLength: 6 }),
  sales: fc.array(fc.record({ date: day, product: fc.constantFrom("长城2号", "定期存款"), amount: money }), { maxLength: 4 }),
  reviewed: fc.option(day, { nil: undefined }),
});

/** A repository following the contract: ids unique and every reference resolving. */
const repoArb = fc.record({ branches: fc.array(branchArb, { minLength: 1, maxLength: 4 }), amCovered: fc.boolean() }).map(({ branches, amCovered }) => {
  const files: RepoFiles = {
    "channel.yaml": stringify({ version: 1, organisation: "长城证券", timezone: "Asia/Shanghai" }),
    "departments.yaml": stringify({ departments: [{ id: "d1", name: "营业部", am_covered: amCovered }] }),
  };
  let person = 0;
  branches.forEach((b, i) => {
    const id = `cmb-${i}`;
    files[`branches/${id}/branch.yaml`] = stringify({ id, name: `招商银行${i}号支行`, department: "d1" });
    const staff = b.staff.map((s) => ({ id: `p${person++}`, ...s }));
    files[`branches/${id}/staff.yaml`] = stringify(b.reviewed === undefined ? { staff } : { reviewed: b.reviewed, staff });
    files[`branches/${id}/kpis.yaml`] = stringify({ sales: b.sales });
    files[`branches/${id}/activities.yaml`] = stringify({ activities: staff.map((s) => ({ date: "2012-03-01", kind: "call", with: [s.id] })) });
  });
  return files;
});

function validate(files: RepoFiles) {
  const dir = writeRepo(files, {});
  try {
    return validateRepository(loadRepository(dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("generated repositories", () => {
  it("validate clean when they follow the contract", () => {
    fc.assert(
      fc.property(repoArb, (files) => {
        const result = validate(files);
        expect(result.findings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("report a planted impossible date at the line it was planted", () => {
    fc.assert(
      fc.property(repoArb, fc.nat(), (files, pick) => {
        const staffFiles = Object.keys(files).filter((f) => f.endsWith("staff.yaml")).sort();
        const target = staffFiles[pick % staffFiles.length]!;
        const lines = String(files[target]).split("\n");
        lines.splice(lines.length - 1, 0, "# 下面一行是故意写错的", "reviewed_typo: 2012-02-30");
        const planted = { ...files, [target]: lines.join("\n").replace(/^reviewed: .*\n/m, "").replace("reviewed_typo", "reviewed") };
        const plantedLine = String(planted[target]).split("\n").indexOf("reviewed: 2012-02-30") + 1;
        const result = validate(planted);
        expect(result.findings.map((f) => [f.code, f.file, f.line, f.column])).toEqual([["DATE_DOES_NOT_EXIST", target, plantedLine, 11]]);
      }),
      { numRuns: 30 },
    );
  });
});
