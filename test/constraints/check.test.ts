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
    assert.deepEqual(
      results.map((r) => [r.key, r.pass]),
      [
        ['words', false],
        ['include', true],
        ['exclude', true],
        ['noCommas', true],
      ],
    );
    assert.equal(results[0]!.message, '5 words; at most 3 allowed');
  });
  it('unknown keys and bad values come back as invalid and as failing results; false flags are off', () => {
    const { results, invalid } = checkCompletion(
      'x',
      { wordz: 3, words: 'lots', title: false, compat: 'helm', sentences: 1 },
      context(),
    );
    assert.deepEqual(invalid.map((e) => e.key).sort(), ['compat', 'words', 'wordz']);
    assert.match(invalid.find((e) => e.key === 'words')!.message, /^words: "lots" is not a count/);
    // A value that cannot be checked is never dropped: it fails, after the checked ones.
    assert.deepEqual(
      results.map((r) => [r.key, r.pass]),
      [
        ['sentences', true],
        ['compat', false],
        ['wordz', false],
        ['words', false],
      ],
    );
    const words = results.find((r) => r.key === 'words')!;
    assert.equal(words.measured, 'not checked');
    assert.match(words.message, /^not checked: words: "lots" is not a count/);
  });
  it('a whitespace-only paragraphs separator is checked: "\\n\\n" splits at each blank line', () => {
    const text = 'One.\n\nTwo.\n\n\n\nThree.';
    const { results, invalid } = checkCompletion(text, { paragraphs: { count: 3, separator: '\n\n' } }, context());
    assert.deepEqual(invalid, []);
    assert.equal(results[0]!.pass, true, results[0]!.message);
    assert.equal(results[0]!.measured, 3);
    const two = checkCompletion(text, { paragraphs: { count: 2, separator: '\n\n' } }, context()).results[0]!;
    assert.equal(two.pass, false);
    assert.equal(
      checkCompletion(text, { paragraphs: { count: 2, separator: '' } }, context()).results[0]!.measured,
      'not checked',
    );
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
  it('an empty variant is skipped: a one-line completion does not pass our own counts as 0 words', () => {
    const line = 'one two three four five six seven eight nine ten eleven';
    for (const [key, value] of [
      ['words', '<=3'],
      ['characters', '<=3'],
      ['lines', 0],
      ['pattern', '^$'],
    ] as const) {
      const r = checkCompletion(line, { mode: 'loose', [key]: value }, context()).results[0]!;
      assert.equal(r.pass, false, `${key}: ${r.message}`);
    }
    // Two lines: dropping the first is a real (non-empty) variant, and IFEval's loose mode accepts it.
    assert.equal(
      checkCompletion(`Sure:\n${'word '.repeat(2)}`, { mode: 'loose', words: '<=3' }, context()).results[0]!.pass,
      true,
    );
  });
  it('ctx.mode applies when the constraints do not set mode', () => {
    const text = 'Sure!\nhello';
    assert.equal(checkCompletion(text, { startsWith: 'hello' }, context({ mode: 'loose' })).results[0]!.pass, true);
  });
});

describe('firstWord with a paragraph count', () => {
  // IFEval's nth_paragraph_first_word: the \n\n pieces must number num_paragraphs, and piece n starts with the word.
  const text = 'Punched in the face.\n\nThen he left.';
  it('passes when both the count and the word hold, under compat: ifeval and ours', () => {
    for (const compat of ['ifeval', undefined]) {
      const r = checkCompletion(
        text,
        { ...(compat ? { compat } : {}), firstWord: { paragraph: 1, word: 'punched', paragraphs: 2 } },
        context(),
      ).results[0]!;
      assert.equal(r.pass, true, r.message);
    }
  });
  it('fails on the count alone, as IFEval does', () => {
    for (const compat of ['ifeval', undefined]) {
      const r = checkCompletion(
        text,
        { ...(compat ? { compat } : {}), firstWord: { paragraph: 1, word: 'punched', paragraphs: 3 } },
        context(),
      ).results[0]!;
      assert.equal(r.pass, false);
      assert.match(r.message, /^2 paragraphs; exactly 3 required/);
    }
  });
});
