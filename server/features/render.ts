// Renders a prompt template with example variable values for the preview — without executing template code:
// variable substitution, the block helpers each format documents (Handlebars/Dotprompt `if`, `unless`, `each`,
// `with`, `json`, `ifEquals`; Mustache sections; Jinja `if`/`for`/`set` over plain names and a fixed list of
// filters). Anything else (an expression, an unknown helper or filter) is shown as written and listed as not
// evaluated, so the preview never runs code from the workspace. See docs/lsp.md ("Rendered preview").
import type { TemplateLanguage } from '../../core/document/template';
import { scanBlocks, type ReadTag, type TemplateBlock } from './template-blocks';

/** A piece of the rendered text: prompt text, a substituted value, or a tag shown as written. */
export interface RenderedSegment {
  text: string;
  kind: 'text' | 'value' | 'missing' | 'literal';
}

export interface RenderResult {
  segments: RenderedSegment[];
  /** Variables with no value in the chosen set (shown as written). */
  missing: string[];
  /** Tags shown as written because the preview does not evaluate them (`{{ a + b }}`, `{{custom x}}`). */
  unevaluated: string[];
  /** True when rendering stopped at MAX_OUTPUT characters or MAX_STEPS nodes (loops over large lists). */
  truncated: boolean;
}

/** Rendered characters per preview; a loop over a large list stops here instead of growing without bound. */
export const MAX_OUTPUT = 1_000_000;
/** Template nodes rendered per preview: nested loops that print nothing stop here too (never a hang). */
export const MAX_STEPS = 1_000_000;

type Scope = { values: Record<string, unknown>; data: Record<string, unknown>; parent?: Scope; self: unknown };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; tag: ReadTag; source: string }
  | { kind: 'block'; block: TemplateBlock; source: string; branches: Node[][] };

interface State {
  language: TemplateLanguage;
  partials: Record<string, string>;
  depth: number;
  steps: number;
  out: RenderedSegment[];
  length: number;
  missing: Set<string>;
  unevaluated: Set<string>;
  truncated: boolean;
}

/** Partials included inside partials, at most this deep (a partial that includes itself stops here). */
const MAX_PARTIAL_DEPTH = 8;

/** `partials`: Dotprompt partial names to their template text, read by the caller. */
export function renderTemplate(
  source: string,
  language: TemplateLanguage,
  values: Record<string, unknown>,
  partials: Record<string, string> = {},
): RenderResult {
  const state: State = {
    language,
    partials,
    depth: 0,
    steps: 0,
    out: [],
    length: 0,
    missing: new Set(),
    unevaluated: new Set(),
    truncated: false,
  };
  renderNodes(state, parse(source, language), { values: { ...values }, data: {}, self: values });
  return {
    segments: merge(state.out),
    missing: [...state.missing],
    unevaluated: [...state.unevaluated],
    truncated: state.truncated,
  };
}

// ---- the template as a tree ------------------------------------------------------------------------------------

function parse(source: string, language: TemplateLanguage): Node[] {
  const scan = scanBlocks(source, { offset: 0, length: source.length }, language, language === 'mustache');
  return buildNodes(source, scan.tags, scan.blocks, 0, source.length);
}

function buildNodes(
  text: string,
  tags: readonly ReadTag[],
  blocks: readonly TemplateBlock[],
  from: number,
  to: number,
  trimStart = false,
  trimEnd = false,
  standaloneStart = false,
  standaloneEnd = false,
): Node[] {
  const nodes: Node[] = [];
  let at = from;
  let trimNext = trimStart;
  let standaloneNext = standaloneStart;
  const pushText = (end: number, trimEnd: boolean, standaloneEnd = false) => {
    let piece = text.slice(at, end);
    if (trimNext) piece = piece.replace(/^\s+/, '');
    else if (standaloneNext) piece = piece.replace(/^[ \t]*\r?\n/, '');
    if (trimEnd) piece = piece.replace(/\s+$/, '');
    else if (standaloneEnd) piece = piece.replace(/[ \t]*$/, '');
    if (piece !== '') nodes.push({ kind: 'text', text: piece });
  };
  const blockAt = new Map(blocks.map((b) => [b.open.tag.span.offset, b]));
  for (const tag of tags) {
    const span = tag.tag.span;
    if (span.offset < at || span.offset + span.length > to) continue;
    pushText(span.offset, trimsBefore(text, tag), standalone(text, tag));
    trimNext = trimsAfter(text, tag);
    standaloneNext = standalone(text, tag);
    const block = blockAt.get(span.offset);
    if (block) {
      const end = block.close.tag.span.offset + block.close.tag.span.length;
      const bounds = [block.open, ...block.middles, block.close];
      const branches = bounds.slice(0, -1).map((t, i) => {
        const start = t.tag.span.offset + t.tag.span.length;
        const inner = tags.filter((x) => x.tag.span.offset >= start && x.tag.span.offset < bounds[i + 1].tag.span.offset);
        const next = bounds[i + 1];
        return buildNodes(
          text,
          inner,
          block.children,
          start,
          next.tag.span.offset,
          trimsAfter(text, t),
          trimsBefore(text, next),
          standalone(text, t),
          standalone(text, next),
        );
      });
      nodes.push({ kind: 'block', block, source: text.slice(span.offset, end), branches });
      at = end;
      trimNext = trimsAfter(text, block.close);
      standaloneNext = standalone(text, block.close);
    } else {
      nodes.push({ kind: 'tag', tag, source: text.slice(span.offset, span.offset + span.length) });
      at = span.offset + span.length;
    }
  }
  pushText(to, trimEnd, standaloneEnd);
  return nodes;
}

/**
 * Mustache's and Handlebars' standalone rule: a block tag (`{{#if}}`, `{{else}}`, `{{/if}}`) or partial alone on its
 * line takes the whole line with it, so it leaves no blank line behind. Jinja keeps the line (no trim_blocks).
 */
function standalone(text: string, tag: ReadTag): boolean {
  if (tag.role === 'plain' && tag.sigil !== '>') return false;
  if (tag.sigil === '$' || isJinja(tag)) return false;
  let before = tag.tag.span.offset;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (before > 0 && text[before - 1] !== '\n') return false;
  const after = /[ \t]*(\r?\n|$)/y;
  after.lastIndex = tag.tag.span.offset + tag.tag.span.length;
  return after.test(text);
}

function isJinja(tag: ReadTag): boolean {
  return tag.tag.kind === 'expression' || tag.tag.kind === 'statement';
}

/** Whitespace control: `{{~`, `{%-`, `{{-` remove the whitespace before the tag; `~}}`, `-%}` the whitespace after it. */
function trimsBefore(text: string, tag: ReadTag): boolean {
  const mark = text.charAt(tag.tag.span.offset + (text.startsWith('{{{', tag.tag.span.offset) ? 3 : 2));
  return mark === '~' || mark === '-';
}

function trimsAfter(text: string, tag: ReadTag): boolean {
  const end = tag.tag.span.offset + tag.tag.span.length;
  const mark = text.charAt(end - (text.startsWith('}}}', end - 3) ? 4 : 3));
  return mark === '~' || mark === '-';
}

// ---- rendering ------------------------------------------------------------------------------------------------

function emit(state: State, text: string, kind: RenderedSegment['kind']): void {
  if (state.truncated || text === '') return;
  const room = MAX_OUTPUT - state.length;
  if (text.length > room) {
    state.out.push({ text: text.slice(0, room), kind });
    state.length = MAX_OUTPUT;
    state.truncated = true;
    return;
  }
  state.out.push({ text, kind });
  state.length += text.length;
}

function renderNodes(state: State, nodes: readonly Node[], scope: Scope): void {
  for (const node of nodes) {
    if (!tick(state)) return;
    if (node.kind === 'text') emit(state, node.text, 'text');
    else if (node.kind === 'tag') renderTag(state, node.tag, node.source, scope);
    else renderBlock(state, node, scope);
  }
}

/** Counts one rendered node or loop iteration; false once the preview must stop. */
function tick(state: State): boolean {
  if (state.truncated) return false;
  if (++state.steps > MAX_STEPS) state.truncated = true;
  return !state.truncated;
}

function literal(state: State, source: string): void {
  state.unevaluated.add(source.length > 80 ? `${source.slice(0, 79)}…` : source);
  emit(state, source, 'literal');
}

function renderTag(state: State, tag: ReadTag, source: string, scope: Scope): void {
  if (tag.sigil === '$')
    return substitute(state, source, lookup(scope, tag.args.split(':')[0].trim()), tag.args.split(':')[0].trim());
  if (state.language === 'jinja') return renderJinjaTag(state, tag, source, scope);
  if (tag.sigil === '>') return renderPartial(state, tag, source, scope);
  if (tag.role === 'middle' || tag.role === 'close') return literal(state, source);
  const words = splitArgs(tag.args);
  const head = words[0];
  if (head === undefined) return literal(state, source);
  // Dotprompt's `{{history}}`, `{{media url=…}}` and `{{section …}}` stand for content supplied at run time.
  if (state.language === 'handlebars' && (head === 'history' || head === 'media' || head === 'section'))
    return literal(state, source);
  if (words.length === 1 && isPath(head)) return substitute(state, source, lookup(scope, head), head);
  if (state.language === 'handlebars' && head === 'json' && words.length >= 2 && isPath(words[1])) {
    const value = lookup(scope, words[1]);
    if (value === undefined) return substitute(state, source, undefined, words[1]);
    const indent = /^indent=(\d+)$/.exec(words[2] ?? '')?.[1];
    return emit(state, JSON.stringify(value, null, indent ? Number(indent) : undefined) ?? '', 'value');
  }
  literal(state, source);
}

/** `{{> name}}` (no context argument or hash): the partial's text, rendered in the same scope. */
function renderPartial(state: State, tag: ReadTag, source: string, scope: Scope): void {
  const words = splitArgs(tag.args);
  const name = words[0]?.replace(/^["']|["']$/g, '');
  const text = name === undefined ? undefined : state.partials[name];
  if (text === undefined || words.length !== 1 || state.depth >= MAX_PARTIAL_DEPTH) return literal(state, source);
  state.depth++;
  renderNodes(state, parse(text, state.language), scope);
  state.depth--;
}

function substitute(state: State, source: string, value: unknown, name: string): void {
  if (value === undefined || value === null) {
    state.missing.add(name);
    emit(state, source, 'missing');
    return;
  }
  emit(state, show(value), 'value');
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function renderBlock(state: State, node: Extract<Node, { kind: 'block' }>, scope: Scope): void {
  if (state.language === 'jinja') return renderJinjaBlock(state, node, scope);
  const { block, branches } = node;
  const words = splitArgs(block.open.args);
  const elseBranch = branches[1] ?? [];
  const known = (path: string | undefined) => path !== undefined && isPath(path);
  // `{{^name}}…{{/name}}`: rendered when `name` is falsy or missing.
  if (block.open.sigil === '^' && words.length === 0 && isPath(block.open.name)) {
    return renderNodes(state, truthy(valueOf(state, scope, block.open.name)) ? elseBranch : branches[0], scope);
  }
  if (block.open.sigil !== '#') return literal(state, node.source);
  const name = block.open.name;
  if ((name === 'if' || name === 'unless') && words.length === 1 && known(words[0])) {
    const yes = truthy(valueOf(state, scope, words[0])) === (name === 'if');
    return renderNodes(state, yes ? branches[0] : elseBranch, scope);
  }
  if ((name === 'ifEquals' || name === 'unlessEquals') && words.length === 2 && state.language === 'handlebars') {
    const a = operand(scope, words[0]);
    const b = operand(scope, words[1]);
    if (a.ok && b.ok)
      return renderNodes(state, (a.value === b.value) === (name === 'ifEquals') ? branches[0] : elseBranch, scope);
    return literal(state, node.source);
  }
  if (name === 'with' && words.length === 1 && known(words[0])) {
    const value = lookup(scope, words[0]);
    return truthy(value) ? renderNodes(state, branches[0], child(scope, value, {})) : renderNodes(state, elseBranch, scope);
  }
  const asParams = /\bas\s*\|\s*([\w$]+)(?:\s+([\w$]+))?\s*\|/.exec(block.open.args);
  if (name === 'each' && known(words[0]) && (words.length === 1 || asParams)) {
    return renderEach(state, valueOf(state, scope, words[0]), branches[0], elseBranch, scope, asParams?.[1], asParams?.[2]);
  }
  // A Mustache section `{{#name}}…{{/name}}`: a list repeats, a truthy value renders once, a falsy one not at all.
  if (state.language === 'mustache' && words.length === 0 && isPath(name)) {
    const value = valueOf(state, scope, name);
    if (Array.isArray(value)) return renderEach(state, value, branches[0], [], scope);
    if (truthy(value)) return renderNodes(state, branches[0], typeof value === 'object' ? child(scope, value, {}) : scope);
    return undefined;
  }
  literal(state, node.source);
}

function renderEach(
  state: State,
  value: unknown,
  body: Node[],
  otherwise: Node[],
  scope: Scope,
  itemName?: string,
  indexName?: string,
): void {
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  if (entries.length === 0) return renderNodes(state, otherwise, scope);
  entries.forEach(([key, item], i) => {
    if (!tick(state)) return;
    const values: Record<string, unknown> = {};
    if (itemName) values[itemName] = item;
    if (indexName) values[indexName] = key;
    const data = { index: i, key, first: i === 0, last: i === entries.length - 1 };
    renderNodes(state, body, child(scope, itemName ? scope.self : item, data, values));
  });
}

// ---- Jinja ---------------------------------------------------------------------------------------------------

/** Filters the preview applies; any other filter leaves the tag as written. */
const FILTERS: Record<string, (value: unknown, args: unknown[]) => unknown> = {
  trim: (v) => (typeof v === 'string' ? v.trim() : v),
  upper: (v) => (typeof v === 'string' ? v.toUpperCase() : v),
  lower: (v) => (typeof v === 'string' ? v.toLowerCase() : v),
  capitalize: (v) => (typeof v === 'string' ? v.charAt(0).toUpperCase() + v.slice(1).toLowerCase() : v),
  title: (v) => (typeof v === 'string' ? v.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()) : v),
  length: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  join: (v, [sep]) => (Array.isArray(v) ? v.map(show).join(typeof sep === 'string' ? sep : '') : v),
  tojson: (v) => JSON.stringify(v),
  string: (v) => show(v),
  default: (v, [fallback]) => (v === undefined || v === null ? fallback : v),
  d: (v, [fallback]) => (v === undefined || v === null ? fallback : v),
};

function renderJinjaTag(state: State, tag: ReadTag, source: string, scope: Scope): void {
  if (tag.tag.kind === 'expression') {
    const result = jinjaExpression(scope, tag.args);
    if (!result.ok) return literal(state, source);
    if (result.value === undefined || result.value === null) return substitute(state, source, undefined, result.name ?? tag.args);
    return emit(state, show(result.value), 'value');
  }
  if (tag.name === 'set') {
    const match = /^([A-Za-z_]\w*)\s*=\s*(.+)$/s.exec(tag.args);
    const value = match ? jinjaExpression(scope, match[2]) : undefined;
    if (match && value?.ok) {
      scope.values[match[1]] = value.value;
      return;
    }
  }
  literal(state, source);
}

function renderJinjaBlock(state: State, node: Extract<Node, { kind: 'block' }>, scope: Scope): void {
  const { block, branches } = node;
  if (block.name === 'if') {
    const conditions = [block.open, ...block.middles];
    for (let i = 0; i < conditions.length; i++) {
      const tag = conditions[i];
      if (tag.name === 'else') return renderNodes(state, branches[i], scope);
      const test = jinjaCondition(state, scope, tag.args);
      if (test === undefined) return literal(state, node.source);
      if (test) return renderNodes(state, branches[i], scope);
    }
    return undefined;
  }
  if (block.name === 'for') {
    const match = /^([A-Za-z_]\w*)\s+in\s+(.+)$/s.exec(block.open.args);
    const list = match ? jinjaExpression(scope, match[2]) : undefined;
    if (!match || !list?.ok) return literal(state, node.source);
    if (list.value === undefined && list.name) state.missing.add(list.name);
    const items = Array.isArray(list.value)
      ? list.value
      : list.value && typeof list.value === 'object'
        ? Object.keys(list.value)
        : [];
    if (items.length === 0) return renderNodes(state, branches[1] ?? [], scope);
    items.forEach((item, i) => {
      if (!tick(state)) return;
      const loop = { index: i + 1, index0: i, first: i === 0, last: i === items.length - 1, length: items.length };
      renderNodes(state, branches[0], child(scope, scope.self, {}, { [match[1]]: item, loop }));
    });
    return undefined;
  }
  literal(state, node.source);
}

/** `name`, `name.attr`, `name["key"]`, `'text'`, a number, each with `| filter(args)`; undefined `ok` = not evaluated. */
function jinjaExpression(scope: Scope, source: string): { ok: true; value: unknown; name?: string } | { ok: false } {
  const parts = splitPipes(source);
  if (!parts) return { ok: false };
  const base = operand(scope, parts[0].trim().replace(/\[\s*["'](\w+)["']\s*\]/g, '.$1'));
  if (!base.ok) return { ok: false };
  let value = base.value;
  for (const filter of parts.slice(1)) {
    const match = /^\s*([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*$/s.exec(filter);
    const apply = match ? FILTERS[match[1]] : undefined;
    if (!match || !apply) return { ok: false };
    const args: unknown[] = [];
    for (const arg of match[2] ? splitComma(match[2]) : []) {
      const parsed = operand(scope, arg.trim());
      if (!parsed.ok) return { ok: false };
      args.push(parsed.value);
    }
    value = apply(value, args);
  }
  return { ok: true, value, name: isPath(parts[0].trim()) ? parts[0].trim() : undefined };
}

/** `x`, `not x`, `x is defined`, `x is not defined`, `x == 'lit'`, `x != 'lit'`; anything else is not evaluated. */
function jinjaCondition(state: State, scope: Scope, source: string): boolean | undefined {
  const text = source.trim();
  const not = /^not\s+(.+)$/s.exec(text);
  if (not) {
    const inner = jinjaCondition(state, scope, not[1]);
    return inner === undefined ? undefined : !inner;
  }
  const defined = /^([\w.]+)\s+is\s+(not\s+)?defined$/.exec(text);
  if (defined && isPath(defined[1])) return (lookup(scope, defined[1]) !== undefined) !== Boolean(defined[2]);
  const compare = /^(.+?)\s*(==|!=)\s*(.+)$/s.exec(text);
  if (compare) {
    const a = operand(scope, compare[1].trim());
    const b = operand(scope, compare[3].trim());
    if (!a.ok || !b.ok) return undefined;
    return (a.value === b.value) === (compare[2] === '==');
  }
  const value = jinjaExpression(scope, text);
  if (value.ok && value.value === undefined && value.name) state.missing.add(value.name);
  return value.ok ? pythonTruthy(value.value) : undefined;
}

// ---- values -------------------------------------------------------------------------------------------------

/** A condition's or loop's value; a name with no value at all is listed as missing (its block renders as empty). */
function valueOf(state: State, scope: Scope, path: string): unknown {
  const value = lookup(scope, path);
  if (value === undefined && !path.startsWith('@') && path !== 'this') state.missing.add(path);
  return value;
}

function child(scope: Scope, self: unknown, data: Record<string, unknown>, values: Record<string, unknown> = {}): Scope {
  const own =
    self && typeof self === 'object' && !Array.isArray(self)
      ? { ...(self as Record<string, unknown>), ...values }
      : { ...values };
  return { values: own, data, parent: scope, self };
}

/** A plain dotted path (`a.b`, `this`, `@index`, `../x`); never an expression. */
function isPath(text: string): boolean {
  return /^(\.\.\/)*(@?[A-Za-z_$][\w$-]*|this|\.)(\.[A-Za-z_$][\w$-]*|\.\d+)*$/.test(text);
}

function lookup(scope: Scope, path: string): unknown {
  let current: Scope | undefined = scope;
  let rest = path;
  while (rest.startsWith('../')) {
    current = current?.parent;
    rest = rest.slice(3);
  }
  if (!current) return undefined;
  const [head, ...tail] = rest.split('.');
  let value: unknown;
  if (head === 'this' || head === '') value = current.self;
  else if (head.startsWith('@')) value = current.data[head.slice(1)];
  else {
    for (let s: Scope | undefined = current; s; s = s.parent) {
      if (Object.prototype.hasOwnProperty.call(s.values, head)) {
        value = s.values[head];
        break;
      }
    }
  }
  for (const key of tail) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** A literal (`"x"`, `'x'`, `3`, `true`, `none`) or a path. */
function operand(scope: Scope, text: string): { ok: true; value: unknown } | { ok: false } {
  const quoted = /^(["'])(.*)\1$/s.exec(text);
  if (quoted) return { ok: true, value: quoted[2] };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { ok: true, value: Number(text) };
  if (/^(true|True)$/.test(text)) return { ok: true, value: true };
  if (/^(false|False)$/.test(text)) return { ok: true, value: false };
  if (/^(none|None|null)$/.test(text)) return { ok: true, value: null };
  return isPath(text) ? { ok: true, value: lookup(scope, text) } : { ok: false };
}

/** Handlebars falsy: undefined, null, false, '', 0 and the empty list. */
function truthy(value: unknown): boolean {
  return !(
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Python falsy adds the empty mapping. */
function pythonTruthy(value: unknown): boolean {
  return truthy(value) && !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
}

/** Whitespace-separated arguments, quoted strings kept whole. */
function splitArgs(text: string): string[] {
  return text.match(/"[^"]*"|'[^']*'|[^\s]+/g) ?? [];
}

function splitPipes(text: string): string[] | undefined {
  const parts = splitOutside(text, '|');
  return parts.some((p) => p.trim() === '') ? undefined : parts;
}

function splitComma(text: string): string[] {
  return splitOutside(text, ',');
}

function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function merge(segments: RenderedSegment[]): RenderedSegment[] {
  const merged: RenderedSegment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.kind === segment.kind) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}
