// Code actions: the core fixes a diagnostic carries, disable comments, sample quick fixes, "Validate selection as a
// completion", "Create sample from schema" and "Infer schema from sample". Keyed on Diagnostic.data, never on messages.
import type { CodeAction, CodeActionParams, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../core/edits';
import { declaresCompletionChecks } from '../../core/samples/context';
import { Commands } from '../protocol';
import type { DiagnosticData, DocumentSnapshot } from '../snapshot';
import { disableActions } from './disable';
import { sampleFixActions } from './sample-fixes';
import { createSampleAction, inferFromPromptAction, inferFromSampleAction } from './schema-actions';
import { QUICK_FIX, REFACTOR } from './lsp';

/** What code actions read besides the document: other prompts' snapshots (a sample's prompts). */
export interface CodeActionHost {
  /** The latest snapshot of an open or linted prompt, by uri. */
  snapshotFor(uri: string): DocumentSnapshot | undefined;
  /** The prompts (snapshots) whose samples include this file. */
  promptsOfSample(uri: string): DocumentSnapshot[];
}

export function codeActions(
  textDocument: TextDocument,
  snapshot: DocumentSnapshot | undefined,
  params: CodeActionParams,
  host: CodeActionHost,
): CodeAction[] {
  const diagnostics = params.context.diagnostics ?? [];
  const actions: CodeAction[] = [];
  const current = snapshot && snapshot.textDocument.version === textDocument.version ? snapshot : undefined;
  const fresh: LspDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const data = diagnosticData(diagnostic);
    // A diagnostic of another version has ranges and offsets into text that is gone: nothing is built on it.
    if (!data || (data.version !== undefined && data.version !== textDocument.version)) continue;
    fresh.push(diagnostic);
    actions.push(...fixActions(textDocument, diagnostic, data));
    if (!current) actions.push(...sampleFixActions(textDocument, diagnostic, data));
  }
  if (current) actions.push(...disableActions(current, fresh));
  actions.push(...refactorings(textDocument, current, params, host));
  return actions.filter((a) => wanted(a, params.context.only));
}

function refactorings(
  textDocument: TextDocument,
  snapshot: DocumentSnapshot | undefined,
  params: CodeActionParams,
  host: CodeActionHost,
): CodeAction[] {
  const out: CodeAction[] = [];
  const prompts = snapshot ? [] : host.promptsOfSample(textDocument.uri);
  const selection = selectedText(textDocument, params);
  const checks = snapshot ? declaresCompletionChecks(snapshot.result.document) : prompts.length > 0;
  if (selection && checks) {
    out.push({
      title: 'Validate selection as a completion',
      kind: REFACTOR,
      command: {
        title: 'Validate selection as a completion',
        command: Commands.validateSelection,
        arguments: [textDocument.uri, selection],
      },
    });
  }
  if (snapshot) {
    const create = createSampleAction(snapshot);
    if (create) out.push(create);
    const infer = inferFromPromptAction(snapshot);
    if (infer) out.push(infer);
  } else if (/\.json$/i.test(textDocument.uri.replace(/[?#].*$/, ''))) {
    const infer = inferFromSampleAction(textDocument, prompts);
    if (infer) out.push(infer);
  }
  return out;
}

function selectedText(textDocument: TextDocument, params: CodeActionParams): string | undefined {
  const { start, end } = params.range;
  if (start.line === end.line && start.character === end.character) return undefined;
  const text = textDocument.getText(params.range);
  return text.trim() === '' ? undefined : text;
}

/** LSP `only`: an action is wanted when its kind is one of them or below one (`quickfix` covers `quickfix.x`). */
function wanted(action: CodeAction, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  const kind = action.kind ?? '';
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** `Diagnostic.data` when it has the shape the server publishes (DiagnosticData); anything else is not ours. */
export function diagnosticData(diagnostic: LspDiagnostic): DiagnosticData | undefined {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (typeof record.ruleId !== 'string') return undefined;
  if (record.version !== undefined && typeof record.version !== 'number') return undefined;
  if (record.facts !== undefined && (typeof record.facts !== 'object' || record.facts === null)) return undefined;
  if (record.fixes !== undefined && !Array.isArray(record.fixes)) return undefined;
  return record as unknown as DiagnosticData;
}

/** The fixes core attached (did-you-mean, declare it…): offsets into this document's text, applied as-is when they fit it. */
function fixActions(textDocument: TextDocument, diagnostic: LspDiagnostic, data: DiagnosticData): CodeAction[] {
  const fixes = (data.fixes ?? []).filter((fix) => typeof fix?.title === 'string' && Array.isArray(fix.edits));
  const text = textDocument.getText();
  const actions: CodeAction[] = [];
  for (const fix of fixes) {
    const edits = fix.edits.filter(
      (e) =>
        Number.isInteger(e?.offset) &&
        Number.isInteger(e?.length) &&
        typeof e?.newText === 'string' &&
        e.offset >= 0 &&
        e.length >= 0,
    );
    if (edits.length === 0 || edits.length !== fix.edits.length || applyEdits(text, edits) === undefined) continue;
    const lsp: TextEdit[] = edits.map((e) => ({
      range: { start: textDocument.positionAt(e.offset), end: textDocument.positionAt(e.offset + e.length) },
      newText: e.newText,
    }));
    actions.push({
      title: fix.title,
      kind: QUICK_FIX,
      diagnostics: [diagnostic],
      edit: { changes: { [textDocument.uri]: lsp } },
    });
  }
  if (actions.length === 1 && fixes[0]?.safe === true) actions[0].isPreferred = true;
  return actions;
}
