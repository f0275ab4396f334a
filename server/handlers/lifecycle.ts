// initialize / initialized: what the server offers, what the client can do, and the registrations that follow.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { PulledDiagnostics, usesPullDiagnostics } from '../features/pull-diagnostics';
import { isRecord } from '../../core/plain-data';
import { canonicalUri } from '../uris';
import type { ServerContext } from './context';

export const SERVER_NAME = 'promptbound';

/** Characters after which frontmatter completion is offered (`model: `, list items, a new key after indentation). */
export const COMPLETION_TRIGGERS = [':', ' ', '-'];

/** Files whose change on disk can change a lint: configs, schemas, samples (a prompt's own file is reported by its editor). */
const WATCHED_GLOB = '**/*.{yaml,yml,json,jsonl,txt,md,prompt,prompty}';

/** Only an explicit `workspaceTrusted: false` restricts: Neovim and other clients have no notion of trust. */
function workspaceTrusted(options: unknown): boolean {
  return !(isRecord(options) && options.workspaceTrusted === false);
}

export function registerLifecycle(ctx: ServerContext): void {
  const { connection, session, guard, fire, workspace } = ctx;
  connection.onInitialize((params): InitializeResult => {
    session.capabilities = params.capabilities ?? {};
    session.roots = (params.workspaceFolders ?? []).map((f) => canonicalUri(f.uri));
    if (session.roots.length === 0 && params.rootUri) session.roots = [canonicalUri(params.rootUri)];
    const pull = usesPullDiagnostics(session.capabilities, params.initializationOptions);
    session.trusted = workspaceTrusted(params.initializationOptions);
    if (pull) {
      session.pulled = new PulledDiagnostics(async () => {
        if (session.capabilities.workspace?.diagnostics?.refreshSupport) await connection.languages.diagnostics.refresh();
      });
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.Source],
          resolveProvider: false,
        },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        ...editorCapabilities(pull),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      // The constraint detectors' patterns are compiled now, in small steps, rather than by the first lint.
      void workspace.warmUp();
      const { capabilities } = session;
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'promptbound' });
      }
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        const watchers = [{ globPattern: WATCHED_GLOB }, { globPattern: '**/.promptbound.{yaml,yml,json}' }];
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((f) => canonicalUri(f.uri)));
          session.roots = [...session.roots.filter((r) => !removed.has(r)), ...event.added.map((f) => canonicalUri(f.uri))];
          fire('workspace folders', () => workspace.settingsChanged());
        });
      }
    }),
  );
}

/** The outline, links, definitions, folding and pull diagnostics (server/features), advertised together. */
function editorCapabilities(pullDiagnostics: boolean): ServerCapabilities {
  return {
    documentSymbolProvider: { label: SERVER_NAME },
    documentLinkProvider: { resolveProvider: false },
    definitionProvider: true,
    foldingRangeProvider: true,
    // Samples get diagnostics from their prompt (inter-file); closed files linted by Lint workspace come through workspace/diagnostic.
    ...(pullDiagnostics
      ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: true, workspaceDiagnostics: true } }
      : {}),
  };
}
