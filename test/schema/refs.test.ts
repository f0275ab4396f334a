// `$ref`s: relative files read through the injected FileAccess, remote ones reported and never fetched, missing ones reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { at, loadFileSchema, loadPrompt, mustValidate } from './helpers';

describe('$ref', () => {
  it('a relative $ref is read through FileAccess, relative to the schema file; failures inside it validate', async () => {
    const loaded = await loadFileSchema(
      '{"type": "object", "properties": {"address": {"$ref": "./defs/address.json#/$defs/address"}}}',
      {
        '/w/defs/address.json':
          '{"$defs": {"address": {"type": "object", "required": ["city"], "properties": {"zip": {"$ref": "zip.json"}}}}}',
        '/w/defs/zip.json': '{"type": "string", "pattern": "^[0-9]{5}$"}',
      },
    );
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.files.reads, ['/w/schema.json', '/w/defs/address.json', '/w/defs/zip.json']);
    const validation = mustValidate(loaded);
    assert.deepEqual(validation.validate('{"address": {"city": "Oslo", "zip": "12345"}}'), []);
    const text = '{"address": {"zip": "12"}}';
    const failures = validation.validate(text);
    assert.deepEqual(
      failures.map((f) => [f.keyword, at(text, f.span)]),
      [
        ['required', '"address"'],
        ['pattern', '"12"'],
      ],
    );
  });

  it('a remote $ref is reported at its value and never fetched; the rest still validates', async () => {
    const text =
      '{"type": "object", "required": ["id"], "properties": {"a": {"$ref": "https://example.com/a.json"}, "b": {"$ref": "http://example.com/b.json#/x"}}}';
    const loaded = await loadFileSchema(text);
    assert.deepEqual(loaded.files.reads, ['/w/schema.json'], 'nothing but the schema is read');
    assert.ok(loaded.files.reads.every((uri) => !/^https?:/.test(uri)));
    assert.deepEqual(
      loaded.problems.map((p) => [p.ruleId, at(text, p.span)]),
      [
        ['schema/unresolved-ref', '"https://example.com/a.json"'],
        ['schema/unresolved-ref', '"http://example.com/b.json#/x"'],
      ],
    );
    assert.equal(loaded.problems[0].uri, '/w/schema.json');
    assert.equal(mustValidate(loaded).validate('{"a": 1}')[0]?.message, 'missing required property "id"');
  });

  it('a $ref to a standard meta-schema is built in, not fetched', async () => {
    const loaded = await loadFileSchema('{"$ref": "http://json-schema.org/draft-07/schema#"}');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.files.reads, ['/w/schema.json']);
    assert.equal(mustValidate(loaded).validate('{"type": 3}').length > 0, true);
  });

  it('a missing file is reported at the $ref', async () => {
    const text = '{"properties": {"a": {"$ref": "./gone.json"}}}';
    const loaded = await loadFileSchema(text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.ruleId, at(text, p.span)]),
      [['schema/unresolved-ref', '"./gone.json"']],
    );
    assert.ok(loaded.validation);
  });

  it('a problem inside a referenced file is located in that file', async () => {
    const defs = '{\n  "type": "string",\n  "pattern": "(?<bad"\n}';
    const loaded = await loadFileSchema('{"$ref": "defs.json"}', { '/w/defs.json': defs });
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].uri, '/w/defs.json');
    assert.equal(at(defs, loaded.problems[0].span), '"(?<bad"');
  });

  it('with a workspace root, a $ref outside it is not read', async () => {
    const loaded = await loadFileSchema(
      '{"$ref": "../../etc/secret.json"}',
      { '/etc/secret.json': '{}' },
      { scope: { root: '/w', allowed: [] } },
    );
    assert.equal(loaded.problems[0]?.ruleId, 'schema/unresolved-ref');
    assert.ok(!loaded.files.reads.includes('/etc/secret.json'));
  });

  it('a schema path that is a URL is reported at the prompt key, not fetched', async () => {
    const text = '---\nconstraints:\n  schema: https://example.com/s.json\n---\nx';
    const loaded = await loadPrompt('/w/p.prompt.md', text);
    assert.deepEqual(loaded.files.reads, []);
    assert.deepEqual(
      loaded.problems.map((p) => [p.ruleId, at(text, p.span)]),
      [['schema/unresolved-ref', 'https://example.com/s.json']],
    );
  });

  it('internal refs (#/definitions, $id) need no file', async () => {
    const loaded = await loadFileSchema(
      '{"definitions": {"n": {"$id": "urn:num", "type": "number"}}, "properties": {"a": {"$ref": "#/definitions/n"}, "b": {"$ref": "urn:num"}}}',
    );
    assert.deepEqual(loaded.problems, []);
    assert.equal(mustValidate(loaded).validate('{"a": "x", "b": "y"}').length, 2);
  });
});

describe('$ref cycles', () => {
  it('two files whose $refs point at each other: a located schema/invalid, no validator, no stack overflow', async () => {
    const b = '{\n  "$ref": "./schema.json"\n}';
    const loaded = await loadFileSchema('{"$ref": "./b.json"}', { '/w/b.json': b });
    assert.equal(loaded.validation, undefined);
    assert.deepEqual(
      loaded.problems.map((p) => [p.ruleId, p.uri]),
      [['schema/invalid', '/w/b.json']],
    );
    assert.equal(at(b, loaded.problems[0].span), '"./schema.json"');
    assert.match(
      loaded.problems[0].message,
      /^\$ref "\.\/schema\.json" closes a cycle of references that never descends into the value/,
    );
  });

  it('a file referring to itself, and {"$ref": "#"} under allOf, are cycles', async () => {
    const self = '{"$ref": "./schema.json"}';
    const one = await loadFileSchema(self);
    assert.deepEqual(
      one.problems.map((p) => [p.ruleId, at(self, p.span)]),
      [['schema/invalid', '"./schema.json"']],
    );
    const allOf = '{"allOf": [{"type": "object"}, {"$ref": "#"}]}';
    const two = await loadFileSchema(allOf);
    assert.deepEqual(
      two.problems.map((p) => [p.ruleId, at(allOf, p.span)]),
      [['schema/invalid', '"#"']],
    );
  });

  it('a cycle through not/anyOf and definitions is found at the $ref that closes it', async () => {
    const text =
      '{"definitions": {"x": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/y"}]}, "y": {"not": {"$ref": "#/definitions/x"}}}, "$ref": "#/definitions/x"}';
    const loaded = await loadFileSchema(text);
    assert.equal(loaded.validation, undefined);
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].ruleId, 'schema/invalid');
    assert.ok(['"#/definitions/x"', '"#/definitions/y"'].includes(at(text, loaded.problems[0].span)));
  });

  it('recursion that descends into the value (a tree) is valid JSON Schema and validates', async () => {
    const text =
      '{"type": "object", "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}';
    const loaded = await loadFileSchema(text);
    assert.deepEqual(loaded.problems, []);
    const validation = mustValidate(loaded);
    assert.deepEqual(validation.validate('{"name": "a", "children": [{"name": "b", "children": []}]}'), []);
    assert.equal(validation.validate('{"name": "a", "children": [{"name": 3}]}')[0]?.pointer, '/children/0/name');
    // Two files recursing into each other's properties are fine too.
    const mutual = await loadFileSchema('{"properties": {"b": {"$ref": "b.json"}}}', {
      '/w/b.json': '{"properties": {"a": {"$ref": "schema.json"}}}',
    });
    assert.deepEqual(mutual.problems, []);
    assert.equal(mustValidate(mutual).validate('{"b": {"a": {"b": {}}}}').length, 0);
  });
});
