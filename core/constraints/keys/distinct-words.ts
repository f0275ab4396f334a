// `distinctWords`: the number of different words (IFBench `count:unique_word_count`, and with `among`,
// `count:conjunctions`). Words are the whitespace-separated pieces, lower-cased, with ASCII punctuation
// stripped from both ends; `among` counts only words of that list. Under `compat: ifbench` with `among`,
// the pieces are told apart as written (IFBench's checker collects "And" and "and," as two), as it does.
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import type { CountRange } from '../count';
import { ASCII_PUNCTUATION, pySplit } from './python-text';
import { pyStripChars } from '../ifeval/python';
import { measuredCount } from './measured-count';

interface DistinctWords {
  count: CountRange;
  among?: Set<string>;
}

const STRIP = `${ASCII_PUNCTUATION} `;

export function distinctWordCount(text: string, among: Set<string> | undefined, asWritten: boolean): number {
  const seen = new Set<string>();
  for (const piece of pySplit(among && asWritten ? text : text.toLowerCase())) {
    const word = pyStripChars(piece.toLowerCase(), STRIP);
    if (among && !among.has(word)) continue;
    seen.add(among && asWritten ? piece : word);
  }
  return seen.size;
}

export const distinctWords: ConstraintModule<DistinctWords> = {
  key: 'distinctWords',
  parse(value) {
    if (!isRecord(value) || !('count' in value || 'among' in value)) {
      const count = countFor('distinctWords', value);
      return isValueError(count) ? count : { count };
    }
    const extra = unknownProperty(value, ['count', 'among']);
    if (extra) return valueError('distinctWords', `distinctWords: unknown property "${extra}" (expected count, among)`);
    const count = countFor('distinctWords', value.count);
    if (isValueError(count)) return count;
    if (value.among === undefined) return { count };
    if (!Array.isArray(value.among) || !value.among.every((w) => typeof w === 'string' && w.length > 0)) {
      return valueError('distinctWords', 'distinctWords: among must be a list of words');
    }
    return { count, among: new Set(value.among.map((w: string) => w.toLowerCase())) };
  },
  check({ count, among }, completion, ctx) {
    const n = distinctWordCount(completion, among, ctx.compat === 'ifbench');
    return measuredCount('distinctWords', count, n, 'distinct word', 'distinct words');
  },
};
