// checkCompletion: every declared key checked in order, bad values returned apart, IFEval dispatch and loose mode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCompletion } from '../../core/constraints/check';
import { context } from './helpers';

describe('checkCompletion', () => {
  it('checks every declared key in declaration order; settings are not results', () => {
    const { results, invalid } = checkCompletion(
      'Our refund policy is simple.',
      { mode: 'strict', words: { max: 3 }, include: ['refund'], exclude: ['guarantee'], noCommas: true },
      context(),
    );
    assert.deepEqual(invalid, []);
    assert.deepEqual(results.map((r) => [r.key, r.pass]), [['words', false], ['include', true], ['exclude', true], ['noCommas', true]]);
    assert.equal(results[0]!.message, '5 words; at most 3 allowed');
  });
  it('unknown keys and bad values come back as invalid; false flags are off', () => {
    const { results, invalid } = checkCompletion('x', { wordz: 3, words: 'lots', title: false, compat: 'helm', sentences: 1 }, context());
    assert.deepEqual(results.map((r) => r.key), ['sentences']);
    assert.deepEqual(invalid.map((e) => e.key).sort(), ['compat', 'words', 'wordz']);
    assert.match(invalid.find((e) => e.key === 'words')!.message, /^words: "lots" is not a count/);
  });
});

describe('compat: ifeval', () => {
  it('keys with an IFEval counterpart use its definition (\\w+ words: "don\'t stop" is 3)', () => {
    const ours = checkCompletion("don't stop", { words: 2 }, context());
    assert.equal(ours.results[0]!.pass, true);
    const ifeval = checkCompletion("don't stop", { compat: 'ifeval', words: 3 }, context());
    assert.equal(ifeval.results[0]!.pass, true, ifeval.results[0]!.message);
  });
  it('keys without one fall back to ours', () => {
    const { results } = checkCompletion('👍🏽ab', { compat: 'ifeval', characters: 3 }, context());
    assert.equal(results[0]!.pass, true);
    assert.equal(results[0]!.measured, 3);
  });
});

describe('mode: loose', () => {
  it('passes when a loose variant passes (first line dropped); the pass carries no ranges', () => {
    const text = 'Sure! Here it is:\nhello world';
    assert.equal(checkCompletion(text, { startsWith: 'hello' }, context()).results[0]!.pass, false);
    const loose = checkCompletion(text, { mode: 'loose', startsWith: 'hello' }, context()).results[0]!;
    assert.equal(loose.pass, true);
    assert.deepEqual(loose.ranges, []);
  });
  it('when every variant fails, the strict result is reported', () => {
    const text = 'a, b\nc, d\ne, f';
    const r = checkCompletion(text, { mode: 'loose', noCommas: true }, context()).results[0]!;
    assert.equal(r.pass, false);
    assert.equal(r.measured, 3);
    assert.equal(r.ranges.length, 3);
  });
  it('ctx.mode applies when the constraints do not set mode', () => {
    const text = 'Sure!\nhello';
    assert.equal(checkCompletion(text, { startsWith: 'hello' }, context({ mode: 'loose' })).results[0]!.pass, true);
  });
});
