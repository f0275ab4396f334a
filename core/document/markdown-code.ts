// Where a Markdown body holds code: fenced blocks (``` / ~~~) and inline code spans, as CommonMark reads them.
// `{{…}}` there is an example for the reader, never a template variable (docs/formats.md).
import type { Span } from '../diagnostic';
import { linesOf } from './lines';

/** Lines walked between two yields of `markdownCodeSpanSteps` (characters). */
const SLICE_CHARS = 64 * 1024;

/** Fenced code blocks and inline code spans of `region`, in order, as file spans. */
export function markdownCodeSpans(text: string, region: Span): Span[] {
  const steps = markdownCodeSpanSteps(text, region);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** As `markdownCodeSpans`, yielding after each slice of lines, so a parse of a large prompt can pause in between. */
export function* markdownCodeSpanSteps(text: string, region: Span): Generator<void, Span[]> {
  const spans: Span[] = [];
  let sliceStart = region.offset;
  const end = region.offset + region.length;
  let fence: { char: string; length: number; start: number } | undefined;
  let proseStart = region.offset;
  for (const line of linesOf(text, region.offset, end)) {
    if (line.start - sliceStart >= SLICE_CHARS) {
      sliceStart = line.start;
      yield;
    }
    const content = text.slice(line.start, Math.min(line.contentEnd, line.start + 400));
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(content);
    if (fence) {
      if (match && match[1][0] === fence.char && match[1].length >= fence.length && match[2].trim() === '') {
        spans.push({ offset: fence.start, length: line.contentEnd - fence.start });
        fence = undefined;
        proseStart = line.next;
      }
      continue;
    }
    // A backtick fence's info string may not contain a backtick.
    if (match && !(match[1][0] === '`' && match[2].includes('`'))) {
      inlineCode(text, proseStart, line.start, spans);
      fence = { char: match[1][0], length: match[1].length, start: line.start };
    }
  }
  // An unclosed fence runs to the end of the document.
  if (fence) spans.push({ offset: fence.start, length: end - fence.start });
  else inlineCode(text, proseStart, end, spans);
  return spans;
}

/** Inline code: a backtick run closed by a run of the same length (CommonMark); an unmatched run is literal text. */
function inlineCode(text: string, start: number, end: number, out: Span[]): void {
  const runs = /`+/g;
  runs.lastIndex = start;
  const blank = /\n[ \t]*\r?\n/g;
  let paragraphEnd = -1;
  let open: RegExpExecArray | null;
  while ((open = runs.exec(text)) && open.index < end) {
    const length = open[0].length;
    const after = open.index + length;
    let close: RegExpExecArray | null;
    const search = /`+/g;
    search.lastIndex = after;
    let found = -1;
    // A code span never crosses a blank line (it would end the paragraph); this also keeps the search short.
    if (after >= paragraphEnd) {
      blank.lastIndex = after;
      paragraphEnd = Math.min(end, blank.exec(text)?.index ?? end);
    }
    while ((close = search.exec(text)) && close.index < paragraphEnd) {
      if (close[0].length === length) {
        found = close.index;
        break;
      }
    }
    if (found === -1) continue;
    out.push({ offset: open.index, length: found + length - open.index });
    runs.lastIndex = found + length;
  }
}

/** Tags (or any spans) that do not start inside one of the sorted `code` spans. */
export function outside<T extends { span: Span }>(items: readonly T[], code: readonly Span[]): T[] {
  let k = 0;
  return items.filter((item) => {
    const at = item.span.offset;
    while (k < code.length && code[k].offset + code[k].length <= at) k++;
    return !(k < code.length && code[k].offset <= at);
  });
}
