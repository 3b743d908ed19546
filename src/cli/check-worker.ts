/**
 * A worker thread of the cold check (see parallel-check.ts): takes files from the shared
 * counter until none is left, parses and schema-checks each, and posts back what it took.
 */
import { parentPort } from "node:worker_threads";
import { checkFile } from "../validate/index.js";
import type { CheckRequest, CheckResponse } from "./parallel-check.js";

parentPort?.once("message", (request: CheckRequest) => {
  const next = new Int32Array(request.next);
  const results: CheckResponse["results"] = [];
  for (let i = Atomics.add(next, 0, 1); i < request.raws.length; i = Atomics.add(next, 0, 1)) {
    const { file, findings } = checkFile(request.raws[i]!);
    results.push([i, file.data, findings]);
  }
  parentPort?.postMessage({ results } satisfies CheckResponse);
});
