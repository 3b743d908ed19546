#!/usr/bin/env node
// npm's `prepare`: builds dist/ from src/. It runs after `npm ci`/`npm install` in a clone (the
// build tools, devDependencies, are there) and when npm installs the package straight from git
// (`npm install -g git+…`, which is how the pre-commit framework 4 installs a node hook). In that
// second case npm runs prepare in a temporary clone without the devDependencies, so `tsc` is not
// found and the install fails. Here the build tools are then installed into that temporary clone
// first (local, not global, without their install scripts); npm packs only what package.json's
// `files` lists, so they never reach the installed package.
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
  console.error(`channel prepare: the build tools (${missing.join(", ")}) are not installed here (npm install from git does not install devDependencies); installing them for the build`);
  // The npm running this script may be a global install: its settings must not make this one global too.
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_config_(global|location|prefix|omit|include|only|production|dev|save.*)$/i.test(key)) env[key] = value;
  }
  run(["install", "--no-save", "--global=false", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"], env);
}
run(["run", "build"], process.env);
