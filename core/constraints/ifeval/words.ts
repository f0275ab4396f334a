// IFEval's word count: nltk `RegexpTokenizer(r"\w+")`, i.e. every run of Python word characters.
import type { Span } from '../../diagnostic';
import { PY_WORD, matchSpans } from './python';

const WORD_RUN = new RegExp(`${PY_WORD}+`, 'gu');

/** Each `\w+` run: `don't` is two words (`don`, `t`), `3.5` is two, `吾輩は猫である` is one. */
export function ifevalWords(text: string): Span[] {
  return matchSpans(text, WORD_RUN);
}
