/**
 * Dates on the command line (issue 14): `--as-of 9999-12-31`, `--as-of 0000-01-01` and `--month
 * 9999-12` ended in internal errors (one run used 4 GB before V8 aborted), and `--as-of
 * 2012-02-30` was accepted by the commands that never needed the day. Every date option is
 * parsed up front, by one parser: a day that does not exist, or one outside 1900–2100, is a
 * usage error (exit 2) with a sentence, whatever the command.
 */
import { describe, expect, it } from "vitest";
import { DATA_EXAMPLE, runCli } from "../helpers/cli.js";
import { parseDayOption, parseMonthOption } from "../../src/cli/date-options.js";
import { CliError } from "../../src/cli/errors.js";

const COMMANDS: string[][] = [
  ["validate"],
  ["coverage"],
  ["followups"],
  ["bonus"],
  ["expenses"],
  ["report", "summary"],
  ["report", "monthly", "--branch", "cmb-futian-center", "--month", "2012-03"],
  ["export", "staff", "--out", "/nonexistent-dir/x.csv"],
  ["show", "wang-fang"],
  ["add", "prospect", "王大爷", "--branch", "cmb-houhai"],
];

describe("date options", () => {
  // Every command spawned once, each with another of the bad days (the parser itself is tried
  // on every day in-process below): that every command goes through the parser is what a
  // spawn shows, and one spawn per command shows it.
  const BAD_DAYS = ["9999-12-31", "0000-01-01", "2012-02-30", "1899-12-31", "2101-01-01", "2012-3-1"];
  it.each(COMMANDS.map((command, i) => [BAD_DAYS[i % BAD_DAYS.length]!, command] as const))("--as-of %s is a usage error for %s", (asOf, command) => {
    const result = runCli([...command, "--data", DATA_EXAMPLE, "--as-of", asOf, "--lang", "en"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^channel: --as-of /);
    expect(result.stderr).not.toMatch(/internal error/i);
  });

  it.each(BAD_DAYS)("the parser refuses --as-of %s with a usage error", (asOf) => {
    expect(() => parseDayOption("--as-of", asOf)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it.each(["9999-12", "2012-13"])("--month %s is a usage error", (month) => {
    const result = runCli(["report", "monthly", "--branch", "cmb-futian-center", "--month", month, "--data", DATA_EXAMPLE, "--as-of", "2012-03-31", "--lang", "zh"]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^channel: --month /);
  });

  it("--date of log is checked the same way, before anything is read", () => {
    const result = runCli(["log", "wang-fang", "--date", "9999-12-31", "--data", "/nonexistent", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^channel: --date .*1900.*2100/);
  });

  it("the edges of the range are accepted", () => {
    expect(runCli(["validate", "--data", DATA_EXAMPLE, "--as-of", "1900-01-01"]).code).toBe(0);
    expect(runCli(["followups", "--data", DATA_EXAMPLE, "--as-of", "2100-12-31", "--format", "json"]).code).toBe(0);
  });

  it("one parser: days and months, the range in its sentence", () => {
    expect(parseDayOption("--as-of", "2012-02-29")).toBe("2012-02-29");
    expect(parseMonthOption("--month", "2100-12")).toBe("2100-12");
    const failure = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error as CliError;
      }
      throw new Error("no error");
    };
    expect(failure(() => parseDayOption("--as-of", "2012-02-30")).key).toBe("error.badDate");
    expect(failure(() => parseDayOption("--as-of", "2101-01-01")).key).toBe("error.dateOutOfRange");
    expect(failure(() => parseMonthOption("--month", "1899-12")).key).toBe("error.dateOutOfRange");
    expect(failure(() => parseMonthOption("--month", "2012-00")).exitCode).toBe(2);
    for (const month of ["9999-12", "0000-01", "1899-12", "2101-01", "2012-13"]) expect(failure(() => parseMonthOption("--month", month)).exitCode).toBe(2);
  });
});
