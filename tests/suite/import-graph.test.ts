/**
 * The modules of src/ import each other one way: no module reaches itself through its imports
 * (issue 28 broke load/parse-yaml ↔ load/syntax-diagnosis and rules/closing ↔ rules/followups).
 * Read from the sources, static and dynamic relative imports alike; `import type` is left out
 * (it is erased: the message catalogue's sections name their type from catalog.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compareText } from "../../src/findings.js";

const SRC = path.resolve(new URL("../../src", import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : []))
    .sort(compareText);
}

/** Each module's relative imports (`from "./x.js"`, `import("./x.js")`), as paths of src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, "utf8").replace(/^(?:import|export) type [^;]*;/gm, "");
    const targets = [...text.matchAll(/(?:from\s+|import\()\s*"(\.{1,2}\/[^"]+)\.js"/g)].map((m) => path.relative(SRC, path.resolve(path.dirname(file), `${m[1]}.ts`)));
    graph.set(path.relative(SRC, file), [...new Set(targets)].sort(compareText));
  }
  return graph;
}

/** The cycles found by a depth-first walk, each as the path that closes it. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe("the import graph of src/", () => {
  it("reads every module and its relative imports", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("load/parse-yaml.ts")).toContain("load/syntax-diagnosis.ts");
  });

  it("has no import circle", () => {
    expect(cycles(importGraph()).map((c) => c.join(" → "))).toEqual([]);
  });

  it("finds a circle when there is one (the check can fail)", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
    ]);
    expect(cycles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });
});
