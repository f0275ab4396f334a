// The provider subsets (core/providers/structured-outputs.json) and the checker against the providers' documented examples and limits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import table from '../../core/providers/structured-outputs.json';
import { checkProviderSubset, providerSubset } from '../../core/rules/schema/provider-compat-check';
import { compatFixEdits } from '../../core/rules/schema/provider-compat-fix';
import { applyEdits } from '../../core/edits';
import { parseSchemaFile } from '../../core/schema/refs';

const openai = providerSubset('openai')!;
const anthropic = providerSubset('anthropic')!;
const google = providerSubset('google')!;
const codes = (schema: unknown, subset = openai) =>
  checkProviderSubset(schema, subset).map((f) => `${f.code} ${JSON.stringify(f.path)}`);

/** An object property list of `n` strings, all required, closed. */
function closed(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

describe('structured-outputs.json', () => {
  it('is dated and names the public page each subset comes from', () => {
    assert.match(table.version, /^\d{4}-\d{2}-\d{2}$/);
    for (const [id, provider] of Object.entries(table.providers)) {
      assert.match(provider.source, /^https:\/\//, id);
      assert.match(provider.checked, /^\d{4}-\d{2}-\d{2}$/, id);
    }
  });

  it('records figures the documentation does not publish as null (not enforced)', () => {
    assert.equal(table.providers.anthropic.limits.nesting, null);
    assert.equal(table.providers.google.limits.objectProperties, null);
    assert.deepEqual(
      { ...table.providers.openai.limits },
      {
        objectProperties: 5000,
        nesting: 10,
        totalStringLength: 120000,
        enumValues: 1000,
        largeEnum: { values: 250, totalStringLength: 15000 },
      },
    );
  });

  it('knows only the three providers with a structured-output subset', () => {
    assert.equal(providerSubset('meta'), undefined);
    assert.equal(providerSubset('mistral'), undefined);
  });
});

describe('OpenAI Structured Outputs', () => {
  // The guide's examples: definitions, recursion through "#" and through $defs are all supported.
  const definitions = {
    type: 'object',
    properties: { steps: { type: 'array', items: { $ref: '#/$defs/step' } }, final_answer: { type: 'string' } },
    $defs: { step: closed({ explanation: { type: 'string' }, output: { type: 'string' } }) },
    required: ['steps', 'final_answer'],
    additionalProperties: false,
  };
  const recursiveUi = closed({
    type: { type: 'string', enum: ['div', 'button', 'header', 'section', 'field', 'form'] },
    label: { type: 'string' },
    children: { type: 'array', items: { $ref: '#' } },
    attributes: { type: 'array', items: closed({ name: { type: 'string' }, value: { type: 'string' } }) },
  });

  it("accepts the guide's own schemas (definitions, recursion)", () => {
    assert.deepEqual(codes(definitions), []);
    assert.deepEqual(codes(recursiveUi), []);
  });

  it('Claude rejects the recursive one', () => {
    assert.deepEqual(codes(recursiveUi, anthropic), ['recursive ["properties","children","items","$ref"]']);
    assert.deepEqual(codes(definitions, anthropic), []);
  });

  it('allows 5,000 object properties and refuses 5,001', () => {
    const props = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'string' }]));
    assert.deepEqual(codes(closed(props(5000))), []);
    assert.deepEqual(codes(closed(props(5001))), ['too-many-properties []']);
  });

  it('allows 10 levels of object nesting and refuses 11 (the root object is level 1)', () => {
    const nest = (levels: number): Record<string, unknown> =>
      levels === 1 ? closed({ leaf: { type: 'string' } }) : closed({ child: nest(levels - 1) });
    assert.deepEqual(codes(nest(10)), []);
    const found = codes(nest(11));
    assert.equal(found.length, 1);
    assert.match(found[0], /^too-deep /);
  });

  it('allows 1,000 enum values across the schema and refuses 1,001', () => {
    const values = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
    assert.deepEqual(codes(closed({ a: { type: 'integer', enum: values(500) }, b: { type: 'integer', enum: values(500) } })), []);
    assert.deepEqual(codes(closed({ a: { type: 'integer', enum: values(500) }, b: { type: 'integer', enum: values(501) } })), [
      'too-many-enum-values []',
    ]);
  });

  it('refuses a string enum of more than 250 values over 15,000 characters', () => {
    const words = (n: number, length: number) => Array.from({ length: n }, (_, i) => `${i}`.padStart(length, 'x'));
    // 251 values × 60 characters = 15,060 > 15,000; 250 values × 60 = 15,000 and not more than 250 values: allowed.
    assert.deepEqual(codes(closed({ a: { type: 'string', enum: words(251, 60) } })), ['large-enum ["properties","a","enum"]']);
    assert.deepEqual(codes(closed({ a: { type: 'string', enum: words(250, 60) } })), []);
    assert.deepEqual(codes(closed({ a: { type: 'string', enum: words(251, 59) } })), []);
  });

  it('refuses more than 120,000 characters of names and enum values', () => {
    const long = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i}`.padStart(1000, 'k'), { type: 'string' }]));
    assert.deepEqual(codes(closed(long(120))), []);
    assert.deepEqual(codes(closed(long(121))), ['too-much-text []']);
  });

  it('needs every property required and additionalProperties: false, and a root object that is not anyOf', () => {
    assert.deepEqual(codes({ type: 'object', properties: { a: { type: 'string' } } }), [
      'additional-properties []',
      'not-required ["properties","a"]',
    ]);
    assert.deepEqual(codes({ anyOf: [closed({ a: { type: 'string' } }), closed({ b: { type: 'string' } })] }), [
      'root-any-of ["anyOf"]',
    ]);
    assert.deepEqual(codes({ type: 'array', items: { type: 'string' } }), ['root-not-object ["type"]']);
  });
});

describe('Gemini responseJsonSchema', () => {
  it('reports keywords it ignores, never the ones it supports', () => {
    const schema = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        n: { type: 'integer', minimum: 1, maximum: 5 },
        list: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        code: { type: 'string', pattern: '^[A-Z]+$' },
        email: { type: 'string', format: 'email' },
      },
      required: ['when'],
    };
    assert.deepEqual(codes(schema, google), [
      'ignored-keyword ["properties","code","pattern"]',
      'unsupported-format ["properties","email","format"]',
    ]);
    assert.equal(google.rejects, false);
  });
});

describe('fix edits in a JSON schema file', () => {
  const text =
    '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" },\n    "b": { "type": "integer" }\n  },\n  "required": ["a"]\n}\n';
  const parsed = parseSchemaFile('/w/s.schema.json', text);

  it('adds additionalProperties: false as the last member, indented like the others', () => {
    const edits = compatFixEdits({ kind: 'additionalProperties' }, [], parsed.source, undefined, '', parsed.schema)!;
    const fixed = applyEdits(text, edits)!;
    assert.equal(
      fixed,
      '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" },\n    "b": { "type": "integer" }\n  },\n  "required": ["a"],\n  "additionalProperties": false\n}\n',
    );
  });

  it('requires a property and makes it nullable; the fixed schema passes', () => {
    const edits = compatFixEdits({ kind: 'required', property: 'b' }, [], parsed.source, undefined, '', parsed.schema)!;
    const fixed = applyEdits(text, edits)!;
    assert.equal(
      fixed,
      '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" },\n    "b": { "type": ["integer", "null"] }\n  },\n  "required": ["a", "b"]\n}\n',
    );
    const again = parseSchemaFile('/w/s.schema.json', fixed);
    assert.deepEqual(
      codes(again.schema).filter((c) => c.startsWith('not-required')),
      [],
    );
  });

  it('offers no nullable fix for a property with an enum (null would still be refused)', () => {
    const withEnum = '{"type":"object","properties":{"u":{"type":"string","enum":["F","C"]}}}';
    const p = parseSchemaFile('/w/e.schema.json', withEnum);
    assert.equal(compatFixEdits({ kind: 'required', property: 'u' }, [], p.source, undefined, '', p.schema), undefined);
  });
});
