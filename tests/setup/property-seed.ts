/**
 * Every fast-check property in `npm test` runs from one fixed seed, so the same commit gives the
 * same answer on every run and every machine. To explore, set CHANNEL_PROPERTY_SEED to a number
 * (replays that run) or to `random` (a new seed, printed so that a failure can be replayed):
 *
 *   CHANNEL_PROPERTY_SEED=random npx vitest run tests/rules tests/load
 *
 * `npm run test:explore` does exactly that. Each property keeps its own fixed `numRuns`.
 */
import fc from "fast-check";

/** The suite's seed: the campaign's deadline, 2012-03-31. */
export const FIXED_PROPERTY_SEED = 20120331;

function chosenSeed(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return FIXED_PROPERTY_SEED;
  if (raw.trim() === "random") {
    const seed = (Date.now() ^ (Math.random() * 0x100000000)) | 0;
    console.info(`property tests: random seed ${seed} (replay: CHANNEL_PROPERTY_SEED=${seed})`);
    return seed;
  }
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`CHANNEL_PROPERTY_SEED must be an integer or "random", not ${JSON.stringify(raw)}`);
  return seed;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: chosenSeed(process.env.CHANNEL_PROPERTY_SEED) });
