// The standard language features over one linted document (server/features): hover, completion, code actions,
// code lenses, inlay hints, the outline, links, definitions, folding and pull diagnostics.
import type {
  CancellationToken,
  ClientCapabilities,
  CodeAction,
  DocumentDiagnosticReport,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import {
  provideCodeActions,
  provideCodeLenses,
  provideCompletion,
  provideHover,
  provideInlayHints,
  type CodeActionHost,
} from '../features/index';
import { definitionAt } from '../features/definition';
import { foldingRanges } from '../features/folding';
import { documentLinks } from '../features/links';
import { documentSymbols } from '../features/symbols';
import { isLinted } from '../snapshot';
import { canonicalUri } from '../uris';
import type { ServerContext } from './context';

export function registerLanguageFeatures(ctx: ServerContext): void {
  const { connection, workspace, documents, session, guard } = ctx;
  const codeActionHost: CodeActionHost = {
    snapshotFor: (uri) => workspace.snapshotFor(uri),
    promptsOfSample: (uri) => workspace.promptsOfSample(uri),
  };
  // Hover, completion, lenses, hints and the outline answer at once from what is known while a large prompt is
  // counted (`quickSnapshot`, docs/editor-performance.md "Never blocking"); a cancelled request stops waiting.
  connection.onHover(
    guard('hover', null, async (params, token) => {
      const snapshot = await workspace.quickSnapshot(params.textDocument.uri, token);
      return snapshot ? provideHover(snapshot, params.position) : null;
    }),
  );
  connection.onCompletion(
    guard('completion', [], async (params, token) => {
      const snapshot = await workspace.quickSnapshot(params.textDocument.uri, token);
      return snapshot ? provideCompletion(snapshot, params.position) : [];
    }),
  );
  connection.onCodeAction(
    guard('codeAction', [], async (params, token) => {
      const uri = params.textDocument.uri;
      const snapshot = workspace.isPrompt(uri) ? await workspace.freshSnapshot(uri, token) : undefined;
      if (!snapshot) await workspace.freshPromptsOfSample(uri);
      const textDocument = snapshot?.textDocument ?? documents.get(uri);
      const actions = textDocument ? provideCodeActions(textDocument, snapshot, params, codeActionHost) : [];
      return canCreateFiles(session.capabilities) ? actions : actions.filter((action) => !createsFiles(action));
    }),
  );
  // Without counts yet there is nothing to show: the client is asked to refresh them once the lint is done.
  connection.onCodeLens(
    guard('codeLens', [], async (params, token) => {
      const uri = params.textDocument.uri;
      const snapshot = await workspace.quickSnapshot(uri, token);
      if (snapshot && !isLinted(snapshot)) workspace.lensesAnsweredEarly(uri);
      return snapshot && isLinted(snapshot) ? provideCodeLenses(snapshot, await workspace.settingsFor(uri)) : [];
    }),
  );
  connection.languages.inlayHint.on(
    guard('inlayHint', [], async (params, token) => {
      const uri = params.textDocument.uri;
      const snapshot = await workspace.quickSnapshot(uri, token);
      if (snapshot && !isLinted(snapshot)) workspace.lensesAnsweredEarly(uri);
      return snapshot && isLinted(snapshot) ? provideInlayHints(snapshot, params.range, await workspace.settingsFor(uri)) : [];
    }),
  );
  registerNavigation(ctx);
}

/** A prompt's snapshot as the document is now, once its didOpen has been handled; undefined for other files. */
export function promptSnapshotOf(ctx: ServerContext) {
  return async (uri: string) => {
    await ctx.session.opening.get(canonicalUri(uri));
    return ctx.workspace.isPrompt(uri) ? ctx.workspace.freshSnapshot(uri) : undefined;
  };
}

/** Outline, folding, links, definitions and pull diagnostics. */
function registerNavigation(ctx: ServerContext): void {
  const { connection, workspace, session, guard } = ctx;
  const promptSnapshot = promptSnapshotOf(ctx);
  // What is known of a prompt now (its parsed document at least), without waiting for its counts.
  const parsedPrompt = async (uri: string, token: CancellationToken) => {
    const snapshot = await workspace.quickSnapshot(uri, token);
    return snapshot && workspace.isPrompt(uri) ? snapshot : undefined;
  };
  connection.onDocumentSymbol(
    guard('documentSymbol', null, async (params, token) => {
      const snapshot = await parsedPrompt(params.textDocument.uri, token);
      return snapshot ? documentSymbols(snapshot) : null;
    }),
  );
  connection.onFoldingRanges(
    guard('foldingRange', null, async (params, token) => {
      const snapshot = await parsedPrompt(params.textDocument.uri, token);
      return snapshot ? foldingRanges(snapshot) : null;
    }),
  );
  connection.onDocumentLinks(
    guard('documentLink', null, async (params, token) => {
      const snapshot = await parsedPrompt(params.textDocument.uri, token);
      return snapshot ? documentLinks(snapshot, workspace.files) : null;
    }),
  );
  connection.onDefinition(
    guard('definition', null, async (params, token) => {
      const snapshot = await parsedPrompt(params.textDocument.uri, token);
      return snapshot ? definitionAt(snapshot, params.position) : null;
    }),
  );
  const emptyReport: DocumentDiagnosticReport = { kind: 'full', items: [] };
  connection.languages.diagnostics.on(
    guard('diagnostic', emptyReport, async (params) => {
      const store = session.pulled;
      if (!store) return emptyReport;
      const uri = params.textDocument.uri;
      // A prompt is linted as it is now; a sample, by the prompts that check it.
      if (!(await promptSnapshot(uri))) await workspace.freshPromptsOfSample(uri);
      return store.document(uri, params.previousResultId);
    }),
  );
  const emptyWorkspace: WorkspaceDiagnosticReport = { items: [] };
  connection.languages.diagnostics.onWorkspace(
    guard('workspaceDiagnostic', emptyWorkspace, async (params) => {
      const store = session.pulled;
      await Promise.all(workspace.openPrompts().map((uri) => workspace.freshSnapshot(uri)));
      return { items: store ? store.workspace(params.previousResultIds ?? []) : [] };
    }),
  );
}

/** "Create sample from schema" and "Infer schema from sample" need `documentChanges` with `create` resource operations. */
function canCreateFiles(capabilities: ClientCapabilities): boolean {
  const edit = capabilities.workspace?.workspaceEdit;
  return edit?.documentChanges === true && (edit.resourceOperations ?? []).includes('create');
}

function createsFiles(action: CodeAction): boolean {
  return (action.edit?.documentChanges ?? []).some((change) => 'kind' in change && change.kind === 'create');
}
