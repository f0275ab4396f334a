// `noCommas`: the completion contains no comma (ASCII `,` or the full-width `，` of CJK text).
import type { ConstraintModule } from '../module';
import { parseFlag, plural } from '../module';

const COMMA = /[,，]/g;

export const noCommas: ConstraintModule<true> = {
  key: 'noCommas',
  parse: (value) => parseFlag('noCommas', value),
  check(_on, completion) {
    const ranges = [...completion.matchAll(COMMA)].map((m) => ({ offset: m.index, length: 1 }));
    return {
      key: 'noCommas',
      pass: ranges.length === 0,
      measured: ranges.length,
      required: 'no commas',
      message: `${plural(ranges.length, 'comma')}; none allowed`,
      ranges,
    };
  },
};
