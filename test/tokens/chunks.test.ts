// Chunked counting (docs/design/pitfalls.md P3): chunk boundaries are piece boundaries, and the sum of chunks is the whole.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EncodingName } from '../../core/models/types';
import { ChunkedCounter, isChunkBoundary, splitIntoChunks } from '../../core/tokens/chunks';
import { EXACTNESS_CORPUS, generateProse, pick, seededRandom } from './corpus';
import { ENCODINGS, counterWith, pool, referenceCount, referencePieces } from './reference';
import { cl100kPieceEnd, o200kPieceEnd } from '../../core/tokens/pretokenize';
import { classTable } from '../../core/tokens/unicode';

/** Fragments of every kind, and separators that make or break boundaries (`\n/`, `\n `, CRLF, blank lines). */
const FRAGMENTS = [
  ...Object.values(EXACTNESS_CORPUS).flatMap((text) => text.split(/(?<=[\n.。,，])/)),
  'a'.repeat(30),
  ' '.repeat(25),
  '-'.repeat(33),
  '/path/to/file',
  '// comment',
  '/',
  '.',
  '...\n',
  '/*',
  'x',
];
const SEPARATORS = [
  '',
  '',
  ' ',
  '\n',
  '\n',
  '\n\n',
  '\n\n\n',
  '\r\n',
  '\r\n\r\n',
  '\n/',
  '\n ',
  '\n\t',
  ' \n',
  '.\n/',
  '\n\u00a0',
];

function randomDocument(random: () => number, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += pick(random, FRAGMENTS) + pick(random, SEPARATORS);
  return text;
}

function randomEdit(random: () => number, text: string): string {
  const start = Math.floor(random() * (text.length + 1));
  const end = Math.min(text.length, start + Math.floor(random() * 40));
  const insert = random() < 0.3 ? '' : randomDocument(random, 1 + Math.floor(random() * 3));
  return text.slice(0, start) + insert + text.slice(end);
}

/** Offsets where some piece of the whole text starts or ends. */
async function pieceEdges(encoding: EncodingName, text: string): Promise<Set<number>> {
  const edges = new Set<number>([0, text.length]);
  for (const piece of await referencePieces(encoding, text)) {
    edges.add(piece.offset);
    edges.add(piece.offset + piece.text.length);
  }
  return edges;
}

describe('isChunkBoundary', () => {
  const cases: Array<[string, number, boolean]> = [
    ['a\nb', 2, true],
    ['a\n\nb', 3, true],
    ['a\r\nb', 3, true],
    ['a.\nb', 3, true],
    ['a\n😀', 2, true],
    ['a\n/b', 2, false],
    ['a.\n/b', 3, false],
    ['a\n b', 2, false],
    ['a\n\tb', 2, false],
    ['a\n\nb', 2, false],
    ['ab', 1, false],
    ['a\n', 2, false],
    ['\nb', 0, false],
    ['a\n\u00a0b', 2, false],
    // The pre-tokenizer's whitespace is Unicode White_Space, not JavaScript's \s.
    ['a\n\u0085\nb', 2, false],
    ['a\n\u2028b', 2, false],
    ['a\n\ufeffb', 2, true],
  ];
  for (const [text, p, expected] of cases) {
    it(`${JSON.stringify(text)} at ${p}: ${expected}`, () => assert.equal(isChunkBoundary(text, p), expected));
  }

  // tiktoken's pattern runs on Rust's regex crate, whose \s is Unicode White_Space (U+0085 in, U+FEFF out);
  // JavaScript's \s differs, so the reference pieces above (a JavaScript RegExp) cannot show this one. tiktoken
  // 0.14, given both patterns and ranks for "\n\u0085\n", encodes "a\n\u0085\nb" as a, "\n\u0085\n", b.
  for (const [encoding, pieceEnd] of [
    ['o200k_base', o200kPieceEnd],
    ['cl100k_base', cl100kPieceEnd],
  ] as const) {
    it(`is not a boundary before U+0085, which ${encoding} reads as whitespace`, () => {
      const text = 'a\n\u0085\nb';
      const pieces: string[] = [];
      for (let p = 0; p < text.length;) {
        const end = pieceEnd(text, p, classTable());
        pieces.push(text.slice(p, end));
        p = end;
      }
      assert.deepEqual(pieces, ['a', '\n\u0085\n', 'b']);
      assert.equal(isChunkBoundary(text, 2), false);
    });
  }

  it('excludes "/" because o200k_base continues a punctuation piece across "\\n/"', async () => {
    assert.deepEqual(
      (await referencePieces('o200k_base', 'a.\n/b')).map((p) => p.text),
      ['a', '.\n/', 'b'],
    );
  });
});

for (const encoding of ENCODINGS) {
  describe(`chunked counting, ${encoding}`, () => {
    it('never cuts a piece, and chunk counts add up to the whole (random documents)', async () => {
      const random = seededRandom(encoding === 'o200k_base' ? 11 : 12);
      for (let round = 0; round < 150; round++) {
        const text = randomDocument(random, 5 + Math.floor(random() * 60));
        const edges = await pieceEdges(encoding, text);
        for (let p = 0; p <= text.length; p++) {
          if (isChunkBoundary(text, p)) assert.ok(edges.has(p), `boundary ${p} cuts a piece in ${JSON.stringify(text)}`);
        }
        const chunks = splitIntoChunks(text, 1 + Math.floor(random() * 200));
        assert.equal(chunks.map((c) => text.slice(c.offset, c.offset + c.length)).join(''), text);
        let sum = 0;
        for (const c of chunks) sum += await referenceCount(encoding, text.slice(c.offset, c.offset + c.length));
        assert.equal(sum, await referenceCount(encoding, text), JSON.stringify(text));
      }
    });

    it('equals a whole-text count through random edit sequences', async () => {
      const random = seededRandom(encoding === 'o200k_base' ? 21 : 22);
      const counter = await pool.counterFor({ encoding });
      for (let sequence = 0; sequence < 10; sequence++) {
        const chunked = new ChunkedCounter(counter, { maxChunkLength: 64, maxEntries: 32 });
        let text = randomDocument(random, 40);
        for (let step = 0; step < 25; step++) {
          text = randomEdit(random, text);
          const count = chunked.count(text);
          assert.equal(count.tokens, await referenceCount(encoding, text), JSON.stringify(text));
          assert.deepEqual(count.estimated, []);
        }
      }
    });

    it('gives the whole-text result for approximate models and estimated long pieces, spans included', async () => {
      const random = seededRandom(31);
      const counter = await counterWith(encoding, { longPieceThreshold: 20 });
      const approximate = await pool.counterFor({ encoding, factors: { latin: 1.13, cjk: 1.71, other: 2.3 } });
      const chunkedExactish = new ChunkedCounter(counter, { maxChunkLength: 50 });
      const chunkedApproximate = new ChunkedCounter(approximate, { maxChunkLength: 50 });
      for (let round = 0; round < 100; round++) {
        const text = randomDocument(random, 30);
        assert.deepEqual(chunkedExactish.count(text), counter.count(text));
        assert.deepEqual(chunkedApproximate.count(text), approximate.count(text));
      }
    });

    it('re-counts only the chunk that an edit touched', async () => {
      const paragraphs = Array.from({ length: 40 }, (_, i) =>
        generateProse(300, 100 + i)
          .replace(/\s+/g, ' ')
          .trim(),
      );
      const chunked = new ChunkedCounter(await pool.counterFor({ encoding }));
      const before = paragraphs.join('\n\n');
      chunked.count(before);
      assert.equal(chunked.stats.counted, 40);
      paragraphs[17] = paragraphs[17] + ' An edited sentence.';
      const after = paragraphs.join('\n\n');
      assert.equal(chunked.count(after).tokens, await referenceCount(encoding, after));
      assert.deepEqual(chunked.stats, { counted: 41, reused: 39 });
    });

    it('keeps its cache bounded', async () => {
      const chunked = new ChunkedCounter(await pool.counterFor({ encoding }), { maxEntries: 8 });
      for (let i = 0; i < 5; i++) chunked.count(Array.from({ length: 30 }, (_, j) => `Paragraph ${i}-${j}.`).join('\n\n'));
      assert.equal(chunked.cachedChunks, 8);
    });
  });
}
