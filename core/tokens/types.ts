// The one small interface every caller counts tokens through (so the implementation can be swapped).
import type { Span } from '../diagnostic';
import type { ApproximationFactors, EncodingName } from '../models/types';

export interface TokenCount {
  tokens: number;
  /** True when the number is an estimate: an approximate model, or a long-run fallback was used. */
  approximate: boolean;
  /**
   * Where a long unbroken run was estimated instead of encoded exactly (offsets into the counted text).
   * Empty when every piece was encoded exactly.
   */
  estimated: Span[];
}

export interface TokenCounter {
  readonly encoding: EncodingName;
  /** True for approximate models (proxy encoding × factor); such counts are shown with `≈`. */
  readonly approximate: boolean;
  count(text: string): TokenCount;
}

/** The rank file js-tiktoken's `Tiktoken` constructor takes (`js-tiktoken/ranks/<encoding>`). */
export interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

/** Injected by each front end: Node reads the shipped rank file, the web build fetches it. */
export type RankLoader = (encoding: EncodingName) => Promise<RankFile>;

/** What a counter is built for: an encoding, and for approximate models their factors. */
export interface CounterSpec {
  encoding: EncodingName;
  factors?: ApproximationFactors;
}

/** What counting code asks for counters: the TokenizerPool (fresh counters) or an incremental pool (cached chunk tallies). */
export interface CounterSource {
  counterFor(spec: CounterSpec): Promise<TokenCounter>;
}
