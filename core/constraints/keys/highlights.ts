// `highlights`: the number of `*highlighted*` (or `**highlighted**`) spans.
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { highlights as measureHighlights } from '../measure/markdown';

export const highlights: ConstraintModule<CountRange> = {
  key: 'highlights',
  parse: (value) => countFor('highlights', value),
  check: (range, completion) =>
    countResult('highlights', range, {
      spans: measureHighlights(completion),
      singular: 'highlight',
      plural: 'highlights',
      overflow: 'each',
    }),
};
