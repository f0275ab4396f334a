// The pre-tokenizers of o200k_base and cl100k_base, hand-written to match tiktoken's regexes exactly (docs/tokenizers.md).
import { LETTER, LOWERISH, NUMBER, UPPERISH, WS } from './unicode';

/**
 * Returns the end of the piece that starts at `p` (text.length > p): the end of the match tiktoken's
 * pattern finds there. Both patterns match at every position, so pieces tile the text.
 */
export type PieceScanner = (text: string, p: number, classes: Uint8Array) => number;

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const APOSTROPHE = 0x27;
const LONG_S = 0x17f;

/** The code point at i; a lone surrogate reads as U+FFFD, as tiktoken replaces it before matching. */
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  return 0xfffd;
}

function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** `[^\r\n\p{L}\p{N}]`: the optional character before a letter run (a space, punctuation, a mark ...). */
function isPrefix(cp: number, bits: number): boolean {
  return (bits & (LETTER | NUMBER)) === 0 && cp !== CR && cp !== LF;
}

/**
 * End of the run of code points from i whose class has any of `mask`. A long stretch of one repeated character
 * (all of one class) is skipped by comparing the text with itself shifted by one (`repeatEnd`), not read a
 * character at a time: a 10 MB run of one letter is one piece.
 */
function runEnd(text: string, i: number, classes: Uint8Array, mask: number): number {
  const n = text.length;
  let same = 0;
  while (i < n) {
    const cp = codePointAt(text, i);
    if (((classes[cp] as number) & mask) === 0) break;
    if (cp === text.charCodeAt(i - 1) && cp < 0xd800) {
      if (++same >= REPEAT_SKIP) {
        i = repeatEnd(text, i + 1, n, 1);
        same = 0;
        continue;
      }
    } else same = 0;
    i += width(cp);
  }
  return i;
}

/** Repeats of one character read one by one before `repeatEnd` takes over. */
const REPEAT_SKIP = 64;

/**
 * The first position from `j` (at most `end`) where the text stops repeating with period `units`
 * (text[k] = text[k - units]). Blocks are compared as strings first: V8 compares them as memory.
 */
export function repeatEnd(text: string, j: number, end: number, units: number): number {
  for (let block = 256; j + block <= end; block = Math.min(block * 2, 1 << 16)) {
    if (text.slice(j, j + block) !== text.slice(j - units, j - units + block)) break;
    j += block;
  }
  while (j < end && text.charCodeAt(j) === text.charCodeAt(j - units)) j++;
  return j;
}

/**
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at i: the end after it, or i. Case folding is Unicode's, as in Rust's
 * regex: `s` also matches U+017F (ſ).
 */
function contractionEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== APOSTROPHE || i + 1 >= text.length) return i;
  const c1 = text.charCodeAt(i + 1);
  if (c1 === LONG_S) return i + 2;
  if (!isAsciiLetter(c1)) return i;
  const l1 = c1 | 0x20;
  if (l1 === 0x73 || l1 === 0x74 || l1 === 0x6d || l1 === 0x64) return i + 2; // s t m d
  if (i + 2 >= text.length) return i;
  const c2 = text.charCodeAt(i + 2);
  if (!isAsciiLetter(c2)) return i;
  const l2 = c2 | 0x20;
  if ((l1 === 0x72 || l1 === 0x76) && l2 === 0x65) return i + 3; // re ve
  if (l1 === 0x6c && l2 === 0x6c) return i + 3; // ll
  return i;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** o200k_base's first alternative from s (after the optional prefix): `[A]*[B]+`, the end or -1. */
function upperThenLower(text: string, s: number, classes: Uint8Array): number {
  const a = runEnd(text, s, classes, UPPERISH);
  if (a < text.length) {
    const cp = codePointAt(text, a);
    if (((classes[cp] as number) & LOWERISH) !== 0) return runEnd(text, a, classes, LOWERISH);
  }
  // Backtrack: the last character of the [A]* run that is also in [B] ends the match.
  let end = -1;
  let same = 0;
  for (let i = s; i < a;) {
    const cp = codePointAt(text, i);
    if (cp === text.charCodeAt(i - 1) && cp < 0xd800) same++;
    else same = 0;
    if (same >= REPEAT_SKIP) {
      // A long stretch of one character, all of its class: skipped as in `runEnd`.
      const k = repeatEnd(text, i + 1, a, 1);
      if (((classes[cp] as number) & LOWERISH) !== 0) end = k;
      i = k;
      same = 0;
      continue;
    }
    i += width(cp);
    if (((classes[cp] as number) & LOWERISH) !== 0) end = i;
  }
  return end;
}

/** o200k_base's second alternative from s: `[A]+[B]*`, the end or -1. */
function upperRun(text: string, s: number, classes: Uint8Array): number {
  if (s >= text.length || ((classes[codePointAt(text, s)] as number) & UPPERISH) === 0) return -1;
  const a = runEnd(text, s, classes, UPPERISH);
  return runEnd(text, a, classes, LOWERISH);
}

/** Whitespace alternatives shared by both patterns, from p (a whitespace character) to the run's end w. */
function lastNewlineEnd(text: string, p: number, w: number): number {
  // Windows of the run, from its end, growing: each is searched first (V8 searches a string as memory), and only the
  // one holding the last line break is read a character at a time. A 10 MB run of spaces is not walked.
  for (let hi = w, size = 256; hi > p; hi -= size, size *= 2) {
    const lo = Math.max(p, hi - size);
    if (hi - lo > 64) {
      const window = text.slice(lo, hi);
      if (window.indexOf('\n') === -1 && window.indexOf('\r') === -1) continue;
    }
    for (let k = hi - 1; k >= lo; k--) {
      const c = text.charCodeAt(k);
      if (c === CR || c === LF) return k + 1;
    }
  }
  return -1;
}

/**
 * o200k_base:
 * `[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`
 * `|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`
 * `|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`, tried in order with backtracking.
 */
export const o200kPieceEnd: PieceScanner = (text, p, classes) => {
  const n = text.length;
  const c0 = codePointAt(text, p);
  const b0 = classes[c0] as number;
  const w0 = width(c0);
  const prefix = isPrefix(c0, b0);
  if (prefix || (b0 & (UPPERISH | LOWERISH)) !== 0) {
    let end = prefix ? upperThenLower(text, p + w0, classes) : -1;
    if (end < 0) end = upperThenLower(text, p, classes);
    if (end < 0 && prefix) end = upperRun(text, p + w0, classes);
    if (end < 0) end = upperRun(text, p, classes);
    if (end >= 0) return contractionEnd(text, end);
  }
  if ((b0 & NUMBER) !== 0) {
    let end = p + w0;
    for (let k = 1; k < 3 && end < n; k++) {
      const cp = codePointAt(text, end);
      if (((classes[cp] as number) & NUMBER) === 0) break;
      end += width(cp);
    }
    return end;
  }
  const punctuationStart = c0 === SPACE && p + 1 < n ? p + 1 : p;
  const cp = codePointAt(text, punctuationStart);
  if (((classes[cp] as number) & (WS | LETTER | NUMBER)) === 0) {
    let end = runEndExcluding(text, punctuationStart, classes);
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c !== CR && c !== LF && c !== 0x2f) break;
      end++;
    }
    return end;
  }
  // c0 is whitespace.
  const w = runEnd(text, p, classes, WS);
  const newline = lastNewlineEnd(text, p, w);
  if (newline >= 0) return newline;
  if (w === n || w - p >= 2) return w === n ? w : w - 1;
  return w;
};

/** End of the run of `[^\s\p{L}\p{N}]` from i. */
function runEndExcluding(text: string, i: number, classes: Uint8Array): number {
  const n = text.length;
  let same = 0;
  while (i < n) {
    const cp = codePointAt(text, i);
    if (((classes[cp] as number) & (WS | LETTER | NUMBER)) !== 0) break;
    // A long stretch of one character (a rule of dashes) is skipped as in `runEnd`.
    if (cp === text.charCodeAt(i - 1) && cp < 0xd800) {
      if (++same >= REPEAT_SKIP) {
        i = repeatEnd(text, i + 1, n, 1);
        same = 0;
        continue;
      }
    } else same = 0;
    i += width(cp);
  }
  return i;
}

/**
 * cl100k_base: `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+`
 * `|\s++$|\s*[\r\n]|\s+(?!\S)|\s`, tried in order; the possessive parts never give characters back.
 */
export const cl100kPieceEnd: PieceScanner = (text, p, classes) => {
  const n = text.length;
  if (text.charCodeAt(p) === APOSTROPHE) {
    const end = contractionEnd(text, p);
    if (end > p) return end;
  }
  const c0 = codePointAt(text, p);
  const b0 = classes[c0] as number;
  const w0 = width(c0);
  if ((b0 & LETTER) !== 0) return runEnd(text, p, classes, LETTER);
  if (isPrefix(c0, b0) && p + w0 < n && ((classes[codePointAt(text, p + w0)] as number) & LETTER) !== 0) {
    return runEnd(text, p + w0, classes, LETTER);
  }
  if ((b0 & NUMBER) !== 0) {
    let end = p + w0;
    for (let k = 1; k < 3 && end < n; k++) {
      const cp = codePointAt(text, end);
      if (((classes[cp] as number) & NUMBER) === 0) break;
      end += width(cp);
    }
    return end;
  }
  const punctuationStart = c0 === SPACE && p + 1 < n ? p + 1 : p;
  const cp = codePointAt(text, punctuationStart);
  if (((classes[cp] as number) & (WS | LETTER | NUMBER)) === 0) {
    let end = runEndExcluding(text, punctuationStart, classes);
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c !== CR && c !== LF) break;
      end++;
    }
    return end;
  }
  const w = runEnd(text, p, classes, WS);
  if (w === n) return w;
  const newline = lastNewlineEnd(text, p, w);
  if (newline >= 0) return newline;
  if (w - p >= 2) return w - 1;
  return p + 1;
};
