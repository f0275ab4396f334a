// Finds the body's sections: Markdown ATX headings (outside code fences) nested by level, and role blocks.
import type { Span } from '../diagnostic';
import type { Annotation, Message, Section, TemplateComment } from './types';
import { isBlank, lineAt, skipWhitespace, type Line } from './lines';
import { spanEnd } from './template';

interface Fence {
  char: number;
  length: number;
}

interface Heading {
  level: number;
  title: string;
  header: Span;
}

export interface SectionInput {
  body: Span;
  /** Messages in order; those with a marker become role sections and bound the headings inside them. */
  messages: readonly Message[];
  /** All comments in order: a line inside one is no heading; one on a heading line ends the title. */
  comments: readonly TemplateComment[];
  /** Lines that are role markers (Prompty `# system:`) are not headings. */
  markerLines: ReadonlySet<number>;
  /** Where candidate lines come from; by default the text is searched (see `candidateLines`). */
  candidateLines?: CandidateLines;
}

/** Starts of the lines in `[from, to)` that `candidateLines` would find, in order (`from` counts as a line start). */
export type CandidateLines = (text: string, from: number, to: number) => readonly number[];

export function buildSections(text: string, input: SectionInput): Section[] {
  const steps = buildSectionSteps(text, input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** As `buildSections`, yielding after each batch of candidate lines, so a parse can pause in between. */
export function* buildSectionSteps(text: string, input: SectionInput): Generator<void, Section[]> {
  const roles: Section[] = input.messages.flatMap((m) =>
    m.marker ? [{ kind: 'role' as const, title: m.role, level: 0, header: m.marker, span: m.span }] : [],
  );
  const found = yield* findHeadings(text, input);
  const headings = nestHeadings(found, blockEnds(input), spanEnd(input.body));
  yield;
  return [...roles, ...headings].sort((a, b) => a.span.offset - b.span.offset || a.level - b.level);
}

/** Candidate lines read between two yields of `findHeadings`. */
const CANDIDATES_PER_SLICE = 2048;

/** Where each role block ends, so a heading's section never runs into the next message. */
function blockEnds(input: SectionInput): number[] {
  return input.messages.filter((m) => m.marker).map((m) => m.span.offset);
}

/** Each heading spans to the next heading of the same or higher level, the next role marker, or the body end. */
function nestHeadings(headings: Heading[], markerOffsets: number[], bodyEnd: number): Section[] {
  const sections: Section[] = [];
  const open: Array<{ section: Section; blockEnd: number }> = [];
  const close = (end: number) => {
    const top = open.pop();
    if (top) top.section.span.length = end - top.section.span.offset;
  };
  let m = 0;
  for (const heading of headings) {
    const start = heading.header.offset;
    while (m < markerOffsets.length && markerOffsets[m] <= start) m++;
    const blockEnd = m < markerOffsets.length ? markerOffsets[m] : bodyEnd;
    while (open.length > 0 && open[open.length - 1].blockEnd <= start) close(open[open.length - 1].blockEnd);
    while (open.length > 0 && open[open.length - 1].section.level >= heading.level) close(start);
    const section: Section = {
      kind: 'heading',
      title: heading.title,
      level: heading.level,
      header: heading.header,
      span: { offset: start, length: 0 },
    };
    sections.push(section);
    open.push({ section, blockEnd });
  }
  while (open.length > 0) close(open[open.length - 1].blockEnd);
  return sections;
}

/** ATX headings (CommonMark: up to 3 spaces, 1–6 `#`, then a space, tab or line end), skipping fenced code. */
function* findHeadings(text: string, input: SectionInput): Generator<void, Heading[]> {
  const headings: Heading[] = [];
  let fence: Fence | undefined;
  let k = 0;
  const bodyEnd = spanEnd(input.body);
  const list = (input.candidateLines ?? searchCandidateLines)(text, input.body.offset, bodyEnd);
  yield;
  for (let i = 0; i < list.length; i++) {
    if (i % CANDIDATES_PER_SLICE === CANDIDATES_PER_SLICE - 1) yield;
    const start = list[i];
    const line = lineAt(text, start, bodyEnd);
    const indent = indentOf(text, line);
    if (indent > 3) continue;
    if (fence) {
      if (closesFence(text, line.start + indent, line.contentEnd, fence)) fence = undefined;
      continue;
    }
    fence = opensFence(text, line.start + indent, line.contentEnd);
    if (fence || input.markerLines.has(line.start)) continue;
    while (k < input.comments.length && spanEnd(input.comments[k].span) <= line.start) k++;
    // Inside a template comment nothing is sent; inside an HTML comment CommonMark sees an HTML block, not a heading.
    const comment = input.comments[k];
    if (comment && comment.span.offset < line.start) continue;
    const heading = readHeading(text, line, indent, input.comments, k);
    if (heading) headings.push(heading);
  }
  return headings;
}

/**
 * Starts of the lines that can open or close a fence or be a heading, in order: up to 3 spaces, then `#`, a
 * backtick or a tilde; other lines change nothing here. A heading line holds `#` and a fence line holds three
 * backticks or tildes, so three `indexOf` searches find them all without walking every line.
 */
export function searchCandidateLines(text: string, from: number, to: number): number[] {
  const next = candidateLines(text, from, to);
  const found: number[] = [];
  for (let start = next(); start !== -1; start = next()) found.push(start);
  return found;
}

function candidateLines(text: string, from: number, to: number): () => number {
  const needles = ['#', '```', '~~~'];
  const hits = needles.map((needle) => text.indexOf(needle, from));
  let last = -1;
  return () => {
    for (;;) {
      let k = -1;
      for (let i = 0; i < hits.length; i++) if (hits[i] !== -1 && (k === -1 || hits[i] < hits[k])) k = i;
      if (k === -1 || hits[k] >= to) return -1;
      const hit = hits[k];
      hits[k] = text.indexOf(needles[k], hit + 1);
      const start = lineStartBefore(text, hit, from);
      if (start === undefined || start <= last) continue;
      last = start;
      return start;
    }
  };
}

/** The start of the line holding `at` when only up to 3 spaces precede `at` on it; undefined otherwise. */
function lineStartBefore(text: string, at: number, from: number): number | undefined {
  let start = at;
  while (start > from && at - start < 3 && text.charCodeAt(start - 1) === 32) start--;
  if (start === from) return start;
  const before = text.charCodeAt(start - 1);
  return before === 10 || before === 13 ? start : undefined;
}

function indentOf(text: string, line: Line): number {
  let i = line.start;
  while (i < line.contentEnd && i - line.start < 4 && text.charCodeAt(i) === 32) i++;
  return i - line.start;
}

function readHeading(
  text: string,
  line: Line,
  indent: number,
  comments: readonly TemplateComment[],
  k: number,
): Heading | undefined {
  const hashes = line.start + indent;
  let at = hashes;
  while (at < line.contentEnd && text.charCodeAt(at) === 35 /* # */ && at - hashes < 7) at++;
  const level = at - hashes;
  if (level < 1 || level > 6 || (at < line.contentEnd && !isBlank(text.charCodeAt(at)))) return undefined;
  // A comment on the heading line (`## Context <!-- promptbound budget: 500 -->`) is not part of the title.
  let titleEnd = line.contentEnd;
  for (let i = k; i < comments.length && comments[i].span.offset < line.contentEnd; i++) {
    if (comments[i].span.offset >= at) {
      titleEnd = comments[i].span.offset;
      break;
    }
  }
  return {
    level,
    title: headingTitle(text, at, titleEnd),
    header: { offset: line.start, length: line.contentEnd - line.start },
  };
}

/** The heading text without surrounding blanks or a closing `###` sequence; no regex, so long lines stay linear. */
function headingTitle(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isBlank(text.charCodeAt(from))) from++;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  let closing = to;
  while (closing > from && text.charCodeAt(closing - 1) === 35) closing--;
  if (closing === from || (closing < to && isBlank(text.charCodeAt(closing - 1)))) {
    to = closing;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  }
  return text.slice(from, to);
}

/** ``` or ~~~ (three or more); a backtick fence's info string may not contain a backtick. */
function opensFence(text: string, start: number, end: number): Fence | undefined {
  const char = text.charCodeAt(start);
  if (char !== 96 && char !== 126) return undefined;
  let at = start;
  while (at < end && text.charCodeAt(at) === char) at++;
  if (at - start < 3) return undefined;
  if (char === 96 && text.slice(at, end).includes('`')) return undefined;
  return { char, length: at - start };
}

function closesFence(text: string, start: number, end: number, fence: Fence): boolean {
  let at = start;
  while (at < end && text.charCodeAt(at) === fence.char) at++;
  if (at - start < fence.length) return false;
  while (at < end && isBlank(text.charCodeAt(at))) at++;
  return at === end;
}

/**
 * Gives each section the `promptbound budget: N` that directly follows its header: on the header line,
 * as the first thing on the next non-blank line, or first inside a role block. Others stay unattached
 * (the annotation rule reports them).
 */
export function attachBudgets(
  text: string,
  sections: readonly Section[],
  annotations: readonly Annotation[],
  bodyEnd: number,
): void {
  // Most prompts have no budget annotation: then there is nothing to attach (and no pass over the sections).
  if (!annotations.some((a) => a.kind === 'budget')) return;
  const byStart = new Map<number, Section>();
  for (const section of sections) {
    const after = skipWhitespace(text, spanEnd(section.header), bodyEnd);
    if (!byStart.has(after)) byStart.set(after, section);
  }
  const headers = sections.filter((s) => s.kind === 'heading');
  for (const annotation of annotations) {
    if (annotation.kind !== 'budget') continue;
    const section = byStart.get(annotation.span.offset) ?? onHeaderLine(headers, annotation.span.offset);
    if (section && !section.budget) section.budget = { tokens: annotation.tokens, span: annotation.span };
  }
}

/** The heading whose line holds `offset` (binary search over headings in order). */
function onHeaderLine(headers: readonly Section[], offset: number): Section | undefined {
  let low = 0;
  let high = headers.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const header = headers[mid].header;
    if (offset < header.offset) high = mid - 1;
    else if (offset >= spanEnd(header)) low = mid + 1;
    else return headers[mid];
  }
  return undefined;
}
