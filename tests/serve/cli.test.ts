/**
 * `channel serve` as a user starts it: the built CLI, its messages, its usage errors, the
 * warning for an address other than 127.0.0.1, and a clean end on SIGTERM.
 */
import { spawn } from "node:child_process";
import * as http from "node:http";
import { describe, expect, it } from "vitest";
import { t } from "../../src/i18n/catalog.js";
import { displayWidth } from "../../src/report/text-width.js";
import { CLI, DATA_EXAMPLE, PROJECT_ROOT, runCli, TEST_CACHE_DIR } from "../helpers/cli.js";

function startCli(args: string[]): Promise<{ url: string; stderr: () => string; stop: () => Promise<number | null> }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("CHANNEL_")) env[k] = v;
  Object.assign(env, { NO_COLOR: "1", LANG: "C", CHANNEL_CACHE_DIR: TEST_CACHE_DIR });
  const child = spawn(process.execPath, [CLI, "serve", ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
      const match = /http:\/\/[^\s]+\//.exec(stdout);
      if (match)
        resolve({
          url: match[0],
          stderr: () => stderr,
          stop: () =>
            new Promise((done) => {
              child.on("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
    });
    child.on("exit", (code) => reject(new Error(`serve ended (${code}): ${stdout}${stderr}`)));
  });
}

function status(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: "/", headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject);
  });
}

describe("channel serve on the command line", () => {
  it("says where it listens and that data is masked, answers on 127.0.0.1, and ends with 0 on SIGTERM", async () => {
    const server = await startCli(["--data", DATA_EXAMPLE, "--port", "0", "--as-of", "2012-03-20", "--lang", "en"]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = Number(/:(\d+)\//.exec(server.url)![1]);
    expect(await status(port, `127.0.0.1:${port}`)).toBe(200);
    expect(await status(port, `rebound.example:${port}`)).toBe(421);
    expect(server.stderr()).toBe("");
    expect(await server.stop()).toBe(0);
  });

  it("warns on stderr when told to listen beyond this computer", async () => {
    const server = await startCli(["--data", DATA_EXAMPLE, "--port", "0", "--host", "0.0.0.0", "--lang", "en"]);
    const port = Number(/:(\d+)\//.exec(server.url)![1]);
    expect(server.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/);
    expect(await status(port, `127.0.0.1:${port}`)).toBe(200);
    expect(await status(port, `attacker.example:${port}`)).toBe(421);
    expect(await server.stop()).toBe(0);
  });

  it("refuses a wrong port or host, and a folder without data, as usage errors", () => {
    const badPort = runCli(["serve", "--data", DATA_EXAMPLE, "--port", "http", "--lang", "en"]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port");
    const badHost = runCli(["serve", "--data", DATA_EXAMPLE, "--host", "evil.example", "--lang", "en"]);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toContain("--host");
    const noData = runCli(["serve", "--data", "/nonexistent-channel-data", "--port", "0", "--lang", "en"]);
    expect(noData.code).toBe(2);
  });

  it("has help in both languages within 80 columns, ending with two or three examples (as every command's help does)", () => {
    for (const lang of ["zh", "en"] as const) {
      const help = runCli(["serve", "--help", "--lang", lang]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("--no-redact");
      for (const line of help.stdout.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
      const examples = help.stdout.slice(help.stdout.lastIndexOf(t(lang, "help.title.examples")));
      const runs = examples.split("\n").filter((line) => line.startsWith("  channel serve"));
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.length).toBeLessThanOrEqual(3);
    }
    expect(runCli(["serve", "--help", "--lang", "zh"]).stdout).toContain("浏览档案");
  });
});
