// `titleCase`: every word starts with a capital (IFBench `format:title_case`). Word tokens
// (core/constraints/nlp/words.ts) that start with a letter are checked: a one-letter word must be a
// capital; a longer word fails when it starts lower-case and the rest is all lower- or all upper-case
// (`word`, `wORD`). Words such as `iPhone`, `NASA` or `McDonald` pass.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { wordTokenize } from '../nlp';
import { pyIsLower, pyIsUpper } from '../ifeval/python';

export function firstNonTitleWord(text: string): string | undefined {
  for (const word of wordTokenize(text)) {
    const first = String.fromCodePoint(word.codePointAt(0)!);
    if (!/\p{L}/u.test(first)) continue;
    const rest = word.slice(first.length);
    if (rest === '') {
      if (pyIsLower(first)) return word;
      continue;
    }
    if (pyIsUpper(first) && pyIsLower(rest)) continue;
    if (pyIsLower(first) && (pyIsUpper(rest) || pyIsLower(rest))) return word;
  }
  return undefined;
}

export const titleCase: ConstraintModule<true> = {
  key: 'titleCase',
  parse: (value) => parseFlag('titleCase', value),
  check(_on, completion) {
    const word = firstNonTitleWord(completion);
    const pass = word === undefined;
    const at =
      word === undefined
        ? -1
        : completion.search(new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}`, 'u'));
    return {
      key: 'titleCase',
      pass,
      measured: pass ? 'title case' : `"${word}"`,
      required: 'every word capitalised',
      message: pass ? 'every word is capitalised' : `"${word}" is not capitalised`,
      ranges: at >= 0 ? [{ offset: at, length: word!.length }] : [],
    };
  },
};
