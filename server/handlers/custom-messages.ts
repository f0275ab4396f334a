// promptbound's own requests and notifications (server/protocol.ts): stats, counts, validation, the model table, the
// model pick, Lint workspace and the rendered preview.
import {
  CountTextRequest,
  DocumentStatsRequest,
  LintWorkspaceRequest,
  ModelsRequest,
  PreviewRequest,
  SetModelOverrideNotification,
  ValidateCompletionRequest,
} from '../protocol';
import { renderPreview } from '../features/preview';
import { countText, modelTable, validateCompletion } from '../requests';
import { isUriParams, type ServerContext } from './context';
import { promptSnapshotOf } from './language-features';

export function registerCustomMessages(ctx: ServerContext): void {
  const { connection, workspace, basePool, guard } = ctx;
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
      isUriParams(params) && typeof params.text === 'string'
        ? validateCompletion(workspace, basePool, params.uri, params.text)
        : null,
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
      await ctx.refreshLenses(); // the section counts shown changed without an edit
    }),
  );
  connection.onRequest(
    LintWorkspaceRequest,
    guard('lintWorkspace', { files: 0, errors: 0, warnings: 0, infos: 0 }, (params) =>
      workspace.lintFiles(Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string') : []),
    ),
  );
  const promptSnapshot = promptSnapshotOf(ctx);
  connection.onRequest(
    PreviewRequest,
    guard('preview', null, async (params) => {
      if (!isUriParams(params)) return null;
      const snapshot = await promptSnapshot(params.uri);
      const set = typeof params.set === 'number' ? params.set : undefined;
      return snapshot ? renderPreview(snapshot, set, basePool, workspace.files) : null;
    }),
  );
}
