// Counts text with one BPE encoding: pre-tokenizes as tiktoken does, then counts each piece exactly.
import { HASH_MULTIPLIER, imul, mixHash } from './hash';
import { LinearEncoder } from './linear';
import { Merger } from './merge';
import { PieceCache } from './piece-cache';
import { cl100kPieceEnd, o200kPieceEnd, repeatEnd, type PieceScanner } from './pretokenize';
import type { RankTable } from './rank-table';
import { emptyTally, type TokenTally } from './tally';
import { CJK, OTHER_SCRIPT, classTable } from './unicode';

/**
 * Pieces longer than this many UTF-16 units are streamed through the linear encoder byte by byte instead
 * of being copied out first, so memory stays bounded for a piece of any length. The count is exact either way.
 */
export const DEFAULT_LONG_PIECE_THRESHOLD = 4096;
/** Pieces up to this many bytes are merged as tiktoken merges them (fast when short); longer ones go to the linear encoder. */
export const DEFAULT_MERGE_LIMIT = 64;

const SHORT_PIECE_BITS = 14;

export interface EncodingOptions {
  /** See DEFAULT_LONG_PIECE_THRESHOLD; tests lower it to exercise streaming on small inputs. */
  longPieceThreshold?: number;
  /** See DEFAULT_MERGE_LIMIT; tests set it to 0 (linear encoder only) or to Infinity (merge only). */
  mergeLimit?: number;
  /** False turns the piece cache off (tests, and the benchmark's cold figures). */
  cache?: boolean;
}

export class BpeEncoding {
  private readonly scan: PieceScanner;
  private readonly classes = classTable();
  private readonly threshold: number;
  private readonly mergeLimit: number;
  private readonly merger: Merger;
  private linearEncoder: LinearEncoder | undefined;
  private pieceCache: PieceCache | undefined;
  private readonly caching: boolean;
  private buffer: Uint8Array;
  /**
   * Counts of short pieces (≤ 8 bytes, packed into two words) in a small direct-mapped table that stays in
   * the CPU cache: [low word, high word, length, count] per slot. Prose is mostly a few thousand distinct
   * short pieces, and this spares each of them the probes into the multi-megabyte rank table.
   */
  private readonly shortPieces = new Int32Array(4 << SHORT_PIECE_BITS);

  constructor(
    readonly table: RankTable,
    options: EncodingOptions = {},
  ) {
    this.scan = table.encoding === 'cl100k_base' ? cl100kPieceEnd : o200kPieceEnd;
    // Clamped so the copy buffer (3 bytes per unit) stays small whatever a caller asks for.
    this.threshold = Math.min(1 << 16, Math.max(2, options.longPieceThreshold ?? DEFAULT_LONG_PIECE_THRESHOLD));
    this.mergeLimit = options.mergeLimit ?? DEFAULT_MERGE_LIMIT;
    this.merger = new Merger(table);
    this.caching = options.cache !== false;
    this.buffer = new Uint8Array(3 * this.threshold + 8);
  }

  /** Made on first use: counting short text needs neither. */
  private get linear(): LinearEncoder {
    return (this.linearEncoder ??= new LinearEncoder(this.table));
  }

  private get cache(): PieceCache | undefined {
    return this.caching ? (this.pieceCache ??= new PieceCache()) : undefined;
  }

  get encoding(): RankTable['encoding'] {
    return this.table.encoding;
  }

  /** Token counts of `text` by script: equal to tiktoken's `len(encode_ordinary(text))` in total. */
  tally(text: string): TokenTally {
    const cursor = new TallyCursor(text);
    this.advance(cursor, { units: Number.POSITIVE_INFINITY });
    return cursor.result();
  }

  /**
   * The same tally in steps: each call of the returned function encodes until `budget.units` is spent (a unit is
   * about what one UTF-16 unit of prose costs; see LINEAR_WEIGHT) and returns the tally once the text is done,
   * undefined until then. Pieces are never split, except long ones, which are streamed a part per step. Between
   * calls the caller may yield to the event loop; another tally running meanwhile does not disturb it (a long
   * piece paused mid-way has its own linear encoder).
   */
  stepwise(text: string): (budget: TallyBudget) => TokenTally | undefined {
    const cursor = new TallyCursor(text);
    return (budget) => (this.advance(cursor, budget) ? cursor.result() : undefined);
  }

  /** Encodes pieces from the cursor on until the budget is spent; true when the text is done. */
  private advance(cursor: TallyCursor, budget: TallyBudget): boolean {
    const text = cursor.text;
    const classes = this.classes;
    const scan = this.scan;
    const n = text.length;
    const finite = budget.units !== Number.POSITIVE_INFINITY;
    let units = budget.units;
    let latin = cursor.latin;
    let cjk = cursor.cjk;
    let other = cursor.other;
    let p = cursor.p;
    while (p < n && units > 0) {
      const end = cursor.long !== undefined ? cursor.long.end : scan(text, p, classes);
      let tokens: number;
      let bits = 0;
      if (end - p > this.threshold) {
        if (!finite) {
          bits = this.streamLongPiece(text, p, end, this.linear);
          tokens = this.linear.count();
        } else {
          // A long piece is streamed a part per step, through the cursor's own encoder (its state survives the pause).
          const long = (cursor.long ??= { end, at: p, bits: 0, nextRunCheck: p });
          const encoder = (cursor.encoder ??= new LinearEncoder(this.table));
          if (long.at === p) encoder.begin();
          const from = long.at;
          const reached = this.streamPart(text, long, Math.min(end, from + Math.ceil(units / LINEAR_WEIGHT)), end, encoder);
          units -= (reached - from) * LINEAR_WEIGHT;
          if (reached < end) break;
          bits = long.bits;
          tokens = encoder.count();
          cursor.long = undefined;
        }
      } else {
        // UTF-8 bytes into the buffer, hashing as we go (a lone surrogate becomes U+FFFD, as in tiktoken).
        const buffer = this.buffer;
        let length = 0;
        let hash = 0;
        for (let i = p; i < end; i++) {
          let c = text.charCodeAt(i);
          if (c < 0x80) {
            buffer[length++] = c;
            hash = (imul(hash, HASH_MULTIPLIER) + c) | 0;
            continue;
          }
          if (c >= 0xd800 && c <= 0xdfff) {
            const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
            if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
              c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
              i++;
            } else {
              c = 0xfffd;
            }
          }
          bits |= classes[c] as number;
          const start = length;
          length = writeUtf8(buffer, length, c);
          for (let k = start; k < length; k++) hash = (imul(hash, HASH_MULTIPLIER) + (buffer[k] as number)) | 0;
        }
        tokens = this.countBuffered(length, hash);
        // Pieces past the merge limit (runs of dashes, spaces, long words) go through the linear encoder; merging a
        // piece not in a cache takes steps quadratic in its bytes (runs of CJK): it is weighed by its bytes that way.
        units -= length > this.mergeLimit ? (end - p) * LINEAR_WEIGHT : length <= 8 ? end - p : length * (length >> 3);
      }
      if ((bits & CJK) !== 0) cjk += tokens;
      else if ((bits & OTHER_SCRIPT) !== 0) other += tokens;
      else latin += tokens;
      p = end;
    }
    if (finite) budget.units = units;
    cursor.p = p;
    cursor.latin = latin;
    cursor.cjk = cjk;
    cursor.other = other;
    return p >= n && cursor.long === undefined;
  }

  private countBuffered(length: number, hash: number): number {
    const table = this.table;
    const buffer = this.buffer;
    if (length <= 2)
      return length === 0
        ? 0
        : length === 1 || table.twoByteRank[((buffer[0] as number) << 8) | (buffer[1] as number)] !== -1
          ? 1
          : 2;
    const mixed = mixHash(hash, length);
    if (length <= 8) {
      let low = 0;
      let high = 0;
      for (let i = 0; i < length; i++) {
        if (i < 4) low |= (buffer[i] as number) << (8 * i);
        else high |= (buffer[i] as number) << (8 * (i - 4));
      }
      const short = this.shortPieces;
      const at = (mixed & ((1 << SHORT_PIECE_BITS) - 1)) << 2;
      if (short[at] === low && short[at + 1] === high && short[at + 2] === length) return short[at + 3] as number;
      const tokens = this.countLong(length, mixed);
      short[at] = low;
      short[at + 1] = high;
      short[at + 2] = length;
      short[at + 3] = tokens;
      return tokens;
    }
    return this.countLong(length, mixed);
  }

  /** A piece of three bytes or more, not in the short-piece table: a rank lookup, the piece cache, then merging. */
  private countLong(length: number, mixed: number): number {
    const table = this.table;
    const buffer = this.buffer;
    if (length <= table.maxTokenBytes && table.rankByHash(buffer, 0, length, mixed) >= 0) return 1;
    const cache = this.cache;
    if (cache !== undefined) {
      const cached = cache.get(buffer, length, mixed);
      if (cached >= 0) return cached;
    }
    const tokens = length <= this.mergeLimit ? this.merger.merge(buffer, 0, length) : this.linear.countBytes(buffer, 0, length);
    cache?.set(buffer, length, mixed, tokens);
    return tokens;
  }

  /** Pushes text[i, i + units) `times` times; returns its class bits. */
  private pushRepeatedUnits(text: string, i: number, units: number, times: number, linear: LinearEncoder): number {
    const pattern = new Uint8Array(4 * units);
    let length = 0;
    let bits = 0;
    for (let k = i; k < i + units; k++) {
      let c = text.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = k + 1 < i + units ? text.charCodeAt(k + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          k++;
        } else {
          c = 0xfffd;
        }
      }
      bits |= this.classes[c] as number;
      length = writeUtf8(pattern, length, c);
    }
    linear.pushRepeated(pattern, length, times);
    return bits;
  }

  /** Feeds a long piece's UTF-8 bytes to the linear encoder without copying the piece; returns its class bits. */
  private streamLongPiece(text: string, p: number, end: number, linear: LinearEncoder): number {
    linear.begin();
    const state = { at: p, bits: 0, nextRunCheck: p };
    this.streamPart(text, state, end, end, linear);
    return state.bits;
  }

  /**
   * Streams the piece `[state.at, pieceEnd)` up to `partEnd` (or a little past it: a repeated run is pushed whole,
   * and a surrogate pair is never cut); returns where it stopped and keeps the state for the next part.
   */
  private streamPart(
    text: string,
    state: { at: number; bits: number; nextRunCheck: number },
    partEnd: number,
    pieceEnd: number,
    linear: LinearEncoder,
  ): number {
    const classes = this.classes;
    const scratch = this.buffer;
    let bits = state.bits;
    let nextRunCheck = state.nextRunCheck;
    let i = state.at;
    for (; i < partEnd; i++) {
      if (i >= nextRunCheck && pieceEnd - i >= MIN_REPEAT_UNITS) {
        const run = repeatedUnits(text, i, pieceEnd);
        if (run.units > 0) {
          bits |= this.pushRepeatedUnits(text, i, run.units, run.times, linear);
          i += run.units * run.times - 1;
          continue;
        }
        nextRunCheck = run.next;
      }
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        linear.push(c);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < pieceEnd ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else {
          c = 0xfffd;
        }
      }
      bits |= classes[c] as number;
      const length = writeUtf8(scratch, 0, c);
      for (let k = 0; k < length; k++) linear.push(scratch[k] as number);
    }
    state.at = i;
    state.bits = bits;
    state.nextRunCheck = nextRunCheck;
    return i;
  }
}

/** What a step of a stepwise tally may still spend (see `BpeEncoding.stepwise`); the step lowers it. */
export interface TallyBudget {
  units: number;
}

/**
 * The cost of a unit the linear encoder takes, in units of prose: each byte walks back over the tokens ending
 * there (up to the longest token's length), about 30 times the work of a byte of ordinary prose.
 */
const LINEAR_WEIGHT = 32;

/** Where a stepwise tally is: the next piece, the sums so far, and a long piece streamed part by part. */
class TallyCursor {
  p = 0;
  latin = 0;
  cjk = 0;
  other = 0;
  long: { end: number; at: number; bits: number; nextRunCheck: number } | undefined;
  encoder: LinearEncoder | undefined;

  constructor(readonly text: string) {}

  result(): TokenTally {
    const tally = emptyTally();
    tally.latin = this.latin;
    tally.cjk = this.cjk;
    tally.other = this.other;
    return tally;
  }
}

/** A unit pattern repeated over at least this many UTF-16 units is pushed with `LinearEncoder.pushRepeated`. */
const MIN_REPEAT_UNITS = 1024;
const MAX_PATTERN_UNITS = 4;

/**
 * The shortest pattern of up to MAX_PATTERN_UNITS units that repeats from i over at least MIN_REPEAT_UNITS
 * units (pattern length and whole repetitions), or units 0 and the next position worth checking: no run of
 * that length can start before it.
 */
function repeatedUnits(text: string, i: number, end: number): { units: number; times: number; next: number } {
  let next = end;
  for (let units = 1; units <= MAX_PATTERN_UNITS; units++) {
    let j = i + units;
    const probe = Math.min(end, i + units + 64);
    while (j < probe && text.charCodeAt(j) === text.charCodeAt(j - units)) j++;
    // A long run: the rest compared block by block.
    if (j === probe) j = repeatEnd(text, j, end, units);
    const times = Math.floor((j - i) / units);
    // A pattern must not cut a surrogate pair: its last unit may not be a high surrogate.
    const lastUnit = text.charCodeAt(i + units - 1);
    if (times * units >= MIN_REPEAT_UNITS && !(lastUnit >= 0xd800 && lastUnit <= 0xdbff)) return { units, times, next: j };
    // Any run starting before j - MIN_REPEAT_UNITS with this period would reach past j.
    next = Math.min(next, Math.max(i + 1, j - MIN_REPEAT_UNITS + 1));
  }
  return { units: 0, times: 0, next };
}

function writeUtf8(out: Uint8Array, at: number, c: number): number {
  if (c < 0x80) {
    out[at] = c;
    return at + 1;
  }
  if (c < 0x800) {
    out[at] = 0xc0 | (c >> 6);
    out[at + 1] = 0x80 | (c & 0x3f);
    return at + 2;
  }
  if (c < 0x10000) {
    out[at] = 0xe0 | (c >> 12);
    out[at + 1] = 0x80 | ((c >> 6) & 0x3f);
    out[at + 2] = 0x80 | (c & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (c >> 18);
  out[at + 1] = 0x80 | ((c >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((c >> 6) & 0x3f);
  out[at + 3] = 0x80 | (c & 0x3f);
  return at + 4;
}
