// Length keys (words, sentences, paragraphs, characters, tokens, lines): hand-counted boundary fixtures, CJK and emoji.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRows, context, run, segmenterWordCount, sliceAll } from './helpers';
import { counterWith } from '../tokens/reference';

describe('words', () => {
  // "The cat sat on the mat." has 6 words; one fewer and one more.
  const five = 'The cat sat on mat.';
  const six = 'The cat sat on the mat.';
  const seven = 'The cat sat on the mat today.';
  it('exactly N, N−1, N+1', () =>
    assertRows('words', 6, [
      [five, 5, false],
      [six, 6, true],
      [seven, 7, false],
    ]));
  it('at most / at least', () => {
    assertRows('words', { max: 6 }, [
      [six, 6, true],
      [seven, 7, false],
    ]);
    assertRows('words', { min: 6 }, [
      [five, 5, false],
      [six, 6, true],
    ]);
  });
  it('every shorthand', () => {
    assertRows('words', '<=6', [
      [six, 6, true],
      [seven, 7, false],
    ]);
    assertRows('words', '<6', [
      [five, 5, true],
      [six, 6, false],
    ]);
    assertRows('words', '>=6', [
      [five, 5, false],
      [six, 6, true],
    ]);
    assertRows('words', '>6', [
      [six, 6, false],
      [seven, 7, true],
    ]);
    assertRows('words', '6..7', [
      [five, 5, false],
      [seven, 7, true],
    ]);
    // ~10 → 9..11
    const w = (n: number): string => Array.from({ length: n }, () => 'word').join(' ');
    assertRows('words', '~10', [
      [w(8), 8, false],
      [w(9), 9, true],
      [w(11), 11, true],
      [w(12), 12, false],
    ]);
    assertRows('words', { exactly: 10, tolerance: 1 }, [
      [w(8), 8, false],
      [w(9), 9, true],
      [w(12), 12, false],
    ]);
  });
  it('contractions and decimals are one word; punctuation and emoji are none', () => {
    // Don't | stop | 3.5 | apples
    assertRows('words', 4, [["Don't stop: 3.5 apples! 🍕 👍🏽", 4, true]]);
  });
  it('Japanese and Chinese are segmented by the dictionary, as Intl.Segmenter does', () => {
    const ja = '吾輩は猫である。名前はまだ無い。';
    const zh = '我们今天去公园散步。';
    assertRows('words', segmenterWordCount(ja), [[ja, segmenterWordCount(ja), true]]);
    assertRows('words', segmenterWordCount(zh), [[zh, segmenterWordCount(zh), true]]);
    // and not one "word" per sentence, as whitespace splitting would give
    assert.ok(segmenterWordCount(ja) > 2);
  });
  it('the message is measured vs required', () => {
    const text = Array.from({ length: 142 }, () => 'word').join(' ');
    assert.equal(run('words', { max: 120 }, text).message, '142 words; at most 120 allowed');
    assert.equal(run('words', 1, 'one').message, '1 word; exactly 1 required');
  });
  it('too many words: the range is the tail past the maximum', () => {
    const r = run('words', { max: 2 }, 'one two three four');
    assert.deepEqual(sliceAll('one two three four', r.ranges), ['three four']);
  });
});

describe('sentences', () => {
  const two = 'The sky is blue. Grass is green!';
  const three = 'The sky is blue. Grass is green! Is snow white?';
  const four = 'The sky is blue. Grass is green! Is snow white? Yes.';
  it('exactly N, N−1, N+1', () =>
    assertRows('sentences', 3, [
      [two, 2, false],
      [three, 3, true],
      [four, 4, false],
    ]));
  it('a range', () =>
    assertRows('sentences', { min: 3, max: 6 }, [
      [two, 2, false],
      [three, 3, true],
    ]));
  it('"Mr." and "e.g." do not end a sentence', () => {
    assertRows('sentences', 2, [['Mr. Smith left early. He took e.g. the bus home.', 2, true]]);
  });
  it('CJK full stops end sentences', () => assertRows('sentences', 2, [['吾輩は猫である。名前はまだ無い。', 2, true]]));
  it('blank lines and a trailing newline are not sentences', () =>
    assertRows('sentences', 2, [['First one.\n\n\nSecond one.\n', 2, true]]));
  it('message', () => assert.equal(run('sentences', { min: 3 }, two).message, '2 sentences; at least 3 required'));
});

describe('paragraphs', () => {
  it('blank-line separated: N−1, N, N+1', () => {
    assertRows('paragraphs', 2, [
      ['One.', 1, false],
      ['One.\n\nTwo.', 2, true],
      ['One.\n\nTwo.\n   \nThree.', 3, false],
    ]);
  });
  it('consecutive lines are one paragraph; several blank lines are one break', () => {
    assertRows('paragraphs', 2, [['Line one\nline two\n\n\n\nNext.', 2, true]]);
  });
  it('{count, separator}: only separator lines split', () => {
    assertRows('paragraphs', { count: 2, separator: '***' }, [
      ['A\n\nstill A\n***\nB', 2, true],
      ['A\n***\nB\n***\nC', 3, false],
      ['A\n\nB', 1, false],
    ]);
  });
  it('{count} with a shorthand', () => assertRows('paragraphs', { count: '>=2' }, [['A\n\nB', 2, true]]));
  it('too many: each extra paragraph is a range', () => {
    const text = 'A.\n\nB.\n\nC.';
    assert.deepEqual(sliceAll(text, run('paragraphs', 1, text).ranges), ['B.', 'C.']);
  });
});

describe('characters', () => {
  it('exactly N, N−1, N+1 (surrounding whitespace does not count)', () => {
    assertRows('characters', 5, [
      ['abcd', 4, false],
      ['hello\n', 5, true],
      ['  hello!', 6, false],
    ]);
  });
  it('grapheme clusters: e + combining accent, skin-tone and family emoji each count once', () => {
    // h é(e + U+0301) l l o = 5; 👍🏽 = 1; 👨‍👩‍👧 = 1
    assertRows('characters', 5, [['he\u0301llo', 5, true]]);
    assertRows('characters', 2, [['👍🏽👨‍👩‍👧', 2, true]]);
    assertRows('characters', { max: 3 }, [
      ['日本語', 3, true],
      ['日本語です', 5, false],
    ]);
  });
  it('message', () => assert.equal(run('characters', '<=3', 'abcd').message, '4 characters; at most 3 allowed'));
});

describe('lines', () => {
  it('non-empty lines only: N−1, N, N+1', () => {
    assertRows('lines', 3, [
      ['a\nb', 2, false],
      ['a\n\nb\n  \nc\n', 3, true],
      ['a\r\nb\rc\nd', 4, false],
    ]);
  });
});

describe('tokens', () => {
  it('uses ctx.counter: N−1, N, N+1 (the stand-in counts whitespace pieces)', () => {
    assertRows('tokens', { max: 3 }, [
      ['a b', 2, true],
      ['a b c', 3, true],
      ['a b c d', 4, false],
    ]);
  });
  it('with the real o200k tokenizer', async () => {
    const counter = await counterWith('o200k_base');
    // "hello" and " world" are one token each in o200k_base.
    const r = run('tokens', 2, 'hello world', context({ counter }));
    assert.equal(r.measured, 2);
    assert.equal(r.pass, true);
    assert.equal(r.message, '2 tokens; exactly 2 required');
  });
});
