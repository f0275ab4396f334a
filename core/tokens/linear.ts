// Exact BPE counting in linear time and bounded memory, for pieces of any length (docs/tokenizers.md).
import { HASH_MULTIPLIER, imul, mixHash } from './hash';
import type { RankTable } from './rank-table';

/**
 * The "last token of every prefix" encoder of GitHub's `bpe` crate: the BPE encoding of a prefix ends with
 * the longest token t ending there that is compatible with the last token of the prefix before t (the two
 * would not be re-merged differently). The count of a prefix is then the count of the prefix before its
 * last token, plus one. Each step looks back at most the longest token's length, so only that much history
 * is kept: bytes, last tokens and counts live in a window that slides, and memory does not grow with the
 * piece. Time is linear: per byte, a walk back over the token suffixes ending there.
 */
export class LinearEncoder {
  private readonly size: number;
  private readonly keep: number;
  private readonly bytes: Uint8Array;
  /** last[j]: the last token of the encoding of the prefix ending at window position j. */
  private readonly last: Int32Array;
  /** depth[j]: the token count of that prefix. */
  private readonly depth: Float64Array;
  private readonly candidateLength: Int32Array;
  private readonly candidateRank: Int32Array;
  /** A direct-mapped memo of `compatible` (left, right → 0/1); runs and repeated text ask the same pairs. */
  private readonly memoLeft = new Int32Array(1 << 14).fill(-1);
  private readonly memoRight = new Int32Array(1 << 14);
  private readonly memoValue = new Uint8Array(1 << 14);
  private at = 0;
  /** Window position of the piece's start (negative once it has slid out). */
  private origin = 0;

  constructor(private readonly table: RankTable) {
    this.keep = table.maxTokenBytes;
    this.size = Math.max(4096, 8 * this.keep);
    this.bytes = new Uint8Array(this.size);
    this.last = new Int32Array(this.size + 1);
    this.depth = new Float64Array(this.size + 1);
    this.candidateLength = new Int32Array(this.keep + 1);
    this.candidateRank = new Int32Array(this.keep + 1);
  }

  begin(): void {
    this.at = 0;
    this.origin = 0;
    this.depth[0] = 0;
    this.last[0] = -1;
  }

  /** Tokens of the bytes pushed since `begin`. */
  count(): number {
    return this.depth[this.at] as number;
  }

  countBytes(bytes: Uint8Array, start: number, end: number): number {
    this.begin();
    for (let i = start; i < end; i++) this.push(bytes[i] as number);
    return this.count();
  }

  push(byte: number): void {
    if (this.at + 1 >= this.size) this.slide();
    const table = this.table;
    const bytes = this.bytes;
    bytes[this.at] = byte;
    const at = ++this.at;
    const reach = at - this.origin < this.keep ? at - this.origin : this.keep;
    // Every token that ends here, shortest first; a suffix no token ends with stops the walk.
    let found = 0;
    let hash = 0;
    let power = 1;
    for (let length = 1; length <= reach; length++) {
      hash = (hash + imul(bytes[at - length] as number, power)) | 0;
      power = imul(power, HASH_MULTIPLIER);
      const mixed = mixHash(hash, length);
      if (length > 1 && !table.maybeSuffix(mixed)) break;
      const rank = table.rankByHash(bytes, at - length, at, mixed);
      if (rank >= 0) {
        this.candidateLength[found] = length;
        this.candidateRank[found] = rank;
        found++;
      }
    }
    // The longest compatible one is the last token of this prefix.
    for (let c = found - 1; c >= 0; c--) {
      const start = at - (this.candidateLength[c] as number);
      const rank = this.candidateRank[c] as number;
      if (start === this.origin || this.compatible(this.last[start] as number, rank)) {
        this.last[at] = rank;
        this.depth[at] = (this.depth[start] as number) + 1;
        return;
      }
    }
    throw new Error(`No token ends at byte ${at}: the ${table.encoding} rank table is inconsistent.`);
  }

  /**
   * Pushes `pattern[0, length)` `times` times, as that many calls of `push` would, but in time independent of
   * `times` once the run is long: a step reads only the last `keep` bytes and last tokens, so when the window
   * of last tokens equals the one `period` bytes earlier (a multiple of the pattern, inside the run), every
   * later period repeats it and adds the same number of tokens. Whole periods are then skipped at once.
   * Whitespace runs need this: many runs of spaces are tokens, so each step tries about `keep` candidates.
   */
  pushRepeated(pattern: Uint8Array, length: number, times: number): void {
    const keep = this.keep;
    const maxPeriod = Math.max(length, Math.floor((4 * keep) / length) * length);
    let runBytes = 0;
    let nextCheck = maxPeriod + keep;
    for (let done = 0; done < times; done++) {
      for (let k = 0; k < length; k++) this.push(pattern[k] as number);
      runBytes += length;
      this.repeatSteps++;
      if (runBytes < nextCheck || this.at < maxPeriod + keep || this.at - maxPeriod - keep <= this.origin) continue;
      nextCheck = runBytes + 2048;
      const period = this.findPeriod(length, maxPeriod);
      if (period === 0) continue;
      const periods = Math.floor(((times - done - 1) * length) / period);
      if (periods === 0) continue;
      const gain = ((this.depth[this.at] as number) - (this.depth[this.at - period] as number)) * periods;
      for (let j = 0; j <= this.at; j++) this.depth[j] = (this.depth[j] as number) + gain;
      done += (periods * period) / length;
    }
  }

  /** Steps of `pushRepeated`'s loop (patterns pushed one by one), for tests: skipping keeps it bounded. */
  repeatSteps = 0;

  /** The smallest multiple of `length` up to `maxPeriod` by which the window of last tokens repeats, or 0. */
  private findPeriod(length: number, maxPeriod: number): number {
    const last = this.last;
    const at = this.at;
    for (let period = length; period <= maxPeriod; period += length) {
      let i = 0;
      while (i < this.keep && last[at - i] === last[at - period - i]) i++;
      if (i === this.keep) return period;
    }
    return 0;
  }

  /**
   * Whether BPE keeps `left` and `right` apart when they are adjacent: it undoes the merges that built each
   * token, innermost boundary first, and fails as soon as a merge across the boundary would have come first
   * (the bpe crate's `is_valid_token_pair`).
   */
  compatible(left: number, right: number): boolean {
    const slot = (imul(left, 0x9e3779b1) ^ imul(right, 0x85ebca6b)) >>> 18;
    if (this.memoLeft[slot] === left && this.memoRight[slot] === right) return this.memoValue[slot] === 1;
    const value = this.computeCompatible(left, right);
    this.memoLeft[slot] = left;
    this.memoRight[slot] = right;
    this.memoValue[slot] = value ? 1 : 0;
    return value;
  }

  private computeCompatible(left: number, right: number): boolean {
    const table = this.table;
    let limit = 0x7fffffff;
    for (;;) {
      const merged = table.merged(left, right);
      if (merged >= 0 && merged < limit) return false;
      if (left > right) {
        limit = left;
        left = table.splitRight[left] as number;
        if (left === limit) {
          limit = right + 1;
          right = table.splitLeft[right] as number;
          if (right + 1 === limit) return true;
        }
      } else {
        limit = right + 1;
        right = table.splitLeft[right] as number;
        if (right + 1 === limit) {
          limit = left;
          left = table.splitRight[left] as number;
          if (left === limit) return true;
        }
      }
    }
  }

  /** Keeps the last `keep` positions (all a future step can look back to) at the start of the window. */
  private slide(): void {
    const from = this.at - this.keep;
    this.bytes.copyWithin(0, from, this.at);
    this.last.copyWithin(0, from, this.at + 1);
    this.depth.copyWithin(0, from, this.at + 1);
    this.origin -= from;
    this.at = this.keep;
  }
}
