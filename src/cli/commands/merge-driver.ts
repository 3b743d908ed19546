/**
 * `channel merge-driver %O %A %B %P`: what git runs to merge a data file (registered by `channel
 * init` and `channel hook install`; see merge-registration.ts). It merges by record
 * (src/merge/merge-text.ts) and writes the result over %A, git's copy of ours; exit 0 is a clean
 * merge, 1 leaves the file marked as conflicted with markers around the one record both sides
 * changed. What it cannot merge by record — a file that is not a branch data file, a side that
 * is not valid YAML or not UTF-8 — it leaves to git's ordinary merge, `git merge-file`, run with
 * no user or system configuration and outside the repository, so that no configured program
 * runs. It never fails a merge for its own reasons: an unexpected error also falls back.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { t } from "../../i18n/catalog.js";
import { decodeUtf8Strict } from "../../load/decode.js";
import { mergeBranchText } from "../../merge/merge-text.js";
import { terminalText } from "../../report/untrusted-text.js";
import { writeFileAtomic } from "../atomic-write.js";
import type { Context } from "../context.js";
import { EXIT_OK, EXIT_USAGE } from "../errors.js";

/** Exit code for a merge that left conflicts (git marks the file conflicted). */
const EXIT_CONFLICT = 1;

/** `branches/<id>/<file>.yaml`, wherever the data folder is in the work tree. */
const BRANCH_FILE = /(?:^|\/)branches\/[^/]+\/([^/]+\.yaml)$/;

export function runMergeDriver(ctx: Context, base: string, ours: string, theirs: string, filePath: string | undefined): number {
  const { cwd, env, stderr } = ctx.surroundings;
  const [b, o, th] = [base, ours, theirs].map((f) => path.resolve(cwd, f)) as [string, string, string];
  const shown = terminalText(filePath ?? ours);
  const fileName = BRANCH_FILE.exec((filePath ?? "").replace(/\\/g, "/"))?.[1];
  try {
    const texts = fileName === undefined ? null : readTexts([b, o, th]);
    const merged = texts === null ? null : mergeBranchText(fileName!, texts[0]!, texts[1]!, texts[2]!);
    if (merged !== null) {
      writeFileAtomic(o, merged.text);
      for (const c of merged.conflicts) {
        stderr(`channel: ${t(ctx.lang, "merge.driver.conflict", { file: shown, record: terminalText(c.path.slice(1, -1).join(" ") || c.path[0]!), field: terminalText(c.path[c.path.length - 1]!) })}\n`);
      }
      return merged.conflicts.length > 0 ? EXIT_CONFLICT : EXIT_OK;
    }
  } catch (error) {
    if (env.CHANNEL_DEBUG) stderr(`channel: ${String(error)}\n`);
  }
  if (fileName !== undefined) stderr(`channel: ${t(ctx.lang, "merge.driver.lineMerge", { file: shown })}\n`);
  return gitMergeFile(b, o, th, env);
}

/** The three files as text; null when one is not UTF-8. */
function readTexts(files: string[]): string[] | null {
  const texts: string[] = [];
  for (const file of files) {
    const decoded = decodeUtf8Strict(fs.readFileSync(file));
    if (!decoded.ok) return null;
    texts.push(decoded.text);
  }
  return texts;
}

/** git's ordinary three-way line merge into `ours`; 0 clean, 1 conflicts, 2 when git could not run. */
function gitMergeFile(base: string, ours: string, theirs: string, env: Record<string, string | undefined>): number {
  const safe: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith("GIT_")) safe[k] = v;
  safe.GIT_CONFIG_NOSYSTEM = "1";
  safe.GIT_CONFIG_GLOBAL = os.devNull;
  const result = spawnSync("git", ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs], { cwd: os.tmpdir(), env: safe, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status === null || result.status > 127) return EXIT_USAGE;
  return result.status === 0 ? EXIT_OK : EXIT_CONFLICT;
}

