// `words`: the number of words by Unicode word segmentation (CJK-aware).
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { words as measureWords } from '../measure/words';

export const words: ConstraintModule<CountRange> = {
  key: 'words',
  parse: (value) => countFor('words', value),
  check: (range, completion) =>
    countResult('words', range, { spans: measureWords(completion), singular: 'word', plural: 'words', overflow: 'tail' }),
};
