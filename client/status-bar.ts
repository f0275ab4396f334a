// The status bar item: the active prompt's tokens against its window, coloured by budget state; click picks a model.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  Commands,
  CountTextRequest,
  DocumentStatsRequest,
  type CountTextResult,
  type DocumentStatsPayload,
} from '../server/protocol';
import { displayState, statusText, tooltipMarkdown } from './format';

/** Selection changes arrive per keystroke while dragging; count after the drag settles. */
const SELECTION_DELAY_MS = 150;

export class PromptStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptbound.status', vscode.StatusBarAlignment.Right, 100);
  /** The newest stats the server sent or answered, by document uri. */
  private readonly stats = new Map<string, DocumentStatsPayload>();
  private selection: { uri: string; result: CountTextResult } | undefined;
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every editor or selection change, so a late answer for an old one is dropped. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => BaseLanguageClient | undefined) {
    this.item.name = 'promptbound';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.scheduleSelectionCount();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.stats.delete(document.uri.toString())),
    );
  }

  /** The latest stats for a document, for commands and the breakdown panel. */
  statsFor(uri: string): DocumentStatsPayload | undefined {
    return this.stats.get(uri);
  }

  /** A DocumentStatsNotification: remember it, and show it when it is the active editor's. */
  update(payload: DocumentStatsPayload): void {
    const known = this.stats.get(payload.uri);
    if (known && known.version > payload.version) return; // a stale lint finishing late
    this.stats.set(payload.uri, payload);
    if (payload.uri === activeUri()) this.render();
  }

  /** Asks the server for the active editor's stats (editor switch, server (re)start, model override). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.selection = undefined;
    const uri = activeUri();
    const client = this.client();
    if (!uri || !client) return this.render();
    this.render(); // cached stats show at once; the answer below replaces them
    let payload: DocumentStatsPayload | null = null;
    try {
      payload = await client.sendRequest(DocumentStatsRequest, { uri });
    } catch {
      return; // server restarting: the next notification fills the item in
    }
    if (generation !== this.generation) return;
    if (payload) this.update(payload);
    else {
      this.stats.delete(uri);
      this.render();
    }
    this.scheduleSelectionCount();
  }

  private scheduleSelectionCount(): void {
    clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(() => void this.countSelection(), SELECTION_DELAY_MS);
  }

  private async countSelection(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    const client = this.client();
    const uri = editor?.document.uri.toString();
    const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    if (!editor || !client || !uri || text === '' || !this.stats.has(uri)) {
      if (this.selection) {
        this.selection = undefined;
        this.render();
      }
      return;
    }
    try {
      const result = await client.sendRequest(CountTextRequest, { uri, text });
      if (generation !== this.generation) return;
      this.selection = result ? { uri, result } : undefined;
    } catch {
      this.selection = undefined;
    }
    this.render();
  }

  private render(): void {
    const uri = activeUri();
    const stats = uri ? this.stats.get(uri) : undefined;
    if (!stats) {
      this.item.hide();
      return;
    }
    const selection = this.selection && this.selection.uri === uri ? this.selection.result : undefined;
    this.item.text = statusText(stats, selection);
    const tooltip = new vscode.MarkdownString(tooltipMarkdown(stats, selection), true);
    this.item.tooltip = tooltip;
    // With several targets the colour is the tightest target's, like the text.
    const state = displayState(stats);
    this.item.backgroundColor =
      state === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : state === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = {
      label: `promptbound: ${this.item.text}${state === 'ok' ? '' : ` (${state === 'error' ? 'over budget' : 'near the limit'})`}`,
    };
    this.item.command = { title: 'Select model', command: Commands.selectModel, arguments: [uri] };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.selectionTimer);
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function activeUri(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.toString();
}
