// Chunked segmentation (linear time on long completions) finds exactly the segments one Intl.Segmenter pass finds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmenter, segments } from '../../core/constraints/measure/segmenters';

const PIECES = [
  'hello',
  ' ',
  'wörld',
  ', ',
  '"quoted"',
  '{"a": [1, 2]}',
  '\n',
  '\r\n',
  'e\u0301',
  '👩‍👩‍👧',
  '🇩🇪',
  '世界和平',
  'ภาษาไทย',
  'Mr. Smith went. ',
  'U.S.A. ',
  '3,5',
  'a.b',
  ' \u0301',
  '\u200b',
  '!',
  '?',
  '...',
  '\t',
];

function randomText(seed: number, length: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) / 4294967296;
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe('segments', () => {
  for (const granularity of ['grapheme', 'word', 'sentence'] as const) {
    it(`${granularity}: same segments as one pass, over long mixed texts`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const text = randomText(seed, 3_000 + seed * 700);
        const whole = [...segmenter(granularity).segment(text)].map((s) => [s.index, s.segment, s.isWordLike]);
        const chunked = [...segments(granularity, text)].map((s) => [s.index, s.segment, s.isWordLike]);
        assert.deepEqual(chunked, whole, `seed ${seed}`);
      }
    });
  }
  it('a 60,000-character run without spaces is still segmented (graphemes cut between ASCII characters)', () => {
    const text = `${'x'.repeat(30_000)}é${'y'.repeat(30_000)}`;
    assert.equal([...segments('grapheme', text)].length, 60_001);
    assert.equal([...segments('word', text)].filter((s) => s.isWordLike).length, 1);
  });
});
