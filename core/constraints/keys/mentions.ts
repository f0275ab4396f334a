// `mentions`: how many different items of a list occur as whole words, case-sensitive unless told
// otherwise (IFBench `count:person_names`, which counts names of its own list of 50).
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import type { CountRange } from '../count';
import { PY_BOUNDARY, escapeRegex } from '../ifeval/python';
import { measuredCount } from './measured-count';

interface Mentions {
  count: CountRange;
  words: string[];
  caseSensitive: boolean;
}

export const mentions: ConstraintModule<Mentions> = {
  key: 'mentions',
  parse(value) {
    if (!isRecord(value)) return valueError('mentions', 'mentions: expected {count, words, caseSensitive?}');
    const extra = unknownProperty(value, ['count', 'words', 'caseSensitive']);
    if (extra) return valueError('mentions', `mentions: unknown property "${extra}" (expected count, words, caseSensitive)`);
    const count = countFor('mentions', value.count);
    if (isValueError(count)) return count;
    if (
      !Array.isArray(value.words) ||
      value.words.length === 0 ||
      !value.words.every((w) => typeof w === 'string' && w.length > 0)
    ) {
      return valueError('mentions', 'mentions: words must be a non-empty list');
    }
    if (value.caseSensitive !== undefined && typeof value.caseSensitive !== 'boolean') {
      return valueError('mentions', 'mentions: caseSensitive must be true or false');
    }
    return { count, words: value.words as string[], caseSensitive: value.caseSensitive !== false };
  },
  check({ count, words, caseSensitive }, completion) {
    const found = new Set(
      words.filter((w) =>
        new RegExp(`${PY_BOUNDARY}${escapeRegex(w)}${PY_BOUNDARY}`, caseSensitive ? 'u' : 'iu').test(completion),
      ),
    );
    return { ...measuredCount('mentions', count, found.size, 'listed item', 'listed items'), data: { found: [...found] } };
  },
};
