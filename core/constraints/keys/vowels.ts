// `vowels`: how many different vowels (a, e, i, o, u, case ignored) the completion uses (IFBench
// `words:vowel`, with `lines: 1`).
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import type { CountRange } from '../count';
import { measuredCount } from './measured-count';

export function distinctVowels(text: string): number {
  return new Set(text.toLowerCase().match(/[aeiou]/g) ?? []).size;
}

export const vowels: ConstraintModule<CountRange> = {
  key: 'vowels',
  parse: (value) => countFor('vowels', value),
  check: (range, completion) => measuredCount('vowels', range, distinctVowels(completion), 'distinct vowel', 'distinct vowels'),
};
