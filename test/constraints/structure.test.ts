// Whole-completion structure keys: responses, repeatPrompt, firstWord.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRows, context, parseVerdict, run, sliceAll } from './helpers';

describe('responses', () => {
  it('distinct non-empty responses split by ******: N−1, N, N+1', () => {
    assertRows('responses', { count: 2 }, [
      ['Only one.', 1, false],
      ['First answer.\n******\nSecond answer.', 2, true],
      ['A\n******\nB\n******\nC', 3, false],
      ['******\nA\n******\nB\n******', 2, true],
    ]);
  });
  it('identical responses fail and the duplicate is the range', () => {
    const text = 'Same.\n******\nSame.';
    const r = run('responses', { count: 2 }, text);
    assert.equal(r.pass, false);
    assert.equal(r.message, '2 responses, but two are identical; exactly 2 distinct required');
    assert.deepEqual(
      r.ranges.map((s) => s.offset),
      [text.lastIndexOf('Same.')],
    );
  });
  it('a custom separator', () => assertRows('responses', { count: 2, separator: '---' }, [['A\n---\nB', 2, true]]));
});

describe('repeatPrompt', () => {
  const ctx = context({ promptText: '  Write a poem\nabout cats.\n' });
  it('true: starts with the prompt, ignoring case and whitespace differences', () => {
    assert.equal(run('repeatPrompt', true, 'write a poem about cats. Here it is.', ctx).pass, true);
  });
  it('a mismatch points at where it differs', () => {
    const text = 'Write a poem about dogs.\nRoses are red.';
    const r = run('repeatPrompt', true, text, ctx);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['dogs.']);
    assert.equal(r.message, 'does not start with the prompt (differs from character 20)');
  });
  it('a given text instead of the prompt', () => {
    assert.equal(run('repeatPrompt', 'Question: why?', 'Question: why? Because.').pass, true);
    assert.equal(run('repeatPrompt', 'Question: why?', 'Why? Because.').pass, false);
    assert.equal(parseVerdict('repeatPrompt', false), 'off');
  });
});

describe('firstWord', () => {
  const value = { paragraph: 2, word: 'However' };
  it('paragraph n begins with the word, case-insensitive, punctuation aside', () => {
    assertRows('firstWord', value, [
      ['First.\n\nHowever, second.', 'However', true],
      ['First.\n\n"however" second.', 'however', true],
    ]);
  });
  it('a different first word is the range; too few paragraphs fails', () => {
    const text = 'First.\n\nBut second.';
    const r = run('firstWord', value, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['But']);
    assert.equal(r.message, "paragraph 2 starts with 'But'; 'However' required");
    assert.equal(
      run('firstWord', value, 'Only one paragraph.').message,
      "only 1 paragraph; paragraph 2 starts with 'However' required",
    );
  });
  it('a phrase compares its words', () =>
    assert.equal(run('firstWord', { paragraph: 1, word: 'In short' }, 'In short, yes.').pass, true));
  it('paragraph must be ≥ 1', () => assert.match(parseVerdict('firstWord', { paragraph: 0, word: 'x' }), /^error: /));
});
