/**
 * The cold check of a large repository on several cores. Parsing is nearly all of a cold
 * run, and each file's check depends on nothing but its bytes, so worker threads and this
 * thread take files from one shared counter until none is left (a thread that is slower, or
 * starts later, simply takes fewer), and each file's result lands in its place in the order.
 * What crosses over is what the caller wants of each file (see file-check.ts): the value as a
 * structured clone only when it is kept, else its JSON text for the cache and the facts the
 * cross-file rules read; its findings come back already located.
 * Nothing crosses over whole: the files' bytes are shared (SharedArrayBuffer, one copy for every
 * thread), and each file's result comes back as its own message, so that no message grows with
 * the repository (at 5,000 branches one would outgrow what V8 can serialise).
 * Only the built CLI has a worker script (dist/check-worker.cjs); without it, with one core,
 * or with less than `minBytes` to check (see cli/context.ts), the check runs here alone. Any file a failed worker took is
 * checked here again: threads change the speed, never the result.
 */
import * as fs from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FileKind, LoadedFile, RawFile } from "../load/repository.js";
import { CHECK_WORKER } from "../paths.js";
import type { CheckedFile, CheckWants } from "./file-check.js";

const MAX_WORKERS = 3;
/** How long this thread checks files before it takes in what the workers have sent. */
const YIELD_EVERY_MS = 50;

/** What a worker is sent: every file (its bytes shared, not copied), and the counter through which threads take them. */
export interface CheckRequest {
  raws: { file: string; kind: FileKind; branchFolder: string | null; bytes: Uint8Array | null }[];
  /** One Int32: the index of the next file nobody has taken. */
  next: SharedArrayBuffer;
  /** What to send back of each file's value. */
  wants: CheckWants;
  /** Whether each file's bytes are let go once it is checked (see checkInParallel's `letBytesGo`). */
  letBytesGo: boolean;
}

/** What a worker sends back: one message per file it took (by index), then `done`. */
export type CheckResponse = { index: number; checked: CheckedFile } | { done: true };

/** What one file's check gives (see file-check.ts). */
export interface CheckedValue extends CheckedFile {
  /** The file as checked, when checked on this thread (with its YAML document, if one was made). */
  file?: LoadedFile;
}

/**
 * Checks `raws` on this thread and worker threads; each file's result, in order. `settle` is
 * given each result as soon as it is in (in no particular order) and returns what is kept of
 * it: the caller writes what it must and lets the rest go before the next file's comes.
 * `letBytesGo`: no thread keeps a file's bytes once its result is in (the caller lets go of its
 * own in `settle`), so that they are freed as the check goes rather than at its end.
 */
export async function checkInParallel<Kept = CheckedValue>(
  raws: readonly RawFile[],
  checkHere: (raw: RawFile) => CheckedValue,
  progress: (done: number, total: number) => void,
  minBytes: number,
  wants: CheckWants,
  settle: (index: number, value: CheckedValue) => Kept = (_index, value) => value as unknown as Kept,
  letBytesGo = false,
): Promise<Kept[]> {
  const results: (Kept | undefined)[] = new Array(raws.length);
  const bytes = raws.reduce((sum, raw) => sum + (raw.bytes?.length ?? 0), 0);
  const workerCount = bytes < minBytes || !fs.existsSync(CHECK_WORKER) ? 0 : Math.min(MAX_WORKERS, availableParallelism() - 1);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const request: CheckRequest = {
    raws: workerCount === 0 ? [] : raws.map((raw) => ({ file: raw.file, kind: raw.kind, branchFolder: raw.branchFolder, bytes: shared(raw.bytes) })),
    next: next.buffer as SharedArrayBuffer,
    wants,
    letBytesGo,
  };
  const settled = (index: number, value: CheckedValue) => {
    results[index] = settle(index, value);
    if (letBytesGo && workerCount > 0) request.raws[index]!.bytes = null;
  };
  const workers = Array.from({ length: workerCount }, () => checkInWorker(request, settled).catch(() => null));
  let yieldedAt = Date.now();
  for (let i = Atomics.add(next, 0, 1); i < raws.length; i = Atomics.add(next, 0, 1)) {
    progress(Math.min(Atomics.load(next, 0), raws.length), raws.length);
    settled(i, checkHere(raws[i]!));
    // The workers' results are taken only while this thread waits: without a pause they would
    // queue, whole, until it has checked its share (issue 29: half the repository held twice).
    if (workerCount > 0 && Date.now() - yieldedAt >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      yieldedAt = Date.now();
    }
  }
  await Promise.all(workers);
  const inOrder = raws.map((raw, i) => results[i] ?? settle(i, checkHere(raw)));
  // A worker's listener may outlive this call, and with it this array: emptied, it holds nothing.
  results.length = 0;
  return inOrder;
}

/**
 * The bytes in a SharedArrayBuffer, which every thread sees without a copy (a file read after
 * the scan, or by an older path, is copied once).
 */
function shared(bytes: Uint8Array | null): Uint8Array | null {
  if (bytes === null || bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/** Runs one worker; each file's result goes to `take` as it arrives (a failed worker's files are checked again by the caller). */
function checkInWorker(request: CheckRequest, take: (index: number, value: CheckedValue) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK_WORKER);
    worker.on("message", (response: CheckResponse) => {
      if ("done" in response) {
        // Resolved once the thread is gone: until then it holds every file's bytes (issue 29).
        worker.removeAllListeners("message");
        worker.removeAllListeners("exit");
        worker.terminate().then(() => resolve(), reject);
      } else {
        take(response.index, response.checked);
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`check worker exited with ${code}`)));
    worker.postMessage(request);
  });
}
