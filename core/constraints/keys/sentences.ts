// `sentences`: the number of sentences by Unicode sentence segmentation.
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { sentences as measureSentences } from '../measure/sentences';

export const sentences: ConstraintModule<CountRange> = {
  key: 'sentences',
  parse: (value) => countFor('sentences', value),
  check: (range, completion) =>
    countResult('sentences', range, {
      spans: measureSentences(completion),
      singular: 'sentence',
      plural: 'sentences',
      overflow: 'tail',
    }),
};
