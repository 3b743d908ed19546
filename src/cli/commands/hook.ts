/**
 * `channel hook install`: a git pre-commit hook in the data repository that runs `channel
 * validate` on what is about to be committed and stops the commit when it has errors, showing
 * exactly what `channel validate` prints.
 *
 * - It checks the staged content (the commit to be), not the working tree: the index is copied
 *   to a temporary folder with `git checkout-index` and validated there, so a file fixed on
 *   disk but not staged does not let a broken version through.
 * - It finds `channel` the way that keeps working for a user who installed with `npm link` or
 *   `npm install -g`, also from a GUI git client with a short PATH: the node and bin/channel
 *   this command ran with (absolute paths), else `channel` on the PATH, else `npx --no-install
 *   channel`.
 * - It speaks the language it was installed in (`--lang`, CHANNEL_LANG, the repository's
 *   `language`, the locale): its own sentences are written in it, and validate is told to use it.
 * - An existing pre-commit hook is kept: it is moved to `pre-commit.local`, and the new hook
 *   runs it first (a failure there stops the commit as before). If `pre-commit.local` exists
 *   too, nothing is changed and the user is told what to do. Running `channel hook install`
 *   again replaces only our own hook (recognised by its marker line).
 */
import { spawnSync } from "node:child_process";
import { makeFolders } from "../../load/make-folders.js";
import * as fs from "node:fs";
import * as path from "node:path";
import { t, type Lang } from "../../i18n/catalog.js";
import { PACKAGE_ROOT } from "../../paths.js";
import { writeFileAtomic } from "../atomic-write.js";
import { resolveRoot, type Context } from "../context.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "../errors.js";
import { writeFailure } from "../write-errors.js";
import { ensureGitattributes, registerInGitConfig } from "../merge-registration.js";

/** The line that marks a hook as written by `channel hook install`. */
export const HOOK_MARKER = "# channel-hook: pre-commit v1";

interface GitLocation {
  /** The top of the work tree (where the hook runs). */
  top: string;
  /** The folder git runs hooks from (`.git/hooks`, or core.hooksPath). */
  hooks: string;
  /** Whether core.hooksPath moved the hooks folder. */
  customHooksPath: boolean;
}

export function runHookInstall(ctx: Context): number {
  const { lang } = ctx;
  const root = resolveRoot(ctx);
  const git = locateGit(root, ctx.surroundings.env);
  if (git === null) throw new CliError(EXIT_USAGE, "hook.error.notGit", { dir: root });

  const hookFile = path.join(git.hooks, "pre-commit");
  const localFile = path.join(git.hooks, "pre-commit.local");
  const dataDir = toPosix(path.relative(fs.realpathSync(git.top), fs.realpathSync(root))) || ".";
  const script = hookScript(lang, dataDir, process.execPath, path.join(PACKAGE_ROOT, "bin", "channel"));

  const existing = readIfExists(hookFile);
  const ours = existing !== null && existing.includes(HOOK_MARKER);
  const out = (key: Parameters<typeof t>[1], params: Record<string, string> = {}) => ctx.surroundings.stdout(`${t(lang, key, params)}\n`);
  try {
    makeFolders(git.hooks);
    if (existing !== null && !ours) {
      if (fs.existsSync(localFile)) throw new CliError(EXIT_USAGE, "hook.error.localExists", { hook: hookFile, local: localFile });
      // The user's hook keeps working: ours runs it first.
      fs.renameSync(hookFile, localFile);
      out("hook.chained", { hook: hookFile, local: localFile });
    }
    writeFileAtomic(hookFile, script);
    fs.chmodSync(hookFile, 0o755);
  } catch (error) {
    throw writeFailure(hookFile, error);
  }
  out(ours ? "hook.updated" : "hook.installed", { hook: hookFile, data: dataDir });
  if (git.customHooksPath) out("hook.customHooksPath", { dir: git.hooks });
  registerMergeDriver(ctx, root);
  return EXIT_OK;
}

/**
 * issue 26: the merge driver, registered with the hook: `.gitattributes` in the data folder (kept
 * and added to) and the driver in this clone's git config. Said in a sentence each; a clone
 * where git cannot be run keeps the hook and is told what is missing.
 */
export function registerMergeDriver(ctx: Context, root: string): void {
  const out = (key: Parameters<typeof t>[1], params: Record<string, string> = {}) => ctx.surroundings.stdout(`${t(ctx.lang, key, params)}\n`);
  const attributes = path.join(root, ".gitattributes");
  try {
    if (ensureGitattributes(root)) out("merge.attributes.added", { file: attributes });
  } catch (error) {
    throw writeFailure(attributes, error);
  }
  const config = registerInGitConfig(root, ctx.surroundings.env, process.execPath, path.join(PACKAGE_ROOT, "bin", "channel"));
  out(config === null ? "merge.notGitYet" : "merge.registered", { config: config ?? "" });
}

/** Where git keeps this repository's hooks, from git itself, else by walking up to `.git`. */
function locateGit(root: string, env: Context["surroundings"]["env"]): GitLocation | null {
  const run = (args: string[]): string | null => {
    const result = spawnSync("git", args, { cwd: root, encoding: "utf8", env: env as NodeJS.ProcessEnv });
    return result.status === 0 ? result.stdout.trim() : null;
  };
  const top = run(["rev-parse", "--show-toplevel"]);
  const hooks = top === null ? null : run(["rev-parse", "--git-path", "hooks"]);
  if (top !== null && hooks !== null) {
    return { top, hooks: path.resolve(root, hooks), customHooksPath: (run(["config", "core.hooksPath"]) ?? "") !== "" };
  }
  // No git on the PATH (or an old one): find `.git` ourselves.
  for (let dir = root; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, ".git");
    try {
      const stat = fs.statSync(dotGit);
      if (stat.isDirectory()) return { top: dir, hooks: path.join(dotGit, "hooks"), customHooksPath: false };
      // A worktree or submodule: `.git` is a file naming the real git folder.
      const m = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, "utf8"));
      if (m) return { top: dir, hooks: path.join(path.resolve(dir, m[1]!.trim()), "hooks"), customHooksPath: false };
    } catch {
      // not here
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/** A value in single quotes for sh: `it's` → `'it'\''s'`. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Lines of the validate report the hook shows before saying that the commit stopped. */
export const HOOK_REPORT_LINES = 40;

/** The sh line that says how many lines of the report were left out (`$lines` holds its length). */
function moreLine(lang: Lang): string {
  const [before, after] = t(lang, "hook.script.more").split("{more}");
  return `printf '%s%s%s\\n' ${shQuote(before ?? "")} "$((lines - ${HOOK_REPORT_LINES} - 1))" ${shQuote(after ?? "")} >&2`;
}

/** The hook itself: POSIX sh, as git runs it on every platform (Git for Windows brings sh). */
export function hookScript(lang: Lang, dataDir: string, node: string, bin: string): string {
  const slash = (p: string) => p.replace(/\\/g, "/");
  return `#!/bin/sh
${HOOK_MARKER}
# ${t(lang, "hook.script.about")}
# ${t(lang, "hook.script.skip")}

hook_dir=$(cd "$(dirname "$0")" && pwd)
# A hook that was here before (moved aside by channel hook install) runs first, as git ran it:
# only when it is executable.
if [ -x "$hook_dir/pre-commit.local" ]; then
  "$hook_dir/pre-commit.local" "$@" || exit $?
fi

DATA_DIR=${shQuote(dataDir)}
CHANNEL_NODE=${shQuote(slash(node))}
CHANNEL_BIN=${shQuote(slash(bin))}

run_channel() {
  if [ -x "$CHANNEL_NODE" ] && [ -f "$CHANNEL_BIN" ]; then
    "$CHANNEL_NODE" "$CHANNEL_BIN" "$@"
  elif command -v channel >/dev/null 2>&1; then
    channel "$@"
  elif command -v npx >/dev/null 2>&1; then
    npx --no-install channel "$@"
  else
    echo ${shQuote(`channel: ${t(lang, "hook.script.notFound")}`)} >&2
    return 2
  fi
}

# What is staged, copied out of the index: the commit to be, not the working tree.
snapshot=$(mktemp -d "\${TMPDIR:-/tmp}/channel-pre-commit.XXXXXX") || exit 2
trap 'rm -rf "$snapshot"' EXIT
git ls-files -z -- "$DATA_DIR/channel.yaml" "$DATA_DIR/departments.yaml" "$DATA_DIR/branches" |
  git checkout-index -z --stdin --prefix="$snapshot/" || exit 2
# No settings file staged: there is no data in this commit to check.
[ -f "$snapshot/$DATA_DIR/channel.yaml" ] || exit 0

# The report is kept aside and shown short, so that the sentence saying the commit stopped
# is not buried above hundreds of lines.
report=$(mktemp "\${TMPDIR:-/tmp}/channel-pre-commit-report.XXXXXX") || exit 2
trap 'rm -rf "$snapshot" "$report"' EXIT
run_channel validate --data "$snapshot/$DATA_DIR" --no-cache --lang ${lang} >"$report" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  lines=$(wc -l <"$report")
  if [ "$lines" -gt ${HOOK_REPORT_LINES + 1} ]; then
    head -n ${HOOK_REPORT_LINES} "$report" >&2
    ${moreLine(lang)}
    tail -n 1 "$report" >&2
  else
    cat "$report" >&2
  fi
  echo >&2
  echo ${shQuote(`channel: ${t(lang, "hook.script.blocked")}`)} >&2
  exit 1
fi
exit 0
`;
}
