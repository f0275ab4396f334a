// `repeatPrompt`: the completion starts by repeating the prompt (or the given text), ignoring case and
// differences in whitespace (a model that re-wraps the lines still repeats the prompt).
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import { valueError } from '../module';

/** `true` repeats the prompt the model received; a string names the exact text instead. */
export type RepeatTarget = { from: 'prompt' } | { from: 'text'; text: string };

export const repeatPrompt: ConstraintModule<RepeatTarget> = {
  key: 'repeatPrompt',
  parse(value) {
    if (value === false) return undefined;
    if (value === true) return { from: 'prompt' };
    if (typeof value === 'string' && value.trim() !== '') return { from: 'text', text: value };
    return valueError('repeatPrompt', 'repeatPrompt: expected true or the text the completion must start with');
  },
  check(target, completion, ctx) {
    const wanted = (target.from === 'prompt' ? ctx.promptText : target.text).trim();
    const what = target.from === 'prompt' ? 'the prompt' : JSON.stringify(abbreviate(wanted));
    const mismatch = prefixMismatch(completion, wanted);
    if (mismatch === undefined) {
      return {
        key: 'repeatPrompt',
        pass: true,
        measured: 'repeats it',
        required: `starts with ${what}`,
        message: `starts with ${what}`,
        ranges: [],
      };
    }
    return {
      key: 'repeatPrompt',
      pass: false,
      measured: 'differs',
      required: `starts with ${what}`,
      message: `does not start with ${what} (differs from character ${mismatch.offset + 1})`,
      ranges: [mismatch],
    };
  },
};

/**
 * Walks the completion (leading whitespace skipped) and the wanted text together, any run of whitespace
 * matching any other; answers the rest of the completion's line where they first differ, or undefined.
 */
export function prefixMismatch(completion: string, wanted: string): Span | undefined {
  let i = completion.length - completion.trimStart().length;
  let j = 0;
  while (j < wanted.length) {
    const ws = /\s/.test(wanted[j]!);
    if (ws && /\s/.test(completion[i] ?? '')) {
      while (/\s/.test(wanted[j] ?? '')) j++;
      while (/\s/.test(completion[i] ?? '')) i++;
      continue;
    }
    if (i >= completion.length || completion[i]!.toLowerCase() !== wanted[j]!.toLowerCase()) return restOfLine(completion, i);
    i++;
    j++;
  }
  return undefined;
}

function restOfLine(text: string, at: number): Span {
  const nl = text.slice(at).search(/\r|\n/);
  return { offset: at, length: nl < 0 ? text.length - at : nl };
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
