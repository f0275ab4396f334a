// Failures located at their JSON nodes: RFC 6901 pointers decoded, keys for required/additionalProperties, quick-fix data, union floods collapsed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { at, loadFileSchema, mustValidate } from './helpers';
import { decodePointer } from '../../core/plain-data';

async function validator(schema: unknown) {
  return mustValidate(await loadFileSchema(JSON.stringify(schema)));
}

describe('locating failures', () => {
  it('decodes ~1 and ~0 in that order (RFC 6901)', () => {
    assert.deepEqual(decodePointer('/a~1b/c~0d/~01'), ['a/b', 'c~d', '~1']);
    assert.deepEqual(decodePointer(''), []);
  });

  it('keys containing / and ~ are found', async () => {
    const v = await validator({
      properties: { 'a/b': { properties: { 'c~d': { type: 'string' }, 'e~1f': { type: 'string' } } } },
    });
    const text = '{"a/b": {"c~d": 1, "e~1f": 2}}';
    assert.deepEqual(
      v.validate(text).map((f) => [f.pointer, at(text, f.span)]),
      [
        ['/a~1b/c~0d', '1'],
        ['/a~1b/e~01f', '2'],
      ],
    );
  });

  it("required points at the object's key (or its { at the top) and carries a value from the schema", async () => {
    const v = await validator({
      type: 'object',
      required: ['id', 'user'],
      properties: {
        id: { type: 'integer', default: 7 },
        user: {
          type: 'object',
          required: ['name', 'role', 'tags', 'kind', 'ok', 'n'],
          properties: {
            name: { type: 'string' },
            role: { enum: ['admin', 'guest'] },
            tags: { type: 'array' },
            kind: { const: 'person' },
            ok: { type: 'boolean' },
            n: { $ref: '#/$defs/n' },
          },
        },
      },
      $defs: { n: { type: 'number' } },
    });
    const text = '{"user": {}}';
    const failures = v.validate(text);
    assert.deepEqual(
      failures.map((f) => [at(text, f.span), f.data]),
      [
        ['{', { missingProperty: 'id', value: 7 }],
        ['"user"', { missingProperty: 'name', value: '' }],
        ['"user"', { missingProperty: 'role', value: 'admin' }],
        ['"user"', { missingProperty: 'tags', value: [] }],
        ['"user"', { missingProperty: 'kind', value: 'person' }],
        ['"user"', { missingProperty: 'ok', value: false }],
        ['"user"', { missingProperty: 'n', value: 0 }],
      ],
    );
    assert.equal(failures[0].message, 'missing required property "id"');
  });

  it('a missing string property with a pattern gets a value that matches the pattern (so the fix adds no new error)', async () => {
    const v = await validator({
      type: 'object',
      required: ['currency'],
      properties: { currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
    });
    const [failure] = v.validate('{}');
    assert.deepEqual(failure.data, { missingProperty: 'currency', value: 'AAA' });
    assert.deepEqual(v.validate('{"currency": "AAA"}'), []);
  });

  it('additionalProperties points at the offending key', async () => {
    const v = await validator({ type: 'object', properties: { a: {} }, additionalProperties: false });
    const text = '{"a": 1, "extra": {"deep": true}}';
    const [failure] = v.validate(text);
    assert.equal(at(text, failure.span), '"extra"');
    assert.equal(failure.message, 'property "extra" is not allowed');
    assert.deepEqual(failure.data, { additionalProperty: 'extra' });
    assert.equal(failure.pointer, '/extra');
  });

  it('enum: readable message and the nearest value', async () => {
    const v = await validator({ properties: { status: { enum: ['open', 'closed'] } } });
    const text = '{"status": "opne"}';
    const [failure] = v.validate(text);
    assert.equal(failure.message, '"status" must be one of "open", "closed"; got "opne"');
    assert.deepEqual(failure.data, { nearestEnum: 'open' });
    assert.equal(at(text, failure.span), '"opne"');
  });

  it('type: a coercible value is offered ("3" → 3, "true" → true, 3 → "3")', async () => {
    const v = await validator({
      properties: { n: { type: 'integer' }, b: { type: 'boolean' }, s: { type: 'string' }, x: { type: 'number' } },
    });
    const failures = v.validate('{"n": "3", "b": "true", "s": 3, "x": "three"}');
    assert.deepEqual(
      failures.map((f) => f.data),
      [{ coerceTo: 3 }, { coerceTo: true }, { coerceTo: '3' }, undefined],
    );
    assert.equal(failures[0].message, '"n" must be integer; got string "3"');
  });

  it("oneOf/anyOf floods collapse to the closest branch, through $ref'd branches too", async () => {
    const v = await validator({
      $defs: {
        cat: { type: 'object', required: ['meow'] },
        dog: { type: 'object', required: ['bark', 'wag'], properties: { bark: { type: 'string' } } },
      },
      properties: { pet: { oneOf: [{ $ref: '#/$defs/cat' }, { $ref: '#/$defs/dog' }, { type: 'string' }] } },
    });
    // `bark` is a key only the dog branch names: the author is writing a dog, though the cat branch has fewer errors.
    const text = '{"pet": {"bark": 1}}';
    const failures = v.validate(text);
    assert.deepEqual(
      failures.map((f) => f.message),
      ['missing required property "wag"', '"bark" must be string; got integer 1'],
    );
    assert.deepEqual(
      v.validate('{"pet": {}}').map((f) => f.message),
      ['missing required property "meow"'],
    );
    const inline = await validator({
      anyOf: [{ type: 'string' }, { type: 'object', required: ['a'], properties: { b: { type: 'number' } } }],
    });
    assert.deepEqual(
      inline.validate('{"b": "x"}').map((f) => f.message),
      ['missing required property "a"', '"b" must be number; got string "x"'],
    );
  });

  it('a branch whose discriminator (const) matches wins over one with fewer errors', async () => {
    const v = await validator({
      oneOf: [
        { type: 'object', required: ['kind'], properties: { kind: { const: 'circle' }, r: { type: 'number' } } },
        {
          type: 'object',
          required: ['kind', 'w', 'h'],
          properties: { kind: { const: 'rect' }, w: { type: 'number' }, h: { type: 'number' } },
        },
      ],
    });
    assert.deepEqual(
      v.validate('{"kind": "rect", "w": 1}').map((f) => f.message),
      ['missing required property "h"'],
    );
  });

  it('a value whose type no branch takes gets one message naming every alternative', async () => {
    const v = await validator({
      properties: { size: { anyOf: [{ type: 'integer' }, { const: 'auto' }, { type: 'object', required: ['min'] }] } },
    });
    const text = '{"size": true}';
    const failures = v.validate(text);
    assert.deepEqual(
      failures.map((f) => [f.message, at(text, f.span), f.keyword]),
      [['"size" must be integer, "auto" or object; got boolean true', 'true', 'anyOf']],
    );
    // The right type for one branch: that branch's own message.
    assert.deepEqual(
      v.validate('{"size": "big"}').map((f) => f.message),
      ['"size" must be "auto"; got "big"'],
    );
    // A number the integer branch refuses is the wrong type for every branch too.
    assert.deepEqual(
      v.validate('{"size": 1.5}').map((f) => f.message),
      ['"size" must be integer, "auto" or object; got number 1.5'],
    );
  });

  it('a oneOf matched by several branches keeps its own error', async () => {
    const v = await validator({ oneOf: [{ type: 'number' }, { type: 'integer' }] });
    assert.deepEqual(
      v.validate('3').map((f) => f.keyword),
      ['oneOf'],
    );
  });

  it('items in arrays are named by index', async () => {
    const v = await validator({ type: 'array', items: { type: 'string' } });
    const text = '["a", 2]';
    const [failure] = v.validate(text);
    assert.equal(failure.message, 'item 1 must be string; got integer 2');
    assert.equal(at(text, failure.span), '2');
  });

  it('duplicate errors are merged', async () => {
    const v = await validator({ allOf: [{ properties: { a: { type: 'string' } } }, { properties: { a: { type: 'string' } } }] });
    assert.equal(v.validate('{"a": 1}').length, 1);
  });
});
