// The token-counting API that the rest of core and the front ends import.
export type { CounterSource, CounterSpec, RankFile, RankLoader, TokenCount, TokenCounter } from './types';
export { IncrementalCounterPool, type IncrementalCounterOptions } from './incremental';
export { TokenizerPool } from './pool';
export { BpeTokenCounter, type TallyingCounter } from './counter';
export { DEFAULT_LONG_PIECE_THRESHOLD, type EncodingOptions } from './encoding';
export { ChunkedCounter, isChunkBoundary, splitIntoChunks, type ChunkedCounterOptions } from './chunks';
export type { TokenTally } from './tally';
export type { ScriptClass } from './script';
