// A hostile workspace against the built server over the real protocol: malformed params answer -32602, a catastrophic
// pattern does not freeze it, and a schema outside the workspace folder is not read.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest, ResponseError } from 'vscode-languageserver-protocol';
import { CountTextRequest, type CountTextParams } from '../../server/protocol';
import { TestClient, fileUri, fixture } from './client';

async function errorOf(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('server: hostile input', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    client = await TestClient.start();
    dir = mkdtempSync(path.join(tmpdir(), 'promptbound-hostile-'));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hover, completion and custom requests with null or malformed params answer -32602 InvalidParams', async () => {
    const hover = await errorOf(client.connection.sendRequest(HoverRequest.method, null));
    assert.equal(hover.code, -32602);
    assert.match(hover.message, /textDocument\/hover: params must be an object/);
    const noPosition = await errorOf(
      client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri: 'file:///x.prompt.md' } }),
    );
    assert.equal(noPosition.code, -32602);
    assert.match(noPosition.message, /params\.position must be an object/);
    const badLine = await errorOf(
      client.connection.sendRequest(HoverRequest.method, {
        textDocument: { uri: 'file:///x.prompt.md' },
        position: { line: -1, character: 0 },
      }),
    );
    assert.match(badLine.message, /params\.position\.line must be a non-negative integer/);
    const count = await errorOf(client.connection.sendRequest(CountTextRequest, { uri: 42 } as unknown as CountTextParams));
    assert.equal(count.code, -32602);
  });

  it('a malformed notification is dropped and the server keeps answering', async () => {
    await client.connection.sendNotification('textDocument/didOpen', null);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 7 }, contentChanges: 'x' });
    const { uri, text } = fixture('editor.prompt.md');
    await client.open(uri, text);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    assert.notEqual(hover, undefined);
    const counted = await client.connection.sendRequest(CountTextRequest, { uri, text: 'hello world' });
    assert.equal(counted?.tokens, 2);
  });

  it('a prompt whose schema pattern backtracks catastrophically is linted in bounded time, the server stays responsive', async () => {
    const prompt = path.join(dir, 'p.prompt.md');
    writeFileSync(path.join(dir, 'p.sample.json'), JSON.stringify({ a: `${'a'.repeat(30)}!` }));
    const text =
      '---\nconstraints:\n  schema:\n    type: object\n    properties:\n      a: {type: string, pattern: "^(?=a)(a+)+$"}\n---\nSay a.\n';
    writeFileSync(prompt, text);
    await client.open(fileUri(prompt), text);
    const sampleUri = fileUri(path.join(dir, 'p.sample.json'));
    const diagnostics = await client.until('the sample diagnostics', () => client.latest(sampleUri)?.diagnostics);
    assert.ok(
      diagnostics.some((d) => /could not be checked on this value/.test(String(d.message))),
      JSON.stringify(diagnostics),
    );
    const counted = await client.connection.sendRequest(CountTextRequest, { uri: fileUri(prompt), text: 'still here' });
    assert.ok(counted && counted.tokens > 0);
  });

  it('a schema outside the workspace folder is not read; a diagnostic says so at the schema key', async () => {
    mkdirSync(path.join(dir, 'secret'), { recursive: true });
    mkdirSync(path.join(dir, 'repo'), { recursive: true });
    writeFileSync(path.join(dir, 'secret', 'creds.json'), '{"token": "abcdefghijklmnopq"}');
    const prompt = path.join(dir, 'repo', 'o.prompt.md');
    const text = '---\nconstraints:\n  schema: ../secret/creds.json\n---\nSay.\n';
    writeFileSync(prompt, text);
    const uri = fileUri(prompt);
    await client.open(uri, text);
    const diagnostics = await client.until('the outside-root diagnostic', () =>
      client.latest(uri)?.diagnostics.filter((d) => d.code === 'schema/unresolved-ref'),
    );
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /^schema \.\.\/secret\/creds\.json is outside the root .*repo and is not read/);
    assert.deepEqual(diagnostics[0].range.start, { line: 2, character: 10 });
    assert.ok(
      !client.published.some(
        (p) => p.uri.endsWith('creds.json') || p.diagnostics.some((d) => String(d.message).includes('"token"')),
      ),
    );
  });

  it('an untrusted workspace cannot allow itself to read outside: allowOutsideRoot is ignored, with a warning', async () => {
    const base = path.join(dir, 'restricted');
    mkdirSync(path.join(base, 'secret'), { recursive: true });
    mkdirSync(path.join(base, 'repo'), { recursive: true });
    writeFileSync(path.join(base, 'secret', 'creds.json'), '{"type": "object", "required": ["token"]}');
    const config = path.join(base, 'repo', '.promptbound.yaml');
    writeFileSync(config, 'model: gpt-4o\nallowOutsideRoot: true\n');
    const prompt = path.join(base, 'repo', 'r.prompt.md');
    const text = '---\nconstraints:\n  schema: ../secret/creds.json\n---\nSay.\n';
    writeFileSync(prompt, text);
    const uri = fileUri(prompt);
    const lint = async (trusted: TestClient) => {
      await trusted.open(uri, text);
      return trusted.until('the prompt diagnostics', () => trusted.latest(uri)?.diagnostics);
    };

    // Trusted (the default): the config's own allowOutsideRoot is honoured.
    assert.ok(!(await lint(client)).some((d) => d.code === 'schema/unresolved-ref'));

    const untrusted = await TestClient.start({ initializationOptions: { workspaceTrusted: false } });
    try {
      const diagnostics = await lint(untrusted);
      assert.ok(
        diagnostics.some((d) => d.code === 'schema/unresolved-ref' && /is outside the root/.test(String(d.message))),
        JSON.stringify(diagnostics),
      );
      const warning = await untrusted.until('the config warning', () =>
        untrusted.latest(fileUri(config))?.diagnostics.find((d) => /not trusted/.test(String(d.message))),
      );
      assert.deepEqual(warning.range.start, { line: 1, character: 0 });
    } finally {
      await untrusted.stop();
    }
  });
});
