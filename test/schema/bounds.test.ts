// Hostile schemas and completions stay bounded: an $id edited 200 times, deep nesting, 5 MB, a catastrophic pattern, a host without eval.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cachedValidatorCount, compileUnits } from '../../core/schema/compile';
import { at, loadFileSchema, loadPrompt, mustValidate } from './helpers';

describe('bounds', () => {
  it('a schema with $id edited 200 times (three times the 64 validators kept) neither throws nor grows the cache', async () => {
    for (let i = 0; i < 200; i++) {
      const loaded = await loadFileSchema(
        JSON.stringify({ $id: 'https://example.com/answer.json', type: 'object', properties: { n: { maximum: i } } }),
      );
      assert.deepEqual(loaded.problems, []);
      assert.equal(mustValidate(loaded).validate(`{"n": ${i + 1}}`).length, 1);
    }
    assert.ok(cachedValidatorCount() <= 64, `cache holds ${cachedValidatorCount()}`);
  });

  it('the same schema text is compiled once (cache hit returns the same validator)', () => {
    const a = compileUnits([{ schema: { type: 'string', minLength: 3 } }]);
    const b = compileUnits([{ schema: { type: 'string', minLength: 3 } }]);
    assert.ok(a.validate);
    assert.equal(a.validate, b.validate);
  });

  it("a catastrophic pattern (a+)+$ against 30 a's and ! completes quickly (RE2)", async () => {
    const validation = mustValidate(await loadFileSchema('{"type": "string", "pattern": "(a+)+$"}'));
    const started = Date.now();
    const failures = validation.validate(JSON.stringify(`${'a'.repeat(30)}!`));
    assert.equal(failures[0]?.keyword, 'pattern');
    assert.ok(Date.now() - started < 1_000);
    const long = validation.validate(JSON.stringify(`${'a'.repeat(100_000)}!`));
    assert.equal(long.length, 1);
  });

  it('a pattern RE2 cannot run is checked by the bounded matcher, with a warning at the pattern', async () => {
    const text = '{"type": "string", "pattern": "^(?=.*[0-9]).+$"}';
    const loaded = await loadFileSchema(text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, at(text, p.span)]),
      [['warning', '"^(?=.*[0-9]).+$"']],
    );
    assert.match(loaded.problems[0].message, /bounded backtracking matcher \(1,000,000 steps per completion\)/);
    assert.equal(mustValidate(loaded).validate('"abc"').length, 1);
    assert.equal(mustValidate(loaded).validate('"a1"').length, 0);
  });

  it('a hostile look-ahead pattern gives up within its budget: the value is reported as not checked, at the value', async () => {
    const loaded = await loadFileSchema(
      '{"type": "object", "properties": {"a": {"type": "string", "pattern": "^(?=a)(a+)+$"}, "b": {"pattern": "^(\\\\w)\\\\1$"}}}',
    );
    const validation = mustValidate(loaded);
    const completion = JSON.stringify({ a: `${'a'.repeat(30)}!`, b: 'xx' });
    const failures = validation.validate(completion);
    // Once the completion's budget is spent, later backtracking tests (b) are reported as not checked too.
    assert.deepEqual(
      failures.map((f) => [at(completion, f.span), f.keyword]),
      [
        [JSON.stringify(`${'a'.repeat(30)}!`), 'bounds'],
        ['"xx"', 'bounds'],
      ],
    );
    assert.match(failures[0].message, /could not be checked on this value: matching gave up after 1,000,000 backtracking steps/);
    // The budget is per completion: the next one is checked normally (b's back-reference fails on "xy").
    const next = JSON.stringify({ a: 'aaa', b: 'xy' });
    assert.deepEqual(
      validation.validate(next).map((f) => [at(next, f.span), f.keyword]),
      [['"xy"', 'pattern']],
    );
    assert.deepEqual(validation.validate(JSON.stringify({ a: 'aaa', b: 'yy' })), []);
  });

  it('an array of hostile values shares one budget per completion, so validation stays bounded', async () => {
    const validation = mustValidate(await loadFileSchema('{"type": "array", "items": {"pattern": "^(?=a)(a+)+$"}}'));
    const values = Array.from({ length: 200 }, () => `${'a'.repeat(28)}!`);
    const failures = validation.validate(JSON.stringify(values));
    assert.equal(failures.length, 1, 'identical values are reported once');
    assert.equal(failures[0].keyword, 'bounds');
  });

  it('a completion nested 10 000 levels deep is refused, not a crash', async () => {
    const validation = mustValidate(await loadFileSchema('{"type": "array"}'));
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const failures = validation.validate(deep);
    assert.equal(failures.length, 1);
    assert.match(failures[0].message, /nested more than/);
  });

  it('a 5 MB completion is validated in bounded time; a larger one is one failure', async () => {
    const validation = mustValidate(await loadFileSchema('{"type": "array", "items": {"type": "integer"}}'));
    const items = Array.from({ length: 600_000 }, (_, i) => (i % 2 === 0 ? String(i) : `"${i}"`));
    const big = `[${items.join(',')}]`.slice(0, 4_999_000).replace(/,[^,]*$/, ']');
    const started = Date.now();
    const failures = validation.validate(big);
    assert.ok(failures.length > 0 && failures.length <= 100, `${failures.length} failures`);
    assert.ok(Date.now() - started < 10_000);
    const huge = validation.validate(`[${'1,'.repeat(2_600_000)}1]`);
    assert.equal(huge.length, 1);
    assert.match(huge[0].message, /too large/);
  });

  it('a schema nested deeper than 64 subschemas is refused at the deep node', async () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100; i++) schema = { properties: { a: schema } };
    const loaded = await loadFileSchema(JSON.stringify(schema));
    assert.equal(loaded.validation, undefined);
    assert.match(loaded.problems[0].message, /nested more than 64/);
  });

  it('a schema file over 1 MB is not read', async () => {
    const loaded = await loadFileSchema(`{"description": "${'x'.repeat(1_000_001)}"}`);
    assert.equal(loaded.validation, undefined);
    assert.match(loaded.problems[0].message, /larger than/);
  });

  it('a host that refuses new Function gets a clear schema/invalid problem', () => {
    const original = globalThis.Function;
    const refusing = function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    Object.defineProperty(refusing, 'prototype', { value: original.prototype });
    globalThis.Function = refusing;
    let outcome;
    try {
      outcome = compileUnits([{ schema: { type: 'integer', title: 'no-eval host' } }]);
    } finally {
      globalThis.Function = original;
    }
    assert.equal(outcome.validate, undefined);
    assert.match(outcome.issues[0].message, /schema validation is unavailable in this host/);
  });

  it('a number beyond a double (maximum: 1e400) is located and explained, in YAML and in a JSON file', async () => {
    const yaml = '---\nconstraints:\n  schema:\n    type: number\n    maximum: 1e400\n---\nSay.\n';
    const inline = await loadPrompt('/w/p.prompt.md', yaml);
    assert.equal(inline.validation, undefined);
    assert.deepEqual(
      inline.problems.map((p) => [p.ruleId, at(yaml, p.span)]),
      [['schema/invalid', '1e400']],
    );
    assert.match(inline.problems[0].message, /^number out of range: it does not fit a 64-bit float/);
    assert.doesNotMatch(inline.problems[0].message, /null/);
    const json = '{"type": "number", "minimum": -1e999}';
    const file = await loadFileSchema(json);
    assert.deepEqual(
      file.problems.map((p) => [p.ruleId, at(json, p.span)]),
      [['schema/invalid', '-1e999']],
    );
  });
});
