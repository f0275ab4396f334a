// `sections`: Markdown headings, or sections introduced by a marker line such as `SECTION 1`.
import type { ConstraintModule } from '../module';
import { countFor, countResult, isRecord, isValueError, unknownProperty, valueError } from '../module';
import type { CountRange } from '../count';
import { sections as measureSections } from '../measure/markdown';

export interface SectionsConstraint {
  range: CountRange;
  marker?: string;
}

export const sections: ConstraintModule<SectionsConstraint> = {
  key: 'sections',
  parse(value) {
    if (!isRecord(value) || !('count' in value)) {
      const range = countFor('sections', value);
      return isValueError(range) ? range : { range };
    }
    const extra = unknownProperty(value, ['count', 'marker']);
    if (extra) return valueError('sections', `sections: unknown property "${extra}" (expected count, marker)`);
    const range = countFor('sections', value.count);
    if (isValueError(range)) return range;
    const { marker } = value;
    if (marker === undefined) return { range };
    if (typeof marker !== 'string' || marker.trim() === '') {
      return valueError('sections', 'sections: marker must be non-empty text, e.g. "SECTION"');
    }
    return { range, marker: marker.trim() };
  },
  check: ({ range, marker }, completion) =>
    countResult('sections', range, {
      spans: measureSections(completion, marker),
      singular: 'section',
      plural: 'sections',
      overflow: 'each',
    }),
};
