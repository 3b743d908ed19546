// Types of mutate.mjs, for tests/fuzz/fuzz.test.ts.
export interface Rng {
  next(): number;
  int(n: number): number;
  range(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  weighted<T>(entries: readonly (readonly [number, T])[]): T;
}
export interface Base {
  name: string;
  root: string;
  files: Map<string, Buffer>;
  dataFiles: string[];
  branches: string[];
  ids: string[];
  departments: string[];
}
/** A changed file: new bytes, null (deleted) or "dir" (a folder in its place). */
export type Change = Buffer | null | "dir";
export interface Mutant {
  changes: Map<string, Change>;
  ops: string[];
  conflict: boolean;
  heavy: boolean;
}
export function createRng(seed: number): Rng;
export function mutantSeed(seed: number, index: number): number;
export function readTree(root: string): Map<string, Buffer>;
export function loadBase(name: string, root: string): Base;
export function loadCorpus(projectRoot: string): Base[];
export function makeMutant(rng: Rng, base: Base): Mutant;
export function writeMutant(dir: string, base: Base, changes: Map<string, Change>): void;
