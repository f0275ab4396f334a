// `wrappedIn`: the trimmed completion starts and ends with the given text, e.g. a double quote.
import type { ConstraintModule } from '../module';
import { trimmed, valueError } from '../module';

export const wrappedIn: ConstraintModule<string> = {
  key: 'wrappedIn',
  parse: (value) =>
    typeof value === 'string' && value !== '' ? value : valueError('wrappedIn', 'wrappedIn: expected the wrapping text, e.g. \'"\''),
  check(wrap, completion) {
    const { text, offset } = trimmed(completion);
    const opens = text.startsWith(wrap);
    const closes = text.length >= 2 * wrap.length && text.endsWith(wrap);
    const ranges = [];
    if (!opens && text.length > 0) ranges.push({ offset, length: Math.min(wrap.length, text.length) });
    if (!closes && text.length > 0) ranges.push({ offset: offset + Math.max(0, text.length - wrap.length), length: Math.min(wrap.length, text.length) });
    const missing = !opens && !closes ? 'does not start or end' : !opens ? 'does not start' : 'does not end';
    return {
      key: 'wrappedIn',
      pass: opens && closes,
      measured: opens && closes ? 'wrapped' : missing,
      required: `wrapped in ${wrap}`,
      message: opens && closes ? `wrapped in ${wrap}` : `${missing} with ${wrap}; wrapped in ${wrap} required`,
      ranges,
    };
  },
};
