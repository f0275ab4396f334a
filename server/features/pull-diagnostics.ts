// Pull diagnostics (textDocument/diagnostic, workspace/diagnostic) for clients that ask for them. The server lints
// exactly as in push mode; what would be published is kept here instead, with a result id per document, and the
// client is asked to pull again (workspace/diagnostic/refresh). A document is never both pushed and pulled:
// the server picks one mode at initialize (docs/lsp.md, "Diagnostics: push or pull").
import type {
  ClientCapabilities,
  Diagnostic,
  DocumentDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
  PreviousResultId,
} from 'vscode-languageserver';
import type { InitializationOptions } from '../protocol';
import { canonicalUri } from '../uris';

interface StoredReport {
  /** The spelling the client used for the uri. */
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
  resultId: string;
}

/** Pull when the client supports `textDocument/diagnostic` and did not ask for push. */
export function usesPullDiagnostics(capabilities: ClientCapabilities, options: unknown): boolean {
  const wanted = (options as InitializationOptions | null | undefined)?.diagnostics;
  return capabilities.textDocument?.diagnostic !== undefined && wanted !== 'push';
}

export class PulledDiagnostics {
  private readonly reports = new Map<string, StoredReport>();
  private sequence = 0;
  private refreshQueued = false;

  /** `refresh` sends workspace/diagnostic/refresh (when the client supports it); calls are coalesced. */
  constructor(private readonly refresh: () => Promise<void>) {}

  /** What push mode would have published for `uri`. */
  set(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    this.reports.set(canonicalUri(uri), { uri, version, diagnostics, resultId: String(++this.sequence) });
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    void Promise.resolve().then(async () => {
      this.refreshQueued = false;
      await this.refresh().catch(() => undefined);
    });
  }

  document(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const report = this.reports.get(canonicalUri(uri));
    if (!report) return { kind: 'full', resultId: `empty-${this.sequence}`, items: [] };
    if (previousResultId === report.resultId) return { kind: 'unchanged', resultId: report.resultId };
    return { kind: 'full', resultId: report.resultId, items: report.diagnostics };
  }

  /** Every document with a report; those the client already has at this result id are `unchanged`. */
  workspace(previous: readonly PreviousResultId[]): WorkspaceDocumentDiagnosticReport[] {
    const known = new Map(previous.map((p) => [canonicalUri(p.uri), p.value]));
    return [...this.reports.values()].map((report): WorkspaceDocumentDiagnosticReport => {
      const version = report.version ?? null;
      if (known.get(canonicalUri(report.uri)) === report.resultId)
        return { kind: 'unchanged', uri: report.uri, version, resultId: report.resultId };
      return { kind: 'full', uri: report.uri, version, resultId: report.resultId, items: report.diagnostics };
    });
  }
}
