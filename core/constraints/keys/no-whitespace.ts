// `noWhitespace`: the completion contains no whitespace character at all (IFBench `format:no_whitespace`).
import type { ConstraintModule } from '../module';
import { parseFlag, plural } from '../module';

const WHITESPACE = /[\s\u001c-\u001f\u0085]+/gu;

export const noWhitespace: ConstraintModule<true> = {
  key: 'noWhitespace',
  parse: (value) => parseFlag('noWhitespace', value),
  check(_on, completion) {
    const ranges = [...completion.matchAll(WHITESPACE)].map((m) => ({ offset: m.index, length: m[0].length }));
    return {
      key: 'noWhitespace',
      pass: ranges.length === 0,
      measured: ranges.length,
      required: 'no whitespace',
      message: `${plural(ranges.length, 'run')} of whitespace; none allowed`,
      ranges,
    };
  },
};
