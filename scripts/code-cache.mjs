// Writes V8's code cache for the bundled CLI (dist/code-cache/), which bin/channel hands to V8
// so that a start skips compiling what it runs. The cache holds the functions a run compiled, so
// it is made by running the commands whose start matters: `validate` (every commit) and the
// morning `followups`, cold and then warm, on data-example. Later runs overwrite the files the
// earlier ones loaded too, so dist/channel.cjs and its chunks end with the warm `followups`
// state, the one every morning repeats.
//
// The files depend on this Node version (V8 refuses them otherwise, and compiles as usual).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const example = path.join(root, "data-example");
const target = path.join(root, "dist", "code-cache");
fs.rmSync(target, { recursive: true, force: true });
if (!fs.existsSync(path.join(example, "channel.yaml"))) {
  console.error("no data-example: no code cache written (the CLI compiles as it goes)");
  process.exit(0);
}
const dataCache = fs.mkdtempSync(path.join(os.tmpdir(), "channel-code-cache-"));
try {
  const common = ["--data", example, "--as-of", "2026-11-28", "--lang", "zh"];
  for (const args of [["validate", ...common], ["followups", ...common], ["followups", ...common]]) {
    const run = spawnSync(process.execPath, [path.join(root, "bin", "channel"), ...args], {
      env: { ...process.env, NO_COLOR: "1", CHANNEL_CACHE_DIR: dataCache, CHANNEL_WRITE_CODE_CACHE: target },
      encoding: "utf8",
    });
    // data-example is meant to validate clean: anything else means the build itself is wrong.
    if (run.status !== 0) throw new Error(`channel ${args[0]} exited ${run.status} while writing the code cache:\n${run.stderr}`);
  }
} finally {
  fs.rmSync(dataCache, { recursive: true, force: true });
}
console.error(`wrote ${fs.readdirSync(target).length} files to dist/code-cache/`);
