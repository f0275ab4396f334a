// `characters`: user-perceived characters (grapheme clusters) of the trimmed completion.
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import { countFor, countResult, trimmed } from '../module';
import type { CountRange } from '../count';
import { segments } from '../measure/segmenters';

export const characters: ConstraintModule<CountRange> = {
  key: 'characters',
  parse: (value) => countFor('characters', value),
  check: (range, completion) =>
    countResult('characters', range, {
      spans: graphemeSpans(completion),
      singular: 'character',
      plural: 'characters',
      overflow: 'tail',
    }),
};

/** Each grapheme of the completion without its surrounding whitespace (a trailing newline is not content). */
function graphemeSpans(completion: string): Span[] {
  const { text, offset } = trimmed(completion);
  return [...segments('grapheme', text)].map((g) => ({ offset: offset + g.index, length: g.segment.length }));
}
