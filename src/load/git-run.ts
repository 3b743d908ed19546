/**
 * Running `git` on a repository that may have been handed over by someone else (an auditor
 * reads the audited party's repository): git must read the history and nothing else. So:
 *
 * - no program the repository names may run: no fsmonitor hook, no hooks, no pager, no
 *   signature check (`gpg.program`), and no command that would run clean filters
 *   (`git status`, `git diff` against the work tree, `hash-object` without `--no-filters`):
 *   the callers compare blobs themselves;
 * - what was committed is what is read: replace refs (`git replace`) and grafts are ignored,
 *   a partial clone does not fetch missing objects;
 * - the environment cannot point git elsewhere: every `GIT_*` variable of the caller is
 *   dropped (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_CONFIG_*, …),
 *   and the index is never written (`--no-optional-locks`).
 */
import { spawnSync } from "node:child_process";

/** Why git could not answer. */
export type GitRunProblem = "git_missing" | "git_failed";

export class GitRunError extends Error {
  constructor(
    readonly problem: GitRunProblem,
    /** What git said (its first line), for `git_failed`. */
    readonly detail: string = "",
  ) {
    super(`${problem}${detail ? `: ${detail}` : ""}`);
  }
}

/** Each output of git is at most this large (a whole history's changed blobs for `audit`). */
const MAX_GIT_OUTPUT = 2 ** 31 - 1;

/** Settings given on git's command line, which win over every configuration file. */
const SAFE_CONFIG = [
  "core.fsmonitor=",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "log.showSignature=false",
  "core.untrackedCache=false",
  "diff.external=",
  "protocol.allow=never",
];

/** The caller's environment without anything that could point git at another repository or configuration. */
export function safeGitEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.toUpperCase().startsWith("GIT_")) continue;
    clean[key] = value;
  }
  // GIT_CONFIG_NOSYSTEM only ever narrows what is read: kept (tests keep the machine's settings out with it).
  if (env.GIT_CONFIG_NOSYSTEM !== undefined) clean.GIT_CONFIG_NOSYSTEM = env.GIT_CONFIG_NOSYSTEM;
  return {
    ...clean,
    GIT_NO_REPLACE_OBJECTS: "1",
    // Grafts (.git/info/grafts) are read from here instead: nothing.
    GIT_GRAFT_FILE: "/dev/null",
    GIT_NO_LAZY_FETCH: "1",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    LC_ALL: "C",
  };
}

/**
 * Runs `git -C cwd args…` without a shell, with the safe settings above; its standard output,
 * or a GitRunError. `env` is the caller's environment (it is cleaned here).
 */
export function runSafeGit(env: Readonly<Record<string, string | undefined>>, cwd: string, args: readonly string[], input?: string): Buffer {
  const config = SAFE_CONFIG.flatMap((setting) => ["-c", setting]);
  // Literal pathspecs: a folder named `*` is a name, not a pattern.
  const result = spawnSync("git", [...config, "--no-optional-locks", "--no-replace-objects", "--literal-pathspecs", "--no-pager", "-C", cwd, ...args], {
    env: safeGitEnvironment(env),
    input,
    maxBuffer: MAX_GIT_OUTPUT,
    shell: false,
    windowsHide: true,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new GitRunError("git_missing");
    throw new GitRunError("git_failed", result.error.message);
  }
  if (result.status !== 0) throw new GitRunError("git_failed", result.stderr.toString("utf8").split("\n")[0]?.trim() ?? "");
  return result.stdout;
}

/**
 * The size of the largest version git has of `file` (an absolute path) in its index or its
 * HEAD commit; null when git knows no version (no git, no repository, an untracked file).
 * Read with `cat-file --batch-check`: the index and the commit, never the file, so no filter runs.
 */
export function recordedSize(env: Readonly<Record<string, string | undefined>>, file: string): number | null {
  const dir = file.slice(0, Math.max(file.lastIndexOf("/"), 1));
  const name = file.slice(file.lastIndexOf("/") + 1);
  if (/[\n\0]/.test(name)) return null;
  let out: string;
  try {
    out = runSafeGit(env, dir, ["cat-file", "--batch-check"], `:./${name}\nHEAD:./${name}\n`).toString("utf8");
  } catch {
    return null;
  }
  let largest: number | null = null;
  for (const line of out.split("\n")) {
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(line);
    if (m) largest = Math.max(largest ?? 0, Number(m[1]));
  }
  return largest;
}
