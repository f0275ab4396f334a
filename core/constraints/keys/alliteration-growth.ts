// `alliterationGrowth`: each sentence has a longer run of alliteration than the one before (IFBench
// `sentence:alliteration_increment`). A sentence's alliteration counts the words in runs of consecutive
// words (lower-cased, whitespace-separated, ASCII punctuation stripped from their start) sharing their
// first character: `big brown bears` is 3. The first sentence needs at least 0.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { punktSentences } from '../nlp';
import { ASCII_PUNCTUATION, pySplit } from './python-text';

const LEAD = `${ASCII_PUNCTUATION} `;

export function alliterationScore(sentence: string): number {
  const initials: string[] = [];
  for (const w of pySplit(sentence.toLowerCase())) {
    let i = 0;
    while (i < w.length && LEAD.includes(w[i]!)) i++;
    if (i < w.length) initials.push(String.fromCodePoint(w.codePointAt(i)!));
  }
  let score = 0;
  let inRun = false;
  for (let i = 0; i + 1 < initials.length; i++) {
    if (initials[i] === initials[i + 1]) {
      score += inRun ? 1 : 2;
      inRun = true;
    } else inRun = false;
  }
  return score;
}

export const alliterationGrowth: ConstraintModule<true> = {
  key: 'alliterationGrowth',
  parse: (value) => parseFlag('alliterationGrowth', value),
  check(_on, completion) {
    const sentences = punktSentences(completion);
    const scores = sentences.map((s) => alliterationScore(s.text));
    const at = scores.findIndex((n, i) => n <= (i === 0 ? -1 : scores[i - 1]!));
    const pass = at < 0;
    return {
      key: 'alliterationGrowth',
      pass,
      measured: scores.join(', '),
      required: 'each sentence more alliterative words than the one before',
      message: pass
        ? `alliterative words per sentence grow: ${scores.join(', ')}`
        : `sentence ${at + 1} has ${scores[at]} alliterative words, not more than sentence ${at}'s ${scores[at - 1]}`,
      ranges: pass ? [] : [{ offset: sentences[at]!.offset, length: sentences[at]!.length }],
    };
  },
};
