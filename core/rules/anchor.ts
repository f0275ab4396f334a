// Where a document-wide diagnostic (a budget overrun) is shown: the model key, else the first line of text.
import type { Span } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import type { DocumentStats } from '../stats';

export function documentAnchor(document: PromptDocument, stats: DocumentStats): Span {
  if (stats.modelSpan) return stats.modelSpan;
  const text = document.text;
  // Searched, not walked a character at a time: the first line of a pathological prompt is megabytes long.
  NON_SPACE.lastIndex = document.body.length > 0 ? document.body.offset : 0;
  const found = NON_SPACE.exec(text);
  if (found === null) return { offset: 0, length: 0 };
  const start = found.index;
  return { offset: start, length: lineEnd(text, start) - start };
}

const NON_SPACE = /\S/g;

/** The end of the line holding `at` (a `\n` or `\r`, or the text's end). */
function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  const end = newline === -1 ? text.length : newline;
  const cr = text.indexOf('\r', at);
  return cr !== -1 && cr < end ? cr : end;
}
