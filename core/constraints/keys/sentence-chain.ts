// `sentenceChain`: each sentence starts with the word the previous one ended with (IFBench
// `words:last_first`). Words are whitespace-separated, with ASCII punctuation and spaces stripped from the
// sentence's end (for the last word) and start (for the first), compared case-insensitively.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { punktSentences } from '../nlp';
import { ASCII_PUNCTUATION, pySplit } from './python-text';

const STRIP = `${ASCII_PUNCTUATION} `;

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && STRIP.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function trimStart(text: string): string {
  let start = 0;
  while (start < text.length && STRIP.includes(text[start]!)) start++;
  return text.slice(start);
}

export const sentenceChain: ConstraintModule<true> = {
  key: 'sentenceChain',
  parse: (value) => parseFlag('sentenceChain', value),
  check(_on, completion) {
    const sentences = punktSentences(completion);
    for (let i = 0; i + 1 < sentences.length; i++) {
      const last = pySplit(trimEnd(sentences[i]!.text)).pop();
      const first = pySplit(trimStart(sentences[i + 1]!.text))[0];
      if (last === undefined || first === undefined || last.toLowerCase() !== first.toLowerCase()) {
        return {
          key: 'sentenceChain',
          pass: false,
          measured: `sentence ${i + 2} starts with "${first ?? ''}"`,
          required: 'each sentence starts with the last word of the one before',
          message: `sentence ${i + 2} starts with "${first ?? ''}", not "${last ?? ''}" (the last word of sentence ${i + 1})`,
          ranges: [{ offset: sentences[i + 1]!.offset, length: sentences[i + 1]!.length }],
        };
      }
    }
    return {
      key: 'sentenceChain',
      pass: true,
      measured: `${sentences.length} sentences`,
      required: 'each sentence starts with the last word of the one before',
      message: 'each sentence starts with the last word of the one before',
      ranges: [],
    };
  },
};
