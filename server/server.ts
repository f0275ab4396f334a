// The language server: builds what the handlers share and registers each group of handlers (server/handlers/);
// the same for Node and the web worker.
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TokenizerPool } from '../core/tokens/pool';
import { IncrementalCounterPool } from '../core/tokens/incremental';
import { DocumentStatsNotification } from './protocol';
import type { ServerPlatform } from './platform';
import { SettingsStore } from './settings';
import { lineDocuments } from './line-document';
import { PromptWorkspace, type OpenDocuments } from './workspace';
import { makeGuard, type ServerContext, type SessionState } from './handlers/context';
import { registerCustomMessages } from './handlers/custom-messages';
import { registerDocumentSync } from './handlers/document-sync';
import { registerLanguageFeatures } from './handlers/language-features';
import { registerLifecycle } from './handlers/lifecycle';

export { COMPLETION_TRIGGERS, SERVER_NAME } from './handlers/lifecycle';

export function startServer(connection: Connection, platform: ServerPlatform): PromptWorkspace {
  const log = platform.log ?? ((message: string) => connection.console.error(message));
  const documents = new TextDocuments(lineDocuments);
  const session: SessionState = { capabilities: {}, roots: [], opening: new Map(), spellings: new Map(), trusted: true };
  const open: OpenDocuments = {
    get: (uri) => documents.get(session.spellings.get(uri) ?? uri),
    all: () => documents.all(),
  };
  const settings = new SettingsStore(connection, () => session.capabilities.workspace?.configuration === true);
  const basePool = new TokenizerPool(platform.ranks);
  const tokenizers = new IncrementalCounterPool(basePool);
  const workspace = new PromptWorkspace({
    documents: open,
    files: platform.files,
    tokenizers,
    settingsFor: (uri) => settings.for(open.get(uri)?.uri ?? uri),
    roots: () => session.roots,
    trusted: () => session.trusted,
    rules: platform.rules,
    loopBlock: platform.loopBlock,
    outputBacklog: platform.outputBacklog,
    sink: {
      publishDiagnostics: (uri, version, diagnostics) =>
        session.pulled
          ? session.pulled.set(uri, version, diagnostics)
          : void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined),
      documentStats: (payload) => void connection.sendNotification(DocumentStatsNotification, payload).catch(() => undefined),
      log,
      refreshLenses: () => void refreshLenses(),
    },
  });
  const guard = makeGuard(log);
  async function refreshLenses(): Promise<void> {
    const { workspace: capabilities } = session.capabilities;
    if (capabilities?.codeLens?.refreshSupport) await connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (capabilities?.inlayHint?.refreshSupport)
      await connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  }
  const context: ServerContext = {
    connection,
    documents,
    workspace,
    settings,
    basePool,
    tokenizers,
    session,
    guard,
    fire: (name, work) => void guard(name, undefined, async () => void (await work()))(),
    refreshLenses,
  };
  registerLifecycle(context);
  registerDocumentSync(context);
  registerLanguageFeatures(context);
  registerCustomMessages(context);
  documents.listen(connection);
  connection.listen();
  return workspace;
}
