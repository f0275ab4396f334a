// Shared test setup: the reference (plain js-tiktoken) and our counters over the same shipped rank files.
import { Tiktoken } from 'js-tiktoken/lite';
import type { EncodingName } from '../../core/models/types';
import { BpeTokenCounter } from '../../core/tokens/counter';
import { BpeEncoding, type EncodingOptions } from '../../core/tokens/encoding';
import { TokenizerPool } from '../../core/tokens/pool';
import { parseRankBinary, type RankTable } from '../../core/tokens/rank-table';
import type { RankFile } from '../../core/tokens/types';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeRankLoader } from '../../node/ranks';

export const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

const files = new Map<EncodingName, Promise<RankFile>>();
const references = new Map<EncodingName, Promise<Tiktoken>>();
const tables = new Map<EncodingName, Promise<RankTable>>();

/** js-tiktoken's rank file as shipped in dist/ranks (what the web build loads). */
export function rankFile(encoding: EncodingName): Promise<RankFile> {
  return memo(
    files,
    encoding,
    async () => JSON.parse(await readFile(join(__dirname, '..', '..', 'dist', 'ranks', `${encoding}.json`), 'utf8')) as RankFile,
  );
}

/**
 * A second reference for large generated texts: `new Tiktoken(ranks).encode(text, [], [])`. It agrees with
 * tiktoken except where JavaScript's regex classes differ from Rust's (U+FEFF, U+0085, Unicode 17 letters),
 * which the generated texts avoid; tiktoken-reference.test.ts covers those against tiktoken itself.
 */
export function reference(encoding: EncodingName): Promise<Tiktoken> {
  return memo(references, encoding, async () => new Tiktoken(await rankFile(encoding)));
}

export async function referenceCount(encoding: EncodingName, text: string): Promise<number> {
  return (await reference(encoding)).encode(text, [], []).length;
}

export function rankTable(encoding: EncodingName): Promise<RankTable> {
  return memo(tables, encoding, async () => parseRankBinary(encoding, (await nodeRankLoader(encoding)) as Uint8Array));
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
