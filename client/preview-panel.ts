// The rendered-preview webview: one panel per session showing a prompt rendered by the server (promptbound/preview),
// asked again after each lint of that prompt (its DocumentStatsNotification), so it follows typing.
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PreviewRequest, type DocumentStatsPayload, type PreviewParams } from '../server/protocol';
import { previewHtml } from './preview-html';
import { PromptWebviewPanel } from './webview-panel';

export const PREVIEW_VIEW_TYPE = 'promptbound.preview';

export class PreviewPanel extends PromptWebviewPanel {
  /** The chosen variables set, per prompt. */
  private readonly sets = new Map<string, number>();
  /** Requests are numbered so a slow answer never replaces a newer one. */
  private sequence = 0;

  constructor(private readonly client: () => BaseLanguageClient | undefined) {
    super({ viewType: PREVIEW_VIEW_TYPE, title: 'Prompt preview', titlePrefix: 'Preview', enableScripts: true });
  }

  async show(uri: string): Promise<void> {
    this.open(uri);
    await this.refresh();
  }

  /** The page's variables-set picker posts `{set}`. */
  protected override created(panel: vscode.WebviewPanel): void {
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const set = (message as { set?: unknown } | null)?.set;
      if (this.uri && typeof set === 'number' && Number.isInteger(set)) {
        this.sets.set(this.uri, set);
        void this.refresh();
      }
    });
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
    this.render(uri, (page) =>
      result
        ? previewHtml(result, page)
        : `<!DOCTYPE html><html><body><p>${page.title} is not a prompt file promptbound reads.</p></body></html>`,
    );
  }
}
