// Our counts equal the real tiktoken's (Rust core) on the recorded corpus: every pre-tokenizer branch, every
// character where JavaScript and Rust regex classes differ, seeded random strings and long runs.
// The counts were recorded by scripts/tiktoken-reference.ts, which re-derives them with live tiktoken in CI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { longRuns } from './tiktoken-corpus';
import { ENCODINGS, counterWith, pool } from './reference';

interface Recorded {
  tiktoken: string;
  entries: Array<{ name: string; text?: string; o200k_base: number; cl100k_base: number }>;
}

const recorded = JSON.parse(readFileSync(join(__dirname, 'tiktoken-reference.json'), 'utf8')) as Recorded;
const runs = longRuns();
const entries = recorded.entries.map((entry) => ({
  ...entry,
  text: entry.text ?? (runs[Number(entry.name.slice('long/'.length))] as string),
}));

for (const encoding of ENCODINGS) {
  describe(`tiktoken ${recorded.tiktoken} reference counts, ${encoding}`, () => {
    it('has the corpus it was recorded on (every kind of entry, long runs regenerated)', () => {
      for (const prefix of ['exactness/', 'branch/', 'char/', 'random/', 'long/']) {
        assert.ok(
          entries.some((e) => e.name.startsWith(prefix)),
          prefix,
        );
      }
      assert.ok(entries.some((e) => e.text.includes('\ufeff')) && entries.some((e) => e.text.includes('\u0085')));
      assert.equal(runs.length, entries.filter((e) => e.name.startsWith('long/')).length);
    });

    it('counts every entry exactly, never marked approximate', async () => {
      const counter = await pool.counterFor({ encoding });
      const wrong: string[] = [];
      for (const entry of entries) {
        const count = counter.count(entry.text);
        if (count.tokens !== entry[encoding] || count.approximate || count.estimated.length > 0) {
          wrong.push(
            `${entry.name}: ${count.tokens} (${count.approximate ? '≈' : 'exact'}), tiktoken ${entry[encoding]} ${JSON.stringify(entry.text.slice(0, 40))}`,
          );
        }
      }
      assert.deepEqual(wrong.slice(0, 20), []);
    });

    it('gives the same counts with the linear encoder only, the merge only, streaming and no cache', async () => {
      const variants = [
        await counterWith(encoding, { mergeLimit: 0, cache: false }),
        await counterWith(encoding, {
          mergeLimit: Number.POSITIVE_INFINITY,
          longPieceThreshold: Number.POSITIVE_INFINITY,
          cache: false,
        }),
        await counterWith(encoding, { longPieceThreshold: 2, cache: false }),
      ];
      for (const entry of entries) {
        // The merge alone is quadratic on a long piece, as tiktoken's is: long runs are left to the others.
        const usable = entry.name.startsWith('long/') ? variants.filter((_, i) => i !== 1) : variants;
        for (const counter of usable) assert.equal(counter.count(entry.text).tokens, entry[encoding], entry.name);
      }
    });

    // 'a' × 10,000,000 is counted by \`npm run bench\` (bench/large-inputs.ts).
    it("counts 'a' × 1,000,000 exactly: n / 8 tokens, as tiktoken counts every recorded run of 'a' whose length is a multiple of 8", async () => {
      const multiples = entries.filter((e) => /^a+$/.test(e.text) && e.text.length % 8 === 0);
      assert.ok(multiples.length >= 4, 'runs of 1008, 8000, 20000 ... letters are recorded');
      for (const entry of multiples) assert.equal(entry[encoding], entry.text.length / 8, entry.name);
      const count = (await pool.counterFor({ encoding })).count('a'.repeat(1_000_000));
      assert.deepEqual(count, { tokens: 125_000, approximate: false, estimated: [] });
    });
  });
}
