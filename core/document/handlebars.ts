// Reads Handlebars/Mustache tags: the variables a tag uses or declares (`as |x|`), and Dotprompt role markers.
import type { Span } from '../diagnostic';
import type { DeclaredVariable, VariableUse } from './types';
import type { TemplateTag } from './template';
import { isWhitespace } from './lines';

export interface Token {
  kind: 'path' | 'string' | 'literal' | 'open' | 'close' | 'equals' | 'pipe';
  text: string;
  offset: number;
}

export interface ParsedTag {
  /** `#` block, `^` inverse, `/` close, `>` partial, `#>` partial block, `*`/`#*` decorator, `` plain. */
  sigil: string;
  tokens: Token[];
}

/** Helpers that take arguments (or none): their name is never a variable, their path arguments are. */
const KNOWN_HELPERS = new Set([
  'if',
  'unless',
  'each',
  'with',
  'else',
  'lookup',
  'log',
  'role',
  'media',
  'history',
  'json',
  'section',
  'ifEquals',
  'unlessEquals',
]);

/** Blocks that make `this` something else: bare names inside them are fields of the item, not inputs. */
const CONTEXT_HELPERS = new Set(['each', 'with']);

export interface VariableScan {
  uses: VariableUse[];
  declared: DeclaredVariable[];
}

interface Block {
  name: string;
  changesContext: boolean;
  params: string[];
}

/** Tracks open blocks so a bare name inside `{{#each}}` is read as the item's field (Handlebars does not fall back). */
class BlockScope {
  private readonly blocks: Block[] = [];
  private readonly openNames = new Map<string, number>();
  private readonly params = new Map<string, number>();
  contextDepth = 0;

  push(block: Block): void {
    this.blocks.push(block);
    bump(this.openNames, block.name, 1);
    for (const p of block.params) bump(this.params, p, 1);
    if (block.changesContext) this.contextDepth++;
  }

  /** Closes the innermost block of that name (and any left open inside it); a stray close is ignored. */
  close(name: string): void {
    if (!this.openNames.get(name)) return;
    for (let block = this.blocks.pop(); block; block = this.blocks.pop()) {
      bump(this.openNames, block.name, -1);
      for (const p of block.params) bump(this.params, p, -1);
      if (block.changesContext) this.contextDepth--;
      if (block.name === name) return;
    }
  }

  hasParam(name: string): boolean {
    return (this.params.get(name) ?? 0) > 0;
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/**
 * Variable uses and block-param declarations of Handlebars tags. With `scoped` (Dotprompt) names inside
 * `{{#each}}`/`{{#with}}` are item fields unless rooted (`@root.x`, `../x`) or block params; Mustache
 * (Markdown) looks names up the context stack, so every name counts there.
 */
export function handlebarsVariables(text: string, tags: readonly TemplateTag[], scoped: boolean): VariableScan {
  const scan: VariableScan = { uses: [], declared: [] };
  const scope = new BlockScope();
  for (const tag of tags) {
    if (tag.kind !== 'mustache') continue;
    // Mustache-style formats substitute names only: `{{https://…}}`, `{{topic or question}}` and `${{ x }}` are text.
    if (!scoped && !isMustacheVariableTag(text, tag)) continue;
    const parsed = parsedTag(text, tag);
    const record = (token: Token) => recordUse(scan, scope, scoped, tag, token);
    readTag(parsed, scope, record, (name) => scan.declared.push({ name: name.text, source: 'template', span: tokenSpan(name) }));
  }
  return scan;
}

/** A name as Handlebars' lexer reads one (any letters, `文档`, not `/`, `:` or spaces): `{{topic}}`, `{{user.name}}`, a section (`{{#items}}`, `{{/items}}`) or a helper block on a name (`{{#if x}}`). */
const NAME = `[^\\s!"#%&'()*+,./;<=>@[\\\\\\]^\`{|}~-][^\\s!"#%&'()*+,./;<=>@[\\\\\\]^\`{|}~]*`;
const MUSTACHE_VARIABLE = new RegExp(`^\\s*(?:[#^/&]\\s*)?(?:(?:if|unless|each|with)\\s+)?${NAME}(?:\\.${NAME})*\\s*$`, 'u');

function isMustacheVariableTag(text: string, tag: TemplateTag): boolean {
  if (tag.span.offset > 0 && text.charCodeAt(tag.span.offset - 1) === 36 /* $ */) return false; // `${{ github.x }}`
  if (tag.inner.length > 200) return false;
  return MUSTACHE_VARIABLE.test(text.slice(tag.inner.offset, tag.inner.offset + tag.inner.length));
}

function readTag(parsed: ParsedTag, scope: BlockScope, record: (token: Token) => void, declare: (token: Token) => void): void {
  const { sigil, tokens } = parsed;
  const head = tokens[0];
  if (sigil === '/') {
    if (head) scope.close(head.text);
    return;
  }
  if (sigil === '*' || sigil === '#*') return;
  const { call, blockParams } = splitBlockParams(tokens);
  blockParams.forEach(declare);
  if (sigil === '>' || sigil === '#>') {
    // The partial's name is a template, not a variable; its context and hash arguments are.
    paramUses(call, 1).forEach(record);
  } else if (head?.kind === 'path' && head.text === 'else') {
    paramUses(call.slice(1), 1).forEach(record);
  } else {
    callUses(call).forEach(record);
  }
  if ((sigil === '#' || sigil === '#>' || sigil === '^') && head?.kind === 'path') {
    const helper = call.length > 1 || KNOWN_HELPERS.has(head.text);
    scope.push({
      name: head.text,
      // A helper-less section (`{{#items}}`) iterates like `each` in Handlebars.
      changesContext: sigil === '#' && (CONTEXT_HELPERS.has(head.text) || !helper),
      params: blockParams.map((t) => t.text),
    });
  }
}

/** The uses of a call `head params…`: a lone non-helper path is a use; with params the head is a helper. */
function callUses(call: Token[]): Token[] {
  const head = call[0];
  if (!head) return [];
  if (head.kind === 'path' && call.length === 1) return KNOWN_HELPERS.has(head.text) ? [] : [head];
  return paramUses(call, head.kind === 'path' ? 1 : 0);
}

/**
 * Path tokens used as values from `from` on: not hash keys (`key=`) and not a subexpression's helper
 * (`(helper x)`). One pass without recursion, so deeply nested parentheses cannot overflow the stack.
 */
function paramUses(tokens: Token[], from: number): Token[] {
  const uses: Token[] = [];
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'path') continue;
    if (tokens[i + 1]?.kind === 'equals') continue;
    if (tokens[i - 1]?.kind === 'open') continue;
    uses.push(token);
  }
  return uses;
}

/** `as |item index|` at the end of a block opener. */
function splitBlockParams(tokens: Token[]): { call: Token[]; blockParams: Token[] } {
  const as = tokens.findIndex((t, i) => t.kind === 'path' && t.text === 'as' && tokens[i + 1]?.kind === 'pipe');
  if (as === -1) return { call: tokens, blockParams: [] };
  const blockParams: Token[] = [];
  for (let i = as + 2; i < tokens.length && tokens[i].kind !== 'pipe'; i++) {
    if (tokens[i].kind === 'path') blockParams.push(tokens[i]);
  }
  return { call: tokens.slice(0, as), blockParams };
}

function recordUse(scan: VariableScan, scope: BlockScope, scoped: boolean, tag: TemplateTag, token: Token): void {
  const path = readPath(token);
  if (!path) return;
  const visible =
    !scoped || path.rooted || scope.contextDepth === 0 || path.parents >= scope.contextDepth || scope.hasParam(path.name);
  if (visible) scan.uses.push({ name: path.name, span: tag.span, nameSpan: { offset: path.offset, length: path.name.length } });
}

interface PathRef {
  /** First segment: `x` of `x.y`, `../x`, `@root.x`. */
  name: string;
  offset: number;
  /** How many `../` it climbs. */
  parents: number;
  /** `@root.…`: always the template's input. */
  rooted: boolean;
}

/** The variable a path names, or nothing for `this`, `.`, `@index` and other data variables. */
function readPath(token: Token): PathRef | undefined {
  let text = token.text;
  let offset = token.offset;
  let parents = 0;
  while (text.startsWith('../')) {
    text = text.slice(3);
    offset += 3;
    parents++;
  }
  if (text.startsWith('./')) return undefined;
  let rooted = false;
  if (text.startsWith('@')) {
    if (!/^@root[./]/.test(text)) return undefined;
    text = text.slice(6);
    offset += 6;
    rooted = true;
  }
  const name = firstSegment(text);
  if (name.bracketed) offset++;
  if (!name.text || (!name.bracketed && (name.text === 'this' || name.text === '.'))) return undefined;
  return { name: name.text, offset, parents, rooted };
}

function firstSegment(text: string): { text: string; bracketed: boolean } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    return { text: close === -1 ? text.slice(1) : text.slice(1, close), bracketed: true };
  }
  const stop = text.search(/[./[]/);
  if (stop === 0 && text === '.') return { text: '.', bracketed: false };
  return { text: stop === -1 ? text : text.slice(0, stop), bracketed: false };
}

/** The role a Dotprompt `{{role "system"}}` tag switches to, or undefined when the tag is not a role marker. */
export function roleOfTag(text: string, tag: TemplateTag): string | undefined {
  if (tag.kind !== 'mustache') return undefined;
  // Role markers are short; skip the tokenizer for long tags.
  if (tag.inner.length > 200) return undefined;
  const { sigil, tokens } = parseTag(text, tag.inner);
  if (sigil !== '' || tokens[0]?.kind !== 'path' || tokens[0].text !== 'role') return undefined;
  const arg = tokens[1];
  if (arg?.kind === 'string') return stringValue(arg.text) || 'user';
  return arg ? arg.text : 'user';
}

/** Tags are read twice (syntax check, variables); the first reading is kept on the tag. */
export function parsedTag(text: string, tag: TemplateTag): ParsedTag {
  return (tag.parsed ??= parseTag(text, tag.inner));
}

export function parseTag(text: string, inner: Span): ParsedTag {
  let at = inner.offset;
  const end = inner.offset + inner.length;
  while (at < end && isWhitespace(text.charCodeAt(at))) at++;
  const sigil = /^(#>|#\*|[#^/>&*])/.exec(text.slice(at, at + 2))?.[0] ?? '';
  return { sigil: sigil === '&' ? '' : sigil, tokens: tokenize(text, at + sigil.length, end) };
}

const PUNCTUATION: Record<string, Token['kind']> = { '(': 'open', ')': 'close', '=': 'equals', '|': 'pipe' };

function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let at = start;
  while (at < end) {
    const ch = text[at];
    if (isWhitespace(text.charCodeAt(at))) {
      at++;
    } else if (PUNCTUATION[ch]) {
      tokens.push({ kind: PUNCTUATION[ch], text: ch, offset: at });
      at++;
    } else if (ch === '"' || ch === "'") {
      const close = stringEnd(text, at, end);
      tokens.push({ kind: 'string', text: text.slice(at, close), offset: at });
      at = close;
    } else {
      const close = pathEnd(text, at, end);
      const word = text.slice(at, close);
      const literal = /^(true|false|null|undefined|-?\d+(\.\d+)?)$/.test(word);
      tokens.push({ kind: literal ? 'literal' : 'path', text: word, offset: at });
      at = close;
    }
  }
  return tokens;
}

/** End of a quoted string (after its closing quote), honouring backslash escapes; an unclosed one runs to `end`. */
function stringEnd(text: string, at: number, end: number): number {
  const quote = text[at];
  for (let i = at + 1; i < end; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return end;
}

/** End of a path: whitespace or punctuation ends it, except inside a `[literal segment]`. */
function pathEnd(text: string, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const ch = text[i];
    if (ch === '[') {
      const close = text.indexOf(']', i);
      i = close === -1 || close >= end ? end : close + 1;
    } else if (isWhitespace(text.charCodeAt(i)) || PUNCTUATION[ch] || ch === '"' || ch === "'") {
      break;
    } else {
      i++;
    }
  }
  return Math.max(i, at + 1);
}

function stringValue(quoted: string): string {
  const inner = quoted.length >= 2 && quoted[0] === quoted[quoted.length - 1] ? quoted.slice(1, -1) : quoted.slice(1);
  return inner.replace(/\\(.)/g, '$1');
}

function tokenSpan(token: Token): Span {
  return { offset: token.offset, length: token.text.length };
}
