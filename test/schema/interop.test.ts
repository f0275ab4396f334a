// Schemas declared by the host formats: Dotprompt Picoschema (examples from the Picoschema reference), GitHub Models jsonSchema, Prompty outputs; inline YAML located.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { picoschemaToJsonSchema } from '../../core/schema/picoschema';
import { promptyOutputsToJsonSchema } from '../../core/schema/prompty';
import { at, loadPrompt, mustValidate } from './helpers';

describe('Picoschema', () => {
  it('scalars with descriptions, optional (not required, nullable) fields', () => {
    assert.deepEqual(picoschemaToJsonSchema({ title: 'string', subtitle: 'string, the subtitle', 'year?': 'integer' }).schema, {
      type: 'object',
      properties: {
        title: { type: 'string' },
        subtitle: { type: 'string', description: 'the subtitle' },
        year: { type: ['integer', 'null'] },
      },
      required: ['title', 'subtitle'],
      additionalProperties: false,
    });
  });

  it('the full example of the Picoschema reference', () => {
    const product = {
      product: {
        id: 'string, Unique identifier for the product',
        'description?': 'string, Optional detailed description of the product',
        price: 'number, Current price of the product',
        inStock: 'integer, Number of items in stock',
        isActive: 'boolean, Whether the product is currently available',
        'category(enum, Main category of the product)': ['ELECTRONICS', 'CLOTHING', 'BOOKS', 'HOME'],
        'tags(array, List of tags associated with the product)': 'string',
        primaryImage: { url: 'string, URL of the primary product image', altText: 'string, Alternative text for the image' },
        'attributes(object, Custom attributes of the product)': { '(*)': 'any, Allow any attribute name with any value' },
        'variants?(array, List of product variant objects)': {
          id: 'string, Unique identifier for the variant',
          name: 'string, Name of the variant',
          price: 'number, Price of the variant',
        },
      },
    };
    const { schema, problems } = picoschemaToJsonSchema(product);
    assert.deepEqual(problems, []);
    const p = (schema as { properties: { product: { properties: Record<string, unknown>; required: string[] } } }).properties
      .product;
    assert.deepEqual(p.required, ['id', 'price', 'inStock', 'isActive', 'category', 'tags', 'primaryImage', 'attributes']);
    assert.deepEqual(p.properties.category, {
      enum: ['ELECTRONICS', 'CLOTHING', 'BOOKS', 'HOME'],
      description: 'Main category of the product',
    });
    assert.deepEqual(p.properties.tags, {
      type: 'array',
      items: { type: 'string' },
      description: 'List of tags associated with the product',
    });
    assert.deepEqual(p.properties.attributes, {
      type: 'object',
      properties: {},
      additionalProperties: { description: 'Allow any attribute name with any value' },
      description: 'Custom attributes of the product',
    });
    assert.deepEqual((p.properties.variants as { type: unknown }).type, ['array', 'null']);
    assert.deepEqual(p.properties.description, {
      type: ['string', 'null'],
      description: 'Optional detailed description of the product',
    });
  });

  it('optional enums admit null; JSON Schema passes through; a top-level scalar; named schemas are left to the app', () => {
    assert.deepEqual(picoschemaToJsonSchema({ 'color?(enum)': ['red'] }).schema, {
      type: 'object',
      properties: { color: { enum: ['red', null] } },
      additionalProperties: false,
    });
    const json = { type: 'object', properties: { a: { type: 'string' } } };
    assert.equal(picoschemaToJsonSchema(json).schema, json);
    assert.deepEqual(picoschemaToJsonSchema({ properties: { a: {} } }).schema, { properties: { a: {} }, type: 'object' });
    assert.deepEqual(picoschemaToJsonSchema('string, a name').schema, { type: 'string', description: 'a name' });
    assert.deepEqual(picoschemaToJsonSchema('Person'), { problems: [] });
  });

  it('errors name the key: unknown scalar, bad parenthesised type', () => {
    assert.deepEqual(
      picoschemaToJsonSchema({ a: 'strin', 'b(list)': 'string' }).problems.map((p) => p.path),
      [['a'], ['b(list)']],
    );
  });

  it('a Dotprompt output.schema in Picoschema validates completions', async () => {
    const text =
      '---\nmodel: googleai/gemini-2.0-flash\noutput:\n  format: json\n  schema:\n    title: string\n    year?: integer\n---\nSuggest a film.';
    const loaded = await loadPrompt('/w/film.prompt', text);
    assert.deepEqual(loaded.problems, []);
    const v = mustValidate(loaded);
    assert.deepEqual(v.validate('{"title": "Alien", "year": null}'), []);
    assert.deepEqual(
      v.validate('{"year": 1979, "rating": 5}').map((f) => f.message),
      ['missing required property "title"', 'property "rating" is not allowed'],
    );
  });

  it('a Picoschema problem is located at its key in the prompt', async () => {
    const text = '---\noutput:\n  schema:\n    title: strng\n---\nx';
    const loaded = await loadPrompt('/w/film.prompt', text);
    assert.deepEqual(
      loaded.problems.map((p) => at(text, p.span)),
      ['title'],
    );
  });
});

describe('GitHub Models jsonSchema', () => {
  const prompt = (jsonSchema: string) =>
    `messages:\n  - role: user\n    content: Classify {{text}}\nmodel: openai/gpt-4o\njsonSchema: |-\n${jsonSchema
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n`;

  it('the JSON string {name, strict, schema} is parsed and its schema validates', async () => {
    const loaded = await loadPrompt(
      '/w/c.prompt.yml',
      prompt(
        '{\n  "name": "label",\n  "strict": true,\n  "schema": {"type": "object", "required": ["label"], "properties": {"label": {"enum": ["spam", "ham"]}}}\n}',
      ),
    );
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(mustValidate(loaded).validate('{"label": "hma"}')[0]?.data, { nearestEnum: 'ham' });
  });

  it('a string that is not JSON is schema/invalid on the value', async () => {
    const text = prompt('{"name": "x", "schema": ');
    const loaded = await loadPrompt('/w/c.prompt.yml', text);
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0].message, /jsonSchema is not valid JSON/);
    assert.ok(at(text, loaded.problems[0].span).includes('"name"'));
  });
});

describe('Prompty outputs', () => {
  it('{field: {type, description}} becomes an object schema; outputs are required', async () => {
    assert.deepEqual(
      promptyOutputsToJsonSchema({
        answer: { type: 'string', description: 'the answer' },
        score: { type: 'number', required: false },
      }).schema,
      {
        type: 'object',
        properties: { answer: { type: 'string', description: 'the answer' }, score: { type: 'number' } },
        required: ['answer'],
      },
    );
    const text =
      '---\nname: qa\nmodel:\n  id: gpt-4o\noutputs:\n  answer:\n    type: string\n  confidence:\n    type: number\n---\nuser:\nAnswer.';
    const loaded = await loadPrompt('/w/qa.prompty', text);
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(
      mustValidate(loaded)
        .validate('{"answer": "yes", "confidence": "high"}')
        .map((f) => f.pointer),
      ['/confidence'],
    );
  });

  it('the list form (Prompty 2) and an unknown type (a warning at the type)', async () => {
    assert.deepEqual(promptyOutputsToJsonSchema([{ name: 'a', kind: 'int' }]).schema, {
      type: 'object',
      properties: { a: { type: 'integer' } },
      required: ['a'],
    });
    const text = '---\noutputs:\n  a:\n    type: decimal\n---\nuser:\nx';
    const loaded = await loadPrompt('/w/q.prompty', text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, at(text, p.span)]),
      [['warning', 'decimal']],
    );
  });
});

describe('inline YAML schemas', () => {
  it('problems are located at the YAML node', async () => {
    const text =
      '---\nconstraints:\n  schema:\n    type: object\n    properties:\n      code: {type: string, pattern: "[A-Z"}\n      n: {type: integer, colour: red}\n---\nx';
    const loaded = await loadPrompt('/w/p.prompt.md', text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, at(text, p.span)]),
      [['error', '"[A-Z"']],
    );
  });

  it('an unknown keyword is a warning at its key', async () => {
    const text = '---\nconstraints:\n  schema:\n    type: object\n    properties:\n      n: {type: integer, colour: red}\n---\nx';
    const loaded = await loadPrompt('/w/p.prompt.md', text);
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, at(text, p.span)]),
      [['warning', 'colour']],
    );
  });
});
