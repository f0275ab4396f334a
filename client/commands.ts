// The promptbound commands (ids in server/protocol.ts): thin wrappers that ask the server and show its answer.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  Commands,
  CountTextRequest,
  DocumentStatsRequest,
  LintWorkspaceRequest,
  ModelsRequest,
  SetModelOverrideNotification,
  ValidateCompletionRequest,
  type DocumentStatsPayload,
} from '../server/protocol';
import type { BreakdownPanel } from './breakdown-panel';
import type { PreviewPanel } from './preview-panel';
import { formatCount, formatWindow, plural } from './format';
import { validationReport } from './validation-report';
import { globFiles } from './workspace-files';
import { workspaceTree } from './file-requests';
import { DEFAULT_PROMPT_GLOBS } from './selector';

export interface CommandContext {
  client(): BaseLanguageClient | undefined;
  breakdown: BreakdownPanel;
  preview: PreviewPanel;
  /** The "promptbound: completion checks" channel. */
  output: vscode.OutputChannel;
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (error) {
        void vscode.window.showErrorMessage(`promptbound: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  return [
    register(Commands.selectModel, (uri?: unknown) => selectModel(ctx, targetUri(uri))),
    register(Commands.countSelection, () => countSelection(ctx)),
    register(Commands.validateClipboard, async () =>
      validate(ctx, 'Clipboard', activeUriOrThrow(), await vscode.env.clipboard.readText()),
    ),
    register(Commands.validateSelection, (uri?: unknown, text?: unknown) => validateSelection(ctx, uri, text)),
    register(Commands.lintWorkspace, () => lintWorkspace(ctx)),
    register(Commands.showTokenBreakdown, (uri?: unknown) => showTokenBreakdown(ctx, targetUri(uri))),
    register(Commands.showPreview, (uri?: unknown) => showPreview(ctx, targetUri(uri))),
  ];
}

function client(ctx: CommandContext): BaseLanguageClient {
  const current = ctx.client();
  if (!current || !current.isRunning()) throw new Error('the language server is not running yet.');
  return current;
}

/** A uri argument (string from a code lens or code action, Uri from a menu), else the active editor's document. */
function targetUri(arg: unknown): string {
  if (typeof arg === 'string' && arg !== '') return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  return activeUriOrThrow();
}

function activeUriOrThrow(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a prompt file first.');
  return editor.document.uri.toString();
}

async function statsOf(ctx: CommandContext, uri: string): Promise<DocumentStatsPayload> {
  const stats = await client(ctx).sendRequest(DocumentStatsRequest, { uri });
  if (!stats) throw new Error(`${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))} is not an open prompt file.`);
  return stats;
}

interface ModelPick extends vscode.QuickPickItem {
  model: string | undefined;
}

async function selectModel(ctx: CommandContext, uri: string): Promise<void> {
  const [models, stats] = await Promise.all([client(ctx).sendRequest(ModelsRequest, { uri }), statsOf(ctx, uri)]);
  const own: ModelPick = {
    label: "$(file) Use the file's own model",
    description: stats.modelSource === 'override' ? 'clears the pick made here' : `now: ${stats.model}`,
    model: undefined,
  };
  const items: ModelPick[] = [
    own,
    { label: 'models', kind: vscode.QuickPickItemKind.Separator, model: undefined },
    ...models.map((m) => ({
      label: m.id,
      description: `${formatWindow(m.context)} window · ${formatWindow(m.output)} output · ${m.encoding}${m.tokenizer === 'approximate' ? ' · ≈ approximate' : ''}`,
      detail: m.family,
      model: m.id,
    })),
  ];
  const picker = vscode.window.createQuickPick<ModelPick>();
  picker.title = `Model for ${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))}`;
  picker.placeholder = `Count and budget this prompt as… (now ${stats.model})`;
  picker.matchOnDescription = true;
  picker.items = items;
  const current = items.find((item) => item.model !== undefined && item.model === stats.model);
  if (current) picker.activeItems = [current];
  const picked = await new Promise<ModelPick | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (!picked) return;
  client(ctx).sendNotification(SetModelOverrideNotification, { uri, model: picked.model });
}

async function countSelection(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selections.every((s) => s.isEmpty)) throw new Error('select some text first.');
  const text = editor.selections
    .filter((s) => !s.isEmpty)
    .map((s) => editor.document.getText(s))
    .join('\n');
  const uri = editor.document.uri.toString();
  const result = await client(ctx).sendRequest(CountTextRequest, { uri, text });
  if (!result) throw new Error(`${vscode.workspace.asRelativePath(editor.document.uri)} is not an open prompt file.`);
  void vscode.window.showInformationMessage(
    `Selection: ${formatCount(result.tokens, result.approximate)} tokens (${result.model}).`,
  );
}

async function validateSelection(ctx: CommandContext, uriArg: unknown, textArg: unknown): Promise<void> {
  if (typeof uriArg === 'string' && typeof textArg === 'string') return validate(ctx, 'Selection', uriArg, textArg);
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) throw new Error('select the completion text first.');
  return validate(ctx, 'Selection', editor.document.uri.toString(), editor.document.getText(editor.selection));
}

async function validate(ctx: CommandContext, source: string, uri: string, text: string): Promise<void> {
  if (text.trim() === '') throw new Error(`${source.toLowerCase()} is empty: copy a model's completion first.`);
  const result = await client(ctx).sendRequest(ValidateCompletionRequest, { uri, text });
  if (!result)
    throw new Error(`${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))} is neither a prompt nor one of its sample files.`);
  const report = validationReport(result, source);
  ctx.output.appendLine(`[${new Date().toLocaleTimeString()}] ${report.lines[0]}`);
  for (const line of report.lines.slice(1)) ctx.output.appendLine(line);
  ctx.output.appendLine('');
  const show =
    report.severity === 'error'
      ? vscode.window.showErrorMessage
      : report.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  const action = await show(report.message, 'Show Details');
  if (action === 'Show Details') ctx.output.show(true);
}

/** Bounds for the fallback walk (web file systems without a search provider). */
const WORKSPACE_WALK = { entries: 100_000, depth: 32 };

async function lintWorkspace(ctx: CommandContext): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error('open a folder first.');
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'promptbound: linting prompt files…', cancellable: false },
    async () => {
      const uris = await findPromptFiles(folders);
      return client(ctx).sendRequest(LintWorkspaceRequest, { uris });
    },
  );
  const problems = [
    `${plural(result.errors, 'error')}`,
    `${plural(result.warnings, 'warning')}`,
    `${plural(result.infos, 'info')}`,
  ].join(', ');
  const message = `promptbound: linted ${plural(result.files, 'prompt file')}: ${problems}.`;
  const show =
    result.errors > 0
      ? vscode.window.showErrorMessage
      : result.warnings > 0
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  if ((await show(message, 'Show Problems')) === 'Show Problems')
    await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** The docs/design/interop.md globs plus `promptbound.files`, per folder; node_modules never. */
async function findPromptFiles(folders: readonly vscode.WorkspaceFolder[]): Promise<string[]> {
  const found = new Set<string>();
  for (const folder of folders) {
    const extra = vscode.workspace.getConfiguration('promptbound', folder.uri).get<string[]>('files', []);
    const globs = [...DEFAULT_PROMPT_GLOBS, ...extra.filter((g) => typeof g === 'string' && g.trim() !== '')];
    let uris: vscode.Uri[] = [];
    try {
      uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `{${globs.join(',')}}`), '**/node_modules/**');
    } catch {
      uris = [];
    }
    // Some virtual file systems have no search provider: walk them instead.
    if (uris.length === 0) uris = await globFiles(workspaceTree, folder.uri, globs, WORKSPACE_WALK);
    for (const uri of uris) found.add(uri.toString());
  }
  return [...found].sort();
}

async function showTokenBreakdown(ctx: CommandContext, uri: string): Promise<void> {
  ctx.breakdown.show(await statsOf(ctx, uri));
}

async function showPreview(ctx: CommandContext, uri: string): Promise<void> {
  client(ctx);
  await ctx.preview.show(uri);
}
