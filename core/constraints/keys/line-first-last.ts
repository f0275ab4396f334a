// `lineFirstIsLast`: every non-blank line ends with the word it starts with (IFBench
// `words:paragraph_last_first`). Lines are lower-cased and trimmed, ASCII punctuation is stripped from
// their ends, and words are the whitespace-separated pieces.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { ASCII_PUNCTUATION, pySplit } from './python-text';
import { pyStrip, pyStripChars } from '../ifeval/python';

/** The 0-based index of the first line whose first and last words differ, or -1. */
export function firstMismatchedLine(text: string): number {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = pyStrip(lines[i]!).toLowerCase();
    if (!line) continue;
    const words = pySplit(pyStripChars(line, `${ASCII_PUNCTUATION} `));
    if (words.length > 0 && words[0] !== words[words.length - 1]) return i;
  }
  return -1;
}

export const lineFirstIsLast: ConstraintModule<true> = {
  key: 'lineFirstIsLast',
  parse: (value) => parseFlag('lineFirstIsLast', value),
  check(_on, completion) {
    const at = firstMismatchedLine(completion);
    let offset = 0;
    const lines = completion.split('\n');
    for (let i = 0; i < at; i++) offset += lines[i]!.length + 1;
    return {
      key: 'lineFirstIsLast',
      pass: at < 0,
      measured: at < 0 ? 'every line' : `line ${at + 1} differs`,
      required: 'each line ends with its first word',
      message: at < 0 ? 'each line ends with its first word' : `line ${at + 1} does not end with the word it starts with`,
      ranges: at < 0 ? [] : [{ offset, length: lines[at]!.length }],
    };
  },
};
