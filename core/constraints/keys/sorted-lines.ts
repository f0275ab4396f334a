// `sortedLines`: the completion's lines are in alphabetical (or reverse alphabetical) order (IFBench
// `custom:reverse_newline`: the countries of Africa in reverse alphabetical order, each on a new line).
// Lines are trimmed of spaces and ASCII punctuation at their ends and blank ones skipped; with `from`, the
// list starts at the first line containing that text (lines before it are a preamble), and `count` counts
// the lines of the list. Our order is English collation ignoring case and accents; under
// `compat: ifbench`, IFBench's: each line folded to ASCII (NFKD, other characters dropped) and compared
// by code point.
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { inRange, type CountRange } from '../count';
import { pyStripChars } from '../ifeval/python';
import { ASCII_PUNCTUATION, asciiFold } from './python-text';

interface SortedLines {
  order: 'ascending' | 'descending';
  count?: CountRange;
  from?: string;
}

const STRIP = `${ASCII_PUNCTUATION} `;
/** Made on first use: the first Intl object loads ICU's data, which a run without `sortedLines` should not pay for. */
let collator: Intl.Collator | undefined;
const collatorCompare = (a: string, b: string) => (collator ??= new Intl.Collator('en', { sensitivity: 'base' })).compare(a, b);

export const sortedLines: ConstraintModule<SortedLines> = {
  key: 'sortedLines',
  parse(value) {
    if (value === 'ascending' || value === 'descending') return { order: value };
    if (!isRecord(value)) return valueError('sortedLines', 'sortedLines: expected ascending, descending or {order, count, from}');
    const extra = unknownProperty(value, ['order', 'count', 'from']);
    if (extra) return valueError('sortedLines', `sortedLines: unknown property "${extra}" (expected order, count, from)`);
    const { order = 'ascending', from } = value;
    if (order !== 'ascending' && order !== 'descending')
      return valueError('sortedLines', 'sortedLines: order must be ascending or descending');
    if (from !== undefined && (typeof from !== 'string' || from === ''))
      return valueError('sortedLines', 'sortedLines: from must be non-empty text');
    const out: SortedLines = { order };
    if (from !== undefined) out.from = from as string;
    if (value.count !== undefined) {
      const count = countFor('sortedLines', value.count);
      if (isValueError(count)) return count;
      out.count = count;
    }
    return out;
  },
  check({ order, count, from }, completion, ctx) {
    const ifbench = ctx.compat === 'ifbench';
    const required = `lines in ${order === 'ascending' ? '' : 'reverse '}alphabetical order${count ? `, ${count.label} of them` : ''}`;
    const fail = (measured: string, message: string) => ({
      key: 'sortedLines',
      pass: false,
      measured,
      required,
      message,
      ranges: [],
    });
    let lines = completion
      .split('\n')
      .map((l) => pyStripChars(l, STRIP))
      .filter((l) => l !== '');
    if (from !== undefined) {
      const start = lines.findIndex((l) => l.includes(from));
      if (start < 0) return fail(`no line with ${JSON.stringify(from)}`, `no line contains ${JSON.stringify(from)}; ${required}`);
      lines = lines.slice(start);
    }
    if (count && !inRange(lines.length, count))
      return fail(`${lines.length} lines`, `${lines.length} lines; ${count.label} required`);
    const keys = ifbench ? lines.map(asciiFold) : lines;
    const compare = ifbench ? (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) : collatorCompare;
    const sign = order === 'ascending' ? 1 : -1;
    const bad = keys.findIndex((k, i) => i > 0 && sign * compare(keys[i - 1]!, k) > 0);
    if (bad >= 0)
      return fail(
        `line ${bad + 1} out of order`,
        `${JSON.stringify(lines[bad])} comes after ${JSON.stringify(lines[bad - 1])}; ${required}`,
      );
    return {
      key: 'sortedLines',
      pass: true,
      measured: `${lines.length} lines`,
      required,
      message: `${lines.length} lines in order`,
      ranges: [],
    };
  },
};
