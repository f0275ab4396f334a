// tiktoken's own merge step (`byte_pair_merge` in its src/lib.rs), used for short pieces and at build time.

/** Rank lookup of a byte span: the rank of bytes[start, end) or -1. */
export interface RankLookup {
  rank(bytes: Uint8Array, start: number, end: number): number;
  readonly maxTokenBytes: number;
}

const NONE = 0x7fffffff;

/** Part starts and pair ranks, reused across calls (merging is synchronous, calls never overlap). */
export class Merger {
  private starts = new Int32Array(512);
  private ranks = new Int32Array(512);
  /** Number of parts after the last `merge` call; their starts are `partStart(0..parts-1)`. */
  parts = 0;

  constructor(private readonly table: RankLookup) {}

  partStart(i: number): number {
    return this.starts[i] as number;
  }

  /**
   * Merges bytes[start, end) the way tiktoken does: repeatedly join the adjacent pair whose concatenation
   * has the lowest rank (the leftmost on ties) until no adjacent pair is a token, or until `stopAt` parts
   * remain. Returns the number of parts. Quadratic in the worst case, as in tiktoken, so callers only
   * give it short pieces; long ones go to the linear-time encoder (linear.ts).
   */
  merge(bytes: Uint8Array, start: number, end: number, stopAt = 1): number {
    const n = end - start;
    if (n + 1 > this.starts.length) {
      this.starts = new Int32Array(2 * (n + 1));
      this.ranks = new Int32Array(2 * (n + 1));
    }
    const starts = this.starts;
    const ranks = this.ranks;
    const table = this.table;
    for (let i = 0; i <= n; i++) starts[i] = start + i;
    for (let i = 0; i < n - 1; i++) {
      const r = table.rank(bytes, start + i, start + i + 2);
      ranks[i] = r < 0 ? NONE : r;
    }
    if (n >= 1) ranks[n - 1] = NONE;
    ranks[n] = NONE;
    let m = n + 1; // entries in starts (parts + 1)
    while (m - 1 > stopAt) {
      let best = NONE;
      let i = -1;
      for (let k = 0; k < m - 1; k++) {
        const r = ranks[k] as number;
        if (r < best) {
          best = r;
          i = k;
        }
      }
      if (i < 0) break;
      // Join part i with part i + 1: the new pair ranks are those of (i, i+2) and (i-1, i) in old indices.
      ranks[i] = i + 3 < m ? this.spanRank(bytes, starts[i] as number, starts[i + 3] as number) : NONE;
      if (i > 0) ranks[i - 1] = this.spanRank(bytes, starts[i - 1] as number, starts[i + 2] as number);
      starts.copyWithin(i + 1, i + 2, m);
      ranks.copyWithin(i + 1, i + 2, m);
      m--;
    }
    this.parts = m - 1;
    return m - 1;
  }

  private spanRank(bytes: Uint8Array, start: number, end: number): number {
    if (end - start > this.table.maxTokenBytes) return NONE;
    const r = this.table.rank(bytes, start, end);
    return r < 0 ? NONE : r;
  }
}
