// `nthWords`: every nth word contains a match of a regex (IFBench `count:words_japanese`: every Nth word in
// Japanese). Words are the whitespace-separated pieces with ASCII punctuation stripped from their ends;
// pieces left empty and numbers (Python `isdigit()`) are exempt, as in IFBench's checker.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import type { Span } from '../../diagnostic';
import { isBudgetExceeded, newBudget, type BoundedRegex } from '../../regex/bounded';
import { boundedPattern } from './pattern';
import { ASCII_PUNCTUATION, pyIsDigit } from './python-text';
import { pyStripChars, PY_SPACE } from '../ifeval/python';

interface NthWords {
  every: number;
  pattern: string;
  re: BoundedRegex;
}

const STRIP = `${ASCII_PUNCTUATION} `;
const PIECE = new RegExp(`(?:(?!${PY_SPACE})[^])+`, 'gu');

export const nthWords: ConstraintModule<NthWords> = {
  key: 'nthWords',
  parse(value) {
    if (!isRecord(value)) return valueError('nthWords', 'nthWords: expected {every, pattern}');
    const extra = unknownProperty(value, ['every', 'pattern']);
    if (extra) return valueError('nthWords', `nthWords: unknown property "${extra}" (expected every, pattern)`);
    const { every, pattern } = value;
    if (typeof every !== 'number' || !Number.isInteger(every) || every < 1)
      return valueError('nthWords', 'nthWords: every must be a positive whole number');
    if (typeof pattern !== 'string' || pattern === '')
      return valueError('nthWords', 'nthWords: pattern must be a non-empty regex');
    const compiled = boundedPattern(pattern, '');
    if (!compiled.ok) return valueError('nthWords', `nthWords: ${compiled.message}`);
    return { every, pattern, re: compiled.re };
  },
  check({ every, pattern, re }, completion) {
    const bad: Span[] = [];
    const budget = newBudget();
    let i = 0;
    let checked = 0;
    try {
      for (const m of completion.matchAll(PIECE)) {
        i++;
        if (i % every !== 0) continue;
        const word = pyStripChars(m[0], STRIP);
        if (!word || pyIsDigit(word)) continue;
        checked++;
        if (!re.find(word, budget)) bad.push({ offset: m.index, length: m[0].length });
      }
    } catch (error) {
      if (!isBudgetExceeded(error)) throw error;
      return {
        key: 'nthWords',
        pass: false,
        measured: 'not checked',
        required: `every word ${every} matches /${pattern}/`,
        message: `nthWords could not be checked: the regex /${pattern}/ gave up (simplify it)`,
        ranges: [],
      };
    }
    const required = `every ${ordinal(every)} word matches /${pattern}/`;
    return {
      key: 'nthWords',
      pass: bad.length === 0,
      measured: bad.length === 0 ? `${checked} of ${checked} match` : `${checked - bad.length} of ${checked} match`,
      required,
      message: bad.length === 0 ? required : `${bad.length} of the ${checked} words checked do not match; ${required} required`,
      ranges: bad,
    };
  },
};

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
