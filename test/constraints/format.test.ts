// format, schema and pattern: one fence allowed, parse errors located, bounded-time regex, unsupported syntax reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SchemaValidation } from '../../core/schema/types';
import { assertRows, context, run, sliceAll } from './helpers';

describe('format: json', () => {
  it('plain JSON and JSON in one fence pass', () => {
    assert.equal(run('format', 'json', '{"a": 1}').pass, true);
    assert.equal(run('format', 'json', '```json\n{"a": [1, 2]}\n```\n').pass, true);
    assert.equal(run('format', 'json', '```\n[1]\n```').pass, true);
  });
  it('a trailing comma fails at the offending character', () => {
    const text = '{"a": 1,}';
    const r = run('format', 'json', text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['}']);
    assert.match(r.message, /^does not parse as JSON \(property name expected\); JSON required$/);
  });
  it('the error offset inside a fence points into the completion', () => {
    const text = '```json\n{"a": tru}\n```';
    const r = run('format', 'json', text);
    assert.equal(r.pass, false);
    assert.equal(text.slice(r.ranges[0]!.offset).startsWith('tru'), true);
  });
  it('two fences, prose around the JSON, comments and empty text fail', () => {
    for (const text of ['```\n{}\n```\n```\n{}\n```', 'Here it is: {"a": 1}', '// note\n{}', '', '{"a": 1} trailing']) {
      assert.equal(run('format', 'json', text).pass, false, JSON.stringify(text));
    }
  });
});

describe('format: markdown and text', () => {
  it('markdown fails only on an unclosed fence', () => {
    assertRows('format', 'markdown', [
      ['# Title\n\n```js\nx()\n```\n', 'Markdown', true],
      ['Intro\n```js\nx()', 'Markdown with an unclosed code fence', false],
    ]);
  });
  it('text fails on Markdown syntax and points at it', () => {
    const text = 'Plain line.\n# Heading\n- item\nSee [docs](http://x.y).';
    const r = run('format', 'text', text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['# Heading', '- item', '[docs](http://x.y)']);
    assert.equal(run('format', 'text', 'Just words, nothing else.').pass, true);
  });
});

/** Accepts objects with a string "answer"; a failure points at the whole text. */
const answerSchema: SchemaValidation = {
  validate(jsonText) {
    const value: unknown = JSON.parse(jsonText);
    const ok = typeof value === 'object' && value !== null && typeof (value as { answer?: unknown }).answer === 'string';
    return ok
      ? []
      : [
          {
            message: 'must have string property "answer"',
            span: { offset: 0, length: jsonText.length },
            pointer: '',
            keyword: 'required',
          },
        ];
  },
};

describe('schema', () => {
  it('passes and fails through ctx.schema; fence offsets are added to failure spans', () => {
    const ctx = context({ schema: answerSchema });
    assert.equal(run('schema', './a.schema.json', '{"answer": "yes"}', ctx).pass, true);
    const text = '```json\n{"other": 1}\n```';
    const r = run('schema', './a.schema.json', text, ctx);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['{"other": 1}']);
    assert.equal(r.message, 'must have string property "answer"; valid against the schema required');
  });
  it('JSON that does not parse fails before validation', () => {
    const r = run('schema', { type: 'object' }, 'not json', context({ schema: answerSchema }));
    assert.equal(r.pass, false);
    assert.equal(r.measured, 'does not parse as JSON');
  });
  it('without a loaded schema it is not evaluated (and does not fail)', () => {
    const r = run('schema', './missing.json', '{}');
    assert.equal(r.pass, true);
    assert.equal(r.measured, 'not evaluated');
    assert.equal(r.message, 'schema could not be loaded; not evaluated');
  });
});

describe('pattern', () => {
  it('a plain regex may match anywhere; the range is the match', () => {
    const text = 'Order 12345 shipped';
    const r = run('pattern', '\\d{5}', text);
    assert.equal(r.pass, true);
    assert.deepEqual(sliceAll(text, r.ranges), ['12345']);
    assert.equal(run('pattern', '\\d{6}', text).pass, false);
  });
  it('flags i, m, s', () => {
    assert.equal(run('pattern', { regex: '^ORDER', flags: 'i' }, 'order 1').pass, true);
    assert.equal(run('pattern', { regex: '^two$', flags: 'm' }, 'one\ntwo\nthree').pass, true);
    assert.equal(run('pattern', { regex: '^two$' }, 'one\ntwo\nthree').pass, false);
    assert.equal(run('pattern', { regex: 'a.b', flags: 's' }, 'a\nb').pass, true);
    assert.equal(run('pattern', { regex: 'a.b' }, 'a\nb').pass, false);
  });
  it('fullMatch: the trimmed completion must match whole; the range is the unmatched tail', () => {
    assert.equal(run('pattern', { regex: '\\d+', fullMatch: true }, '  123\n').pass, true);
    const text = '123 and more';
    const r = run('pattern', { regex: '\\d+', fullMatch: true }, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), [' and more']);
  });
  it('a catastrophic-backtracking regex returns (linear-time engine)', () => {
    const r = run('pattern', { regex: '(a+)+$', fullMatch: false }, `${'a'.repeat(30)}!`);
    assert.equal(r.pass, false);
    const r2 = run('pattern', '^(a|aa)+$', `${'a'.repeat(40)}!`);
    assert.equal(r2.pass, false);
  });
  it('look-around and back-references run on the bounded matcher, with the results JavaScript gives', () => {
    const ahead = run('pattern', 'foo(?=bar)', 'a foobar');
    assert.equal(ahead.pass, true);
    assert.deepEqual(sliceAll('a foobar', ahead.ranges), ['foo']);
    assert.equal(run('pattern', 'foo(?=bar)', 'foobaz').pass, false);
    assert.equal(run('pattern', '(?<!x)y', 'xy').pass, false);
    assert.equal(run('pattern', '(?<!x)y', 'zy').pass, true);
    assert.equal(run('pattern', '(\\w+) \\1', 'say it it').pass, true);
    assert.equal(run('pattern', '(\\w+) \\1', 'say it is').pass, false);
    assert.equal(run('pattern', { regex: '^(?:(?!bad).)*$', fullMatch: true }, 'all good here').pass, true);
    const full = run('pattern', { regex: '(?:(?!bad).)*', fullMatch: true }, 'good then bad');
    assert.equal(full.pass, false);
    assert.deepEqual(sliceAll('good then bad', full.ranges), ['bad']);
  });
  it('a hostile look-around regex gives up within its step budget and says the completion was not checked', () => {
    const r = run('pattern', '^(?=a)(a+)+$', `${'a'.repeat(30)}!`);
    assert.equal(r.pass, false);
    assert.equal(r.measured, 'not checked');
    assert.equal(r.data?.error, 'pattern-budget');
    assert.match(r.message, /could not be checked: matching gave up after 1,000,000 backtracking steps/);
    // The same regex on an input it can decide quickly is checked normally.
    assert.equal(run('pattern', '^(?=a)(a+)+$', 'aaaa').pass, true);
  });
  it('regexes neither engine runs come back as an error result naming the construct', () => {
    const atomic = run('pattern', 'a(?>bc)', 'abc');
    assert.equal(atomic.pass, false);
    assert.match(atomic.message, /unsupported regex syntax: atomic group `\(\?>`/);
    assert.equal(atomic.data?.regexOffset, 1);
    assert.match(run('pattern', 'a++', 'aa').message, /possessive quantifier/);
    assert.match(run('pattern', '(?<=a', 'a').message, /^invalid regex: /);
    assert.match(run('pattern', '[z-a]', 'a').message, /^invalid regex: /);
  });
  it('named groups work', () => assert.equal(run('pattern', '(?<year>\\d{4})', 'in 2024').pass, true));
});
