#!/usr/bin/env node
// Drives a real headless Chromium over every page of `channel serve` and saves a screenshot of
// each: `node scripts/check-serve-chromium.mjs [--data DIR] [--out DIR] [--lang zh|en]
// [--as-of YYYY-MM-DD] [--no-redact]`. Without Chromium (the Debian package `chromium`, or
// CHROMIUM=/path/to/chrome) it says so and exits 0. It fails (exit 1) when a page does not
// answer 200, a screenshot is not written, or Chromium reports a Content-Security-Policy
// violation or a script error on a page. Needs a built dist/ (`npm run build`).
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    data: { type: "string", default: path.join(ROOT, "data-example") },
    broken: { type: "string", default: path.join(ROOT, "tests", "fixtures", "validate-broken-archive") },
    out: { type: "string", default: path.join(os.tmpdir(), "channel-serve-screenshots") },
    lang: { type: "string", default: "zh" },
    "as-of": { type: "string", default: "2012-03-20" },
    "no-redact": { type: "boolean", default: false },
  },
});

function findChromium() {
  const candidates = [process.env.CHROMIUM, "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].filter(Boolean);
  for (const candidate of candidates) {
    const found = spawnSync("sh", ["-c", `command -v "$1"`, "sh", candidate], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim() !== "") return found.stdout.trim();
  }
  return null;
}

const chromium = findChromium();
if (chromium === null) {
  console.log("check-serve-chromium: no Chromium found (install the Debian package `chromium`, or set CHROMIUM=/path/to/chrome); skipped.");
  process.exit(0);
}

/** Starts `channel serve` on a free port and resolves with its address once it listens. */
function startServe(data) {
  const args = [path.join(ROOT, "bin", "channel"), "serve", "--data", data, "--port", "0", "--as-of", values["as-of"], "--lang", values.lang];
  if (values["no-redact"]) args.push("--no-redact");
  const child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: "1", CHANNEL_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "channel-shots-cache-")) }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk.toString("utf8");
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) resolve({ child, base: match[0].replace(/\/$/, "") });
    });
    child.on("exit", (code) => reject(new Error(`channel serve ended (${code}) before listening:\n${out}`)));
  });
}

/** A page's status and text, on a connection of its own (no keep-alive racing the server's timeout). */
function fetchPage(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode, text }));
      })
      .on("error", reject);
  });
}

async function status(url) {
  return (await fetchPage(url)).status;
}

/** One screenshot; returns what Chromium said about the page's console (CSP violations, errors). */
function screenshot(url, file, height) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "channel-shots-profile-"));
  try {
    const result = spawnSync(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        `--user-data-dir=${profile}`,
        `--window-size=1280,${height}`,
        `--screenshot=${file}`,
        url,
      ],
      { encoding: "utf8", timeout: 90_000 },
    );
    const log = `${result.stdout}\n${result.stderr}`;
    return log.split("\n").filter((line) => /Content Security Policy|Refused to|Uncaught|:CONSOLE[:(]/i.test(line));
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const outDir = path.resolve(values.out);
fs.mkdirSync(outDir, { recursive: true });
const main = await startServe(values.data);
const broken = await startServe(values.broken);
const firstLink = async (base, page, prefix) => {
  const html = (await fetchPage(base + page)).text;
  const match = new RegExp(`href="(${prefix}[^"]*)"`).exec(html);
  return match ? match[1].replace(/&amp;/g, "&") : null;
};
const pages = [
  ["01-today", main.base, "/", 2200],
  ["02-today-filtered", main.base, "/?branch=cmb-futian-center&as_of=2012-03-22", 1200],
  ["03-branches", main.base, "/branches", 1000],
  ["04-branch-card", main.base, "/branch/cmb-futian-center", 2600],
  ["05-staff-card", main.base, (await firstLink(main.base, "/branch/cmb-futian-center", "/staff/")) ?? "/staff/none", 1400],
  ["06-prospect-card", main.base, (await firstLink(main.base, "/branch/cmb-futian-center", "/prospect/")) ?? "/prospect/none", 1400],
  ["07-coverage", main.base, "/coverage", 1000],
  ["08-kpis", main.base, "/kpis?branch=cmb-futian-center", 1500],
  ["09-bonus", main.base, "/bonus", 1600],
  ["10-expenses", main.base, "/expenses", 1000],
  ["11-monthly-bank", main.base, "/monthly?branch=cmb-futian-center&month=2012-03", 2600],
  ["12-monthly-internal", main.base, "/monthly?branch=cmb-futian-center&month=2012-03&audience=internal", 2800],
  ["13-validate-clean", main.base, "/validate", 700],
  ["14-validate-findings", broken.base, "/validate", 1400],
  ["15-source", broken.base, (await firstLink(broken.base, "/validate", "/source")) ?? "/source", 1100],
  ["16-not-found", main.base, "/no-such-page", 500],
];
let failed = 0;
try {
  for (const [name, base, page, height] of pages) {
    const url = base + page;
    const code = await status(url);
    const file = path.join(outDir, `${name}.png`);
    fs.rmSync(file, { force: true });
    const complaints = screenshot(url, file, height);
    const written = fs.existsSync(file) && fs.statSync(file).size > 0;
    const expected = name === "16-not-found" ? 404 : 200;
    const ok = code === expected && written && complaints.length === 0;
    if (!ok) failed += 1;
    console.log(`${ok ? "ok  " : "FAIL"} ${name}.png  ${code}  ${page}${complaints.length > 0 ? `\n     ${complaints.join("\n     ")}` : ""}`);
  }
} finally {
  main.child.kill("SIGTERM");
  broken.child.kill("SIGTERM");
}
console.log(`screenshots in ${outDir}`);
process.exit(failed > 0 ? 1 : 0);
