/**
 * Imports a dependency when it is first needed, from node_modules at run time rather than from
 * the bundle: the spreadsheet reader and writer and the pinyin dictionary are large, only
 * `import` and `export` use them, and bundled into dist/channel.js they would slow the start of
 * every command. esbuild leaves an import of a computed specifier alone, which is the point.
 * The types still come from the package (`typeof import("…")` is erased at build time).
 */
export async function runtimeImport<T>(specifier: string): Promise<T> {
  const module = (await import(specifier)) as T & { default?: T };
  // A CommonJS package whose named exports Node cannot detect puts them all under `default`.
  return module.default !== undefined && typeof module.default === "object" ? { ...module.default, ...module } : module;
}
