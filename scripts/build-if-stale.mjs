// `npm test` builds only when the build's inputs changed since the last complete build.
//
// `npm ci` and `npm install` build dist/ already (the `prepare` script); building again at the
// start of `npm test` cost CI ~25 s of a 3.5-minute run for the very same bytes. The inputs are
// hashed (every file under src/ and schemas/, the build scripts, the TypeScript settings,
// package.json and the lock file) and compared with the hash that the last complete build left
// in dist/.build-inputs. `--stamp` writes that hash (the last step of `npm run build`).
// Messages go to stderr: stdout of a build step is read by tools such as `npm pack`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAMP = path.join(ROOT, "dist", ".build-inputs");
const INPUT_FOLDERS = ["src", "schemas"];
const INPUT_FILES = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "bin/channel",
  "scripts/build-validators.mjs",
  "scripts/bundle.mjs",
  "scripts/code-cache.mjs",
  "scripts/build-if-stale.mjs",
];

/** A hash of the build's inputs, by path in a stated order (never readdir's). */
export function buildInputsHash() {
  const files = [...INPUT_FILES];
  for (const folder of INPUT_FOLDERS) {
    for (const rel of fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })) {
      const file = path.join(folder, rel);
      if (fs.statSync(path.join(ROOT, file)).isFile()) files.push(file.split(path.sep).join("/"));
    }
  }
  const hash = createHash("sha256");
  for (const file of files.sort()) hash.update(file).update("\0").update(fs.readFileSync(path.join(ROOT, file))).update("\0");
  // Another Node makes another code cache (V8 refuses one made by another version).
  hash.update(process.version);
  return hash.digest("hex");
}

function readStamp() {
  try {
    return fs.readFileSync(STAMP, "utf8").trim();
  } catch {
    return null;
  }
}

if (process.argv.includes("--stamp")) {
  fs.writeFileSync(STAMP, `${buildInputsHash()}\n`);
} else if (process.env.CHANNEL_FORCE_BUILD !== "1" && readStamp() === buildInputsHash()) {
  console.error("dist/ is up to date with the sources: build skipped (CHANNEL_FORCE_BUILD=1 builds anyway)");
} else {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  process.exit(result.status ?? 1);
}
