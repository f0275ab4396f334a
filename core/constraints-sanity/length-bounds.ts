// The fewest tokens a completion can spend on N words, sentences, … : the lower bounds measured in length-factors.json.
import type { EncodingName } from '../models/types';
import factors from './length-factors.json';

/** Count keys whose minimum implies a minimum number of output tokens. */
export const LENGTH_UNITS = ['tokens', 'words', 'sentences', 'paragraphs', 'lines', 'bullets', 'characters'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

/** Singular nouns for messages ("1.11 per word"). */
export const UNIT_NOUN: Record<LengthUnit, string> = {
  tokens: 'token',
  words: 'word',
  sentences: 'sentence',
  paragraphs: 'paragraph',
  lines: 'line',
  bullets: 'bullet',
  characters: 'character',
};

/** Tokens per unit that no plausible completion goes below (see docs/length-factors.md); exactly 1 for `tokens`. */
export function tokensPerUnit(unit: LengthUnit, encoding: EncodingName): number {
  return unit === 'tokens' ? 1 : factors.encodings[encoding][unit].lowerBound;
}

/** The lower bound for `n` units, rounded down so it never overstates the need. */
export function minimumTokens(unit: LengthUnit, n: number, encoding: EncodingName): number {
  return Math.floor(n * tokensPerUnit(unit, encoding) + 1e-9);
}
