// Shared test setup: the reference (plain js-tiktoken) and our counters over the same shipped rank files.
import { Tiktoken } from 'js-tiktoken/lite';
import type { EncodingName } from '../../core/models/types';
import { BpeTokenCounter } from '../../core/tokens/counter';
import { BpeEncoding, type EncodingOptions } from '../../core/tokens/encoding';
import { TokenizerPool } from '../../core/tokens/pool';
import { parseRankFile, type RankTable } from '../../core/tokens/rank-table';
import type { RankFile } from '../../core/tokens/types';
import { nodeRankLoader } from '../../node/ranks';

export const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

const files = new Map<EncodingName, Promise<RankFile>>();
const references = new Map<EncodingName, Promise<Tiktoken>>();
const tables = new Map<EncodingName, Promise<RankTable>>();

export function rankFile(encoding: EncodingName): Promise<RankFile> {
  return memo(files, encoding, () => nodeRankLoader(encoding));
}

/** The reference every exact count must equal: `new Tiktoken(ranks).encode(text, [], [])`. */
export function reference(encoding: EncodingName): Promise<Tiktoken> {
  return memo(references, encoding, async () => new Tiktoken(await rankFile(encoding)));
}

export async function referenceCount(encoding: EncodingName, text: string): Promise<number> {
  return (await reference(encoding)).encode(text, [], []).length;
}

export function rankTable(encoding: EncodingName): Promise<RankTable> {
  return memo(tables, encoding, async () => parseRankFile(encoding, await rankFile(encoding)));
}

/** A counter with a chosen long-piece threshold, sharing the parsed table across tests. */
export async function counterWith(encoding: EncodingName, options: EncodingOptions = {}): Promise<BpeTokenCounter> {
  return new BpeTokenCounter(new BpeEncoding(await rankTable(encoding), options));
}

export const pool = new TokenizerPool(nodeRankLoader);

function memo<T>(cache: Map<EncodingName, Promise<T>>, key: EncodingName, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Pieces of `text` under an encoding's pre-tokenizer, computed independently of core (for span checks). */
export async function referencePieces(encoding: EncodingName, text: string): Promise<Array<{ offset: number; text: string }>> {
  const pattern = new RegExp((await rankFile(encoding)).pat_str, 'gu');
  return [...text.matchAll(pattern)].map((match) => ({ offset: match.index ?? 0, text: match[0] }));
}
