// The oracle half of the fuzzer (issue 7): which command lines to run on a mutant, and what
// every run must satisfy — exit code 0, 1 or 2; no stack trace, "internal error" or Node
// warning on stderr; a bounded run time; for `validate --format json` a well-formed report whose
// every diagnostic lies inside its file, whose `ok` agrees with the exit code, and which names
// MERGE_CONFLICT wherever a git conflict marker is left in a data file.
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";

export const COMMANDS = ["validate", "bonus", "expenses", "followups", "report"];

const AS_OF = ["2012-03-20", "2012-03-31", "2012-02-15", "2012-04-04"];
const TABLE_FORMATS = ["table", "json", "csv", "md"];

/**
 * The command lines for `command` on a mutant (without `--data`): fixed --as-of and --lang, a
 * format chosen by the generator. `cache` false means `--no-cache`; true runs with a private
 * cache folder, so that the cache is fuzzed too.
 */
export function commandRuns(rng, command, base) {
  const common = () => ["--as-of", rng.pick(AS_OF), "--lang", rng.pick(["zh", "en"])];
  const cache = rng.chance(0.3);
  const branch = () => rng.pick(base.branches.length > 0 ? base.branches : ["b1"]);
  switch (command) {
    case "validate": {
      const runs = [{ command, argv: ["validate", "--format", "json", ...(rng.chance(0.2) ? ["--strict"] : []), ...common()], cache }];
      if (rng.chance(0.3)) runs.push({ command, argv: ["validate", "--format", "text", ...common()], cache });
      return runs;
    }
    case "bonus":
      return [{ command, argv: ["bonus", "--format", rng.pick(TABLE_FORMATS), ...(rng.chance(0.2) && base.departments.length ? ["--department", rng.pick(base.departments)] : []), ...common()], cache }];
    case "expenses":
      return [{ command, argv: ["expenses", "--format", rng.pick(TABLE_FORMATS), ...common()], cache }];
    case "followups": {
      const extra = [];
      if (rng.chance(0.3)) extra.push("--within", String(rng.pick([0, 1, 7, 30, 400])));
      if (rng.chance(0.15)) extra.push("--branch", branch());
      return [{ command, argv: ["followups", "--format", rng.pick(TABLE_FORMATS), ...extra, ...common()], cache }];
    }
    case "report":
      return rng.chance(0.5)
        ? [{ command, argv: ["report", "monthly", "--branch", branch(), "--month", rng.pick(["2012-03", "2012-02", "2011-12", "2012-04"]), "--format", rng.pick(["md", "html", "csv", "json"]), ...(rng.chance(0.3) ? ["--no-redact"] : []), ...common()], cache }]
        : [{ command, argv: ["report", "summary", "--format", rng.pick(["table", "md", "csv", "html", "json"]), ...common()], cache }];
    default:
      throw new Error(`unknown command ${command}`);
  }
}

const STACK_LINE = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\|<anonymous>).*\d+:\d+\)?$/m;
const INTERNAL = /internal error|内部错误|Maximum call stack|out of memory|JavaScript heap|Error: /;
const NODE_WARNING = /\(node:\d+\) \w*Warning/;
const DATA_FILE = /^(?:channel\.yaml|departments\.yaml|branches\/[^./][^/]*\/(?:branch|staff|kpis|competitors|prospects|activities)\.yaml)$/;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * What is wrong with one run, as sentences (empty: nothing). `result` is
 * {code, stdout, stderr, timedOut, crashed?}; `dir` the mutant repository it ran on.
 */
export function checkRun(run, result, dir) {
  const failures = [];
  if (result.timedOut) failures.push(`no answer within ${result.timeoutMs} ms (hang)`);
  if (result.crashed) failures.push(`crashed: ${result.crashed}`);
  if (!result.timedOut && !result.crashed && ![0, 1, 2].includes(result.code)) failures.push(`exit code ${result.code}`);
  const stderr = result.stderr ?? "";
  const stdout = result.stdout ?? "";
  if (STACK_LINE.test(stderr) || STACK_LINE.test(stdout.slice(0, 100_000))) failures.push(`stack trace in the output: ${firstMatchLine(stderr + "\n" + stdout.slice(0, 100_000), STACK_LINE)}`);
  if (INTERNAL.test(stderr)) failures.push(`internal error on stderr: ${firstMatchLine(stderr, INTERNAL)}`);
  if (NODE_WARNING.test(stderr)) failures.push(`Node warning on stderr: ${firstMatchLine(stderr, NODE_WARNING)}`);
  if (result.timedOut || result.crashed) return failures;

  const format = optionValue(run.argv, "--format");
  if (run.command === "validate" && format === "json" && result.code !== 2) failures.push(...checkValidateJson(stdout, result.code, dir));
  else if (format === "json" && result.code === 0) {
    try {
      JSON.parse(stdout);
    } catch (error) {
      failures.push(`--format json printed something that is not JSON (${error.message})`);
    }
  }
  return failures;
}

function optionValue(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function firstMatchLine(text, re) {
  const line = text.split("\n").find((l) => re.test(l)) ?? "";
  return line.length > 300 ? line.slice(0, 300) + "…" : line;
}

/** The validate report: its shape, its agreement with the exit code, and every position inside its file. */
function checkValidateJson(stdout, code, dir) {
  const failures = [];
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (error) {
    return [`validate --format json printed something that is not JSON (${error.message})`];
  }
  if (typeof report !== "object" || report === null || !Array.isArray(report.diagnostics)) return ["validate --format json: no diagnostics list"];
  if (report.ok !== (code === 0)) failures.push(`validate: ok is ${report.ok} but the exit code is ${code}`);
  if (report.ok !== (report.errors === 0)) failures.push(`validate: ok is ${report.ok} with ${report.errors} error(s)`);
  const lineCache = new Map();
  for (const d of report.diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} ${d.code}`;
    if (!Number.isInteger(d.line) || !Number.isInteger(d.column) || d.line < 1 || d.column < 1) {
      failures.push(`diagnostic with an impossible position: ${where}`);
      continue;
    }
    if (typeof d.message !== "string" || d.message === "" || /\{[a-z][A-Za-z]*\}/.test(d.message) || /^diag\./.test(d.message)) failures.push(`diagnostic without a proper message: ${where}: ${d.message}`);
    if (typeof d.message === "string" && /call stack|out of memory|\bat [\w.]+ \(/i.test(d.message)) failures.push(`a JavaScript engine message in a diagnostic: ${where}: ${d.message.slice(0, 200)}`);
    if (typeof d.message === "string" && d.message.length > 10_000) failures.push(`a diagnostic message of ${d.message.length} characters: ${where}`);
    if (!lineCache.has(d.file)) lineCache.set(d.file, fileLines(dir, d.file));
    const lines = lineCache.get(d.file);
    if (lines === null) {
      if (d.line !== 1 || d.column !== 1) failures.push(`diagnostic inside a file that is not a readable file: ${where}`);
      continue;
    }
    if (d.line > lines.length) {
      failures.push(`diagnostic past the end of the file (${lines.length} lines): ${where}`);
      continue;
    }
    const length = lines[d.line - 1];
    if (d.column > length + 1) failures.push(`diagnostic past the end of its line (${length} characters): ${where}`);
  }
  for (const file of filesWithConflictMarkers(dir)) {
    if (!report.diagnostics.some((d) => d.file === file && d.code === "MERGE_CONFLICT")) failures.push(`git conflict marker in ${file} but no MERGE_CONFLICT`);
  }
  return failures;
}

/** The length in characters of each line of a file (lines end at \n, \r\n or a lone \r), or null for no regular file. */
function fileLines(dir, rel) {
  const abs = path.join(dir, ...rel.split("/"));
  let stat;
  try {
    stat = fs.statSync(abs);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  // Not read by the loader (FILE_TOO_LARGE, at 1:1): a single line is all it can point at.
  if (stat.size > MAX_FILE_BYTES) return [0];
  // TextDecoder drops a leading BOM, as the loader does; invalid bytes become one U+FFFD each.
  const text = new TextDecoder("utf-8").decode(fs.readFileSync(abs));
  return text.split(/\r\n|\r|\n/).map((line) => [...line].length);
}

/** Data files of the mutant that are read as text and hold a line starting with `<<<<<<<`. */
export function filesWithConflictMarkers(dir) {
  const found = [];
  const visit = (rel) => {
    const abs = path.join(dir, ...rel.split("/"));
    let stat;
    try {
      stat = fs.lstatSync(abs);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs)) visit(rel === "" ? name : `${rel}/${name}`);
      return;
    }
    if (!stat.isFile() || !DATA_FILE.test(rel) || stat.size > MAX_FILE_BYTES) return;
    const bytes = fs.readFileSync(abs);
    if (!isUtf8(bytes) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return;
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
    if (text.split("\n").some((line) => /^<{7}(?: |\r?$)/.test(line))) found.push(rel);
  };
  visit("");
  return found;
}
