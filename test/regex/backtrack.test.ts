// The bounded backtracking matcher agrees with JavaScript's RegExp (the reference) where both finish, and gives up
// within its step budget where JavaScript would backtrack for minutes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BudgetExceeded, compileBacktracking } from '../../core/regex/backtrack';

const PATTERNS: Array<[string, string]> = [
  ['foo(?=bar)', ''],
  ['(?<!x)y', ''],
  ['(?<=\\$)\\d+', ''],
  ['(?<=ab|c)d', ''],
  ['(?<=a+)b', ''],
  ['(?<!\\d{2})x', ''],
  ['(\\w+) \\1', ''],
  ['(?<y>\\d{4})-\\k<y>', 'u'],
  ['^(?:(?!bad).)*$', ''],
  ['^(?=.*\\d)(?=.*[a-z]).{4,}$', ''],
  ['a{2,3}?', ''],
  ['a{2,}', ''],
  ['(a|ab)(c|bcd)(d*)', ''],
  ['(a*)*b', ''],
  ['(?:a?)+?b', ''],
  ['\\bword\\b', ''],
  ['\\Bor\\B', ''],
  ['^abc$', 'm'],
  ['^abc$', 'i'],
  ['a.c', 's'],
  ['a.c', ''],
  ['[😀-😂]+(?!y)', 'u'],
  ['\\p{Lu}\\p{Ll}+(?=!)', 'u'],
  ['(a)|b\\1', ''],
  ['x*', ''],
  ['(?:)', ''],
  ['(?=a)', ''],
  ['\\u{1F600}', 'u'],
  ['[^]', ''],
  ['\\d+(?!\\.)', ''],
  ['(\\d)(?=(\\d{3})+$)', ''],
  ['(?<=(a))b\\1', ''],
];
const TEXTS = [
  '',
  'foobar foobaz',
  'xy zy y',
  'cost $42 or 7',
  'abd cd',
  'aaab',
  '12x 3x x',
  'say it it',
  '2020-2020 2020-2021',
  'this is good',
  'this is bad',
  'pass1 ab1x',
  'aaaa',
  'abcd',
  'aaaaac',
  'ab',
  'a word here',
  'words boring',
  'x\nABC\ny',
  'a\nc',
  '😁😂z',
  'Hello! World',
  'b',
  '1234567',
  '1.5 25',
];

describe('bounded backtracking matcher', () => {
  it('finds the same leftmost match as JavaScript on every pattern × text', () => {
    for (const [source, flags] of PATTERNS) {
      const compiled = compileBacktracking(source, flags);
      assert.ok(compiled.ok, `${source}: ${compiled.ok ? '' : compiled.message}`);
      for (const text of TEXTS) {
        const js = new RegExp(source, flags).exec(text);
        const ours = compiled.regex.find(text, { steps: 1_000_000 });
        assert.deepEqual(
          ours,
          js ? { start: js.index, end: js.index + js[0].length } : undefined,
          `/${source}/${flags} on ${JSON.stringify(text)}`,
        );
        const whole = new RegExp(`^(?:${source})$`, flags.replace('m', '')).test(text);
        assert.equal(
          compiled.regex.matchesAll(text, { steps: 1_000_000 }),
          whole,
          `/${source}/ matches all of ${JSON.stringify(text)}`,
        );
      }
    }
  });

  it('gives up on catastrophic backtracking within its budget', () => {
    for (const [source, text] of [
      ['^(?=a)(a+)+$', `${'a'.repeat(30)}!`],
      ['(a*)*b', 'a'.repeat(40)],
      ['^(\\w+\\s?)*(?<=x)$', `${'ab '.repeat(20)}!`],
    ]) {
      const compiled = compileBacktracking(source, 'u');
      assert.ok(compiled.ok);
      const budget = { steps: 50_000 };
      assert.throws(() => compiled.regex.find(text, budget), BudgetExceeded, source);
      assert.ok(budget.steps <= 0);
    }
  });

  it('refuses what it cannot run, with a message', () => {
    for (const [source, expected] of [
      ['(', /Unterminated group/],
      ['a{1001}', /above 1000/],
      ['(a{1000}){1000}', /too large|above 1000/],
      ['x'.repeat(10_001), /longer than 10,000/],
    ] as const) {
      const compiled = compileBacktracking(source, 'u');
      assert.equal(compiled.ok, false, source.slice(0, 20));
      if (!compiled.ok) assert.match(compiled.message, expected);
    }
  });
});
