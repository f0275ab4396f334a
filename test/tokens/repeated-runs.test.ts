// Long repeated runs (whitespace above all) skip whole periods in the linear encoder: the count is the one
// byte-by-byte pushing gives, and the work does not grow with the run's length (docs/tokenizers.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinearEncoder } from '../../core/tokens/linear';
import { withCpuTime } from '../support/cpu-time';
import { ENCODINGS, counterWith, pool, rankTable } from './reference';

const encoder = new TextEncoder();
const PATTERNS = [' ', '\n', '\t', '\r\n', '\u3000', '\u0085', '\u00a0', ' \t\u00a0', 'a', '😀'];

for (const encoding of ENCODINGS) {
  describe(`repeated runs, ${encoding}`, () => {
    it('pushRepeated counts what pushing every byte counts, at lengths around the skip points', async () => {
      const table = await rankTable(encoding);
      for (const text of PATTERNS) {
        const pattern = encoder.encode(text);
        for (const times of [1, 7, 700, 2_048, 3_001, 6_007]) {
          const stepwise = new LinearEncoder(table);
          stepwise.begin();
          for (let t = 0; t < times; t++) for (const byte of pattern) stepwise.push(byte);
          const repeated = new LinearEncoder(table);
          repeated.begin();
          repeated.push(0x78); // an 'x' before the run: the run does not start the piece
          repeated.pushRepeated(pattern, pattern.length, times);
          stepwise.begin();
          stepwise.push(0x78);
          for (let t = 0; t < times; t++) for (const byte of pattern) stepwise.push(byte);
          assert.equal(repeated.count(), stepwise.count(), `${JSON.stringify(text)} × ${times}`);
        }
      }
    });

    it('pushes a bounded number of patterns one by one, whatever the run length', async () => {
      const table = await rankTable(encoding);
      for (const text of [' ', '\n', '\r\n', '\u3000', '\u00a0']) {
        const pattern = encoder.encode(text);
        const linear = new LinearEncoder(table);
        linear.begin();
        linear.pushRepeated(pattern, pattern.length, 1_000_000);
        // Without the skip this is 1,000,000; with it, the warm-up before the first period check plus one remainder.
        assert.ok(linear.repeatSteps < 5_000, `${JSON.stringify(text)}: ${linear.repeatSteps} steps`);
        assert.ok(linear.count() > 0);
      }
    });

    it('counts a megabyte of each whitespace kind within a CPU bound far below byte-by-byte pushing', async () => {
      const counter = await pool.counterFor({ encoding });
      for (const text of [' ', '\n', '\t', '\r\n', '\u3000', '\u00a0']) {
        const run = text.repeat(Math.round(1_000_000 / text.length)) + ' word';
        // Pushing every byte took 4 to 20 s for a megabyte of spaces; skipping periods takes tens of ms.
        const { result, ms } = withCpuTime(() => counter.count(run));
        assert.ok(ms < 2_000, `${JSON.stringify(text)}: ${ms.toFixed(0)} ms of CPU`);
        assert.equal(result.approximate, false);
      }
    });

    it('gives the same counts through the counter, streaming or buffered, run followed by a word or not', async () => {
      const streamed = await counterWith(encoding, { longPieceThreshold: 2, cache: false });
      const buffered = await counterWith(encoding, { mergeLimit: Infinity, cache: false });
      for (const text of PATTERNS) {
        for (const sample of [text.repeat(1_500), text.repeat(1_501) + 'word', 'x' + text.repeat(1_499) + '\n']) {
          assert.equal(streamed.count(sample).tokens, buffered.count(sample).tokens, JSON.stringify(sample.slice(0, 6)));
        }
      }
    });
  });
}
