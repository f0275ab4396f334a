// Where two versions of a text differ: the common prefix and suffix, found by bisecting with string equality.

/** `[start, oldEnd)` of the old text became `[start, newEnd)` of the new; everything else is the same. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The smallest single range that differs. Bisection compares slices with `===`, which the engine does as a
 * memory comparison, so a 1 MB text costs about 0.1 ms however many characters a loop would have to walk.
 */
export function changedRange(before: string, after: string): TextChange {
  // Several structures of one session compare the same two texts (the document's, or its one piece's) in a row.
  for (const last of recent) if (last.before === before && last.after === after) return { ...last.change };
  const change = compare(before, after);
  recent.unshift({ before, after, change });
  if (recent.length > RECENT) recent.pop();
  return { ...change };
}

/**
 * The last comparison: a keystroke compares the document's text several times in a row, then its piece's. Looking
 * it up costs little: strings of other lengths differ at once, and the same string objects are equal without
 * being read. Only one pair of texts is kept (the sessions keep the same texts anyway).
 */
const recent: Array<{ before: string; after: string; change: TextChange }> = [];
const RECENT = 1;

function compare(before: string, after: string): TextChange {
  const limit = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, limit);
  const suffix = commonSuffix(before, after, limit - prefix);
  return { start: prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

function commonPrefix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (a.slice(low, mid) === b.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The longest common suffix no longer than `limit` (so it never overlaps the common prefix). */
function commonSuffix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (a.slice(a.length - mid, a.length - low) === b.slice(b.length - mid, b.length - low)) low = mid;
    else high = mid - 1;
  }
  return low;
}
