// `wordRepeats`: how often the most repeated word occurs (IFBench `words:repeats`, as `{max: N}`). Words are
// the whitespace-separated pieces, lower-cased, with ASCII punctuation removed.
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import type { CountRange } from '../count';
import { pySplit, stripAsciiPunctuation } from './python-text';
import { measuredCount } from './measured-count';

export function mostRepeated(text: string): { word: string; count: number } {
  const counts = new Map<string, number>();
  let best = { word: '', count: 0 };
  for (const word of pySplit(stripAsciiPunctuation(text.toLowerCase()))) {
    const n = (counts.get(word) ?? 0) + 1;
    counts.set(word, n);
    if (n > best.count) best = { word, count: n };
  }
  return best;
}

export const wordRepeats: ConstraintModule<CountRange> = {
  key: 'wordRepeats',
  parse: (value) => countFor('wordRepeats', value),
  check(range, completion) {
    const { word, count } = mostRepeated(completion);
    const result = measuredCount(
      'wordRepeats',
      range,
      count,
      'occurrence of the most repeated word',
      'occurrences of the most repeated word',
    );
    return word ? { ...result, message: `${result.message} ("${word}")` } : result;
  },
};
