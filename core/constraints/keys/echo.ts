// `echo`: the completion is exactly a given text (a sentence to copy, a span of the prompt, the request
// itself), ignoring surrounding whitespace and, by default, case; with `changeFirstWord`, the text with its
// first word replaced by another (IFBench `repeat:repeat_simple`, `repeat:repeat_span`,
// `repeat:repeat_change`). Under `compat: ifbench` the comparison is IFBench's: Python's `strip()` and
// `lower()`, and for `changeFirstWord` its whitespace-split words compared as written, the first word free.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import type { ConstraintResult } from '../types';
import { pySplitWhitespace as pySplit, pyStrip } from '../ifeval/python';

export interface Echo {
  text: string;
  caseSensitive: boolean;
  changeFirstWord: boolean;
}

const HELP = 'echo: expected the text, or {text, caseSensitive, changeFirstWord}';

export const echo: ConstraintModule<Echo> = {
  key: 'echo',
  parse(value) {
    if (typeof value === 'string') {
      return value.trim() === ''
        ? valueError('echo', 'echo: the text is empty')
        : { text: value, caseSensitive: false, changeFirstWord: false };
    }
    if (!isRecord(value)) return valueError('echo', HELP);
    const extra = unknownProperty(value, ['text', 'caseSensitive', 'changeFirstWord']);
    if (extra) return valueError('echo', `echo: unknown property "${extra}" (expected text, caseSensitive, changeFirstWord)`);
    const { text, caseSensitive = false, changeFirstWord = false } = value;
    if (typeof text !== 'string' || text.trim() === '') return valueError('echo', 'echo: text must be non-empty text');
    if (typeof caseSensitive !== 'boolean') return valueError('echo', 'echo: caseSensitive must be true or false');
    if (typeof changeFirstWord !== 'boolean') return valueError('echo', 'echo: changeFirstWord must be true or false');
    return { text, caseSensitive, changeFirstWord };
  },
  check(e, completion, ctx) {
    const ifbench = ctx.compat === 'ifbench';
    return e.changeFirstWord ? checkChanged(e, completion, ifbench) : checkSame(e, completion, ifbench);
  },
};

function fold(text: string, caseSensitive: boolean): string {
  return caseSensitive ? text : text.toLowerCase();
}

/** Our definition: trimmed, every run of whitespace one space. IFBench's: Python `strip()` only. */
function normal(text: string, ifbench: boolean): string {
  return ifbench ? pyStrip(text) : pySplit(text).join(' ');
}

function checkSame(e: Echo, completion: string, ifbench: boolean): ConstraintResult {
  // IFBench lower-cases both sides whatever was declared; `caseSensitive` is ours.
  const caseSensitive = e.caseSensitive && !ifbench;
  const got = fold(normal(completion, ifbench), caseSensitive);
  const want = fold(normal(e.text, ifbench), caseSensitive);
  const pass = got === want;
  const at = pass ? -1 : firstDifference(got, want);
  return result(pass, pass ? 'the text' : `differs from character ${at + 1}`, completion, pass ? [] : wholeTrimmed(completion));
}

function checkChanged(e: Echo, completion: string, ifbench: boolean): ConstraintResult {
  const got = pySplit(completion);
  const want = pySplit(e.text);
  let pass: boolean;
  if (ifbench) {
    // `prompt != value` (exact), then the words after the first, joined by one space, compared as written.
    pass = e.text !== completion && got.slice(1).join(' ') === want.slice(1).join(' ');
  } else {
    const rest = (words: string[]): string => fold(words.slice(1).join(' '), e.caseSensitive);
    pass = got.length > 0 && want.length > 0 && rest(got) === rest(want) && got[0]!.toLowerCase() !== want[0]!.toLowerCase();
  }
  const measured = pass ? 'the text with another first word' : 'not the text with only its first word changed';
  return result(pass, measured, completion, pass ? [] : wholeTrimmed(completion), true);
}

function result(
  pass: boolean,
  measured: string,
  completion: string,
  ranges: ConstraintResult['ranges'],
  changed = false,
): ConstraintResult {
  const required = changed ? 'the given text with its first word changed' : 'exactly the given text';
  return {
    key: 'echo',
    pass,
    measured,
    required,
    message: pass ? `is ${required}` : `${measured}; ${required} required`,
    ranges: completion.trim() === '' ? [] : ranges,
  };
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function wholeTrimmed(completion: string): ConstraintResult['ranges'] {
  const start = completion.length - completion.trimStart().length;
  return [{ offset: start, length: completion.trim().length }];
}
