// `include`: every listed word or phrase occurs (substring, case-insensitive by default).
import type { ConstraintModule } from '../module';
import { occurrences } from '../measure/occurrences';
import { parseWordList, quoteList, type WordList } from './word-list';

export const include: ConstraintModule<WordList> = {
  key: 'include',
  parse: (value) => parseWordList('include', value, false),
  check(list, completion) {
    const missing = list.words.filter((w) => occurrences(completion, w, list).length === 0);
    return {
      key: 'include',
      pass: missing.length === 0,
      measured: missing.length === 0 ? 'all present' : `missing ${quoteList(missing)}`,
      required: `includes ${quoteList(list.words)}`,
      message:
        missing.length === 0
          ? `includes ${quoteList(list.words)}`
          : `missing ${quoteList(missing)}; all of ${quoteList(list.words)} required`,
      ranges: [],
      data: { missing },
    };
  },
};
