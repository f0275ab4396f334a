// Parses a rank file into the lookup the merge step needs: byte string → rank, in a Map (PITFALLS 7a).
import type { EncodingName } from '../models/types';
import type { RankFile } from './types';

export interface RankTable {
  readonly encoding: EncodingName;
  /** Token bytes (one char per byte, see utf8.ts) → rank. A Map, so `constructor` or `__proto__` are just keys. */
  readonly ranks: ReadonlyMap<string, number>;
  /** Longest token in bytes: a candidate merge longer than this cannot be a token, so it is not looked up. */
  readonly maxTokenBytes: number;
  /**
   * Rank of each two-byte token at index `first << 8 | second`, or -1: every merge starts from byte
   * pairs, and a typed-array read is much cheaper than slicing and hashing a string for the Map.
   */
  readonly pairRanks: Int32Array;
  /** The encoding's pre-tokenizer pattern (`pat_str`), compiled by the caller with the `u` flag. */
  readonly pattern: string;
}

/**
 * Same reading as js-tiktoken's `Tiktoken` constructor: each non-empty line of `bpe_ranks` is
 * `<ignored> <first rank> <base64 token> <base64 token> ...`, ranks counting up from the first; a later
 * assignment of the same token wins. Special tokens are not loaded: we count their text as ordinary text.
 */
export function parseRankFile(encoding: EncodingName, file: RankFile): RankTable {
  const ranks = new Map<string, number>();
  let maxTokenBytes = 1;
  for (const line of file.bpe_ranks.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1] ?? '', 10);
    for (let i = 2; i < fields.length; i++) {
      const bytes = atob(fields[i] ?? '');
      ranks.set(bytes, first + i - 2);
      if (bytes.length > maxTokenBytes) maxTokenBytes = bytes.length;
    }
  }
  return { encoding, ranks, maxTokenBytes, pairRanks: twoByteRanks(ranks), pattern: file.pat_str };
}

function twoByteRanks(ranks: ReadonlyMap<string, number>): Int32Array {
  const pairRanks = new Int32Array(1 << 16).fill(-1);
  for (const [bytes, rank] of ranks) {
    if (bytes.length === 2) pairRanks[(bytes.charCodeAt(0) << 8) | bytes.charCodeAt(1)] = rank;
  }
  return pairRanks;
}
