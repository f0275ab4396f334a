// Words by Unicode word segmentation (UAX #29 plus ICU's CJK/Thai dictionaries): counts and where each word is.
import type { Span } from '../../diagnostic';
import { segments } from './segmenters';

export interface Word extends Span {
  text: string;
}

/** Every word-like segment (letters or digits; punctuation and spaces are not words). */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const s of segments('word', text)) {
    if (s.isWordLike) out.push({ offset: s.index, length: s.segment.length, text: s.segment });
  }
  return out;
}

/** The number of words in `text`. */
export function countWords(text: string): number {
  let n = 0;
  for (const s of segments('word', text)) if (s.isWordLike) n++;
  return n;
}
