// Where a document-wide diagnostic (a budget overrun) is shown: the model key, else the first line of text.
import type { Span } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import type { DocumentStats } from '../stats';

export function documentAnchor(document: PromptDocument, stats: DocumentStats): Span {
  if (stats.modelSpan) return stats.modelSpan;
  const text = document.text;
  let start = document.body.length > 0 ? document.body.offset : 0;
  while (start < text.length && /\s/.test(text[start])) start++;
  if (start >= text.length) return { offset: 0, length: 0 };
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { offset: start, length: end - start };
}
