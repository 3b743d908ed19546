// Bundles the CLI into one file, dist/channel.js: Node then loads one module instead of a
// few hundred, which halves the start-up time of every command. The schema validators stay
// a separate file (dist/validate/validators.generated.js), loaded only when a file is checked.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/channel.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // Bundled CommonJS dependencies call require(); give the ES module one.
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
console.log("wrote dist/channel.js and dist/validators.cjs");
