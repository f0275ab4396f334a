// Document and workspace events: open, change, save, close, settings and files changed on disk, each handed to the
// PromptWorkspace, which schedules the lints.
import { canonicalUri } from '../uris';
import type { ServerContext } from './context';

export function registerDocumentSync(ctx: ServerContext): void {
  const { connection, documents, workspace, settings, session, guard, fire } = ctx;
  // Both fire for an opened document; the version tells the second apart.
  const handledVersion = new Map<string, number>();
  documents.onDidOpen((event) => {
    const uri = canonicalUri(event.document.uri);
    session.spellings.set(uri, event.document.uri);
    handledVersion.set(uri, event.document.version);
    const opened = guard('didOpen', undefined, () => workspace.opened(event.document))();
    session.opening.set(uri, opened);
    void opened.then(() => session.opening.get(uri) === opened && session.opening.delete(uri));
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
    session.spellings.delete(uri);
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (params) => {
      settings.changed(params.settings);
      await workspace.settingsChanged();
      await ctx.refreshLenses();
    }),
  );
  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => workspace.filesChanged(params.changes.map((c) => c.uri))),
  );
}
