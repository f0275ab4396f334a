// The rendered-preview webview: one panel per session showing a prompt rendered by the server (promptbound/preview),
// asked again after each lint of that prompt (its DocumentStatsNotification), so it follows typing.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PreviewRequest, type DocumentStatsPayload, type PreviewParams } from '../server/protocol';
import { previewHtml } from './preview-html';

export const PREVIEW_VIEW_TYPE = 'promptbound.preview';

export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  /** The chosen variables set, per prompt. */
  private readonly sets = new Map<string, number>();
  /** Requests are numbered so a slow answer never replaces a newer one. */
  private sequence = 0;

  constructor(private readonly client: () => BaseLanguageClient | undefined) {}

  async show(uri: string): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        'Prompt preview',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [],
        },
      );
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        const set = (message as { set?: unknown } | null)?.set;
        if (this.uri && typeof set === 'number' && Number.isInteger(set)) {
          this.sets.set(this.uri, set);
          void this.refresh();
        }
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.uri = uri;
    await this.refresh();
  }

  /** A fresh lint of the shown prompt (an edit, a picked model): render again. */
  update(stats: DocumentStatsPayload): void {
    if (this.panel && stats.uri === this.uri) void this.refresh();
  }

  private async refresh(): Promise<void> {
    const client = this.client();
    const uri = this.uri;
    if (!this.panel || !uri || !client?.isRunning()) return;
    const ticket = ++this.sequence;
    const params: PreviewParams = { uri, set: this.sets.get(uri) };
    const result = await client.sendRequest(PreviewRequest, params);
    if (!this.panel || ticket !== this.sequence || uri !== this.uri) return;
    const name = fileName(uri);
    this.panel.title = `Preview: ${name}`;
    if (!result) {
      this.panel.webview.html = `<!DOCTYPE html><html><body><p>${name} is not a prompt file promptbound reads.</p></body></html>`;
      return;
    }
    this.panel.webview.html = previewHtml(result, { cspSource: this.panel.webview.cspSource, nonce: nonce(), title: name });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function fileName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || uri;
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
