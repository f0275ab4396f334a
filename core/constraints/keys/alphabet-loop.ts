// `alphabetLoop`: each word starts with the letter after the previous word's first letter, `z` followed by
// `a` (IFBench `words:alphabet`). ASCII punctuation is removed first; the first word must start with an
// ASCII letter.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { ASCII_PUNCTUATION, pySplit, stripAsciiPunctuation } from './python-text';
import { pyStripChars } from '../ifeval/python';

/** The 0-based index of the first word out of sequence, -1 when none is, or 0 when the first word cannot start one. */
export function alphabetBreak(text: string): number {
  const words = pySplit(pyStripChars(stripAsciiPunctuation(text), `${ASCII_PUNCTUATION} `));
  if (words.length === 0) return 0;
  let letter = words[0]![0]!.toLowerCase();
  if (!/^[a-z]$/.test(letter)) return 0;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!.toLowerCase();
    letter = String.fromCharCode(((letter.charCodeAt(0) - 97 + 1) % 26) + 97);
    if (word[0] !== letter) return i;
  }
  return -1;
}

export const alphabetLoop: ConstraintModule<true> = {
  key: 'alphabetLoop',
  parse: (value) => parseFlag('alphabetLoop', value),
  check(_on, completion) {
    const at = alphabetBreak(completion);
    return {
      key: 'alphabetLoop',
      pass: at < 0,
      measured: at < 0 ? 'in sequence' : `word ${at + 1} out of sequence`,
      required: 'words start with consecutive letters',
      message:
        at < 0
          ? 'each word starts with the next letter'
          : `word ${at + 1} does not start with the letter after the previous word's`,
      ranges: [],
    };
  },
};
