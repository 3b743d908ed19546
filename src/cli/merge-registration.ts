/**
 * Registering the merge driver in a data repository (issue 26), shared by `channel init` and
 * `channel hook install`. Two halves, because git keeps them in two places:
 *
 * - `.gitattributes` in the data folder says which files merge with the driver named `channel`.
 *   It is committed, so every clone has it; an existing file keeps its lines, ours is added once.
 * - The driver itself (the command git runs) is in the clone's own git config (`merge.channel.*`),
 *   which git never copies: every clone registers it once (`channel hook install`). A clone that
 *   has not falls back to git's ordinary line merge, and `validate` then says to register it.
 *
 * The command names this node and this channel by absolute path, each in single quotes for the
 * shell git runs it with (paths with spaces or quotes are fine). Should channel be moved or
 * removed later, the command falls back to `git merge-file` (git's ordinary merge) instead of
 * failing the merge.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createFileAtomic, replaceFileIfUnchanged } from "./atomic-write.js";

/** The attribute line for the data files. */
export const GITATTRIBUTES_LINE = "branches/**/*.yaml merge=channel";

/** A value in single quotes for sh: `it's` → `'it'\''s'`. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command git runs for a merge (`%O %A %B %P` are git's: ancestor, ours and result, theirs, path). */
export function mergeDriverCommand(node: string, bin: string): string {
  const slash = (p: string) => p.replace(/\\/g, "/");
  return `if [ -f ${shQuote(slash(bin))} ]; then ${shQuote(slash(node))} ${shQuote(slash(bin))} merge-driver %O %A %B %P; else git merge-file -L ours -L base -L theirs %A %O %B; fi`;
}

/** Adds the attribute line to `dir/.gitattributes` unless it is there; whether it added it. */
export function ensureGitattributes(dir: string): boolean {
  const file = path.join(dir, ".gitattributes");
  let existing: Buffer | null = null;
  try {
    existing = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (existing === null) {
    if (!createFileAtomic(file, `# channel: data files merge by record (channel merge-driver)\n${GITATTRIBUTES_LINE}\n`)) return ensureGitattributes(dir);
    return true;
  }
  const text = existing.toString("utf8");
  if (text.split(/\r?\n/).some((line) => line.trim().replace(/\s+/g, " ") === GITATTRIBUTES_LINE)) return false;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lead = text === "" || text.endsWith("\n") ? "" : eol;
  replaceFileIfUnchanged(file, existing, `${text}${lead}${GITATTRIBUTES_LINE}${eol}`);
  return true;
}

/**
 * Sets `merge.channel.name` and `merge.channel.driver` in the git config of the clone that holds
 * `dir`; null when `dir` is not in a git work tree (or git is missing), else the config file.
 */
export function registerInGitConfig(dir: string, env: Record<string, string | undefined>, node: string, bin: string): string | null {
  const git = (args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env: env as NodeJS.ProcessEnv });
  const inside = git(["rev-parse", "--is-inside-work-tree"]);
  if (inside.status !== 0 || inside.stdout.trim() !== "true") return null;
  for (const [key, value] of [
    ["merge.channel.name", "channel: data files merged by record"],
    ["merge.channel.driver", mergeDriverCommand(node, bin)],
  ] as const) {
    const set = git(["config", "--local", key, value]);
    if (set.status !== 0) throw new Error(set.stderr.trim() || `git config ${key} failed`);
  }
  const config = git(["rev-parse", "--git-path", "config"]);
  return config.status === 0 ? path.resolve(dir, config.stdout.trim()) : "git config";
}
