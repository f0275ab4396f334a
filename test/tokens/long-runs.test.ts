// Long unbroken runs (PITFALLS 2) complete, and pieces past the threshold are flagged and located.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEFAULT_LONG_PIECE_THRESHOLD } from '../../core/tokens/encoding';
import { seededRandom } from './corpus';
import { ENCODINGS, counterWith, pool, referenceCount, referencePieces } from './reference';

/** Spans of the pieces longer than `threshold`, found with the encoding's regex directly (not via core). */
async function longPieceSpans(encoding: (typeof ENCODINGS)[number], text: string, threshold: number) {
  return (await referencePieces(encoding, text))
    .filter((piece) => piece.text.length > threshold)
    .map((piece) => ({ offset: piece.offset, length: piece.text.length }));
}

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
      it(`completes on ${name}, estimating exactly the pieces past the threshold`, async () => {
        const text = make();
        const count = (await pool.counterFor({ encoding })).count(text);
        const expected = await longPieceSpans(encoding, text, DEFAULT_LONG_PIECE_THRESHOLD);
        assert.deepEqual(count.estimated, expected);
        assert.equal(count.approximate, expected.length > 0);
        assert.ok(count.tokens > 0);
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

    it('counts a long piece as the sum of its fixed-size slices', async () => {
      const threshold = 64;
      const counter = await counterWith(encoding, { longPieceThreshold: threshold });
      // Pieces: "hello", " " + 200 × a (201 units, so slices of 64, 64, 64, 9), " world".
      const text = `hello ${'a'.repeat(200)} world`;
      const expected =
        (await referenceCount(encoding, 'hello')) +
        (await referenceCount(encoding, ' ' + 'a'.repeat(63))) +
        2 * (await referenceCount(encoding, 'a'.repeat(64))) +
        (await referenceCount(encoding, 'a'.repeat(9))) +
        (await referenceCount(encoding, ' world'));
      const count = counter.count(text);
      assert.equal(count.tokens, expected);
      assert.deepEqual(count.estimated, [{ offset: 5, length: 201 }]);
      assert.equal(count.approximate, true);
    });

    it('never cuts a surrogate pair when slicing a long piece', async () => {
      const counter = await counterWith(encoding, { longPieceThreshold: 5 });
      // 4 emoji = 8 code units: a cut after 5 would split the third emoji; it moves to 4 instead.
      const count = counter.count('😀😀😀😀');
      assert.equal(count.tokens, 2 * (await referenceCount(encoding, '😀😀')));
      assert.deepEqual(count.estimated, [{ offset: 0, length: 8 }]);
    });

    it('estimates only the long pieces of a mixed document and counts the rest exactly', async () => {
      const threshold = 40;
      const counter = await counterWith(encoding, { longPieceThreshold: threshold });
      const exact = await counterWith(encoding);
      const text = `Intro text.\n\n${'x'.repeat(90)}\n${' '.repeat(50)}end ${'中'.repeat(45)}。 short ${'-'.repeat(41)}\n`;
      const count = counter.count(text);
      assert.deepEqual(count.estimated, await longPieceSpans(encoding, text, threshold));
      assert.equal(count.estimated.length, 4);
      assert.equal(exact.count(text).tokens, await referenceCount(encoding, text));
    });
  });
}
