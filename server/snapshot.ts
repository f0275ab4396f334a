// What every language feature reads: one open document's text, its lint result and the config it was linted with.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedConfig } from '../core/config/types';
import type { LintResult } from '../core/engine';
import type { CompletionContext } from '../core/completion';

export interface DocumentSnapshot {
  /** The open document exactly as the result was computed on (same version). */
  textDocument: TextDocument;
  /** Parsed document, stats and diagnostics (diagnostics include those pointing into samples and schemas). */
  result: LintResult;
  config: ResolvedConfig;
  /** The prompt's loaded schema and checked samples, when it declares completion checks. */
  completion?: CompletionContext;
}

/** Shape of LSP `Diagnostic.data` for every diagnostic the server publishes; code actions key on it (STYLE 3). */
export interface DiagnosticData {
  ruleId: string;
  /** The core diagnostic's structured facts (`Diagnostic.data`). */
  facts?: Record<string, unknown>;
  /** The core diagnostic's fixes, edits as UTF-16 offsets into the text of the file the diagnostic is in. */
  fixes?: Array<{ title: string; safe?: boolean; edits: Array<{ offset: number; length: number; newText: string }> }>;
  /** Version of the document the offsets refer to (fixes are dropped when the document moved on). */
  version?: number;
}
