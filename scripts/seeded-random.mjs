// mulberry32: a small, fast generator that gives the same sequence on every machine, so that a
// seed names the same generated repository or scripted day everywhere (scripts/generate.mjs,
// scripts/team-day.mjs).

/** A function returning the seed's sequence of numbers in [0, 1); seed 0 or not a number counts as 1. */
export function seededRandom(seed) {
  let state = Number(seed) >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
