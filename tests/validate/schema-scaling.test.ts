/**
 * Issue 28: schema findings must cost the same per entry however many entries fail. Each
 * failed `if`/`then` (a conversion of kind asset without its amount) gives a wrapper error
 * that was checked against every other error: 32,000 such staff took 25 s to validate, and
 * the time grew with the square of the count. Timed here is the schema check alone, on a file
 * eight times larger: linear work takes about 8 times as long; the old scan took 27 times as
 * long (2,000 and 16,000 entries on the project's machine).
 */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { checkFileSchema } from "../../src/validate/schema.js";
import { writeRepo } from "../helpers/repo.js";

function staffWithoutAmounts(n: number): string {
  return `staff:\n${Array.from({ length: n }, (_, i) => `  - {id: s${i}, name: 王芳${i}, position: wealth_manager, conversion: {kind: asset, at: 2012-02-20 10:30}}\n`).join("")}`;
}

/** The schema findings of a staff file of `n` such entries, and the fastest of three timings of the check (ms). */
function schemaCheck(n: number): { codes: string[]; ms: number } {
  const dir = writeRepo({ "branches/b1/staff.yaml": staffWithoutAmounts(n) });
  try {
    const file = loadRepository(dir).files.find((f) => f.file === "branches/b1/staff.yaml")!;
    let codes: string[] = [];
    let fastest = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      codes = checkFileSchema(file).map((f) => `${f.code}:${f.path}`);
      fastest = Math.min(fastest, performance.now() - start);
    }
    return { codes, ms: fastest };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("schema findings at scale", () => {
  it("one MISSING_FIELD per entry whose conversion lacks its amount, in time linear in the entries", () => {
    const small = schemaCheck(2_000);
    const large = schemaCheck(16_000);
    expect(small.codes).toHaveLength(2_000);
    expect(large.codes).toHaveLength(16_000);
    expect(large.codes[15_999]).toBe("MISSING_FIELD:staff[15999].conversion");
    expect(new Set(large.codes.map((c) => c.split(":")[0]))).toEqual(new Set(["MISSING_FIELD"]));
    // Linear is 4x; the quadratic scan made it ~16x.
    expect(large.ms / small.ms).toBeLessThan(8);
  }, 120_000);
});
