// Types of runner.mjs, for tests/fuzz/fuzz.test.ts.
export const COMMANDS: readonly string[];
export interface FailedRun {
  command: string;
  argv: string[];
  via: "in-process" | "binary";
  failures: string[];
  code: number | null;
  stderr: string;
}
export interface FuzzFailure {
  seed: number;
  index: number;
  base: string;
  ops: string[];
  runs: FailedRun[];
  savedAs?: string;
}
export interface FuzzStats {
  seed: number;
  mutants: number;
  runsPerCommand: Record<string, number>;
  mutantsPerCommand: Record<string, number>;
  inProcess: number;
  binary: number;
  exitCodes: Record<0 | 1 | 2, number>;
  exitCodesPerCommand: Record<string, Record<0 | 1 | 2, number>>;
  conflictMutants: number;
  failures: FuzzFailure[];
  slowest: { ms: number; index: number; argv: string; via: string }[];
  seconds: number;
}
export interface FuzzOptions {
  projectRoot: string;
  runs: number;
  seed: number;
  commands?: string[];
  mode?: "all" | "sample";
  spawnEvery?: number;
  workers?: number;
  timeoutMs?: number;
  spawnTimeoutMs?: number;
  saveDir?: string | null;
  only?: number;
  keepMutant?: boolean;
  maxFailures?: number;
  verbose?: boolean;
  log?: (line: string) => void;
}
export function runFuzz(options: FuzzOptions): Promise<FuzzStats>;
export interface RegressionResult {
  cases: number;
  runs: number;
  failures: { name: string; argv: string[]; via: string; failures: string[] }[];
}
export function runRegressions(options: { projectRoot: string; regressionsDir?: string; timeoutMs?: number; spawnTimeoutMs?: number; binary?: boolean }): Promise<RegressionResult>;
export function materializeRegression(caseDir: string, dir: string): { runs: { command: string; argv: string[]; cache: boolean }[] };
