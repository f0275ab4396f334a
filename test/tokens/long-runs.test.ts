// Long unbroken runs complete and are counted exactly: no piece is ever estimated, whatever its length.
// Sized for a test run (20,000 to 100,000 units, every run several times the streaming threshold and the linear
// encoder's window); `npm run bench` (bench/large-inputs.ts) runs the same inputs ten times larger.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEFAULT_LONG_PIECE_THRESHOLD } from '../../core/tokens/encoding';
import { TEST_SCALE, longRunInputs, unitRuns } from './long-run-inputs';
import { ENCODINGS, counterWith, pool, referenceCount } from './reference';

for (const encoding of ENCODINGS) {
  describe(`long runs, ${encoding}`, () => {
    for (const { name, make } of longRunInputs(TEST_SCALE)) {
      it(`completes on ${name} with an exact count, nothing estimated, streaming or not`, async () => {
        const text = make();
        assert.ok(text.length >= 4 * DEFAULT_LONG_PIECE_THRESHOLD, `${text.length} units is a long run`);
        const count = (await pool.counterFor({ encoding })).count(text);
        assert.deepEqual(count.estimated, []);
        assert.equal(count.approximate, false);
        assert.ok(count.tokens > 0);
        // Streaming every piece (no copy) and the in-buffer linear encoder agree.
        const streamed = await counterWith(encoding, { longPieceThreshold: 2, cache: false });
        assert.equal(streamed.count(text).tokens, count.tokens);
      });
    }

    it('counts 100,000 single-character lines as one token per character (checked by hand)', async () => {
      const counter = await pool.counterFor({ encoding });
      assert.equal(await referenceCount(encoding, 'a\n'.repeat(1000)), 2000);
      assert.equal(counter.count('a\n'.repeat(50_000)).tokens, 100_000);
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
      for (const text of unitRuns(encoding, 26)) {
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
