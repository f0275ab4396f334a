// `backwards`: read backwards, word by word or character by character, the completion contains each of the
// given phrases (IFBench `custom:word_reverse` and `custom:character_reverse`: "bald eagle" written in
// reverse word or letter order). Words are the whitespace-separated pieces of the lower-cased completion
// with punctuation removed; the phrases are matched lower-cased, as substrings. Our definition removes all
// Unicode punctuation; under `compat: ifbench`, ASCII punctuation only, as IFBench does.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { pySplitWhitespace, pyStrip } from '../ifeval/python';
import { stripAsciiPunctuation } from './python-text';

interface Backwards {
  by: 'word' | 'character';
  include: string[];
}

const PUNCTUATION = /\p{P}/gu;

/** The completion read backwards: words in reverse order joined by one space, or code points reversed. */
export function readBackwards(text: string, by: 'word' | 'character', ifbench: boolean): string {
  const lower = text.toLowerCase();
  if (by === 'character') return Array.from(lower).reverse().join('');
  const bare = ifbench ? stripAsciiPunctuation(pyStrip(lower)) : lower.replace(PUNCTUATION, '');
  return pySplitWhitespace(bare).reverse().join(' ');
}

export const backwards: ConstraintModule<Backwards> = {
  key: 'backwards',
  parse(value) {
    if (!isRecord(value)) return valueError('backwards', 'backwards: expected {by: word | character, include: [phrases]}');
    const extra = unknownProperty(value, ['by', 'include']);
    if (extra) return valueError('backwards', `backwards: unknown property "${extra}" (expected by, include)`);
    const { by = 'word', include } = value;
    if (by !== 'word' && by !== 'character') return valueError('backwards', 'backwards: by must be word or character');
    if (!Array.isArray(include) || include.length === 0 || !include.every((p) => typeof p === 'string' && p.trim() !== ''))
      return valueError('backwards', 'backwards: include must be a non-empty list of phrases');
    return { by, include: include as string[] };
  },
  check({ by, include }, completion, ctx) {
    const text = readBackwards(completion, by, ctx.compat === 'ifbench');
    const missing = include.filter((p) => !text.includes(p.toLowerCase()));
    const required = `read backwards by ${by}, contains ${include.map((p) => JSON.stringify(p)).join(', ')}`;
    return {
      key: 'backwards',
      pass: missing.length === 0,
      measured: missing.length === 0 ? 'contains them' : `${missing.length} missing`,
      required,
      message:
        missing.length === 0
          ? required
          : `read backwards by ${by}, does not contain ${missing.map((p) => JSON.stringify(p)).join(', ')}`,
      ranges: [],
    };
  },
};
