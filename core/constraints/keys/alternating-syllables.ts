// `alternatingSyllables`: consecutive words alternate between an odd and an even number of syllables
// (IFBench `words:odd_even_syllables`). Words are the whitespace-separated pieces once ASCII punctuation
// is removed; a word with a digit has 0 syllables (even). Syllables: core/constraints/nlp/syllables.ts.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { syllableCount } from '../nlp';
import { pySplit, stripAsciiPunctuation } from './python-text';

export const alternatingSyllables: ConstraintModule<true> = {
  key: 'alternatingSyllables',
  parse: (value) => parseFlag('alternatingSyllables', value),
  check(_on, completion) {
    const words = pySplit(stripAsciiPunctuation(completion).toLowerCase());
    const counts = words.map(syllableCount);
    const at = counts.findIndex((n, i) => i > 0 && n % 2 === counts[i - 1]! % 2);
    const pass = at < 0;
    return {
      key: 'alternatingSyllables',
      pass,
      measured: pass ? `${words.length} words` : `"${words[at - 1]}" (${counts[at - 1]}) then "${words[at]}" (${counts[at]})`,
      required: 'odd and even syllable counts alternate',
      message: pass
        ? 'odd and even syllable counts alternate'
        : `"${words[at - 1]}" (${counts[at - 1]} syllables) and "${words[at]}" (${counts[at]}) are both ${counts[at]! % 2 ? 'odd' : 'even'}`,
      ranges: [],
    };
  },
};
