// Builds DocumentSnapshots with the real engine (rank files, tokenizer pool, in-memory files) and LSP diagnostics as the server publishes them.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionParams, Diagnostic as LspDiagnostic, CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { lintDocument, type EngineHost } from '../../core/engine';
import { defaultConfig, type ResolvedConfig } from '../../core/config/types';
import type { Diagnostic } from '../../core/diagnostic';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { memoryFiles } from '../samples/memory-files';
import type { DiagnosticData, DocumentSnapshot } from '../../server/snapshot';
import type { CodeActionHost } from '../../server/features';

const pool = new TokenizerPool(nodeRankLoader);

export interface Workspace {
  files: Record<string, string>;
  config?: ResolvedConfig;
}

export async function snapshotOf(
  uri: string,
  text: string,
  workspace: Workspace = { files: {} },
  version = 1,
): Promise<DocumentSnapshot> {
  const config = workspace.config ?? defaultConfig();
  const host: EngineHost = { tokenizers: pool, files: memoryFiles({ ...workspace.files, [uri]: text }) };
  const result = await lintDocument({ uri, text, config }, host);
  return { textDocument: TextDocument.create(uri, 'prompt', version, text), result, config, completion: result.completion };
}

/** A core diagnostic as the server publishes it: code = rule id, data = DiagnosticData with the document's version. */
export function toLsp(textDocument: TextDocument, d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = { ruleId: d.ruleId, facts: d.data, fixes: d.fixes, version: textDocument.version };
  return {
    range: { start: textDocument.positionAt(d.offset), end: textDocument.positionAt(d.offset + d.length) },
    severity: d.severity === 'error' ? 1 : d.severity === 'warning' ? 2 : 3,
    code: d.ruleId,
    source: 'promptbound',
    message: d.message,
    data,
  };
}

/** The LSP diagnostics of `uri` among a lint result's (the prompt's own, or a sample's). */
export function diagnosticsIn(snapshot: DocumentSnapshot, textDocument: TextDocument): LspDiagnostic[] {
  const own = textDocument.uri === snapshot.textDocument.uri;
  return snapshot.result.diagnostics
    .filter((d) => (own ? d.uri === undefined || d.uri === textDocument.uri : d.uri === textDocument.uri))
    .map((d) => toLsp(textDocument, d));
}

export function paramsFor(
  textDocument: TextDocument,
  diagnostics: LspDiagnostic[],
  range = diagnostics[0]?.range,
): CodeActionParams {
  const at = range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { textDocument: { uri: textDocument.uri }, range: at, context: { diagnostics } };
}

export function hostOf(prompts: DocumentSnapshot[] = [], samplesOf: Record<string, DocumentSnapshot[]> = {}): CodeActionHost {
  return {
    snapshotFor: (uri) => prompts.find((p) => p.textDocument.uri === uri),
    promptsOfSample: (uri) => samplesOf[uri] ?? [],
  };
}

/** The text edits an action makes to `uri` (from `changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) =>
    'textDocument' in c && c.textDocument.uri === uri ? c.edits : [],
  );
  return [...fromChanges, ...fromDocumentChanges].filter((e): e is TextEdit => 'range' in e);
}

/** Applies an action's edits to a document with TextDocument.applyEdits, as a client does. */
export function applied(textDocument: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(textDocument, editsFor(action.edit, textDocument.uri));
}

/** Position of the n-th occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
export function positionOf(textDocument: TextDocument, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  const text = textDocument.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not in the text`);
  }
  return textDocument.positionAt(at + delta);
}
