// Pathological 10 MB prompts linted the editor's way (a session and a checkpoint) equal a plain lint, and their long
// single steps (tallying one chunk, scanning one paragraph) pause at checkpoints (docs/editor-performance.md, "Never
// blocking"). Yields are counted through the checkpoint hook, never timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDocument, type EngineHost } from '../../core/engine';
import { DocumentSession } from '../../core/analysis/session';
import { ProseMemo } from '../../core/analysis/prose';
import { defaultConfig } from '../../core/config/types';
import { parseDocument } from '../../core/document';
import { statedConstraints } from '../../core/instructions/stated';
import { IncrementalCounterPool } from '../../core/tokens/incremental';
import { generateProse } from '../tokens/corpus';
import { plain, summary } from './incremental-lint';

const SIZE = 10_000_000;
const URI = 'file:///w/p.prompt.md';

/** Prose with a stated constraint near each end, so the scan has something to find. */
function prose(size: number): string {
  const words = generateProse(size, 9);
  return `Answer in at most 50 words.\n\n${words}\nRespond only in JSON.`;
}

const CASES: Array<{ name: string; text: () => string; checkpoints: number }> = [
  // One chunk of 10 MB: its tally pauses every few KB.
  { name: 'a 10 MB single line', text: () => prose(SIZE).replace(/\n/g, ' '), checkpoints: 1000 },
  // No blank line: one paragraph of 10 MB, scanned a detector pattern at a time; its lines are chunks.
  { name: 'a 10 MB paragraph', text: () => prose(SIZE).replace(/\n+/g, '\n'), checkpoints: 1000 },
  // One piece of 10 MB: a repeated run is pushed at once, the scan pauses between patterns.
  { name: 'a 10 MB run of one character', text: () => 'a'.repeat(SIZE), checkpoints: 60 },
];

describe('pathological 10 MB prompts, linted in slices', () => {
  for (const { name, text: make, checkpoints } of CASES) {
    it(`${name}: equal to a plain lint, with at least ${checkpoints} checkpoints`, async () => {
      const text = make();
      let calls = 0;
      const checkpoint = async () => void calls++;
      const host: EngineHost = { tokenizers: new IncrementalCounterPool(plain) };
      const sliced = await lintDocument(
        { uri: URI, text, config: defaultConfig(), session: new DocumentSession(), checkpoint },
        host,
      );
      const full = await lintDocument({ uri: URI, text, config: defaultConfig() }, { tokenizers: plain });
      assert.deepEqual(summary(sliced), summary(full));
      assert.ok(calls >= checkpoints, `${calls} checkpoints`);
    });
  }

  it('a 10 MB paragraph is scanned for statements in steps, finding what one scan finds', async () => {
    for (const text of [prose(SIZE).replace(/\n+/g, ' '), `Write in all lowercase letters. ${'a'.repeat(SIZE)}`]) {
      const document = parseDocument(URI, text);
      let calls = 0;
      const stepped = await new ProseMemo().prepare(document, async () => void calls++);
      // The detectors have about forty patterns: a checkpoint after each one's scan of the paragraph.
      assert.ok(calls >= 30, `${calls} checkpoints`);
      const whole = statedConstraints(parseDocument(URI, text));
      assert.deepEqual(stepped, whole);
      assert.ok(whole.length >= 1, 'the stated constraint is found');
    }
  });
});
