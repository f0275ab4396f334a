// Counters that outlive one lint (the editor): one ChunkedCounter per encoding and factors, so a keystroke re-tallies only the chunks it changed.
import type { ApproximationFactors } from '../models/types';
import { ChunkedCounter, type ChunkedCounterOptions } from './chunks';
import type { TokenizerPool } from './pool';
import type { CounterSource, CounterSpec, TokenCounter } from './types';

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
