// `compat: ifeval`: for each of IFEval's 25 instruction types a passing and a failing completion, the
// expected verdict reasoned from IFEval's published definition (the reason is in each comment), plus the
// places where IFEval and our default differ, and loose mode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckContext, ConstraintResult } from '../../core/constraints/types';
import { ifevalCheck, looseVariants } from '../../core/constraints/ifeval';
import { checkCompletion } from '../../core/constraints/check';
import { context, run } from './helpers';
import { withCpuTime } from '../support/cpu-time';

const IFEVAL: CheckContext = context({ compat: 'ifeval' });

function check(key: string, value: unknown, completion: string, ctx: CheckContext = IFEVAL): ConstraintResult {
  const result = ifevalCheck(key, value, completion, ctx);
  assert.ok(result, `${key} has an IFEval counterpart`);
  return result;
}

function verdict(key: string, value: unknown, completion: string, ctx?: CheckContext): boolean {
  return check(key, value, completion, ctx).pass;
}

describe('ifeval: the 25 instruction types', () => {
  it('keywords:existence → include (case-insensitive substring)', () => {
    // re.search(keyword, …, IGNORECASE) for each keyword: "REFUND" and "POLICY" match case-insensitively.
    assert.equal(verdict('include', ['refund', 'policy'], 'Our REFUND POLICY is simple.'), true);
    // "Refunds" contains "refund" (substring), but "policy" does not occur ("policies" lacks the "y").
    assert.equal(verdict('include', ['refund', 'policy'], 'Refunds are handled by our policies team.'), false);
  });

  it('keywords:frequency → frequency (substring count, less than / at least)', () => {
    // findall("cat", IGNORECASE) in "Cat, cats, concatenate": Cat, cat(s), (con)cat(enate) = 3 ≥ 3.
    assert.equal(verdict('frequency', [{ word: 'cat', count: '>=3' }], 'Cat, cats, concatenate.'), true);
    // "less than 2" ↔ "<2": two occurrences is not fewer than 2.
    assert.equal(verdict('frequency', [{ word: 'cat', count: '<2' }], 'A cat and another cat.'), false);
  });

  it('keywords:forbidden_words → exclude (whole word \\b…\\b, case-insensitive)', () => {
    // \bguarantee\b does not match inside "guaranteed" (d is a word character after it).
    assert.equal(verdict('exclude', ['guarantee'], 'Delivery is guaranteed.'), true);
    // "GUARANTEE," has a boundary on both sides; IGNORECASE.
    assert.equal(verdict('exclude', ['guarantee'], 'We GUARANTEE, truly.'), false);
  });

  it('keywords:letter_frequency → letters (count in text.lower())', () => {
    // "Zebra Zoo" lower-cased has z twice: at least 2.
    assert.equal(verdict('letters', [{ letter: 'z', count: { min: 2 } }], 'Zebra Zoo'), true);
    // "Pizza puzzle" has four z; "less than 3" ↔ "<3" fails.
    assert.equal(verdict('letters', [{ letter: 'z', count: '<3' }], 'Pizza puzzle'), false);
  });

  it('language:response_language → language', () => {
    // A long, plainly German text: the detector answers de.
    const german =
      'Die Katze sitzt auf dem Sofa und schläft den ganzen Nachmittag, während draußen der Regen fällt und die Kinder in der Schule sind.';
    assert.equal(verdict('language', 'de', german), true);
    // The same text under language: en: a detector says de, not en.
    assert.equal(verdict('language', 'en', german), false);
    // No letters at all: langdetect raises, and IFEval counts the instruction as followed.
    assert.equal(verdict('language', 'de', '12345 67890'), true);
  });

  it('length_constraints:number_sentences → sentences (Punkt)', () => {
    // Three sentences ended by ". " "? " and a final "!": less than 4.
    assert.equal(verdict('sentences', '<4', 'It rains. Do you mind? Not at all!'), true);
    // "Dr." is an abbreviation followed by a name, so it ends no sentence: 2 sentences, at least 3 fails.
    assert.equal(check('sentences', '>=3', 'Dr. Smith arrived late. He apologized.').measured, 2);
    assert.equal(verdict('sentences', '>=3', 'Dr. Smith arrived late. He apologized.'), false);
  });

  it('length_constraints:number_paragraphs → paragraphs (*** dividers)', () => {
    // Split on \s?\*\*\*\s?: "One", "Two", "Three" → 3.
    assert.equal(verdict('paragraphs', 3, 'One\n***\nTwo\n***\nThree'), true);
    // Blank lines do not separate IFEval paragraphs: one piece, not 3.
    assert.equal(verdict('paragraphs', 3, 'One\n\nTwo\n\nThree'), false);
  });

  it('length_constraints:number_words → words (\\w+ runs)', () => {
    // "less than 5" ↔ "<5": "One two three four" is 4 runs.
    assert.equal(verdict('words', '<5', 'One two three four.'), true);
    // "at least 5" ↔ {min: 5}: still 4.
    assert.equal(verdict('words', { min: 5 }, 'One two three four.'), false);
  });

  it('length_constraints:nth_paragraph_first_word → firstWord (\\n\\n paragraphs)', () => {
    // Paragraph 2 of the \n\n split is '"However, …': leading " stripped, cut at ",", lower-cased → however.
    assert.equal(verdict('firstWord', { paragraph: 2, word: 'However' }, 'First part.\n\n"However, second part.'), true);
    // A single \n does not separate paragraphs: only 1 paragraph, so paragraph 2 is missing.
    assert.equal(verdict('firstWord', { paragraph: 2, word: 'However' }, 'First part.\nHowever, second part.'), false);
  });

  it('detectable_content:number_placeholders → placeholders (\\[.*?\\])', () => {
    // [name] and [address] are two lazy bracket matches: at least 2.
    assert.equal(verdict('placeholders', { min: 2 }, 'Dear [name], we ship to [address].'), true);
    // A bracket pair across a line break does not match (. excludes \n): 0 placeholders.
    assert.equal(verdict('placeholders', { min: 1 }, 'Dear [name\n] and friends'), false);
  });

  it('detectable_content:postscript → postscript (marker regex on lower-cased text)', () => {
    // P.S. marker → p\.\s?s\. finds "p.s." in the lower-cased text.
    assert.equal(verdict('postscript', true, 'Thanks.\n\nP.S. See you soon.'), true);
    // "PS:" has no dots: p\.\s?s\. does not match.
    assert.equal(verdict('postscript', true, 'Thanks.\n\nPS: see you soon.'), false);
    // P.P.S marker → p\.\s?p\.\s?s matches "p. p. s".
    assert.equal(verdict('postscript', 'P.P.S', 'Thanks.\nP. P. S. one more thing'), true);
  });

  it('detectable_format:number_bullet_lists → bullets (^\\s*\\*[^\\*].*$ and ^\\s*-.*$)', () => {
    // Two "* " lines and one "- " line: exactly 3.
    assert.equal(verdict('bullets', 3, '* one\n* two\n- three'), true);
    // "+ item" and "1. item" are not IFEval bullets: 0, not 2.
    assert.equal(verdict('bullets', 2, '+ one\n1. two'), false);
  });

  it('detectable_format:constrained_response → pattern (one of three fixed phrases, case-sensitive)', () => {
    // `in` check for "My answer is yes." etc.; our pattern key searches the same regex (no IFEval override).
    const constraints = { compat: 'ifeval', pattern: 'My answer is (yes|no|maybe)\\.' };
    assert.equal(ifevalCheck('pattern', constraints.pattern, 'x', IFEVAL), undefined);
    assert.equal(checkCompletion('I think so. My answer is maybe.', constraints, IFEVAL).results[0]!.pass, true);
    // Lower-case "my answer is yes." is not one of the options (IFEval compares case-sensitively).
    assert.equal(checkCompletion('my answer is yes.', constraints, IFEVAL).results[0]!.pass, false);
  });

  it('detectable_format:number_highlighted_sections → highlights', () => {
    // *first* and **second** each count once: at least 2.
    assert.equal(verdict('highlights', { min: 2 }, 'A *first* and a **second** point.'), true);
    // "**" and "* *" are empty after stripping stars and spaces: 0.
    assert.equal(verdict('highlights', { min: 1 }, 'Nothing ** here * * either.'), false);
  });

  it('detectable_format:multiple_sections → sections {count, marker}', () => {
    // Split on \s?SECTION\s?\d+\s?: two matches → 2 sections, at least 2.
    assert.equal(verdict('sections', { count: { min: 2 }, marker: 'SECTION' }, 'SECTION 1\nIntro\nSECTION 2\nBody'), true);
    // "Section 1" does not match the case-sensitive marker SECTION: 0.
    assert.equal(verdict('sections', { count: { min: 2 }, marker: 'SECTION' }, 'Section 1\nIntro\nSection 2\nBody'), false);
  });

  it('detectable_format:json_format → format: json', () => {
    // ```json prefix and ``` suffix removed, then json.loads.
    assert.equal(verdict('format', 'json', '```json\n{"a": 1}\n```'), true);
    // Prose before the fence: the prefix is not at the start, json.loads fails.
    assert.equal(verdict('format', 'json', 'Here it is:\n```json\n{"a": 1}\n```'), false);
  });

  it('detectable_format:title → title (<<[^\\n]+>>)', () => {
    assert.equal(verdict('title', true, '<<Poem of Joy>>\nLine one.'), true);
    // "<< >>" is blank inside after stripping < and >: no title.
    assert.equal(verdict('title', true, '<< >>\nLine one.'), false);
  });

  it('combination:two_responses → responses {count: 2}', () => {
    // Split on ******: two non-empty, different pieces.
    assert.equal(verdict('responses', { count: 2 }, 'Answer A\n******\nAnswer B'), true);
    // The same text twice: not distinct after strip.
    assert.equal(verdict('responses', { count: 2 }, 'Same\n******\nSame'), false);
  });

  it('combination:repeat_prompt → repeatPrompt', () => {
    const ctx = context({ compat: 'ifeval', promptText: 'Write a haiku about rain.' });
    // strip().lower() starts with the lower-cased prompt.
    assert.equal(verdict('repeatPrompt', true, 'write a haiku about rain. Soft rain on the roof…', ctx), true);
    // A preamble before the repetition fails the startswith.
    assert.equal(verdict('repeatPrompt', true, 'Sure! Write a haiku about rain. …', ctx), false);
  });

  it('startend:end_checker → endsWith', () => {
    // strip, strip '"', lower: ends with "any other questions?".
    assert.equal(verdict('endsWith', 'Any other questions?', '"Here you go. ANY OTHER QUESTIONS?"'), true);
    // Text after the phrase: no.
    assert.equal(verdict('endsWith', 'Any other questions?', 'Any other questions? Bye.'), false);
  });

  it('change_case:capital_word_frequency → capitalWords (tokens with isupper())', () => {
    // Tokens NASA, ESA, I are upper: 3 ≥ 3 ("I" counts under isupper).
    assert.equal(verdict('capitalWords', '>=3', 'NASA and ESA agree, I think.'), true);
    // "less than 2" ↔ "<2": DON'T is tokenized DO + N'T, both upper → 2.
    assert.equal(check('capitalWords', '<2', "DON'T go.").measured, 2);
    assert.equal(verdict('capitalWords', '<2', "DON'T go."), false);
  });

  it('change_case:english_capital → case: upper (isupper())', () => {
    // isupper(): digits and punctuation are uncased; every cased letter is upper.
    assert.equal(verdict('case', 'upper', 'HELLO, WORLD 2024!'), true);
    assert.equal(verdict('case', 'upper', 'HELLO, World!'), false);
  });

  it('change_case:english_lowercase → case: lower (islower())', () => {
    assert.equal(verdict('case', 'lower', 'hello, world 2024!'), true);
    // One capital letter makes islower() false.
    assert.equal(verdict('case', 'lower', 'hello, World'), false);
    // No cased character at all: islower() is false.
    assert.equal(verdict('case', 'lower', '123 !!!'), false);
  });

  it('punctuation:no_comma → noCommas (only ",")', () => {
    // A full-width comma is not "," for IFEval.
    assert.equal(verdict('noCommas', true, '你好，世界'), true);
    assert.equal(verdict('noCommas', true, 'Yes, please'), false);
  });

  it("startend:quotation → wrappedIn: '\"'", () => {
    assert.equal(verdict('wrappedIn', '"', '  "Quoted answer."\n'), true);
    // A single " is one character: len > 1 fails.
    assert.equal(verdict('wrappedIn', '"', '"'), false);
    // Curly quotes are not ".
    assert.equal(verdict('wrappedIn', '"', '“Quoted.”'), false);
  });
});

describe('ifeval: where IFEval and our default differ', () => {
  it('\\w+ counts "don\'t" as two words; our default counts one', () => {
    assert.equal(check('words', 3, "I don't know").measured, 4);
    assert.equal(run('words', 3, "I don't know").measured, 3);
  });

  it('Python \\w excludes combining marks: a Hindi word with vowel signs is several \\w+ runs', () => {
    // न म स ् त े: the virama and vowel sign are marks (Mn/Mc), which Python's re does not treat as \w.
    assert.equal(check('words', 1, 'नमस्ते').measured, 2);
  });

  it('an empty paragraph between two *** dividers fails whatever the count', () => {
    const text = 'One\n***\n***\nTwo';
    // Pieces: "One", "", "Two": the empty middle piece fails the check.
    assert.equal(verdict('paragraphs', 2, text), false);
    // Our default with separator *** skips empty chunks: 2 paragraphs.
    assert.equal(run('paragraphs', { count: 2, separator: '***' }, text).pass, true);
    // Leading and trailing dividers only drop the empty first/last pieces.
    assert.equal(verdict('paragraphs', 2, '***\nOne\n***\nTwo\n***'), true);
  });

  it('forbidden words match whole words, keywords match substrings', () => {
    assert.equal(verdict('exclude', ['cat'], 'concatenate'), true);
    assert.equal(verdict('include', ['cat'], 'concatenate'), true);
    // Python's \b is Unicode: "é" is a word character, so "café" is not "caf" as a whole word.
    assert.equal(verdict('exclude', ['caf'], 'un café'), true);
  });

  it('frequency counts substrings under IFEval, whole words by default', () => {
    assert.equal(check('frequency', [{ word: 'cat', count: 2 }], 'cat concatenate').pass, true);
    assert.equal(run('frequency', [{ word: 'cat', count: 2 }], 'cat concatenate').pass, false);
  });

  it('IFEval bullets ignore "+" and numbered items, and count "-" lines such as "---"', () => {
    assert.equal(check('bullets', 1, '---\nText').measured, 1);
    assert.equal(run('bullets', 0, '---\nText').pass, true);
  });

  it('placeholders count links; highlights count "* text *" with inner spaces', () => {
    assert.equal(check('placeholders', 1, 'See [the docs](https://x.y).').measured, 1);
    assert.equal(check('highlights', 1, 'a * b * c').measured, 1);
  });

  it('the postscript marker may stand mid-line', () => {
    assert.equal(verdict('postscript', true, 'Bye (p.s. call me)'), true);
  });

  it('end_checker ignores surrounding double quotes', () => {
    assert.equal(verdict('endsWith', 'Bye.', '"Bye."'), true);
  });

  it('json_format accepts NaN and Infinity (Python json.loads) and rejects trailing commas', () => {
    assert.equal(verdict('format', 'json', '{"a": NaN, "b": -Infinity}'), true);
    assert.equal(verdict('format', 'json', '{"a": 1,}'), false);
    assert.equal(verdict('format', 'json', '{"a": "NaN"'), false);
  });

  it('an empty or whitespace-only completion fails every instruction', () => {
    assert.equal(verdict('words', '<100', '  \n '), false);
    assert.equal(verdict('noCommas', true, ''), false);
  });

  it('options IFEval does not have fall back to our definition', () => {
    assert.equal(ifevalCheck('exclude', { words: ['x'], caseSensitive: true }, 'x', IFEVAL), undefined);
    assert.equal(ifevalCheck('include', { words: ['x'], wholeWord: true }, 'x', IFEVAL), undefined);
    assert.equal(ifevalCheck('sections', 2, '# a\n# b', IFEVAL), undefined);
    assert.equal(ifevalCheck('endsWith', { text: 'x', caseSensitive: true }, 'x', IFEVAL), undefined);
    assert.equal(ifevalCheck('format', 'markdown', 'x', IFEVAL), undefined);
    for (const key of ['characters', 'tokens', 'lines', 'pattern', 'schema', 'startsWith'])
      assert.equal(ifevalCheck(key, 1, 'x', IFEVAL), undefined);
  });

  it('sentences: Punkt splits at ? and ! and at a period before a capitalised sentence starter after an initial', () => {
    assert.equal(check('sentences', 1, 'Is it? Yes! Fine.').measured, 3);
    assert.equal(check('sentences', 1, 'J. Smith wrote it.').measured, 1);
    assert.equal(check('sentences', 1, 'He said "Stop." Then he left.').measured, 2);
    assert.equal(check('sentences', 1, 'Version 3.5 shipped. It works.').measured, 2);
  });

  it('results say what IFEval measured against the declared range', () => {
    const r = check('words', { max: 3 }, 'one two three four five');
    assert.equal(r.message, '5 words; at most 3 allowed');
    assert.deepEqual(r.ranges, [{ offset: 14, length: 9 }]);
    assert.equal(r.data?.['instruction'], 'length_constraints:number_words');
  });
});

describe('ifeval: loose mode', () => {
  it("gives IFEval's eight variants in its order", () => {
    const v = looseVariants('Sure! Here it is:\n*a*\nbody\nHope this helps');
    assert.deepEqual(v, [
      'Sure! Here it is:\n*a*\nbody\nHope this helps',
      'Sure! Here it is:\na\nbody\nHope this helps',
      '*a*\nbody\nHope this helps',
      'Sure! Here it is:\n*a*\nbody',
      '*a*\nbody',
      'a\nbody\nHope this helps',
      'Sure! Here it is:\na\nbody',
      'a\nbody',
    ]);
  });

  it('a first-line preamble fails strict and passes loose', () => {
    const completion = 'Sure! Here is the JSON:\n{"answer": 42}';
    assert.equal(checkCompletion(completion, { compat: 'ifeval', format: 'json' }, IFEVAL).results[0]!.pass, false);
    const loose = checkCompletion(completion, { compat: 'ifeval', mode: 'loose', format: 'json' }, IFEVAL).results[0]!;
    assert.equal(loose.pass, true);
    assert.equal(loose.data?.['looseVariant'], 2);
  });

  it('removing * lets a lower-case check pass, and a closing line is dropped for endsWith', () => {
    const loose = { compat: 'ifeval', mode: 'loose' };
    assert.equal(
      checkCompletion(
        '**Answer:** yes\nAny other questions?\n(generated)',
        { ...loose, endsWith: 'Any other questions?' },
        IFEVAL,
      ).results[0]!.pass,
      true,
    );
    assert.equal(checkCompletion('Sure.\nall lower case here', { ...loose, case: 'lower' }, IFEVAL).results[0]!.pass, true);
  });

  it('variants that are empty after stripping never pass', () => {
    // One line: every line-removed variant is empty; the words limit is met only by those.
    assert.equal(
      checkCompletion('one two three', { compat: 'ifeval', mode: 'loose', words: '<2' }, IFEVAL).results[0]!.pass,
      false,
    );
  });
});

describe("ifeval: linear-time scans agree with IFEval's regexes and stay fast", () => {
  // The regexes exactly as IFEval writes them, in JavaScript spelling (Python's `.` is [^\n], `^`/`$` stop at \n only).
  const S = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
  const byRegex = {
    bullets: (t: string) =>
      [...t.matchAll(new RegExp(`(?<![^\\n])${S}*\\*[^*][^\\n]*(?![^\\n])`, 'gu'))].length +
      [...t.matchAll(new RegExp(`(?<![^\\n])${S}*-[^\\n]*(?![^\\n])`, 'gu'))].length,
    placeholders: (t: string) => [...t.matchAll(/\[[^\n]*?\]/g)].length,
    titles: (t: string) =>
      [...t.matchAll(/<<[^\n]+>>/g)].filter((m) => m[0].replace(/^<+/, '').replace(/>+$/, '').trim() !== '').length,
  };
  const alphabet = ['*', '-', ' ', '\n', 'a', '[', ']', '<', '>', '\t'];
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sample = (): string =>
    Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');

  it('bullets, placeholders and titles count what the regexes count on 3,000 random strings', () => {
    for (let i = 0; i < 3000; i++) {
      const t = sample();
      const label = JSON.stringify(t);
      assert.equal(check('bullets', 0, `x${t}`).measured, byRegex.bullets(`x${t}`), `bullets ${label}`);
      assert.equal(check('placeholders', 0, `x${t}`).measured, byRegex.placeholders(`x${t}`), `placeholders ${label}`);
      assert.equal(check('title', true, `x${t}`).pass, byRegex.titles(`x${t}`) > 0, `titles ${label}`);
    }
  });

  it('long hostile inputs are checked in well under a second each', () => {
    const hostile = [
      '\n'.repeat(300_000) + 'x',
      '['.repeat(300_000),
      '<<'.repeat(150_000),
      'a' + ' '.repeat(300_000) + 'b',
      "x's".repeat(100_000),
      '"\\"'.repeat(100_000) + 'NaN',
      '!'.repeat(300_000),
      '. '.repeat(150_000) + 'x',
    ];
    for (const text of hostile) {
      const { ms } = withCpuTime(() => {
        for (const [key, value] of [
          ['bullets', 1],
          ['placeholders', 1],
          ['title', true],
          ['words', 1],
          ['sentences', 1],
          ['capitalWords', 1],
          ['format', 'json'],
          ['paragraphs', 1],
          ['highlights', 1],
          ['endsWith', 'b'],
        ] as const) {
          check(key, value, text);
        }
      });
      assert.ok(ms < 1500, `${JSON.stringify(text.slice(0, 10))}… took ${Math.round(ms)} ms of CPU`);
    }
  });
});
