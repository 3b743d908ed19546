/**
 * What a command runs with: the process's surroundings (environment, working directory,
 * clock, terminal) gathered in one place, and the global options resolved against them.
 * This is the only module that reads `process.env` or the clock.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { chooseLang, t, type Lang } from "../i18n/catalog.js";
import { findRoot, ROOT_MARKER } from "../load/repository.js";
import { readRepositoryLanguage } from "../load/repository-language.js";
import type { IsoDate } from "../model/values.js";
import { parseDayOption } from "./date-options.js";
import type { Style } from "../report/style.js";
import { CliError, EXIT_USAGE, usageError } from "./errors.js";
import { outputTarget, writeOutput } from "./output-file.js";
import { writeFailure } from "./write-errors.js";

/** The process's surroundings; tests pass their own. */
export interface Surroundings {
  env: Record<string, string | undefined>;
  cwd: string;
  now: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's columns when stdout is a terminal (undefined otherwise, or when unknown). */
  stdoutColumns?: number | undefined;
  /** Whether standard input is a terminal: `log` asks a question only when it and stdout are (undefined: no). */
  stdinIsTTY?: boolean;
  /** Writes `question` and reads one line typed in answer; null at the end of input (Ctrl-D). */
  ask?: (question: string) => Promise<string | null>;
  /**
   * The zone (IANA name) that this process's own Date methods compute in, when it can be known
   * without Intl (TZ, or where /etc/localtime links to); null when not. Tests leave it out.
   */
  localTimezone?: () => string | null;
}

export function processSurroundings(): Surroundings {
  return {
    env: process.env,
    // Asked when needed: a working folder that was deleted is a sentence for the commands that
    // need it (a relative path, the root search), and no obstacle to the others (issue 28).
    get cwd() {
      try {
        return process.cwd();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new CliError(EXIT_USAGE, "error.cwdGone", { dir: process.env.PWD ?? "?" });
        throw error;
      }
    },
    now: () => new Date(),
    stdout: writerTo(1, () => process.stdout),
    stderr: writerTo(2, () => process.stderr),
    // Asked only when colour or progress depends on it: the first look at process.stdout or
    // process.stderr makes Node build its stream (see writerTo).
    get stdoutIsTTY() {
      return mayBeTerminal(1) && process.stdout.isTTY === true;
    },
    get stderrIsTTY() {
      return mayBeTerminal(2) && process.stderr.isTTY === true;
    },
    get stdoutColumns() {
      return process.stdout.isTTY === true ? process.stdout.columns : undefined;
    },
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    ask: askOnTerminal,
    localTimezone: localTimezoneName,
  };
}

/**
 * The zone the process's Date methods use, by name: TZ when set (`:Asia/Shanghai` too), else
 * where /etc/localtime links to (`…/zoneinfo/Asia/Shanghai`); null when neither names one (a
 * copied /etc/localtime, Windows, a rule like `<+08>-8` or a path). Only equality with the
 * repository's zone, which Intl has accepted, is asked of it. Node's Date and Intl read the
 * zone the same way, from the same data.
 */
function localTimezoneName(): string | null {
  const tz = process.env.TZ;
  if (tz !== undefined) return /^:?([A-Za-z][\w+-]*(?:\/[\w+-]+)*)$/.exec(tz)?.[1] ?? null;
  if (process.platform === "win32") return null;
  try {
    return /\/zoneinfo\/([A-Za-z][\w+-]*(?:\/[\w+-]+)*)$/.exec(fs.readlinkSync("/etc/localtime"))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * False when descriptor `fd` is surely not a terminal: a file, a pipe or a socket (not a
 * character device), or the null device. Asked of the descriptor, so that the answer costs no
 * stream: `process.stdout.isTTY` makes Node build one, and loading Node's streams is ~3 ms of a
 * start (issue 28) that output to a file, a pipe or /dev/null never needs. True means "ask the
 * stream": another character device may be a terminal, and on Windows the stream knows best.
 */
export function mayBeTerminal(fd: number): boolean {
  if (process.platform === "win32") return true;
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    // The same device number is the same device, whichever node names it.
    return stats.rdev !== fs.statSync("/dev/null").rdev;
  } catch {
    // A closed or strange descriptor: the stream decides, as before.
    return true;
  }
}

/** One question on the terminal: the question on stderr (stdout keeps the command's output), the answer from stdin. */
async function askOnTerminal(question: string): Promise<string | null> {
  // Loaded only when a question is asked: most runs never ask one.
  const { createInterface } = await import("node:readline");
  const terminal = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    terminal.on("close", () => {
      if (!answered) resolve(null);
    });
    // Ctrl-C ends the command as it would anywhere else (nothing is written yet when log asks).
    terminal.on("SIGINT", () => {
      terminal.close();
      process.kill(process.pid, "SIGINT");
    });
    terminal.question(question, (answer) => {
      answered = true;
      terminal.close();
      resolve(answer);
    });
  });
}

/**
 * Writes to standard output or error. On POSIX straight to the file descriptor: that is what
 * Node's own process.stdout does there for files, pipes and terminals (synchronously), but
 * building that stream costs 1–3 ms of a start (a socket for a pipe, a tty stream for a
 * terminal). A descriptor that will not take the bytes now (EAGAIN: someone made it
 * non-blocking) or at all is handed to Node's stream from then on, which waits or reports as
 * usual; a reader that went away (EPIPE: `channel … | head`) ends the run quietly, as before.
 * `writeSync` is for tests.
 */
export function writerTo(fd: 1 | 2, stream: () => NodeJS.WriteStream, writeSync: (fd: number, bytes: Uint8Array) => number = fs.writeSync): (text: string) => void {
  let viaStream = process.platform === "win32";
  let opened: NodeJS.WriteStream | null = null;
  const streamWrite = (data: string | Uint8Array): void => {
    if (opened === null) {
      opened = stream();
      opened.on("error", endOnBrokenPipe);
    }
    opened.write(data);
  };
  return (text) => {
    if (viaStream) return void streamWrite(text);
    let bytes = Buffer.from(text, "utf8");
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(fd, bytes));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exit(process.exitCode ?? 0);
        viaStream = true;
        return streamWrite(bytes);
      }
    }
  };
}

function endOnBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
}

/** The global options as commander hands them over. */
export interface GlobalOptions {
  data?: string;
  asOf?: string;
  format?: string;
  out?: string;
  force?: boolean;
  lang?: string;
  color?: boolean;
  /** False with --no-cache. */
  cache?: boolean;
  /** No progress display. */
  quiet?: boolean;
  strict?: boolean;
}

export interface Context {
  lang: Lang;
  style: Style;
  /** Where parsed results are cached; null with --no-cache or when no home folder is known. */
  cacheDir: string | null;
  /** From how many bytes to check a cold check uses worker threads (CHANNEL_PARALLEL_MIN_MB). */
  parallelMinBytes: number;
  /** Reports how many files have been read of how many, for long runs on a terminal. */
  progress: (done: number, total: number) => void;
  surroundings: Surroundings;
  options: GlobalOptions;
  /** For tests only (CHANNEL_TEST_PAUSE_BEFORE_WRITE): a file whose removal a data write waits for (see data-write.ts). */
  testPauseBeforeWrite?: string;
  /** For tests only (CHANNEL_TEST_PAUSE_BETWEEN_WRITES): the same, between the first and the second file of one write (issue 28). */
  testPauseBetweenWrites?: string;
}

/** Colour only on a terminal, never with --no-color, NO_COLOR or --out. */
export function wantsColor(options: GlobalOptions, surroundings: Surroundings): boolean {
  // The terminal last: asking makes Node build its stdout stream (see processSurroundings).
  return options.color !== false && options.out === undefined && !("NO_COLOR" in surroundings.env && surroundings.env.NO_COLOR !== "") && surroundings.stdoutIsTTY;
}

/** What a terminal is taken to be wide when it does not say. */
const DEFAULT_TERMINAL_WIDTH = 80;

/**
 * The width tables are fitted to, or null to draw them whole (one row per item) as for a pipe
 * or a file. CHANNEL_TERMINAL_WIDTH=N draws as on a terminal N columns wide wherever the output
 * goes (`| less`, tests), and 0 as for a pipe even on a terminal; else, on a terminal, COLUMNS
 * when it is set, then the terminal's own width. `--out` writes a file: null.
 */
export function terminalWidth(ctx: Context): number | null {
  if (ctx.options.out !== undefined) return null;
  const { env } = ctx.surroundings;
  const forced = columnsValue(env.CHANNEL_TERMINAL_WIDTH);
  if (forced !== null) return forced === 0 ? null : forced;
  // The terminal last: asking makes Node build its stdout stream (see processSurroundings).
  if (!ctx.surroundings.stdoutIsTTY) return null;
  return columnsValue(env.COLUMNS) || (ctx.surroundings.stdoutColumns ?? 0) || DEFAULT_TERMINAL_WIDTH;
}

/** A count of columns from the environment; null when unset or not a whole number. */
function columnsValue(text: string | undefined): number | null {
  return text !== undefined && /^\s*\d{1,5}\s*$/.test(text) ? Number(text) : null;
}

/** The context of a command; `style` is PLAIN, or the colour styles when `wantsColor` says so. */
export function makeContext(options: GlobalOptions, surroundings: Surroundings, style: Style, repositoryLanguages?: RepositoryLanguages): Context {
  const lang = resolveLang(options.lang, options.data, surroundings, repositoryLanguages);
  if (lang === null) throw new CliError(EXIT_USAGE, "error.badLang", { value: options.lang ?? "" });
  const progress = options.quiet !== true ? progressLine(lang, surroundings) : () => undefined;
  return {
    lang,
    style,
    cacheDir: options.cache === false ? null : cacheDirectory(surroundings.env),
    parallelMinBytes: parallelMinBytes(surroundings.env),
    progress,
    surroundings,
    options,
    ...(surroundings.env.CHANNEL_TEST_PAUSE_BEFORE_WRITE ? { testPauseBeforeWrite: surroundings.env.CHANNEL_TEST_PAUSE_BEFORE_WRITE } : {}),
    ...(surroundings.env.CHANNEL_TEST_PAUSE_BETWEEN_WRITES ? { testPauseBetweenWrites: surroundings.env.CHANNEL_TEST_PAUSE_BETWEEN_WRITES } : {}),
  };
}

/**
 * The language of a run: `--lang`, else CHANNEL_LANG, else the repository's `language` in
 * channel.yaml (the repository of `--data`, else the one around the working directory), else
 * the locale. Null for a `--lang` that is neither zh nor en.
 */
export function resolveLang(flag: string | undefined, data: string | undefined, surroundings: Surroundings, repositoryLanguages: RepositoryLanguages = new Map()): Lang | null {
  return chooseLang(flag, surroundings.env, () => {
    const key = data ?? "";
    if (!repositoryLanguages.has(key)) {
      let root: string | null;
      try {
        root = data !== undefined ? resolveFromCwd(surroundings, data) : findRoot(surroundings.cwd, ceilingDirectories(surroundings.env));
      } catch (error) {
        // No working folder: the language comes from elsewhere; the command says what is wrong.
        if (!(error instanceof CliError)) throw error;
        root = null;
      }
      repositoryLanguages.set(key, root === null ? null : readRepositoryLanguage(root));
    }
    return repositoryLanguages.get(key)!;
  });
}

/**
 * The folders the search for the repository's root does not go up into: CHANNEL_CEILING_DIRECTORIES,
 * absolute paths separated by ":" (";" on Windows), as git's GIT_CEILING_DIRECTORIES (issue 28).
 * Relative entries are ignored, as git ignores them.
 */
export function ceilingDirectories(env: Record<string, string | undefined>): string[] {
  const value = env.CHANNEL_CEILING_DIRECTORIES;
  if (value === undefined || value === "") return [];
  return value.split(path.delimiter).filter((dir) => path.isAbsolute(dir)).map((dir) => path.resolve(dir));
}

/** `file` as an absolute path: itself when it is one (the working folder is not asked), else under the working folder. */
export function resolveFromCwd(surroundings: Pick<Surroundings, "cwd">, file: string): string {
  return path.isAbsolute(file) ? path.resolve(file) : path.resolve(surroundings.cwd, file);
}

/**
 * The repository languages one run has looked up, by `--data` ("" for none): the early look
 * (for help and usage errors) and the command's context then find and read channel.yaml once.
 */
export type RepositoryLanguages = Map<string, Lang | null>;

/** Work that takes more than this shows its progress. */
const PROGRESS_AFTER_MS = 1000;

/**
 * A progress line on stderr, rewritten in place: shown only on a terminal once a run has taken
 * a second, and erased at the end, so quick runs and piped output never see it.
 */
function progressLine(lang: Lang, surroundings: Surroundings): (done: number, total: number) => void {
  const started = surroundings.now().getTime();
  let shown = false;
  let lastDrawn = 0;
  let onTerminal: boolean | undefined;
  return (done, total) => {
    const now = surroundings.now().getTime();
    if (done >= total) {
      if (shown) surroundings.stderr("\r\x1b[K");
      return;
    }
    if (now - started < PROGRESS_AFTER_MS || now - lastDrawn < 100) return;
    // Only on a terminal; asked only now, as most runs end before a second has passed.
    onTerminal ??= surroundings.stderrIsTTY;
    if (!onTerminal) return;
    lastDrawn = now;
    shown = true;
    surroundings.stderr(`\r${t(lang, "progress.files", { done, total })}\x1b[K`);
  };
}

/**
 * Below this, starting worker threads for the cold check costs more than they save: on a
 * two-core machine they lost at 8 MB and won at 40 MB. CHANNEL_PARALLEL_MIN_MB moves the
 * threshold (lower on a machine with more cores; a very large number turns threads off).
 */
export const DEFAULT_PARALLEL_MIN_MB = 16;

function parallelMinBytes(env: Surroundings["env"]): number {
  const mb = Number(env.CHANNEL_PARALLEL_MIN_MB);
  return (env.CHANNEL_PARALLEL_MIN_MB !== undefined && env.CHANNEL_PARALLEL_MIN_MB !== "" && Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_PARALLEL_MIN_MB) * 1024 * 1024;
}

/** CHANNEL_CACHE_DIR, else $XDG_CACHE_HOME/channel, else ~/.cache/channel: never inside the data repository. */
function cacheDirectory(env: Surroundings["env"]): string | null {
  if (env.CHANNEL_CACHE_DIR) return path.resolve(env.CHANNEL_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, "channel");
  if (env.HOME) return path.join(env.HOME, ".cache", "channel");
  return null;
}

/** The repository root: `--data DIR` (which must hold channel.yaml), else found from the working directory up. */
export function resolveRoot(ctx: Context): string {
  const { data } = ctx.options;
  if (data !== undefined) {
    const dir = resolveFromCwd(ctx.surroundings, data);
    if (!fs.existsSync(path.join(dir, ROOT_MARKER))) throw usageError("error.dataDirMissing", { dir });
    return dir;
  }
  const root = findRoot(ctx.surroundings.cwd, ceilingDirectories(ctx.surroundings.env));
  if (root === null) throw usageError("error.rootNotFound", { dir: ctx.surroundings.cwd });
  return root;
}

/** The as-of day: `--as-of`, else today in the repository's timezone. */
export function resolveAsOf(ctx: Context, timezone: string): IsoDate {
  const given = ctx.options.asOf;
  if (given !== undefined) {
    // Checked when the command line was parsed; again here for callers that build options themselves.
    return parseDayOption("--as-of", given);
  }
  return todayIn(timezone, ctx.surroundings.now(), ctx.surroundings.localTimezone?.() ?? null);
}

/**
 * The day it is at `now` in `timezone`. When that zone is the process's own (`localTimezone`,
 * the usual case: a Shenzhen laptop and a repository on Asia/Shanghai), Date's local fields
 * answer; otherwise Intl does. Both give the same day, but the first Intl object of a run
 * starts ICU's locale machinery, ~15 ms of CPU of a morning run that has nothing else for it
 * (issue 28).
 */
export function todayIn(timezone: string, now: Date, localTimezone: string | null = null): IsoDate {
  if (localTimezone === timezone) {
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${String(now.getFullYear()).padStart(4, "0")}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The output format, checked against what the command offers; the first is the default. */
export function resolveFormat<F extends string>(ctx: Context, allowed: readonly F[]): F {
  const format = ctx.options.format ?? allowed[0]!;
  if (!(allowed as readonly string[]).includes(format)) {
    throw usageError("error.badFormat", { value: format, allowed: allowed.join("|") });
  }
  return format as F;
}

/**
 * Sends a command's output to stdout, or to `--out FILE`: atomically, never over a data file
 * of the repository (by real paths), over an existing file only with `--force`, and into a
 * pipe or a device as a stream (see output-file.ts).
 */
export function emit(ctx: Context, text: string | Uint8Array, root: string | null): void {
  const out = ctx.options.out;
  if (out === undefined) {
    ctx.surroundings.stdout(typeof text === "string" ? text : Buffer.from(text).toString("utf8"));
    return;
  }
  try {
    const target = outputTarget(resolveFromCwd(ctx.surroundings, out), out, root);
    if (!writeOutput(target, text, ctx.options.force === true)) throw usageError("error.outExists", { file: out });
  } catch (error) {
    // A full disk, a read-only file or folder: said in words, and the file is as it was.
    throw writeFailure(out, error);
  }
}

// issue 29: the big JSON reports given out in pieces.

/** Bytes gathered before one write to stdout: fewer system calls than one per piece. */
const EMIT_BATCH_CHARS = 1 << 20;

/**
 * `emit` of the text that `pieces` make when joined, without ever holding that text whole on
 * stdout (written by batches of about a megabyte); an `--out` file gets it as its UTF-8 bytes,
 * written atomically as emit writes one.
 */
export function emitPieces(ctx: Context, pieces: Iterable<string>, root: string | null): void {
  if (ctx.options.out !== undefined) {
    const chunks: Buffer[] = [];
    for (const piece of batches(pieces)) chunks.push(Buffer.from(piece, "utf8"));
    emit(ctx, Buffer.concat(chunks), root);
    return;
  }
  for (const batch of batches(pieces)) ctx.surroundings.stdout(batch);
}

/** A piece at least this long is written as it is: joining it to others would only copy it (a table's batch of lines). */
const EMIT_WHOLE_PIECE_CHARS = EMIT_BATCH_CHARS / 32;

function* batches(pieces: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (piece.length >= EMIT_WHOLE_PIECE_CHARS) {
      if (pending.length > 0) yield pending.join("");
      pending = [];
      length = 0;
      yield piece;
      continue;
    }
    pending.push(piece);
    length += piece.length;
    if (length >= EMIT_BATCH_CHARS) {
      yield pending.join("");
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield pending.join("");
}
