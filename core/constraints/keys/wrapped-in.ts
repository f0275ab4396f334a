// `wrappedIn`: the trimmed completion starts and ends with the given text, e.g. a double quote, or starts
// with one text and ends with another (`{open: "«", close: "»"}`, `{open: "「", close: "」"}`).
import type { ConstraintModule } from '../module';
import { isRecord, trimmed, unknownProperty, valueError } from '../module';

export interface Wrap {
  open: string;
  close: string;
}

const EXPECTED = 'wrappedIn: expected the wrapping text, e.g. \'"\', or {open, close}, e.g. {open: "«", close: "»"}';

export const wrappedIn: ConstraintModule<Wrap> = {
  key: 'wrappedIn',
  parse(value) {
    if (typeof value === 'string' && value !== '') return { open: value, close: value };
    if (!isRecord(value)) return valueError('wrappedIn', EXPECTED);
    const extra = unknownProperty(value, ['open', 'close']);
    if (extra) return valueError('wrappedIn', `wrappedIn: unknown property "${extra}" (expected open, close)`);
    const { open, close } = value;
    if (typeof open !== 'string' || open === '' || typeof close !== 'string' || close === '')
      return valueError('wrappedIn', EXPECTED);
    return { open, close };
  },
  check({ open, close }, completion) {
    const { text, offset } = trimmed(completion);
    const opens = text.startsWith(open);
    const closes = text.length >= open.length + close.length && text.endsWith(close);
    const ranges = [];
    if (!opens && text.length > 0) ranges.push({ offset, length: Math.min(open.length, text.length) });
    if (!closes && text.length > 0)
      ranges.push({ offset: offset + Math.max(0, text.length - close.length), length: Math.min(close.length, text.length) });
    const missing = !opens && !closes ? 'does not start or end' : !opens ? 'does not start' : 'does not end';
    const wrap = open === close ? open : `${open} … ${close}`;
    const what =
      open === close
        ? `with ${open}`
        : !opens && !closes
          ? `with ${open} and ${close}`
          : !opens
            ? `with ${open}`
            : `with ${close}`;
    return {
      key: 'wrappedIn',
      pass: opens && closes,
      measured: opens && closes ? 'wrapped' : missing,
      required: `wrapped in ${wrap}`,
      message: opens && closes ? `wrapped in ${wrap}` : `${missing} ${what}; wrapped in ${wrap} required`,
      ranges,
    };
  },
};
