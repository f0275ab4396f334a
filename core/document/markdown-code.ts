// Where a Markdown body holds code: fenced blocks (``` / ~~~) and inline code spans, as CommonMark reads them.
// `{{…}}` there is an example for the reader, never a template variable (docs/formats.md).
import type { Span } from '../diagnostic';
import { linesOf } from './lines';
import { searchedCandidateLines, type CandidateLines } from './sections';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Fenced code blocks and inline code spans of `region`, in order, as file spans. */
export function markdownCodeSpans(text: string, region: Span): Span[] {
  const spans: Span[] = [];
  const end = region.offset + region.length;
  let fence: { char: string; length: number; start: number } | undefined;
  let proseStart = region.offset;
  for (const line of linesOf(text, region.offset, end)) {
    const content = text.slice(line.start, Math.min(line.contentEnd, line.start + 400));
    const match = FENCE.exec(content);
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

/**
 * Inline code: a backtick run closed by a run of the same length (CommonMark); an unmatched run is literal text.
 * The searches run on the window's own slice: a regex search of the whole text for a backtick that is not there
 * would scan to its end, once per paragraph looked up (quadratic on a long prompt without backticks).
 */
function inlineCode(text: string, start: number, end: number, out: Span[]): void {
  const part = text.slice(start, end);
  const runs = /`+/g;
  const blank = /\n[ \t]*\r?\n/g;
  let paragraphEnd = -1;
  let open: RegExpExecArray | null;
  while ((open = runs.exec(part))) {
    const length = open[0].length;
    const after = open.index + length;
    let close: RegExpExecArray | null;
    const search = /`+/g;
    search.lastIndex = after;
    let found = -1;
    // A code span never crosses a blank line (it would end the paragraph); this also keeps the search short.
    if (after >= paragraphEnd) {
      blank.lastIndex = after;
      paragraphEnd = blank.exec(part)?.index ?? part.length;
    }
    while ((close = search.exec(part)) && close.index < paragraphEnd) {
      if (close[0].length === length) {
        found = close.index;
        break;
      }
    }
    if (found === -1) continue;
    out.push({ offset: start + open.index, length: found + length - open.index });
    runs.lastIndex = found + length;
  }
}

/**
 * The items (template tags) of `region` that do not start in Markdown code: `outside(items, markdownCodeSpans(…))`
 * without a pass over the region. Only lines that start with up to three spaces and a backtick or tilde fence can
 * open or close a fenced block, and those are the candidate lines the section parser reads (the editor keeps them
 * between versions). Inline code never crosses a blank line, so each item is looked up in its own paragraph.
 */
export function outsideMarkdownCode<T extends { span: Span }>(
  items: readonly T[],
  text: string,
  region: Span,
  candidateLines: CandidateLines = searchedCandidateLines,
): T[] {
  const steps = outsideMarkdownCodeSteps(items, text, region, candidateLines);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Lines or items looked at between two pauses of `outsideMarkdownCodeSteps`. */
const STEP = 2048;

/**
 * `outsideMarkdownCode` as steps: it pauses (yields) after every 2048 candidate lines and every 2048 items, so the
 * parse of a prompt with a hundred thousand template tags can pause in between (docs/editor-performance.md).
 */
export function* outsideMarkdownCodeSteps<T extends { span: Span }>(
  items: readonly T[],
  text: string,
  region: Span,
  candidateLines: CandidateLines = searchedCandidateLines,
): Generator<void, T[]> {
  if (items.length === 0) return [];
  const end = region.offset + region.length;
  // Fenced blocks, and the prose between them (where inline code is looked for), as markdownCodeSpans finds them.
  const fenced: Span[] = [];
  const prose: Span[] = [];
  let fence: { char: string; length: number; start: number } | undefined;
  let proseStart = region.offset;
  let seen = 0;
  for (const { base, lines } of candidateLines(text, region.offset, end)) {
    // A pause (yield) every 2048 lines: a 10 MB prompt has tens of thousands of candidates.
    if ((seen += lines.length) >= STEP) {
      seen = 0;
      yield;
    }
    for (const line of lines) {
      const match = line.fence;
      if (fence) {
        if (match && match.char === fence.char && match.length >= fence.length && match.restEmpty) {
          fenced.push({ offset: fence.start, length: base + line.contentEnd - fence.start });
          fence = undefined;
          proseStart = base + line.next;
        }
        continue;
      }
      if (match && !(match.char === '`' && match.restBacktick)) {
        prose.push({ offset: proseStart, length: base + line.start - proseStart });
        fence = { char: match.char, length: match.length, start: base + line.start };
      }
    }
  }
  if (fence) fenced.push({ offset: fence.start, length: end - fence.start });
  else prose.push({ offset: proseStart, length: end - proseStart });

  const inline = new Map<number, Span[]>();
  let last: { region: number; window: Span } | undefined;
  let f = 0;
  let p = 0;
  const kept: T[] = [];
  for (let k = 0; k < items.length; k++) {
    if (k % STEP === STEP - 1) yield;
    if (keep(items[k])) kept.push(items[k]);
  }
  return kept;

  function keep(item: T): boolean {
    const at = item.span.offset;
    while (f < fenced.length && fenced[f].offset + fenced[f].length <= at) f++;
    if (f < fenced.length && fenced[f].offset <= at) return false;
    while (p < prose.length && prose[p].offset + prose[p].length <= at) p++;
    if (p >= prose.length || prose[p].offset > at) return true;
    // Items come in order, and every offset inside a window has that same window: look it up once, not per item
    // (a long line holds thousands of tags, and each look-up walks to the line's ends).
    if (last === undefined || last.region !== p || at < last.window.offset || at >= last.window.offset + last.window.length) {
      last = { region: p, window: paragraphAround(text, prose[p], at) };
    }
    const window = last.window;
    let spans = inline.get(window.offset);
    if (spans === undefined) {
      spans = [];
      inlineCode(text, window.offset, window.offset + window.length, spans);
      inline.set(window.offset, spans);
    }
    return !spans.some((s) => s.offset <= at && at < s.offset + s.length);
  }
}

/**
 * The part of the prose region around `at` that inlineCode reads alike on its own: from just after the last blank
 * line (a `\n[ \t]*\r?\n` match) that starts before `at`, to just after the first one that starts at or after it.
 * No code span crosses such a line, and the scan after it starts afresh, so the spans found there are the same.
 */
function paragraphAround(text: string, region: Span, at: number): Span {
  const regionEnd = region.offset + region.length;
  let start = region.offset;
  for (let q = text.lastIndexOf('\n', at - 1); q >= region.offset; q = q === 0 ? -1 : text.lastIndexOf('\n', q - 1)) {
    if (blankLineAt(text, q)) {
      start = q + 1;
      break;
    }
  }
  let end = regionEnd;
  for (let q = text.indexOf('\n', at); q !== -1 && q < regionEnd; q = text.indexOf('\n', q + 1)) {
    if (blankLineAt(text, q)) {
      end = q + 1;
      break;
    }
  }
  return { offset: start, length: end - start };
}

/** Whether `\n[ \t]*\r?\n` matches at `q` (a line feed). */
function blankLineAt(text: string, q: number): boolean {
  let i = q + 1;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (text.charCodeAt(i) === 13) i++;
  return i < text.length && text.charCodeAt(i) === 10;
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
