// Examples generated for schema `pattern`s match them (checked with the JavaScript engine too) or are not generated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patternExample } from '../../core/schema/pattern-example';
import { exampleFromSchema } from '../../server/features/schema-samples';

describe('patternExample', () => {
  const cases: Array<[pattern: string, expected: string]> = [
    ['^[A-Z]{3}$', 'AAA'], // ISO currency codes
    ['^INV-\\d{4,}$', 'INV-0000'],
    ['^\\d{4}-\\d{2}-\\d{2}$', '0000-00-00'],
    ['^(draft|final)$', 'draft'],
    ['^[a-z0-9_-]+$', 'a'],
    ['^(?:https?://)?[a-z]+\\.com$', 'a.com'], // optional group: taken zero times
    ['^[^@\\s]+@[^@\\s]+$', 'a@a'],
    ['^v\\d+\\.\\d+(\\.\\d+)?$', 'v0.0'],
    ['colou?r', 'color'],
  ];
  for (const [pattern, expected] of cases) {
    it(`/${pattern}/ → ${JSON.stringify(expected)}`, () => {
      const example = patternExample(pattern);
      assert.equal(example, expected);
      assert.match(example!, new RegExp(pattern, 'u'));
    });
  }

  it('gives up on what it does not generate (look-around, back-references, \\p{…}) instead of guessing', () => {
    assert.equal(patternExample('^(?=.*\\d)[a-z]+$'), undefined);
    assert.equal(patternExample('^(a)\\1$'), undefined);
    assert.equal(patternExample('^\\p{Lu}+$'), undefined);
    assert.equal(patternExample('[unclosed'), undefined);
    assert.equal(patternExample('a{100000}'), undefined);
  });

  it('is used by exampleFromSchema for string properties, and the placeholder stays when no example fits', () => {
    const schema = {
      type: 'object',
      required: ['currency', 'code', 'note'],
      properties: {
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        code: { type: 'string', pattern: '^(?=x)x$' },
        note: { type: 'string', pattern: '^[a-z]+$', minLength: 5 },
      },
    };
    assert.deepEqual(exampleFromSchema(schema), { currency: 'AAA', code: 'text', note: 'textx' });
  });
});
