// Remembers the token counts of pieces that are not single tokens, keyed by their bytes, in bounded memory.

const SLOT_BITS = 17;
const ARENA_BYTES = 1 << 22;
/** Pieces longer than this are not remembered (long runs are rare and would crowd out the rest). */
export const MAX_CACHED_PIECE_BYTES = 1024;

/**
 * Open addressing over (mixed hash, bytes) with the bytes copied into one arena. When the table is half full
 * or the arena is used up, it is cleared at once: at most 2^17 entries and 4 MiB of bytes, however much text
 * is counted. Lookups compare the bytes, so a hash collision can never return another piece's count.
 */
export class PieceCache {
  private readonly hashes = new Int32Array(1 << SLOT_BITS);
  private readonly offsets = new Int32Array(1 << SLOT_BITS).fill(-1);
  private readonly lengths = new Int32Array(1 << SLOT_BITS);
  private readonly counts = new Int32Array(1 << SLOT_BITS);
  /** Grows by doubling up to ARENA_BYTES, so counting one small file does not allocate megabytes. */
  private arena = new Uint8Array(1 << 16);
  private readonly mask = (1 << SLOT_BITS) - 1;
  private used = 0;
  private entries = 0;

  /** The remembered count of bytes[0, length), or -1. */
  get(bytes: Uint8Array, length: number, mixed: number): number {
    const mask = this.mask;
    for (let slot = mixed & mask; ; slot = (slot + 1) & mask) {
      const offset = this.offsets[slot] as number;
      if (offset < 0) return -1;
      if (this.hashes[slot] !== mixed || this.lengths[slot] !== length) continue;
      const arena = this.arena;
      let i = 0;
      while (i < length && arena[offset + i] === bytes[i]) i++;
      if (i === length) return this.counts[slot] as number;
    }
  }

  set(bytes: Uint8Array, length: number, mixed: number, count: number): void {
    if (length > MAX_CACHED_PIECE_BYTES) return;
    if (this.used + length > this.arena.length && this.arena.length < ARENA_BYTES) {
      const grown = new Uint8Array(Math.min(ARENA_BYTES, this.arena.length * 4));
      grown.set(this.arena.subarray(0, this.used));
      this.arena = grown;
    }
    if (this.used + length > this.arena.length || this.entries >= (1 << SLOT_BITS) >> 1) this.clear();
    const mask = this.mask;
    let slot = mixed & mask;
    while ((this.offsets[slot] as number) >= 0) slot = (slot + 1) & mask;
    this.arena.set(bytes.subarray(0, length), this.used);
    this.offsets[slot] = this.used;
    this.hashes[slot] = mixed;
    this.lengths[slot] = length;
    this.counts[slot] = count;
    this.used += length;
    this.entries++;
  }

  clear(): void {
    this.offsets.fill(-1);
    this.used = 0;
    this.entries = 0;
  }
}
