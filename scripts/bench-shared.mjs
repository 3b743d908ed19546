// What bench.mjs and bench-scale.mjs share: the source of the file walk their floor scripts use,
// and the git history they read (--as-recorded, audit).
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

/** A floor script's walk over a folder for files ending in `ext` (source text, put into each script). */
export const WALK_SOURCE = `
function walk(dir, ext, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, ext, out);
    else if (entry.isFile() && entry.name.endsWith(ext)) out.push(abs);
  }
  return out;
}`;

/**
 * The generated data committed on 2012-03-01 and one change to channel.yaml committed on
 * 2012-04-15. `home` is an empty folder used as HOME, so no user git configuration applies.
 */
export function commitBenchHistory(dir, home) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: home, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };
  const git = (args, extra = {}) => {
    const result = spawnSync("git", ["-C", dir, ...args], { env: { ...env, ...extra }, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };
  git(["init", "-q"]);
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "data"], { GIT_AUTHOR_DATE: "2012-03-01T09:00:00+08:00", GIT_COMMITTER_DATE: "2012-03-01T09:00:00+08:00" });
  fs.appendFileSync(path.join(dir, "channel.yaml"), "# 四月修改\n");
  git(["commit", "-q", "-a", "-m", "april"], { GIT_AUTHOR_DATE: "2012-04-15T09:00:00+08:00", GIT_COMMITTER_DATE: "2012-04-15T09:00:00+08:00" });
}
