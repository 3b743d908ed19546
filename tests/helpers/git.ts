/**
 * Real git repositories for tests of what reads history: commits with set dates, in a scratch
 * folder whose own HOME keeps the user's git configuration (and the system's) out.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFilesInto, writeRepo, type RepoFiles } from "./repo.js";

/** The environment git (and the CLI's git) runs with in tests: no system or user configuration. */
export function gitEnv(home: string): Record<string, string> {
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "测试",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "测试",
    GIT_COMMITTER_EMAIL: "test@example.com",
  };
}

/** Runs git in `dir`; throws with git's words when it fails. */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("GIT_")) base[k] = v;
  const result = spawnSync("git", ["-C", dir, ...args], { env: { ...base, ...gitEnv(path.dirname(dir)), ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A scratch folder holding a git work tree (`repo`) whose data root is `repo/<sub>` (default: the work tree itself). */
export interface ScratchGit {
  /** The scratch folder: HOME for git, removed at the end. */
  home: string;
  /** The git work tree. */
  repo: string;
  /** The data root. */
  root: string;
}

/** Writes `files` into a new git work tree (nothing committed yet). */
export function scratchGit(files: RepoFiles, base: RepoFiles, sub = ""): ScratchGit {
  const home = writeRepo({}, {});
  const repo = path.join(home, "repo");
  const root = sub === "" ? repo : path.join(repo, sub);
  fs.mkdirSync(root, { recursive: true });
  git(repo, ["init", "-q", "-b", "main"]);
  writeFilesInto(root, { ...base, ...files });
  return { home, repo, root };
}

/** Commits everything with the given committer (and author) time, e.g. `2012-03-31T23:59:59+08:00`; returns the commit id. */
export function commitAll(repo: string, message: string, date: string, authorDate = date): string {
  git(repo, ["add", "-A"]);
  git(repo, ["commit", "-q", "--allow-empty", "-m", message], { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: authorDate });
  return git(repo, ["rev-parse", "HEAD"]);
}
