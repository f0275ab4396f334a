// Per-section counts on headings and role markers, as CodeLens or inlay hints (setting `sectionCounts`), and the file total on line one.
import type { CodeLens, InlayHint, Range } from 'vscode-languageserver';
import type { SectionCount, DocumentStats } from '../../core/stats';
import { Commands, type EditorSettings } from '../protocol';
import type { DocumentSnapshot } from '../snapshot';
import { HINT_TYPE } from './lsp';
import { compact, grouped, percent, rangeOf, tokenCount } from './text';

/** `1,234 tokens`, `≈1,234 tokens · 80% of budget 500`. */
export function sectionLabel(count: SectionCount): string {
  const base = tokenCount(count.tokens, count.approximate);
  const budget = count.section.budget?.tokens;
  return budget === undefined ? base : `${base} · ${percent(count.tokens, budget)} of budget ${grouped(budget)}`;
}

/** `1,234 / 128k tokens · gpt-4o` (as the status bar reads), `≈` for approximate counts. */
export function fileLabel(stats: DocumentStats): string {
  const model = stats.model.found ? stats.model.model.entry.id : stats.model.requested;
  const tokens = `${stats.approximate ? '≈' : ''}${grouped(stats.budget.input)}`;
  const context = stats.budget.context ? ` / ${compact(stats.budget.context.tokens)}` : '';
  return `${tokens}${context} tokens · ${model}`;
}

export function codeLenses(snapshot: DocumentSnapshot, settings: EditorSettings): CodeLens[] {
  if (settings.sectionCounts !== 'codelens') return [];
  const { textDocument } = snapshot;
  const command = (title: string) => ({ title, command: Commands.showTokenBreakdown, arguments: [textDocument.uri] });
  const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const lenses: CodeLens[] = [{ range: top, command: command(fileLabel(snapshot.result.stats)) }];
  for (const count of snapshot.result.stats.sections) {
    const range = rangeOf(textDocument, count.section.header);
    lenses.push({ range: { start: range.start, end: range.start }, command: command(sectionLabel(count)) });
  }
  return lenses;
}

export function inlayHints(snapshot: DocumentSnapshot, range: Range, settings: EditorSettings): InlayHint[] {
  if (settings.sectionCounts !== 'inlayHints') return [];
  const { textDocument } = snapshot;
  const hints: InlayHint[] = [];
  const inRange = (line: number) => line >= range.start.line && line <= range.end.line;
  if (inRange(0)) {
    const firstLineEnd = textDocument.positionAt(endOfLine(textDocument.getText(), 0));
    hints.push({ position: firstLineEnd, label: fileLabel(snapshot.result.stats), kind: HINT_TYPE, paddingLeft: true });
  }
  for (const count of snapshot.result.stats.sections) {
    const header = rangeOf(textDocument, count.section.header);
    const endLine = header.end.line;
    if (!inRange(endLine)) continue;
    const position = textDocument.positionAt(
      endOfLine(textDocument.getText(), textDocument.offsetAt({ line: endLine, character: 0 })),
    );
    hints.push({ position, label: sectionLabel(count), kind: HINT_TYPE, paddingLeft: true });
  }
  return hints;
}

function endOfLine(text: string, from: number): number {
  let at = from;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}
