/**
 * Spawning bin/channel without waiting for it (so that it can be killed mid-write or run twenty
 * at once), and looking for what a write may leave behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI, PROJECT_ROOT, TEST_CACHE_DIR } from "../helpers/cli.js";

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Running {
  child: ChildProcess;
  done: Promise<Finished>;
}

/** Starts the CLI (`cli`: another copy's bin/channel, default this package's) without waiting for it. */
export function startCli(args: string[], options: { env?: Record<string, string>; cwd?: string; uid?: number; gid?: number; cli?: string } = {}): Running {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("CHANNEL_") && k !== "FORCE_COLOR") env[k] = v;
  Object.assign(env, { NO_COLOR: "1", LANG: "C", CHANNEL_CACHE_DIR: TEST_CACHE_DIR }, options.env ?? {});
  const started = performance.now();
  const child = spawn(process.execPath, [options.cli ?? CLI, ...args], { cwd: options.cwd ?? PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"], uid: options.uid, gid: options.gid });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on("data", (c: Buffer) => out.push(c));
  child.stderr!.on("data", (c: Buffer) => err.push(c));
  const done = new Promise<Finished>((resolve) => {
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), ms: performance.now() - started }),
    );
  });
  return { child, done };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every dot file (temporary files, locks) under `dir`, as relative paths. */
/** Dot files the commands write on purpose (init: .gitignore, and .gitattributes for the merge driver); any other is a leftover temporary file. */
const WRITTEN_DOT_FILES = new Set([".gitignore", ".gitattributes"]);

export function dotFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.startsWith(".") && !WRITTEN_DOT_FILES.has(entry.name)) found.push(child);
    }
  };
  walk("");
  return found.sort();
}

/**
 * Runs the CLI with its test hook CHANNEL_TEST_PAUSE_BEFORE_WRITE: once it has loaded and checked
 * the data and is about to write, it stops and creates a marker file; `whilePaused` then does
 * what another program would do at that moment, and the marker's removal lets the CLI go on.
 * `paused` says whether the CLI ever got there. Waiting is on the marker, not on a timing.
 */
export async function runPausedBeforeWrite(args: string[], whilePaused: () => void): Promise<Finished & { paused: boolean }> {
  const markerDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-pause-"));
  const marker = path.join(markerDir, "paused");
  try {
    const run = startCli(args, { env: { CHANNEL_TEST_PAUSE_BEFORE_WRITE: marker } });
    let ended = false;
    void run.done.then(() => (ended = true));
    while (!ended && !fs.existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 2));
    const paused = fs.existsSync(marker);
    if (paused) {
      whilePaused();
      fs.rmSync(marker);
    }
    return { ...(await run.done), paused };
  } finally {
    fs.rmSync(markerDir, { recursive: true, force: true });
  }
}
