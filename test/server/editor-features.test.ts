// The editor features of issue 15 over the real protocol (`lsp --stdio` bundle): outline, links, definitions,
// folding, pull diagnostics and the rendered preview, against fixtures in test/fixtures/editor-features/ (outside
// test/fixtures/server/, which diagnostics.test.ts lints whole with the CLI).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DefinitionRequest,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Location,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { PreviewRequest, type PreviewResult } from '../../server/protocol';
import { REPO, TestClient, fileUri, rangeText } from './client';

const DIR = path.join(REPO, 'test', 'fixtures', 'editor-features');
const at = (name: string) => fileUri(path.join(DIR, name));
const fixture = (name: string) => ({ uri: at(name), text: readFileSync(path.join(DIR, name), 'utf8') });
const o200kCount = (text: string) => new Tiktoken(o200k).encode(text, 'all').length;

async function opened(client: TestClient, name: string, languageId = 'markdown') {
  const f = fixture(name);
  await client.open(f.uri, f.text, 1, languageId);
  return f;
}

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` — ${s.detail}` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

function linkText(links: DocumentLink[]): string[] {
  return links.map((l) => `${rangeText(l)} ${path.relative(DIR, new URL(l.target!).pathname)}`);
}

function folds(ranges: FoldingRange[]): string[] {
  return ranges.map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
}

describe('editor features over the protocol', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('advertises outline, links, definitions and folding; no pull diagnostics for a client without them', () => {
    const caps = client.capabilities;
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.documentLinkProvider);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.diagnosticProvider, undefined);
  });

  it('outline: frontmatter keys, then headings nested by level, each with the token count the CodeLens shows', async () => {
    const f = await opened(client, 'outline.prompt.md');
    const stats = await client.until('stats', () => client.stats.find((s) => s.uri === f.uri));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: f.uri },
    })) as DocumentSymbol[];
    const tokens = Object.fromEntries(stats.sections.map((s) => [s.title, s.tokens]));
    assert.ok(tokens.Role > 0 && tokens.Tone > 0 && tokens.Task > 0, JSON.stringify(tokens));
    const pct = Math.round((tokens.Role / 40) * 100);
    assert.deepEqual(outline(symbols), [
      'Frontmatter',
      '  model — gpt-4o',
      '  budget',
      '    output — 512',
      '    variables',
      '      question — 200',
      '      policy — 3000',
      '  constraints',
      '    words',
      '      max — 120',
      '    schema — ./answer.schema.json',
      '  samples — 1 item',
      `Role — ${tokens.Role} tokens · ${pct}% of budget 40`,
      `  Tone — ${tokens.Tone} tokens`,
      `Task — ${tokens.Task} tokens`,
    ]);
    // Ranges: the frontmatter block (lines 0–11), a heading section from its heading to the next `#` heading.
    assert.equal(rangeText(symbols[0]), '0:0-12:0');
    assert.equal(rangeText({ range: symbols[1].selectionRange }), '12:0-12:6');
    assert.equal(rangeText(symbols[1]), '12:0-21:0');
    assert.equal(rangeText(symbols[1].children![0]), '17:0-21:0');
  });

  it('outline: the role blocks of a Dotprompt file, each with its token count', async () => {
    const f = await opened(client, 'invoice.prompt', 'dotprompt');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: f.uri },
    })) as DocumentSymbol[];
    const roles = symbols.filter((s) => s.name !== 'Frontmatter');
    assert.deepEqual(
      roles.map((s) => s.name),
      ['system', 'user'],
    );
    assert.deepEqual(
      roles.map((s) => s.selectionRange.start.line),
      [16, 23],
    );
    for (const role of roles) assert.match(role.detail!, /^\d+ tokens$/);
  });

  it('folding: frontmatter, sections (trailing blank lines left open) and a Mustache section block', async () => {
    const uri = at('outline.prompt.md');
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds(ranges!), ['0-11', '12-19', '17-19', '21-28', '25-27']);
  });

  it('folding: Handlebars {{#if}}…{{else}}…{{/if}} folds each branch; role blocks fold', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: at('invoice.prompt') } });
    // 16 {{role "system"}} … 22 {{/if}}; 18 {{#if hint}}, 20 {{else}}, 22 {{/if}}; 23 {{role "user"}} … 25 {{> footer}}.
    assert.deepEqual(folds(ranges!), ['0-15', '16-22', '18-19', '20-21', '23-25']);
  });

  it('folding: Jinja {% for %}…{% endfor %}, role blocks and a multi-line comment', async () => {
    const f = await opened(client, 'support.prompty', 'prompty');
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: f.uri } });
    assert.deepEqual(folds(ranges!), ['0-16', '17-19', '21-26', '22-23']);
    const text = '---\nmodel: gpt-4o\n---\nsystem:\n{#\n  a note\n#}\nHello\n';
    const uri = at('comment.prompty');
    await client.open(uri, text, 1, 'prompty');
    const withComment = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(folds(withComment!).includes('4-6 comment'), folds(withComment!).join(' '));
  });

  it('links: schema path, sample glob (first match), $ref of an inline schema, ${file:…} and a Dotprompt partial', async () => {
    const md = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: at('outline.prompt.md') } });
    assert.deepEqual(linkText(md!), ['9:10-9:30 answer.schema.json', '10:10-10:34 outline.samples/a.json']);
    assert.match(md![1].tooltip!, /2 samples match: outline\.samples\/a\.json, outline\.samples\/b\.json/);
    const dot = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: at('invoice.prompt') } });
    assert.deepEqual(linkText(dot!), ['14:14-14:25 defs.json', '25:4-25:10 _footer.prompt']);
    const prompty = await client.connection.sendRequest(DocumentLinkRequest.type, {
      textDocument: { uri: at('support.prompty') },
    });
    assert.deepEqual(linkText(prompty!), ['12:15-12:34 support.sample.json']);
  });

  it('links: a partial with no file is no link', async () => {
    const uri = at('missing-partial.prompt');
    await client.open(uri, '---\nmodel: gpt-4o\n---\n{{> nowhere}}\n', 1, 'dotprompt');
    assert.deepEqual(await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }), []);
  });

  it('definition: a variable jumps to its declarations (input schema first, then budget and example values)', async () => {
    const def = (uri: string, line: number, character: number) =>
      client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character } }) as Promise<
        Location[]
      >;
    assert.deepEqual((await def(at('outline.prompt.md'), 23, 13)).map(rangeText), ['5:4-5:12']);
    // {{document}} on line 24 of invoice.prompt: `document:` under input.schema (4) and input.default (7).
    assert.deepEqual((await def(at('invoice.prompt'), 24, 4)).map(rangeText), ['4:4-4:12', '7:4-7:12']);
    // {{ customer | upper }}: Prompty inputs.customer (8), budget.variables.customer (15); the sample file declares nothing inline.
    assert.deepEqual((await def(at('support.prompty'), 18, 31)).map(rangeText), ['8:2-8:10', '15:4-15:12']);
    // Plain text is no variable.
    assert.deepEqual(await def(at('outline.prompt.md'), 15, 3), []);
  });

  it('preview: Prompty sample from ${file:…}, Jinja for/if and filters; counts match o200k_base', async () => {
    const result = (await client.connection.sendRequest(PreviewRequest, { uri: at('support.prompty') })) as PreviewResult;
    assert.equal(result.model, 'gpt-4o-mini');
    assert.deepEqual(result.sets, [{ label: 'sample', source: 'sample' }]);
    const texts = result.messages.map((m) => m.segments.map((s) => s.text).join(''));
    assert.deepEqual(
      result.messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.deepEqual(texts, ['You are a support agent for CONTOSO.', '- boots\n\n- socks\n\nRegular customer.\nTotal: 2']);
    assert.deepEqual(
      result.messages.map((m) => m.tokens),
      texts.map(o200kCount),
    );
    assert.equal(result.total, o200kCount(texts[0]) + o200kCount(texts[1]) + result.overhead);
    assert.deepEqual(result.missing, ['vip']);
    assert.deepEqual(result.unevaluated, []);
  });

  it('preview: Dotprompt input.default, {{#if}}/{{else}} standalone lines, a partial inlined', async () => {
    const result = (await client.connection.sendRequest(PreviewRequest, { uri: at('invoice.prompt') })) as PreviewResult;
    const texts = result.messages.map((m) => m.segments.map((s) => s.text).join(''));
    assert.deepEqual(texts, [
      'Extract the invoice fields.\nNo hint was given.',
      'Invoice 42 from Fabrikam\nAnswer with JSON only.',
    ]);
    assert.deepEqual(
      result.messages.map((m) => m.tokens),
      texts.map(o200kCount),
    );
    assert.deepEqual(result.messages[1].segments[0], { text: 'Invoice 42 from Fabrikam', kind: 'value' });
  });

  it('preview: a GitHub Models testData row is chosen by index', async () => {
    const f = await opened(client, 'triage.prompt.yml', 'prompt-yaml');
    const result = (await client.connection.sendRequest(PreviewRequest, { uri: f.uri, set: 1 }))!;
    assert.equal(result.chosen, 1);
    assert.deepEqual(
      result.sets.map((s) => s.label),
      ['testData[0]: My parcel is late', 'testData[1]: Refund please'],
    );
    assert.equal(result.messages[1].segments.map((s) => s.text).join(''), 'Ticket: Refund please');
  });

  it('preview: expressions, unknown helpers and filters are shown as written, never run', async () => {
    const uri = at('hostile.prompty');
    const text = [
      '---',
      'model: gpt-4o',
      'sample:',
      '  name: Ada',
      '  items: [a, b]',
      '---',
      'user:',
      "{{ name.__class__.__mro__ }} {{ items | map('upper') | list }} {{ 7 * 7 }} {{ lipsum() }}",
      '{% for x in range(100000000) %}{{ x }}{% endfor %}',
      'Hi {{ name }}',
    ].join('\n');
    await client.open(uri, text, 1, 'prompty');
    const result = (await client.connection.sendRequest(PreviewRequest, { uri }))!;
    const rendered = result.messages.map((m) => m.segments.map((s) => s.text).join('')).join('\n');
    assert.ok(rendered.includes('{{ 7 * 7 }}') && !rendered.includes('49'), rendered);
    assert.ok(rendered.includes("{{ items | map('upper') | list }}"), rendered);
    assert.ok(rendered.includes('{% for x in range(100000000) %}'), rendered);
    assert.ok(rendered.endsWith('Hi Ada'), rendered);
    // A dotted name is a lookup (here of nothing), not code: it is missing, not unevaluated.
    assert.equal(result.unevaluated.length, 4, result.unevaluated.join(' | '));
    assert.deepEqual(result.missing, ['name.__class__.__mro__']);
  });

  it('preview updates with the text: an edit is rendered at the new version', async () => {
    const uri = at('triage.prompt.yml');
    await client.change(uri, 2, [
      { range: { start: { line: 4, character: 13 }, end: { line: 4, character: 33 } }, text: 'Sort the ticket.' },
    ]);
    const result = (await client.connection.sendRequest(PreviewRequest, { uri }))!;
    assert.equal(result.version, 2);
    assert.equal(result.messages[0].segments.map((s) => s.text).join(''), 'Sort the ticket.');
  });

  it('non-prompt files get no outline, folding or links from promptbound (their own language answers)', async () => {
    const sample = fixture('outline.samples/a.json');
    await client.open(sample.uri, sample.text, 1, 'json');
    assert.equal(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: sample.uri } }), null);
    assert.equal(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: sample.uri } }), null);
  });
});

describe('pull diagnostics over the protocol', () => {
  let pull: TestClient;
  let push: TestClient;
  const refreshes: number[] = [];
  before(async () => {
    pull = await TestClient.start({
      textDocument: { diagnostic: { dynamicRegistration: false } },
      workspace: { diagnostics: { refreshSupport: true } },
    });
    pull.connection.onRequest('workspace/diagnostic/refresh', () => {
      refreshes.push(Date.now());
      return null;
    });
    push = await TestClient.start({ textDocument: { diagnostic: {} }, initializationOptions: { diagnostics: 'push' } });
  });
  after(async () => {
    await pull.stop();
    await push.stop();
  });

  const report = (uri: string, previousResultId?: string) =>
    pull.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
      previousResultId,
    }) as Promise<DocumentDiagnosticReport>;
  const summary = (ds: Diagnostic[]) => ds.map((d) => `${rangeText(d)} ${d.code} ${d.message}`).sort();

  it('advertised only to a client that supports it and did not ask for push', () => {
    assert.deepEqual(pull.capabilities.diagnosticProvider, {
      identifier: 'promptbound',
      interFileDependencies: true,
      workspaceDiagnostics: true,
    });
    assert.equal(push.capabilities.diagnosticProvider, undefined);
  });

  it('textDocument/diagnostic answers what push publishes, and nothing is pushed to a pulling client', async () => {
    const f = fixture('support.prompty');
    await push.open(f.uri, f.text, 1, 'prompty');
    const pushed = await push.diagnosticsAt(f.uri, 1);
    await pull.open(f.uri, f.text, 1, 'prompty');
    const first = await report(f.uri);
    assert.equal(first.kind, 'full');
    const items = first.kind === 'full' ? first.items : [];
    assert.ok(items.length > 0, 'the undeclared `vip` is reported');
    assert.deepEqual(summary(items), summary(pushed));
    assert.equal(pull.published.length, 0, 'a pulling client gets no publishDiagnostics');
    const again = await report(f.uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
  });

  it('an edit is reflected in the next pull, and the client is asked to pull again', async () => {
    const uri = at('support.prompty');
    const before = refreshes.length;
    // Declare `vip` under budget.variables (line 15 is `    customer: 10`): the undefined-variable warning goes.
    await pull.change(uri, 2, [
      { range: { start: { line: 15, character: 16 }, end: { line: 15, character: 16 } }, text: '\n    vip: 2' },
    ]);
    const next = await report(uri);
    assert.equal(next.kind, 'full');
    assert.ok(next.kind === 'full' && !next.items.some((d) => d.code === 'template/undefined-variable'), JSON.stringify(next));
    await pull.until('a refresh request', () => refreshes.length > before);
  });

  it('workspace/diagnostic lists the documents with reports, unchanged ones by result id', async () => {
    const uri = at('support.prompty');
    const full = (await pull.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
      previousResultIds: [],
    })) as WorkspaceDiagnosticReport;
    const mine = full.items.find((i) => i.uri === uri);
    assert.ok(mine && mine.kind === 'full' && mine.version === 2, JSON.stringify(full.items));
    const previous = full.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    const second = (await pull.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
      previousResultIds: previous,
    })) as WorkspaceDiagnosticReport;
    assert.ok(
      second.items.every((i) => i.kind === 'unchanged'),
      JSON.stringify(second.items),
    );
  });
});
