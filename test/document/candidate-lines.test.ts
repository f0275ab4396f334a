// The heading and fence line facts the editor's session keeps per slice equal a search of the whole text, edit after edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentSession } from '../../core/analysis/session';
import { candidateLine, searchedCandidateLines, type CandidateLines } from '../../core/document/sections';
import { searchOpeners } from '../../core/document/template';
import { pick, seededRandom } from '../tokens/corpus';

const PIECES = [
  'text ',
  '# h\n',
  '## Title ##\n',
  '###### six\n',
  '####### seven\n',
  '#notaheading\n',
  '   # indented\n',
  '    # code\n',
  '```\n',
  '```js `x`\n',
  '````\n',
  '~~~\n',
  '~~~  \n',
  '  ~~~~\n',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\t',
  '#',
  '`',
  'x'.repeat(1500),
  '#'.repeat(4100),
  '{{x}}',
  '{',
  '{{{',
  '{%',
  '{#',
  '${input:',
  '$',
];

function generate(random: () => number): string {
  let text = '';
  const n = 5 + Math.floor(random() * 80);
  for (let i = 0; i < n; i++) text += pick(random, PIECES);
  return text;
}

function edit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  if (random() < 0.6) return text.slice(0, at) + pick(random, PIECES) + text.slice(at);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
}

/** Every line's facts with absolute offsets; fails on an empty group (a reader may take a group's first line). */
function flatten(lookup: CandidateLines, text: string, from: number) {
  return lookup(text, from, text.length).flatMap(({ base, lines }) => {
    assert.ok(lines.length > 0, 'an empty group');
    return lines.map((line) => ({
      ...line,
      start: base + line.start,
      contentEnd: base + line.contentEnd,
      next: base + line.next,
      heading: line.heading && { ...line.heading, at: base + line.heading.at },
    }));
  });
}

describe('candidate heading and fence lines', () => {
  it('reads a line as the parser does', () => {
    const text = 'intro\n## Title ##  \n```js\n~~~~ \n####### no\n';
    assert.deepEqual(candidateLine(text, 6, text.length, 6), {
      start: 0,
      contentEnd: 13,
      next: 14,
      indent: 0,
      opens: undefined,
      run: undefined,
      heading: { level: 2, at: 2, title: 'Title' },
      fence: undefined,
    });
    const fence = candidateLine(text, 20, text.length, 0);
    assert.deepEqual(fence.opens, { char: 96, length: 3 });
    assert.deepEqual(fence.run, { char: 96, length: 3, blankAfter: false });
    assert.deepEqual(fence.fence, { char: '`', length: 3, restEmpty: false, restBacktick: false });
    const tilde = candidateLine(text, 26, text.length, 0);
    assert.deepEqual(tilde.run, { char: 126, length: 4, blankAfter: true });
    assert.equal(candidateLine(text, 32, text.length, 0).heading, undefined);
  });

  for (const seed of [1, 2, 3]) {
    it(`kept slices equal a search of the whole text, seed ${seed}`, () => {
      const random = seededRandom(seed);
      for (let sequence = 0; sequence < 6; sequence++) {
        const session = new DocumentSession();
        let text = generate(random);
        for (let step = 0; step < 60; step++) {
          // From the start, and from a point that may be mid-line (a body after a frontmatter).
          for (const from of [0, Math.floor(text.length / 3)]) {
            assert.deepEqual(
              flatten(session.candidateLines, text, from),
              flatten(searchedCandidateLines, text, from),
              `seed ${seed}, sequence ${sequence}, step ${step}, from ${from}: ${JSON.stringify(text.slice(0, 200))}`,
            );
          }
          text = edit(random, text);
        }
      }
    });
  }

  for (const seed of [4, 5]) {
    it(`template openers kept per slice equal a search of the whole text, seed ${seed}`, () => {
      const random = seededRandom(seed);
      for (let sequence = 0; sequence < 6; sequence++) {
        const session = new DocumentSession();
        let text = generate(random);
        for (let step = 0; step < 60; step++) {
          for (const needles of [['{{'], ['{{', '${input:'], ['{{', '{%', '{#']]) {
            const from = Math.floor(text.length / 4);
            const to = text.length - Math.floor(text.length / 5);
            assert.deepEqual(
              session.openers(text, needles, from, to),
              searchOpeners(text, needles, from, to),
              `seed ${seed}, sequence ${sequence}, step ${step}, ${needles.join(' ')}: ${JSON.stringify(text.slice(0, 200))}`,
            );
          }
          text = edit(random, text);
        }
      }
    });
  }
});
