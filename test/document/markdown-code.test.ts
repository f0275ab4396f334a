// Which template tags sit in Markdown code: the per-item lookup equals a pass over the whole body, edit after edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentSession } from '../../core/analysis/session';
import type { Span } from '../../core/diagnostic';
import { markdownCodeSpans, outside, outsideMarkdownCode } from '../../core/document/markdown-code';
import { parseDocument } from '../../core/document';
import { pick, seededRandom } from '../tokens/corpus';

const PIECES = [
  'text ',
  '`code` ',
  '``a ` b`` ',
  '`unclosed ',
  '```\n',
  '```js\n',
  '``` `x`\n',
  '~~~\n',
  '~~~~\n',
  '   ```\n',
  '    ```\n',
  '\n',
  '\n\n',
  '\n  \n',
  '\n\t\r\n',
  '\r\n',
  '\r',
  '{{x}} ',
  '# h\n',
  'word',
];

function generate(random: () => number): string {
  let text = '';
  const n = 5 + Math.floor(random() * 60);
  for (let i = 0; i < n; i++) text += pick(random, PIECES);
  return text;
}

function edit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  if (random() < 0.6) return text.slice(0, at) + pick(random, PIECES) + text.slice(at);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 8)));
}

/** An item at every offset of the region, so every position is asked about. */
function everyOffset(region: Span): Array<{ span: Span }> {
  return Array.from({ length: region.length }, (_, i) => ({ span: { offset: region.offset + i, length: 1 } }));
}

describe('template tags in Markdown code', () => {
  it('finds fenced and inline code as CommonMark does', () => {
    const text = 'a `{{x}}` b\n```\n{{y}}\n```\n{{z}} ``{{w}}\n\n`` {{v}}';
    const region = { offset: 0, length: text.length };
    const items = ['{{x}}', '{{y}}', '{{z}}', '{{w}}', '{{v}}'].map((tag) => ({
      tag,
      span: { offset: text.indexOf(tag), length: 5 },
    }));
    // x: inline code; y: fenced; z and w: the `` run is not closed before the blank line; v: plain text.
    assert.deepEqual(
      outsideMarkdownCode(items, text, region).map((i) => i.tag),
      ['{{z}}', '{{w}}', '{{v}}'],
    );
  });

  for (const seed of [1, 2, 3]) {
    it(`equals a pass over the whole body at every offset, seed ${seed}`, () => {
      const random = seededRandom(seed);
      for (let sequence = 0; sequence < 8; sequence++) {
        const session = new DocumentSession();
        let text = generate(random);
        for (let step = 0; step < 40; step++) {
          // A body after a prefix, so the region does not start at 0.
          const region = { offset: 3, length: text.length };
          const full = `x\n\n${text}`;
          const items = everyOffset(region);
          const expected = outside(items, markdownCodeSpans(full, region)).map((i) => i.span.offset);
          const where = `seed ${seed}, sequence ${sequence}, step ${step}: ${JSON.stringify(full)}`;
          assert.deepEqual(
            outsideMarkdownCode(items, full, region).map((i) => i.span.offset),
            expected,
            where,
          );
          // With the candidate lines the editor's session keeps between versions.
          assert.deepEqual(
            outsideMarkdownCode(items, full, region, session.candidateLines).map((i) => i.span.offset),
            expected,
            where,
          );
          text = edit(random, text);
        }
      }
    });
  }

  it('the parser drops the same variables either way', () => {
    const text = '# T\n\nUse {{a}} and `{{b}}`.\n\n```\n{{c}}\n```\n\n{{d}}\n';
    const names = parseDocument('file:///w/p.md', text).variables.map((v) => v.name);
    assert.deepEqual(names, ['a', 'd']);
  });
});
