// Character classes of the OpenAI pre-tokenizers, per code point, as Rust's regex crate defines them (docs/tokenizers.md).
import { CLASS_RUNS } from './unicode-data';

/** Unicode White_Space, Rust's `\s` (U+0085 is in it; U+FEFF and U+180E are not, unlike JavaScript's `\s`). */
export const WS = 1;
/** `\p{L}`. */
export const LETTER = 2;
/** `\p{N}`. */
export const NUMBER = 4;
/** `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`, o200k_base's leading letters. */
export const UPPERISH = 8;
/** `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`, o200k_base's trailing letters. */
export const LOWERISH = 16;
/** Script classes for approximate models (script.ts): CJK, and other non-Latin scripts and emoji. */
export const CJK = 32;
export const OTHER_SCRIPT = 64;

let table: Uint8Array | undefined;

/**
 * One byte of class bits per code point (1.1 MB), expanded once from the generated runs. Lone surrogates
 * have no bits: tiktoken replaces them with U+FFFD, which has none either (it is a symbol).
 */
export function classTable(): Uint8Array {
  if (table !== undefined) return table;
  const bits = new Uint8Array(0x110000);
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    start += CLASS_RUNS[i] as number;
    const value = CLASS_RUNS[i + 1] as number;
    const end = i + 2 < CLASS_RUNS.length ? start + (CLASS_RUNS[i + 2] as number) : 0x110000;
    if (value !== 0) bits.fill(value, start, end);
  }
  table = bits;
  return bits;
}
