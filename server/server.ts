// The language server: LSP handlers over PromptWorkspace and the language features; the same for Node and the web worker.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TokenizerPool } from '../core/tokens/pool';
import { IncrementalCounterPool } from '../core/tokens/incremental';
import { provideCodeActions, provideCodeLenses, provideCompletion, provideHover, provideInlayHints, type CodeActionHost } from './features/index';
import {
  CountTextRequest,
  DocumentStatsNotification,
  DocumentStatsRequest,
  LintWorkspaceRequest,
  ModelsRequest,
  SetModelOverrideNotification,
  ValidateCompletionRequest,
  type DocumentStatsPayload,
} from './protocol';
import type { ServerPlatform } from './platform';
import { countText, modelTable, validateCompletion } from './requests';
import { SettingsStore } from './settings';
import { PromptWorkspace, type OpenDocuments } from './workspace';
import { canonicalUri } from './uris';
import { documentSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { documentLinks } from './features/links';
import { definitionAt } from './features/definition';
import { PulledDiagnostics, usesPullDiagnostics } from './features/pull-diagnostics';
import { renderPreview } from './features/preview';
import { PreviewRequest } from './protocol';

export const SERVER_NAME = 'promptbound';

/** Characters after which frontmatter completion is offered (`model: `, list items, a new key after indentation). */
export const COMPLETION_TRIGGERS = [':', ' ', '-'];

/** Files whose change on disk can change a lint: configs, schemas, samples (a prompt's own file is reported by its editor). */
const WATCHED_GLOB = '**/*.{yaml,yml,json,jsonl,txt,md,prompt,prompty}';

export function startServer(connection: Connection, platform: ServerPlatform): PromptWorkspace {
  const log = platform.log ?? ((message: string) => connection.console.error(message));
  const documents = new TextDocuments(TextDocument);
  const spellings = new Map<string, string>();
  const open: OpenDocuments = {
    get: (uri) => {
      const spelled = spellings.get(uri) ?? uri;
      return documents.get(spelled);
    },
    all: () => documents.all(),
  };
  let capabilities: ClientCapabilities = {};
  let roots: string[] = [];
  /** Set at initialize when the client pulls diagnostics: results are kept for it instead of published. */
  let pulled: PulledDiagnostics | undefined;
  /** A document's didOpen handling, so a pull that arrives right after the open waits for it. */
  const opening = new Map<string, Promise<void>>();
  const settings = new SettingsStore(connection, () => capabilities.workspace?.configuration === true);
  const basePool = new TokenizerPool(platform.ranks);
  const tokenizers = new IncrementalCounterPool(basePool);
  const workspace = new PromptWorkspace({
    documents: open,
    files: platform.files,
    tokenizers,
    settingsFor: (uri) => settings.for(open.get(uri)?.uri ?? uri),
    roots: () => roots,
    rules: platform.rules,
    sink: {
      publishDiagnostics: (uri, version, diagnostics) =>
        pulled ? pulled.set(uri, version, diagnostics) : void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined),
      documentStats: (payload: DocumentStatsPayload) => void connection.sendNotification(DocumentStatsNotification, payload).catch(() => undefined),
      log,
    },
  });

  /** Every handler is guarded (PITFALLS 21): a bug answers with the fallback and is logged, never kills the server. */
  function guard<P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
    return async (...args: P) => {
      try {
        return await handler(...args);
      } catch (error) {
        log(`promptbound: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }
  const fire = (name: string, work: () => unknown) => void guard(name, undefined, async () => void (await work()))();

  /** Code lenses and inlay hints are pulled after edits; other changes (settings, a picked model) ask the client to pull again. */
  async function refreshLenses(): Promise<void> {
    if (capabilities.workspace?.codeLens?.refreshSupport) await connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (capabilities.workspace?.inlayHint?.refreshSupport) await connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  }

  const codeActionHost: CodeActionHost = {
    snapshotFor: (uri) => workspace.snapshotFor(uri),
    promptsOfSample: (uri) => workspace.promptsOfSample(uri),
  };

  connection.onInitialize(
    (params): InitializeResult => {
      capabilities = params.capabilities ?? {};
      roots = (params.workspaceFolders ?? []).map((f) => canonicalUri(f.uri));
      if (roots.length === 0 && params.rootUri) roots = [canonicalUri(params.rootUri)];
      const pull = usesPullDiagnostics(capabilities, params.initializationOptions);
      if (pull) {
        pulled = new PulledDiagnostics(async () => {
          if (capabilities.workspace?.diagnostics?.refreshSupport) await connection.languages.diagnostics.refresh();
        });
      }
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          hoverProvider: true,
          completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.Source], resolveProvider: false },
          codeLensProvider: { resolveProvider: false },
          inlayHintProvider: { resolveProvider: false },
          ...editorCapabilities(pull),
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: SERVER_NAME },
      };
    },
  );

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'promptbound' });
      }
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }, { globPattern: '**/.promptbound.{yaml,yml,json}' }] });
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((f) => canonicalUri(f.uri)));
          roots = [...roots.filter((r) => !removed.has(r)), ...event.added.map((f) => canonicalUri(f.uri))];
          fire('workspace folders', () => workspace.settingsChanged());
        });
      }
    }),
  );

  // Both fire for an opened document; the version tells the second apart.
  const handledVersion = new Map<string, number>();
  documents.onDidOpen((event) => {
    const uri = canonicalUri(event.document.uri);
    spellings.set(uri, event.document.uri);
    handledVersion.set(uri, event.document.version);
    const opened = guard('didOpen', undefined, () => workspace.opened(event.document))();
    opening.set(uri, opened);
    void opened.then(() => opening.get(uri) === opened && opening.delete(uri));
  });
  documents.onDidChangeContent((event) => {
    const uri = canonicalUri(event.document.uri);
    if (handledVersion.get(uri) === event.document.version) return;
    handledVersion.set(uri, event.document.version);
    fire('didChange', () => workspace.changed(event.document));
  });
  documents.onDidSave((event) => fire('didSave', () => workspace.saved(event.document)));
  documents.onDidClose((event) => {
    const uri = canonicalUri(event.document.uri);
    handledVersion.delete(uri);
    settings.forget(event.document.uri);
    fire('didClose', () => workspace.closed(event.document));
    spellings.delete(uri);
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (params) => {
      settings.changed(params.settings);
      await workspace.settingsChanged();
      await refreshLenses();
    }),
  );
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, (params) => workspace.filesChanged(params.changes.map((c) => c.uri))));

  // ---- language features (server/features) -------------------------------------------------------------------

  connection.onHover(
    guard('hover', null, async (params) => {
      const snapshot = await workspace.freshSnapshot(params.textDocument.uri);
      return snapshot ? provideHover(snapshot, params.position) : null;
    }),
  );
  connection.onCompletion(
    guard('completion', [], async (params) => {
      const snapshot = await workspace.freshSnapshot(params.textDocument.uri);
      return snapshot ? provideCompletion(snapshot, params.position) : [];
    }),
  );
  connection.onCodeAction(
    guard('codeAction', [], async (params) => {
      const uri = params.textDocument.uri;
      const snapshot = workspace.isPrompt(uri) ? await workspace.freshSnapshot(uri) : undefined;
      if (!snapshot) await workspace.freshPromptsOfSample(uri);
      const textDocument = snapshot?.textDocument ?? documents.get(uri);
      const actions = textDocument ? provideCodeActions(textDocument, snapshot, params, codeActionHost) : [];
      return canCreateFiles(capabilities) ? actions : actions.filter((action) => !createsFiles(action));
    }),
  );
  connection.onCodeLens(
    guard('codeLens', [], async (params) => {
      const snapshot = await workspace.freshSnapshot(params.textDocument.uri);
      return snapshot ? provideCodeLenses(snapshot, await workspace.settingsFor(params.textDocument.uri)) : [];
    }),
  );
  connection.languages.inlayHint.on(
    guard('inlayHint', [], async (params) => {
      const snapshot = await workspace.freshSnapshot(params.textDocument.uri);
      return snapshot ? provideInlayHints(snapshot, params.range, await workspace.settingsFor(params.textDocument.uri)) : [];
    }),
  );

  registerEditorFeatures({ connection, workspace, tokenizers: basePool, guard, pulled: () => pulled, opening });

  // ---- promptbound's own messages (server/protocol.ts) ---------------------------------------------------------

  connection.onRequest(
    DocumentStatsRequest,
    guard('stats', null, (params) => (isUriParams(params) ? workspace.statsFor(params.uri) : null)),
  );
  connection.onRequest(
    CountTextRequest,
    guard('countText', null, (params) =>
      isUriParams(params) && typeof params.text === 'string' ? countText(workspace, basePool, params.uri, params.text) : null,
    ),
  );
  connection.onRequest(
    ValidateCompletionRequest,
    guard('validateCompletion', null, (params) =>
      isUriParams(params) && typeof params.text === 'string' ? validateCompletion(workspace, basePool, params.uri, params.text) : null,
    ),
  );
  connection.onRequest(
    ModelsRequest,
    guard('models', [], async (params) => {
      const uri = typeof params?.uri === 'string' ? params.uri : undefined;
      return modelTable(uri ? (await workspace.configFor(uri)).config.models : []);
    }),
  );
  connection.onNotification(
    SetModelOverrideNotification,
    guard('setModelOverride', undefined, async (params) => {
      if (!isUriParams(params)) return;
      await workspace.setModelOverride(params.uri, typeof params.model === 'string' ? params.model : undefined);
      await refreshLenses(); // the section counts shown changed without an edit
    }),
  );
  connection.onRequest(
    LintWorkspaceRequest,
    guard('lintWorkspace', { files: 0, errors: 0, warnings: 0, infos: 0 }, (params) =>
      workspace.lintFiles(Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string') : []),
    ),
  );

  documents.listen(connection);
  connection.listen();
  return workspace;
}

/** The outline, links, definitions, folding, pull diagnostics and the preview (server/features), advertised together. */
function editorCapabilities(pullDiagnostics: boolean): ServerCapabilities {
  return {
    documentSymbolProvider: { label: SERVER_NAME },
    documentLinkProvider: { resolveProvider: false },
    definitionProvider: true,
    foldingRangeProvider: true,
    // Samples get diagnostics from their prompt (inter-file); closed files linted by Lint workspace come through workspace/diagnostic.
    ...(pullDiagnostics ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: true, workspaceDiagnostics: true } } : {}),
  };
}

type Guard = <P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>) => (...args: P) => Promise<R>;

interface EditorFeatureContext {
  connection: Connection;
  workspace: PromptWorkspace;
  tokenizers: TokenizerPool;
  guard: Guard;
  pulled(): PulledDiagnostics | undefined;
  opening: ReadonlyMap<string, Promise<void>>;
}

function registerEditorFeatures({ connection, workspace, tokenizers, guard, pulled, opening }: EditorFeatureContext): void {
  /** A prompt's snapshot as the document is now, once its didOpen has been handled; undefined for other files. */
  const promptSnapshot = async (uri: string) => {
    await opening.get(canonicalUri(uri));
    return workspace.isPrompt(uri) ? workspace.freshSnapshot(uri) : undefined;
  };
  connection.onDocumentSymbol(
    guard('documentSymbol', null, async (params) => {
      const snapshot = await promptSnapshot(params.textDocument.uri);
      return snapshot ? documentSymbols(snapshot) : null;
    }),
  );
  connection.onFoldingRanges(
    guard('foldingRange', null, async (params) => {
      const snapshot = await promptSnapshot(params.textDocument.uri);
      return snapshot ? foldingRanges(snapshot) : null;
    }),
  );
  connection.onDocumentLinks(
    guard('documentLink', null, async (params) => {
      const snapshot = await promptSnapshot(params.textDocument.uri);
      return snapshot ? documentLinks(snapshot, workspace.files) : null;
    }),
  );
  connection.onDefinition(
    guard('definition', null, async (params) => {
      const snapshot = await promptSnapshot(params.textDocument.uri);
      return snapshot ? definitionAt(snapshot, params.position) : null;
    }),
  );
  connection.languages.diagnostics.on(
    guard('diagnostic', { kind: 'full', items: [] } as DocumentDiagnosticReport, async (params) => {
      const store = pulled();
      if (!store) return { kind: 'full', items: [] };
      const uri = params.textDocument.uri;
      // A prompt is linted as it is now; a sample, by the prompts that check it.
      if (!(await promptSnapshot(uri))) await workspace.freshPromptsOfSample(uri);
      return store.document(uri, params.previousResultId);
    }),
  );
  connection.languages.diagnostics.onWorkspace(
    guard('workspaceDiagnostic', { items: [] } as WorkspaceDiagnosticReport, async (params) => {
      const store = pulled();
      await Promise.all(workspace.openPrompts().map((uri) => workspace.freshSnapshot(uri)));
      return { items: store ? store.workspace(params.previousResultIds ?? []) : [] };
    }),
  );
  connection.onRequest(
    PreviewRequest,
    guard('preview', null, async (params) => {
      if (!isUriParams(params)) return null;
      const snapshot = await promptSnapshot(params.uri);
      return snapshot ? renderPreview(snapshot, typeof params.set === 'number' ? params.set : undefined, tokenizers, workspace.files) : null;
    }),
  );
}

function isUriParams(params: unknown): params is { uri: string } {
  return typeof params === 'object' && params !== null && typeof (params as { uri?: unknown }).uri === 'string';
}

/** "Create sample from schema" and "Infer schema from sample" need `documentChanges` with `create` resource operations. */
function canCreateFiles(capabilities: ClientCapabilities): boolean {
  const edit = capabilities.workspace?.workspaceEdit;
  return edit?.documentChanges === true && (edit.resourceOperations ?? []).includes('create');
}

function createsFiles(action: CodeAction): boolean {
  return (action.edit?.documentChanges ?? []).some((change) => 'kind' in change && change.kind === 'create');
}
