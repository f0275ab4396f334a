// Each JSON Schema draft dispatched by `$schema`, with passing and failing completions located in their text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { at, loadFileSchema, located, mustValidate } from './helpers';

const person = (schemaUri: string | undefined, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...(schemaUri ? { $schema: schemaUri } : {}),
    type: 'object',
    required: ['name', 'age'],
    properties: {
      name: { type: 'string', minLength: 2 },
      age: { type: 'integer', minimum: 0 },
      email: { type: 'string', format: 'email' },
    },
    ...extra,
  });

const DRAFTS: Array<[string, string | undefined]> = [
  ['draft-04', 'http://json-schema.org/draft-04/schema#'],
  ['draft-06', 'http://json-schema.org/draft-06/schema#'],
  ['draft-07', 'http://json-schema.org/draft-07/schema#'],
  ['2019-09', 'https://json-schema.org/draft/2019-09/schema'],
  ['2020-12', 'https://json-schema.org/draft/2020-12/schema'],
  ['no $schema (draft-07)', undefined],
];

describe('drafts', () => {
  for (const [name, uri] of DRAFTS) {
    it(`${name}: passes a valid completion and locates failures`, async () => {
      const loaded = await loadFileSchema(person(uri));
      assert.deepEqual(loaded.problems, []);
      const validation = mustValidate(loaded);
      assert.deepEqual(validation.validate('{"name": "Ada", "age": 36, "email": "ada@example.com"}'), []);
      const bad = '{"name": "A", "age": -1, "email": "not-an-email"}';
      assert.deepEqual(located(bad, validation.validate(bad)), [
        ['/name', '"A"', 'minLength'],
        ['/age', '-1', 'minimum'],
        ['/email', '"not-an-email"', 'format'],
      ]);
    });
  }

  it('draft-04 uses its own exclusiveMaximum (boolean form)', async () => {
    const schema = JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'number',
      maximum: 10,
      exclusiveMaximum: true,
    });
    const validation = mustValidate(await loadFileSchema(schema));
    assert.equal(validation.validate('10').length, 1);
    assert.equal(validation.validate('9').length, 0);
  });

  it('draft-06 knows const and contains', async () => {
    const schema = JSON.stringify({
      $schema: 'http://json-schema.org/draft-06/schema#',
      type: 'array',
      contains: { const: 'x' },
    });
    const validation = mustValidate(await loadFileSchema(schema));
    assert.equal(validation.validate('["a", "x"]').length, 0);
    assert.equal(validation.validate('["a"]')[0]?.keyword, 'contains');
  });

  it('2019-09 knows dependentRequired and unevaluatedProperties', async () => {
    const schema = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      properties: { card: { type: 'string' }, cvc: { type: 'string' } },
      dependentRequired: { card: ['cvc'] },
      unevaluatedProperties: false,
    });
    const validation = mustValidate(await loadFileSchema(schema));
    const text = '{"card": "4111", "pin": 1}';
    const failures = validation.validate(text);
    assert.deepEqual(failures.map((f) => [f.keyword, f.message]).sort(), [
      ['dependentRequired', 'missing required property "cvc"'],
      ['unevaluatedProperties', 'property "pin" is not allowed'],
    ]);
    assert.equal(at(text, failures.find((f) => f.keyword === 'unevaluatedProperties')!.span), '"pin"');
  });

  it('2020-12: prefixItems and $defs', async () => {
    const schema = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: { point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false } },
      type: 'object',
      properties: { at: { $ref: '#/$defs/point' } },
    });
    const loaded = await loadFileSchema(schema);
    assert.deepEqual(loaded.problems, []);
    const validation = mustValidate(loaded);
    assert.deepEqual(validation.validate('{"at": [1, 2]}'), []);
    const text = '{"at": [1, "two", 3]}';
    assert.deepEqual(located(text, validation.validate(text)), [
      ['/at', '[1, "two", 3]', 'items'],
      ['/at/1', '"two"', 'type'],
    ]);
  });

  it('an unrecognised $schema is a warning at its value, and the schema validates as draft-07', async () => {
    const text = JSON.stringify({ $schema: 'https://example.com/my-meta', type: 'string' });
    const loaded = await loadFileSchema(text);
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].severity, 'warning');
    assert.match(loaded.problems[0].message, /unrecognised \$schema .*draft-07/);
    assert.equal(at(text, loaded.problems[0].span), '"https://example.com/my-meta"');
    assert.equal(mustValidate(loaded).validate('3')[0]?.keyword, 'type');
  });

  it('x-* keywords are tolerated silently; other unknown keywords are warnings at their key', async () => {
    const text = '{"type": "object", "x-order": ["a"], "x-go-type": "T", "colour": "red"}';
    const loaded = await loadFileSchema(text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, p.message, at(text, p.span)]),
      [['warning', 'unknown keyword "colour" is ignored', '"colour"']],
    );
    assert.ok(loaded.validation);
  });

  it('an unknown format is a warning and is not checked', async () => {
    const text = '{"type": "string", "format": "zip-code"}';
    const loaded = await loadFileSchema(text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, at(text, p.span)]),
      [['warning', '"zip-code"']],
    );
    assert.deepEqual(mustValidate(loaded).validate('"anything"'), []);
  });

  it('a schema that breaks its meta-schema is located at the bad value, flood collapsed', async () => {
    const text = '{"type": "object", "properties": {"a": {"type": "strnig"}}, "required": "a"}';
    const loaded = await loadFileSchema(text);
    assert.equal(loaded.validation, undefined);
    assert.deepEqual(loaded.problems.map((p) => at(text, p.span)).sort(), ['"a"', '"strnig"']);
    assert.ok(loaded.problems.every((p) => p.ruleId === 'schema/invalid' && p.severity === 'error'));
  });

  it('$data is never enabled: a {$data} value is not a reference', async () => {
    const text = '{"type": "object", "properties": {"max": {"type": "number"}, "n": {"maximum": {"$data": "1/max"}}}}';
    const loaded = await loadFileSchema(text);
    assert.equal(loaded.validation, undefined);
    assert.ok(loaded.problems.some((p) => p.ruleId === 'schema/invalid'));
  });
});
