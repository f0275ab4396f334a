// IFBench's own instruction types under `compat: ifbench`: each expected verdict below is what IFBench's
// reference checker (allenai/IFBench, scripts/ifbench-reference.py) answers for the same response.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCompletion } from '../../core/constraints/check';
import { ifbenchConstraints } from '../../core/constraints/ifbench/instructions';
import { context, parseVerdict, run, sliceAll } from './helpers';

const IFBENCH = context({ compat: 'ifbench' });

function verdict(id: string, response: string, kwargs: Record<string, unknown> = {}): boolean {
  const constraints = ifbenchConstraints({ id, kwargs });
  assert.ok(constraints, `${id} has no mapping`);
  const { results } = checkCompletion(response, { compat: 'ifbench', ...constraints }, IFBENCH);
  assert.ok(results.length > 0, `${id} produced no result`);
  return results.every((r) => r.pass);
}

/** [instruction id, response, the reference checker's verdict, kwargs]. */
const REFERENCE: [string, string, boolean, Record<string, unknown>?][] = [
  ['format:no_whitespace', 'no_spaces_here', true],
  ['format:no_whitespace', 'one space', false],
  ['format:no_whitespace', 'tab\there', false],
  ['format:no_whitespace', 'nbsp here', false],
  ['format:parentheses', '(a [b {c (d [e] d) c} b] a)', true],
  ['format:parentheses', '(a [b {c (d) c} b] a)', false],
  ['format:parentheses', '((((( x ]', false],
  ['format:parentheses', '(((( ] ((((( x )', true],
  ['format:parentheses', '((((( ] ( x )', false],
  ['format:quotes', 'He said "she said \'I said "hi" ok\' fine" end', true],
  ['format:quotes', 'He said "she said \'hi\' fine" end', false],
  ['format:quotes', '"a \'b "c \'d\' c" b\' a"', true],
  ['words:palindrome', 'level radar civic kayak refer madam rotor stats tenet sagas', true],
  ['words:palindrome', 'Level, radar! civic kayak refer madam rotor stats tenet noon', false],
  ['words:palindrome', 'level level level level level level level level level level', true],
  ['words:palindrome', 'Racecar. Deified? Repaper, reviver; rotator: solos; stats; madam; refer; civic.', true],
  ['count:punctuation', 'Hi, there. Wait; what: really?! Yes! No?', true],
  ['count:punctuation', 'Hi, there. Wait; what: really?! Yes!', false],
  ['count:punctuation', 'Hi, there. Wait; what: really‽ Yes! No?', true],
  ['count:punctuation', 'Hi, there. Wait; what: really!? Yes! No?', true],
  ['count:punctuation', 'Hi, there. Wait; what: really?! Yes? No!', true],
  ['format:newline', 'One\nword\nper\nline.', true],
  ['format:newline', 'One\n\nword\nper line', false],
  ['format:newline', 'well-known\nwords', true],
  ['format:newline', "it's\n-\nfine", true],
  ['format:line_indent', 'a\n b\n  c\n   d', true],
  ['format:line_indent', 'a\n b\n b2\n   d', false],
  ['format:line_indent', 'a\n\n b\n\n  c', true],
  ['format:line_indent', 'a\n\n\n b\n  c', false],
  ['format:line_indent', 'a\n \n b', true],
  ['format:line_indent', 'a\n\tb', false],
  ['format:output_template', 'My Answer: yes My Conclusion: no Future Outlook: maybe', true],
  ['format:output_template', 'my answer: yes My Conclusion: no Future Outlook: maybe', false],
  ['count:word_count_range', "don't stop now, friend", true, { min_words: 3, max_words: 5 }],
  ['count:word_count_range', 'one two', false, { min_words: 3, max_words: 5 }],
  ['count:word_count_range', 'a b c d e f', false, { min_words: 3, max_words: 5 }],
  ['count:unique_word_count', 'The cat, the CAT! the dog.', true, { N: 3 }],
  ['count:unique_word_count', 'The cat, the CAT! the dog.', false, { N: 4 }],
  ['count:unique_word_count', 'Hi -- hi ... yo', true, { N: 3 }],
  ['count:conjunctions', 'And then and again, and.', true, { small_n: 2 }],
  ['count:conjunctions', 'And then and again, and.', true, { small_n: 3 }],
  ['count:conjunctions', 'cats and dogs but not birds, or fish', true, { small_n: 3 }],
  ['count:conjunctions', 'cats and dogs but not birds, or fish', false, { small_n: 4 }],
  ['count:person_names', 'Emma met Liam and Emmanuel.', true, { N: 2 }],
  ['count:person_names', 'Emma met Liam and Emmanuel.', false, { N: 3 }],
  ['count:person_names', 'emma met liam', false, { N: 1 }],
  ['count:numbers', 'Pi is 3.14, a million is 1,000,000 and 7 is prime.', true, { N: 3 }],
  ['count:numbers', 'Pi is 3.14, a million is 1,000,000 and 7 is prime.', false, { N: 4 }],
  ['count:numbers', 'Room 12B and 2024-05.', true, { N: 2 }],
  ['words:vowel', 'Hello world, good food', true, {}],
  ['words:vowel', 'Hello world, quiet food', false, {}],
  ['words:vowel', 'Hello\nworld', false, {}],
  ['words:consonants', 'Strong trucks crash', true, {}],
  ['words:consonants', 'Strong trucks are crashing', false, {}],
  ['words:consonants', 'Black, sky! brrr', true, {}],
  ['words:alphabet', 'Apples bring cheer, daily eating fosters good health.', true, {}],
  ['words:alphabet', 'Yellow zebras always bounce', true, {}],
  ['words:alphabet', 'Apples bring dessert', false, {}],
  ['words:alphabet', '1 apple', false, {}],
  ['words:alphabet', '"Apples" (bring) cheer', true, {}],
  ['words:repeats', 'The cat and the dog.', true, { small_n: 2 }],
  ['words:repeats', 'The cat, the dog, THE bird.', false, { small_n: 2 }],
  ['words:repeats', "it's its", false, { small_n: 1 }],
  ['words:no_consecutive', 'Quick brown foxes jump', true, {}],
  ['words:no_consecutive', 'Big brown bears', false, {}],
  ['words:no_consecutive', 'Apple, "avocado" pie', false, {}],
  ['words:no_consecutive', 'Apple - avocado', false, {}],
  ['words:prime_lengths', 'We see the old cat.', true, {}],
  ['words:prime_lengths', 'We see a cat', false, {}],
  ['words:prime_lengths', "It's hard", false, {}],
  ['words:prime_lengths', "don't stop", false, {}],
  [
    'count:keywords_multiple',
    'Apple. pear pear. fig fig FIG. kiwi kiwi kiwi kiwi kiwi. lime lime lime lime lime lime lime.',
    true,
    { keyword1: 'apple', keyword2: 'pear', keyword3: 'fig', keyword4: 'kiwi', keyword5: 'lime' },
  ],
  [
    'count:keywords_multiple',
    'Apple. pear pear. fig fig FIG. kiwi kiwi kiwi kiwi kiwi. lime lime lime lime lime lime.',
    false,
    { keyword1: 'apple', keyword2: 'pear', keyword3: 'fig', keyword4: 'kiwi', keyword5: 'lime' },
  ],
  [
    'count:keywords_multiple',
    'Apple pineapple. pear pear. fig fig FIG. kiwi kiwi kiwi kiwi kiwi. lime lime lime lime lime lime lime.',
    false,
    { keyword1: 'apple', keyword2: 'pear', keyword3: 'fig', keyword4: 'kiwi', keyword5: 'lime' },
  ],
  ['words:paragraph_last_first', 'Time waits for no one, time.\n\nLove is all you need, love!', true, {}],
  ['words:paragraph_last_first', 'Time waits for no one, time.\nLove is patient', false, {}],
  ['words:paragraph_last_first', '  "Word"  \n(solo)', true, {}],
];

describe('compat: ifbench agrees with the reference checker', () => {
  for (const [id, response, expected, kwargs] of REFERENCE) {
    it(`${id} ${JSON.stringify(kwargs ?? {})} ${JSON.stringify(response).slice(0, 50)} → ${expected}`, () =>
      assert.equal(verdict(id, response, kwargs), expected));
  }
  it('an empty completion fails, as in the reference', () => {
    assert.equal(verdict('format:no_whitespace', ''), false);
    assert.equal(verdict('format:line_indent', '   \n'), false);
  });
});

describe('the keys on their own', () => {
  it('noWhitespace points at each run of whitespace', () => {
    const text = 'a b\t\tc';
    assert.deepEqual(sliceAll(text, run('noWhitespace', true, text).ranges), [' ', '\t\t']);
  });
  it('bracketDepth and quoteDepth measure depth', () => {
    assert.equal(run('bracketDepth', 3, '(a [b {c} b] a)').measured, 3);
    assert.equal(run('bracketDepth', { max: 1 }, '(a [b] a)').pass, false);
    assert.equal(run('quoteDepth', 2, `"she said 'hi'"`).measured, 2);
  });
  it('palindromes counts occurrences of at least minLength characters', () => {
    assert.equal(run('palindromes', { count: 3, minLength: 4 }, 'noon noon level a-ha').measured, 3);
    assert.equal(run('palindromes', 2, 'eye did not').measured, 2);
  });
  it('punctuation names the missing marks', () => {
    const r = run('punctuation', ['.', ';', '?!'], 'Done.');
    assert.equal(r.pass, false);
    assert.equal(r.message, 'never uses "?!", ";"');
  });
  it('oneWordPerLine points at lines with several words', () => {
    const text = 'one\ntwo three\nfour';
    assert.deepEqual(sliceAll(text, run('oneWordPerLine', true, text).ranges), ['two three']);
  });
  it('indentStairs ignores every blank line by default, points at the first step that is not deeper', () => {
    assert.equal(run('indentStairs', true, 'a\n\n\n b\n  c').pass, true);
    const text = 'a\n b\n b2';
    assert.deepEqual(sliceAll(text, run('indentStairs', true, text).ranges), [' b2']);
  });
});

describe('pattern: several, and negated', () => {
  it('every pattern of a list must hold', () => {
    const list = [{ regex: '^Answer:', flags: 'm' }, 'Reason:'];
    assert.equal(run('pattern', list, 'Answer: yes\nReason: because').pass, true);
    const r = run('pattern', list, 'Answer: yes');
    assert.equal(r.pass, false);
    assert.match(r.message, /no match; matches \/Reason:\//);
  });
  it('absent: true fails on each match and points at it', () => {
    const text = 'ok TODO then todo';
    const r = run('pattern', { regex: 'todo', flags: 'i', absent: true }, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['TODO', 'todo']);
    assert.equal(run('pattern', { regex: 'todo', absent: true }, 'all done').pass, true);
  });
  it('absent with fullMatch, an empty list and a bad item are value errors', () => {
    assert.match(parseVerdict('pattern', { regex: 'x', absent: true, fullMatch: true }), /^error: .*cannot be combined/);
    assert.match(parseVerdict('pattern', []), /^error: .*empty/);
    assert.match(parseVerdict('pattern', ['ok', { regex: '' }]), /^error: pattern\[1\]/);
  });
});

describe('wrappedIn with different opening and closing texts', () => {
  it('guillemets and corner brackets', () => {
    assert.equal(run('wrappedIn', { open: '«', close: '»' }, ' «Bonjour» \n').pass, true);
    assert.equal(run('wrappedIn', { open: '「', close: '」' }, '「こんにちは」').pass, true);
    assert.equal(run('wrappedIn', { open: '«', close: '»' }, '«Bonjour«').pass, false);
    assert.equal(run('wrappedIn', { open: '«', close: '»' }, '«»').pass, true);
  });
  it('points at the side that is wrong and names the text it needs', () => {
    const text = '«Bonjour"';
    const r = run('wrappedIn', { open: '«', close: '»' }, text);
    assert.deepEqual(sliceAll(text, r.ranges), ['"']);
    assert.equal(r.message, 'does not end with »; wrapped in « … » required');
  });
  it('an object without close is a value error', () => assert.match(parseVerdict('wrappedIn', { open: '«' }), /^error: /));
});

describe('title with other markers', () => {
  it('finds a title between the declared markers, on one line, not blank', () => {
    const cn = { open: '《', close: '》' };
    assert.equal(run('title', cn, '《春晓》\n春眠不觉晓').pass, true);
    assert.equal(run('title', cn, '<<Spring>>').pass, false);
    assert.equal(run('title', cn, '《 》 then 《a\nb》').pass, false);
    assert.equal(run('title', cn, '《 》 then 《Dawn》').measured, '《Dawn》');
    assert.equal(run('title', true, '<<Spring>>').pass, true);
  });
  it('markers without close are a value error', () => assert.match(parseVerdict('title', { open: '《' }), /^error: /));
});

describe('bullets with their own markers', () => {
  it('counts lines starting with a declared marker, not Markdown items', () => {
    const text = '・りんご\n・みかん\n- not counted\n  • nested\n•\n```\n• in code\n```';
    const r = run('bullets', { count: 3, markers: ['・', '•'] }, text);
    assert.equal(r.measured, 3);
    assert.equal(r.pass, true);
    assert.equal(run('bullets', 1, text).measured, 1);
  });
  it('empty markers are a value error', () => assert.match(parseVerdict('bullets', { count: 2, markers: [] }), /^error: /));
});
