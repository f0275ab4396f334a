// `postscript`: the completion has a postscript starting with a marker (`P.S.` by default).
import type { ConstraintModule } from '../module';
import { valueError } from '../module';
import { postscript as findPostscript } from '../measure/markdown';

export const postscript: ConstraintModule<string> = {
  key: 'postscript',
  parse(value) {
    if (value === false) return undefined;
    if (value === true) return 'P.S.';
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    return valueError('postscript', 'postscript: expected true or the marker that starts it, e.g. "P.S."');
  },
  check(marker, completion) {
    const found = findPostscript(completion, marker);
    return {
      key: 'postscript',
      pass: found !== undefined,
      measured: found ? 'postscript' : 'no postscript',
      required: `a postscript starting with "${marker}"`,
      message: found
        ? `has a postscript starting with "${marker}"`
        : `no postscript; a line starting with "${marker}" followed by text required`,
      ranges: [],
    };
  },
};
