// `exclude`: none of the listed words or phrases occurs (whole word, case-insensitive by default).
import type { ConstraintModule } from '../module';
import { plural } from '../module';
import { occurrences } from '../measure/occurrences';
import { parseWordList, quoteList, type WordList } from './word-list';

export const exclude: ConstraintModule<WordList> = {
  key: 'exclude',
  parse: (value) => parseWordList('exclude', value, true),
  check(list, completion) {
    const found = list.words
      .map((word) => ({ word, spans: occurrences(completion, word, list) }))
      .filter((f) => f.spans.length > 0);
    const described = found.map((f) => `'${f.word}' (${plural(f.spans.length, 'time')})`).join(', ');
    return {
      key: 'exclude',
      pass: found.length === 0,
      measured: found.length === 0 ? 'none present' : `contains ${described}`,
      required: `excludes ${quoteList(list.words)}`,
      message: found.length === 0 ? `contains none of ${quoteList(list.words)}` : `contains ${described}; excluded`,
      ranges: found.flatMap((f) => f.spans).sort((a, b) => a.offset - b.offset),
      data: { found: found.map((f) => ({ word: f.word, count: f.spans.length })) },
    };
  },
};
