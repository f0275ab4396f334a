// What every language feature reads: one open document's text, its lint result and the config it was linted with.
import { TextDocument } from 'vscode-languageserver-textdocument';
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

/**
 * What is known of a version whose lint is still counting (a large prompt): the parsed document and its config,
 * no counts, no diagnostics. Requests that must answer at once (hover, completion, the outline) read it; a full
 * DocumentSnapshot is one too. See docs/editor-performance.md ("Never blocking").
 */
export interface ParsedSnapshot {
  textDocument: TextDocument;
  result: { document: LintResult['document'] };
  config: ResolvedConfig;
}

/** A full snapshot (counted and linted), as opposed to a ParsedSnapshot of a version still being counted. */
export function isLinted(snapshot: ParsedSnapshot): snapshot is DocumentSnapshot {
  return 'stats' in snapshot.result;
}

/** Shape of LSP `Diagnostic.data` for every diagnostic the server publishes; code actions key on it (docs/design/conventions.md C3). */
export interface DiagnosticData {
  ruleId: string;
  /** The core diagnostic's structured facts (`Diagnostic.data`). */
  facts?: Record<string, unknown>;
  /** The core diagnostic's fixes, edits as UTF-16 offsets into the text of the file the diagnostic is in. */
  fixes?: Array<{ title: string; safe?: boolean; edits: Array<{ offset: number; length: number; newText: string }> }>;
  /** Version of the document the offsets refer to (fixes are dropped when the document moved on). */
  version?: number;
}

/**
 * A document as one lint saw it. Positions are read from the open document while it is still at that version
 * (its line offsets are kept up to date edit by edit), so a keystroke does not walk the whole text to find
 * line starts; once the editor has moved on, the snapshot computes its own, once.
 */
export function snapshotDocument(
  live: TextDocument | undefined,
  uri: string,
  languageId: string,
  version: number,
  text: string,
): TextDocument {
  let own: TextDocument | undefined;
  const positions = (): TextDocument => {
    if (live !== undefined && live.version === version && live.getText() === text) return live;
    own ??= TextDocument.create(uri, languageId, version, text);
    return own;
  };
  return {
    uri,
    languageId,
    version,
    get lineCount() {
      return positions().lineCount;
    },
    getText(range) {
      return range === undefined ? text : positions().getText(range);
    },
    positionAt: (offset) => positions().positionAt(offset),
    offsetAt: (position) => positions().offsetAt(position),
    getLineRange: (line) => positions().getLineRange(line),
    getEOLCharacters: (line) => positions().getEOLCharacters(line),
  };
}
