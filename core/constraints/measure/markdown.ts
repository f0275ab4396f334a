// Markdown structure a completion is counted by: list items, highlights, headings or marked sections,
// [placeholders], <<titles>> and postscripts. Each returns spans so a check can point at what it counted.
import type { Span } from '../../diagnostic';
import { allLines, type Line } from './lines';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\S/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s+\S/;
/** `**strong**` or `*emphasis*`: no space just inside the stars, no star or newline within. */
const HIGHLIGHT = /\*\*(?=[^\s*])[^\n*]*?[^\s*]\*\*|\*(?=[^\s*])(?:[^\n*]*?[^\s*])?\*/g;
/** `[text]` with some non-space text, not a link (`[a](b)`, `[a][b]`, either part) nor a link definition (`[a]: b`). */
const PLACEHOLDER = /(?<!\])\[[^[\]\n]*[^\s[\]][^[\]\n]*\](?![([:])/g;
const TASK_BOX = /^\s*(?:[-*+]|\d{1,9}[.)])\s+$/;
const TITLE = /<<[^\n]+?>>/g;

/** Lines outside fenced code blocks (``` or ~~~), where Markdown structure counts. */
export function proseLines(text: string): Line[] {
  const out: Line[] = [];
  let fence: string | undefined;
  for (const line of allLines(text)) {
    const m = FENCE.exec(line.text);
    if (fence !== undefined) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.text.trim() === m[1]) fence = undefined;
    } else if (m) {
      fence = m[1];
    } else {
      out.push(line);
    }
  }
  return out;
}

/** True when a fenced code block is opened and never closed. */
export function hasUnclosedFence(text: string): boolean {
  const lines = allLines(text);
  const inProse = new Set(proseLines(text).map((l) => l.offset));
  const fenceLines = lines.filter((l) => !inProse.has(l.offset) && FENCE.test(l.text));
  let open: string | undefined;
  for (const l of fenceLines) {
    const marker = FENCE.exec(l.text)![1]!;
    if (open === undefined) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && l.text.trim() === marker) open = undefined;
  }
  return open !== undefined;
}

/** Markdown list items (`-`, `*`, `+`, `1.`, `1)`), nested ones included; thematic breaks are not items. */
export function bullets(text: string): Span[] {
  return proseLines(text)
    .filter((l) => LIST_ITEM.test(l.text) && !THEMATIC_BREAK.test(l.text))
    .map(trimmedLine);
}

/** Lines (outside code fences) that start, after indentation, with one of `markers` and go on with text: `• item`, `・項目`. */
export function markedItems(text: string, markers: readonly string[]): Span[] {
  return proseLines(text)
    .filter((l) => {
      const body = l.text.trimStart();
      return markers.some((m) => body.startsWith(m) && body.slice(m.length).trim() !== '');
    })
    .map(trimmedLine);
}

/** `*highlighted*` and `**highlighted**` spans, stars included. */
export function highlights(text: string): Span[] {
  return proseLines(text).flatMap((l) => matchesIn(l, HIGHLIGHT));
}

/** Markdown ATX headings (`# …` to `###### …`), or with a marker, lines starting `MARKER <number>`. */
export function sections(text: string, marker?: string): Span[] {
  const test = marker === undefined ? HEADING : markerLine(marker);
  return proseLines(text)
    .filter((l) => test.test(l.text))
    .map(trimmedLine);
}

/** `[square bracket]` placeholders; links, link definitions and task-list boxes do not count. */
export function placeholders(text: string): Span[] {
  return proseLines(text).flatMap((l) =>
    matchesIn(l, PLACEHOLDER).filter((s) => !TASK_BOX.test(l.text.slice(0, s.offset - l.offset))),
  );
}

/** `<<titles>>` with some non-space text inside. */
export function titles(text: string): Span[] {
  return matchesIn({ offset: 0, length: text.length, text }, TITLE).filter(
    (s) =>
      text
        .slice(s.offset + 2, s.offset + s.length - 2)
        .replace(/^<+|>+$/g, '')
        .trim() !== '',
  );
}

/**
 * The postscript: from a line starting with `marker` (case-insensitive; optional spaces after its dots,
 * so `P. S.` matches `P.S.`; an emphasis star or underscore before it is allowed) to the end of the text,
 * when some text follows the marker. Undefined when there is none.
 */
export function postscript(text: string, marker: string): Span | undefined {
  const re = new RegExp(`^[ \\t]*(?:[*_]{1,2})?${looseDots(marker)}`, 'gimu');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    if (text.slice(m.index + m[0].length).trim() !== '') return { offset: start, length: text.trimEnd().length - start };
  }
  return undefined;
}

function markerLine(marker: string): RegExp {
  return new RegExp(`^\\s*(?:#{1,6}\\s+)?(?:[*_]{1,2})?${escapeRegExp(marker)}\\s*\\d+`, 'u');
}

function looseDots(marker: string): string {
  return marker
    .trim()
    .split('.')
    .map(escapeRegExp)
    .join('\\.\\s*')
    .replace(/(?:\\s\*)+$/, '');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function trimmedLine(line: Line): Span {
  const lead = line.text.length - line.text.trimStart().length;
  return { offset: line.offset + lead, length: line.text.trim().length };
}

function matchesIn(line: Line, pattern: RegExp): Span[] {
  const re = new RegExp(pattern.source, pattern.flags);
  return [...line.text.matchAll(re)].map((m) => ({ offset: line.offset + m.index, length: m[0].length }));
}
