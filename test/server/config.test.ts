// Config files, files on disk and line endings over the protocol, in a throw-away folder: .promptbound.yaml over settings,
// config problems in the config file, an open config edited, a sample changed on disk, CRLF positions.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { TestClient, fileUri, rangeText } from './client';

describe('config, disk changes and CRLF', () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'promptbound-lsp-'));
    mkdirSync(path.join(dir, 'team', 'ask.samples'), { recursive: true });
    writeFileSync(path.join(dir, '.promptbound.yaml'), 'rules:\n  template/undefined-variable: warning\n');
    client = await TestClient.start({
      settings: { defaultModel: 'gpt-4', rules: { 'template/undefined-variable': 'off', 'template/unused-variable': 'off' } },
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the repository config wins over editor settings; settings fill in what it leaves out', async () => {
    const uri = fileUri(path.join(dir, 'team', 'plain.prompt.md'));
    await client.open(uri, '---\nbudget:\n  output: 100\n---\nHi {{who}}\n', 1);
    const diagnostics = await client.diagnosticsAt(uri, 1);
    // The config turns the rule back on (as a warning) although the settings turned it off.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, rangeText(d)]),
      [['template/undefined-variable', 2, '4:5-4:8']],
    );
    const stats = await client.until('stats', () => client.stats.find((s) => s.uri === uri));
    // No model in the prompt or the config: the settings' default model applies.
    assert.equal(stats.model, 'gpt-4');
    assert.equal(stats.modelSource, 'config');
  });

  it('reports config problems in the config file, and re-lints when the open config is edited', async () => {
    const configUri = fileUri(path.join(dir, '.promptbound.yaml'));
    const prompt = fileUri(path.join(dir, 'team', 'plain.prompt.md'));
    const start = client.published.length;
    const broken = 'rules:\n  template/undefined-variable: warnin\nmodel: gpt-4o-mini\n';
    await client.open(configUri, broken, 1, 'yaml');
    await client.change(configUri, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, text: broken },
    ]);
    const onConfig = await client.until('config problems', () =>
      client.published.slice(start).find((p) => p.uri === configUri && p.diagnostics.length > 0),
    );
    assert.deepEqual(
      onConfig.diagnostics.map((d) => [d.code, rangeText(d)]),
      [['config/schema', '1:31-1:37']],
    );
    // The misspelt severity is dropped (the settings' `off` applies again); the valid `model` key still applies.
    const stats = await client.until('new model', () =>
      client.stats
        .slice()
        .reverse()
        .find((s) => s.uri === prompt && s.model === 'gpt-4o-mini'),
    );
    assert.equal(stats.modelSource, 'config');
    assert.deepEqual(client.latest(prompt)?.diagnostics, []);
    await client.close(configUri);
  });

  it('a sample changed on disk re-lints its prompt (didChangeWatchedFiles)', async () => {
    const samplePath = path.join(dir, 'team', 'ask.samples', 'one.txt');
    writeFileSync(samplePath, 'one two three four five six');
    const prompt = fileUri(path.join(dir, 'team', 'ask.prompt.md'));
    await client.open(prompt, '---\nconstraints:\n  words: {max: 3}\n---\nAnswer briefly.\n', 1);
    const sample = fileUri(samplePath);
    const failing = await client.until('sample fails', () => client.latest(sample));
    assert.deepEqual(
      failing.diagnostics.map((d) => d.code),
      ['sample/constraint'],
    );
    const start = client.published.length;
    writeFileSync(samplePath, 'one two');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: sample, type: FileChangeType.Changed }],
    });
    const passing = await client.until('sample passes', () => client.published.slice(start).find((p) => p.uri === sample));
    assert.deepEqual(passing.diagnostics, []);
  });

  it('positions stay exact with CRLF line endings, emoji and CJK', async () => {
    const uri = fileUri(path.join(dir, 'team', 'crlf.prompt.md'));
    const text = '---\r\nmodel: gpt-4o\r\nbudget:\r\n  wranAt: 0.5\r\n---\r\n👩‍💻 日本語 a𐐀b {{who}}\r\n';
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsAt(uri, 1);
    // "👩‍💻 日本語 a𐐀b {{" is 5 + 1 + 3 + 1 + 4 + 1 + 2 = 17 UTF-16 code units.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, rangeText(d)]),
      [
        ['frontmatter/schema', '3:2-3:8'],
        ['template/undefined-variable', '5:17-5:20'],
      ],
    );
  });
});
