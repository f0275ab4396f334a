// IFEval's structure measures: `***` paragraphs, `\n\n` paragraphs and first words, bullets, highlights,
// sections, placeholders, titles and postscripts, each by its own regex.
import type { Span } from '../../diagnostic';
import { PY_DIGIT, PY_SPACE, escapeRegex, isPySpace, matchSpans, pySplitWhitespace, pyStrip, pyStripChars } from './python';

/**
 * `re.split(r"\s?\*\*\*\s?", text)`: the pieces and whether one of them, neither first nor last, is
 * empty after stripping (IFEval then fails the check whatever the count). Empty first and last pieces
 * are not counted.
 */
export function starParagraphs(text: string): { count: number; emptyMiddle: boolean; pieces: string[] } {
  const pieces = text.split(new RegExp(`${PY_SPACE}?\\*\\*\\*${PY_SPACE}?`, 'u'));
  let count = pieces.length;
  let emptyMiddle = false;
  pieces.forEach((piece, i) => {
    if (pyStrip(piece) !== '') return;
    if (i === 0 || i === pieces.length - 1) count--;
    else emptyMiddle = true;
  });
  return { count, emptyMiddle, pieces };
}

/** `re.split(r"\n\n", text)`: every piece, and how many are non-empty after stripping. */
export function blankLineParagraphs(text: string): { pieces: string[]; count: number } {
  const pieces = text.split('\n\n');
  return { pieces, count: pieces.filter((p) => pyStrip(p) !== '').length };
}

const FIRST_WORD_STOP = new Set(['.', ',', '?', '!', "'", '"']);

/**
 * IFEval's first word of a paragraph: the first whitespace-separated piece, leading `'` then `"` removed,
 * cut at the first `. , ? ! ' "`, lower-cased.
 */
export function ifevalFirstWord(paragraph: string): string {
  const piece = pySplitWhitespace(pyStrip(paragraph))[0] ?? '';
  const word = piece.replace(/^'+/, '').replace(/^"+/, '');
  let out = '';
  for (const ch of word) {
    if (FIRST_WORD_STOP.has(ch)) break;
    out += ch.toLowerCase();
  }
  return out;
}

/**
 * `^\s*\*[^\*].*$` plus `^\s*-.*$` (MULTILINE). From a line start, `\s*` runs over whitespace (blank
 * lines too) to the first other character, which must be `*` followed by a character other than `*`
 * (even `\n`), or `-`; the match runs to the end of that line. Scanned in linear time rather than by
 * the regex, whose `\s*` is quadratic on long runs of blank lines.
 */
export function ifevalBullets(text: string): Span[] {
  const nextNonSpace = new Int32Array(text.length + 1);
  nextNonSpace[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) nextNonSpace[i] = isPySpace(text[i]!) ? nextNonSpace[i + 1]! : i;
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : nl;
  };
  const scan = (marker: '*' | '-'): Span[] => {
    const out: Span[] = [];
    let resume = 0;
    for (let start = 0; start <= text.length; start = text.indexOf('\n', start) + 1 || text.length + 1) {
      if (start < resume) continue;
      const p = nextNonSpace[start]!;
      if (text[p] !== marker) continue;
      if (marker === '*' && (p + 1 >= text.length || text[p + 1] === '*')) continue;
      const end = lineEnd(marker === '*' ? p + 1 + (text[p + 1] === '\n' ? 1 : 0) : p);
      out.push({ offset: start, length: end - start });
      resume = end;
    }
    return out;
  };
  return [...scan('*'), ...scan('-')].sort((a, b) => a.offset - b.offset);
}

const SINGLE = /\*[^\n*]*\*/g;
const DOUBLE = /\*\*[^\n*]*\*\*/g;

/**
 * `\*[^\n\*]*\*` matches whose text without the stars is not blank, plus `\*\*[^\n\*]*\*\*` matches
 * likewise: `**bold**` counts once (the single pattern sees `**` and `**`, both empty), `*a*` once.
 */
export function ifevalHighlights(text: string): Span[] {
  const single = matchSpans(text, SINGLE).filter((s) => pyStrip(pyStripChars(slice(text, s), '*')) !== '');
  const double = matchSpans(text, DOUBLE).filter((s) => pyStrip(slice(text, s).slice(2, -2)) !== '');
  return [...single, ...double].sort((a, b) => a.offset - b.offset);
}

/** `re.split(r"\s?" + marker + r"\s?\d+\s?", text)` has one more piece than there are matches: the section count. */
export function ifevalSections(text: string, marker: string): Span[] {
  const re = new RegExp(`${PY_SPACE}?${escapeRegex(marker)}${PY_SPACE}?${PY_DIGIT}+${PY_SPACE}?`, 'gu');
  return matchSpans(text, re);
}

/** `\[.*?\]`: from each `[`, the nearest `]` on the same line; links and empty `[]` included. Linear scan. */
export function ifevalPlaceholders(text: string): Span[] {
  const out: Span[] = [];
  let i = text.indexOf('[');
  while (i >= 0) {
    const close = text.indexOf(']', i + 1);
    const nl = text.indexOf('\n', i + 1);
    if (close < 0) break;
    if (nl >= 0 && nl < close) {
      i = text.indexOf('[', nl + 1); // no later `[` on this line can close before the newline either
      continue;
    }
    out.push({ offset: i, length: close - i + 1 });
    i = text.indexOf('[', close + 1);
  }
  return out;
}

/**
 * `<<[^\n]+>>` (greedy: from the first `<<` of a line to the last `>>` on it, so `<<a>> and <<b>>` is one
 * match) whose text without leading `<` and trailing `>` is not blank. Line by line, in linear time.
 */
export function ifevalTitles(text: string): Span[] {
  const out: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    let from = 0;
    for (let open = line.indexOf('<<', from); open >= 0; open = line.indexOf('<<', from)) {
      const close = line.lastIndexOf('>>');
      if (close < open + 3) break;
      out.push({ offset: lineStart + open, length: close + 2 - open });
      from = close + 2;
    }
    lineStart = lineEnd + 1;
  }
  return out.filter((s) => pyStrip(slice(text, s).replace(/^<+/, '').replace(/>+$/, '')) !== '');
}

/**
 * The postscript regex on the lower-cased text: `P.P.S` → `\s*p\.\s?p\.\s?s.*$`, `P.S.` → `\s*p\.\s?s\..*$`,
 * any other marker → `\s*` + the lower-cased marker as a regex (its `.` matches any character) + `.*$`.
 * Nothing anchors it to a line start: the marker may stand anywhere.
 */
export function postscriptRegex(marker: string): RegExp {
  if (marker === 'P.P.S') return new RegExp(`p\\.${PY_SPACE}?p\\.${PY_SPACE}?s`, 'u');
  if (marker === 'P.S.') return new RegExp(`p\\.${PY_SPACE}?s\\.`, 'u');
  const source = [...marker.toLowerCase()].map((ch) => (ch === '.' ? '[^\\n]' : escapeRegex(ch))).join('');
  return new RegExp(source, 'u');
}

function slice(text: string, span: Span): string {
  return text.slice(span.offset, span.offset + span.length);
}
