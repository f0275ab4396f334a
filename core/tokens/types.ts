// The one small interface every caller counts tokens through (so the implementation can be swapped).
import type { Span } from '../diagnostic';
import type { ApproximationFactors, EncodingName } from '../models/types';

export interface TokenCount {
  tokens: number;
  /** True when the number is an estimate: only for approximate models (OpenAI encodings are always exact). */
  approximate: boolean;
  /**
   * Where a part of the text was estimated instead of encoded exactly (offsets into the counted text).
   * Always empty for the OpenAI encodings, which count every piece exactly whatever its length.
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

/**
 * Injected by each front end: Node reads the compact binary table written at build time (`dist/ranks/
 * <encoding>.bin`, see rank-table.ts); the web build gets the JSON rank file from the client and compiles it.
 */
export type RankLoader = (encoding: EncodingName) => Promise<RankFile | Uint8Array>;

/** What a counter is built for: an encoding, and for approximate models their factors. */
export interface CounterSpec {
  encoding: EncodingName;
  factors?: ApproximationFactors;
}

/** What counting code asks for counters: the TokenizerPool (fresh counters) or an incremental pool (cached chunk tallies). */
export interface CounterSource {
  counterFor(spec: CounterSpec): Promise<TokenCounter>;
}
