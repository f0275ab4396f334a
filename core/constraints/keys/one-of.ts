// `oneOf`: the completion is one of the listed answers and nothing else (IFBench `format:options`: "Answer
// with one of the following options: yes/no/maybe"). Compared without surrounding whitespace and
// punctuation, ignoring case; `exact: true` compares the trimmed completion as written. Under
// `compat: ifbench`, IFBench's comparison: ASCII punctuation and spaces stripped (not newlines), Python
// `lower()`; with `exact`, the untrimmed completion must equal an option.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { pyStripChars } from '../ifeval/python';
import { ASCII_PUNCTUATION } from './python-text';

interface OneOf {
  options: string[];
  exact: boolean;
}

const IFBENCH_STRIP = `${ASCII_PUNCTUATION} `;
const EDGE = /[\s\p{P}\p{S}]/u;

/** The text without whitespace, punctuation and symbols at its ends (a scan: a regex `[…]+$` is quadratic on long runs). */
function trimEdges(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && EDGE.test(chars[start]!)) start++;
  while (end > start && EDGE.test(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

function options(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((o) => typeof o === 'string' && o.trim() !== '')
    ? (value as string[])
    : undefined;
}

export const oneOf: ConstraintModule<OneOf> = {
  key: 'oneOf',
  parse(value) {
    const list = options(value);
    if (list) return { options: list, exact: false };
    if (!isRecord(value)) return valueError('oneOf', 'oneOf: expected a list of answers, or {options, exact}');
    const extra = unknownProperty(value, ['options', 'exact']);
    if (extra) return valueError('oneOf', `oneOf: unknown property "${extra}" (expected options, exact)`);
    const opts = options(value.options);
    if (!opts) return valueError('oneOf', 'oneOf: options must be a non-empty list of non-empty answers');
    const { exact = false } = value;
    if (typeof exact !== 'boolean') return valueError('oneOf', 'oneOf: exact must be true or false');
    return { options: opts, exact };
  },
  check({ options: opts, exact }, completion, ctx) {
    let key: (text: string) => string;
    if (ctx.compat === 'ifbench') key = exact ? (t) => t : (t) => pyStripChars(t, IFBENCH_STRIP).toLowerCase();
    else key = exact ? (t) => t.trim() : (t) => trimEdges(t).toLowerCase();
    const got = key(completion);
    const match = opts.find((o) => key(o) === got);
    const required = `one of ${opts.map((o) => JSON.stringify(o)).join(', ')}`;
    const start = completion.length - completion.trimStart().length;
    return {
      key: 'oneOf',
      pass: match !== undefined,
      measured: match ?? 'another answer',
      required,
      message: match !== undefined ? `answers ${JSON.stringify(match)}` : `not one of the answers; ${required} required`,
      ranges: match !== undefined || completion.trim() === '' ? [] : [{ offset: start, length: completion.trim().length }],
    };
  },
};
