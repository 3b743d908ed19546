/**
 * Issue 28: `log --next` writes two files, prospects.yaml then activities.yaml, and must leave
 * both or neither even when SIGKILL (no handler runs) lands between them. The CLI is stopped
 * exactly there by its test hook (CHANNEL_TEST_PAUSE_BETWEEN_WRITES) and killed; the next
 * `channel log` finds the intent record and puts the first file back. CHANNEL_KILL_RUNS scales
 * the loop (the figure in the report was made with 300).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { copyToTemp, FIXTURES, runCli, scratchFolders } from "../helpers/cli.js";
import { startCli } from "./helpers.js";

const RUNS = Number(process.env.CHANNEL_KILL_RUNS ?? 20);
const folders = scratchFolders("channel-kill-next-");
const PROSPECTS = "branches/b-one/prospects.yaml";
const ACTIVITIES = "branches/b-one/activities.yaml";

/** Runs `log --next` and kills it (SIGKILL) once it has written the first file and not the second. */
async function killBetweenWrites(dir: string, run: number): Promise<boolean> {
  const markerDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-pause-"));
  const marker = path.join(markerDir, "paused");
  try {
    const day = `2012-04-${String((run % 28) + 1).padStart(2, "0")}`;
    const child = startCli(["log", "p-gao", "--data", dir, "--date", "2012-03-20", "--next", day, "--note", `kill ${run}`, "--lang", "en"], {
      env: { CHANNEL_TEST_PAUSE_BETWEEN_WRITES: marker },
    });
    let ended = false;
    void child.done.then(() => (ended = true));
    while (!ended && !fs.existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 2));
    const paused = fs.existsSync(marker);
    child.child.kill("SIGKILL");
    await child.done;
    return paused;
  } finally {
    fs.rmSync(markerDir, { recursive: true, force: true });
  }
}

describe("log --next killed between its two files", () => {
  it("the next log puts the first file back, says so, and records its own entry", async () => {
    const dir = folders.keep(copyToTemp(path.join(FIXTURES, "log-basic")));
    const prospectsBefore = fs.readFileSync(path.join(dir, PROSPECTS), "utf8");
    const activitiesBefore = fs.readFileSync(path.join(dir, ACTIVITIES), "utf8");
    expect(await killBetweenWrites(dir, 0)).toBe(true);
    // The half state the kill leaves: prospects.yaml written, activities.yaml not.
    expect(fs.readFileSync(path.join(dir, PROSPECTS), "utf8")).not.toBe(prospectsBefore);
    expect(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")).toBe(activitiesBefore);
    expect(fs.existsSync(path.join(dir, ".channel.intent"))).toBe(true);

    const next = runCli(["log", "zhang-wei", "--data", dir, "--date", "2012-03-20", "--note", "之后", "--lang", "en"]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`the last channel write (${PROSPECTS}, ${ACTIVITIES}) was stopped half-way; ${PROSPECTS} has been put back as it was before`);
    expect(fs.readFileSync(path.join(dir, PROSPECTS), "utf8")).toBe(prospectsBefore);
    expect(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")).toContain("之后");
    expect(fs.readFileSync(path.join(dir, ACTIVITIES), "utf8")).not.toContain("kill 0");
    expect(fs.existsSync(path.join(dir, ".channel.intent"))).toBe(false);
  });

  it(`${RUNS} kills between the files: after each next run the pair is both or neither`, async () => {
    const dir = folders.keep(copyToTemp(path.join(FIXTURES, "log-basic")));
    const prospectsBefore = fs.readFileSync(path.join(dir, PROSPECTS), "utf8");
    let inconsistent = 0;
    for (let run = 0; run < RUNS; run++) {
      expect(await killBetweenWrites(dir, run)).toBe(true);
      // Any next write finishes the interrupted one first; here a log --next that completes.
      const ok = runCli(["log", "p-gao", "--data", dir, "--date", "2012-03-20", "--next", "2012-05-01", "--note", `ok ${run}`, "--lang", "en"]);
      expect(ok.code, ok.stderr).toBe(0);
      const activities = fs.readFileSync(path.join(dir, ACTIVITIES), "utf8");
      const prospects = fs.readFileSync(path.join(dir, PROSPECTS), "utf8");
      if (activities.includes(`kill ${run}`) || !activities.includes(`ok ${run}`) || !prospects.includes("next_followup: 2012-05-01")) inconsistent++;
    }
    expect(inconsistent).toBe(0);
    // Only the completed calls are recorded; the file keeps its layout otherwise.
    expect(fs.readFileSync(path.join(dir, PROSPECTS), "utf8")).toBe(prospectsBefore.replace("2012-03-22", "2012-05-01"));
  });
});
