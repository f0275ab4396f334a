// The byte-string hash shared by the rank table, the suffix filter and the piece cache.

/**
 * A polynomial hash over bytes, h = h·P + b (mod 2^32). It can be extended on the right (Horner) and on the
 * left (adding b·P^len), which is what lets the linear-time encoder hash a text's suffixes as it walks back.
 */
export const HASH_MULTIPLIER = 0x01000193;

/**
 * `Math.imul`, bound once: hot loops then call a local instead of looking `Math` up on the global object,
 * which is slow where the global is an interceptor (a `vm` context, as the web-worker tests run the bundle).
 */
export const imul = Math.imul;

export function extendRight(hash: number, byte: number): number {
  return (imul(hash, HASH_MULTIPLIER) + byte) | 0;
}

/** Spreads the polynomial hash (and the length, so leading NUL bytes still count) over all 32 bits (MurmurHash3's finalizer). */
export function mixHash(hash: number, length: number): number {
  let h = (hash + imul(length, 0x9e3779b1)) | 0;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export function mixPair(left: number, right: number): number {
  return mixHash(imul(left, 0x27d4eb2f) ^ right, 2);
}

export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (imul(hash, HASH_MULTIPLIER) + (bytes[i] as number)) | 0;
  return hash;
}
