/**
 * A `--map` file is YAML like the data files and gets the same guards and the same located
 * diagnostics (issue 14): an alias bomb or nesting thousands deep was an internal error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { MapSyntaxError, parseImportMap } from "../../src/import/map-file.js";
import { copyToTemp, runCli, scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-map-");

function aliasBomb(): string {
  let text = "duplicates: skip\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i < 9; i++) text += `x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  return text;
}

function syntaxFindings(text: string) {
  try {
    parseImportMap(text, "staff");
  } catch (error) {
    if (error instanceof MapSyntaxError) return error.problems.map((p) => ({ code: p.code, line: p.line, column: p.column }));
    throw error;
  }
  throw new Error("accepted");
}

describe("parseImportMap: YAML problems located like the data files'", () => {
  it("an alias bomb", () => {
    expect(syntaxFindings(aliasBomb())[0]).toMatchObject({ code: "YAML_ALIAS_LIMIT", line: 3 });
  });

  it("nesting thousands deep, in flow and in block form", () => {
    expect(syntaxFindings(`columns: ${"[".repeat(5000)}\n`)[0]).toMatchObject({ code: "YAML_TOO_DEEP", line: 1 });
    expect(syntaxFindings("columns:\n" + Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n") + "x\n")[0]?.code).toBe("YAML_TOO_DEEP");
  });

  it("a duplicate key, a tab, a custom tag", () => {
    expect(syntaxFindings("duplicates: skip\nduplicates: fill\n")).toEqual([{ code: "YAML_DUPLICATE_KEY", line: 2, column: 1 }]);
    expect(syntaxFindings("columns: !!binary aGVsbG8=\n")).toEqual([{ code: "YAML_UNSUPPORTED_TAG", line: 1, column: 10 }]);
  });

  it("a good map still reads", () => {
    expect(parseImportMap("\uFEFFduplicates: fill\nmatch: [phone]\n", "staff")).toMatchObject({ duplicates: "fill", match: ["phone"] });
  });
});

describe("import --map with a hostile map", () => {
  const repo = scratch.keep(copyToTemp());
  const dir = scratch.dir();
  const sheet = path.join(dir, "staff.csv");
  fs.writeFileSync(sheet, "姓名,职务\n周晓梅,理财经理\n");

  it.each([
    ["bomb.yaml", aliasBomb(), "YAML_ALIAS_LIMIT"],
    ["deep.yaml", `columns: ${"{a: ".repeat(4000)}\n`, "YAML_TOO_DEEP"],
  ])("%s: a usage error with the file, line, column and code", (name, text, code) => {
    const map = path.join(dir, name);
    fs.writeFileSync(map, text);
    const result = runCli(["import", "staff", "--branch", "cmb-futian-center", "--from", sheet, "--map", map, "--data", repo, "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.stderr).toMatch(new RegExp(`${name}:\\d+:\\d+: error ${code} `));
  });
});
