/** The commands that write into the repository (and bring the YAML editor with them), as one module: see readers.ts. */
export { runLog } from "./log.js";
export { runImport } from "./import.js";
export { runInit } from "./init.js";
export { runHookInstall } from "./hook.js";
// Issue 25.
export { runAdd } from "./add.js";
