// A large prompt is parsed in slices (docs/editor-performance.md, "Never blocking"): the parse pauses at checkpoints
// inside its whole-text step (the heading lines), and its document equals a parse in one go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, parseDocumentInSlices } from '../../core/document';
import { buildSections, buildSectionSteps } from '../../core/document/sections';
import { countDocument } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { TokenizerPool } from '../../core/tokens/pool';
import { IncrementalCounterPool } from '../../core/tokens/incremental';
import { DocumentSession } from '../../core/analysis/session';
import { nodeRankLoader } from '../../node/ranks';
import { generateProse } from '../tokens/corpus';

/** About `bytes` of Markdown: headings, prose with `{{variables}}` and `inline code`, fences (with `#` lines), comments. */
function largeMarkdown(bytes: number): string {
  const parts = ['---\nmodel: gpt-4o\n---\n# Task\n\nAnswer {{question}}.\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const part =
      `## Part ${i} <!-- promptbound budget: 900 -->\n\n${generateProse(200, i + 1)} Use \`{{example}}\` and {{topic_${i % 7}}}.\n\n` +
      (i % 5 === 0 ? '```python\n# not a heading\nprint("{{x}}")\n```\n\n' : '') +
      (i % 9 === 0 ? '### Notes\n\n~~~\n## inside a tilde fence\n~~~\n\n' : '');
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

function drain<T>(steps: Generator<void, T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, yields };
    yields++;
  }
}

describe('parsing a large prompt in slices', () => {
  const text = largeMarkdown(1_500_000);
  const uri = 'file:///w/large.prompt.md';

  it('reads the heading lines in batches, finding the same sections', () => {
    const document = parseDocument(uri, text);
    const input = {
      body: document.body,
      messages: document.messages,
      comments: document.comments,
      markerLines: new Set<number>(),
    };
    const sliced = drain(buildSectionSteps(text, input));
    assert.ok(document.sections.length > 4000);
    // Two yields around the batches, and one per 2048 candidate lines (every heading is one).
    assert.ok(sliced.yields >= Math.floor(document.sections.length / 2048) + 2, `${sliced.yields} yields`);
    assert.deepEqual(sliced.value, buildSections(text, input));
  });

  it('parseDocumentInSlices awaits checkpoints and returns the document parseDocument does', async () => {
    let checkpoints = 0;
    const sliced = await parseDocumentInSlices(uri, text, {}, async () => void checkpoints++);
    assert.deepEqual(sliced, parseDocument(uri, text));
    assert.ok(checkpoints >= 8, `${checkpoints} checkpoints`);
  });

  it('a checkpoint that rejects stops the parse with its error', async () => {
    const overtaken = new Error('overtaken');
    await assert.rejects(
      parseDocumentInSlices(uri, text, {}, async () => {
        throw overtaken;
      }),
      (error) => error === overtaken,
    );
  });

  it('the engine parses in slices when it has a checkpoint: checkpoints come before the document is parsed', async () => {
    let checkpoints = 0;
    let beforeParsed = -1;
    await countDocument(
      {
        uri,
        text,
        config: defaultConfig(),
        checkpoint: async () => void checkpoints++,
        onParsed: () => (beforeParsed = checkpoints),
      },
      { tokenizers: new TokenizerPool(nodeRankLoader) },
    );
    assert.ok(beforeParsed >= 8, `${beforeParsed} checkpoints before the parse was done`);
  });

  it('section counts are summed between checkpoints (thousands of sections)', async () => {
    // Counted once, then again: the second count reuses every chunk, so its checkpoints after the parse are the
    // one before counting and those between batches of sections (the layout check is off).
    const config = { ...defaultConfig(), placement: { minTokens: Number.MAX_SAFE_INTEGER } };
    const host = { tokenizers: new IncrementalCounterPool(new TokenizerPool(nodeRankLoader)) };
    const session = new DocumentSession();
    await countDocument({ uri, text, config, session, checkpoint: async () => undefined }, host);
    let checkpoints = 0;
    let parsedAt = -1;
    const { stats } = await countDocument(
      { uri, text, config, session, checkpoint: async () => void checkpoints++, onParsed: () => (parsedAt = checkpoints) },
      host,
    );
    assert.equal(session.chunkWork.tallied, 0);
    assert.ok(stats.sections.length > 4000);
    const afterParse = checkpoints - parsedAt;
    assert.ok(afterParse >= 1 + Math.floor(stats.sections.length / 1024), `${afterParse} checkpoints after the parse`);
  });
});
