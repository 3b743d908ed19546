/**
 * Issue 29: after each full collection V8 lets the heap grow to up to four times what was live
 * (less when collecting is slow), and a check of the whole repository is one long run of
 * allocation whose live part, the model being built, only grows: at 2,000 branches a full
 * collection left 432 MB live and the heap grew to 1,790 MB before the next. Growing by half
 * instead: peak 1.37 GB against 1.64 GB, CPU within this machine's spread (the bench's cold
 * followups, measured with the flag on the command line). Only once a model is built from files
 * being checked: elsewhere the live part is small, or comes from the cache, or is kept whole
 * (audit), and the limit only costs collections (a warm `report summary` took 15% more CPU with
 * it; a cold `validate`, 640–670 MB with it and 780–810 MB without, seemed to take up to 20% more).
 *
 * The limit then holds until the command is done: the rules and the output allocate on top of
 * the model, and with V8's own growth back a cold `followups` peaked at 0.98–1.17 GB, its load at
 * 0.95. The setting is the process's; `restoreHeapGrowth` puts V8's default back when the command
 * ends (cli/main.ts), which also keeps the code cache that the build writes at exit
 * (scripts/code-cache.mjs) valid for a plain run: V8 refuses a cache made under other flags.
 */
import type * as V8 from "node:v8";

/** How to put V8's default back, once the growth was limited. */
let restore: (() => void) | null = null;

/** `v8` is node:v8, given by the caller: this module is loaded at every start, and node:v8 costs ~3 ms to load. */
export function limitHeapGrowth(v8: typeof V8): void {
  v8.setFlagsFromString("--heap-growing-percent=50");
  restore = () => v8.setFlagsFromString("--heap-growing-percent=0");
}

/** Undoes limitHeapGrowth, if it was called (0 is V8's default: its own heuristics). */
export function restoreHeapGrowth(): void {
  restore?.();
  restore = null;
}
