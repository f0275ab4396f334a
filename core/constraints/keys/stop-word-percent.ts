// `stopWordPercent`: the share of stop words among the words, in percent (IFBench `ratio:stop_words`, at
// most N%): `{max: 30}`, `{min: 10, max: 40}`. Words are runs of letters, digits and `_`; stop words are
// English function words (core/constraints/nlp/stopwords.ts). A completion without words fails.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { isStopWord } from '../nlp';

export interface PercentRange {
  min?: number;
  max?: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

export function stopWordShare(text: string): { words: number; stop: number } {
  const words = text.match(WORD) ?? [];
  return { words: words.length, stop: words.filter(isStopWord).length };
}

export const stopWordPercent: ConstraintModule<PercentRange> = {
  key: 'stopWordPercent',
  parse(value) {
    if (!isRecord(value))
      return valueError('stopWordPercent', 'stopWordPercent: expected {max: N} or {min: N, max: N} (percent)');
    const extra = unknownProperty(value, ['min', 'max']);
    if (extra) return valueError('stopWordPercent', `stopWordPercent: unknown property "${extra}" (expected min, max)`);
    const out: PercentRange = {};
    for (const k of ['min', 'max'] as const) {
      const v = value[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100)
        return valueError('stopWordPercent', `stopWordPercent: ${k} must be a percentage from 0 to 100`);
      out[k] = v;
    }
    if (out.min === undefined && out.max === undefined)
      return valueError('stopWordPercent', 'stopWordPercent: give min, max or both');
    if (out.min !== undefined && out.max !== undefined && out.min > out.max)
      return valueError('stopWordPercent', 'stopWordPercent: min is greater than max');
    return out;
  },
  check(range, completion) {
    const { words, stop } = stopWordShare(completion);
    const percent = words === 0 ? NaN : (stop / words) * 100;
    const pass =
      words > 0 && (range.min === undefined || percent >= range.min) && (range.max === undefined || percent <= range.max);
    const required =
      range.min === undefined
        ? `at most ${range.max}%`
        : range.max === undefined
          ? `at least ${range.min}%`
          : `between ${range.min}% and ${range.max}%`;
    const shown = words === 0 ? 'no words' : `${Math.round(percent * 10) / 10}% stop words (${stop} of ${words})`;
    return {
      key: 'stopWordPercent',
      pass,
      measured: words === 0 ? 'no words' : Math.round(percent * 10) / 10,
      required,
      message: `${shown}; ${required} ${range.min === undefined ? 'allowed' : 'required'}`,
      ranges: [],
    };
  },
};
