// `startsWith`: the trimmed completion begins with the text (case-insensitive by default).
import type { ConstraintModule } from '../module';
import { compareAffix, parseAffix, type Affix } from './affix';

export const startsWith: ConstraintModule<Affix> = {
  key: 'startsWith',
  parse: (value) => parseAffix('startsWith', value),
  check(affix, completion) {
    const { pass, range } = compareAffix(completion, affix, 'start');
    const quoted = JSON.stringify(affix.text);
    return {
      key: 'startsWith',
      pass,
      measured: pass ? 'starts with it' : JSON.stringify(completion.slice(range.offset, range.offset + range.length)),
      required: `starts with ${quoted}`,
      message: pass ? `starts with ${quoted}` : `does not start with ${quoted}`,
      ranges: pass ? [] : [range],
    };
  },
};
