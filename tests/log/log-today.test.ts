/**
 * Which day `channel log` calls today, and what --plan makes of it (in process, with the clock
 * set: 2012-03-20 10:00 in Asia/Shanghai); and how several files are written as one when the
 * second cannot be written after the first was (data-write.ts: put back, or said exactly).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Context, Surroundings } from "../../src/cli/context.js";
import { writeDataFiles } from "../../src/cli/data-write.js";
import { CliError } from "../../src/cli/errors.js";
import { main } from "../../src/cli/main.js";
import { t } from "../../src/i18n/catalog.js";
import { copyToTemp, FIXTURES, scratchFolders } from "../helpers/cli.js";

const folders = scratchFolders("channel-log-today-");
const scratch = (): string => folders.keep(copyToTemp(path.join(FIXTURES, "log-done-next")));
const ACTIVITIES = "branches/b-one/activities.yaml";
const PROSPECTS = "branches/b-one/prospects.yaml";

async function run(dir: string, args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const surroundings: Surroundings = {
    env: { NO_COLOR: "1" },
    cwd: dir,
    now: () => new Date(Date.UTC(2012, 2, 20, 2)),
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const code = await main(["log", ...args, "--data", dir, "--lang", "en", "--no-cache"], surroundings);
  return { code, stderr };
}

const lastDate = (dir: string): string => {
  const list = (parse(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")) as { activities: { date: string }[] }).activities;
  return list[list.length - 1]!.date;
};

describe("today, by the clock in the repository's timezone", () => {
  it("without --date the entry is today's", async () => {
    const dir = scratch();
    expect((await run(dir, ["p-he"])).code).toBe(0);
    expect(lastDate(dir)).toBe("2012-03-20");
  });

  it("today is logged, tomorrow is refused (exit 2) unless --plan", async () => {
    const dir = scratch();
    expect((await run(dir, ["p-he", "--date", "2012-03-20"])).code).toBe(0);
    const tomorrow = await run(dir, ["p-he", "--date", "2012-03-21"]);
    expect(tomorrow.code).toBe(2);
    expect(tomorrow.stderr).toContain("add --plan");
    expect(lastDate(dir)).toBe("2012-03-20");
    expect((await run(dir, ["--branch", "b-one", "--kind", "event", "--plan", "--date", "2012-03-21"])).code).toBe(0);
    expect(lastDate(dir)).toBe("2012-03-21");
  });

  it("--plan on today, or without a date, is refused (exit 2)", async () => {
    const dir = scratch();
    const before = fs.readFileSync(path.join(dir, ACTIVITIES), "utf8");
    expect((await run(dir, ["p-he", "--plan", "--date", "2012-03-20"])).code).toBe(2);
    expect((await run(dir, ["p-he", "--plan"])).code).toBe(2);
    expect(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")).toBe(before);
  });
});

/** The CliError `action` throws. */
function failureOf(action: () => void): CliError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error("no error was thrown");
}

describe("writeDataFiles: the second file fails after the first was written", () => {
  const context = { lang: "en" } as Context;

  function setUp() {
    const dir = fs.realpathSync(scratch());
    const files = [PROSPECTS, ACTIVITIES].map((rel) => ({ rel, file: path.join(dir, rel), before: fs.readFileSync(path.join(dir, rel)) }));
    const edits = files.map((f) => ({ file: f.file, rel: f.rel, basedOn: f.before, build: () => `${f.before.toString("utf8")}# new\n` }));
    return { dir, files, edits, write: { root: dir, held: { stillHeld: () => true } } };
  }

  /** Writes as usual, and runs `meanwhile` just before the second file is replaced: another program's save. */
  function savingBeforeSecond(meanwhile: () => void) {
    let replaces = 0;
    return {
      write: (fd: number, data: Uint8Array) => void fs.writeSync(fd, data),
      beforeReplace: () => {
        if (++replaces === 2) meanwhile();
      },
    };
  }

  it("puts the first back and says that nothing was recorded", () => {
    const { files, edits, write } = setUp();
    // Another program saves activities.yaml just before it is replaced.
    const io = savingBeforeSecond(() => fs.writeFileSync(files[1]!.file, "activities: []\n"));
    const failure = failureOf(() => writeDataFiles(context, write, edits, io));
    expect(failure.key).toBe("safety.write.othersPutBack");
    expect(t("en", failure.key, failure.params)).toContain(`${PROSPECTS}, written first, has been put back as it was: nothing was recorded`);
    expect(t("en", failure.key, failure.params)).toContain(`${ACTIVITIES} changed after channel read and checked it`);
    expect(fs.readFileSync(files[0]!.file)).toEqual(files[0]!.before);
    expect(fs.readFileSync(files[1]!.file, "utf8")).toBe("activities: []\n");
  });

  it("says exactly which file holds the change when the first cannot be put back either", () => {
    const { files, edits, write } = setUp();
    const io = savingBeforeSecond(() => {
      fs.writeFileSync(files[1]!.file, "activities: []\n");
      // ... and someone edits prospects.yaml too, after channel wrote it.
      fs.appendFileSync(files[0]!.file, "# theirs\n");
    });
    const failure = failureOf(() => writeDataFiles(context, write, edits, io));
    expect(failure.key).toBe("safety.write.partial");
    expect(failure.params).toMatchObject({ written: PROSPECTS, failed: ACTIVITIES });
    expect(fs.readFileSync(files[0]!.file, "utf8")).toBe(`${files[0]!.before.toString("utf8")}# new\n# theirs\n`);
  });
});
