// Byte-pair merging of one pre-tokenizer piece, counting the tokens js-tiktoken would produce for it.
import type { RankTable } from './rank-table';

/**
 * Heap entries pack (rank, position) into one number, rank first, so the smallest entry is the lowest
 * rank and, among equal ranks, the leftmost pair: the same choice js-tiktoken's `bytePairMerge` makes
 * by rescanning every pair after each merge. Ranks are < 2^21 and positions < 2^32, so 2^53 holds both.
 */
const POSITION_SPAN = 2 ** 32;
const NO_RANK = -1;
/** Slots in the pair cache (direct-mapped, 12 bytes each): big enough for a document's common pairs. */
const PAIR_CACHE_BITS = 18;

/**
 * Counts the tokens of one piece given as UTF-8 bytes (see utf8.ts). Whole-piece hits are one token, as
 * in js-tiktoken; otherwise adjacent parts are merged lowest rank first, leftmost on ties, until no
 * adjacent pair is a token. The heap makes that O(n log n) instead of js-tiktoken's O(n²) rescans (each
 * with an allocation and a `join`), which is what freezes it on long runs and slows CJK text 10×.
 */
export class PieceMerger {
  private readonly cache = new PairCache(PAIR_CACHE_BITS);
  private readonly byteRanks = new Int32Array(256);
  private scratch = new Scratch(256);

  constructor(private readonly table: RankTable) {
    for (let byte = 0; byte < 256; byte++) this.byteRanks[byte] = table.ranks.get(String.fromCharCode(byte)) ?? NO_RANK;
  }

  count(bytes: string): number {
    if (bytes.length <= 1 || this.table.ranks.has(bytes)) return bytes.length === 0 ? 0 : 1;
    // Buffers are reused (counting is synchronous, so calls never overlap): allocating them per piece
    // doubled the cost of text made of many short unknown pieces, such as base64.
    if (this.scratch.capacity < bytes.length) this.scratch = new Scratch(bytes.length);
    return this.merge(bytes, this.scratch);
  }

  private merge(bytes: string, s: Scratch): number {
    const n = bytes.length;
    s.heap.clear();
    for (let i = 0; i < n; i++) {
      s.next[i] = i + 1;
      s.prev[i] = i - 1;
      s.end[i] = i + 1;
      s.partRank[i] = this.byteRanks[bytes.charCodeAt(i)];
    }
    for (let i = 0; i < n; i++) this.updatePair(bytes, s, i);
    let parts = n;
    while (s.heap.size > 0) {
      const entry = s.heap.pop();
      const rank = Math.floor(entry / POSITION_SPAN);
      const i = entry - rank * POSITION_SPAN;
      // Stale entries are skipped: a pair's rank only changes when its right end grows, and a longer
      // byte string is a different token with a different rank, so equality means "still current".
      if (s.pairRank[i] !== rank) continue;
      const j = s.next[i];
      const after = s.next[j];
      s.end[i] = s.end[j];
      s.next[i] = after;
      s.partRank[i] = rank;
      if (after < n) s.prev[after] = i;
      s.pairRank[j] = NO_RANK;
      parts--;
      this.updatePair(bytes, s, i);
      if (s.prev[i] >= 0) this.updatePair(bytes, s, s.prev[i]);
    }
    return parts;
  }

  /** Looks up whether the part at i and its right neighbour form a token, and queues the merge if so. */
  private updatePair(bytes: string, s: Scratch, i: number): void {
    const j = s.next[i];
    let rank = NO_RANK;
    if (j < bytes.length) {
      const stop = s.end[j];
      if (stop - i === 2) rank = this.table.pairRanks[(bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1)];
      else if (stop - i <= this.table.maxTokenBytes) rank = this.joinedRank(bytes, i, stop, s.partRank[i], s.partRank[j]);
    }
    s.pairRank[i] = rank;
    if (rank !== NO_RANK) s.heap.push(rank * POSITION_SPAN + i);
  }

  /** Both parts are tokens, so whether their concatenation is one depends only on their two ranks. */
  private joinedRank(bytes: string, start: number, stop: number, left: number, right: number): number {
    const cached = this.cache.get(left, right);
    if (cached !== undefined) return cached;
    const rank = this.table.ranks.get(bytes.slice(start, stop)) ?? NO_RANK;
    this.cache.set(left, right, rank);
    return rank;
  }
}

/** Parts form a linked list indexed by their first byte's position. */
class Scratch {
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly end: Int32Array;
  /** Rank of the token each live part is. */
  readonly partRank: Int32Array;
  /** Rank of the pair (part at i, its next part), or NO_RANK; also marks merged-away parts. */
  readonly pairRank: Float64Array;
  readonly heap: MinHeap;

  constructor(readonly capacity: number) {
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.partRank = new Int32Array(capacity);
    this.pairRank = new Float64Array(capacity);
    this.heap = new MinHeap(capacity);
  }
}

/**
 * (left rank, right rank) → rank of the joined token or NO_RANK, in a fixed-size direct-mapped table:
 * a colliding pair overwrites the slot, so memory stays bounded and a miss just costs a Map lookup.
 */
class PairCache {
  private readonly lefts: Int32Array;
  private readonly rights: Int32Array;
  private readonly ranks: Int32Array;
  private readonly mask: number;

  constructor(bits: number) {
    this.lefts = new Int32Array(1 << bits).fill(NO_RANK);
    this.rights = new Int32Array(1 << bits);
    this.ranks = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  get(left: number, right: number): number | undefined {
    const slot = this.slot(left, right);
    return this.lefts[slot] === left && this.rights[slot] === right ? this.ranks[slot] : undefined;
  }

  set(left: number, right: number, rank: number): void {
    const slot = this.slot(left, right);
    this.lefts[slot] = left;
    this.rights[slot] = right;
    this.ranks[slot] = rank;
  }

  private slot(left: number, right: number): number {
    return ((Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) >>> 0) & this.mask;
  }
}

/** A binary min-heap of numbers; grows as needed (stale entries make it hold more than n). */
class MinHeap {
  private items: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(16, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  push(value: number): void {
    if (this.size === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items[--this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && items[child + 1] < items[child]) child++;
      if (items[child] >= last) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}
