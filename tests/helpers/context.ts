/**
 * A context for running the load pipeline in this process, as the CLI would for `--data repo`:
 * English, quiet, no colour, output dropped, the clock at 2012-03-20 10:00 in Shanghai.
 */
import { makeContext, type Context, type GlobalOptions, type Surroundings } from "../../src/cli/context.js";
import { PLAIN } from "../../src/report/style.js";

/** `cacheDir` null: as with --no-cache. */
export function inProcessContext(repo: string, cacheDir: string | null, options: Partial<GlobalOptions> = {}): Context {
  const surroundings: Surroundings = {
    env: { NO_COLOR: "1", ...(cacheDir === null ? {} : { CHANNEL_CACHE_DIR: cacheDir }) },
    cwd: repo,
    now: () => new Date(Date.UTC(2012, 2, 20, 2)),
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  return makeContext({ data: repo, lang: "en", quiet: true, ...(cacheDir === null ? { cache: false } : {}), ...options }, surroundings, PLAIN);
}
