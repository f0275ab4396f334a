// tokens/special-token finds special tokens by `indexOf('<|')` and a sticky pattern: the same as a search with the
// global pattern, on texts full of near misses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDocument } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { specialToken } from '../../core/rules/tokens/special-token';
import { plain } from '../engine/incremental-lint';
import { pick, seededRandom } from '../tokens/corpus';

const PIECES = ['<|', '|>', '<|endoftext|>', '<|im_start|>', '<|a', 'b|>', '<', '|', 'x', '_9', ' ', '\n', '<|<|eot_id|>'];

describe('tokens/special-token search', () => {
  for (const seed of [1, 2, 3]) {
    it(`finds what the global pattern finds, seed ${seed}`, async () => {
      const random = seededRandom(seed);
      for (let i = 0; i < 40; i++) {
        let text = '';
        for (let n = 0; n < 60; n++) text += pick(random, PIECES);
        const expected = [...text.matchAll(/<\|[A-Za-z][A-Za-z0-9_]{0,40}\|>/g)].map((m) => `${m.index}:${m[0]}`);
        const result = await lintDocument({ uri: 'file:///w/p.txt', text, config: defaultConfig() }, { tokenizers: plain }, [
          specialToken,
        ]);
        const found = result.diagnostics.map((d) => `${d.offset}:${String(d.data?.token)}`);
        assert.deepEqual(found, expected, JSON.stringify(text));
      }
    });
  }
});
