// `overlap`: the share of the completion's distinct character n-grams (trigrams by default) that also occur
// in a reference text, in percent (IFBench `ratio:overlap`: `{exactly: p, tolerance: 2}`). Characters are
// code points, as in Python; a completion shorter than n characters has no n-grams and fails.
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { inRange, type CountRange } from '../count';

interface Overlap {
  text: string;
  percent: CountRange;
  n: number;
}

/** The distinct n-grams of `text` (code points joined; n code points make one unambiguous key). */
export function charNgrams(text: string, n: number): Set<string> {
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/** `len(ngrams & ref_ngrams) / len(ngrams) * 100`, or undefined when the completion has no n-grams. */
export function overlapPercent(completion: string, reference: string, n: number): number | undefined {
  const own = charNgrams(completion, n);
  if (own.size === 0) return undefined;
  const ref = charNgrams(reference, n);
  let shared = 0;
  for (const g of own) if (ref.has(g)) shared++;
  return (shared / own.size) * 100;
}

export const overlap: ConstraintModule<Overlap> = {
  key: 'overlap',
  parse(value) {
    if (!isRecord(value)) return valueError('overlap', 'overlap: expected {text, percent, n}');
    const extra = unknownProperty(value, ['text', 'percent', 'n']);
    if (extra) return valueError('overlap', `overlap: unknown property "${extra}" (expected text, percent, n)`);
    const { text, n = 3 } = value;
    if (typeof text !== 'string' || text === '') return valueError('overlap', 'overlap: text must be non-empty text');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 20)
      return valueError('overlap', 'overlap: n must be a whole number from 1 to 20');
    if (value.percent === undefined) return valueError('overlap', 'overlap: percent is required');
    const percent = countFor('overlap', value.percent);
    if (isValueError(percent)) return percent;
    return { text, percent, n };
  },
  check({ text, percent, n }, completion) {
    const share = overlapPercent(completion, text, n);
    const required = `${percent.label} percent of its ${n}-grams shared with the reference text`;
    if (share === undefined) {
      return {
        key: 'overlap',
        pass: false,
        measured: 'no n-grams',
        required,
        message: `fewer than ${n} characters, so no ${n}-grams to compare; ${required}`,
        ranges: [],
      };
    }
    const pass = inRange(share, percent);
    const shown = Math.round(share * 10) / 10;
    return {
      key: 'overlap',
      pass,
      measured: shown,
      required,
      message: `${shown}% of its ${n}-grams occur in the reference text; ${percent.label} required`,
      ranges: [],
      data: { percent: share },
    };
  },
};
