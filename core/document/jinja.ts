// Reads Jinja2 tags (Prompty): names an expression reads, and names `{% for %}`/`{% set %}`/`{% macro %}` introduce.
import type { Span } from '../diagnostic';
import type { TemplateTag } from './template';
import type { VariableScan } from './handlebars';

export interface Token {
  kind: 'name' | 'string' | 'number' | 'op';
  text: string;
  offset: number;
}

/** Words that are syntax, not variables. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'else',
  'recursive',
  'true',
  'false',
  'none',
  'True',
  'False',
  'None',
]);

/** Jinja's globals and loop/macro specials: defined by the engine, never inputs. */
const GLOBALS = new Set([
  'loop',
  'self',
  'super',
  'caller',
  'varargs',
  'kwargs',
  'range',
  'lipsum',
  'dict',
  'cycler',
  'joiner',
  'namespace',
]);

export function jinjaVariables(text: string, tags: readonly TemplateTag[]): VariableScan {
  const scan: VariableScan = { uses: [], declared: [] };
  for (const tag of tags) {
    const tokens = tokenize(text, tag.inner.offset, tag.inner.offset + tag.inner.length);
    const use = (t: Token) => scan.uses.push({ name: t.text, span: tag.span, nameSpan: tokenSpan(t) });
    const declare = (t: Token) => scan.declared.push({ name: t.text, source: 'template', span: tokenSpan(t) });
    if (tag.kind === 'expression') expressionNames(tokens, 0, tokens.length).forEach(use);
    else if (tag.kind === 'statement') readStatement(tokens, use, declare);
  }
  return scan;
}

function readStatement(tokens: Token[], use: (t: Token) => void, declare: (t: Token) => void): void {
  const keyword = tokens[0]?.kind === 'name' ? tokens[0].text : '';
  switch (keyword) {
    case 'for':
      return readFor(tokens, use, declare);
    case 'set':
      return readSet(tokens, use, declare);
    case 'with':
      return readWith(tokens, use, declare);
    case 'macro':
      return readMacro(tokens, use, declare);
    case 'import':
    case 'from':
      return readImport(tokens, declare);
    case 'if':
    case 'elif':
    case 'call':
    case 'print':
    case 'do':
      expressionNames(tokens, 1, tokens.length).forEach(use);
      return;
    default:
      // endfor, else, block, extends, include, filter, raw…: no variable is read.
      return;
  }
}

/** `{% for a, b in items if cond %}`: the targets are declared, the rest is read. */
function readFor(tokens: Token[], use: (t: Token) => void, declare: (t: Token) => void): void {
  const inAt = indexAtDepth0(tokens, 1, (t) => t.kind === 'name' && t.text === 'in');
  if (inAt === -1) return;
  for (let i = 1; i < inAt; i++) if (tokens[i].kind === 'name') declare(tokens[i]);
  expressionNames(tokens, inAt + 1, tokens.length).forEach(use);
}

/** `{% set x = … %}`, `{% set a, b = … %}`, block `{% set x %}`; `{% set ns.total = … %}` reads `ns`. */
function readSet(tokens: Token[], use: (t: Token) => void, declare: (t: Token) => void): void {
  const eq = indexAtDepth0(tokens, 1, (t) => t.text === '=' || t.text === '|');
  const targetsEnd = eq === -1 ? tokens.length : eq;
  for (let i = 1; i < targetsEnd; i++) {
    const t = tokens[i];
    if (t.kind !== 'name' || tokens[i - 1]?.text === '.') continue;
    if (tokens[i + 1]?.text === '.') use(t);
    else declare(t);
  }
  if (eq !== -1 && tokens[eq].text === '=') expressionNames(tokens, eq + 1, tokens.length).forEach(use);
}

/** `{% with a = x, b = y %}`. */
function readWith(tokens: Token[], use: (t: Token) => void, declare: (t: Token) => void): void {
  for (const [from, to] of splitAtDepth0(tokens, 1, ',')) {
    if (tokens[from]?.kind === 'name' && tokens[from + 1]?.text === '=') {
      declare(tokens[from]);
      expressionNames(tokens, from + 2, to).forEach(use);
    } else {
      expressionNames(tokens, from, to).forEach(use);
    }
  }
}

/** `{% macro name(a, b=default) %}`: the macro and its parameters are declared; defaults are read. */
function readMacro(tokens: Token[], use: (t: Token) => void, declare: (t: Token) => void): void {
  if (tokens[1]?.kind !== 'name') return;
  declare(tokens[1]);
  if (tokens[2]?.text !== '(') return;
  for (let i = 3; i < tokens.length && tokens[i].text !== ')'; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1].text;
    if (t.kind === 'name' && (prev === '(' || prev === ',')) declare(t);
    else if (t.kind === 'name' && !KEYWORDS.has(t.text) && !GLOBALS.has(t.text) && prev !== '.') use(t);
  }
}

/** `{% import 'x' as y %}`, `{% from 'x' import a, b as c %}`. */
function readImport(tokens: Token[], declare: (t: Token) => void): void {
  const importAt = tokens.findIndex((t) => t.kind === 'name' && t.text === 'import');
  if (tokens[0].text === 'import') {
    const as = tokens.findIndex((t) => t.kind === 'name' && t.text === 'as');
    if (as !== -1 && tokens[as + 1]?.kind === 'name') declare(tokens[as + 1]);
    return;
  }
  for (let i = importAt + 1; importAt !== -1 && i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'name' || t.text === 'as' || t.text === 'with' || t.text === 'without' || t.text === 'context') continue;
    if (tokens[i + 1]?.text === 'as') continue;
    declare(t);
  }
}

/**
 * Names read by an expression: not attributes (`.x`), filters (`| trim`), tests (`is defined`), keyword
 * arguments (`default(value=…)`), keywords or Jinja globals.
 */
function expressionNames(tokens: Token[], from: number, to: number): Token[] {
  const names: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.kind === 'op') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth = Math.max(0, depth - 1);
      continue;
    }
    if (t.kind !== 'name' || KEYWORDS.has(t.text) || GLOBALS.has(t.text)) continue;
    const prev = i > from ? tokens[i - 1] : undefined;
    if (prev && (prev.text === '.' || prev.text === '|' || isTestPosition(tokens, i, from))) continue;
    if (depth > 0 && tokens[i + 1]?.text === '=') continue;
    names.push(t);
  }
  return names;
}

/** After `is` or `is not`: a test name such as `defined`. */
function isTestPosition(tokens: Token[], i: number, from: number): boolean {
  const prev = tokens[i - 1];
  if (prev.kind === 'name' && prev.text === 'is') return true;
  return prev.kind === 'name' && prev.text === 'not' && i - 2 >= from && tokens[i - 2].text === 'is';
}

function indexAtDepth0(tokens: Token[], from: number, match: (t: Token) => boolean): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    else if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && match(t)) return i;
  }
  return -1;
}

function splitAtDepth0(tokens: Token[], from: number, separator: string): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let start = from;
  for (;;) {
    const at = indexAtDepth0(tokens, start, (t) => t.kind === 'op' && t.text === separator);
    if (at === -1) break;
    parts.push([start, at]);
    start = at + 1;
  }
  parts.push([start, tokens.length]);
  return parts;
}

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '//', '**']);

export function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let at = start;
  while (at < end) {
    const ch = text.charCodeAt(at);
    let next: number;
    let kind: Token['kind'];
    if (ch === 32 || (ch >= 9 && ch <= 13)) {
      at++;
      continue;
    } else if (isNameStart(ch)) {
      next = runWhile(text, at + 1, end, isNamePart);
      kind = 'name';
    } else if (ch >= 48 && ch <= 57) {
      next = runWhile(text, at + 1, end, (c) => isNamePart(c) || c === 46 /* . */);
      kind = 'number';
    } else if (ch === 34 || ch === 39) {
      next = stringEnd(text, at, end);
      kind = 'string';
    } else {
      next = TWO_CHAR_OPS.has(text.slice(at, at + 2)) && at + 2 <= end ? at + 2 : at + 1;
      kind = 'op';
    }
    tokens.push({ kind, text: text.slice(at, next), offset: at });
    at = next;
  }
  return tokens;
}

/** ASCII letters and `_`, plus any non-ASCII character (Jinja accepts Unicode identifiers). */
function isNameStart(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch > 127;
}

function isNamePart(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57);
}

function runWhile(text: string, at: number, end: number, test: (ch: number) => boolean): number {
  let i = at;
  while (i < end && test(text.charCodeAt(i))) i++;
  return i;
}

function stringEnd(text: string, at: number, end: number): number {
  const quote = text.charCodeAt(at);
  for (let i = at + 1; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === quote) return i + 1;
  }
  return end;
}

function tokenSpan(token: Token): Span {
  return { offset: token.offset, length: token.text.length };
}
