// Finds the body's sections: Markdown ATX headings (outside code fences) nested by level, and role blocks.
import type { Span } from '../diagnostic';
import type { Annotation, Message, Section, TemplateComment } from './types';
import { isBlank, lineAt, onlyBlanks, skipWhitespace, type Line } from './lines';
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

/**
 * The candidate lines in `[from, to)` (`from` counts as a line start), in groups: each line's facts are relative
 * to its group's `base`. The editor's session keeps them per slice of the text (core/analysis/session.ts).
 */
export type CandidateLines = (text: string, from: number, to: number) => readonly CandidateGroup[];

export interface CandidateGroup {
  base: number;
  lines: readonly CandidateLine[];
}

/**
 * What the section parser and the Markdown code look-up read of one candidate line (found by
 * `searchCandidateLines`), offsets relative to a base: a fact depends on the line's own characters only.
 */
export interface CandidateLine {
  start: number;
  contentEnd: number;
  next: number;
  /** Leading spaces, counted up to 4. */
  indent: number;
  /** The fence this line opens (after up to 3 spaces), as `opensFence` reads it. */
  opens?: Fence;
  /** The run of backticks or tildes after the indent, and whether only blanks follow it (a closing fence's test). */
  run?: { char: number; length: number; blankAfter: boolean };
  /** An ATX heading (indent up to 3): its level, where the title starts, and its title when no comment cuts it. */
  heading?: { level: number; at: number; title: string };
  /** `FENCE` matched on the line's first 400 characters (the Markdown code look-up's reading). */
  fence?: { char: string; length: number; restEmpty: boolean; restBacktick: boolean };
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The facts of the candidate line starting at `start` (up to `end`), relative to `base`. */
export function candidateLine(text: string, start: number, end: number, base: number): CandidateLine {
  const line = lineAt(text, start, end);
  const indent = indentOf(text, line);
  // Every property from the start: one object shape for all facts keeps the walks over them fast.
  const fact: CandidateLine = {
    start: start - base,
    contentEnd: line.contentEnd - base,
    next: line.next - base,
    indent,
    opens: undefined,
    run: undefined,
    heading: undefined,
    fence: undefined,
  };
  const match = FENCE_LINE.exec(text.slice(line.start, Math.min(line.contentEnd, line.start + 400)));
  if (match) {
    fact.fence = {
      char: match[1][0],
      length: match[1].length,
      restEmpty: match[2].trim() === '',
      restBacktick: match[2].includes('`'),
    };
  }
  if (indent > 3) return fact;
  const first = line.start + indent;
  const char = text.charCodeAt(first);
  if (char === 96 || char === 126) {
    let at = first;
    while (at < line.contentEnd && text.charCodeAt(at) === char) at++;
    const length = at - first;
    fact.run = { char, length, blankAfter: onlyBlanks(text, at, line.contentEnd) };
    fact.opens = opensFence(text, first, line.contentEnd);
  }
  const heading = readHeading(text, line, indent, [], 0);
  if (heading) {
    // Copied, so a kept fact does not keep this version of the text alive.
    const title = heading.title.length === 0 ? '' : (' ' + heading.title).slice(1);
    fact.heading = { level: heading.level, at: first + heading.level - base, title };
  }
  return fact;
}

/** Candidate lines searched in the text itself, as one group (none when there are no candidate lines). */
export const searchedCandidateLines: CandidateLines = (text, from, to) => {
  const lines = searchCandidateLines(text, from, to).map((start) => candidateLine(text, start, to, 0));
  return lines.length > 0 ? [{ base: 0, lines }] : [];
};

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
  const bodyEnd = spanEnd(input.body);
  const groups = (input.candidateLines ?? searchedCandidateLines)(text, input.body.offset, bodyEnd);
  yield;
  const walk: HeadingWalk = { group: 0, line: 0, fence: undefined, k: 0, headings: [] };
  // The walk runs in a plain function, a batch of candidate lines at a time (a loop in a generator is slower).
  while (!readHeadings(text, input, groups, walk, CANDIDATES_PER_SLICE)) yield;
  return walk.headings;
}

/** Where `readHeadings` stands: the next candidate line, the open fence, the next comment, the headings so far. */
interface HeadingWalk {
  group: number;
  line: number;
  fence: Fence | undefined;
  k: number;
  headings: Heading[];
}

/** Reads up to `batch` candidate lines from where `walk` stands; true once every line is read. */
function readHeadings(
  text: string,
  input: SectionInput,
  groups: readonly CandidateGroup[],
  walk: HeadingWalk,
  batch: number,
): boolean {
  const { comments, markerLines } = input;
  const { headings } = walk;
  let { fence, k } = walk;
  let read = 0;
  for (; walk.group < groups.length; walk.group++, walk.line = 0) {
    const { base, lines } = groups[walk.group];
    for (; walk.line < lines.length; walk.line++) {
      if (read++ === batch) {
        walk.fence = fence;
        walk.k = k;
        return false;
      }
      const fact = lines[walk.line];
      if (fact.indent > 3) continue;
      if (fence) {
        const run = fact.run;
        if (run && run.char === fence.char && run.length >= fence.length && run.blankAfter) fence = undefined;
        continue;
      }
      fence = fact.opens;
      const start = base + fact.start;
      if (fence || markerLines.has(start)) continue;
      while (k < comments.length && spanEnd(comments[k].span) <= start) k++;
      // Inside a template comment nothing is sent; inside an HTML comment CommonMark sees an HTML block, not a heading.
      const comment = comments[k];
      if (comment && comment.span.offset < start) continue;
      const heading = fact.heading;
      if (heading === undefined) continue;
      // A comment on the heading line (`## Context <!-- promptbound budget: 500 -->`) is not part of the title.
      const contentEnd = base + fact.contentEnd;
      const at = base + heading.at;
      let titleEnd = contentEnd;
      for (let c = k; c < comments.length && comments[c].span.offset < contentEnd; c++) {
        if (comments[c].span.offset >= at) {
          titleEnd = comments[c].span.offset;
          break;
        }
      }
      headings.push({
        level: heading.level,
        title: titleEnd === contentEnd ? heading.title : headingTitle(text, at, titleEnd),
        header: { offset: start, length: contentEnd - start },
      });
    }
  }
  walk.fence = fence;
  walk.k = k;
  return true;
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
  // Searched in a slice that ends where a needle can no longer start before `to`: on the whole text, a needle
  // missing from the region would be searched for to the end of the text (once per slice the editor searches).
  const part = text.slice(from, Math.min(text.length, to + 2));
  const find = (needle: string, at: number) => {
    const found = part.indexOf(needle, at - from);
    return found === -1 ? -1 : from + found;
  };
  const hits = needles.map((needle) => find(needle, from));
  let last = -1;
  return () => {
    for (;;) {
      let k = -1;
      for (let i = 0; i < hits.length; i++) if (hits[i] !== -1 && (k === -1 || hits[i] < hits[k])) k = i;
      if (k === -1 || hits[k] >= to) return -1;
      const hit = hits[k];
      hits[k] = find(needles[k], hit + 1);
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

/**
 * Gives each section the `promptbound budget: N` that directly follows its header: on the header line,
 * as the first thing on the next non-blank line, or first inside a role block. Others stay unattached
 * (the annotation rule reports them).
 */
export function* attachBudgets(
  text: string,
  sections: readonly Section[],
  annotations: readonly Annotation[],
  bodyEnd: number,
): Generator<void, void> {
  // Most prompts have no budget annotation: then there is nothing to attach (and no pass over the sections).
  if (!annotations.some((a) => a.kind === 'budget')) return;
  const byStart = new Map<number, Section>();
  for (let k = 0; k < sections.length; k++) {
    // A pause (yield) every 2048 sections: a 10 MB prompt has tens of thousands.
    if (k % 2048 === 2047) yield;
    const section = sections[k];
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
