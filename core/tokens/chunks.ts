// Incremental counting (docs/design/pitfalls.md P3): split text only where pieces must end, cache each chunk's tally.
import type { Span } from '../diagnostic';
import type { TallyingCounter } from './counter';
import { addTally, emptyTally, type TokenTally } from './tally';
import type { TokenCount, TokenCounter } from './types';
import { WS, classTable } from './unicode';

/** A paragraph longer than this is also cut at line starts, so one edit re-counts at most about this much. */
export const DEFAULT_MAX_CHUNK_LENGTH = 4096;
export const DEFAULT_CACHE_ENTRIES = 2048;

/**
 * True when position `p` follows a newline and starts with a character that is neither whitespace nor
 * `/`. Whitespace is the pre-tokenizer's `\s` (Unicode White_Space: U+0085 is in it, U+FEFF is not), not
 * JavaScript's: "\n\u0085\n" is one whitespace piece, so a cut before the U+0085 would split it. Then no pre-tokenizer piece of o200k_base or cl100k_base spans `p`: letter pieces may not start
 * with \r or \n, punctuation pieces start with a space or punctuation, whitespace pieces stop at a
 * non-space, and the only alternative that continues after a newline is o200k's `[^\s\p{L}\p{N}]+[\r\n/]*`,
 * which swallows a `/` (".\n/"), hence the exclusion. Neither pattern looks behind, so pieces after `p`
 * do not depend on what precedes it. The property test in test/tokens/chunks.test.ts checks this.
 */
export function isChunkBoundary(text: string, p: number): boolean {
  if (p <= 0 || p >= text.length || text.charCodeAt(p - 1) !== 0x0a) return false;
  const next = text.charCodeAt(p);
  // A surrogate has no class bits: the astral characters it starts are never White_Space.
  return next !== 0x2f && (classTable()[next] & WS) === 0;
}

/**
 * Chunks start at paragraphs (a boundary after a blank line), so an edit changes only its own chunk's
 * content; a paragraph longer than `maxChunkLength` is also cut at the first boundary past that length.
 */
export function splitIntoChunks(text: string, maxChunkLength = DEFAULT_MAX_CHUNK_LENGTH): Span[] {
  const chunks: Span[] = [];
  let start = 0;
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
    const p = newline + 1;
    if (!isChunkBoundary(text, p)) continue;
    if (followsBlankLine(text, newline) || p - start >= maxChunkLength) {
      chunks.push({ offset: start, length: p - start });
      start = p;
    }
  }
  if (start < text.length) chunks.push({ offset: start, length: text.length - start });
  return chunks;
}

export function followsBlankLine(text: string, newline: number): boolean {
  const before = text.charCodeAt(newline - 1);
  return before === 0x0a || (before === 0x0d && text.charCodeAt(newline - 2) === 0x0a);
}

export interface ChunkedCounterOptions {
  maxChunkLength?: number;
  /** Chunks remembered (least recently used are dropped first). */
  maxEntries?: number;
  /** Total characters of cached chunk text remembered; unbounded by default (then `maxEntries` alone bounds memory). */
  maxCachedChars?: number;
}

/**
 * Counts text as the sum of its chunks' tallies, each cached by chunk content, so re-counting an edited
 * document only merges the chunks that changed. Gives the same result as the wrapped counter.
 */
export class ChunkedCounter implements TokenCounter {
  readonly encoding: TokenCounter['encoding'];
  readonly approximate: boolean;
  /** Chunks counted from scratch vs served from the cache, for tests and the status bar. */
  readonly stats = { counted: 0, reused: 0 };
  private readonly cache = new Map<string, TokenTally>();
  private readonly maxChunkLength: number;
  private readonly maxEntries: number;
  private readonly maxCachedChars: number;
  private cachedChars = 0;

  constructor(
    private readonly counter: TallyingCounter,
    options: ChunkedCounterOptions = {},
  ) {
    this.encoding = counter.encoding;
    this.approximate = counter.approximate;
    this.maxChunkLength = options.maxChunkLength ?? DEFAULT_MAX_CHUNK_LENGTH;
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_CACHE_ENTRIES);
    this.maxCachedChars = options.maxCachedChars ?? Number.POSITIVE_INFINITY;
  }

  count(text: string): TokenCount {
    const sum = emptyTally();
    for (const chunk of splitIntoChunks(text, this.maxChunkLength)) {
      addTally(sum, this.chunkTally(text.slice(chunk.offset, chunk.offset + chunk.length)), chunk.offset);
    }
    return this.counter.finish(sum);
  }

  /** The wrapped counter: tallies of arbitrary text, uncached (ChunkTallies caches by position instead). */
  get tallying(): TallyingCounter {
    return this.counter;
  }

  get cachedChunks(): number {
    return this.cache.size;
  }

  private chunkTally(chunk: string): TokenTally {
    const cached = this.cache.get(chunk);
    if (cached !== undefined) {
      // Re-insert to mark it recently used: a Map iterates in insertion order, oldest first.
      this.cache.delete(chunk);
      this.cache.set(chunk, cached);
      this.stats.reused++;
      return cached;
    }
    const tally = this.counter.tally(chunk);
    this.stats.counted++;
    this.cache.set(detach(chunk), tally);
    this.cachedChars += chunk.length;
    // The newest entry is never evicted, so a chunk longer than the character budget is still counted once.
    while (this.cache.size > 1 && (this.cache.size > this.maxEntries || this.cachedChars > this.maxCachedChars)) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
      this.cachedChars -= oldest.length;
    }
    return tally;
  }
}

/**
 * A slice of the document may share the whole document's memory (V8 sliced strings); as a cache key it
 * would keep every old version of the document alive. Flattening a fresh concatenation copies just the chunk.
 */
function detach(chunk: string): string {
  return (' ' + chunk).slice(1);
}

/** The counter that tallies additively, when the given one can (the editor's pooled ChunkedCounter or a plain BPE counter). */
export function tallyingCounter(counter: TokenCounter): TallyingCounter | undefined {
  if (counter instanceof ChunkedCounter) return counter.tallying;
  const candidate = counter as Partial<TallyingCounter>;
  return typeof candidate.tally === 'function' && typeof candidate.finish === 'function'
    ? (candidate as TallyingCounter)
    : undefined;
}
