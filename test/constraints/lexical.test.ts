// Lexical keys (startsWith, endsWith, wrappedIn, case, noCommas, capitalWords, include, exclude, frequency, letters, language).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRows, parseVerdict, run, sliceAll } from './helpers';

describe('startsWith / endsWith', () => {
  it('after trimming, case-insensitive by default', () => {
    assert.equal(run('startsWith', 'hello', '  Hello world').pass, true);
    assert.equal(run('startsWith', { text: 'hello', caseSensitive: true }, 'Hello world').pass, false);
    assert.equal(run('endsWith', 'help with?', 'Anything else I can HELP WITH?\n').pass, true);
  });
  it('a miss points at the line that stands where the text should be, with the documented message', () => {
    const text = 'Refunds take 5 days.\nThanks for asking!\n';
    const r = run('endsWith', 'Is there anything else I can help with?', text);
    assert.equal(r.pass, false);
    assert.equal(r.message, 'does not end with "Is there anything else I can help with?"');
    assert.deepEqual(sliceAll(text, r.ranges), ['Thanks for asking!']);
    const s = run('startsWith', 'Dear customer', text);
    assert.equal(s.message, 'does not start with "Dear customer"');
    assert.deepEqual(sliceAll(text, s.ranges), ['Refunds take 5 days.']);
  });
  it('text shorter than the affix fails', () => assert.equal(run('endsWith', 'long ending', 'ending').pass, false));
});

describe('wrappedIn', () => {
  it('first and last characters of the trimmed completion', () => {
    assertRows('wrappedIn', '"', [
      ['"quoted answer"\n', 'wrapped', true],
      ['"unclosed', 'does not end', false],
      ['"', 'does not end', false],
      ['plain', 'does not start or end', false],
    ]);
  });
  it('points at the missing side', () => {
    const text = '"unclosed';
    assert.deepEqual(sliceAll(text, run('wrappedIn', '"', text).ranges), ['d']);
  });
});

describe('case', () => {
  it('lower: each run of upper-case letters is a range', () => {
    const text = 'hello World and NASA';
    const r = run('case', 'lower', text);
    // W + N A S A = 5 letters
    assert.equal(r.measured, 5);
    assert.deepEqual(sliceAll(text, r.ranges), ['W', 'NASA']);
    assert.equal(r.message, '5 upper-case letters; all lower-case required');
  });
  it('upper, with accented letters; uncased scripts pass both', () => {
    assertRows('case', 'upper', [
      ['HELLO ÉCOLE 123', 0, true],
      ['ÉCOLE é', 1, false],
      ['你好，世界', 0, true],
    ]);
    assertRows('case', 'lower', [
      ['école 123', 0, true],
      ['你好', 0, true],
    ]);
  });
});

describe('noCommas', () => {
  it('ASCII and full-width commas; each is a range', () => {
    const text = 'a, b，c';
    const r = run('noCommas', true, text);
    assert.equal(r.measured, 2);
    assert.deepEqual(sliceAll(text, r.ranges), [',', '，']);
    assert.equal(r.message, '2 commas; none allowed');
    assert.equal(run('noCommas', true, 'no commas here').pass, true);
    assert.equal(parseVerdict('noCommas', false), 'off');
  });
});

describe('capitalWords', () => {
  // NASA, FBI, USA are capital words; "I", "A" (one letter) and "Hello" are not.
  const three = 'NASA and the FBI met I and A in the USA.';
  it('exactly N, N−1, N+1', () => {
    assertRows('capitalWords', 3, [
      ['NASA and the FBI met I and A.', 2, false],
      [three, 3, true],
      [`${three} OK`, 4, false],
    ]);
  });
  it('at least', () => assertRows('capitalWords', { min: 3 }, [[three, 3, true]]));
});

describe('include', () => {
  it('substring, case-insensitive by default', () => {
    assertRows(
      'include',
      ['refund', 'policy'],
      [
        ['Our Refunds POLICY', 'all present', true],
        ['Our refunds', "missing 'policy'", false],
      ],
    );
    assert.equal(
      run('include', ['refund', 'policy'], 'nothing').message,
      "missing 'refund', 'policy'; all of 'refund', 'policy' required",
    );
  });
  it('{wholeWord, caseSensitive}', () => {
    assert.equal(run('include', { words: ['refund'], wholeWord: true }, 'refunds only').pass, false);
    assert.equal(run('include', { words: ['Refund'], caseSensitive: true }, 'refund').pass, false);
  });
});

describe('exclude', () => {
  it('whole word, case-insensitive by default; each occurrence is a range', () => {
    const text = 'We guarantee it. Guarantee! Guaranteed.';
    const r = run('exclude', ['guarantee'], text);
    assert.equal(r.pass, false);
    assert.equal(r.message, "contains 'guarantee' (2 times); excluded");
    assert.deepEqual(sliceAll(text, r.ranges), ['guarantee', 'Guarantee']);
    assert.equal(run('exclude', ['guarantee'], 'Guaranteed results.').pass, true);
  });
  it('substring when wholeWord is false; phrases; CJK', () => {
    assert.equal(run('exclude', { words: ['guarantee'], wholeWord: false }, 'Guaranteed').pass, false);
    assert.equal(run('exclude', ['money back'], 'Full money  back').pass, true);
    assert.equal(run('exclude', ['money back'], 'Full money back!').message, "contains 'money back' (1 time); excluded");
    // CJK has no spaces: a whole-word match does not ask for one
    const ja = '返金を保証します';
    assert.deepEqual(sliceAll(ja, run('exclude', ['保証'], ja).ranges), ['保証']);
  });
  it('rejects empty lists and unknown options', () => {
    assert.match(parseVerdict('exclude', []), /^error: /);
    assert.match(parseVerdict('exclude', { words: ['a'], whole: true }), /unknown property "whole"/);
  });
});

describe('frequency', () => {
  it('whole-word, case-insensitive counts: N−1, N, N+1', () => {
    const value = [{ word: 'refund', count: 2 }];
    assertRows('frequency', value, [
      ['Refund now. Refunds later.', 1, false],
      ['Refund, refund, refunds.', 2, true],
      ['refund refund REFUND', 3, false],
    ]);
    assert.equal(run('frequency', value, 'refund').message, "'refund' 1 time; exactly 2 required");
  });
  it('several words: the message names the failing ones; overflow occurrences are ranges', () => {
    const text = 'cat cat cat dog';
    const r = run(
      'frequency',
      [
        { word: 'cat', count: { max: 1 } },
        { word: 'dog', count: '>=1' },
      ],
      text,
    );
    assert.equal(r.pass, false);
    assert.equal(r.message, "'cat' 3 times; at most 1 allowed");
    assert.equal(r.measured, 'cat: 3, dog: 1');
    assert.deepEqual(sliceAll(text, r.ranges), ['cat', 'cat', 'cat']);
  });
});

describe('letters', () => {
  it('case-insensitive letter counts: N−1, N, N+1', () => {
    const value = [{ letter: 'q', count: { min: 3 } }];
    assertRows('letters', value, [
      ['Quick quay', 2, false],
      ['Quick quiet quay', 3, true],
      ['Quick quiet quay queue', 4, true],
    ]);
    assertRows('letters', [{ letter: 'q', count: 3 }], [['Quick quiet quay queue', 4, false]]);
    assert.match(parseVerdict('letters', [{ letter: 'ab', count: 1 }]), /not one letter/);
  });
});

describe('language', () => {
  const english = 'The refund policy allows returns within thirty days of purchase for any reason.';
  const french = 'La politique de remboursement permet les retours dans les trente jours suivant l’achat.';
  it('detects the language of a sentence', () => {
    assertRows('language', 'en', [
      [english, 'en', true],
      [french, 'fr', false],
    ]);
    assertRows('language', 'fr', [[french, 'fr', true]]);
    assertRows('language', 'ja', [['吾輩は猫である。名前はまだ無い。', 'ja', true]]);
    assert.equal(run('language', 'en', french).message, 'language fr; en required');
  });
  it('a very short completion that looks different is undetermined, not failed', () => {
    const r = run('language', 'de', 'Yes.');
    assert.equal(r.pass, true);
    assert.equal(r.measured, 'undetermined');
  });
  it('only ISO 639-1 codes parse', () => assert.match(parseVerdict('language', 'eng'), /^error: /));
});
