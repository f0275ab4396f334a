// `wordAt`: a word at a given place (IFBench `words:keywords_specific_position` and `words:words_position`):
// `{word, position, sentence?}` or a list of these. `position` counts words from 1, or from the end with a
// negative number (-1 is the last word); with `sentence`, within that sentence. Words are NLTK-style word
// tokens (core/constraints/nlp/words.ts) that contain a letter or digit, compared case-insensitively.
// Under `compat: ifbench`, positions over the whole completion count punctuation tokens too, and a
// negative position skips one final punctuation token, as IFBench's `words:words_position` does.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { punktSentences, wordTokenize } from '../nlp';
import { ASCII_PUNCTUATION } from './python-text';

export interface WordAt {
  word: string;
  position: number;
  sentence?: number;
}

const hasAlnum = (token: string): boolean => /[\p{L}\p{N}]/u.test(token);

function parseOne(item: unknown): WordAt | string {
  if (!isRecord(item)) return 'expected {word, position, sentence?}';
  const extra = unknownProperty(item, ['word', 'position', 'sentence']);
  if (extra) return `unknown property "${extra}" (expected word, position, sentence)`;
  const { word, position, sentence } = item;
  if (typeof word !== 'string' || word.trim() === '') return 'word must be a non-empty text';
  if (typeof position !== 'number' || !Number.isInteger(position) || position === 0)
    return 'position must be a whole number other than 0 (negative counts from the end)';
  if (sentence !== undefined && (typeof sentence !== 'number' || !Number.isInteger(sentence) || sentence < 1))
    return 'sentence must be a whole number from 1';
  return sentence === undefined ? { word: word.trim(), position } : { word: word.trim(), position, sentence };
}

/** The token at `position` (1-based, negative from the end) of `tokens`, skipping a final punctuation token when asked. */
function tokenAt(tokens: string[], position: number, skipFinalPunctuation: boolean): string | undefined {
  if (position > 0) return tokens[position - 1];
  const last = tokens[tokens.length - 1];
  const skip = skipFinalPunctuation && last !== undefined && ASCII_PUNCTUATION.includes(last) ? 1 : 0;
  return tokens[tokens.length + position - skip];
}

export const wordAt: ConstraintModule<WordAt[]> = {
  key: 'wordAt',
  parse(value) {
    const items = Array.isArray(value) ? value : [value];
    const out: WordAt[] = [];
    for (const item of items) {
      const one = parseOne(item);
      if (typeof one === 'string') return valueError('wordAt', `wordAt: ${one}`);
      out.push(one);
    }
    return out.length > 0 ? out : valueError('wordAt', 'wordAt: expected at least one {word, position}');
  },
  check(items, completion, ctx) {
    const ifbench = ctx.compat === 'ifbench';
    let all: string[] | undefined;
    const sentences = items.some((i) => i.sentence !== undefined) ? punktSentences(completion) : [];
    for (const item of items) {
      let found: string | undefined;
      let where: string;
      if (item.sentence !== undefined) {
        const s = sentences[item.sentence - 1];
        found = s ? tokenAt(wordTokenize(s.text).filter(hasAlnum), item.position, false) : undefined;
        where = `word ${item.position} of sentence ${item.sentence}`;
      } else {
        all ??= ifbench ? wordTokenize(completion) : wordTokenize(completion).filter(hasAlnum);
        found = tokenAt(all, item.position, ifbench);
        where = item.position > 0 ? `word ${item.position}` : `word ${-item.position} from the end`;
      }
      if (found === undefined || found.toLowerCase() !== item.word.toLowerCase()) {
        return {
          key: 'wordAt',
          pass: false,
          measured: found === undefined ? `no ${where}` : `"${found}"`,
          required: `"${item.word}" as ${where}`,
          message:
            found === undefined
              ? `there is no ${where}; "${item.word}" required`
              : `${where} is "${found}"; "${item.word}" required`,
          ranges: [],
        };
      }
    }
    const required = items.map((i) => `"${i.word}" at ${i.position}${i.sentence ? ` in sentence ${i.sentence}` : ''}`).join(', ');
    return { key: 'wordAt', pass: true, measured: 'in place', required, message: `${required}: in place`, ranges: [] };
  },
};
