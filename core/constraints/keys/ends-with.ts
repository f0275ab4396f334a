// `endsWith`: the trimmed completion ends with the text (case-insensitive by default).
import type { ConstraintModule } from '../module';
import { compareAffix, parseAffix, type Affix } from './affix';

export const endsWith: ConstraintModule<Affix> = {
  key: 'endsWith',
  parse: (value) => parseAffix('endsWith', value),
  check(affix, completion) {
    const { pass, range } = compareAffix(completion, affix, 'end');
    const quoted = JSON.stringify(affix.text);
    return {
      key: 'endsWith',
      pass,
      measured: pass ? 'ends with it' : JSON.stringify(completion.slice(range.offset, range.offset + range.length)),
      required: `ends with ${quoted}`,
      message: pass ? `ends with ${quoted}` : `does not end with ${quoted}`,
      ranges: pass ? [] : [range],
    };
  },
};
