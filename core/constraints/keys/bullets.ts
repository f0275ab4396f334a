// `bullets`: the number of Markdown list items, or with `markers`, of lines starting with one of them
// (`{count: 3, markers: ["•", "・"]}`), for lists that are not Markdown.
import type { ConstraintModule } from '../module';
import { countFor, countResult, isRecord, isValueError, unknownProperty, valueError } from '../module';
import type { CountRange } from '../count';
import { bullets as measureBullets, markedItems } from '../measure/markdown';

interface Bullets {
  count: CountRange;
  markers?: string[];
}

export const bullets: ConstraintModule<Bullets> = {
  key: 'bullets',
  parse(value) {
    if (!isRecord(value) || !('count' in value || 'markers' in value)) {
      const count = countFor('bullets', value);
      return isValueError(count) ? count : { count };
    }
    const extra = unknownProperty(value, ['count', 'markers']);
    if (extra) return valueError('bullets', `bullets: unknown property "${extra}" (expected count, markers)`);
    const count = countFor('bullets', value.count);
    if (isValueError(count)) return count;
    if (value.markers === undefined) return { count };
    const { markers } = value;
    if (!Array.isArray(markers) || markers.length === 0 || !markers.every((m) => typeof m === 'string' && m.trim() !== '')) {
      return valueError('bullets', 'bullets: markers must be a non-empty list of texts, e.g. ["•", "・"]');
    }
    return { count, markers: markers as string[] };
  },
  check: ({ count, markers }, completion) =>
    countResult('bullets', count, {
      spans: markers ? markedItems(completion, markers) : measureBullets(completion),
      singular: 'bullet',
      plural: 'bullets',
      overflow: 'each',
    }),
};
