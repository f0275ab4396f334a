// `numbers`: how many numbers the completion contains (IFBench `count:numbers`): runs of digits once ASCII
// punctuation is removed, so `3.14` and `1,000` are one number each.
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import type { CountRange } from '../count';
import { stripAsciiPunctuation } from './python-text';
import { measuredCount } from './measured-count';

export function numberCount(text: string): number {
  return stripAsciiPunctuation(text).match(/\p{Nd}+/gu)?.length ?? 0;
}

export const numbers: ConstraintModule<CountRange> = {
  key: 'numbers',
  parse: (value) => countFor('numbers', value),
  check: (range, completion) => measuredCount('numbers', range, numberCount(completion), 'number', 'numbers'),
};
