#!/usr/bin/env node
// Time to first page of `channel serve`: starts the built CLI on a free port, fetches today's
// list, then it again and the coverage page twice, and prints the times as one JSON line per run.
// `node scripts/measure-serve.mjs DATA CACHE_DIR cold|warm [RUNS]`: cold empties CACHE_DIR
// before each run; warm leaves it (run once cold first). Times in ms from spawning the process.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "channel");
const [data, cache, mode, runs = "1"] = process.argv.slice(2);
if (data === undefined || cache === undefined || (mode !== "cold" && mode !== "warm")) {
  console.error("usage: node scripts/measure-serve.mjs DATA CACHE_DIR cold|warm [RUNS]");
  process.exit(2);
}
const get = (port, target) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get({ host: "127.0.0.1", port, path: target, agent: false }, (res) => {
        let bytes = 0;
        res.on("data", (d) => (bytes += d.length));
        res.on("end", () => resolve({ status: res.statusCode, ms: Math.round(performance.now() - started), bytes }));
      })
      .on("error", reject);
  });
for (let i = 0; i < Number(runs); i++) {
  if (mode === "cold") fs.rmSync(cache, { recursive: true, force: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, "serve", "--data", data, "--port", "0", "--as-of", "2012-03-20"], { env: { ...process.env, CHANNEL_CACHE_DIR: cache }, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  const listening = Math.round(performance.now() - t0);
  const first = await get(port, "/");
  const ttfp = Math.round(performance.now() - t0);
  const again = await get(port, "/");
  const coverage = await get(port, "/coverage");
  const coverageAgain = await get(port, "/coverage");
  console.log(JSON.stringify({ mode, listening, ttfp, firstRequest: first.ms, again: again.ms, coverage: coverage.ms, coverageAgain: coverageAgain.ms, status: first.status, bytes: first.bytes }));
  child.kill("SIGTERM");
  await new Promise((resolve) => child.on("exit", resolve));
}
