// Long unbroken runs complete and are counted exactly: no piece is ever estimated, whatever its length.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { seededRandom } from './corpus';
import { ENCODINGS, counterWith, pool, referenceCount } from './reference';

/** Deterministic stand-in for crypto bytes, so failures reproduce. */
function seededBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

const PATHOLOGICAL: Record<string, () => string> = {
  'a × 200,000': () => 'a'.repeat(200_000),
  '200 KB of spaces': () => ' '.repeat(200_000),
  '200 KB of spaces then a word': () => ' '.repeat(200_000) + 'word',
  '200 KB of mixed whitespace': () => ' \t\u00a0'.repeat(70_000),
  '200 KB of newlines': () => '\n'.repeat(200_000),
  '1 MB of base64 on one line': () => Buffer.from(seededBytes(750_000, 1)).toString('base64'),
  '1 MB of single-character lines': () => 'a\n'.repeat(500_000),
  '1 MB of binary junk decoded as UTF-8': () => new TextDecoder().decode(seededBytes(1_000_000, 2)),
  '1 MB of one punctuation character': () => '!'.repeat(1_000_000),
  '500 K emoji in one run': () => '😀'.repeat(500_000),
  'a word with 200 K combining marks': () => 'e' + '\u0301'.repeat(200_000),
};

for (const encoding of ENCODINGS) {
  describe(`long runs, ${encoding}`, () => {
    for (const [name, make] of Object.entries(PATHOLOGICAL)) {
      it(`completes on ${name} with an exact count, nothing estimated, streaming or not`, async () => {
        const text = make();
        const count = (await pool.counterFor({ encoding })).count(text);
        assert.deepEqual(count.estimated, []);
        assert.equal(count.approximate, false);
        assert.ok(count.tokens > 0);
        // Streaming every piece (no copy) and the in-buffer linear encoder agree.
        const streamed = await counterWith(encoding, { longPieceThreshold: 2, cache: false });
        assert.equal(streamed.count(text).tokens, count.tokens);
      });
    }

    it('counts 1 MB of single-character lines as one token per character (checked by hand)', async () => {
      const counter = await pool.counterFor({ encoding });
      assert.equal(await referenceCount(encoding, 'a\n'.repeat(1000)), 2000);
      assert.equal(counter.count('a\n'.repeat(500_000)).tokens, 1_000_000);
    });

    it('is exact on base64 and binary junk samples (their pieces are short)', async () => {
      const counter = await pool.counterFor({ encoding });
      for (const text of [randomBytes(75_000).toString('base64'), new TextDecoder().decode(randomBytes(30_000))]) {
        const count = counter.count(text);
        assert.equal(count.tokens, await referenceCount(encoding, text));
        assert.equal(count.approximate, false);
      }
    });

    it('counts a long piece exactly: the linear encoder equals tiktoken-style merging on runs of every kind', async () => {
      const linear = await counterWith(encoding, { mergeLimit: 0, cache: false });
      const random = seededRandom(encoding === 'o200k_base' ? 41 : 42);
      const units = ['a', 'ab', 'x', ' ', '中', '😀', '\u0301', '-', '=', 'Aa', '0', 'é', '\n'];
      for (let round = 0; round < 60; round++) {
        const unit = units[round % units.length] as string;
        const text = `start ${unit.repeat(50 + Math.floor(random() * 600))}${round % 2 === 0 ? ' end' : ''}`;
        assert.equal(linear.count(text).tokens, await referenceCount(encoding, text), JSON.stringify(text.slice(0, 30)));
      }
    });

    it('never splits a surrogate pair, streamed or buffered', async () => {
      const streamed = await counterWith(encoding, { longPieceThreshold: 3, cache: false });
      for (const text of ['😀😀😀😀', 'x😀😀😀😀😀y', '\ud83d\ud83d\ude00']) {
        assert.equal(streamed.count(text).tokens, await referenceCount(encoding, text), JSON.stringify(text));
      }
    });
  });
}
