// The built server over the real protocol (stdio): diagnostics at exact UTF-16 ranges, identity, versions, incremental edits, samples.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import {
  DocumentStatsRequest,
  LintWorkspaceRequest,
  type DocumentStatsPayload,
  type LintWorkspaceResult,
} from '../../server/protocol';
import type { DiagnosticData } from '../../server/snapshot';
import { FIXTURES, REPO, TestClient, fileUri, fixture, rangeText } from './client';

describe('diagnostics over the protocol', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('announces incremental sync and the language features', () => {
    const caps = client.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.ok(caps.hoverProvider);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes(':'));
    assert.ok(caps.codeActionProvider);
    assert.ok(caps.codeLensProvider);
    assert.ok(caps.inlayHintProvider);
  });

  it('publishes at exact UTF-16 ranges, with the rule id, docs link, source and data', async () => {
    const f = fixture('editor.prompt.md');
    await client.open(f.uri, f.text, 1);
    const diagnostics = await client.diagnosticsAt(f.uri, 1);
    // Line 9 is "a𐐀b 👩‍💻 日本語 {{missing}}": 𐐀 is 2 code units, the ZWJ emoji 5, so `missing` starts at 17.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, rangeText(d)]),
      [
        ['frontmatter/schema', '4:2-4:8'],
        ['template/undefined-variable', '8:17-8:24'],
      ],
    );
    const line = f.text.split('\n')[8];
    assert.equal(line.slice(17, 24), 'missing');
    const [schema, variable] = diagnostics;
    assert.equal(schema.source, 'promptbound');
    assert.equal(schema.severity, DiagnosticSeverity.Error);
    assert.equal(
      schema.codeDescription?.href,
      'https://github.com/promptbound/promptbound/blob/main/docs/rules/frontmatter/schema.md',
    );
    const data = schema.data as DiagnosticData;
    assert.equal(data.ruleId, 'frontmatter/schema');
    assert.equal(data.version, 1);
    assert.deepEqual(data.fixes?.[0]?.edits, [{ offset: f.text.indexOf('wranAt'), length: 6, newText: 'warnAt' }]);
    assert.equal((variable.data as DiagnosticData).facts?.variable, 'missing');
  });

  it('sends document stats after each lint and answers the stats request', async () => {
    const f = fixture('editor.prompt.md');
    const pushed = await client.until('stats', () => client.stats.find((s) => s.uri === f.uri && s.version === 1));
    assert.equal(pushed.model, 'gpt-4o');
    assert.equal(pushed.modelSource, 'document');
    assert.equal(pushed.outputReserve, 800);
    assert.equal(pushed.sections[0]?.title, 'Task');
    assert.deepEqual(pushed.sections[0]?.header.start, { line: 6, character: 0 });
    const asked: DocumentStatsPayload | null = await client.connection.sendRequest(DocumentStatsRequest, { uri: f.uri });
    assert.deepEqual(asked, pushed);
    assert.equal(
      await client.connection.sendRequest(DocumentStatsRequest, { uri: fileUri(path.join(FIXTURES, 'nothing.prompt.md')) }),
      null,
    );
  });

  it('applies several incremental changes in one event and re-lints at the new version', async () => {
    const f = fixture('editor.prompt.md');
    const mirror = TextDocument.create(f.uri, 'markdown', 1, f.text);
    const at = (needle: string) => mirror.positionAt(mirror.getText().indexOf(needle));
    const typo = at('wranAt');
    const variable = at('{{missing}}');
    // Two edits in one event: the later one's position is relative to the text after the first (LSP order).
    const changes = [
      { range: { start: typo, end: { line: typo.line, character: typo.character + 6 } }, text: 'warnAt' },
      { range: { start: { line: variable.line, character: 0 }, end: { line: variable.line, character: 0 } }, text: 'Hello, ' },
    ];
    const edited = TextDocument.update(mirror, changes, 2);
    await client.change(f.uri, 2, changes);
    const diagnostics = await client.diagnosticsAt(f.uri, 2);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, rangeText(d)]),
      [['template/undefined-variable', '8:24-8:31']],
    );
    assert.equal(edited.getText().split('\n')[8].slice(24, 31), 'missing');
    const stats = await client.until('stats v2', () => client.stats.find((s) => s.uri === f.uri && s.version === 2));
    assert.ok(stats.promptTokens > 0);
  });

  it('keeps only the latest of quick successive changes (no result older than one already published)', async () => {
    const f = fixture('editor.prompt.md');
    const start = client.published.length;
    for (let version = 3; version <= 12; version++) {
      await client.change(f.uri, version, [
        { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'x' },
      ]);
    }
    await client.diagnosticsAt(f.uri, 12, start);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const versions = client.published
      .slice(start)
      .filter((p) => p.uri === f.uri)
      .map((p) => p.version ?? -1);
    assert.equal(versions.at(-1), 12);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `published out of order: ${versions.join(',')}`,
    );
  });

  it('clears the diagnostics of a closed prompt', async () => {
    const f = fixture('editor.prompt.md');
    const start = client.published.length;
    await client.close(f.uri);
    const cleared = await client.until('cleared', () => client.published.slice(start).find((p) => p.uri === f.uri));
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('sample files', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  const prompt = fixture('reply.prompt.md');
  const sample = fixture('reply.samples/answer.json');

  it("publishes a sample's diagnostics to the sample file", async () => {
    await client.open(prompt.uri, prompt.text, 1);
    await client.diagnosticsAt(prompt.uri, 1);
    const onSample = await client.until('sample diagnostics', () => client.latest(sample.uri));
    assert.deepEqual(
      onSample.diagnostics.map((d) => [d.code, rangeText(d)]),
      [['sample/schema', '0:11-0:20']],
    );
  });

  it("updates the sample's diagnostics when its prompt changes", async () => {
    const start = client.published.length;
    const mirror = TextDocument.create(prompt.uri, 'markdown', 1, prompt.text);
    const enumAt = mirror.positionAt(prompt.text.indexOf('rejected'));
    // `approvd` becomes an allowed value: the sample passes and its squiggle goes.
    await client.change(prompt.uri, 2, [{ range: { start: enumAt, end: enumAt }, text: 'approvd, ' }]);
    const cleared = await client.until('sample cleared', () => client.published.slice(start).find((p) => p.uri === sample.uri));
    assert.deepEqual(cleared.diagnostics, []);
    assert.deepEqual(await client.diagnosticsAt(prompt.uri, 2, start), []);
  });

  it('re-lints the prompt when the open sample is edited, reading the unsaved text', async () => {
    await client.open(sample.uri, sample.text, 1, 'json');
    const start = client.published.length;
    await client.change(sample.uri, 2, [
      { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 20 } }, text: '"maybe"' },
    ]);
    const again = await client.until('sample diagnostics v2', () =>
      client.published.slice(start).find((p) => p.uri === sample.uri && p.diagnostics.length > 0),
    );
    assert.equal(again.version, 2);
    assert.deepEqual(
      again.diagnostics.map((d) => [d.code, rangeText(d)]),
      [['sample/schema', '0:11-0:18']],
    );
    const onPrompt = await client.until('prompt summary', () =>
      client.published.slice(start).find((p) => p.uri === prompt.uri && p.diagnostics.length > 0),
    );
    assert.deepEqual(
      onPrompt.diagnostics.map((d) => d.code),
      ['sample/constraint'],
    );
  });
});

describe('the same diagnostics as promptbound check', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('editor.prompt.md, reply.prompt.md and its sample: same rule ids and positions', async () => {
    const cli = spawnSync(process.execPath, [path.join(REPO, 'bin', 'promptbound.js'), 'check', '--format', 'json', FIXTURES], {
      encoding: 'utf8',
      cwd: REPO,
    });
    const report = JSON.parse(cli.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number }>;
    }>;
    const expected = new Map(
      report.map((file) => [
        fileUri(file.filePath),
        file.messages.map((m) => `${m.ruleId} ${m.line - 1}:${m.column - 1}-${m.endLine - 1}:${m.endColumn - 1}`).sort(),
      ]),
    );
    assert.ok(expected.size >= 3, cli.stdout + cli.stderr);
    for (const name of ['editor.prompt.md', 'reply.prompt.md']) {
      const f = fixture(name);
      await client.open(f.uri, f.text, 1);
      await client.diagnosticsAt(f.uri, 1);
    }
    await client.until('sample', () => client.latest(fixture('reply.samples/answer.json').uri));
    for (const [uri, messages] of expected) {
      const published = client.latest(uri);
      assert.ok(published, `nothing published for ${uri}`);
      assert.deepEqual(published.diagnostics.map((d) => `${String(d.code)} ${rangeText(d)}`).sort(), messages, uri);
    }
  });
});

describe('a sample opened without its prompt', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('finds the prompt by name (<stem>.samples/), lints it in the background and publishes only into the sample', async () => {
    const prompt = fixture('reply.prompt.md');
    const sample = fixture('reply.samples/answer.json');
    await client.open(sample.uri, sample.text, 1, 'json');
    const onSample = await client.diagnosticsAt(sample.uri, 1);
    assert.deepEqual(
      onSample.map((d) => [d.code, rangeText(d)]),
      [['sample/schema', '0:11-0:20']],
    );
    // The prompt is not open: its own summary diagnostic is not shown.
    assert.equal(client.published.filter((p) => p.uri === prompt.uri && p.diagnostics.length > 0).length, 0);
    const start = client.published.length;
    await client.change(sample.uri, 2, [
      { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 20 } }, text: '"rejected"' },
    ]);
    assert.deepEqual(await client.diagnosticsAt(sample.uri, 2, start), []);
  });

  it('clears the sample when it closes', async () => {
    const sample = fixture('reply.samples/answer.json');
    await client.change(sample.uri, 3, [
      { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 21 } }, text: '"nope"' },
    ]);
    assert.equal((await client.diagnosticsAt(sample.uri, 3)).length, 1);
    const start = client.published.length;
    await client.close(sample.uri);
    const last = await client.until('cleared', () => client.published.slice(start).find((p) => p.uri === sample.uri));
    assert.deepEqual(last.diagnostics, []);
  });
});

describe('lintWorkspace over examples/ matches promptbound check', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('every example prompt and sample: same rule ids and positions, files linted without opening them', async () => {
    const examples = path.join(REPO, 'examples');
    const cli = spawnSync(process.execPath, [path.join(REPO, 'bin', 'promptbound.js'), 'check', '--format', 'json', examples], {
      encoding: 'utf8',
      cwd: REPO,
    });
    const report = JSON.parse(cli.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number }>;
    }>;
    const prompts = report.map((f) => f.filePath).filter((file) => /\.(prompt\.md|prompt|prompty|prompt\.ya?ml)$/.test(file));
    assert.ok(prompts.length >= 10, cli.stdout);
    const result: LintWorkspaceResult = await client.connection.sendRequest(LintWorkspaceRequest, { uris: prompts.map(fileUri) });
    assert.equal(result.files, prompts.length);
    for (const file of report) {
      const expected = file.messages
        .map((m) => `${m.ruleId} ${m.line - 1}:${m.column - 1}-${m.endLine - 1}:${m.endColumn - 1}`)
        .sort();
      const published = client.latest(fileUri(file.filePath));
      const actual = (published?.diagnostics ?? []).map((d) => `${String(d.code)} ${rangeText(d)}`).sort();
      assert.deepEqual(actual, expected, file.filePath);
    }
    const total = report.reduce((sum, f) => sum + f.messages.length, 0);
    assert.equal(result.errors + result.warnings + result.infos, total);
  });
});
