/**
 * A worker thread of the cold check (see parallel-check.ts): takes files from the shared
 * counter until none is left, parses and schema-checks each, and posts back each file's result
 * as soon as it has it (one message per file: none grows with the repository).
 */
import { parentPort } from "node:worker_threads";
import { checkForLoad } from "./file-check.js";
import type { CheckRequest, CheckResponse } from "./parallel-check.js";

parentPort?.once("message", (request: CheckRequest) => {
  const next = new Int32Array(request.next);
  for (let i = Atomics.add(next, 0, 1); i < request.raws.length; i = Atomics.add(next, 0, 1)) {
    parentPort?.postMessage({ index: i, checked: checkForLoad(request.raws[i]!, request.wants) } satisfies CheckResponse);
    // This thread's hold on the shared bytes: they are freed once no thread has one.
    if (request.letBytesGo) request.raws[i]!.bytes = null;
  }
  parentPort?.postMessage({ done: true } satisfies CheckResponse);
});
