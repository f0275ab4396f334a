// Folding ranges (textDocument/foldingRange): the frontmatter, sections and role blocks, template blocks
// (`{{#if}}…{{/if}}`, `{% for %}…{% endfor %}`) and multi-line comments. Line-based, as the protocol folds.
import type { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../../core/diagnostic';
import type { PromptFormat } from '../../core/document/types';
import type { TemplateLanguage } from '../../core/document/template';
import type { ParsedSnapshot } from '../snapshot';
import { allBlocks, scanBlocks } from './template-blocks';

const COMMENT: FoldingRangeKind = 'comment';

export const TEMPLATE_LANGUAGE: Record<PromptFormat, TemplateLanguage | undefined> = {
  markdown: 'mustache',
  text: 'mustache',
  dotprompt: 'handlebars',
  prompty: 'jinja',
  'github-models': undefined,
};

export function foldingRanges(snapshot: ParsedSnapshot): FoldingRange[] {
  const { document } = snapshot.result;
  const doc = snapshot.textDocument;
  const ranges: FoldingRange[] = [];
  const add = (span: Span, kind?: FoldingRangeKind, trailingBlankLines = true) => {
    const range = lineRange(doc, span, trailingBlankLines);
    if (range) ranges.push(kind ? { ...range, kind } : range);
  };
  if (document.frontmatter && document.format !== 'github-models') add(document.frontmatter.blockSpan, undefined, false);
  for (const section of document.sections) add(section.span);
  for (const comment of document.comments) add(comment.span, COMMENT, false);
  const language = TEMPLATE_LANGUAGE[document.format];
  if (language) {
    for (const block of allBlocks(scanBlocks(document.text, document.body, language).blocks)) {
      // Each branch folds on its own, up to the line before the next `{{else}}` or closer, which stay in view.
      const bounds = [block.open, ...block.middles, block.close].map((t) => doc.positionAt(t.tag.span.offset).line);
      for (let i = 0; i + 1 < bounds.length; i++) {
        if (bounds[i + 1] - 1 > bounds[i]) ranges.push({ startLine: bounds[i], endLine: bounds[i + 1] - 1 });
      }
    }
  }
  return dedupe(ranges);
}

/**
 * Lines from the span's first to its last, ending before the next range starts: a section's span runs up to the
 * next heading, so its trailing blank lines (and the next header's line) stay visible. Single-line spans do not fold.
 */
function lineRange(
  doc: TextDocument,
  span: Span,
  trimTrailingBlank: boolean,
): { startLine: number; endLine: number } | undefined {
  const startLine = doc.positionAt(span.offset).line;
  const end = doc.positionAt(span.offset + span.length);
  let endLine = end.character === 0 && end.line > startLine ? end.line - 1 : end.line;
  if (trimTrailingBlank) {
    while (endLine > startLine && lineText(doc, endLine).trim() === '') endLine--;
  }
  return endLine > startLine ? { startLine, endLine } : undefined;
}

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
}

function dedupe(ranges: FoldingRange[]): FoldingRange[] {
  const seen = new Set<string>();
  return ranges
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine)
    .filter((r) => {
      const key = `${r.startLine}:${r.endLine}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
