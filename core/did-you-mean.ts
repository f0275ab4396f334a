// "Did you mean …?" suggestions: the known names closest to a misspelt one (keys, rule ids, model ids).

/** Largest edit distance still suggested; beyond it a suggestion is more often wrong than helpful. */
const MAX_DISTANCE = 2;
/** A prefix suggestion needs this many characters in common, so `m` does not suggest every `m…` key. */
const MIN_PREFIX = 3;

interface Scored {
  candidate: string;
  /** 0 same but for case, 1 within MAX_DISTANCE edits, 2 one is a prefix of the other. */
  tier: number;
  distance: number;
  index: number;
}

/**
 * Up to `max` candidates close to `word`, best first: same but for case, then within two edits
 * (Damerau–Levenshtein, case-insensitive, at most half the longer length), then prefix matches.
 */
export function closestMatches(word: string, candidates: readonly string[], max = 3): string[] {
  const lower = word.toLowerCase();
  const scored: Scored[] = [];
  const seen = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (seen.has(candidate)) return;
    seen.add(candidate);
    const score = scoreCandidate(lower, candidate.toLowerCase());
    if (score) scored.push({ candidate, index, ...score });
  });
  scored.sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.index - b.index);
  return scored.slice(0, Math.max(0, max)).map((s) => s.candidate);
}

function scoreCandidate(word: string, candidate: string): { tier: number; distance: number } | undefined {
  if (word === candidate) return { tier: 0, distance: 0 };
  const longer = Math.max(word.length, candidate.length);
  const distance = editDistance(word, candidate, MAX_DISTANCE);
  // Two edits turn `min` into `max`: only suggest when at most half the word changes.
  if (distance <= MAX_DISTANCE && distance * 2 <= longer) return { tier: 1, distance };
  const [short, long] = word.length <= candidate.length ? [word, candidate] : [candidate, word];
  if (short.length >= MIN_PREFIX && long.startsWith(short)) return { tier: 2, distance: long.length - short.length };
  return undefined;
}

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early:
 * any result above `bound` is returned as `bound + 1`, so long unrelated strings cost O(bound · length).
 */
export function editDistance(a: string, b: string, bound = Infinity): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > bound) return bound + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length], bound + 1);
}
