// Exact counts equal plain js-tiktoken `encode(text, [], [])` for both encodings, special tokens included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXACTNESS_CORPUS, generateCjk, generateProse, pick, seededRandom } from './corpus';
import { ENCODINGS, pool, rankTable, reference, referenceCount } from './reference';

const SPECIAL_TOKEN_TEXTS = [
  '<|endoftext|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|fim_prefix|>',
  '<|fim_middle|>',
  '<|fim_suffix|>',
  '<|endofprompt|>',
];

/** Characters for random strings: every class the pre-tokenizers distinguish, and awkward code units. */
const ALPHABET = [
  'a',
  'Z',
  'é',
  'ß',
  'Ω',
  'ж',
  '中',
  'の',
  'カ',
  '한',
  'ก',
  'ع',
  'क',
  '\u094d',
  '\u0301',
  '0',
  '7',
  '٣',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u00a0',
  '\u3000',
  '.',
  ',',
  "'",
  "'s",
  '"',
  '/',
  '\\',
  '<|',
  '|>',
  '_',
  '-',
  '=',
  '😀',
  '👍🏽',
  '\u200d',
  '👨‍👩‍👧',
  '🇯',
  '𐐀',
  '\ud800',
  '\udc00',
  '\u0000',
  '\ufffd',
  '__proto__',
  'constructor',
  'hasOwnProperty',
];

function randomText(random: () => number, pieces: number): string {
  return Array.from({ length: pieces }, () => pick(random, ALPHABET)).join('');
}

for (const encoding of ENCODINGS) {
  describe(`exact counting, ${encoding}`, () => {
    for (const [name, text] of Object.entries(EXACTNESS_CORPUS)) {
      it(`matches js-tiktoken on ${name}`, async () => {
        const counter = await pool.counterFor({ encoding });
        const count = counter.count(text);
        assert.equal(count.tokens, await referenceCount(encoding, text));
        assert.equal(count.approximate, false);
        assert.deepEqual(count.estimated, []);
      });
    }

    it('matches js-tiktoken on the whole corpus joined, and on generated prose and CJK', async () => {
      const counter = await pool.counterFor({ encoding });
      for (const text of [Object.values(EXACTNESS_CORPUS).join('\n'), generateProse(100_000, 7), generateCjk(20_000, 7)]) {
        assert.equal(counter.count(text).tokens, await referenceCount(encoding, text));
      }
    });

    it('matches js-tiktoken on 2,000 random strings mixing scripts, marks, surrogates and controls', async () => {
      const counter = await pool.counterFor({ encoding });
      const random = seededRandom(20240601);
      for (let i = 0; i < 2000; i++) {
        const text = randomText(random, 1 + Math.floor(random() * 40));
        assert.equal(counter.count(text).tokens, await referenceCount(encoding, text), JSON.stringify(text));
      }
    });

    it('counts special-token text as ordinary text and never throws', async () => {
      const counter = await pool.counterFor({ encoding });
      const tiktoken = await reference(encoding);
      assert.throws(() => tiktoken.encode('<|endoftext|>'), 'the reference throws by default (docs/design/pitfalls.md P1)');
      for (const special of SPECIAL_TOKEN_TEXTS) {
        const count = counter.count(special);
        assert.equal(count.tokens, tiktoken.encode(special, [], []).length);
        assert.ok(count.tokens > 1, `${special} is several ordinary tokens, not one special token`);
      }
    });

    it('counts Object.prototype names as ordinary text (the table is keyed by bytes, not object properties)', async () => {
      const counter = await pool.counterFor({ encoding });
      for (const word of [
        'hasOwnProperty',
        'isPrototypeOf',
        'propertyIsEnumerable',
        'constructor',
        '__proto__',
        'toString',
        'valueOf',
      ]) {
        for (const text of [word, ` ${word}`, `.${word}(`]) {
          assert.equal(counter.count(text).tokens, await referenceCount(encoding, text), text);
        }
      }
    });

    it('has every single byte in its table, so each unmerged byte is one token', async () => {
      const table = await rankTable(encoding);
      for (let byte = 0; byte < 256; byte++) assert.ok((table.byteRank[byte] as number) >= 0, `byte ${byte}`);
    });

    it('stores, for every multi-byte token, the two lower-ranked tokens it is merged from, which join back into it', async () => {
      const table = await rankTable(encoding);
      for (let rank = 0; rank < table.size; rank += 97) {
        const length = table.tokenLength(rank);
        if (length < 2) continue;
        const left = table.splitLeft[rank] as number;
        const right = table.splitRight[rank] as number;
        assert.ok(left < rank && right < rank, `token ${rank}`);
        assert.equal(table.tokenLength(left) + table.tokenLength(right), length);
        assert.equal(table.merged(left, right), rank);
        const bytes = table.bytes.subarray(table.starts[rank], table.starts[rank + 1]);
        assert.equal(table.rank(bytes, 0, bytes.length), rank);
      }
    });
  });
}
