// Counters that outlive one lint (the editor): one ChunkedCounter per encoding and factors, so a keystroke re-tallies only the chunks it changed.
import type { ApproximationFactors } from '../models/types';
import { SegmentedText, searchIn } from '../analysis/segments';
import {
  ChunkedCounter,
  DEFAULT_MAX_CHUNK_LENGTH,
  followsBlankLine,
  isChunkBoundary,
  type ChunkedCounterOptions,
} from './chunks';
import type { TallyingCounter } from './counter';
import type { TallyBudget } from './encoding';
import { addTally, emptyTally, type TokenTally } from './tally';
import type { TokenizerPool } from './pool';
import type { CounterSource, CounterSpec, TokenCounter } from './types';
import { lowerBound } from '../sorted';

export interface IncrementalCounterOptions extends ChunkedCounterOptions {
  /** Distinct (encoding, factors) counters kept; custom models with their own factors each get one. */
  maxCounters?: number;
}

/** Chunks of a few 1 MB prompts fit; the character budget bounds memory even when every chunk is long. */
const EDITOR_DEFAULTS: Required<IncrementalCounterOptions> = {
  maxChunkLength: 4096,
  maxEntries: 50_000,
  maxCachedChars: 8_000_000,
  maxCounters: 16,
};

/**
 * Hands out the same ChunkedCounter for the same spec across lints. Counts equal a fresh counter's:
 * chunk tallies are cached by content and summed (test/tokens/incremental.test.ts).
 */
export class IncrementalCounterPool implements CounterSource {
  private readonly counters = new Map<string, Promise<ChunkedCounter>>();
  private readonly options: Required<IncrementalCounterOptions>;

  constructor(
    private readonly pool: TokenizerPool,
    options: IncrementalCounterOptions = {},
  ) {
    this.options = { ...EDITOR_DEFAULTS, ...options };
  }

  counterFor(spec: CounterSpec): Promise<TokenCounter> {
    return this.chunkedCounterFor(spec);
  }

  /** The cached counter itself (its `stats` say how many chunks were counted vs reused). */
  chunkedCounterFor(spec: CounterSpec): Promise<ChunkedCounter> {
    const key = specKey(spec);
    const cached = this.counters.get(key);
    if (cached !== undefined) {
      this.counters.delete(key);
      this.counters.set(key, cached);
      return cached;
    }
    const made = this.pool.counterFor(spec).then((counter) => new ChunkedCounter(counter, this.options));
    this.counters.set(key, made);
    made.catch(() => {
      if (this.counters.get(key) === made) this.counters.delete(key);
    });
    if (this.counters.size > this.options.maxCounters) this.counters.delete(this.counters.keys().next().value as string);
    return made;
  }

  /** Forgets every cached chunk (e.g. to measure a cold recount). */
  clear(): void {
    this.counters.clear();
  }
}

function specKey(spec: CounterSpec): string {
  return `${spec.encoding}|${factorsKey(spec.factors)}`;
}

function factorsKey(factors: ApproximationFactors | undefined): string {
  return factors === undefined ? 'exact' : `${factors.latin},${factors.cjk},${factors.other}`;
}

/** One chunk of a text kept across versions; its tally is filled on first need. */
interface ChunkEntry {
  tally?: TokenTally;
}

/** Where `ChunkTallies.update` is in its walk over the chunks: the next chunk, its start, a chunk tallied part way. */
interface TallyWalk {
  next: number;
  at: number;
  step: ((budget: TallyBudget) => TokenTally | undefined) | undefined;
  budget: TallyBudget;
}

/** Yields to the event loop between slices of long work; rejects when the work is no longer wanted. */
export type Checkpoint = () => Promise<void>;

/**
 * Tally work between two checkpoints (units of `BpeEncoding.stepwise`, about characters of prose): about 1 ms of warm
 * encoding, and still a few ms while V8 has not compiled the encoder yet (the first table rules a cold server meets).
 */
const SLICE_CHARS = 8 * 1024;
/**
 * Chunks whose running sums are added up between two checkpoints: plain additions, well under a millisecond warm,
 * but the first keystroke lints after a cold open ran them at 1-2 µs a chunk (V8 had not optimised that path yet).
 */
const SUMS_PER_SLICE = 2 * 1024;

/**
 * One text (a message's sent text) counted as chunks that survive edits: after an edit only the chunks it
 * touched are tallied again, found by comparing the text with its previous version, never by hashing it.
 * Sums over chunks equal a count of the whole because chunks end only where no pre-tokenizer piece can span
 * (`isChunkBoundary`); `cuts` (section starts and ends) become chunk ends where that holds, so a section's
 * count is a sum of whole chunks.
 */
export class ChunkTallies {
  private cuts: readonly number[] = [];
  private text = '';
  private starts = new Float64Array(0);
  private sums = { latin: new Float64Array(1), cjk: new Float64Array(1), other: new Float64Array(1) };
  /** Indices of chunks whose tally has estimated spans (rare: long unbroken runs). */
  private withEstimates: number[] = [];
  private readonly chunks: SegmentedText<ChunkEntry>;

  constructor(
    readonly counter: TallyingCounter,
    maxChunkLength = DEFAULT_MAX_CHUNK_LENGTH,
  ) {
    this.chunks = new SegmentedText<ChunkEntry>({
      margin: 1,
      // Every property from the start: one object shape for all entries keeps the loops over them fast.
      make: () => ({ tally: undefined }),
      split: (text, from, to) => chunkEnds(text, from, to, maxChunkLength, this.cuts),
    });
  }

  /** Chunks tallied by the last update (the others were kept), for tests and the benchmark. */
  get tallied(): number {
    return this.chunks.made;
  }

  get chunkCount(): number {
    return this.chunks.segments.length;
  }

  /** Brings the chunks up to `text`; `cuts` are sorted offsets where chunks should end when a boundary allows. */
  async update(text: string, cuts: readonly number[], checkpoint?: Checkpoint): Promise<void> {
    this.cuts = cuts;
    this.text = text;
    // Cutting a cold multi-megabyte text into chunks is itself long work: with a checkpoint it yields too.
    const segments = checkpoint ? await this.chunks.updateAsync(text, checkpoint) : this.chunks.update(text);
    const n = segments.length;
    // A typed array: `new Array(n)` of tens of thousands is a slow, holey (or dictionary) array.
    this.starts = new Float64Array(n);
    // The loops run in plain functions (V8 optimises those better than a loop in this async function). With a
    // checkpoint, tallies are made in steps (a chunk may be a 10 MB line), and the walk stops whenever a slice's
    // budget is spent, inside a chunk too; it resumes where it stopped after the checkpoint.
    const walk: TallyWalk = { next: 0, at: 0, step: undefined, budget: { units: SLICE_CHARS } };
    while (!this.tallyFrom(text, segments, walk, checkpoint !== undefined)) {
      await checkpoint!();
      walk.budget.units = SLICE_CHARS;
    }
    // The running sums walk every chunk (a 10 MB prompt has hundreds of thousands): in batches, between checkpoints.
    const sums = this.startSums(n);
    for (let from = 0; from < n; from += SUMS_PER_SLICE) {
      if (checkpoint) await checkpoint();
      this.sumUp(segments, sums, from, Math.min(n, from + SUMS_PER_SLICE));
    }
    this.sums = sums;
  }

  /** Records chunk starts and tallies chunks not tallied yet from `walk.next`; false when `stepped` and the budget is spent. */
  private tallyFrom(
    text: string,
    segments: ReadonlyArray<{ length: number; value: ChunkEntry }>,
    walk: TallyWalk,
    stepped: boolean,
  ): boolean {
    const stepwise = stepped ? this.counter.stepwise : undefined;
    for (; walk.next < segments.length; walk.next++) {
      this.starts[walk.next] = walk.at;
      const { length, value } = segments[walk.next];
      if (value.tally === undefined) {
        if (stepwise === undefined) value.tally = this.counter.tally(text.slice(walk.at, walk.at + length));
        else {
          walk.step ??= stepwise.call(this.counter, text.slice(walk.at, walk.at + length));
          const tally = walk.step(walk.budget);
          if (tally === undefined) return false; // the budget ran out inside this chunk: it goes on from there
          value.tally = tally;
          walk.step = undefined;
        }
      }
      walk.at += length;
      if (stepwise !== undefined && walk.budget.units <= 0) {
        walk.next++;
        return false;
      }
    }
    return true;
  }

  private startSums(n: number): ChunkTallies['sums'] {
    this.withEstimates = [];
    return { latin: new Float64Array(n + 1), cjk: new Float64Array(n + 1), other: new Float64Array(n + 1) };
  }

  /** Running sums of chunks `[from, to)`, so a section's whole chunks cost two lookups however many there are. */
  private sumUp(
    segments: ReadonlyArray<{ length: number; value: ChunkEntry }>,
    sums: ChunkTallies['sums'],
    from: number,
    to: number,
  ): void {
    const { latin, cjk, other } = sums;
    for (let i = from; i < to; i++) {
      const tally = segments[i].value.tally as TokenTally;
      latin[i + 1] = latin[i] + tally.latin;
      cjk[i + 1] = cjk[i] + tally.cjk;
      other[i + 1] = other[i] + tally.other;
      if (tally.estimated.length > 0) this.withEstimates.push(i);
    }
  }

  /** The whole text's tally. */
  total(): TokenTally {
    return this.range(0, this.text.length);
  }

  /** The tally of `[from, to)` as if that text were counted alone: whole chunks summed, partial ones tallied. */
  range(from: number, to: number): TokenTally {
    const sum = emptyTally();
    if (to <= from) return sum;
    const segments = this.chunks.segments;
    const first = this.chunkAt(from);
    const firstEnd = this.starts[first] + segments[first].length;
    if (this.starts[first] !== from || firstEnd > to) {
      // Starts inside a chunk (or ends inside the first one): that part is tallied alone.
      const partEnd = Math.min(firstEnd, to);
      addTally(sum, this.counter.tally(this.text.slice(from, partEnd)), 0);
      if (partEnd === to) return sum;
      return this.addWhole(sum, first + 1, from, to);
    }
    return this.addWhole(sum, first, from, to);
  }

  /** Adds chunks from index `i` (which starts inside `[from, to)`) up to `to`, the last one partly if `to` cuts it. */
  private addWhole(sum: TokenTally, i: number, from: number, to: number): TokenTally {
    const segments = this.chunks.segments;
    let j = this.chunkAt(to - 1);
    const lastEnd = this.starts[j] + segments[j].length;
    if (lastEnd > to) {
      addTally(sum, this.counter.tally(this.text.slice(this.starts[j], to)), this.starts[j] - from);
    } else j++;
    // Whole chunks i .. j-1.
    if (j > i) {
      sum.latin += this.sums.latin[j] - this.sums.latin[i];
      sum.cjk += this.sums.cjk[j] - this.sums.cjk[i];
      sum.other += this.sums.other[j] - this.sums.other[i];
      for (let k = lowerBound(this.withEstimates, i); k < this.withEstimates.length && this.withEstimates[k] < j; k++) {
        const c = this.withEstimates[k];
        for (const span of (segments[c].value.tally as TokenTally).estimated)
          sum.estimated.push({ offset: span.offset + this.starts[c] - from, length: span.length });
      }
      sum.estimated.sort((a, b) => a.offset - b.offset);
    }
    return sum;
  }

  private chunkAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Chunk ends for `[from, to)`: paragraph starts, `cuts`, and line starts once a chunk passes `maxLength`. */
function chunkEnds(text: string, from: number, to: number, maxLength: number, cuts: readonly number[]): number[] {
  const ends: number[] = [];
  let start = from;
  let k = lowerBound(cuts, from + 1);
  const search = searchIn(text, from, to);
  for (let newline = search('\n', from); newline !== -1 && newline + 1 < to; newline = search('\n', newline + 1)) {
    const p = newline + 1;
    while (k < cuts.length && cuts[k] < p) k++;
    if (!isChunkBoundary(text, p)) continue;
    if ((k < cuts.length && cuts[k] === p) || followsBlankLine(text, newline) || p - start >= maxLength) {
      ends.push(p);
      start = p;
    }
  }
  ends.push(to);
  return ends;
}
