// `lines`: the number of non-empty lines.
import type { ConstraintModule } from '../module';
import { countFor, countResult } from '../module';
import type { CountRange } from '../count';
import { nonEmptyLines } from '../measure/lines';

export const lines: ConstraintModule<CountRange> = {
  key: 'lines',
  parse: (value) => countFor('lines', value),
  check: (range, completion) =>
    countResult('lines', range, { spans: nonEmptyLines(completion), singular: 'line', plural: 'lines', overflow: 'tail' }),
};
