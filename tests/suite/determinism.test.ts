/**
 * The suite gives the same answer for the same commit on every run: fast-check starts from the
 * fixed seed unless CHANNEL_PROPERTY_SEED asks otherwise, and no test draws its own random
 * numbers (the fuzzer and the kill test use seeded generators from scripts/fuzz/mutate.mjs).
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/cli.js";
import { FIXED_PROPERTY_SEED } from "../setup/property-seed.js";

function sourcesUnder(rel: string): string[] {
  return fs
    .readdirSync(path.join(PROJECT_ROOT, rel), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|mts|mjs)$/.test(name) && !name.split(path.sep).includes("fixtures"))
    .map((name) => path.join(rel, name))
    .sort();
}

describe("the suite is deterministic", () => {
  it("property tests start from one seed: the fixed one unless CHANNEL_PROPERTY_SEED asks for another", () => {
    const asked = process.env.CHANNEL_PROPERTY_SEED?.trim() ?? "";
    const seed = fc.readConfigureGlobal().seed;
    if (asked === "") expect(seed).toBe(FIXED_PROPERTY_SEED);
    else if (asked === "random") expect(Number.isInteger(seed)).toBe(true);
    else expect(seed).toBe(Number(asked));
    // Two samples of the same arbitrary agree: nothing reseeds between them.
    expect(fc.sample(fc.integer(), 5)).toEqual(fc.sample(fc.integer(), 5));
  });

  it("no test or fuzz script draws unseeded random numbers", () => {
    const offenders = [...sourcesUnder("tests"), ...sourcesUnder(path.join("scripts", "fuzz"))]
      .filter((rel) => rel !== path.join("tests", "setup", "property-seed.ts") && rel !== path.join("tests", "suite", "determinism.test.ts"))
      .filter((rel) => /Math\.random\s*\(/.test(fs.readFileSync(path.join(PROJECT_ROOT, rel), "utf8")));
    expect(offenders).toEqual([]);
  });
});
