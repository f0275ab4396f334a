// `palindromes`: the number of words that read the same backwards (IFBench `words:palindrome`). Words are
// the whitespace-separated pieces once ASCII punctuation is removed, compared lower-cased; every occurrence
// counts. `minLength` (default 3) is the shortest word that counts.
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { countMessage, inRange, type CountRange } from '../count';
import { pySplit, stripAsciiPunctuation } from './python-text';

interface Palindromes {
  count: CountRange;
  minLength: number;
}

export function palindromeWords(text: string, minLength: number): string[] {
  return pySplit(stripAsciiPunctuation(text).toLowerCase()).filter((w) => {
    const chars = [...w];
    return chars.length >= minLength && chars.join('') === [...chars].reverse().join('');
  });
}

export const palindromes: ConstraintModule<Palindromes> = {
  key: 'palindromes',
  parse(value) {
    if (!isRecord(value)) {
      const count = countFor('palindromes', value);
      return isValueError(count) ? count : { count, minLength: 3 };
    }
    const extra = unknownProperty(value, ['count', 'minLength']);
    if (extra) return valueError('palindromes', `palindromes: unknown property "${extra}" (expected count, minLength)`);
    const count = countFor('palindromes', value.count);
    if (isValueError(count)) return count;
    const minLength = value.minLength ?? 3;
    if (typeof minLength !== 'number' || !Number.isInteger(minLength) || minLength < 1) {
      return valueError('palindromes', 'palindromes: minLength must be a positive whole number');
    }
    return { count, minLength };
  },
  check({ count, minLength }, completion) {
    const n = palindromeWords(completion, minLength).length;
    return {
      key: 'palindromes',
      pass: inRange(n, count),
      measured: n,
      required: count.label,
      message: countMessage(n, 'palindrome', 'palindromes', count),
      ranges: [],
    };
  },
};
