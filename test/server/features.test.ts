// Language features and promptbound's own requests over the real protocol, against the built server.
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  HoverRequest,
  InlayHintRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import {
  CountTextRequest,
  LintWorkspaceRequest,
  ModelsRequest,
  SetModelOverrideNotification,
  ValidateCompletionRequest,
  type LintWorkspaceResult,
} from '../../server/protocol';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { FIXTURES, SERVER, TestClient, fileUri, fixture, rangeText } from './client';

/** Applies a code action's edits for `uri` to `doc` and sends them as one incremental change. */
async function applyAction(client: TestClient, doc: TextDocument, action: CodeAction): Promise<TextDocument> {
  const edits: TextEdit[] = action.edit?.changes?.[doc.uri] ?? [];
  assert.ok(edits.length > 0, `action '${action.title}' has no edits for ${doc.uri}`);
  const text = TextDocument.applyEdits(doc, edits);
  // Edits are sent last-first so each range is still valid when it is applied.
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  await client.change(
    doc.uri,
    doc.version + 1,
    sorted.map((e) => ({ range: e.range, text: e.newText })),
  );
  return TextDocument.create(doc.uri, doc.languageId, doc.version + 1, text);
}

function codeActions(client: TestClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: { diagnostics },
  }) as Promise<CodeAction[]>;
}

describe('language features over the protocol', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  const f = fixture('editor.prompt.md');

  it('hovers model facts on model:', async () => {
    await client.open(f.uri, f.text, 1);
    await client.diagnosticsAt(f.uri, 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: f.uri },
      position: { line: 1, character: 9 },
    });
    assert.ok(hover, 'no hover on model:');
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /gpt-4o/);
    assert.match(text, /128,000/);
    assert.deepEqual(hover.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } });
  });

  it('completes budget keys in the frontmatter', async () => {
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: f.uri },
      position: { line: 3, character: 2 },
    });
    const items: CompletionItem[] = Array.isArray(result) ? result : ((result as CompletionList | null)?.items ?? []);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('warnAt') && labels.includes('context'), labels.join(', '));
  });

  it('round trip: the did-you-mean quick fix applied with TextDocument.applyEdits lints clean', async () => {
    const diagnostics = (await client.diagnosticsAt(f.uri, 1)).filter((d) => d.code === 'frontmatter/schema');
    const actions = await codeActions(client, f.uri, diagnostics);
    const fix = actions.find((a) => a.kind === 'quickfix' && /warnAt/.test(a.title));
    assert.ok(fix, `no warnAt quick fix in: ${actions.map((a) => a.title).join(' | ')}`);
    const start = client.published.length;
    const fixed = await applyAction(client, TextDocument.create(f.uri, 'markdown', 1, f.text), fix);
    assert.match(fixed.getText(), /\n {2}warnAt: 0\.7\n/);
    const after = await client.diagnosticsAt(f.uri, 2, start);
    assert.deepEqual(
      after.map((d) => d.code),
      ['template/undefined-variable'],
    );
  });

  it('code lenses carry the per-section counts', async () => {
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: f.uri } });
    assert.ok(lenses && lenses.length > 0, 'no code lenses');
    assert.ok(
      lenses.some((l) => l.range.start.line === 6 && /token/.test(l.command?.title ?? '')),
      JSON.stringify(lenses),
    );
  });

  it('a sample quick fix (nearest enum value) applied to the sample file re-lints it clean', async () => {
    const prompt = fixture('reply.prompt.md');
    const sample = fixture('reply.samples/answer.json');
    await client.open(prompt.uri, prompt.text, 1);
    await client.open(sample.uri, sample.text, 1, 'json');
    const diagnostics = await client.until('sample diagnostic', () => {
      const p = client.latest(sample.uri);
      return p && p.version === 1 && p.diagnostics.length > 0 ? p.diagnostics : undefined;
    });
    const actions = await codeActions(client, sample.uri, diagnostics);
    const fix = actions.find((a) => a.kind === 'quickfix' && /approved/.test(a.title));
    assert.ok(fix, `no enum quick fix in: ${actions.map((a) => a.title).join(' | ')}`);
    const start = client.published.length;
    const fixed = await applyAction(client, TextDocument.create(sample.uri, 'json', 1, sample.text), fix);
    assert.deepEqual(JSON.parse(fixed.getText()), { status: 'approved' });
    const clean = await client.until('sample clean', () =>
      client.published.slice(start).find((p) => p.uri === sample.uri && p.diagnostics.length === 0),
    );
    assert.equal(clean.version, 2);
    await client.close(sample.uri);
    await client.close(prompt.uri);
  });

  it('counts a text with the prompt model tokenizer', async () => {
    const text = 'Hello, world! 你好，世界 👩‍💻';
    const result = (await client.connection.sendRequest(CountTextRequest, { uri: f.uri, text }))!;
    assert.equal(result.tokens, new Tiktoken(o200k).encode(text, [], []).length);
    assert.equal(result.model, 'gpt-4o');
    assert.equal(result.approximate, false);
  });

  it('validates a completion against the prompt of a sample file', async () => {
    const sample = fixture('reply.samples/answer.json');
    const bad = (await client.connection.sendRequest(ValidateCompletionRequest, {
      uri: sample.uri,
      text: '{"status": "nope"}',
    }))!;
    assert.equal(bad.pass, false);
    assert.equal(bad.prompt, fixture('reply.prompt.md').uri);
    assert.equal(bad.schema[0]?.pointer, '/status');
    assert.deepEqual(bad.schema[0]?.range.start, { line: 0, character: 11 });
    const good = (await client.connection.sendRequest(ValidateCompletionRequest, {
      uri: sample.uri,
      text: '{"status": "approved"}',
    }))!;
    assert.equal(good.pass, true);
    const notJson = (await client.connection.sendRequest(ValidateCompletionRequest, { uri: sample.uri, text: 'sure!' }))!;
    assert.equal(notJson.pass, false);
    assert.ok(notJson.notJson);
  });

  it('lists the model table and applies a model override to the counts', async () => {
    const models = await client.connection.sendRequest(ModelsRequest, {});
    assert.ok(models.some((m) => m.id === 'gpt-4o' && m.context === 128_000 && m.encoding === 'o200k_base'));
    const claude = models.find((m) => m.tokenizer === 'approximate');
    assert.ok(claude);
    const before = client.stats.length;
    await client.connection.sendNotification(SetModelOverrideNotification, { uri: f.uri, model: claude.id });
    const stats = await client.until('override stats', () =>
      client.stats.slice(before).find((s) => s.uri === f.uri && s.modelSource === 'override'),
    );
    assert.equal(stats.model, claude.id);
    assert.equal(stats.modelSource, 'override');
    assert.equal(stats.approximate, true);
    await client.connection.sendNotification(SetModelOverrideNotification, { uri: f.uri });
    const back = await client.until('override cleared', () =>
      client.stats.slice(before).find((s) => s.uri === f.uri && s.modelSource === 'document'),
    );
    assert.equal(back.model, 'gpt-4o');
  });

  it('lints files that are not open and publishes their diagnostics', async () => {
    const reply = fixture('reply.prompt.md');
    const start = client.published.length;
    const result: LintWorkspaceResult = await client.connection.sendRequest(LintWorkspaceRequest, { uris: [reply.uri] });
    assert.deepEqual(result, { files: 1, errors: 2, warnings: 0, infos: 0 });
    const published = client.published.slice(start);
    assert.deepEqual(
      published.find((p) => p.uri === reply.uri)?.diagnostics.map((d) => d.code),
      ['sample/constraint'],
    );
    assert.deepEqual(
      published.find((p) => p.uri === fixture('reply.samples/answer.json').uri)?.diagnostics.map((d) => d.code),
      ['sample/schema'],
    );
  });

  it('inlay hints instead of code lenses when sectionCounts is inlayHints', async () => {
    client.settings = { ...client.settings, sectionCounts: 'inlayHints' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: f.uri }, range });
    assert.ok(hints && hints.some((h) => h.position.line === 6), JSON.stringify(hints));
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: f.uri } }), []);
    client.settings = { ...client.settings, sectionCounts: 'codelens' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  });

  it('related locations become relatedInformation (the output reserve of an over-budget prompt)', async () => {
    const uri = fileUri(path.join(FIXTURES, 'over.prompt.md'));
    const text = `---\nmodel: gpt-4o\nbudget:\n  context: 60\n  output: 50\n---\n${'Answer the question with care and precision. '.repeat(4)}\n`;
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsAt(uri, 1);
    const over = diagnostics.find((d) => d.code === 'budget/context-window');
    assert.ok(over, JSON.stringify(diagnostics));
    assert.deepEqual(
      over.relatedInformation?.map((r) => [r.location.uri, rangeText(r.location), r.message]),
      [[uri, '4:10-4:12', 'output reserve (budget.output)']],
    );
    await client.close(uri);
  });

  it('a file over 10 MB is reported, not linted (as promptbound check does)', async () => {
    const uri = fileUri(path.join(FIXTURES, 'huge.prompt.md'));
    await client.open(uri, 'word '.repeat(2_200_000), 1);
    const diagnostics = await client.diagnosticsAt(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['skipped: larger than 10 MB'],
    );
    await client.close(uri);
  });

  it('settings apply per document and are re-read on didChangeConfiguration', async () => {
    const start = client.published.length;
    client.settings = { ...client.settings, rules: { 'template/undefined-variable': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const quiet = await client.until('rule off', () =>
      client.published
        .slice(start)
        .find((p) => p.uri === f.uri && p.diagnostics.every((d) => d.code !== 'template/undefined-variable')),
    );
    assert.deepEqual(quiet.diagnostics, []);
    client.settings = { debounce: 0 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  });
});

describe('a failing rule and hostile requests', () => {
  const marker = 'PROMPTBOUND-TEST-THROW';
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ env: { PROMPTBOUND_TEST_THROWING_RULE: marker } });
  });
  after(() => client.stop());

  it('a rule that throws becomes one internal-error diagnostic; the other rules still report; the server keeps serving', async () => {
    const uri = fileUri(path.join(FIXTURES, 'throws.prompt.md'));
    const text = `---\nmodel: gpt-4o\n---\n${marker} {{missing}}\n`;
    for (let round = 1; round <= 6; round++) {
      // Opened and edited repeatedly: a crash loop would show as a dead process here.
      if (round === 1) await client.open(uri, text, 1);
      else
        await client.change(uri, round, [
          { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: ' ' },
        ]);
      const diagnostics = await client.diagnosticsAt(uri, round);
      const internal = diagnostics.filter((d) => d.code === 'internal/rule-error');
      assert.equal(internal.length, 1);
      assert.match(String(internal[0].message), /test\/throws/);
      assert.ok(diagnostics.some((d) => d.code === 'template/undefined-variable'));
    }
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 9 },
    });
    assert.ok(hover);
    assert.equal(client.server.exitCode(), null);
  });

  it('answers nonsense parameters without dying', async () => {
    const uri = fileUri(path.join(FIXTURES, 'throws.prompt.md'));
    // A misbehaving client: the method names without the declared parameter types answer -32602 InvalidParams.
    const invalid = (promise: Promise<unknown>) =>
      promise.then(
        () => assert.fail('expected InvalidParams'),
        (error: { code?: number }) => assert.equal(error.code, -32602),
      );
    await invalid(client.connection.sendRequest(CountTextRequest.method, { uri: 42, text: null }));
    await invalid(client.connection.sendRequest(ValidateCompletionRequest.method, null));
    await invalid(client.connection.sendRequest(LintWorkspaceRequest.method, { uris: 'nope' }));
    await invalid(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 9999, character: -5 } }),
    );
    const far = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 9999, character: 5 },
    });
    assert.equal(far, null);
    const unknown = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: 'untitled:never-opened' },
      position: { line: 0, character: 0 },
    });
    assert.deepEqual(unknown, []);
    const counted = await client.connection.sendRequest(CountTextRequest, { uri, text: 'still alive' });
    assert.ok(counted!.tokens > 0);
    assert.equal(client.server.exitCode(), null);
  });
});

describe('promptbound lsp --stdio', () => {
  it('without --stdio is a usage error (exit 2); --help describes it', () => {
    const bin = path.join(FIXTURES, '..', '..', '..', 'bin', 'promptbound.js');
    const bare = spawnSync(process.execPath, [bin, 'lsp'], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /lsp needs --stdio/);
    const help = spawnSync(process.execPath, [bin, 'lsp', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: promptbound lsp --stdio/);
  });

  it('serves the same diagnostics as the server bundle', async () => {
    const client = await TestClient.start({
      args: [path.join(FIXTURES, '..', '..', '..', 'bin', 'promptbound.js'), 'lsp', '--stdio'],
    });
    try {
      const f = fixture('editor.prompt.md');
      await client.open(f.uri, f.text, 1);
      const diagnostics = await client.diagnosticsAt(f.uri, 1);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, rangeText(d)]),
        [
          ['frontmatter/schema', '4:2-4:8'],
          ['template/undefined-variable', '8:17-8:24'],
        ],
      );
    } finally {
      await client.stop();
    }
    assert.equal(await client.exited, 0);
  });
});

describe('the desktop transport (IPC, as vscode-languageclient starts dist/server-node.js)', () => {
  it('initializes over node IPC and publishes diagnostics', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const client = TestClient.over({ exitCode: () => child.exitCode, kill: () => void child.kill(), exited }, connection);
    try {
      await client.initialize(fileUri(FIXTURES));
      const f = fixture('editor.prompt.md');
      await client.open(f.uri, f.text, 1);
      assert.deepEqual(
        (await client.diagnosticsAt(f.uri, 1)).map((d) => d.code),
        ['frontmatter/schema', 'template/undefined-variable'],
      );
    } finally {
      await client.stop();
    }
    assert.equal(await exited, 0);
  });
});

describe('file-creating code actions follow the client capabilities', () => {
  const f = fixture('reply.prompt.md');
  const titles = async (client: TestClient): Promise<string[]> => {
    await client.open(f.uri, f.text, 1);
    await client.diagnosticsAt(f.uri, 1);
    const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } };
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: f.uri },
      range,
      context: { diagnostics: [] },
    })) as CodeAction[];
    return actions.map((a) => a.title);
  };

  it('offers "Create sample from schema" to a client that can create files', async () => {
    const client = await TestClient.start({
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    });
    try {
      const found = await titles(client);
      assert.ok(
        found.some((t) => /sample from schema/i.test(t)),
        found.join(' | '),
      );
    } finally {
      await client.stop();
    }
  });

  it('leaves it out for a client without resource operations (the edit could not be applied)', async () => {
    const client = await TestClient.start();
    try {
      const found = await titles(client);
      assert.ok(!found.some((t) => /sample from schema|infer schema/i.test(t)), found.join(' | '));
    } finally {
      await client.stop();
    }
  });
});

describe("the model picker lists the document's custom models", () => {
  it("puts the settings' custom models first for that uri, and only the table without a uri", async () => {
    const custom = { id: 'acme-internal-7b', encoding: 'cl100k_base', context: 32_000, output: 2_000 };
    const client = await TestClient.start({ settings: { models: [custom] } });
    try {
      const f = fixture('editor.prompt.md');
      await client.open(f.uri, f.text, 1);
      await client.diagnosticsAt(f.uri, 1);
      const forUri = await client.connection.sendRequest(ModelsRequest, { uri: f.uri });
      assert.deepEqual(forUri[0], {
        id: 'acme-internal-7b',
        context: 32_000,
        output: 2_000,
        encoding: 'cl100k_base',
        tokenizer: 'exact',
        family: 'custom',
      });
      assert.ok(
        forUri.some((m) => m.id === 'gpt-4o'),
        'the table follows',
      );
      const plain = await client.connection.sendRequest(ModelsRequest, {});
      assert.ok(!plain.some((m) => m.id === 'acme-internal-7b'));
    } finally {
      await client.stop();
    }
  });
});
