// `firstWord`: paragraph n (1-based, blank-line separated) begins with the given word or words (case-insensitive;
// punctuation around them does not count).
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, plural, unknownProperty, valueError } from '../module';
import { countMessage, inRange, type CountRange } from '../count';
import { paragraphs } from '../measure/paragraphs';
import { words } from '../measure/words';

export interface FirstWordConstraint {
  paragraph: number;
  word: string;
  /** How many paragraphs the completion must have as well (IFEval's nth_paragraph_first_word has both). */
  paragraphs?: CountRange;
}

export const firstWord: ConstraintModule<FirstWordConstraint> = {
  key: 'firstWord',
  parse(value) {
    if (!isRecord(value)) return valueError('firstWord', 'firstWord: expected {paragraph, word}');
    const extra = unknownProperty(value, ['paragraph', 'word', 'paragraphs']);
    if (extra) return valueError('firstWord', `firstWord: unknown property "${extra}" (expected paragraph, word, paragraphs)`);
    const { paragraph, word } = value;
    if (typeof paragraph !== 'number' || !Number.isInteger(paragraph) || paragraph < 1) {
      return valueError('firstWord', 'firstWord: paragraph must be a whole number ≥ 1');
    }
    if (typeof word !== 'string' || word.trim() === '') return valueError('firstWord', 'firstWord: word must be non-empty');
    if (value.paragraphs === undefined) return { paragraph, word: word.trim() };
    const count = countFor('firstWord', value.paragraphs);
    return isValueError(count) ? count : { paragraph, word: word.trim(), paragraphs: count };
  },
  check({ paragraph, word, paragraphs: count }, completion) {
    const required = `paragraph ${paragraph} starts with '${word}'`;
    const paras = paragraphs(completion);
    if (count && !inRange(paras.length, count)) {
      const message = countMessage(paras.length, 'paragraph', 'paragraphs', count);
      return {
        key: 'firstWord',
        pass: false,
        measured: plural(paras.length, 'paragraph'),
        required: `${count.label} paragraphs; ${required}`,
        message,
        ranges: [],
      };
    }
    const para = paras[paragraph - 1];
    if (!para) {
      return {
        key: 'firstWord',
        pass: false,
        measured: plural(paras.length, 'paragraph'),
        required,
        message: `only ${plural(paras.length, 'paragraph')}; ${required} required`,
        ranges: [],
      };
    }
    const text = completion.slice(para.offset, para.offset + para.length);
    const wanted = words(word).map((w) => w.text.toLowerCase());
    const head = words(text).slice(0, Math.max(1, wanted.length));
    const actual = head.map((w) => w.text).join(' ');
    const pass = actual.toLowerCase() === wanted.join(' ');
    const first = head[0];
    const last = head[head.length - 1];
    const ranges =
      pass || !first || !last ? [] : [{ offset: para.offset + first.offset, length: last.offset + last.length - first.offset }];
    const message = pass ? required : `paragraph ${paragraph} starts with '${actual}'; '${word}' required`;
    return { key: 'firstWord', pass, measured: actual, required, message, ranges };
  },
};
