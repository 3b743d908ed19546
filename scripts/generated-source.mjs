// Writes a generated source file, or with `--check` says whether the committed one is what the
// generator writes now (the test suite runs the check). Shared by the calendar table generators.
import { readFileSync, writeFileSync } from "node:fs";

/**
 * @param {{out: string, rel: string, text: string, command: string, summary: string, script: string}} file
 *   out: the absolute path; rel: the path as the user sees it; summary: what it holds ("201 years").
 */
export function writeOrCheck({ out, rel, text, command, summary, script }) {
  if (process.argv.includes("--check")) {
    let committed = "";
    try {
      committed = readFileSync(out, "utf8");
    } catch {
      // Missing: reported as out of date below.
    }
    if (committed !== text) {
      console.error(`${script}: ${rel} is out of date: run \`${command}\``);
      process.exit(1);
    }
    console.log(`${rel} is up to date (${summary})`);
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${rel} (${summary}, ${Buffer.byteLength(text)} bytes)`);
  }
}
