// Bundles the CLI into dist/channel.cjs and the chunks it requires (dist/chunks/): Node then
// loads a handful of files instead of a few hundred. Code splitting keeps start-up small: the
// command line and the morning list (followups) load at start; the other commands
// (src/cli/commands/readers.ts, writers.ts) when one of them runs; the YAML parsers, schema
// checks and model builder (src/cli/parse-stage.ts) only when a run has files to read (a run
// answered from the cache never loads them). dist/check-worker.cjs is the worker thread of a
// large cold check. The schema validators stay a separate CommonJS file (dist/validators.cjs),
// required on first use.
//
// Why CommonJS: esbuild splits code only into ES modules, but on Node 20 the ES module loader
// costs ~10 ms of every start (its own start, then compiling and linking each chunk), and V8's
// code cache, which bin/channel uses to skip compiling, can be handed only to a script. So the
// chunks are built as ES modules in memory, then each is turned into CommonJS on its own:
// imports of other chunks become require() calls, import() a require() behind a promise.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { build, transform } from "esbuild";

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

/**
 * src/i18n/texts.ts builds each language's message table from the sections in messages/. In
 * the bundle it is replaced by a reader of one file per language, dist/messages/<lang>.json,
 * made by running the module now: a run reads and parses only the language it speaks, and
 * the tables (~100 KB each) are no longer string constants of the start chunk that every
 * start reads, compares and loads from the code cache in both languages (issue 28, ~3 ms).
 * The folder is found from the package root (src/paths.ts), as the validators are.
 */
const MESSAGE_DIR = "dist/messages";
const LANGS = ["zh", "en"];
const messageTablesAsFiles = {
  name: "message-tables-as-files",
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]src[\\/]i18n[\\/]texts\.ts$/ }, async (args) => {
      const compiled = await build({ entryPoints: [args.path], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "warning" });
      const module = { exports: {} };
      new Function("module", "exports", compiled.outputFiles[0].text)(module, module.exports);
      fs.mkdirSync(MESSAGE_DIR, { recursive: true });
      for (const lang of LANGS) fs.writeFileSync(path.join(MESSAGE_DIR, `${lang}.json`), JSON.stringify(module.exports.messageTexts(lang)));
      const paths = path.resolve("src", "paths.ts");
      return {
        contents: [
          'import { readFileSync } from "node:fs";',
          'import { join } from "node:path";',
          `import { PACKAGE_ROOT } from ${JSON.stringify(paths)};`,
          `const LANGS = ${JSON.stringify(LANGS)};`,
          "export function messageTexts(lang) {",
          // A language name never becomes a path unless it is one of ours.
          '  if (!LANGS.includes(lang)) throw new Error(`no message table for ${String(lang)}`);',
          `  return JSON.parse(readFileSync(join(PACKAGE_ROOT, ${JSON.stringify(MESSAGE_DIR)}, lang + ".json"), "utf8"));`,
          "}",
        ].join("\n"),
        loader: "js",
        resolveDir: path.resolve("src", "i18n"),
      };
    });
  },
};
/**
 * The top of every CommonJS file. "use strict" keeps the semantics the code had as an ES
 * module. `import.meta.url` (used to find the package's files and to require the validators)
 * becomes the file's own URL. A Node built-in imported as a namespace gets an object whose
 * prototype is the module itself: esbuild's __toESM would copy every export of fs, path, … onto
 * a new object, ~2.5 ms of every start for the handful of calls made.
 */
function prelude(code) {
  const lines = ['"use strict";'];
  if (code.includes("__channelModuleUrl")) lines.push('var __channelModuleUrl = require("node:url").pathToFileURL(__filename).href;');
  if (code.includes("__channelBuiltin(")) lines.push("var __channelBuiltin = (m) => Object.create(m, { default: { value: m, enumerable: true } });");
  return lines.join("\n") + "\n";
}

/**
 * The build's identity, part of every cache key (src/version.ts, BUILD): a hash of every source
 * file and of the lock file, so that results cached by other code or other dependencies are
 * never read back.
 */
function buildId() {
  const hash = createHash("sha256");
  const files = ["package-lock.json", ...fs.readdirSync("src", { recursive: true }).map((f) => path.join("src", String(f)))]
    .filter((f) => fs.statSync(f).isFile())
    .sort();
  for (const file of files) hash.update(file.split(path.sep).join("/")).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

// Chunk names carry content hashes: clear the old build (and the ES module files of builds
// before the change to CommonJS) so the package holds only this build's.
fs.rmSync("dist/chunks", { recursive: true, force: true });
fs.rmSync("dist/code-cache", { recursive: true, force: true });
fs.rmSync(MESSAGE_DIR, { recursive: true, force: true });
for (const stale of ["dist/channel.js", "dist/check-worker.js"]) fs.rmSync(stale, { force: true });

const esm = await build({
  // The check worker is an entry of its own: a thread loads it by file name (see parallel-check.ts).
  entryPoints: { channel: "src/cli/main.ts", "check-worker": "src/cli/check-worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["node:*"],
  define: { "import.meta.url": "__channelModuleUrl", __CHANNEL_BUILD__: JSON.stringify(buildId()) },
  write: false,
  logLevel: "warning",
  plugins: [commanderChildProcessOnUse, messageTablesAsFiles],
});
for (const file of esm.outputFiles) {
  const cjs = await transform(file.text, {
    format: "cjs",
    platform: "node",
    target: "node20",
    loader: "js",
    // import("./chunks/x.cjs") → Promise.resolve().then(() => require("./chunks/x.cjs")).
    supported: { "dynamic-import": false },
    logLevel: "warning",
  });
  if (/\bimport\(/.test(cjs.code.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ""))) throw new Error(`${file.path}: an import() survived the CommonJS transform`);
  const code = cjs.code.replace(/__toESM\(require\("(node:[a-z_/]+)"\)\)/g, '__channelBuiltin(require("$1"))');
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  fs.writeFileSync(file.path, prelude(code) + code);
}
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
console.error("wrote dist/channel.cjs, dist/check-worker.cjs, dist/chunks/, dist/messages/ and dist/validators.cjs");
