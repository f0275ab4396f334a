// Where a word or phrase occurs in a completion, as a substring or as a whole word, with or without case.
import type { Span } from '../../diagnostic';
import { escapeRegExp } from './markdown';

export interface MatchOptions {
  wholeWord: boolean;
  caseSensitive: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
/** Scripts written without spaces: a whole-word match cannot ask for a boundary beside these. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/**
 * Every non-overlapping occurrence of `phrase`. A whole-word match needs a non-word character (or the
 * text's edge) on each side, except beside a character of a script written without spaces (CJK, Thai).
 */
export function occurrences(text: string, phrase: string, options: MatchOptions): Span[] {
  const re = new RegExp(escapeRegExp(phrase), options.caseSensitive ? 'gu' : 'giu');
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const span = { offset: m.index, length: m[0].length };
    if (!options.wholeWord || atWordBoundaries(text, span)) out.push(span);
  }
  return out;
}

function atWordBoundaries(text: string, span: Span): boolean {
  const end = span.offset + span.length;
  return (
    boundary(text, span.offset, text.codePointAt(span.offset), 'before') &&
    boundary(text, end, codePointBefore(text, end), 'after')
  );
}

function boundary(text: string, at: number, inside: number | undefined, side: 'before' | 'after'): boolean {
  const outside = side === 'before' ? codePointBefore(text, at) : text.codePointAt(at);
  if (outside === undefined || inside === undefined) return true;
  const insideChar = String.fromCodePoint(inside);
  if (UNSPACED.test(insideChar)) return true;
  return !(WORD_CHAR.test(String.fromCodePoint(outside)) && WORD_CHAR.test(insideChar));
}

function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) return text.codePointAt(at - 2);
  return low;
}
