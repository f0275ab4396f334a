// The prose matchers of instructions/undeclared and instructions/mismatch: what they read, what they skip, and that they stay linear.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectConstraints, maskCode } from '../../core/instructions/detect';
import { isCountError, parseCount } from '../../core/constraints/count';
import { withCpuTime } from '../support/cpu-time';

function detect(text: string): Array<[string, unknown, string]> {
  return detectConstraints(maskCode(text).masked).map((s) => [s.key, s.value, s.phrase]);
}

describe('stated constraints: what is read', () => {
  const cases: Array<[string, Array<[string, unknown, string]>]> = [
    ['Answer in at most 50 words and do not use bullet points.', [['words', '<=50', 'at most 50 words']]],
    ['Keep your answer under 100 words.', [['words', '<100', 'under 100 words']]],
    ['Answer the questions in at most 80 words.', [['words', '<=80', 'at most 80 words']]],
    ['Summarise the key points in 3 sentences.', [['sentences', '<=3', 'in 3 sentences']]],
    ['Respond in fewer than 5 bullet points.', [['bullets', '<5', 'fewer than 5 bullet points']]],
    ['Your reply must be less than 280 characters.', [['characters', '<280', 'less than 280 characters']]],
    ['Use no more than three bullets.', [['bullets', '<=3', 'no more than three bullets']]],
    ['Your response must not exceed 200 words.', [['words', '<=200', 'not exceed 200 words']]],
    ['Write up to 4 lines.', [['lines', '<=4', 'up to 4 lines']]],
    ['Give a maximum of 2 paragraphs.', [['paragraphs', '<=2', 'a maximum of 2 paragraphs']]],
    ['Write at least 3 paragraphs.', [['paragraphs', '>=3', 'at least 3 paragraphs']]],
    ['Write more than 300 words.', [['words', '>300', 'more than 300 words']]],
    ['Reply in exactly twenty sentences.', [['sentences', 20, 'exactly twenty sentences']]],
    ['Summarise the ticket in one sentence.', [['sentences', '<=1', 'in one sentence']]],
    ['Reply in a single paragraph.', [['paragraphs', '<=1', 'in a single paragraph']]],
    ['Write between 100 and 150 words.', [['words', '100..150', 'between 100 and 150 words']]],
    ['Respond in about 1,000 words.', [['words', '~1000', 'about 1,000 words']]],
    ['Answer in 50 words or less.', [['words', '<=50', 'in 50 words']]],
    ['Write 5 sentences or more.', [['sentences', '>=5', '5 sentences or more']]],
    ['Limit your reply to 3 sentences.', [['sentences', '<=3', 'Limit your reply to 3 sentences']]],
    ['AT MOST 50 WORDS in your answer.', [['words', '<=50', 'AT MOST 50 WORDS']]],
    ['Respond in JSON.', [['format', 'json', 'Respond in JSON']]],
    ['Return only valid JSON.', [['format', 'json', 'Return only valid JSON']]],
    ['Read the email and respond in valid JSON.', [['format', 'json', 'respond in valid JSON']]],
    ['Finally, you must return the result as JSON.', [['format', 'json', 'return the result as JSON']]],
    ['Questions are usually under 20 words; answer in at most 100 words.', [['words', '<=100', 'at most 100 words']]],
    ['Answer with one JSON object with the keys a and b.', [['format', 'json', 'Answer with one JSON']]],
    [
      'Your entire response should be in English, and in all lowercase letters.',
      [
        ['language', 'en', 'be in English'],
        ['case', 'lower', 'all lowercase letters'],
      ],
    ],
    ['Your answer must be in all capital letters.', [['case', 'upper', 'all capital letters']]],
    ['Write your reply all uppercase.', [['case', 'upper', 'all uppercase']]],
    ['Do not use any commas in your response.', [['noCommas', true, 'Do not use any commas']]],
    ['Write the email without using any commas.', [['noCommas', true, 'without using any commas']]],
    ['In your response, refrain from the use of any commas.', [['noCommas', true, 'refrain from the use of any commas']]],
    [
      'End your response with the exact phrase "Is there anything else I can help with?"',
      [
        [
          'endsWith',
          'Is there anything else I can help with?',
          'End your response with the exact phrase "Is there anything else I can help with?"',
        ],
      ],
    ],
    ['Begin your reply with “Dear customer”.', [['startsWith', 'Dear customer', 'Begin your reply with “Dear customer”']]],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(detect(text), expected));

  it('every count value it emits is a §3.1 count parseCount accepts, with the bound the phrase means', () => {
    const ranges: Array<[string, { min?: number; max?: number }]> = [
      ['at most 50 words', { max: 50 }],
      ['under 50 words', { max: 49 }],
      ['at least 3 sentences', { min: 3 }],
      ['more than 3 sentences', { min: 4 }],
      ['exactly 3 sentences', { min: 3, max: 3 }],
      ['between 2 and 4 lines', { min: 2, max: 4 }],
      ['about 100 words', { min: 90, max: 110 }],
    ];
    for (const [phrase, range] of ranges) {
      const [stated] = detectConstraints(`Write your answer in ${phrase}.`.replace('in at', 'at').replace('in under', 'under'));
      assert.ok(stated, phrase);
      const parsed = parseCount(stated.value);
      assert.ok(!isCountError(parsed), `${phrase}: ${JSON.stringify(stated.value)} parses`);
      assert.deepEqual({ min: parsed.min, max: parsed.max }, { min: range.min, max: range.max }, phrase);
    }
  });
});

describe('stated format: plain prose', () => {
  it('"Reply in plain text, not JSON." states format: text, never json', () => {
    assert.deepEqual(
      detectConstraints('Reply in plain text, not JSON.').map((s) => [s.key, s.value]),
      [['format', 'text']],
    );
    assert.deepEqual(
      detectConstraints('Please answer as plain prose.').map((s) => [s.key, s.value]),
      [['format', 'text']],
    );
  });
});

describe('stated constraints: what is skipped', () => {
  const negatives = [
    'Do not respond in JSON.',
    'Do not answer in plain text.',
    'Put the reason as plain text inside the JSON field.',
    "Don't write more than 50 words.",
    'Never answer in all capital letters.',
    'Avoid all caps in your answer.',
    'You will receive an article of up to 2000 words.',
    'The input may be up to 2000 words long.',
    'Each bullet should be at most 10 words.',
    'Write 5 bullet points of at most 10 words each.',
    'Write a title of under 10 words, then the summary.',
    'If the user asks for detail, answer in at most 300 words.',
    'Return the keys `category` and `summary` (at most 20 words).',
    'For example, respond in JSON when asked.',
    'Tags are all lowercase.',
    'Use `at most 50 words` as the example.',
    '```\nRespond in JSON in at most 50 words.\n```\n',
    '~~~md\nall lowercase letters\n~~~\n',
    'End your response with a question.',
    'The policy has 3 paragraphs.',
    'The API output arrives as JSON.',
    'The tool returns results as JSON.',
    'The excerpt is under 500 words.',
    'Respond in JSON only when the user asks for it.',
    'Respond with JSON unless the input is empty.',
    'Keep sentences under 20 words.',
    'Keep paragraphs to at most 3 sentences.',
    'Provide your output in Markdown, not JSON.',
    'Summarise each section in one sentence.',
  ];
  for (const text of negatives) it(JSON.stringify(text), () => assert.deepEqual(detect(text), []));
});

describe('maskCode', () => {
  it('blanks fenced blocks and inline code, keeping every offset', () => {
    const text = 'a `b` c\n```js\nx\n```\nd';
    const { masked, inFence } = maskCode(text);
    assert.equal(masked, 'a     c\n     \n \n   \nd');
    assert.equal(masked.length, text.length);
    assert.equal(inFence, false);
  });
  it('carries an open fence into the next piece', () => {
    const first = maskCode('text\n```\nRespond in JSON.\n');
    assert.equal(first.inFence, true);
    assert.deepEqual(detectConstraints(maskCode('Respond in JSON.\n```\n', first.inFence).masked), []);
  });
});

describe('the matchers stay linear and never throw', () => {
  it('a megabyte of near-misses is scanned quickly', () => {
    const nearMiss = 'respond at most in at least as with about between 3 and '.repeat(20_000);
    const { result: found, ms } = withCpuTime(() => detectConstraints(nearMiss + ' answer in at most 5 words.'));
    assert.deepEqual(
      found.map((s) => s.value),
      ['<=5'],
    );
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
  });
  it('odd input is harmless', () => {
    for (const text of ['', '`', '```', '"', 'end your reply with "', 'at most', '\u0000\uffff', 'exactly 99999999999 words']) {
      assert.doesNotThrow(() => detectConstraints(maskCode(text).masked));
    }
  });
});
