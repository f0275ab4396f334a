// Approximate counts (docs/models.md): proxy count × script factor, rounded up once, never below the proxy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyPiece } from '../../core/tokens/script';
import { emptyTally, finishCount } from '../../core/tokens/tally';
import { generateProse, seededRandom } from './corpus';
import { ENCODINGS, pool, referenceCount } from './reference';

describe('rounding', () => {
  it('rounds up once, without float noise (checked by hand)', () => {
    const factors = { latin: 1.1, cjk: 1.1, other: 1.1 };
    assert.equal(finishCount({ ...emptyTally(), latin: 1000 }, factors).tokens, 1100);
    assert.equal(finishCount({ ...emptyTally(), latin: 1001 }, factors).tokens, 1102);
    assert.equal(finishCount({ ...emptyTally(), latin: 1, cjk: 1, other: 1 }, { latin: 1.2, cjk: 1.2, other: 1.2 }).tokens, 4);
    assert.equal(finishCount({ ...emptyTally(), latin: 3 }, { latin: 1, cjk: 9, other: 9 }).tokens, 3);
  });
});

describe('script classes', () => {
  const cases: Array<[string, string]> = [
    [' hello', 'latin'],
    ['café', 'latin'],
    [' Привет', 'latin'],
    ['Καλημέρα', 'latin'],
    ['...', 'latin'],
    ['e\u0301', 'latin'],
    ['中文', 'cjk'],
    ['カタカナ', 'cjk'],
    ['한국어', 'cjk'],
    ['。', 'cjk'],
    ['hello你好', 'cjk'],
    ['مرحبا', 'other'],
    ['नमस्ते', 'other'],
    ['สวัสดี', 'other'],
    ['😀', 'other'],
    ['🇯🇵', 'other'],
    ['١٢٣', 'other'],
  ];
  for (const [piece, expected] of cases) {
    it(`classes ${JSON.stringify(piece)} as ${expected}`, () => {
      assert.equal(classifyPiece(piece, /^[\x00-\x7f]*$/.test(piece)), expected);
    });
  }
});

for (const encoding of ENCODINGS) {
  describe(`approximate counting, ${encoding}`, () => {
    it('marks counters and counts approximate when factors are given', async () => {
      const exact = await pool.counterFor({ encoding });
      const approx = await pool.counterFor({ encoding, factors: { latin: 1, cjk: 1, other: 1 } });
      assert.equal(exact.approximate, false);
      assert.equal(approx.approximate, true);
      const count = approx.count('hello');
      assert.deepEqual(count, { tokens: await referenceCount(encoding, 'hello'), approximate: true, estimated: [] });
    });

    it('applies each script its own factor', async () => {
      const latin = 'Hello world, this is plain English.\n\n';
      const cjk = '你好世界，这是中文';
      const newlines = '\n\n';
      const emoji = '🎉🚀👍🏽';
      const text = latin + cjk + newlines + emoji;
      const parts = [latin, cjk, newlines, emoji];
      const counts = await Promise.all(parts.map((part) => referenceCount(encoding, part)));
      const [latinCount, cjkCount, newlineCount, emojiCount] = counts as [number, number, number, number];
      assert.equal(
        latinCount + cjkCount + newlineCount + emojiCount,
        await referenceCount(encoding, text),
        'fixture splits at piece boundaries',
      );
      const counter = await pool.counterFor({ encoding, factors: { latin: 1, cjk: 2, other: 3 } });
      assert.equal(counter.count(text).tokens, latinCount + newlineCount + 2 * cjkCount + 3 * emojiCount);
    });

    it('is the proxy count times the factor, rounded up', async () => {
      const text = generateProse(20_000, 3);
      const proxy = await referenceCount(encoding, text);
      const counter = await pool.counterFor({ encoding, factors: { latin: 1.1, cjk: 1.5, other: 2 } });
      assert.equal(counter.count(text).tokens, Math.floor((proxy * 11 + 9) / 10));
    });

    it('is never below the proxy count when every factor is ≥ 1', async () => {
      const random = seededRandom(99);
      const exact = await pool.counterFor({ encoding });
      const samples = ['', 'a', '中', '😀', generateProse(500, 5), '中文 text 😀 مرحبا'];
      for (let i = 0; i < 50; i++) {
        const factors = { latin: 1 + random() * 2, cjk: 1 + random() * 2, other: 1 + random() * 2 };
        const counter = await pool.counterFor({ encoding, factors });
        for (const text of samples) {
          const count = counter.count(text);
          assert.ok(Number.isInteger(count.tokens));
          assert.ok(count.tokens >= exact.count(text).tokens, JSON.stringify({ text, factors }));
        }
      }
    });
  });
}
