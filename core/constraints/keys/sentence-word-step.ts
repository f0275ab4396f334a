// `sentenceWordStep`: each sentence has exactly that many more words than the one before (IFBench
// `sentence:increment`). Sentences are core/constraints/nlp/sentences.ts's; words are the
// whitespace-separated pieces once ASCII punctuation is removed, as IFBench counts them.
import type { ConstraintModule } from '../module';
import { valueError } from '../module';
import { punktSentences } from '../nlp';
import { pySplit, stripAsciiPunctuation } from './python-text';

export function sentenceWordCounts(text: string): { counts: number[]; spans: { offset: number; length: number }[] } {
  const sentences = punktSentences(text);
  return {
    counts: sentences.map((s) => pySplit(stripAsciiPunctuation(s.text)).length),
    spans: sentences.map((s) => ({ offset: s.offset, length: s.length })),
  };
}

export const sentenceWordStep: ConstraintModule<number> = {
  key: 'sentenceWordStep',
  parse(value) {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    return valueError('sentenceWordStep', 'sentenceWordStep: expected a whole number of words (e.g. 2)');
  },
  check(step, completion) {
    const { counts, spans } = sentenceWordCounts(completion);
    const at = counts.findIndex((n, i) => i > 0 && n !== counts[i - 1]! + step);
    const pass = at < 0;
    return {
      key: 'sentenceWordStep',
      pass,
      measured: counts.join(', '),
      required: `each sentence ${step} words longer than the one before`,
      message: pass
        ? `sentence word counts ${counts.join(', ')} grow by ${step}`
        : `sentence ${at + 1} has ${counts[at]} words; ${counts[at - 1]! + step} required (${counts[at - 1]} + ${step})`,
      ranges: pass ? [] : [spans[at]!],
    };
  },
};
