/**
 * The fuzzer in the test suite (issue 7): a few hundred seeded mutants of data-example and the
 * fixtures, each through `validate --format json` and one other command (most in-process in
 * worker threads, some through bin/channel), then every saved regression fixture
 * (tests/fixtures/fuzz-regressions/) through each of its command lines both ways. And the
 * hostile shapes the issue names, each answered quickly with its own code. `npm run fuzz`
 * runs as many mutants as asked. Needs the build (`npm run build`), like the e2e tests.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/load/parse-yaml.js";
import { createRng, loadCorpus, makeMutant, mutantSeed } from "../../scripts/fuzz/mutate.mjs";
import { runFuzz, runRegressions } from "../../scripts/fuzz/runner.mjs";
import { copyToTemp, PROJECT_ROOT, runCli } from "../helpers/cli.js";

/** The suite's mutants are always the same; CHANNEL_FUZZ_SEED explores others. */
const SEED = Number(process.env.CHANNEL_FUZZ_SEED ?? 20120331);
const RUNS = Number(process.env.CHANNEL_FUZZ_RUNS ?? 300);

describe("fuzzing the CLI", () => {
  it(`${RUNS} mutants: exit 0/1/2, no stack trace or internal error, no hang, positions inside their files`, async () => {
    const log: string[] = [];
    const stats = await runFuzz({ projectRoot: PROJECT_ROOT, runs: RUNS, seed: SEED, mode: "sample", spawnEvery: 40, workers: 2, timeoutMs: 30_000, saveDir: null, log: (line: string) => log.push(line) });
    const failures = stats.failures.map((f) => `mutant ${f.index} (${f.base}; replay: npm run fuzz -- --seed ${f.seed} --replay ${f.index}): ${f.ops.join(" / ")}\n  ${f.runs.map((r) => `${r.argv.join(" ")} [${r.via}]: ${r.failures.join("; ")}`).join("\n  ")}`);
    expect(failures).toEqual([]);
    expect(stats.mutants).toBe(RUNS);
    // Both ways of running were used, and the mutants reached every outcome.
    expect(stats.binary).toBeGreaterThan(0);
    expect(stats.exitCodes[0]).toBeGreaterThan(0);
    expect(stats.exitCodes[1]).toBeGreaterThan(0);
  }, 240_000);

  it("every saved regression fixture, in-process and through bin/channel", async () => {
    const result = await runRegressions({ projectRoot: PROJECT_ROOT });
    expect(result.failures).toEqual([]);
    expect(result.cases).toBeGreaterThan(0);
  }, 240_000);
});

describe("the mutator", () => {
  it("is deterministic: the same seed and index give the same mutant", () => {
    const corpus = loadCorpus(PROJECT_ROOT);
    const make = (index: number) => {
      const rng = createRng(mutantSeed(7, index));
      const base = rng.chance(0.5) ? corpus[0]! : rng.pick(corpus);
      return makeMutant(rng, base);
    };
    for (const index of [0, 1, 42]) {
      const a = make(index);
      const b = make(index);
      expect(a.ops).toEqual(b.ops);
      expect([...a.changes.keys()]).toEqual([...b.changes.keys()]);
      for (const [rel, content] of a.changes) expect(Buffer.compare(Buffer.from(content ?? ""), Buffer.from(b.changes.get(rel) ?? ""))).toBe(0);
    }
  });

  it("puts git conflict markers into some mutants", () => {
    const corpus = loadCorpus(PROJECT_ROOT);
    let conflicts = 0;
    for (let i = 0; i < 300; i++) {
      const rng = createRng(mutantSeed(11, i));
      if (makeMutant(rng, corpus[0]!).conflict) conflicts++;
    }
    expect(conflicts).toBeGreaterThan(3);
  });
});

/** The shapes the issue names, and the ones the fuzzer found, as the parser sees them: refused with a code before the parser recurses or stringifies keys. */
describe("hostile shapes", () => {
  const shapes: Record<string, [string, string]> = {
    "100,000-deep flow sequence": ["a: " + "[".repeat(100_000) + "]".repeat(100_000), "YAML_TOO_DEEP"],
    "100,000-deep block sequence on one line": ["a:\n  " + "- ".repeat(100_000) + "x", "YAML_TOO_DEEP"],
    "100,000 block-sequence indicators after a key": ["a: " + "- ".repeat(100_000) + "x", "YAML_TOO_DEEP"],
    "100,000 explicit keys": ["? ".repeat(100_000) + "x", "YAML_TOO_DEEP"],
    "100,000 implicit keys in a flow sequence": ["[" + "a: ".repeat(100_000) + "x]", "YAML_TOO_DEEP"],
    "a deep sequence inside a flow mapping over two lines": ["a: {b:\n  " + "- ".repeat(100_000) + "x}", "YAML_TOO_DEEP"],
    "3,000 levels of block mappings": [Array.from({ length: 3000 }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1", "YAML_TOO_DEEP"],
    "700 levels of flow brackets (under the old limit, over the stack)": ["a: " + "[".repeat(700) + "]".repeat(700), "YAML_TOO_DEEP"],
    // Explicit keys that are collections: building values stringified every nested key (minutes).
    "300 nested explicit keys": ["? ".repeat(300) + "x", "YAML_SYNTAX"],
    "150 nested sequences as keys": ["? - ".repeat(150) + "x", "YAML_SYNTAX"],
    "a list as a key": ["[a, b]: 1\n", "YAML_SYNTAX"],
    "a conflict whose opening marker is deleted": ["a: 1\n=======\na: 2\n>>>>>>> main\n", "MERGE_CONFLICT"],
    "a conflict with CRLF line ends and no label": ["<<<<<<<\r\na: 1\r\n=======\r\na: 2\r\n>>>>>>> main\r\n", "MERGE_CONFLICT"],
  };
  for (const [name, [text, code]] of Object.entries(shapes)) {
    it(`${name}: ${code}`, () => {
      const parsed = parseYaml(text);
      expect(parsed.problems.map((p) => p.code)).toContain(code);
      expect(parsed.problems.some((p) => /call stack/i.test(String(p.params.detail ?? "")))).toBe(false);
    });
  }

  it("a 100,000-deep sequence followed by a rule command in one process neither crashes nor aborts (bin/channel)", () => {
    // Before the depth guard covered block structure, V8 aborted the process here ("RegExpCompiler
    // Allocation failed"), after the parser had run out of stack.
    const dir = copyToTemp(path.join(PROJECT_ROOT, "tests", "fixtures", "bonus-money-forms"));
    try {
      fs.writeFileSync(path.join(dir, "branches", "br-a", "kpis.yaml"), "start:\n  " + "- ".repeat(100_000) + "x\n");
      for (const command of ["validate", "bonus"]) {
        const result = runCli([command, "--data", dir, "--as-of", "2012-03-31", "--lang", "en"]);
        expect(result.code).toBe(1);
        expect(result.stdout + result.stderr).toContain("YAML_TOO_DEEP");
        expect(result.stderr).not.toMatch(/internal error|FATAL|call stack/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
