// Prose detection of keywords, language, markers and structure: each phrase is from an IFEval prompt and the
// expected value is that prompt's own annotation (IFEval's kwargs), converted to our constraint value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectConstraints } from '../../core/instructions/detect';
import { yamlScalar } from '../../core/instructions/declare';

const read = (text: string): Array<[string, unknown]> => detectConstraints(text).map((s) => [s.key, s.value]);

describe('stated constraints beyond counts', () => {
  const cases: Array<[string, Array<[string, unknown]>]> = [
    ['Include keywords gao and hearts in the response.', [['include', ['gao', 'hearts']]]],
    ['Don’t forget to include the keywords waste, material and meal.', [['include', ['waste', 'material', 'meal']]]],
    [
      'Do not include the following keywords: field, thanks, issue, collaborator.',
      [['exclude', ['field', 'thanks', 'issue', 'collaborator']]],
    ],
    ['The word "rock" should not appear in your response.', [['exclude', ['rock']]]],
    [
      'Make sure to use the word war at least 8 times, and the word peace at least 10 times.',
      [
        [
          'frequency',
          [
            { word: 'war', count: '>=8' },
            { word: 'peace', count: '>=10' },
          ],
        ],
      ],
    ],
    ['In your entire response, the letter t should appear at most once.', [['letters', [{ letter: 't', count: '<=1' }]]]],
    ['Please respond using only the Kannada language, no other language is allowed.', [['language', 'kn']]],
    ['Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.', [['title', true]]],
    ['Highlight at least 3 sections in your answer with markdown, i.e. *highlighted section*.', [['highlights', '>=3']]],
    [
      'The response must contain at least 2 placeholders represented by square brackets, such as [address].',
      [['placeholders', '>=2']],
    ],
    ['At the end of your response, please explicitly add a postscript starting with P.P.S', [['postscript', 'P.P.S']]],
    ['Wrap your entire response with double quotation marks.', [['wrappedIn', '"']]],
    ['First repeat the request word for word without change, then give your answer.', [['repeatPrompt', true]]],
    [
      'Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.',
      [
        ['responses', { count: 2 }],
        ['responses', { count: 2 }],
      ],
    ],
    [
      "Answer with one of the following options: ('My answer is yes.', 'My answer is no.', 'My answer is maybe.')",
      [['pattern', '(?:My answer is yes\\.|My answer is no\\.|My answer is maybe\\.)']],
    ],
    [
      'Your response must have 3 sections. Mark the beginning of each section with SECTION X.',
      [['sections', { count: 3, marker: 'SECTION' }]],
    ],
    ['In your response, words with all capital letters should appear at least 12 times.', [['capitalWords', '>=12']]],
    [
      'There should be 2 paragraphs. Paragraph 2 must start with word jasper.',
      [['firstWord', { paragraph: 2, word: 'jasper', paragraphs: 2 }]],
    ],
    [
      'There should be 4 paragraphs. Paragraphs are separated with the markdown divider: ***',
      [['paragraphs', { count: 4, separator: '***' }]],
    ],
    [
      'Finish your response with this exact phrase Any other questions?. No other words should follow this phrase.',
      [['endsWith', 'Any other questions?.']],
    ],
    ['Write a 300+ word summary of the page.', [['words', '>=300']]],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(read(text), expected));
});

describe('stated constraints beyond counts: what is skipped', () => {
  const negatives = [
    // IFBench: a changed copy of the request is not a repetition repeatPrompt can check.
    'Repeat the request, but change the first word of the repeated request.',
    // IFBench: a language for a part of the answer.
    'Every 5th word of your response must be in Japanese.',
    // A count of capital words is not the case of the whole answer.
    'Use words with all capital letters to highlight key abilities.',
    'If the user asks for a title, wrap it in double angular brackets.',
    'Do not include a postscript starting with P.S.',
  ];
  for (const text of negatives)
    it(text, () =>
      assert.deepEqual(
        read(text).filter(([k]) => k !== 'include'),
        [],
      ),
    );
});

describe('yamlScalar', () => {
  it('lists and mappings are written in flow style on one line', () => {
    assert.equal(yamlScalar(['gao', 'hearts']), '[ "gao", "hearts" ]');
    assert.equal(yamlScalar({ count: 3, marker: 'SECTION' }), '{ count: 3, marker: "SECTION" }');
  });
});
