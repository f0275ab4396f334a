// `paragraphs`: paragraphs separated by blank lines, or by a separator line such as `***`.
import type { ConstraintModule } from '../module';
import { countFor, countResult, isRecord, isValueError, unknownProperty, valueError } from '../module';
import type { CountRange } from '../count';
import { paragraphs as measureParagraphs } from '../measure/paragraphs';

export interface ParagraphsConstraint {
  range: CountRange;
  separator?: string;
}

export const paragraphs: ConstraintModule<ParagraphsConstraint> = {
  key: 'paragraphs',
  parse(value) {
    if (!isRecord(value) || !('count' in value)) {
      const range = countFor('paragraphs', value);
      return isValueError(range) ? range : { range };
    }
    const extra = unknownProperty(value, ['count', 'separator']);
    if (extra) return valueError('paragraphs', `paragraphs: unknown property "${extra}" (expected count, separator)`);
    const range = countFor('paragraphs', value.count);
    if (isValueError(range)) return range;
    const { separator } = value;
    if (separator === undefined) return { range };
    if (typeof separator !== 'string' || separator === '') {
      return valueError('paragraphs', 'paragraphs: separator must be non-empty text, e.g. "***" or "\\n\\n"');
    }
    return { range, separator };
  },
  check: ({ range, separator }, completion) =>
    countResult('paragraphs', range, {
      spans: measureParagraphs(completion, separator),
      singular: 'paragraph',
      plural: 'paragraphs',
      overflow: 'each',
    }),
};
