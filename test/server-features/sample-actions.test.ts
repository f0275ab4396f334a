// Sample quick fixes (valid JSON that passes the schema afterwards), "Create sample from schema", "Infer schema from sample".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, TextDocumentEdit } from 'vscode-languageserver';
import { provideCodeActions } from '../../server/features';
import { applied, diagnosticsIn, editsFor, hostOf, paramsFor, snapshotOf } from './harness';
import type { DocumentSnapshot } from '../../server/snapshot';

const SCHEMA = JSON.stringify({
  type: 'object',
  required: ['answer', 'confidence'],
  properties: {
    answer: { type: 'string' },
    confidence: { type: 'number', default: 0.5 },
    tone: { enum: ['formal', 'casual'] },
    count: { type: 'integer' },
  },
  additionalProperties: false,
});

const PROMPT = '---\nmodel: gpt-4o\nconstraints:\n  format: json\n  schema: ./answer.schema.json\n---\nAnswer as JSON 😀.\n';

async function lintWith(sampleUri: string, sample: string): Promise<{ s: DocumentSnapshot; doc: TextDocument }> {
  const s = await snapshotOf('/w/support.prompt.md', PROMPT, { files: { '/w/answer.schema.json': SCHEMA, [sampleUri]: sample } });
  return { s, doc: TextDocument.create(sampleUri, 'json', 1, sample) };
}

type Facts = { facts?: { keyword?: string; pointer?: string } };

function sampleActions(s: DocumentSnapshot, doc: TextDocument, keyword: string, pointer?: string): CodeAction[] {
  const facts = (d: { data?: unknown }) => (d.data as Facts).facts;
  const diagnostic = diagnosticsIn(s, doc).find(
    (d) => facts(d)?.keyword === keyword && (pointer === undefined || facts(d)?.pointer === pointer),
  );
  assert.ok(diagnostic, `a sample/schema ${keyword} diagnostic`);
  return provideCodeActions(
    doc,
    undefined,
    paramsFor(doc, [diagnostic], { start: diagnostic.range.start, end: diagnostic.range.start }),
    hostOf([s], { [doc.uri]: [s] }),
  );
}

/** The fix applied, the result strict JSON, and the prompt re-linted with it: that failure (keyword at pointer) is gone. */
async function fixAndRelint(
  sampleUri: string,
  sample: string,
  keyword: string,
  title: string,
  pointer?: string,
): Promise<string> {
  const { s, doc } = await lintWith(sampleUri, sample);
  const action = sampleActions(s, doc, keyword, pointer).find((a) => a.title === title);
  assert.ok(action, `no "${title}"`);
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.isPreferred, true);
  const fixed = applied(doc, action);
  const after = await lintWith(sampleUri, fixed);
  const left = diagnosticsIn(after.s, after.doc).filter((d) => {
    const facts = (d.data as Facts).facts;
    return facts?.keyword === keyword && (pointer === undefined || facts.pointer === pointer);
  });
  assert.deepEqual(
    left.map((d) => d.message),
    [],
  );
  assert.ok(!after.s.result.diagnostics.some((d) => d.ruleId === 'sample/not-json'));
  return fixed;
}

describe('sample quick fixes', () => {
  it('adds a missing required property with the schema’s value', async () => {
    const fixed = await fixAndRelint(
      '/w/support.samples/a.json',
      '{\n  "answer": "yes 😀"\n}\n',
      'required',
      'Add required property "confidence"',
    );
    assert.equal(fixed, '{\n  "answer": "yes 😀",\n  "confidence": 0.5\n}\n');
  });

  it('removes a disallowed property with its comma', async () => {
    const fixed = await fixAndRelint(
      '/w/support.samples/a.json',
      '{"answer": "x", "extra": [1, 2], "confidence": 1}',
      'additionalProperties',
      'Remove property "extra"',
    );
    assert.deepEqual(JSON.parse(fixed), { answer: 'x', confidence: 1 });
    const last = await fixAndRelint(
      '/w/support.samples/a.json',
      '{\n  "answer": "x",\n  "confidence": 1,\n  "extra": true\n}',
      'additionalProperties',
      'Remove property "extra"',
    );
    assert.equal(last, '{\n  "answer": "x",\n  "confidence": 1\n}');
  });

  it('replaces a wrong enum value with the nearest one', async () => {
    const fixed = await fixAndRelint(
      '/w/support.samples/a.json',
      '{"answer": "x", "confidence": 1, "tone": "formel"}',
      'enum',
      'Replace with "formal"',
    );
    assert.equal(fixed, '{"answer": "x", "confidence": 1, "tone": "formal"}');
  });

  it('coerces "3" to 3 and keeps tabs and CRLF', async () => {
    const sample = '{\r\n\t"answer": "x",\r\n\t"confidence": "0.9",\r\n\t"count": "3"\r\n}\r\n';
    const once = await fixAndRelint('/w/support.samples/a.json', sample, 'type', 'Convert to 0.9', '/confidence');
    assert.equal(once, '{\r\n\t"answer": "x",\r\n\t"confidence": 0.9,\r\n\t"count": "3"\r\n}\r\n');
    const twice = await fixAndRelint('/w/support.samples/a.json', once, 'type', 'Convert to 3', '/count');
    assert.equal(twice, '{\r\n\t"answer": "x",\r\n\t"confidence": 0.9,\r\n\t"count": 3\r\n}\r\n');
  });

  it('fixes inside a fenced Markdown sample', async () => {
    const sample = '```json\n{"answer": "x", "confidence": 1, "tone": "Casual"}\n```\n';
    const fixed = await fixAndRelint('/w/support.samples/a.md', sample, 'enum', 'Replace with "casual"');
    assert.equal(fixed, '```json\n{"answer": "x", "confidence": 1, "tone": "casual"}\n```\n');
  });

  it('fixes items of arrays', async () => {
    const schema = JSON.stringify({
      type: 'array',
      items: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
    });
    const prompt = '---\nconstraints:\n  schema: ./list.schema.json\n---\nList them.\n';
    const sample = '[\n  {"id": 1},\n  {"id": "2"},\n  {}\n]\n';
    const lint = (text: string) =>
      snapshotOf('/w/list.prompt.md', prompt, { files: { '/w/list.schema.json': schema, '/w/list.samples/a.json': text } });
    const s = await lint(sample);
    const doc = TextDocument.create('/w/list.samples/a.json', 'json', 1, sample);
    const all = diagnosticsIn(s, doc).flatMap((d) =>
      provideCodeActions(doc, undefined, paramsFor(doc, [d]), hostOf([s], { [doc.uri]: [s] })).filter(
        (a) => a.kind === 'quickfix',
      ),
    );
    assert.deepEqual(
      all.map((a) => a.title),
      ['Convert to 2', 'Add required property "id"'],
    );
    let text = sample;
    for (const action of all) text = applied(TextDocument.create(doc.uri, 'json', 1, text), action);
    assert.deepEqual(JSON.parse(text), [{ id: 1 }, { id: 2 }, { id: 0 }]);
    assert.deepEqual(
      (await lint(text)).result.diagnostics.map((d) => d.message),
      [],
    );
  });

  it('offers no fix for a decoded JSON Lines value (its text is not the file’s)', async () => {
    const { s, doc } = await lintWith('/w/support.samples/a.jsonl', '"{\\"answer\\": \\"x\\"}"\n');
    const diagnostic = diagnosticsIn(s, doc).find((d) => d.code === 'sample/schema');
    assert.ok(diagnostic);
    const actions = provideCodeActions(
      doc,
      undefined,
      paramsFor(doc, [diagnostic], { start: diagnostic.range.start, end: diagnostic.range.start }),
      hostOf([s], { [doc.uri]: [s] }),
    );
    assert.deepEqual(
      actions.filter((a) => a.kind === 'quickfix'),
      [],
    );
  });

  it('offers "Validate selection as a completion" in a sample file of a known prompt', async () => {
    const { s, doc } = await lintWith('/w/support.samples/a.json', '{"answer": "x", "confidence": 1}');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 15 } };
    const actions = provideCodeActions(doc, undefined, paramsFor(doc, [], range), hostOf([s], { [doc.uri]: [s] }));
    assert.deepEqual(actions.find((a) => a.command)?.command?.arguments, ['/w/support.samples/a.json', '{"answer": "x",']);
    assert.deepEqual(
      provideCodeActions(doc, undefined, paramsFor(doc, [], range), hostOf()).filter((a) => a.command),
      [],
    );
  });
});

function created(action: CodeAction): { create: CreateFile; content: string; others: TextDocumentEdit[] } {
  const changes = action.edit?.documentChanges ?? [];
  const create = changes.find((c): c is CreateFile => 'kind' in c && c.kind === 'create');
  assert.ok(create, 'a CreateFile');
  assert.deepEqual(create.options, { overwrite: false, ignoreIfExists: false });
  const fill = changes.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === create.uri);
  assert.ok(fill, 'the new file’s content');
  assert.equal(fill.textDocument.version, null);
  const others = changes.filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri !== create.uri);
  return { create, content: fill.edits.map((e) => ('newText' in e ? e.newText : '')).join(''), others };
}

describe('Create sample from schema', () => {
  it('creates <stem>.samples/example.json that passes the schema', async () => {
    const schema = JSON.stringify({
      $defs: {
        item: {
          type: 'object',
          required: ['sku', 'qty'],
          properties: { sku: { type: 'string', minLength: 6 }, qty: { type: 'integer', minimum: 1 } },
        },
      },
      type: 'object',
      required: ['status', 'items', 'email', 'when'],
      properties: {
        status: { enum: ['open', 'closed'] },
        items: { type: 'array', minItems: 2, items: { $ref: '#/$defs/item' } },
        email: { type: 'string', format: 'email' },
        when: { type: 'string', format: 'date-time' },
        note: { type: 'string' },
        self: { $ref: '#' },
      },
    });
    const files = { '/w/answer.schema.json': schema };
    const s = await snapshotOf('/w/support.prompt.md', PROMPT, { files });
    const action = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, []), hostOf([s])).find(
      (a) => a.title === 'Create sample from schema',
    );
    assert.ok(action);
    const { create, content } = created(action);
    assert.equal(create.uri, '/w/support.samples/example.json');
    assert.deepEqual(JSON.parse(content), {
      status: 'open',
      items: [
        { sku: 'textxx', qty: 1 },
        { sku: 'textxx', qty: 1 },
      ],
      email: 'user@example.com',
      when: '2025-01-31T12:00:00Z',
    });
    const after = await snapshotOf('/w/support.prompt.md', PROMPT, { files: { ...files, [create.uri]: content } });
    assert.ok(
      after.completion?.samples.some((r) => r.sample.uri === create.uri),
      'the new file is one of the prompt’s samples',
    );
    assert.deepEqual(
      after.result.diagnostics.filter((d) => d.uri === create.uri).map((d) => d.message),
      [],
    );
  });

  it('generates within numeric bounds, draft 04 exclusive bounds included, and passes the schema', async () => {
    const schema = JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      required: ['n', 'x', 'code'],
      properties: {
        n: { type: 'integer', minimum: 3, exclusiveMinimum: true },
        x: { type: 'number', maximum: -2 },
        code: { type: 'string', maxLength: 2 },
      },
    });
    const files = { '/w/answer.schema.json': schema };
    const s = await snapshotOf('/w/support.prompt.md', PROMPT, { files });
    const action = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, []), hostOf([s])).find(
      (a) => a.title === 'Create sample from schema',
    );
    const { create, content } = created(action!);
    assert.deepEqual(JSON.parse(content), { n: 4, x: -2, code: 'te' });
    const after = await snapshotOf('/w/support.prompt.md', PROMPT, { files: { ...files, [create.uri]: content } });
    assert.deepEqual(
      after.result.diagnostics.map((d) => d.message),
      [],
    );
  });

  it('picks a free name beside existing samples, and the folder of a declared samples glob', async () => {
    const files = { '/w/answer.schema.json': SCHEMA, '/w/support.samples/example.json': '{"answer": "x", "confidence": 1}' };
    const s = await snapshotOf('/w/support.prompt.md', PROMPT, { files });
    const action = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, []), hostOf([s])).find(
      (a) => a.title === 'Create sample from schema',
    );
    assert.equal(created(action!).create.uri, '/w/support.samples/example-2.json');
    const declared = PROMPT.replace('---\nAnswer', 'samples: ./golden/*.json\n---\nAnswer');
    const s2 = await snapshotOf('/w/support.prompt.md', declared, { files: { '/w/answer.schema.json': SCHEMA } });
    const action2 = provideCodeActions(s2.textDocument, s2, paramsFor(s2.textDocument, []), hostOf([s2])).find(
      (a) => a.title === 'Create sample from schema',
    );
    assert.equal(created(action2!).create.uri, '/w/golden/example.json');
  });

  it('is not offered without a compiled schema', async () => {
    const s = await snapshotOf('/w/support.prompt.md', '---\nconstraints:\n  words: 3\n---\nHi\n');
    assert.ok(
      !provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, []), hostOf([s])).some(
        (a) => a.title === 'Create sample from schema',
      ),
    );
  });
});

describe('Infer schema from sample', () => {
  const NO_SCHEMA = '---\nmodel: gpt-4o\nconstraints:\n  format: json\n  words: {max: 400}\n---\nAnswer 😀 as JSON.\n';
  const SAMPLE =
    '{\n  "answer": "Refunds take 5 days.",\n  "score": 4,\n  "tags": ["refund", "policy"],\n  "meta": {"lang": "en"}\n}\n';

  it('from a sample file: <stem>.schema.json beside the prompt, linked under constraints; the sample then passes it', async () => {
    const sampleUri = '/w/support.samples/a.json';
    const s = await snapshotOf('/w/support.prompt.md', NO_SCHEMA, { files: { [sampleUri]: SAMPLE } });
    const doc = TextDocument.create(sampleUri, 'json', 1, SAMPLE);
    const action = provideCodeActions(doc, undefined, paramsFor(doc, []), hostOf([s], { [sampleUri]: [s] })).find(
      (a) => a.title === 'Infer schema from sample',
    );
    assert.ok(action);
    const { create, content, others } = created(action);
    assert.equal(create.uri, '/w/support.schema.json');
    assert.deepEqual(JSON.parse(content), {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        answer: { type: 'string' },
        score: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        meta: { type: 'object', properties: { lang: { type: 'string' } }, required: ['lang'] },
      },
      required: ['answer', 'score', 'tags', 'meta'],
    });
    assert.equal(others.length, 1);
    assert.equal(others[0].textDocument.version, s.textDocument.version);
    const prompt = TextDocument.applyEdits(s.textDocument, editsFor(action.edit, s.textDocument.uri));
    assert.equal(prompt, NO_SCHEMA.replace('  words: {max: 400}\n', '  words: {max: 400}\n  schema: ./support.schema.json\n'));
    const after = await snapshotOf('/w/support.prompt.md', prompt, { files: { [sampleUri]: SAMPLE, [create.uri]: content } });
    assert.ok(after.completion?.schema, 'the inferred schema compiles');
    assert.deepEqual(
      after.result.diagnostics.map((d) => d.ruleId),
      [],
    );
  });

  it('from a prompt with JSON samples: merges them (optional keys, mixed number types)', async () => {
    const files = {
      '/w/support.samples/a.json': '{"a": 1, "b": "x"}',
      '/w/support.samples/b.json': '{"a": 2.5}',
    };
    const s = await snapshotOf('/w/support.prompt.md', NO_SCHEMA, { files });
    const action = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, []), hostOf([s])).find(
      (a) => a.title === 'Infer schema from sample',
    );
    assert.ok(action);
    const { content } = created(action);
    assert.deepEqual(JSON.parse(content).properties, { a: { type: 'number' }, b: { type: 'string' } });
    assert.deepEqual(JSON.parse(content).required, ['a']);
  });

  it('links the schema however the prompt is written: no frontmatter, no constraints, empty or flow constraints', async () => {
    const cases: Array<[string, string]> = [
      ['Answer as JSON.\n', '---\nconstraints:\n  schema: ./support.schema.json\n---\nAnswer as JSON.\n'],
      ['---\nmodel: gpt-4o\n---\nHi\n', '---\nmodel: gpt-4o\nconstraints:\n  schema: ./support.schema.json\n---\nHi\n'],
      ['---\nconstraints:\n---\nHi\n', '---\nconstraints:\n  schema: ./support.schema.json\n---\nHi\n'],
      [
        '---\nconstraints: {format: json}\n---\nHi\n',
        '---\nconstraints: {format: json, schema: ./support.schema.json}\n---\nHi\n',
      ],
      [
        '---\nconstraints:\n    format: json # out\nsamples: x\n---\nHi\n',
        '---\nconstraints:\n    format: json # out\n    schema: ./support.schema.json\nsamples: x\n---\nHi\n',
      ],
    ];
    const sampleUri = '/w/support.samples/a.json';
    const doc = TextDocument.create(sampleUri, 'json', 1, '{"a": 1}');
    for (const [before, expected] of cases) {
      const s = await snapshotOf('/w/support.prompt.md', before);
      const action = provideCodeActions(doc, undefined, paramsFor(doc, []), hostOf([s], { [sampleUri]: [s] })).find(
        (a) => a.title === 'Infer schema from sample',
      );
      assert.ok(action, before);
      const { others } = created(action);
      assert.equal(TextDocument.applyEdits(s.textDocument, editsFor(action.edit, s.textDocument.uri)), expected, before);
      assert.equal(others.length, 1);
    }
  });

  it('creates only the file when the prompt’s YAML is broken, and nothing when its prompt has a schema', async () => {
    const sampleUri = '/w/support.samples/a.json';
    const doc = TextDocument.create(sampleUri, 'json', 1, '{"a": 1}');
    const broken = await snapshotOf('/w/support.prompt.md', '---\nconstraints: [\n---\nHi\n');
    const action = provideCodeActions(doc, undefined, paramsFor(doc, []), hostOf([broken], { [sampleUri]: [broken] })).find(
      (a) => a.title === 'Infer schema from sample',
    );
    assert.ok(action);
    assert.deepEqual(created(action).others, []);
    const withSchema = await snapshotOf('/w/support.prompt.md', PROMPT, { files: { '/w/answer.schema.json': SCHEMA } });
    assert.ok(
      !provideCodeActions(doc, undefined, paramsFor(doc, []), hostOf([withSchema], { [sampleUri]: [withSchema] })).some(
        (a) => a.title === 'Infer schema from sample',
      ),
    );
    const notJson = TextDocument.create(sampleUri, 'json', 1, '{"a": ');
    assert.ok(
      !provideCodeActions(notJson, undefined, paramsFor(notJson, []), hostOf([broken], { [sampleUri]: [broken] })).some(
        (a) => a.title === 'Infer schema from sample',
      ),
    );
  });
});
