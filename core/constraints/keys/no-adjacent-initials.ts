// `noAdjacentInitials`: no two consecutive words start with the same letter (IFBench `words:no_consecutive`).
// Words are the whitespace-separated pieces, lower-cased, with ASCII punctuation removed.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { pySplit, stripAsciiPunctuation } from './python-text';

/** The pair of consecutive words that share their first character, if any. */
export function sameInitials(text: string): [string, string] | undefined {
  const words = pySplit(stripAsciiPunctuation(text.toLowerCase()));
  for (let i = 0; i + 1 < words.length; i++) {
    if ([...words[i]!][0] === [...words[i + 1]!][0]) return [words[i]!, words[i + 1]!];
  }
  return undefined;
}

export const noAdjacentInitials: ConstraintModule<true> = {
  key: 'noAdjacentInitials',
  parse: (value) => parseFlag('noAdjacentInitials', value),
  check(_on, completion) {
    const pair = sameInitials(completion);
    return {
      key: 'noAdjacentInitials',
      pass: pair === undefined,
      measured: pair ? `"${pair[0]} ${pair[1]}"` : 'none',
      required: 'consecutive words start with different letters',
      message: pair
        ? `"${pair[0]}" and "${pair[1]}" start with the same letter`
        : 'consecutive words start with different letters',
      ranges: [],
    };
  },
};
