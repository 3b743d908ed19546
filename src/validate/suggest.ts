/** "Did you mean …?": the closest candidate by edit distance, when it is close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit && best !== word ? best : undefined;
}

/** Levenshtein distance over characters (so a Chinese character counts as one). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[y.length]!;
}

// issue 24: suggestions for job titles.

/** How many characters two words have in common, in order (their longest common subsequence), case-insensitively. */
export function sharedCharacters(a: string, b: string): number {
  const x = [...a.toLowerCase()];
  const y = [...b.toLowerCase()];
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const current = [0];
    for (let j = 1; j <= y.length; j++) current[j] = x[i - 1] === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Whether `candidate` is a plausible reading of the title `word`: a title is two to six characters,
 * so edit distance alone would match any two-character word to any other (大堂 is two edits from
 * 保安). A candidate must share at least two characters with the word, in order, and at least half
 * of the word's characters.
 */
export function isPlausibleTitle(word: string, candidate: string): boolean {
  const shared = sharedCharacters(word, candidate);
  return shared >= 2 && shared * 2 >= [...word].length;
}

/**
 * "Did you mean …?" for a job title: the nearest plausible candidate (see `isPlausibleTitle`) by
 * edit distance, within the limit of `nearest`. When the nearest candidates name different
 * positions (`codeOf`), none is suggested: 主管 could be any of three leaders, and a guess would
 * mislead.
 */
export function nearestTitle(word: string, candidates: readonly string[], codeOf: (candidate: string) => string): string | undefined {
  const limit = Math.max(2, Math.floor([...word].length / 3));
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word || !isPlausibleTitle(word, candidate)) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [[candidate], d];
    else if (d === bestDistance) best.push(candidate);
  }
  if (bestDistance > limit || best.length === 0) return undefined;
  if (new Set(best.map(codeOf)).size > 1) return undefined;
  return [...best].sort()[0];
}
