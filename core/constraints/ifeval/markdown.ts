// IFEval's structure measures: `***` paragraphs, `\n\n` paragraphs and first words, bullets, highlights,
// sections, placeholders, titles and postscripts, each by its own regex.
import type { Span } from '../../diagnostic';
import { PY_DIGIT, PY_SPACE, escapeRegex, matchSpans, pySplitWhitespace, pyStrip, pyStripChars } from './python';

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

// Python's `.` matches anything but `\n`; `^`/`$` with MULTILINE are at `\n` only.
const LINE_START = '(?<![^\\n])';
const LINE_END = '(?![^\\n])';
const STAR_BULLET = new RegExp(`${LINE_START}${PY_SPACE}*\\*[^*][^\\n]*${LINE_END}`, 'gu');
const DASH_BULLET = new RegExp(`${LINE_START}${PY_SPACE}*-[^\\n]*${LINE_END}`, 'gu');

/** `^\s*\*[^\*].*$` plus `^\s*-.*$` (multiline). `\s*` may run across blank lines, as in Python. */
export function ifevalBullets(text: string): Span[] {
  return [...matchSpans(text, STAR_BULLET), ...matchSpans(text, DASH_BULLET)].sort((a, b) => a.offset - b.offset);
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

/** `\[.*?\]`: the shortest bracketed run on one line, links and empty `[]` included. */
export function ifevalPlaceholders(text: string): Span[] {
  return matchSpans(text, /\[[^\n]*?\]/g);
}

/** `<<[^\n]+>>` (greedy, so `<<a>> and <<b>>` is one match) whose text without `<`/`>` is not blank. */
export function ifevalTitles(text: string): Span[] {
  return matchSpans(text, /<<[^\n]+>>/g).filter((s) => pyStrip(slice(text, s).replace(/^<+/, '').replace(/>+$/, '')) !== '');
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
