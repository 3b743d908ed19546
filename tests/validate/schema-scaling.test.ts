/**
 * Issue 28: schema findings must cost the same per entry however many entries fail. Each
 * failed `if`/`then` (a conversion of kind asset without its amount) gives a wrapper error
 * that was checked against every other error (a `startsWith` of each error's path on each
 * other's): 32,000 such staff took 25 s to validate, the time growing with the square of the
 * count. Counted here, not timed (speed is the bench's business, and a timed ratio failed on a
 * busy machine): the `startsWith` calls of the schema check on a file eight times larger must
 * be at most about eight times as many; the old scan made them 64 times as many.
 */
import * as fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { checkFileSchema } from "../../src/validate/schema.js";
import { writeRepo } from "../helpers/repo.js";

function staffWithoutAmounts(n: number): string {
  return `staff:\n${Array.from({ length: n }, (_, i) => `  - {id: s${i}, name: 王芳${i}, position: wealth_manager, conversion: {kind: asset, at: 2012-02-20 10:30}}\n`).join("")}`;
}

/** The schema findings of a staff file of `n` such entries, and how many times the check called `startsWith`. */
function schemaCheck(n: number): { codes: string[]; startsWith: number } {
  const dir = writeRepo({ "branches/b1/staff.yaml": staffWithoutAmounts(n) });
  try {
    const file = loadRepository(dir).files.find((f) => f.file === "branches/b1/staff.yaml")!;
    const startsWith = vi.spyOn(String.prototype, "startsWith");
    try {
      const codes = checkFileSchema(file).map((f) => `${f.code}:${f.path}`);
      return { codes, startsWith: startsWith.mock.calls.length };
    } finally {
      startsWith.mockRestore();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("schema findings at scale", () => {
  it("one MISSING_FIELD per entry whose conversion lacks its amount, the work linear in the entries", () => {
    const small = schemaCheck(500);
    const large = schemaCheck(4_000);
    expect(small.codes).toHaveLength(500);
    expect(large.codes).toHaveLength(4_000);
    expect(large.codes[3_999]).toBe("MISSING_FIELD:staff[3999].conversion");
    expect(new Set(large.codes.map((c) => c.split(":")[0]))).toEqual(new Set(["MISSING_FIELD"]));
    // Linear: eight times the entries, eight times the calls (a constant more or less); the scan made it 64 times.
    expect(small.startsWith).toBeGreaterThan(0);
    expect(large.startsWith / small.startsWith).toBeLessThan(8.5);
  }, 120_000);
});
