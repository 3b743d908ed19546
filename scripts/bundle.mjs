// Bundles the CLI into dist/channel.js and the chunks it imports (dist/chunks/): Node then
// loads a handful of modules instead of a few hundred. Code splitting keeps start-up small:
// the command line and the morning list (followups) load at start; the other commands
// (src/cli/commands/readers.ts, writers.ts) when one of them runs; the YAML parsers, schema
// checks and model builder (src/cli/parse-stage.ts) only when a run has files to read (a run
// answered from the cache never loads them). dist/check-worker.js is the worker thread of a
// large cold check. The schema validators stay a separate CommonJS file (dist/validators.cjs),
// required on first use.
import * as fs from "node:fs";
import { build } from "esbuild";

/**
 * Node's built-in modules, required instead of imported: an ES import of `node:fs` makes Node
 * build an ES facade of the whole module, reading every export (which loads fs streams, for
 * one), ~15 ms of start-up for the handful we use; require() hands over the object as it is.
 */
const builtinsByRequire = {
  name: "builtins-by-require",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) =>
      // The require() in the stub below is left to Node; every other import of node:* gets the stub.
      args.namespace === "builtin-by-require" ? { path: args.path, external: true } : { path: args.path, namespace: "builtin-by-require" },
    );
    build.onLoad({ filter: /.*/, namespace: "builtin-by-require" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};

/**
 * commander requires node:child_process when it loads, for subcommands that are separate
 * executables (which channel has none of); child_process brings net, dgram and streams with
 * it, several ms of every start. commander's copy is required on first use instead.
 */
const commanderChildProcessOnUse = {
  name: "commander-child-process-on-use",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "child-process-on-use" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "child-process-on-use" }, () => ({
      contents: [
        "let loaded;",
        "const real = () => (loaded ??= require('node:child_process'));",
        // spawn is all that commander calls (lib/command.js, _executeSubCommand).
        "module.exports = { spawn: (...args) => real().spawn(...args) };",
      ].join("\n"),
      loader: "js",
    }));
  },
};

// Chunk names carry content hashes: clear the old ones so the package holds only this build's.
fs.rmSync("dist/chunks", { recursive: true, force: true });
await build({
  // The check worker is an entry of its own: a thread loads it by file name (see parallel-check.ts).
  entryPoints: { channel: "src/cli/main.ts", "check-worker": "src/cli/check-worker.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  plugins: [commanderChildProcessOnUse, builtinsByRequire],
  // Bundled CommonJS dependencies call require(); give every ES module chunk one.
  banner: { js: 'import { createRequire as __channelCreateRequire } from "node:module"; const require = __channelCreateRequire(import.meta.url);' },
});
// The standalone validators (written by build-validators.mjs) with their formats and ajv's
// runtime helpers, as one CommonJS file that the CLI requires only when a file is checked.
await build({
  entryPoints: ["dist/validate/validators.generated.js"],
  outfile: "dist/validators.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
});
console.log("wrote dist/channel.js, dist/check-worker.js, dist/chunks/ and dist/validators.cjs");
