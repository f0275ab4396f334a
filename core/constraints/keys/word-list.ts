// What `include` and `exclude` share: a list of words or `{words, wholeWord, caseSensitive}`.
import type { ConstraintValueError } from '../types';
import { isRecord, unknownProperty, valueError } from '../module';
import type { MatchOptions } from '../measure/occurrences';

export interface WordList extends MatchOptions {
  words: string[];
}

/** `wholeWord` defaults differ per key: substring for include, whole word for exclude. */
export function parseWordList(key: string, value: unknown, wholeWordDefault: boolean): WordList | ConstraintValueError {
  if (Array.isArray(value)) return listOf(key, value, { wholeWord: wholeWordDefault, caseSensitive: false });
  if (!isRecord(value)) return valueError(key, `${key}: expected a list of words or {words, wholeWord, caseSensitive}`);
  const extra = unknownProperty(value, ['words', 'wholeWord', 'caseSensitive']);
  if (extra) return valueError(key, `${key}: unknown property "${extra}" (expected words, wholeWord, caseSensitive)`);
  const { words, wholeWord = wholeWordDefault, caseSensitive = false } = value;
  if (typeof wholeWord !== 'boolean') return valueError(key, `${key}: wholeWord must be true or false`);
  if (typeof caseSensitive !== 'boolean') return valueError(key, `${key}: caseSensitive must be true or false`);
  if (!Array.isArray(words)) return valueError(key, `${key}: words must be a list`);
  return listOf(key, words, { wholeWord, caseSensitive });
}

function listOf(key: string, items: unknown[], options: MatchOptions): WordList | ConstraintValueError {
  if (items.length === 0) return valueError(key, `${key}: the list is empty`);
  const bad = items.find((w) => typeof w !== 'string' || w.trim() === '');
  if (bad !== undefined) return valueError(key, `${key}: every item must be non-empty text, not ${JSON.stringify(bad)}`);
  return { words: items.map((w) => String(w).trim()), ...options };
}

/** 'refund', 'policy' */
export function quoteList(words: string[]): string {
  return words.map((w) => `'${w}'`).join(', ');
}
