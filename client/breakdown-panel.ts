// The token-breakdown webview: one panel showing a prompt's chart, redrawn on each fresh DocumentStatsNotification.
import type { DocumentStatsPayload } from '../server/protocol';
import { breakdownHtml } from './breakdown-chart';
import { PromptWebviewPanel } from './webview-panel';

export const BREAKDOWN_VIEW_TYPE = 'promptbound.tokenBreakdown';

export class BreakdownPanel extends PromptWebviewPanel {
  private version = -1;

  /**
   * `fetchStats` asks the server for a prompt's whole stats (`promptbound/stats`): a notification of a prompt with
   * thousands of sections leaves them out (`sectionsOmitted`), and the chart needs them.
   */
  constructor(private readonly fetchStats?: (uri: string) => Promise<DocumentStatsPayload | null | undefined>) {
    super({ viewType: BREAKDOWN_VIEW_TYPE, title: 'Token breakdown', titlePrefix: 'Token breakdown', enableScripts: false });
  }

  /** Opens (or reveals) the panel on `stats`' prompt. */
  show(stats: DocumentStatsPayload): void {
    this.open(stats.uri);
    this.version = -1;
    this.draw(stats);
  }

  /** A DocumentStatsNotification: redraw when it is the shown prompt's. */
  update(stats: DocumentStatsPayload): void {
    if (!this.panel || stats.uri !== this.uri || stats.version < this.version) return;
    if (stats.sectionsOmitted === undefined) this.draw(stats);
    else if (this.fetchStats) void this.fetchAndDraw(stats.uri);
  }

  private async fetchAndDraw(uri: string): Promise<void> {
    const stats = await this.fetchStats!(uri).catch(() => undefined);
    if (stats && this.panel && stats.uri === this.uri && stats.version >= this.version) this.draw(stats);
  }

  private draw(stats: DocumentStatsPayload): void {
    if (!this.panel) return;
    this.version = stats.version;
    this.render(stats.uri, (page) => breakdownHtml(stats, page));
  }
}
