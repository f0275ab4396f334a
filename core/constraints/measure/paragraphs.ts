// Paragraphs: runs of non-blank lines separated by blank lines, or chunks between separator lines such as `***`.
import type { Span } from '../../diagnostic';
import { allLines, isBlank, type Line } from './lines';
import { trimSpan } from './sentences';

/**
 * Each paragraph's span (trimmed). With a separator, paragraphs are the non-empty chunks between lines
 * whose trimmed text is the separator, and blank lines inside a chunk do not split it. A separator that is
 * only whitespace (`"\n\n"`, `"\n"`) cannot be a line of its own: the text is split at each occurrence.
 */
export function paragraphs(text: string, separator?: string): Span[] {
  if (separator === undefined) return blankLineParagraphs(text);
  return separator.trim() === '' ? splitParagraphs(text, separator) : separatedParagraphs(text, separator);
}

function splitParagraphs(text: string, separator: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(separator, start);
    const end = at < 0 ? text.length : at;
    const span = trimSpan(text, start, end);
    if (span.length > 0) out.push(span);
    if (at < 0) return out;
    start = at + separator.length;
  }
}

function blankLineParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let first: Line | undefined;
  let last: Line | undefined;
  for (const line of allLines(text)) {
    if (isBlank(line)) {
      if (first && last) out.push(trimSpan(text, first.offset, last.offset + last.length));
      first = last = undefined;
    } else {
      first ??= line;
      last = line;
    }
  }
  if (first && last) out.push(trimSpan(text, first.offset, last.offset + last.length));
  return out;
}

function separatedParagraphs(text: string, separator: string): Span[] {
  const out: Span[] = [];
  const sep = separator.trim();
  let start = 0;
  const flush = (end: number): void => {
    const span = trimSpan(text, start, end);
    if (span.length > 0) out.push(span);
  };
  for (const line of allLines(text)) {
    if (line.text.trim() !== sep) continue;
    flush(line.offset);
    start = line.offset + line.length;
  }
  flush(text.length);
  return out;
}
