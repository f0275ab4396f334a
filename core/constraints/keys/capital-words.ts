// `capitalWords`: the number of words in ALL CAPS (two or more cased letters, none lower-case).
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { words } from '../measure/words';

const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}|\p{Lt}/gu;

/** "NASA" and "FAQ2" are capital words; "I", "A" and "NASA's" are not ("I" and "A" are capitals by default, not emphasis). */
export function isCapitalWord(word: string): boolean {
  return !LOWER.test(word) && (word.match(UPPER)?.length ?? 0) >= 2;
}

export const capitalWords: ConstraintModule<CountRange> = {
  key: 'capitalWords',
  parse: (value) => countFor('capitalWords', value),
  check: (range, completion) =>
    countResult('capitalWords', range, {
      spans: words(completion).filter((w) => isCapitalWord(w.text)),
      singular: 'capital word',
      plural: 'capital words',
      overflow: 'each',
    }),
};
