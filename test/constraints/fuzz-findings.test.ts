// Regression tests for what `npm run fuzz` found in constraint checking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCompletion } from '../../core/constraints/check';
import { postscript } from '../../core/constraints/keys/postscript';
import type { CheckContext } from '../../core/constraints/types';

const ctx = { compat: 'default', mode: 'strict', promptText: '' } as unknown as CheckContext;

describe('fuzz findings: constraints', () => {
  it('a key whose check throws (V8 overflowing on a 39,000-character postscript regex) fails as not checked; other keys still run', () => {
    const original = postscript.check;
    postscript.check = () => {
      throw new SyntaxError('Invalid regular expression: /^[ \\t]*policy xxxx/gimu: Stack overflow');
    };
    try {
      const { results } = checkCompletion('Hello there, friend.', { postscript: 'P.S.', noCommas: true }, ctx);
      const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
      assert.equal(byKey.postscript.pass, false);
      assert.equal(byKey.postscript.measured, 'not checked');
      assert.equal(byKey.postscript.message, 'postscript could not be checked: the value is too large to check');
      assert.equal(byKey.noCommas.pass, false, 'the other key is still checked');
    } finally {
      postscript.check = original;
    }
  });

  it('the 39,000-character marker the fuzzer generated is checked without throwing', () => {
    const marker = `policy ${'x'.repeat(39_118)}`;
    const { results } = checkCompletion(`Answer.\n\n${marker} and more`, { postscript: marker }, ctx);
    assert.equal(results[0].key, 'postscript');
  });
});
