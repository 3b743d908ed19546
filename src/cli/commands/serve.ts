/**
 * `channel serve`: the archive in a browser, read-only, on 127.0.0.1 (src/serve/). This module
 * is the server's link to the command line: the options, the clock (today in the repository's
 * timezone, unless --as-of), the data through the cache, and the process's signals.
 *
 * Each page loads the data again through the pipeline's cache, so an edit shows on the next
 * load. When no file's identity (size, times, inode) has changed since the last load, and
 * every file had been left alone for a moment before it (the cache's own "racily clean" rule),
 * the last load is used as it is, without even reading the cached model again: at head-office
 * scale that read alone is most of a second.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { t } from "../../i18n/catalog.js";
import { scanRepository } from "../../load/repository.js";
import type { IsoDate, IsoMonth } from "../../model/values.js";
import { startServer, type DateCheck, type RunningServer, type ServeSnapshot } from "../../serve/server.js";
import { terminalLine } from "../../report/untrusted-text.js";
import { resolveRoot, todayIn, type Context } from "../context.js";
import { parseDayOption, parseMonthOption } from "../date-options.js";
import { CliError, EXIT_OK, EXIT_USAGE, usageError } from "../errors.js";
import { loadData } from "../pipeline.js";
import { RACY_MS } from "../file-identities.js";

export interface ServeOptions {
  port?: string;
  host?: string;
  open?: boolean;
  /** False with --no-redact. */
  redact?: boolean;
}

export const DEFAULT_PORT = 7420;
export const DEFAULT_HOST = "127.0.0.1";

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535) throw usageError("serve.error.badPort", { value });
  return Number(value.trim());
}

function parseHost(value: string | undefined): string {
  if (value === undefined) return DEFAULT_HOST;
  const host = value.trim().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost") return DEFAULT_HOST;
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host) && !/^[0-9a-f:]*:[0-9a-f:.]*$/i.test(host)) throw usageError("serve.error.badHost", { value });
  return host;
}

function isLoopbackHost(host: string): boolean {
  return host === "::1" || /^127\./.test(host);
}

/** A date check for the pages, with the command line's parser and its message. */
function dateCheck<T>(ctx: Context, parse: (option: string, value: string) => T, option: string): DateCheck<T> {
  return (value) => {
    try {
      return { ok: true, value: parse(option, value) };
    } catch (error) {
      if (error instanceof CliError) return { ok: false, message: t(ctx.lang, error.key, error.params) };
      throw error;
    }
  };
}

/**
 * The data as on disk, through the cache; the previous load again when no file has changed
 * since (see the module's comment). Loads are made one at a time.
 */
export function snapshotSource(ctx: Context): () => Promise<ServeSnapshot> {
  let last: { fingerprint: string; snapshot: ServeSnapshot } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const loadNow = async (): Promise<ServeSnapshot> => {
    const root = fs.realpathSync(resolveRoot(ctx));
    const started = Date.now();
    const scan = scanRepository(root, { unchanged: () => true });
    const identities = scan.raws.map((raw) => [raw.file, raw.identity?.size, raw.identity?.mtimeMs, raw.identity?.ctimeMs, raw.identity?.ino]);
    const fingerprint = JSON.stringify([root, identities, scan.findings.map((f) => [f.code, f.file])]);
    if (last !== null && last.fingerprint === fingerprint) return last.snapshot;
    const settled = scan.raws.every((raw) => raw.identity !== undefined && raw.identity.mtimeMs < started - RACY_MS && raw.identity.ctimeMs < started - RACY_MS);
    const data = await loadData(ctx);
    const snapshot: ServeSnapshot = { model: data.model, validation: data.validation, files: data.repo.files, skipped: data.skipped };
    last = settled ? { fingerprint, snapshot } : null;
    return snapshot;
  };
  return () => {
    const next = queue.then(loadNow, loadNow).catch((error: unknown) => {
      // A message of ours (no repository any more, say) in words, not as its key.
      if (error instanceof CliError) throw new Error(t(ctx.lang, error.key, error.params));
      throw error;
    });
    queue = next.catch(() => undefined);
    return next;
  };
}

/** Starts the server (tests call this and close it themselves). */
export async function startServe(ctx: Context, options: ServeOptions): Promise<RunningServer> {
  const port = parsePort(options.port);
  const host = parseHost(options.host);
  // No repository: said now, not on the first page.
  resolveRoot(ctx);
  const asOf = ctx.options.asOf;
  try {
    return await startServer(
      {
        lang: ctx.lang,
        redacted: options.redact !== false,
        load: snapshotSource(ctx),
        defaultAsOf: (timezone): IsoDate => (asOf !== undefined ? parseDayOption("--as-of", asOf) : todayIn(timezone, ctx.surroundings.now())),
        parseDay: dateCheck<IsoDate>(ctx, parseDayOption, "as_of"),
        parseMonth: dateCheck<IsoMonth>(ctx, parseMonthOption, "month"),
        secret: randomBytes(32),
        onError: (error) => ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "error.internal", { detail: error instanceof Error ? error.message : String(error) }))}\n`),
      },
      host,
      port,
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new CliError(EXIT_USAGE, "serve.error.portInUse", { port });
    throw new CliError(EXIT_USAGE, "serve.error.listen", { host, port, detail: error instanceof Error ? error.message : String(error) });
  }
}

/** Opens the page in the system's browser; a failure is said, not fatal. */
function openBrowser(ctx: Context, url: string): void {
  const [command, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.on("error", (error) => ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "serve.openFailed", { detail: error.message, url }))}\n`));
    child.unref();
  } catch (error) {
    ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "serve.openFailed", { detail: error instanceof Error ? error.message : String(error), url }))}\n`);
  }
}

/** Runs until interrupted (Ctrl-C) or terminated, then closes the server and ends with 0. */
export async function runServe(ctx: Context, options: ServeOptions): Promise<number> {
  const running = await startServe(ctx, options);
  const host = parseHost(options.host);
  if (!isLoopbackHost(host)) ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "serve.warnHost", { host }))}\n`);
  ctx.surroundings.stdout(`${t(ctx.lang, "serve.listening", { url: running.url })}\n`);
  ctx.surroundings.stdout(`${t(ctx.lang, options.redact === false ? "serve.unmaskedNotice" : "serve.maskedNotice")}\n`);
  if (options.open === true) openBrowser(ctx, running.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void running.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return EXIT_OK;
}
