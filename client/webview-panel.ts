// What the prompt webviews (token breakdown, rendered preview) share: one panel beside the editor, revealed rather than
// opened twice, following one prompt, with a fresh script nonce and the file's name in its title on each render.
import * as vscode from 'vscode';

/** What a page's HTML is built with: the webview's CSP source, a fresh nonce, and the prompt's file name. */
export interface PageContext {
  cspSource: string;
  nonce: string;
  title: string;
}

export interface PanelKind {
  viewType: string;
  /** The panel's title before a prompt is shown, and the prefix of `<prefix>: <file name>` after. */
  title: string;
  titlePrefix: string;
  enableScripts: boolean;
}

export abstract class PromptWebviewPanel implements vscode.Disposable {
  protected panel: vscode.WebviewPanel | undefined;
  /** The prompt shown. */
  protected uri: string | undefined;

  constructor(private readonly kind: PanelKind) {}

  /** Opens (or reveals, keeping focus in the editor) the panel on `uri`. */
  protected open(uri: string): void {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        this.kind.viewType,
        this.kind.title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: this.kind.enableScripts, localResourceRoots: [] },
      );
      this.panel = panel;
      this.created(panel);
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.uri = uri;
  }

  /** A new panel, for wiring its messages. */
  protected created(_panel: vscode.WebviewPanel): void {}

  /** Titles the panel after `uri`'s file and sets the page `html` builds. */
  protected render(uri: string, html: (page: PageContext) => string): void {
    if (!this.panel) return;
    const title = fileName(uri);
    this.panel.title = `${this.kind.titlePrefix}: ${title}`;
    this.panel.webview.html = html({ cspSource: this.panel.webview.cspSource, nonce: nonce(), title });
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
