// A tally made in steps (the editor yields between them) equals the tally made in one go, whatever the step size,
// and two stepwise tallies paused inside long pieces do not disturb each other (docs/editor-performance.md).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TallyBudget } from '../../core/tokens/encoding';
import type { TokenTally } from '../../core/tokens/tally';
import { generateCjk, generateProse, seededRandom } from './corpus';
import { longRunInputs } from './long-run-inputs';
import { ENCODINGS, counterWith, referenceCount, referencePieces } from './reference';
import { cl100kPieceEnd, o200kPieceEnd } from '../../core/tokens/pretokenize';
import { classTable } from '../../core/tokens/unicode';

function drain(step: (budget: TallyBudget) => TokenTally | undefined, units: number): { tally: TokenTally; steps: number } {
  for (let steps = 1; ; steps++) {
    const tally = step({ units });
    if (tally !== undefined) return { tally, steps };
  }
}

function randomLetters(length: number, seed: number): string {
  const random = seededRandom(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(97 + Math.floor(random() * 26));
  return out;
}

const TEXTS: Array<[string, string]> = [
  ['prose', generateProse(20_000, 3)],
  ['CJK', generateCjk(6_000, 4)],
  ['one line of words', generateProse(20_000, 5).replace(/\n/g, ' ')],
  ['a run of one letter', 'a'.repeat(30_000)],
  ['random letters (one long piece)', randomLetters(12_000, 6)],
  ['spaces then a word', `${' '.repeat(9_000)}word`],
  ['surrogate pairs in a long piece', '\u{1F600}'.repeat(3_000) + randomLetters(3_000, 8) + '\u{1F600}x'.repeat(1_500)],
  ...longRunInputs(0.02).map(({ name, make }): [string, string] => [name, make()]),
];

describe('stepwise tallies', () => {
  for (const encoding of ENCODINGS) {
    it(`${encoding}: equal the one-go tally for any step size, long pieces streamed part by part`, async () => {
      // A low long-piece threshold streams pieces over 64 units, so pauses inside pieces are exercised often.
      for (const options of [{}, { longPieceThreshold: 64 }]) {
        const counter = await counterWith(encoding, options);
        for (const [name, text] of TEXTS) {
          const whole = counter.tally(text);
          for (const units of [1, 7, 100, 4096, 100_000]) {
            const { tally, steps } = drain(counter.stepwise(text), units);
            assert.deepEqual(tally, whole, `${name}, steps of ${units}`);
            // A run of one repeated pattern is pushed at once (its cost does not grow with its length); the rest pause.
            if (units <= 100 && /prose|words|random/.test(name))
              assert.ok(steps > text.length / 200, `${name}: ${steps} steps of ${units}`);
          }
        }
      }
    });

    it(`${encoding}: two tallies paused inside long pieces, interleaved, each equal tiktoken's count`, async () => {
      const counter = await counterWith(encoding, { longPieceThreshold: 64 });
      const a = randomLetters(2_000, 11);
      const b = `${randomLetters(1_500, 12)} ${'-'.repeat(3_000)}`;
      const stepA = counter.stepwise(a);
      const stepB = counter.stepwise(b);
      let ta: TokenTally | undefined;
      let tb: TokenTally | undefined;
      while (ta === undefined || tb === undefined) {
        ta ??= stepA({ units: 50 });
        // A one-go tally in between uses the encoding's shared linear encoder.
        counter.tally(randomLetters(500, 13));
        tb ??= stepB({ units: 70 });
      }
      assert.equal(ta.latin + ta.cjk + ta.other, await referenceCount(encoding, a));
      assert.equal(tb.latin + tb.cjk + tb.other, await referenceCount(encoding, b));
    });
  }
});

describe('long runs of one character in the pre-tokenizers', () => {
  // Runs long enough for the skip by comparison (64 repeats), of every class the scanners walk, with what may follow.
  const runs = ['a', 'A', 'ǅ', 'ー', '中', '-', ' ', '\n', '\u00a0', '1', "'", 'é'];
  const tails = ['', 'b', 'B', '!', ' x', '\n', "'s", '1', 'ー'];
  const texts: string[] = [];
  for (const run of runs)
    for (const tail of tails)
      for (const length of [63, 64, 65, 300, 5000]) texts.push(`${run.repeat(length)}${tail}`, `x${run.repeat(length)}${tail}`);
  texts.push(`${'A'.repeat(3000)}${'ー'.repeat(3000)}a`, `${' '.repeat(3000)}\n${' '.repeat(3000)}x`, `${'ab'.repeat(3000)}`);

  for (const encoding of ENCODINGS) {
    it(`${encoding}: pieces equal the reference pattern's`, async () => {
      const scan = encoding === 'o200k_base' ? o200kPieceEnd : cl100kPieceEnd;
      for (const text of texts) {
        const pieces: string[] = [];
        for (let p = 0; p < text.length;) {
          const end = scan(text, p, classTable());
          pieces.push(text.slice(p, end));
          p = end;
        }
        const expected = (await referencePieces(encoding, text)).map((piece) => piece.text);
        assert.deepEqual(pieces, expected, JSON.stringify(text.slice(0, 20)));
      }
    });
  }
});
