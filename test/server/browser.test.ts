// The web-worker bundle (dist/server-browser.js) over postMessage, in a sandbox with only browser globals (no require,
// process or Buffer), with files, globs and rank tables answered by this "client" as the VS Code web client does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { after, before, describe, it } from 'node:test';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  type DataCallback,
  type Disposable,
  type Message,
} from 'vscode-languageserver-protocol/node';
import {
  GlobRequest,
  ReadFileRequest,
  ReadRanksRequest,
  type GlobParams,
  type ReadFileParams,
  type ReadRanksParams,
} from '../../server/protocol';
import { nodeUriFileAccess } from '../../server/node-platform';
import { FIXTURES, REPO, TestClient, fileUri, rangeText } from './client';

const BUNDLE = path.join(REPO, 'dist', 'server-browser.js');
/** The workspace as the web sees it: a virtual file system, not file://. */
const ROOT = 'vscode-test-web://mount';

/** Runs the bundle in a vm context whose globals are what a dedicated worker has; `self` speaks through the worker port. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const fs = require('node:fs');
const self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: () => {},
  removeEventListener: () => {},
  set onmessage(handler) { parentPort.on('message', (data) => handler({ data })); },
};
const sandbox = { self, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console, TextEncoder, TextDecoder, URL, performance, structuredClone, atob, btoa, crypto: globalThis.crypto };
sandbox.globalThis = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(workerData.bundle, 'utf8'), sandbox, { filename: workerData.bundle });
`;

class WorkerReader extends AbstractMessageReader {
  constructor(private readonly worker: Worker) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    const handler = (message: Message) => callback(message);
    this.worker.on('message', handler);
    return { dispose: () => void this.worker.off('message', handler) };
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }
  write(message: Message): Promise<void> {
    this.worker.postMessage(message);
    return Promise.resolve();
  }
  end(): void {}
}

/** `vscode-test-web://mount/a/b` ↔ the fixture folder on disk. */
function toDisk(uri: string): string | undefined {
  if (uri === ROOT || uri === `${ROOT}/`) return fileUri(FIXTURES);
  return uri.startsWith(`${ROOT}/`) ? fileUri(path.join(FIXTURES, decodeURIComponent(uri.slice(ROOT.length + 1)))) : undefined;
}
function fromDisk(uri: string): string {
  return `${ROOT}/${path.relative(FIXTURES, new URL(uri).pathname).split(path.sep).join('/')}`;
}

describe('the web-worker server', () => {
  let worker: Worker;
  let client: TestClient;
  const requests: string[] = [];

  before(async () => {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bundle: BUNDLE } });
    const errors: string[] = [];
    worker.on('error', (error) => errors.push(String(error)));
    const exited = new Promise<number | null>((resolve) => worker.on('exit', resolve));
    const connection = createProtocolConnection(new WorkerReader(worker), new WorkerWriter(worker));
    client = TestClient.over(
      { exitCode: () => (errors.length > 0 ? 1 : null), kill: () => void worker.terminate(), exited },
      connection,
    );
    const disk = nodeUriFileAccess();
    await client.initialize(ROOT, (c) => {
      c.onRequest(ReadFileRequest, async (params: ReadFileParams) => {
        requests.push(`read ${params.uri}`);
        const file = toDisk(params.uri);
        return (file && (await disk.readText(file))) ?? null;
      });
      c.onRequest(GlobRequest, async (params: GlobParams) => {
        requests.push(`glob ${params.baseUri}`);
        const base = toDisk(params.baseUri);
        return base ? (await disk.glob(base, params.patterns)).map(fromDisk) : [];
      });
      c.onRequest(ReadRanksRequest, (params: ReadRanksParams) => {
        requests.push(`ranks ${params.encoding}`);
        return readFileSync(path.join(REPO, 'dist', 'ranks', `${params.encoding}.json`), 'utf8');
      });
    });
  });
  after(async () => {
    await client.connection.sendRequest('shutdown').catch(() => undefined);
    client.connection.dispose();
    await worker.terminate();
  });

  it('lints a prompt with the same diagnostics as the Node server, rank tables fetched from the client', async () => {
    const uri = `${ROOT}/editor.prompt.md`;
    await client.open(uri, readFileSync(path.join(FIXTURES, 'editor.prompt.md'), 'utf8'), 1);
    const diagnostics = await client.diagnosticsAt(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, rangeText(d)]),
      [
        ['frontmatter/schema', '4:2-4:8'],
        ['template/undefined-variable', '8:17-8:24'],
      ],
    );
    assert.ok(requests.includes('ranks o200k_base'), requests.join('\n'));
    // The config is looked for in the workspace only, through the client.
    assert.ok(requests.includes(`read ${ROOT}/.promptbound.yaml`), requests.join('\n'));
    assert.ok(!requests.some((r) => r.startsWith('read vscode-test-web://mount/../')));
  });

  it("finds a prompt's samples through the client's glob and publishes into them", async () => {
    const uri = `${ROOT}/reply.prompt.md`;
    await client.open(uri, readFileSync(path.join(FIXTURES, 'reply.prompt.md'), 'utf8'), 1);
    await client.diagnosticsAt(uri, 1);
    const sample = await client.until('sample diagnostics', () => client.latest(`${ROOT}/reply.samples/answer.json`));
    assert.deepEqual(
      sample.diagnostics.map((d) => [d.code, rangeText(d)]),
      [['sample/schema', '0:11-0:20']],
    );
    assert.ok(requests.includes(`glob ${ROOT}`), requests.join('\n'));
  });
});
