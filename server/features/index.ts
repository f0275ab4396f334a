// The language features over one linted document: pure functions from a DocumentSnapshot to LSP data.
// server/handlers/ registers them. Signatures are the contract between the two.
// Every function tolerates any document (broken YAML, no frontmatter, empty text): it answers less, never throws
// (test/server-features/robustness.test.ts); a bug of ours that throws anyway reaches the server's handler guard, which logs it.
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CompletionItem,
  Hover,
  InlayHint,
  Position,
  Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorSettings } from '../protocol';
import type { DocumentSnapshot, ParsedSnapshot } from '../snapshot';
import { hoverAt } from './hover';
import { completionItems } from './completion';
import { codeActions, type CodeActionHost } from './code-actions';
import { codeLenses, inlayHints } from './lenses';

export type { CodeActionHost };
export { diagnosticData } from './code-actions';
export { sectionLabel, fileLabel } from './lenses';

export function provideHover(snapshot: ParsedSnapshot, position: Position): Hover | null {
  return hoverAt(snapshot, position);
}

export function provideCompletion(snapshot: ParsedSnapshot, position: Position): CompletionItem[] {
  return completionItems(snapshot, position);
}

/** `snapshot` is undefined when `textDocument` is not a prompt (a sample or schema file). */
export function provideCodeActions(
  textDocument: TextDocument,
  snapshot: DocumentSnapshot | undefined,
  params: CodeActionParams,
  host: CodeActionHost,
): CodeAction[] {
  return codeActions(textDocument, snapshot, params, host);
}

export function provideCodeLenses(snapshot: DocumentSnapshot, settings: EditorSettings): CodeLens[] {
  return codeLenses(snapshot, settings);
}

export function provideInlayHints(snapshot: DocumentSnapshot, range: Range, settings: EditorSettings): InlayHint[] {
  return inlayHints(snapshot, range, settings);
}
