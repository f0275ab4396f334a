// `sentenceAcrostic`: the sentences' first letters spell the given letters, one sentence per letter (IFBench
// `custom:sentence_alphabet`, `abcdefghijklmnopqrstuvwxyz`). A sentence's first letter is the first
// character of its first whitespace-separated word, case ignored; quotes, brackets and Markdown emphasis
// before it are skipped, except under `compat: ifbench`, which takes the character as it is.
import type { ConstraintModule } from '../module';
import { valueError } from '../module';
import { punktSentences } from '../nlp';
import { pySplit } from './python-text';

export const sentenceAcrostic: ConstraintModule<string[]> = {
  key: 'sentenceAcrostic',
  parse(value) {
    if (typeof value !== 'string' || value.trim() === '')
      return valueError('sentenceAcrostic', 'sentenceAcrostic: expected the letters the sentences start with, e.g. "abc"');
    return [...value.replace(/\s+/gu, '').toLowerCase()];
  },
  check(letters, completion, ctx) {
    const sentences = punktSentences(completion);
    const initialOf = (text: string): string => {
      const first = pySplit(text)[0] ?? '';
      const word = ctx.compat === 'ifbench' ? first : first.replace(/^[\p{P}\p{S}]+/u, '');
      return word === '' ? '' : String.fromCodePoint(word.toLowerCase().codePointAt(0)!);
    };
    const spelled = sentences.map((s) => initialOf(s.text));
    const at = letters.findIndex((l, i) => spelled[i] !== l);
    const countOk = sentences.length === letters.length;
    const pass = countOk && at < 0;
    const required = `${letters.length} sentences starting ${letters.join('')}`;
    return {
      key: 'sentenceAcrostic',
      pass,
      measured: spelled.join(''),
      required,
      message: pass
        ? `the sentences start ${letters.join('')}`
        : at >= 0 && at < sentences.length
          ? `sentence ${at + 1} starts with "${spelled[at]}"; "${letters[at]}" required (${required})`
          : `${sentences.length} sentences; ${required} required`,
      ranges: at >= 0 && at < sentences.length ? [{ offset: sentences[at]!.offset, length: sentences[at]!.length }] : [],
    };
  },
};
