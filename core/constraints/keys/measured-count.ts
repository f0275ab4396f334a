// A count key whose measure is a number computed from the text, with no range to point at.
import type { ConstraintResult } from '../types';
import { countMessage, inRange, type CountRange } from '../count';

export function measuredCount(key: string, range: CountRange, n: number, singular: string, plural: string): ConstraintResult {
  return {
    key,
    pass: inRange(n, range),
    measured: n,
    required: range.label,
    message: countMessage(n, singular, plural, range),
    ranges: [],
  };
}
