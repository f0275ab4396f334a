// The number formats lenses, hovers and completion details share.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compact, grouped, percent, tokenCount, DOCS_ROOT_URL } from '../../server/features/text';
import { ruleDocsUrl } from '../../core/rules/registry';

describe('number formats', () => {
  it('compacts windows the way the status bar reads them', () => {
    assert.deepEqual([999, 4096, 8192, 16385, 128000, 200000, 999_499, 999_600, 1047576, 2097152, 10485760].map(compact), [
      '999',
      '4.1k',
      '8.19k',
      '16.4k',
      '128k',
      '200k',
      '999k',
      '1M',
      '1.05M',
      '2.1M',
      '10.5M',
    ]);
  });

  it('groups thousands and marks approximate counts', () => {
    assert.equal(grouped(1234567), '1,234,567');
    assert.equal(tokenCount(1234, true), '≈1,234 tokens');
    assert.equal(tokenCount(7, false), '7 tokens');
  });

  it('never shows a use just over 100 % as 100 %', () => {
    assert.equal(percent(400, 500), '80%');
    assert.equal(percent(502, 500), '100.4%');
    assert.equal(percent(500, 500), '100%');
    assert.equal(percent(1, 0), '—');
    assert.equal(percent(4, 128000), '<1%');
    assert.equal(percent(0, 128000), '0%');
  });

  it('links docs under the same base as the rule pages (the CLI’s SARIF helpUri)', () => {
    assert.equal(`${DOCS_ROOT_URL}rules/budget/near-limit.md`, ruleDocsUrl('budget/near-limit'));
  });
});
