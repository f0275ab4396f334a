// The editor's session re-uses the last frontmatter split only while the text starts with the same closed block.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentSession } from '../../core/analysis/session';
import { splitFrontmatter } from '../../core/document/frontmatter';
import { pick, seededRandom } from '../tokens/corpus';

const PIECES = ['---\n', '...\n', 'model: gpt-4o\n', 'budget: {output: 5}\n', 'x', '\n', '\r\n', ': ', '# h\n', ' ', '+++\n'];

describe('frontmatter split kept by the session', () => {
  it('keeps the split for an edit in the body, and splits again for one in the block', () => {
    const session = new DocumentSession();
    const text = '---\nmodel: gpt-4o\n---\n# Body\n';
    const first = session.splitFrontmatter(text, 'strict');
    assert.equal(session.splitFrontmatter(`${text}more\n`, 'strict'), first);
    const edited = '---\nmodel: gpt-4o-mini\n---\n# Body\n';
    const second = session.splitFrontmatter(edited, 'strict');
    assert.notEqual(second, first);
    assert.deepEqual(second, splitFrontmatter(edited, 'strict'));
    // An unclosed block read the whole text: never kept.
    const unclosed = '---\nmodel: gpt-4o\n';
    assert.notEqual(session.splitFrontmatter(unclosed, 'strict'), session.splitFrontmatter(`${unclosed}---\n`, 'strict'));
    assert.equal(session.splitFrontmatter(`${unclosed}---\n`, 'strict').bodyStart, `${unclosed}---\n`.length);
  });

  for (const seed of [1, 2]) {
    it(`equals a split from scratch after random edits, seed ${seed}`, () => {
      const random = seededRandom(seed);
      for (const style of ['strict', 'dotprompt', 'prompty'] as const) {
        const session = new DocumentSession();
        let text = '---\nmodel: gpt-4o\n---\nbody\n';
        for (let step = 0; step < 300; step++) {
          const at = Math.floor(random() * (text.length + 1));
          text =
            random() < 0.6
              ? text.slice(0, at) + pick(random, PIECES) + text.slice(at)
              : text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 6)));
          const kept = session.splitFrontmatter(text, style);
          const fresh = splitFrontmatter(text, style);
          const shape = (split: typeof fresh) => ({
            bodyStart: split.bodyStart,
            span: split.frontmatter?.span,
            blockSpan: split.frontmatter?.blockSpan,
            value: split.frontmatter?.value,
            errors: split.frontmatter?.errors,
          });
          assert.deepEqual(shape(kept), shape(fresh), `${style}, step ${step}: ${JSON.stringify(text)}`);
        }
      }
    });
  }
});
