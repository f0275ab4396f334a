// `case`: every cased letter is lower-case (`lower`) or upper-case (`upper`).
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import { plural, valueError } from '../module';

export type LetterCase = 'lower' | 'upper';

/** The letters that break each case, in runs so "Hello World" points at "H" and "W". */
const WRONG: Record<LetterCase, RegExp> = { lower: /[\p{Lu}\p{Lt}]+/gu, upper: /[\p{Ll}\p{Lt}]+/gu };
const NAME: Record<LetterCase, string> = { lower: 'upper-case letter', upper: 'lower-case letter' };

export const letterCase: ConstraintModule<LetterCase> = {
  key: 'case',
  parse: (value) => (value === 'lower' || value === 'upper' ? value : valueError('case', 'case: expected lower or upper')),
  check(want, completion) {
    const runs: Span[] = [...completion.matchAll(WRONG[want])].map((m) => ({ offset: m.index, length: m[0].length }));
    const n = runs.reduce((sum, r) => sum + [...completion.slice(r.offset, r.offset + r.length)].length, 0);
    return {
      key: 'case',
      pass: n === 0,
      measured: n,
      required: `all ${want}-case`,
      message: `${plural(n, NAME[want])}; all ${want}-case required`,
      ranges: runs,
    };
  },
};
