// Which approximation factor a piece of text gets: latin, cjk or other (docs/tokenizers.md).
import type { ApproximationFactors } from '../models/types';

export type ScriptClass = keyof ApproximationFactors;

/** Han, kana, Hangul, Bopomofo, plus CJK and fullwidth punctuation, which only occurs in CJK text. */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Letters, marks and digits of any script outside latin/greek/cyrillic (Arabic, Devanagari, Thai, ...),
 * and emoji. Common/Inherited characters (punctuation, symbols, combining accents) stay latin.
 */
const OTHER =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|(?![\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Common}\p{sc=Inherited}])[\p{L}\p{M}\p{N}]/u;

/**
 * A piece is CJK if it contains any CJK character, else other if it contains any other-script character
 * or emoji, else latin. Pieces are almost always single-script; the fixed order keeps a piece's class
 * independent of the factor values, so cached tallies serve every model that shares an encoding.
 */
export function classifyPiece(piece: string, ascii: boolean): ScriptClass {
  if (ascii) return 'latin';
  if (CJK.test(piece)) return 'cjk';
  if (OTHER.test(piece)) return 'other';
  return 'latin';
}
