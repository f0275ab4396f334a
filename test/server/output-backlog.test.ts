// A long lint lets a large outgoing message drain before its next slice (server/workspace.ts `yieldToOthers`,
// server/output-backlog.ts): otherwise the message, and every answer queued behind it, went out one pipe's
// worth per slice of the lint.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PromptWorkspace } from '../../server/workspace';
import { backlogOf } from '../../server/output-backlog';
import { generateProse } from '../tokens/corpus';
import { inProcessOptions } from './in-process';

/** A stream whose writes complete only when `flush` is called, as a pipe the reader has not drained yet. */
function slowStream(): { stream: Writable; flush: () => void } {
  const pending: Array<() => void> = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(_chunk, _encoding, callback) {
      pending.push(() => callback());
    },
  });
  return { stream, flush: () => pending.splice(0).forEach((done) => done()) };
}

describe('server: output backlog', () => {
  it('is a promise of the drain only while a write has filled the stream', async () => {
    const { stream, flush } = slowStream();
    assert.equal(backlogOf(stream), undefined, 'nothing written');
    stream.write(Buffer.alloc(100));
    assert.equal(backlogOf(stream), undefined, 'under the high-water mark: no drain will come, nothing to wait for');
    flush();
    stream.write(Buffer.alloc(64 * 1024));
    const backlog = backlogOf(stream);
    assert.ok(backlog instanceof Promise);
    let drained = false;
    void backlog.then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(drained, false, 'resolved before the stream drained');
    flush();
    await backlog;
    assert.equal(backlogOf(stream), undefined);
  });

  it('ends when the stream closes before draining', async () => {
    const { stream } = slowStream();
    stream.write(Buffer.alloc(64 * 1024));
    const backlog = backlogOf(stream)!;
    stream.destroy();
    await backlog;
  });

  it("over a Node IPC channel, lasts until a large message is written, and keeps the caller's callback", async () => {
    const child = fork(path.join(__dirname, 'ipc-backlog-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const messages: Array<Record<string, unknown>> = [];
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.on('message', (message) => messages.push(message as Record<string, unknown>));
    await exited;
    assert.equal(messages.length, 2);
    assert.equal((messages[0].big as string).length, 3_200_000, 'the large message came first');
    assert.deepEqual(messages[1], { seen: true, callbackRan: true, after: true });
  });

  it('holds a long lint at its next yield until the output has drained', async () => {
    const uri = 'file:///w/backlog.prompt.md';
    let text = '# Task\n\nAnswer in at most 50 words.\n\n';
    for (let i = 0; text.length < 600_000; i++) text += `## Part ${i}\n\n${generateProse(3000, i + 1)}\n\n`;
    let release: () => void = () => undefined;
    const drain = new Promise<void>((resolve) => (release = resolve));
    let backlog = true;
    let asked = 0;
    const published: Array<number | undefined> = [];
    const docs = new Map<string, TextDocument>();
    const workspace = new PromptWorkspace({
      ...inProcessOptions(docs),
      rehearse: false,
      outputBacklog: () => {
        asked++;
        return backlog ? drain : undefined;
      },
      sink: {
        publishDiagnostics: (_uri, version) => void published.push(version),
        documentStats: () => undefined,
        log: () => undefined,
      },
    });
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    docs.set(uri, doc);
    const opened = workspace.opened(doc);
    for (let i = 0; i < 500 && asked === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(asked > 0, 'the lint never yielded');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(published, [], 'the lint went on before the output drained');
    assert.equal(asked, 1);
    backlog = false;
    release();
    await opened;
    assert.deepEqual(published, [1]);
    assert.ok(asked > 1);
  });
});
