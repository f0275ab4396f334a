// Markdown structure keys (bullets, highlights, sections, placeholders, title, postscript): boundaries and ranges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRows, parseVerdict, run, sliceAll } from './helpers';

describe('bullets', () => {
  const list = (n: number): string => Array.from({ length: n }, (_, i) => `- item ${i + 1}`).join('\n');
  it('exactly N, N−1, N+1', () =>
    assertRows('bullets', 3, [
      [list(2), 2, false],
      [list(3), 3, true],
      [list(4), 4, false],
    ]));
  it('every marker counts; rules and fenced code do not', () => {
    const text = '- a\n* b\n+ c\n1. d\n2) e\n  - nested f\n---\n* * *\n```\n- code\n```\n-not a bullet';
    assertRows('bullets', 6, [[text, 6, true]]);
  });
  it('too many: each extra bullet is a range; message', () => {
    const text = list(4);
    const r = run('bullets', 2, text);
    assert.deepEqual(sliceAll(text, r.ranges), ['- item 3', '- item 4']);
    assert.equal(run('bullets', 5, list(3)).message, '3 bullets; exactly 5 required');
  });
});

describe('highlights', () => {
  it('exactly N, N−1, N+1', () => {
    assertRows('highlights', 2, [
      ['*one* only', 1, false],
      ['*one* and **two**', 2, true],
      ['*one* *two* **three**', 3, false],
    ]);
  });
  it('stars with spaces inside, and multiplication, are not highlights', () => {
    const text = '*one* and * not * and 2 * 3 * 4\n* a bullet';
    const r = run('highlights', 1, text);
    assert.equal(r.measured, 1);
    assert.equal(r.pass, true);
  });
  it('ranges are the highlighted spans', () => {
    const text = 'Read *this* and **that**.';
    assert.deepEqual(sliceAll(text, run('highlights', 1, text).ranges), ['**that**']);
  });
});

describe('sections', () => {
  it('Markdown headings: N−1, N, N+1', () => {
    assertRows('sections', 2, [
      ['# A\ntext', 1, false],
      ['# A\ntext\n## B\nmore\n#nope\n```\n# code\n```', 2, true],
      ['# A\n## B\n### C', 3, false],
    ]);
  });
  it('{count, marker}: lines starting MARKER <number>, case-sensitive', () => {
    const text = 'SECTION 1\nfirst\nSECTION 2\nsecond\nSection 3\nthird\n### SECTION 4\nfourth';
    assertRows('sections', { count: 3, marker: 'SECTION' }, [[text, 3, true]]);
    assertRows('sections', { count: 4, marker: 'SECTION' }, [[text, 3, false]]);
  });
});

describe('placeholders', () => {
  it('exactly N, N−1, N+1; links, empty brackets and task boxes do not count', () => {
    const two = 'Dear [name], you live at [address]. See [docs](http://x.y) and [ref][1].\n- [x] done\n[1]: http://x.y';
    assertRows('placeholders', 2, [
      ['Dear [name].', 1, false],
      [two, 2, true],
      ['[a] [b] [c]', 3, false],
    ]);
  });
});

describe('title', () => {
  it('needs <<non-empty text>>', () => {
    assertRows('title', true, [
      ['<<My Title>>\nBody.', '<<My Title>>', true],
      ['<< >>\nBody.', 'no title', false],
      ['<My Title>\nBody.', 'no title', false],
    ]);
  });
  it('false is the same as leaving it out', () => assert.equal(parseVerdict('title', false), 'off'));
  it('message when missing', () => {
    assert.equal(run('title', true, 'Body.').message, 'no <<title>>; a title in double angular brackets required');
  });
});

describe('postscript', () => {
  it('true means P.S., at the start of a line, case-insensitive, spaces after the dots allowed', () => {
    assertRows('postscript', true, [
      ['Hello.\n\nP.S. See you soon.', 'postscript', true],
      ['Hello.\np. s. see you', 'postscript', true],
      ['Hello.\n*P.S.* see you', 'postscript', true],
      ['Hello. P.S. is mid-line', 'no postscript', false],
      ['Hello.\nP.S.', 'no postscript', false],
      ['Hello.\nP.P.S. only the second one', 'no postscript', false],
    ]);
  });
  it('a marker string', () => {
    assertRows('postscript', 'P.P.S', [['Hi.\nP.P.S. also this', 'postscript', true]]);
  });
  it('message', () => {
    assert.equal(run('postscript', true, 'Hi.').message, 'no postscript; a line starting with "P.S." followed by text required');
  });
});
