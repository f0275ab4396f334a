// The token table the counter needs, its compact binary form (written at build time) and its compilation from a rank file.
import type { EncodingName } from '../models/types';
import { extendRight, hashBytes, imul, mixHash, mixPair } from './hash';
import { Merger, type RankLookup } from './merge';
import type { RankFile } from './types';

const MAGIC = 0x4b524250; // "PBRK" little-endian
const VERSION = 4;
const HEADER_WORDS = 7;
/** Bits of the suffix filter (1 MiB): about 1.3 M distinct token suffixes set about one bit in eight. */
const SUFFIX_FILTER_BITS = 23;

/**
 * Tokens by rank (their bytes in one array) and, for every multi-byte token, the two tokens the BPE merge
 * joins to make it (its "split"). Everything else is derived at load: a hash table from bytes to rank,
 * and, on first use by the linear encoder, the pair table and the suffix filter.
 */
export class RankTable implements RankLookup {
  /** Highest rank + 1. */
  readonly size: number;
  readonly maxTokenBytes: number;
  /** Rank of each byte value (every byte is a token in these encodings). */
  readonly byteRank: Int32Array;
  /** Rank of each two-byte token at `first << 8 | second`, or -1. */
  readonly twoByteRank: Int32Array;
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly mask: number;
  private pairs: Int32Array | undefined;
  private pairMask = 0;
  private filter: Int32Array | undefined;

  constructor(
    readonly encoding: EncodingName,
    /** Byte offsets of each rank's token in `bytes` (size + 1 entries); an absent rank has length 0. */
    readonly starts: Uint32Array,
    readonly bytes: Uint8Array,
    /** The left/right halves of each token's last merge; a single byte is its own halves; -1 for absent ranks. */
    readonly splitLeft: Int32Array,
    readonly splitRight: Int32Array,
    /** The lookup tables as `serializeRankTable` stored them; built here when absent. */
    prebuilt?: LookupTables,
  ) {
    this.size = starts.length - 1;
    const tables = prebuilt ?? buildLookupTables(starts, bytes);
    this.maxTokenBytes = tables.maxTokenBytes;
    this.slots = tables.slots;
    this.slotHashes = tables.slotHashes;
    this.mask = tables.slots.length - 1;
    this.byteRank = tables.byteRank;
    this.twoByteRank = tables.twoByteRank;
    this.pairs = tables.pairs;
    this.pairMask = tables.pairs === undefined ? 0 : tables.pairs.length - 1;
    this.filter = tables.filter;
  }

  /** The derived lookup tables, for `serializeRankTable`. */
  get lookupTables(): LookupTables {
    return {
      maxTokenBytes: this.maxTokenBytes,
      slots: this.slots,
      slotHashes: this.slotHashes,
      byteRank: this.byteRank,
      twoByteRank: this.twoByteRank,
      pairs: this.pairs ?? this.buildPairs(),
      filter: this.filter ?? this.buildFilter(),
    };
  }

  tokenLength(rank: number): number {
    return (this.starts[rank + 1] as number) - (this.starts[rank] as number);
  }

  rank(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length === 2) return this.twoByteRank[((bytes[start] as number) << 8) | (bytes[start + 1] as number)] as number;
    if (length === 1) return this.byteRank[bytes[start] as number] as number;
    if (length > this.maxTokenBytes || length <= 0) return -1;
    return this.rankByHash(bytes, start, end, mixHash(hashBytes(bytes, start, end), length));
  }

  /** Rank of bytes[start, end) given its mixed hash (see hash.ts), or -1. */
  rankByHash(bytes: Uint8Array, start: number, end: number, mixed: number): number {
    const slots = this.slots;
    const hashes = this.slotHashes;
    const mask = this.mask;
    const length = end - start;
    for (let slot = mixed & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === 0) return -1;
      if (hashes[slot] !== mixed) continue;
      const r = entry - 1;
      const at = this.starts[r] as number;
      if ((this.starts[r + 1] as number) - at !== length) continue;
      let i = 0;
      while (i < length && this.bytes[at + i] === bytes[start + i]) i++;
      if (i === length) return r;
    }
  }

  /**
   * The token the BPE merge makes from the adjacent tokens (left, right), or -1 if it never joins them.
   * Each slot holds a merged token + 1; its split arrays say which pair it was made from.
   */
  merged(left: number, right: number): number {
    const pairs = this.pairs ?? this.buildPairs();
    const mask = this.pairMask;
    for (let slot = mixPair(left, right) & mask; ; slot = (slot + 1) & mask) {
      const entry = pairs[slot] as number;
      if (entry === 0) return -1;
      if (this.splitLeft[entry - 1] === left && this.splitRight[entry - 1] === right) return entry - 1;
    }
  }

  /** False when no token ends with the byte string whose mixed hash is `mixed`; true means "maybe". */
  maybeSuffix(mixed: number): boolean {
    const filter = this.filter ?? this.buildFilter();
    const bit = mixed >>> (32 - SUFFIX_FILTER_BITS);
    return ((filter[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }

  private buildPairs(): Int32Array {
    let capacity = 1;
    while (capacity < this.size * 2) capacity <<= 1;
    const pairs = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let r = 0; r < this.size; r++) {
      const left = this.splitLeft[r] as number;
      const right = this.splitRight[r] as number;
      if (left < 0 || left === r) continue;
      let slot = mixPair(left, right) & mask;
      while (pairs[slot] !== 0) slot = (slot + 1) & mask;
      pairs[slot] = r + 1;
    }
    this.pairMask = mask;
    this.pairs = pairs;
    return pairs;
  }

  private buildFilter(): Int32Array {
    const filter = new Int32Array(1 << (SUFFIX_FILTER_BITS - 5));
    for (let r = 0; r < this.size; r++) {
      const start = this.starts[r] as number;
      const end = this.starts[r + 1] as number;
      // Every suffix bytes[k, end), hashed right to left exactly as the linear encoder walks back.
      let hash = 0;
      let power = 1;
      for (let k = end - 1; k >= start; k--) {
        hash = (hash + imul(this.bytes[k] as number, power)) | 0;
        power = extendRight(power, 0);
        const bit = mixHash(hash, end - k) >>> (32 - SUFFIX_FILTER_BITS);
        filter[bit >>> 5] = (filter[bit >>> 5] as number) | (1 << (bit & 31));
      }
    }
    this.filter = filter;
    return filter;
  }
}

/** The byte-string → rank hash table (open addressing: rank + 1 per slot, 0 empty) and the short-token arrays. */
export interface LookupTables {
  maxTokenBytes: number;
  slots: Int32Array;
  slotHashes: Int32Array;
  byteRank: Int32Array;
  twoByteRank: Int32Array;
  /** The linear encoder's tables (built on first use when absent). */
  pairs?: Int32Array;
  filter?: Int32Array;
}

function buildLookupTables(starts: Uint32Array, bytes: Uint8Array): LookupTables {
  const size = starts.length - 1;
  let maxTokenBytes = 1;
  let count = 0;
  for (let r = 0; r < size; r++) {
    const length = (starts[r + 1] as number) - (starts[r] as number);
    if (length > maxTokenBytes) maxTokenBytes = length;
    if (length > 0) count++;
  }
  let capacity = 1;
  while (capacity < count * 2.5) capacity <<= 1;
  const slots = new Int32Array(capacity);
  const slotHashes = new Int32Array(capacity);
  const mask = capacity - 1;
  const byteRank = new Int32Array(256).fill(-1);
  const twoByteRank = new Int32Array(1 << 16).fill(-1);
  for (let r = 0; r < size; r++) {
    const start = starts[r] as number;
    const end = starts[r + 1] as number;
    if (end === start) continue;
    const mixed = mixHash(hashBytes(bytes, start, end), end - start);
    let slot = mixed & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = r + 1;
    slotHashes[slot] = mixed;
    if (end - start === 1) byteRank[bytes[start] as number] = r;
    else if (end - start === 2) twoByteRank[((bytes[start] as number) << 8) | (bytes[start + 1] as number)] = r;
  }
  return { maxTokenBytes, slots, slotHashes, byteRank, twoByteRank };
}

/**
 * The binary form, little-endian 32-bit words: a header (magic, version, size, token byte count, longest
 * token, hash slots, pair slots), then starts, split halves, the hash table, its hashes, the one- and
 * two-byte rank arrays, the pair table, the suffix filter, and last the token bytes. Loading it is creating typed-array views: nothing is parsed or hashed.
 */
export function serializeRankTable(table: RankTable): Uint8Array {
  const size = table.size;
  const t = table.lookupTables;
  const sections: ArrayLike<number>[] = [
    table.starts,
    table.splitLeft,
    table.splitRight,
    t.slots,
    t.slotHashes,
    t.byteRank,
    t.twoByteRank,
    t.pairs as Int32Array,
    t.filter as Int32Array,
  ];
  const words = HEADER_WORDS + sections.reduce((sum, section) => sum + section.length, 0);
  const out = new Uint8Array(words * 4 + table.bytes.length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const value of [
    MAGIC,
    VERSION,
    size,
    table.bytes.length,
    t.maxTokenBytes,
    t.slots.length,
    (t.pairs as Int32Array).length,
  ]) {
    view.setUint32(at, value, true);
    at += 4;
  }
  for (const section of sections) {
    for (let i = 0; i < section.length; i++, at += 4) view.setInt32(at, section[i] as number, true);
  }
  out.set(table.bytes, at);
  return out;
}

/** Reads the binary form; the typed arrays are views on the given bytes where alignment allows. */
export function parseRankBinary(encoding: EncodingName, data: Uint8Array): RankTable {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < HEADER_WORDS * 4 || view.getUint32(0, true) !== MAGIC)
    throw new Error(`The ${encoding} rank table is not a promptbound rank table.`);
  if (view.getUint32(4, true) !== VERSION)
    throw new Error(
      `The ${encoding} rank table has format ${view.getUint32(4, true)}, expected ${VERSION}; rebuild with \`npm run build\`.`,
    );
  const size = view.getUint32(8, true);
  const byteLength = view.getUint32(12, true);
  const maxTokenBytes = view.getUint32(16, true);
  const slotCount = view.getUint32(20, true);
  const pairCount = view.getUint32(24, true);
  const lengths = [size + 1, size, size, slotCount, slotCount, 256, 1 << 16, pairCount, 1 << (SUFFIX_FILTER_BITS - 5)];
  const wordCount = HEADER_WORDS + lengths.reduce((a, b) => a + b, 0);
  if (
    (slotCount & (slotCount - 1)) !== 0 ||
    (pairCount & (pairCount - 1)) !== 0 ||
    data.byteLength !== wordCount * 4 + byteLength
  ) {
    throw new Error(`The ${encoding} rank table is truncated or damaged; rebuild with \`npm run build\`.`);
  }
  // Typed-array views need 4-byte alignment (and little-endian order, which every platform we run on has).
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, wordCount);
  const parts: Int32Array[] = [];
  let at = HEADER_WORDS;
  for (const length of lengths) {
    parts.push(words.subarray(at, at + length));
    at += length;
  }
  const [startWords, splitLeft, splitRight, slots, slotHashes, byteRank, twoByteRank, pairs, filter] = parts as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const starts = new Uint32Array(startWords.buffer, startWords.byteOffset, startWords.length);
  const bytes = aligned.subarray(wordCount * 4, wordCount * 4 + byteLength);
  return new RankTable(encoding, starts, bytes, splitLeft, splitRight, {
    maxTokenBytes,
    slots,
    slotHashes,
    byteRank,
    twoByteRank,
    pairs,
    filter,
  });
}

/**
 * Compiles js-tiktoken's rank file (each non-empty line `<ignored> <first rank> <base64 token> ...`, ranks
 * counting up) into a RankTable, computing each token's split by merging its own bytes: the state before
 * the last merge is the two halves. Throws if a token does not merge back into itself from two lower-ranked
 * tokens, which the linear encoder relies on (docs/tokenizers.md).
 */
export function compileRankFile(encoding: EncodingName, file: RankFile): RankTable {
  // Decoded straight into one growing byte array (no atob, no array per token: this also runs in the web
  // worker, where each global lookup can be slow).
  let decoded: Uint8Array = new Uint8Array(1 << 21);
  let used = 0;
  let tokenStart: Int32Array = new Int32Array(1 << 18).fill(-1);
  let tokenEnd: Int32Array = new Int32Array(1 << 18);
  let size = 0;
  const text = file.bpe_ranks;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const fields = text.slice(lineStart, lineEnd).split(' ');
    lineStart = lineEnd + 1;
    if (fields.length < 2) continue;
    const first = parseDecimal(fields[1] as string);
    for (let i = 2; i < fields.length; i++) {
      const rank = first + i - 2;
      const field = fields[i] as string;
      if (used + field.length > decoded.length) decoded = grow(decoded, used + field.length);
      if (rank >= tokenStart.length) {
        tokenStart = growInt(tokenStart, rank + 1, -1);
        tokenEnd = growInt(tokenEnd, rank + 1, 0);
      }
      tokenStart[rank] = used;
      used = decodeBase64(field, decoded, used);
      tokenEnd[rank] = used;
      if (rank + 1 > size) size = rank + 1;
    }
  }
  const starts = new Uint32Array(size + 1);
  let total = 0;
  for (let r = 0; r < size; r++) total += tokenStart[r] === -1 ? 0 : (tokenEnd[r] as number) - (tokenStart[r] as number);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (let r = 0; r < size; r++) {
    starts[r] = at;
    if (tokenStart[r] === -1) continue;
    bytes.set(decoded.subarray(tokenStart[r] as number, tokenEnd[r] as number), at);
    at += (tokenEnd[r] as number) - (tokenStart[r] as number);
  }
  starts[size] = at;
  const splitLeft = new Int32Array(size).fill(-1);
  const splitRight = new Int32Array(size).fill(-1);
  const table = new RankTable(encoding, starts, bytes, splitLeft, splitRight);
  const merger = new Merger(table);
  for (let r = 0; r < size; r++) {
    const start = starts[r] as number;
    const end = starts[r + 1] as number;
    if (end - start === 1) {
      splitLeft[r] = r;
      splitRight[r] = r;
    } else if (end - start > 1) {
      const parts = merger.merge(bytes, start, end, 2);
      const mid = merger.partStart(1);
      const left = table.rank(bytes, start, mid);
      const right = table.rank(bytes, mid, end);
      if (parts !== 2 || left < 0 || right < 0 || left >= r || right >= r || table.rank(bytes, start, end) !== r) {
        throw new Error(`${encoding}: token ${r} does not merge back into itself from two lower-ranked tokens.`);
      }
      splitLeft[r] = left;
      splitRight[r] = right;
    }
  }
  return table;
}

const BASE64 = (() => {
  const table = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/** Decodes standard base64 (with or without `=` padding) into out at `at`; returns the end. */
function decodeBase64(text: string, out: Uint8Array, at: number): number {
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) break;
    const value = code < 128 ? (BASE64[code] as number) : -1;
    if (value < 0) throw new Error(`Invalid base64 in a rank file: ${JSON.stringify(text)}`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return at;
}

function parseDecimal(text: string): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function grow(bytes: Uint8Array, needed: number): Uint8Array {
  const grown = new Uint8Array(Math.max(needed, bytes.length * 2));
  grown.set(bytes);
  return grown;
}

function growInt(values: Int32Array, needed: number, fill: number): Int32Array {
  const grown = new Int32Array(Math.max(needed, values.length * 2)).fill(fill);
  grown.set(values);
  return grown;
}
