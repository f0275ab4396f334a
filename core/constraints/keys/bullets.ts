// `bullets`: the number of Markdown list items.
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { bullets as measureBullets } from '../measure/markdown';

export const bullets: ConstraintModule<CountRange> = {
  key: 'bullets',
  parse: (value) => countFor('bullets', value),
  check: (range, completion) =>
    countResult('bullets', range, { spans: measureBullets(completion), singular: 'bullet', plural: 'bullets', overflow: 'each' }),
};
