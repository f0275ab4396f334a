// The extension's activation, shared by the desktop (client/node.ts) and web (client/browser.ts) entries:
// starts the language server, answers its file requests, and wires the status bar, the breakdown panel and the commands.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  DocumentStatsNotification,
  DocumentStatsRequest,
  type DocumentStatsPayload,
  type InitializationOptions,
} from '../server/protocol';
import { BreakdownPanel } from './breakdown-panel';
import { PreviewPanel } from './preview-panel';
import { registerCommands } from './commands';
import { registerFileRequests } from './file-requests';
import { documentSelector } from './selector';
import { PromptStatusBar } from './status-bar';

/** How an entry makes its LanguageClient: a Node process over IPC, or a web worker. */
export type CreateClient = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

/** The client id: VS Code reads `promptbound.trace.server` for it. */
export const CLIENT_ID = 'promptbound';

let stopCurrent: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext, createClient: CreateClient): Promise<void> {
  const serverOutput = vscode.window.createOutputChannel('promptbound', { log: true });
  const checksOutput = vscode.window.createOutputChannel('promptbound: completion checks');
  let running: { client: BaseLanguageClient; disposables: vscode.Disposable[] } | undefined;
  const statusBar = new PromptStatusBar(() => running?.client);
  const breakdown = new BreakdownPanel(async (uri) => running?.client.sendRequest(DocumentStatsRequest, { uri }));
  const preview = new PreviewPanel(() => running?.client);
  const onStats = (payload: DocumentStatsPayload) => {
    statusBar.update(payload);
    breakdown.update(payload);
    preview.update(payload);
  };

  const start = async () => {
    const client = createClient(CLIENT_ID, 'promptbound', clientOptions(serverOutput));
    const disposables = [
      client.onNotification(DocumentStatsNotification, onStats),
      ...registerFileRequests(client, context.extensionUri),
    ];
    running = { client, disposables };
    await client.start();
    void statusBar.refresh();
  };
  const stop = async () => {
    const current = running;
    running = undefined;
    if (!current) return;
    for (const disposable of current.disposables) disposable.dispose();
    await current.client.stop().catch(() => undefined);
    await current.client.dispose().catch(() => undefined);
  };
  stopCurrent = stop;

  // The document selector holds `promptbound.files` and the folders: when they change, the server restarts with a new one.
  let restarting = Promise.resolve();
  const restart = () => {
    restarting = restarting
      .then(async () => {
        await stop();
        await start();
      })
      .catch((error) => serverOutput.error(`restart failed: ${String(error)}`));
  };

  context.subscriptions.push(
    serverOutput,
    checksOutput,
    statusBar,
    breakdown,
    preview,
    ...registerCommands({ client: () => running?.client, breakdown, preview, output: checksOutput }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('promptbound.files')) restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (extraGlobs().length > 0) restart();
    }),
    // The server reads trust once, at initialize (allowOutsideRoot is ignored while untrusted).
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
    { dispose: () => void stop() },
  );
  try {
    await start();
  } catch (error) {
    // Activation still succeeds: the commands say the server is not running instead of "command not found".
    serverOutput.error(`the language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      `promptbound: the language server did not start (${error instanceof Error ? error.message : String(error)}). See the promptbound output.`,
    );
  }
}

export async function deactivate(): Promise<void> {
  await stopCurrent?.();
  stopCurrent = undefined;
}

function clientOptions(output: vscode.LogOutputChannel): LanguageClientOptions {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ uri: folder.uri.toString() }));
  return {
    documentSelector: documentSelector(folders, extraGlobs()),
    // No `synchronize`: the server registers for `promptbound` settings and for the config, sample and schema files it
    // watches itself (dynamic registration); declaring them here as well would deliver every change twice.
    diagnosticCollectionName: 'promptbound',
    // Push: it reaches closed sample files and Lint-workspace results without polling workspace/diagnostic (docs/lsp.md).
    // Restricted Mode: the server then ignores a workspace config's allowOutsideRoot (docs/security.md).
    initializationOptions: { diagnostics: 'push', workspaceTrusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    outputChannel: output,
    traceOutputChannel: output,
  };
}

/** `promptbound.files` of every folder (a folder setting may add globs of its own). */
function extraGlobs(): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const scopes = folders.length > 0 ? folders.map((folder) => folder.uri) : [undefined];
  const globs = new Set<string>();
  for (const scope of scopes) {
    for (const glob of vscode.workspace.getConfiguration('promptbound', scope).get<unknown[]>('files', [])) {
      if (typeof glob === 'string' && glob.trim() !== '') globs.add(glob);
    }
  }
  return [...globs];
}
