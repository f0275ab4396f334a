// `sentenceIncludes`: the n-th sentence contains a word (IFBench `sentence:keyword`): `{sentence: 3, word:
// angora}`, or a list of these. The word matches whole (no letter, digit or `_` directly around it), case
// ignored; sentences are core/constraints/nlp/sentences.ts's.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { punktSentences } from '../nlp';
import { PY_BOUNDARY, escapeRegex } from '../ifeval/python';

export interface SentenceWord {
  sentence: number;
  word: string;
}

export function parseSentenceWords(key: string, value: unknown): SentenceWord[] | ReturnType<typeof valueError> {
  const items = Array.isArray(value) ? value : [value];
  const out: SentenceWord[] = [];
  for (const item of items) {
    if (!isRecord(item)) return valueError(key, `${key}: expected {sentence, word}`);
    const extra = unknownProperty(item, ['sentence', 'word']);
    if (extra) return valueError(key, `${key}: unknown property "${extra}" (expected sentence, word)`);
    const { sentence, word } = item;
    if (typeof sentence !== 'number' || !Number.isInteger(sentence) || sentence < 1)
      return valueError(key, `${key}: sentence must be a whole number from 1`);
    if (typeof word !== 'string' || word.trim() === '') return valueError(key, `${key}: word must be a non-empty text`);
    out.push({ sentence, word });
  }
  return out.length > 0 ? out : valueError(key, `${key}: expected at least one {sentence, word}`);
}

export const sentenceIncludes: ConstraintModule<SentenceWord[]> = {
  key: 'sentenceIncludes',
  parse: (value) => parseSentenceWords('sentenceIncludes', value),
  check(items, completion) {
    const sentences = punktSentences(completion);
    for (const { sentence, word } of items) {
      const s = sentences[sentence - 1];
      const re = new RegExp(`${PY_BOUNDARY}${escapeRegex(word)}${PY_BOUNDARY}`, 'iu');
      if (!s || !re.test(s.text)) {
        return {
          key: 'sentenceIncludes',
          pass: false,
          measured: s ? `sentence ${sentence} lacks "${word}"` : `${sentences.length} sentences`,
          required: `"${word}" in sentence ${sentence}`,
          message: s
            ? `sentence ${sentence} does not contain "${word}"`
            : `only ${sentences.length} sentences; "${word}" required in sentence ${sentence}`,
          ranges: s ? [{ offset: s.offset, length: s.length }] : [],
        };
      }
    }
    const required = items.map((i) => `"${i.word}" in sentence ${i.sentence}`).join(', ');
    return { key: 'sentenceIncludes', pass: true, measured: 'present', required, message: required, ranges: [] };
  },
};
