// A test client for the built language server: spawns it over stdio and speaks LSP with vscode-languageserver-protocol.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { existsSync, readFileSync } from 'node:fs';
import { DocumentStatsNotification, type DocumentStatsPayload, type EditorSettings } from '../../server/protocol';

export const REPO = path.join(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server-node.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'server');
const DENY_NETWORK = path.join(REPO, 'test', 'support', 'deny-network.js');

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export function fixture(name: string): { uri: string; text: string; path: string } {
  const file = path.join(FIXTURES, name);
  return { uri: fileUri(file), text: readFileSync(file, 'utf8'), path: file };
}

/** The running server: a child process, or a worker thread for the browser bundle. */
export interface ServerHandle {
  /** The spawned process (absent for a worker). */
  pid?: number;
  exitCode(): number | null;
  kill(): void;
  exited: Promise<number | null>;
}

export interface StartOptions {
  settings?: Partial<EditorSettings>;
  env?: Record<string, string>;
  /** Command line after `node`; the built server over stdio by default. */
  args?: string[];
  /** Extra `workspace` client capabilities announced in initialize (e.g. workspaceEdit resource operations). */
  workspace?: Record<string, unknown>;
  /** Extra `textDocument` client capabilities (e.g. `diagnostic` for pull diagnostics). */
  textDocument?: Record<string, unknown>;
  initializationOptions?: unknown;
}

/** One running server and what it has sent: every publishDiagnostics and stats notification, in order. */
export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly stats: DocumentStatsPayload[] = [];
  readonly stderr: string[] = [];
  settings: Partial<EditorSettings>;
  private readonly waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly server: ServerHandle,
    readonly connection: ProtocolConnection,
    settings: Partial<EditorSettings>,
  ) {
    this.settings = settings;
    this.exited = server.exited;
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node esbuild.mjs\` before the server tests`);
    const args = options.args ?? [SERVER, '--stdio'];
    const child = spawn(process.execPath, ['--require', DENY_NETWORK, ...args], {
      cwd: REPO,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(
      {
        pid: child.pid,
        exitCode: () => child.exitCode,
        kill: () => void child.kill(),
        exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
      },
      connection,
      { debounce: 0, ...options.settings },
    );
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    await client.initialize(fileUri(FIXTURES), undefined, options.workspace, options);
    return client;
  }

  /** Wires the handlers every test needs, then initialize + initialized with one workspace folder. */
  async initialize(
    rootUri: string,
    onConnection?: (connection: ProtocolConnection) => void,
    workspace: Record<string, unknown> = {},
    extra: Pick<StartOptions, 'textDocument' | 'initializationOptions'> = {},
  ): Promise<void> {
    const { connection } = this;
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.wake();
    });
    connection.onNotification(DocumentStatsNotification, (payload: DocumentStatsPayload) => {
      this.stats.push(payload);
      this.wake();
    });
    // The server's own log (a guarded handler's failure) lands beside the process's stderr.
    connection.onNotification('window/logMessage', (params: { message: string }) => void this.stderr.push(`${params.message}\n`));
    onConnection?.(connection);
    connection.listen();
    const result: InitializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'fixtures' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...workspace },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, ...extra.textDocument },
      },
      initializationOptions: extra.initializationOptions,
    });
    this.capabilities = result.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
  }

  /** A client over an already running server (a worker), for the browser bundle's test. */
  static over(server: ServerHandle, connection: ProtocolConnection, settings: Partial<EditorSettings> = {}): TestClient {
    return new TestClient(server, connection, { debounce: 0, ...settings });
  }

  capabilities: InitializeResult['capabilities'] = {};

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The latest diagnostics published for `uri`. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits until `test` holds over what has been received (checked after every notification). */
  async until<T>(what: string, test: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = test();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostics for `uri` published at `version` (after index `after` of `published`, when given). */
  diagnosticsAt(uri: string, version: number | undefined, after = 0): Promise<Diagnostic[]> {
    return this.until(`diagnostics of ${path.basename(uri)} v${version}`, () => {
      for (let i = this.published.length - 1; i >= after; i--) {
        const p = this.published[i];
        if (p.uri === uri && p.version === version) return p.diagnostics;
      }
      return undefined;
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.server.kill(), 3000);
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** `line:character-line:character`, 0-based, as the tests write ranges. */
export function rangeText(d: {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}): string {
  const { start, end } = d.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}
