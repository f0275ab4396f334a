// Core diagnostics (UTF-16 offsets) to LSP diagnostics: the one place offsets become editor positions (docs/design/conventions.md C4, docs/design/pitfalls.md P17).
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity, Span } from '../core/diagnostic';
import { RULE_IDS, ruleDocsUrl } from '../core/rules/registry';
import type { DiagnosticData } from './snapshot';

export const DIAGNOSTIC_SOURCE = 'promptbound';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const DOCUMENTED = new Set(RULE_IDS);

/** A text whose positions can be computed: an open document, or a file as a lint read it. */
export interface PositionedText {
  uri: string;
  document: TextDocument;
  /** The open document's version, when the text is one. */
  version?: number;
}

export function positionedText(uri: string, text: string, version?: number): PositionedText {
  return { uri, document: TextDocument.create(uri, 'plaintext', version ?? 0, text), version };
}

export function rangeOf(
  document: TextDocument,
  span: Span,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const length = document.getText().length;
  const start = Math.max(0, Math.min(span.offset, length));
  const end = Math.max(start, Math.min(span.offset + span.length, length));
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/**
 * `target` is the file the diagnostic points into; `lookup` finds the text of related locations in other files
 * (a related location whose file is unknown is left out rather than misplaced).
 */
export function toLspDiagnostic(
  diagnostic: Diagnostic,
  target: PositionedText,
  lookup: (uri: string) => PositionedText | undefined,
  promptUri: string,
): LspDiagnostic {
  const data: DiagnosticData = { ruleId: diagnostic.ruleId };
  if (diagnostic.data !== undefined) data.facts = diagnostic.data;
  if (diagnostic.fixes !== undefined && diagnostic.fixes.length > 0) {
    data.fixes = diagnostic.fixes.map((fix) => ({
      title: fix.title,
      ...(fix.safe !== undefined ? { safe: fix.safe } : {}),
      edits: fix.edits.map(({ offset, length, newText }) => ({ offset, length, newText })),
    }));
  }
  if (target.version !== undefined) data.version = target.version;
  const lsp: LspDiagnostic = {
    range: rangeOf(target.document, diagnostic),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    data,
  };
  if (DOCUMENTED.has(diagnostic.ruleId)) lsp.codeDescription = { href: ruleDocsUrl(diagnostic.ruleId) };
  const related = relatedInformation(diagnostic, lookup, promptUri);
  if (related.length > 0) lsp.relatedInformation = related;
  return lsp;
}

function relatedInformation(
  diagnostic: Diagnostic,
  lookup: (uri: string) => PositionedText | undefined,
  promptUri: string,
): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const related of diagnostic.related ?? []) {
    // A related location without a uri is in the linted prompt (core's convention).
    const file = lookup(related.uri ?? promptUri);
    if (file === undefined) continue;
    out.push({ location: { uri: file.uri, range: rangeOf(file.document, related) }, message: related.message });
  }
  return out;
}

/** Identity of a published diagnostic, to merge what several prompts report into one shared sample or schema. */
export function diagnosticKey(d: LspDiagnostic): string {
  const { start, end } = d.range;
  return `${String(d.code)}|${d.severity}|${start.line}:${start.character}-${end.line}:${end.character}|${d.message}`;
}
