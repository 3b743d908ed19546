/**
 * The error catalogue: one small reproducer per diagnostic code, asserting the code and the
 * exact file, line and column it is reported at. A code without a case fails the last test.
 */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/load/parse-file.js";
import { validateRepository } from "../../src/validate/index.js";
import { FINDING_CODES } from "../../src/findings.js";
import { writeRepo } from "../helpers/repo.js";
import { CASES } from "./catalogue-cases.js";
import { findingMessage } from "../../src/report/diagnostics.js";
import { LANGS } from "../../src/i18n/catalog.js";

/** Three English words in a row outside `code` and "quotes": a sentence that was not translated. */
function hasEnglishSentence(message: string): boolean {
  return /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(message.replace(/`[^`]*`|"[^"]*"/g, ""));
}

describe("error catalogue", () => {
  for (const c of CASES) {
    it(`${c.code} at ${c.at.file}:${c.at.line}:${c.at.column}`, () => {
      const dir = writeRepo(c.files);
      try {
        c.setup?.(dir);
        const result = validateRepository(loadRepository(dir));
        const found = result.findings.filter((f) => f.code === c.code);
        expect(found.map((f) => ({ file: f.file, line: f.line, column: f.column })), JSON.stringify(result.findings, null, 1)).toContainEqual(c.at);
        expect(found[0]!.severity).toBe(c.severity ?? "error");
        expect(result.findings.length, JSON.stringify(result.findings, null, 1)).toBe(c.count ?? 1);
        for (const lang of LANGS) {
          for (const finding of result.findings) {
            const message = findingMessage(finding, lang);
            expect(message, message).not.toMatch(/\{\w+\}/);
            if (lang === "zh") expect(hasEnglishSentence(message), message).toBe(false);
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("has a reproducer for every code", () => {
    const covered = new Set(CASES.map((c) => c.code));
    expect(FINDING_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("docs/diagnostics.md", () => {
  it("lists every code", () => {
    const doc = fs.readFileSync(new URL("../../docs/diagnostics.md", import.meta.url), "utf8");
    expect(FINDING_CODES.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
