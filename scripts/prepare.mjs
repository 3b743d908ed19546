#!/usr/bin/env node
// npm's `prepare`: builds dist/ from src/ when it is not up to date (scripts/build-if-stale.mjs).
// It runs after `npm ci`/`npm install` in a clone, and when npm installs the package straight from
// git (`npm install -g git+…`, which is how the pre-commit framework 4 installs a node hook).
//
// In that second case npm (its pacote, before the fix of npm/pacote#494) first runs a second
// `npm install` in its temporary clone that inherits the outer `-g`: it installs the clone
// globally instead of installing its devDependencies, so the build tools are not there. They are
// then installed into the temporary clone here, from package-lock.json, local and without their
// install scripts; npm packs only what package.json's `files` lists, so they never reach the
// installed package.
//
// The same stray global install is why the package has no `dependencies`: the built CLI is one
// bundle (scripts/bundle.mjs) that needs nothing from node_modules at run time, so the libraries
// it is built from are devDependencies. With a dependency, that stray install and npm's own
// install both wrote node_modules/channel/node_modules/<dependency> at the same time, and the
// pre-commit 4 install failed about one time in two (ENOTEMPTY, TAR_ENTRY_ERROR).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(new URL("../package.json", import.meta.url));
const BUILD_TOOLS = ["typescript", "esbuild"];
const missing = BUILD_TOOLS.filter((name) => {
  try {
    require.resolve(`${name}/package.json`);
    return false;
  } catch {
    return true;
  }
});
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(args, env) {
  const result = spawnSync(npm, args, { cwd: root, stdio: "inherit", env, shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (missing.length > 0) {
  console.error(`channel prepare: the build tools (${missing.join(", ")}) are not installed here (npm install -g from git does not install devDependencies); installing them for the build`);
  // The npm running this script may be a global install: its settings must not make this one global too.
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_config_(global|location|prefix|omit|include|only|production|dev|save.*)$/i.test(key)) env[key] = value;
  }
  run(["ci", "--global=false", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund"], env);
}
// The temporary clone is prepared twice by npm (once by the stray install, once to pack it): the
// second time the build is up to date and skipped.
const build = spawnSync(process.execPath, [fileURLToPath(new URL("build-if-stale.mjs", import.meta.url))], { cwd: root, stdio: "inherit" });
process.exit(build.status ?? 1);
