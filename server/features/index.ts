// The language features over one linted document: pure functions from a DocumentSnapshot to LSP data.
// Owned by the features work; server/server.ts registers them. Signatures are the contract between the two.
import type { CodeAction, CodeActionParams, CodeLens, CompletionItem, Hover, InlayHint, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorSettings } from '../protocol';
import type { DocumentSnapshot } from '../snapshot';

/** What code actions may look up besides the document they are asked for (a sample file's prompt, other open files). */
export interface CodeActionHost {
  /** The latest snapshot of an open or linted prompt, by uri. */
  snapshotFor(uri: string): DocumentSnapshot | undefined;
  /** The prompts (snapshots) whose samples include this file. */
  promptsOfSample(uri: string): DocumentSnapshot[];
}

export function provideHover(snapshot: DocumentSnapshot, position: Position): Hover | null {
  void snapshot; void position;
  return null; // replaced by the features work
}

export function provideCompletion(snapshot: DocumentSnapshot, position: Position): CompletionItem[] {
  void snapshot; void position;
  return [];
}

/** `snapshot` is undefined when `textDocument` is not a prompt (a sample or schema file). */
export function provideCodeActions(
  textDocument: TextDocument,
  snapshot: DocumentSnapshot | undefined,
  params: CodeActionParams,
  host: CodeActionHost,
): CodeAction[] {
  void textDocument; void snapshot; void params; void host;
  return [];
}

export function provideCodeLenses(snapshot: DocumentSnapshot, settings: EditorSettings): CodeLens[] {
  void snapshot; void settings;
  return [];
}

export function provideInlayHints(snapshot: DocumentSnapshot, range: Range, settings: EditorSettings): InlayHint[] {
  void snapshot; void range; void settings;
  return [];
}
