// What every group of LSP handlers shares: the connection, the workspace, the open documents, settings, tokenizers,
// what the client said at initialize, and the guard that keeps a handler's bug from killing the server.
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IncrementalCounterPool } from '../../core/tokens/incremental';
import type { TokenizerPool } from '../../core/tokens/pool';
import type { PulledDiagnostics } from '../features/pull-diagnostics';
import type { SettingsStore } from '../settings';
import type { PromptWorkspace } from '../workspace';

export type Guard = <P extends unknown[], R>(
  name: string,
  fallback: R,
  handler: (...args: P) => R | Promise<R>,
) => (...args: P) => Promise<R>;

/** State the client's initialize decides and the handlers read later. */
export interface SessionState {
  capabilities: ClientCapabilities;
  /** Workspace folders, canonical uris: the roots files may be read under. */
  roots: string[];
  /** Set at initialize when the client pulls diagnostics: results are kept for it instead of published. */
  pulled?: PulledDiagnostics;
  /** A document's didOpen handling, so a request that arrives right after the open waits for it. */
  opening: Map<string, Promise<void>>;
  /** The uri as the client spelled it, by canonical uri. */
  spellings: Map<string, string>;
  /** False when the client said the workspace is untrusted (`initializationOptions.workspaceTrusted`). */
  trusted: boolean;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: PromptWorkspace;
  settings: SettingsStore;
  /** Counters over the rank tables, for one-off counts (selections, previews). */
  basePool: TokenizerPool;
  /** Counters that keep chunk tallies between lints (the open documents). */
  tokenizers: IncrementalCounterPool;
  session: SessionState;
  guard: Guard;
  /** Runs work for a notification: guarded, nobody waits for it. */
  fire(name: string, work: () => unknown): void;
  /** Asks the client to pull code lenses and inlay hints again (settings or a picked model changed them). */
  refreshLenses(): Promise<void>;
}

/** Every handler is guarded (docs/design/pitfalls.md P21): a bug answers with the fallback and is logged. */
export function makeGuard(log: (message: string) => void): Guard {
  return (name, fallback, handler) =>
    async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        log(`promptbound: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
}

export function isUriParams(params: unknown): params is { uri: string } {
  return typeof params === 'object' && params !== null && typeof (params as { uri?: unknown }).uri === 'string';
}
