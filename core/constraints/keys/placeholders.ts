// `placeholders`: the number of `[square bracket]` placeholders.
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { placeholders as measurePlaceholders } from '../measure/markdown';

export const placeholders: ConstraintModule<CountRange> = {
  key: 'placeholders',
  parse: (value) => countFor('placeholders', value),
  check: (range, completion) =>
    countResult('placeholders', range, {
      spans: measurePlaceholders(completion),
      singular: 'placeholder',
      plural: 'placeholders',
      overflow: 'each',
    }),
};
