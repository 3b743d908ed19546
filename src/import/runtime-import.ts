/**
 * Imports a dependency when it is first needed, from node_modules at run time rather than from
 * the bundle: the spreadsheet reader and writer and the pinyin dictionary are large, only
 * `import` and `export` use them, and bundled into dist/channel.cjs they would slow the start of
 * every command. esbuild leaves an import of a computed specifier out of the bundle, which is
 * the point; the bundle's CommonJS transform turns it into a require() behind a promise, which
 * loads these ES module packages too (Node ≥ 20.19 requires an ES module without top-level
 * await). Run from src/ (the tests), it stays an import().
 * The types still come from the package (`typeof import("…")` is erased at build time).
 */
export async function runtimeImport<T>(specifier: string): Promise<T> {
  const module = (await import(specifier)) as T & { default?: T };
  // A CommonJS package whose named exports Node cannot detect puts them all under `default`.
  return module.default !== undefined && typeof module.default === "object" ? { ...module.default, ...module } : module;
}
