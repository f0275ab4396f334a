// The token-breakdown webview: one panel showing a prompt's chart, redrawn on each fresh DocumentStatsNotification.
import * as vscode from 'vscode';
import type { DocumentStatsPayload } from '../server/protocol';
import { breakdownHtml } from './breakdown-chart';

export const BREAKDOWN_VIEW_TYPE = 'promptbound.tokenBreakdown';

export class BreakdownPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private version = -1;

  /** Opens (or reveals) the panel on `stats`' prompt. */
  show(stats: DocumentStatsPayload): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        BREAKDOWN_VIEW_TYPE,
        'Token breakdown',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: false,
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.uri = stats.uri;
    this.version = -1;
    this.render(stats);
  }

  /** A DocumentStatsNotification: redraw when it is the shown prompt's. */
  update(stats: DocumentStatsPayload): void {
    if (this.panel && stats.uri === this.uri && stats.version >= this.version) this.render(stats);
  }

  private render(stats: DocumentStatsPayload): void {
    if (!this.panel) return;
    this.version = stats.version;
    const name = fileName(stats.uri);
    this.panel.title = `Token breakdown: ${name}`;
    this.panel.webview.html = breakdownHtml(stats, { cspSource: this.panel.webview.cspSource, nonce: nonce(), title: name });
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
