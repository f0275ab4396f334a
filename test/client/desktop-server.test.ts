// The desktop entry's server, started the way vscode-languageclient starts TransportKind.ipc (fork with --node-ipc,
// --clientProcessId), answers initialize and sends the stats the status bar shows. The web entry is checked end to end.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader,
  IPCMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { DocumentStatsNotification, DocumentStatsRequest, type DocumentStatsPayload } from '../../server/protocol';
import { NODE_SERVER_MODULE, nodeServerOptions } from '../../client/server-module';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, NODE_SERVER_MODULE);
const PROMPT_URI = pathToFileURL(path.join(ROOT, 'test', 'client', 'no-such-folder', 'ipc.prompt.md')).toString();
const TEXT = [
  '---',
  'model: gpt-4o',
  'budget:',
  '  output: 1000',
  '---',
  '# Task',
  '',
  'Summarise the text in three sentences.',
  '',
].join('\n');

describe(
  'client: the desktop server over IPC',
  { skip: existsSync(SERVER) ? false : `${NODE_SERVER_MODULE} is not built` },
  () => {
    let child: ChildProcess;
    let connection: ProtocolConnection;
    const stats: DocumentStatsPayload[] = [];

    before(async () => {
      // With the Node options and environment the client forks it with (vscode-languageclient adds the extension
      // host's environment).
      const { options } = nodeServerOptions(SERVER, 'ipc', process.env).run;
      child = fork(SERVER, ['--node-ipc', `--clientProcessId=${process.pid}`], { ...options, silent: true, cwd: ROOT });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      connection.onNotification(DocumentStatsNotification, (payload: DocumentStatsPayload) => void stats.push(payload));
      connection.listen();
      const result = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: null,
      });
      assert.ok((result as { capabilities: { hoverProvider?: unknown } }).capabilities.hoverProvider);
      await connection.sendNotification('initialized', {});
    });

    after(async () => {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    });

    it('counts an opened prompt and answers the status bar request', async () => {
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: PROMPT_URI, languageId: 'prompt', version: 1, text: TEXT },
      });
      const deadline = Date.now() + 20_000;
      while (!stats.some((s) => s.uri === PROMPT_URI) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const pushed = stats.find((s) => s.uri === PROMPT_URI);
      assert.ok(pushed, 'a documentStats notification for the opened prompt');
      assert.equal(pushed.model, 'gpt-4o');
      assert.equal(pushed.outputReserve, 1000);
      assert.ok(pushed.promptTokens > 5 && pushed.inputTokens >= pushed.promptTokens);
      const asked = await connection.sendRequest(DocumentStatsRequest, { uri: PROMPT_URI });
      assert.equal(asked?.inputTokens, pushed.inputTokens);
      assert.equal(await connection.sendRequest(DocumentStatsRequest, { uri: 'file:///not/open.prompt.md' }), null);
    });
  },
);
