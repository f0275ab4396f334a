// closestMatches: the suggestions behind every "did you mean" (frontmatter keys, config keys, rule ids, model ids).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatches, editDistance } from '../../core/did-you-mean';

const BUDGET_KEYS = ['context', 'output', 'prompt', 'warnAt', 'effective', 'variables'];

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    assert.equal(editDistance('wranat', 'warnat'), 1);
    assert.equal(editDistance('ab', 'ba'), 1);
  });
  it('counts insertions, deletions and substitutions', () => {
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });
  it('stops early past the bound', () => {
    assert.equal(editDistance('a'.repeat(5000), 'b'.repeat(5000), 2), 3);
    assert.equal(editDistance('short', 'a much longer string', 2), 3);
  });
});

describe('closestMatches', () => {
  it('suggests a key one transposition away', () => {
    assert.deepEqual(closestMatches('wranAt', BUDGET_KEYS), ['warnAt']);
  });
  it('puts a case-only difference first', () => {
    assert.deepEqual(closestMatches('WarnAt', ['warnAt', 'warnA']), ['warnAt', 'warnA']);
  });
  it('offers prefixes of at least three characters', () => {
    assert.deepEqual(closestMatches('var', BUDGET_KEYS), ['variables']);
    assert.deepEqual(closestMatches('wordsCount', ['words', 'sentences']), ['words']);
    assert.deepEqual(closestMatches('va', BUDGET_KEYS), []);
  });
  it('does not suggest when half the word would change (min is not max)', () => {
    assert.deepEqual(closestMatches('min', ['max']), []);
    assert.deepEqual(closestMatches('ab', ['en']), []);
    assert.deepEqual(closestMatches('mx', ['max', 'min']), ['max']);
  });
  it('ranks by distance and keeps at most `max`', () => {
    const ids = ['gpt-4o', 'gpt-4o-mini', 'gpt-4', 'gpt-4.1', 'gpt-4-turbo'];
    assert.deepEqual(closestMatches('gpt4o', ids), ['gpt-4o', 'gpt-4']);
    assert.equal(closestMatches('gpt-4', ids, 2).length, 2);
    assert.deepEqual(closestMatches('gpt-4', ids, 0), []);
  });
  it('matches rule ids', () => {
    const ids = ['budget/near-limit', 'budget/prompt-limit', 'model/unknown'];
    assert.deepEqual(closestMatches('budget/near-limt', ids), ['budget/near-limit']);
  });
  it('returns nothing for nothing close, and no duplicates', () => {
    assert.deepEqual(closestMatches('zzz', BUDGET_KEYS), []);
    assert.deepEqual(closestMatches('outpt', ['output', 'output']), ['output']);
  });
});
