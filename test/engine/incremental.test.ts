// The editor's incremental lint (a DocumentSession kept across versions) equals a lint from scratch, for every rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDocument, type EngineHost } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { DocumentSession } from '../../core/analysis/session';
import { IncrementalCounterPool } from '../../core/tokens/incremental';
import { assertIncrementalEqualsFull, files, generatePrompt, plain, summary } from './incremental-lint';
import { seededRandom } from '../tokens/corpus';

describe('incremental lint equals a full re-lint', () => {
  it('covers every rule of the registry that the generated prompts can trigger', async () => {
    // Sanity of the generator: the documents do trigger the rules this test is about.
    const random = seededRandom(7);
    const seen = new Set<string>();
    const host: EngineHost = { tokenizers: plain, files };
    for (let i = 0; i < 30; i++) {
      const result = await lintDocument(
        { uri: 'file:///w/p.prompt.md', text: generatePrompt(random), config: defaultConfig() },
        host,
      );
      for (const d of result.diagnostics) seen.add(d.ruleId);
    }
    for (const id of [
      'instructions/undeclared',
      'instructions/mismatch',
      'budget/section-limit',
      'template/undefined-variable',
      'tokens/special-token',
      'annotation/invalid',
    ]) {
      assert.ok(seen.has(id), `no generated prompt triggered ${id} (saw ${[...seen].join(', ')})`);
    }
  });

  for (const seed of [11, 22, 33]) {
    it(`random edit sequences, seed ${seed}`, async () => {
      const compared = await assertIncrementalEqualsFull(seed, 3, 30);
      assert.equal(compared, 90);
    });
  }

  it('statements that read as one across paragraphs, then with one paragraph gone', async () => {
    // Each paragraph's statements are kept; the piece's are read together afresh, and the kept ones never change.
    const uri = 'file:///w/p.prompt.md';
    const pairs = [
      ['Use the word war at least 3 times in your answer.', 'Use the word peace at least 2 times in your answer.'],
      ['Paragraph 2 must start with the word Hello.', 'There should be 4 paragraphs, separated by ***.'],
      ['Include at least 5 words in all capital letters.', 'Use words in all caps at least 3 times.'],
      ['Use the letter q at least 4 times.', 'Use the letter z at least 2 times.'],
    ];
    for (const [first, second] of pairs) {
      const session = new DocumentSession();
      const incremental: EngineHost = { tokenizers: new IncrementalCounterPool(plain), files };
      for (const text of [`${first}\n\n${second}\n`, `${first}\n`, `${first}\n\n${second}\n`, `Intro.\n\n${second}\n`]) {
        const kept = await lintDocument({ uri, text, config: defaultConfig(), session }, incremental);
        const full = await lintDocument({ uri, text, config: defaultConfig() }, { tokenizers: plain, files });
        assert.ok(full.diagnostics.length > 0, `nothing stated in ${JSON.stringify(text)}`);
        assert.deepEqual(summary(kept), summary(full), JSON.stringify(text));
      }
    }
  });

  it('a Dotprompt with role blocks', async () => {
    await assertIncrementalEqualsFull(44, 2, 30, 'file:///w/p.prompt');
  });

  it('a Prompty prompt (Jinja tags)', async () => {
    await assertIncrementalEqualsFull(55, 2, 30, 'file:///w/p.prompty');
  });
});
