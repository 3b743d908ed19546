/**
 * Spawning bin/channel without waiting for it (so that it can be killed mid-write or run twenty
 * at once), and looking for what a write may leave behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
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
export function dotFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.startsWith(".") && entry.name !== ".gitignore") found.push(child);
    }
  };
  walk("");
  return found.sort();
}
