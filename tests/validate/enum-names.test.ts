/**
 * Every enum accepts its Chinese names as well as its codes: the schemas list both (so editors
 * complete them; checked by schema-enums.test.ts), the model reads names as codes, and a wrong
 * value is answered with the nearest code or name, listed in the message itself.
 */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { buildModel } from "../../src/model/build.js";
import { validateRepository } from "../../src/validate/index.js";
import { findingMessage } from "../../src/report/diagnostics.js";
import { validateFiles, writeRepo } from "../helpers/repo.js";

describe("Chinese names of enums", () => {
  it("accepts the Chinese names in the files, and the model uses the codes", () => {
    const dir = writeRepo({
      "branches/b1/staff.yaml": "staff:\n  - {id: liu-guodong, name: 刘国栋, position: 大堂经理, gender: 男}\n",
      "branches/b1/prospects.yaml":
        "prospects:\n  - {id: p-1, name: 陈先生, tier: 有价值客户, source: {kind: 银行员工推荐, staff: liu-guodong}, events: [{date: 2012-03-01, kind: 大额资金异动, amount: 80万}]}\n",
      "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: 电话, with: [liu-guodong]}\n",
      "branches/b1/competitors.yaml": "competitors:\n  - {name: 某证券, kind: 证券}\n",
    });
    try {
      const repo = loadRepository(dir);
      const validation = validateRepository(repo);
      expect(validation.findings).toEqual([]);
      const { model } = buildModel(repo, validation.filesWithErrors);
      const branch = model.branches[0]!;
      expect(branch.staff.map((s) => [s.position, s.category, s.gender])).toEqual([["lobby_manager", "daily", "M"]]);
      expect(branch.prospects.map((p) => [p.tier, p.referral?.kind, p.events[0]?.kind])).toEqual([["valuable", "staff_referral", "large_movement"]]);
      expect(branch.activities.map((a) => a.kind)).toEqual(["call"]);
      expect(branch.competitors.map((c) => c.kind)).toEqual(["securities"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers a wrong position with the nearest ones, never with a document the data repository lacks", () => {
    const result = validateFiles({ "branches/b1/staff.yaml": "staff:\n  - {id: a, name: 王芳, position: 大堂经里}\n" });
    expect(result.findings.map((f) => [f.code, f.params.suggestion])).toEqual([["INVALID_POSITION", "大堂经理"]]);
    for (const lang of ["zh", "en"] as const) {
      const message = findingMessage(result.findings[0]!, lang);
      expect(message).toContain("lobby_manager 大堂经理");
      expect(message).not.toContain("docs/");
    }
  });

  it("lists an enum's codes with their names", () => {
    const result = validateFiles({ "branches/b1/activities.yaml": "activities:\n  - {date: 2012-03-01, kind: 电活}\n" });
    expect(result.findings.map((f) => [f.code, f.params.suggestion])).toEqual([["INVALID_ENUM", "电话"]]);
    expect(findingMessage(result.findings[0]!, "zh")).toContain("call 电话, sms 短信");
  });
});
