// `sentenceEmoji`: every sentence ends with an emoji (IFBench `format:emoji`). With ASCII punctuation
// removed and spaces trimmed, a sentence's last or second-to-last character is an emoji, or the next
// sentence begins with one (the splitter puts an emoji after a period at the start of the next sentence).
// Emoji: core/constraints/nlp/emoji.ts.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { isEmojiChar, punktSentences } from '../nlp';
import { stripAsciiPunctuation } from './python-text';
import { pyStrip } from '../ifeval/python';

function firstSentenceWithoutEmoji(text: string): number {
  const sentences = punktSentences(text);
  const bare = sentences.map((s) => [...pyStrip(stripAsciiPunctuation(s.text))]);
  for (let i = 0; i < bare.length; i++) {
    const chars = bare[i]!;
    if (chars.length === 0) return i;
    const last = chars[chars.length - 1]!;
    const before = chars.length > 1 ? chars[chars.length - 2]! : last;
    if (isEmojiChar(last) || isEmojiChar(before)) continue;
    const next = bare[i + 1];
    if (next === undefined || next.length === 0 || !isEmojiChar(next[0]!)) return i;
  }
  return -1;
}

export const sentenceEmoji: ConstraintModule<true> = {
  key: 'sentenceEmoji',
  parse: (value) => parseFlag('sentenceEmoji', value),
  check(_on, completion) {
    const at = firstSentenceWithoutEmoji(completion);
    const pass = at < 0;
    const s = pass ? undefined : punktSentences(completion)[at];
    return {
      key: 'sentenceEmoji',
      pass,
      measured: pass ? 'every sentence' : `sentence ${at + 1}`,
      required: 'an emoji at the end of every sentence',
      message: pass ? 'every sentence ends with an emoji' : `sentence ${at + 1} does not end with an emoji`,
      ranges: s ? [{ offset: s.offset, length: s.length }] : [],
    };
  },
};
