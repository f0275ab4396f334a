// Token counts in messages are grouped by thousands as `toLocaleString('en-US')` groups them (core/rules/format.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTokens, groupThousands } from '../../core/rules/format';

describe('groupThousands', () => {
  it('equals toLocaleString("en-US") for integers of every length and sign', () => {
    const values = [0, -0, 1, -1, 7, 12, 999, 1000, -1000, 12345, 123456, 1234567, 99999999, 1e15, -987654321];
    for (let n = 1; n < 1e16; n *= 7) values.push(n, n + 1, -n);
    values.push(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e21, NaN, Infinity);
    for (const n of values) assert.equal(groupThousands(n), n.toLocaleString('en-US'), String(n));
  });

  it('formats token counts, rounded, with ≈ when approximate', () => {
    assert.equal(formatTokens(1234567.4), '1,234,567');
    assert.equal(formatTokens(999.5, true), '≈1,000');
  });
});
