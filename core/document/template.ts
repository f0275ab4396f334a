// Scans a prompt body's template layer: the comments the model never sees and the tags that hold variables.
import type { Span } from '../diagnostic';
import type { TemplateComment } from './types';
import type { ParsedTag } from './handlebars';

/** Mustache-style `{{var}}` (Markdown, plain text), Handlebars (Dotprompt), Jinja2 (Prompty). */
export type TemplateLanguage = 'mustache' | 'handlebars' | 'jinja';

export interface TemplateTag {
  /** The whole tag, delimiters included. */
  span: Span;
  /** Between the delimiters, whitespace-control marks (`~`, `-`, `+`) excluded. */
  inner: Span;
  /** `{{…}}`/`{{{…}}}` in Mustache/Handlebars; Jinja `{{ … }}` and `{% … %}`; Copilot `${input:…}`. */
  kind: 'mustache' | 'expression' | 'statement' | 'input';
  /** The Handlebars reading of a `mustache` tag, kept once made (handlebars.ts `parsedTag`). */
  parsed?: ParsedTag;
}

export interface TemplateScan {
  /** Template comments only (never sent); HTML comments come from `scanHtmlComments`. */
  comments: TemplateComment[];
  tags: TemplateTag[];
  /**
   * Openers (`{{`, `{%`, `{#`, `{{!--`) with no closer before the next opener or the end: text to a Mustache
   * reader, a syntax error to Handlebars and Jinja (reported by template/syntax for those languages).
   */
  unclosed: Span[];
}

export interface ScanOptions {
  language: TemplateLanguage;
  /** VS Code Copilot prompt files: `${input:name}` and `${input:name:placeholder}`. */
  copilotInputs?: boolean;
  /** Where the openers are; by default the text is searched. The editor's session keeps them between versions. */
  openers?: OpenerSearch;
}

/**
 * Every offset in `[from, to)` where one of `needles` starts (overlapping ones too), in order. No needle holds a
 * line break, so an occurrence lies within its line.
 */
export type OpenerSearch = (text: string, needles: readonly string[], from: number, to: number) => number[];

/** The strings a tag can start with, per language. */
function openerNeedles(options: ScanOptions): string[] {
  if (options.language === 'jinja') return ['{{', '{%', '{#'];
  return options.copilotInputs ? ['{{', '${input:'] : ['{{'];
}

/** Every start of one of `needles` in `[from, to)`, in order (an `indexOf` search per needle). */
export const searchOpeners: OpenerSearch = (text, needles, from, to) => {
  const found: number[] = [];
  for (const needle of needles) {
    // Searched in a slice that ends where an occurrence can no longer start: `indexOf` on the whole text would
    // read to its end when the needle is not in the region (once per 4 KB slice of a 10 MB prompt).
    const part = text.slice(from, Math.min(text.length, to + needle.length - 1));
    for (let at = part.indexOf(needle); at !== -1 && from + at < to; at = part.indexOf(needle, at + 1)) found.push(from + at);
  }
  return needles.length > 1 ? found.sort((a, b) => a - b) : found;
};

/** Copilot input tags are one short token; a longer `${input:` run is text, and the bound keeps scanning linear. */
const MAX_INPUT_TAG = 500;

type Find = (needle: string, from: number) => number;

/**
 * `indexOf` with a memo per needle: a search from a later offset reuses an earlier answer instead of rescanning,
 * so a file full of unclosed `{{` stays linear.
 */
export function makeFinder(text: string): Find {
  const memo = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const hit = memo.get(needle);
    if (hit && from >= hit.from && (hit.at === -1 || from <= hit.at)) return hit.at;
    const at = text.indexOf(needle, from);
    memo.set(needle, { from, at });
    return at;
  };
}

interface Scanner {
  text: string;
  end: number;
  find: Find;
  comments: TemplateComment[];
  tags: TemplateTag[];
  unclosed: Span[];
  /** Where a `{% endraw %}` search last failed; later searches cannot succeed. */
  noEndRawFrom: number;
}

/** Tags and template comments of `region`, in order. Unclosed openers are text, as template engines would reject them. */
export function scanTemplate(text: string, region: Span, options: ScanOptions): TemplateScan {
  const scanner: Scanner = {
    text,
    end: region.offset + region.length,
    find: makeFinder(text),
    comments: [],
    tags: [],
    unclosed: [],
    noEndRawFrom: Infinity,
  };
  if (options.openers) {
    // The same walk over a list of openers: the first one at or after where the last tag ended, as `exec` finds it.
    const openers = options.openers(text, openerNeedles(options), region.offset, scanner.end);
    let resume = region.offset;
    for (const at of openers) if (at >= resume) resume = step(scanner, at, options.language);
  } else {
    const opener = openerPattern(options);
    opener.lastIndex = region.offset;
    for (let match = opener.exec(text); match && match.index < scanner.end; match = opener.exec(text)) {
      opener.lastIndex = step(scanner, match.index, options.language);
    }
  }
  return { comments: scanner.comments, tags: scanner.tags, unclosed: scanner.unclosed };
}

function openerPattern(options: ScanOptions): RegExp {
  if (options.language === 'jinja') return /\{[{%#]/g;
  return options.copilotInputs ? /\{\{|\$\{input:/g : /\{\{/g;
}

/** Reads whatever starts at `at`; returns where scanning resumes (always past `at`). */
function step(s: Scanner, at: number, language: TemplateLanguage): number {
  if (s.text.charCodeAt(at) === 36 /* $ */) return copilotInput(s, at);
  return language === 'jinja' ? jinjaStep(s, at) : handlebarsStep(s, at);
}

function handlebarsStep(s: Scanner, at: number): number {
  // `\{{x}}` is a literal in Handlebars; `{{{{raw}}}}` blocks are not syntax we read.
  if (at > 0 && s.text.charCodeAt(at - 1) === 92 /* \ */) return at + 2;
  if (s.text.startsWith('{{{{', at)) return rawBlock(s, at);
  if (s.text.startsWith('{{{', at)) return closeTag(s, at, at + 3, '}}}', 'mustache', '{{', '~');
  let pos = at + 2;
  if (s.text.charCodeAt(pos) === 126 /* ~ */) pos++;
  if (s.text.charCodeAt(pos) === 33 /* ! */) return handlebarsComment(s, at, pos);
  return closeTag(s, at, pos, '}}', 'mustache', '{{', '~');
}

/** `{{{{raw}}}} … {{{{/raw}}}}`: Handlebars sends the content as it is, tags included. */
function rawBlock(s: Scanner, at: number): number {
  const close = within(s, s.find('}}}}', at + 4), 4);
  if (close === -1) return unclosedAt(s, at, at + 4);
  const name = s.text
    .slice(at + 4, close)
    .trim()
    .split(/\s/)[0];
  const end = within(s, s.find(`{{{{/${name}}}}}`, close + 4), name.length + 9);
  return end === -1 ? close + 4 : end + name.length + 9;
}

/** `{{! … }}` ends at the first `}}`; `{{!-- … --}}` may contain `}}` and ends at `--}}`. */
function handlebarsComment(s: Scanner, at: number, bang: number): number {
  if (s.text.startsWith('--', bang + 1)) {
    const close = firstOf(s, ['--}}', '--~}}'], bang + 3);
    if (close) return pushComment(s, at, bang + 3, close.at, close.at + close.needle.length, 'handlebars');
  }
  const close = within(s, s.find('}}', bang + 1), 2);
  if (close === -1) return unclosedAt(s, at, bang + 1);
  const innerEnd = s.text.charCodeAt(close - 1) === 126 /* ~ */ && close - 1 > bang ? close - 1 : close;
  return pushComment(s, at, bang + 1, innerEnd, close + 2, 'handlebars');
}

function jinjaStep(s: Scanner, at: number): number {
  const kind = s.text.charCodeAt(at + 1);
  if (kind === 35 /* # */) {
    const close = within(s, s.find('#}', at + 2), 2);
    if (close === -1) return unclosedAt(s, at, at + 2);
    const innerStart = isJinjaTrim(s.text.charCodeAt(at + 2)) ? at + 3 : at + 2;
    const innerEnd = close > innerStart && isJinjaTrim(s.text.charCodeAt(close - 1)) ? close - 1 : close;
    return pushComment(s, at, innerStart, Math.max(innerStart, innerEnd), close + 2, 'jinja');
  }
  const innerStart = isJinjaTrim(s.text.charCodeAt(at + 2)) ? at + 3 : at + 2;
  if (kind === 123 /* { */) return closeTag(s, at, innerStart, '}}', 'expression', '{{', '-+');
  const next = closeTag(s, at, innerStart, '%}', 'statement', '{%', '-+');
  return next > at + 2 ? skipRawBlock(s, next) : next;
}

function isJinjaTrim(ch: number): boolean {
  return ch === 45 /* - */ || ch === 43; /* + */
}

/** `{% raw %}…{% endraw %}`: the content is literal text, so the `{% raw %}` tag is dropped and the body skipped. */
function skipRawBlock(s: Scanner, after: number): number {
  const tag = s.tags[s.tags.length - 1];
  if (!tag || tag.inner.length > 20 || s.text.slice(tag.inner.offset, tag.inner.offset + tag.inner.length).trim() !== 'raw') {
    return after;
  }
  if (after >= s.noEndRawFrom) return after;
  const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
  endRaw.lastIndex = after;
  const match = endRaw.exec(s.text);
  if (!match || match.index + match[0].length > s.end) {
    s.noEndRawFrom = after;
    return after;
  }
  s.tags.pop();
  return match.index + match[0].length;
}

/**
 * A tag from `at` to the first `closer`, unless the same opener appears first: then this opener is
 * unbalanced text (`{{ oops … {{name}}`) and scanning resumes at the next opener.
 */
function closeTag(
  s: Scanner,
  at: number,
  innerStart: number,
  closer: string,
  kind: TemplateTag['kind'],
  opener: string,
  trim: string,
): number {
  const close = within(s, s.find(closer, innerStart), closer.length);
  if (close === -1) return unclosedAt(s, at, innerStart);
  const reopen = s.find(opener, at + 2);
  if (reopen !== -1 && reopen < close) return unclosedAt(s, at, innerStart);
  let innerEnd = close;
  if (innerEnd > innerStart && trim.includes(s.text[innerEnd - 1])) innerEnd--;
  s.tags.push({
    span: { offset: at, length: close + closer.length - at },
    inner: { offset: innerStart, length: innerEnd - innerStart },
    kind,
  });
  return close + closer.length;
}

/** Records an opener that never closes (its delimiter and any sigil); scanning resumes right after `{{`/`{%`. */
function unclosedAt(s: Scanner, at: number, innerStart: number): number {
  s.unclosed.push({ offset: at, length: Math.max(2, innerStart - at) });
  return at + 2;
}

function copilotInput(s: Scanner, at: number): number {
  const innerStart = at + '${input:'.length;
  const close = within(s, s.find('}', innerStart), 1);
  if (close === -1 || close - at > MAX_INPUT_TAG || /[\r\n]/.test(s.text.slice(innerStart, close))) return innerStart;
  s.tags.push({
    span: { offset: at, length: close + 1 - at },
    inner: { offset: innerStart, length: close - innerStart },
    kind: 'input',
  });
  return close + 1;
}

function pushComment(
  s: Scanner,
  at: number,
  innerStart: number,
  innerEnd: number,
  end: number,
  syntax: 'handlebars' | 'jinja',
): number {
  s.comments.push({
    span: { offset: at, length: end - at },
    inner: { offset: innerStart, length: innerEnd - innerStart },
    syntax,
    sent: false,
  });
  return end;
}

/** The earliest of several closers from `from`, inside the region. */
function firstOf(s: Scanner, needles: string[], from: number): { at: number; needle: string } | undefined {
  let best: { at: number; needle: string } | undefined;
  for (const needle of needles) {
    const at = within(s, s.find(needle, from), needle.length);
    if (at !== -1 && (!best || at < best.at)) best = { at, needle };
  }
  return best;
}

/** A found offset, or -1 when it is missing or runs past the region's end. */
function within(s: Scanner, at: number, length: number): number {
  return at === -1 || at + length > s.end ? -1 : at;
}

/**
 * HTML comments `<!-- … -->` in `region`. An opener inside a template comment is not one (the engine removes
 * it before anything is sent); an unclosed opener is text.
 */
export function scanHtmlComments(
  text: string,
  region: Span,
  templateComments: readonly TemplateComment[],
  sent: boolean,
  openers?: OpenerSearch,
): TemplateComment[] {
  const end = region.offset + region.length;
  // With kept openers (the editor's session), each search is a step along the list of that needle's starts.
  const find = openers
    ? listFinder(openers(text, ['<!--'], region.offset, end), openers(text, ['-->'], region.offset, end))
    : makeFinder(text);
  const comments: TemplateComment[] = [];
  let at = region.offset;
  let k = 0;
  for (;;) {
    const open = find('<!--', at);
    if (open === -1 || open + 4 > end) break;
    while (k < templateComments.length && spanEnd(templateComments[k].span) <= open) k++;
    if (k < templateComments.length && templateComments[k].span.offset <= open) {
      at = spanEnd(templateComments[k].span);
      continue;
    }
    const close = find('-->', open + 4);
    if (close === -1 || close + 3 > end) break;
    comments.push({
      span: { offset: open, length: close + 3 - open },
      inner: { offset: open + 4, length: close - open - 4 },
      syntax: 'html',
      sent,
    });
    at = close + 3;
  }
  return comments;
}

/**
 * `find` over the starts of `<!--` and `-->` in the region: the first start at or after `from`, or -1. A search of
 * the text would also find starts after the region, which the caller rejects as it rejects -1.
 */
function listFinder(opens: readonly number[], closes: readonly number[]): Find {
  const lists: Record<string, { starts: readonly number[]; next: number; from: number }> = {
    '<!--': { starts: opens, next: 0, from: 0 },
    '-->': { starts: closes, next: 0, from: 0 },
  };
  return (needle, from) => {
    const list = lists[needle];
    // Searches of one needle move forward (a pointer suffices); one that went back starts over.
    if (from < list.from) list.next = 0;
    list.from = from;
    while (list.next < list.starts.length && list.starts[list.next] < from) list.next++;
    return list.next < list.starts.length ? list.starts[list.next] : -1;
  };
}

export function spanEnd(span: Span): number {
  return span.offset + span.length;
}

/** Two offset-sorted comment lists as one. */
export function mergeComments(a: readonly TemplateComment[], b: readonly TemplateComment[]): TemplateComment[] {
  const merged: TemplateComment[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].span.offset <= b[j].span.offset)) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged;
}
