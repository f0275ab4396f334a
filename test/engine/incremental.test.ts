// The editor's incremental lint (a DocumentSession kept across versions) equals a lint from scratch, for every rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDocument, type EngineHost } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { assertIncrementalEqualsFull, files, generatePrompt, plain } from './incremental-lint';
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

  it('a Dotprompt with role blocks', async () => {
    await assertIncrementalEqualsFull(44, 2, 30, 'file:///w/p.prompt');
  });

  it('a Prompty prompt (Jinja tags)', async () => {
    await assertIncrementalEqualsFull(55, 2, 30, 'file:///w/p.prompty');
  });
});
