// Template syntax the engine would reject before sending anything: unclosed tags, unbalanced blocks, stray closers.
// Handlebars (Dotprompt) and Jinja (Prompty) only: Mustache-style `{{…}}` in Markdown is text to Copilot. See docs/formats.md.
import type { Span } from '../diagnostic';
import type { PartialReference, TemplateProblem } from './types';
import type { TemplateLanguage, TemplateScan, TemplateTag } from './template';
import { parsedTag, type Token } from './handlebars';
import { tokenize as jinjaTokens } from './jinja';

export interface SyntaxScan {
  problems: TemplateProblem[];
  /** Tags the engine could not read (`{{ name }!… }}`): their words are not variables. */
  broken: Set<TemplateTag>;
  /** Handlebars partials the template renders (`{{> name}}`, `{{#> name}}`), resolved by the engine. */
  partials: PartialReference[];
}

const CLOSERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/** After this many, the rest are summed up in one problem: one early mistake throws every later tag off. */
export const MAX_TEMPLATE_PROBLEMS = 20;

export function templateSyntax(text: string, region: Span, scan: TemplateScan, language: TemplateLanguage): SyntaxScan {
  const result: SyntaxScan = { problems: [], partials: [], broken: new Set() };
  if (language === 'mustache') return result;
  const { problems: found, uncounted } = collect(text, region, scan, language, result);
  found.sort((a, b) => a.span.offset - b.span.offset);
  result.problems = found.slice(0, MAX_TEMPLATE_PROBLEMS);
  if (found.length > MAX_TEMPLATE_PROBLEMS) {
    const rest = found.slice(MAX_TEMPLATE_PROBLEMS);
    const first = rest[0].span.offset;
    result.problems.push({
      message: `${rest.length + uncounted === 1 ? '1 more template syntax error follows' : `${rest.length + uncounted} more template syntax errors follow`}, most likely caused by the ones above: fix those first.`,
      span: { offset: first, length: 0 },
    });
  }
  return result;
}

function collect(
  text: string,
  region: Span,
  scan: TemplateScan,
  language: TemplateLanguage,
  out: SyntaxScan,
): { problems: TemplateProblem[]; uncounted: number } {
  const result: SyntaxScan = { problems: [], partials: out.partials, broken: out.broken };
  strayClosers(text, region, scan, language, result);
  for (const span of scan.unclosed.slice(0, MAX_SCANNED_UNCLOSED)) {
    const opener = text.slice(span.offset, span.offset + 2);
    const closer = text.startsWith('{{!--', span.offset) ? '--}}' : (CLOSERS[opener] ?? '}}');
    result.problems.push({
      message: `'${text.slice(span.offset, span.offset + span.length)}' is not closed: add '${closer}' (a stray '${opener}' must be escaped${language === 'handlebars' ? " as '\\{{'" : ' as "{{ \'' + opener + '\' }}"'}).`,
      span,
    });
  }
  if (language === 'handlebars') handlebarsBlocks(text, scan.tags, result);
  else jinjaBlocks(text, scan.tags, result);
  return { problems: result.problems, uncounted: Math.max(0, scan.unclosed.length - MAX_SCANNED_UNCLOSED) };
}

/** Unclosed openers beyond this are not described one by one (they are summed up anyway). */
const MAX_SCANNED_UNCLOSED = 1000;

/**
 * `}}` in the text with no `{` before it to close: the engine sends it as text, but it is almost always a tag
 * whose `{{` was lost. Braces of JSON examples balance (`{"a": {"b": 1}}`) and are left alone.
 */
function strayClosers(text: string, region: Span, scan: TemplateScan, language: TemplateLanguage, result: SyntaxScan): void {
  const masked = [...scan.tags.map((t) => t.span), ...scan.comments.map((c) => c.span), ...scan.unclosed].sort(
    (a, b) => a.offset - b.offset,
  );
  const end = region.offset + region.length;
  let depth = 0;
  let k = 0;
  for (let i = text.indexOf('}', region.offset) === -1 ? end : region.offset; i < end; i++) {
    while (k < masked.length && masked[k].offset + masked[k].length <= i) k++;
    if (k < masked.length && masked[k].offset <= i) {
      i = masked[k].offset + masked[k].length - 1;
      continue;
    }
    const ch = text.charCodeAt(i);
    if (ch === 123 /* { */) depth++;
    else if (ch === 125 /* } */) {
      if (depth > 0) depth--;
      else if (text.charCodeAt(i + 1) === 125 && i + 1 < end) {
        const opener = language === 'jinja' ? '{{ … }}' : '{{…}}';
        result.problems.push({
          message: `Stray '}}': no tag is open here, so it is sent as text. If it ends a tag ${opener}, its opening braces are missing.`,
          span: { offset: i, length: 2 },
        });
        i++;
      }
    }
  }
}

interface OpenBlock {
  name: string;
  /** How the opener reads in a message: `{{#if}}`, `{% for %}` (built only when reported). */
  readonly label: string;
  span: Span;
  /** Jinja: which middle tags the block accepts. */
  middles?: ReadonlySet<string>;
}

/** Closes the innermost block named `name`; blocks left open inside it are reported as unclosed. */
function closeBlock(
  stack: OpenBlock[],
  name: string,
  closer: { label: string; span: Span },
  result: SyntaxScan,
  closeLabel: (block: OpenBlock) => string,
): void {
  const top = stack[stack.length - 1];
  if (top?.name === name) {
    pop(stack);
    return;
  }
  const depth = isOpen(stack, name) ? findLast(stack, name) : -1;
  if (depth === -1) {
    const expected = top ? `; the open block is ${top.label} (close it with ${closeLabel(top)})` : '';
    result.problems.push({
      message: `${closer.label} closes no open block${expected}.`,
      span: closer.span,
      related: top ? [{ ...top.span, message: `${top.label} opened here` }] : undefined,
    });
    return;
  }
  while (stack.length > depth + 1) {
    const inner = pop(stack) as OpenBlock;
    result.problems.push({
      message: `${inner.label} is not closed before ${closer.label}: add ${closeLabel(inner)}.`,
      span: inner.span,
      related: [{ ...closer.span, message: `${closer.label} is here` }],
    });
    result.problems.push({
      message: `${closer.label} closes ${stack[depth].label} while ${inner.label} inside it is still open.`,
      span: closer.span,
      related: [{ ...inner.span, message: `${inner.label} opened here` }],
    });
  }
  pop(stack);
}

/** Open blocks per name, kept beside each stack so a stray closer is known without walking a deep stack. */
const openCounts = new WeakMap<OpenBlock[], Map<string, number>>();

function push(stack: OpenBlock[], block: OpenBlock): void {
  stack.push(block);
  const counts = openCounts.get(stack) ?? new Map<string, number>();
  openCounts.set(stack, counts);
  counts.set(block.name, (counts.get(block.name) ?? 0) + 1);
}

function pop(stack: OpenBlock[]): OpenBlock | undefined {
  const block = stack.pop();
  const counts = openCounts.get(stack);
  if (block && counts) counts.set(block.name, (counts.get(block.name) ?? 1) - 1);
  return block;
}

function isOpen(stack: OpenBlock[], name: string): boolean {
  return (openCounts.get(stack)?.get(name) ?? 0) > 0;
}

function findLast(stack: readonly OpenBlock[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].name === name) return i;
  return -1;
}

function reportUnclosed(stack: readonly OpenBlock[], result: SyntaxScan, closeLabel: (block: OpenBlock) => string): void {
  // The outermost come first in the file; past the reported few the rest are only counted by the caller.
  for (const block of stack.slice(0, MAX_TEMPLATE_PROBLEMS + 1)) {
    result.problems.push({ message: `${block.label} is never closed: add ${closeLabel(block)}.`, span: block.span });
  }
}

/** Handlebars: `{{#x}}`/`{{^x}}`/`{{#> p}}`/`{{#*inline}}` open, `{{/x}}` closes (names must match), `{{else}}` only inside a block. */
function handlebarsBlocks(text: string, tags: readonly TemplateTag[], result: SyntaxScan): void {
  const stack: OpenBlock[] = [];
  const closeLabel = (block: OpenBlock) => `'{{/${block.name}}}'`;
  for (const tag of tags) {
    if (tag.kind !== 'mustache') continue;
    const inner = text.slice(tag.inner.offset, tag.inner.offset + tag.inner.length);
    if (inner.trim() === '') {
      result.problems.push({ message: 'Empty tag: Handlebars needs an expression between the braces.', span: tag.span });
      continue;
    }
    // Long tags are still parsed: the tokenizer is linear.
    const { sigil, tokens } = parsedTag(text, tag);
    const head = tokens[0];
    const invalid =
      sigil === '*' || sigil === '#*' ? undefined : tokens.find((t) => t.kind === 'path' && !isHandlebarsPath(t.text));
    const broken = invalid ? undefined : tokenProblem(tokens);
    if (broken) {
      result.problems.push({ message: broken, span: tag.span });
      result.broken.add(tag);
    } else if (invalid) {
      result.problems.push({
        message: invalid.text.includes('}')
          ? `'}' inside a tag: a tag ends with '}}', so this one runs on to the next '}}'.`
          : `'${invalid.text}' is not Handlebars syntax: a tag holds a name, or a helper and its arguments (compare with a helper, e.g. '(gte age 18)').`,
        span: { offset: invalid.offset, length: invalid.text.length },
        related: [{ ...tag.span, message: 'in this tag' }],
      });
      result.broken.add(tag);
    }
    const name = head && (head.kind === 'path' || head.kind === 'string') ? head.text.replace(/^["']|["']$/g, '') : '';
    if (sigil === '>' || sigil === '#>') {
      if (head)
        result.partials.push({
          name,
          span: tag.span,
          nameSpan: { offset: head.offset, length: head.text.length },
          withContext: tokens.length > 1 && tokens[1].kind !== 'equals' && tokens[2]?.kind !== 'equals',
          inBlock: stack.length > 0,
          block: sigil === '#>',
        });
      if (sigil === '#>') push(stack, { name, label: `'{{#> ${name}}}'`, span: tag.span });
      continue;
    }
    if (sigil === '#*') {
      push(stack, { name: head?.text ?? '', label: `'{{#*${head?.text ?? ''}}}'`, span: tag.span });
      continue;
    }
    if (sigil === '#' || (sigil === '^' && head)) {
      if (!head || head.kind !== 'path') {
        result.problems.push({ message: `A block needs a helper or a name: '{{${sigil}…}}'.`, span: tag.span });
        continue;
      }
      push(stack, { name: head.text, label: `'{{${sigil}${head.text}}}'`, span: tag.span });
      continue;
    }
    if (sigil === '/') {
      closeBlock(stack, head?.text ?? '', { label: `'{{/${head?.text ?? ''}}}'`, span: tag.span }, result, closeLabel);
      continue;
    }
    const isElse = (sigil === '' && head?.kind === 'path' && head.text === 'else') || (sigil === '^' && !head);
    if (isElse && stack.length === 0) {
      result.problems.push({
        message: `'{{${sigil === '^' ? '^' : 'else'}}}' outside a block: it belongs between '{{#if}}' (or '{{#each}}', '{{#unless}}', '{{#with}}') and its closing tag.`,
        span: tag.span,
      });
    }
  }
  reportUnclosed(stack, result, closeLabel);
}

/** Characters a Handlebars identifier may not contain (its lexer's ID rule); `.` and `/` separate path segments. */
const NOT_IN_ID = /[\s!"#%&'()*+,;<=>@[\\\]^`{|}~]/;

const SIMPLE_NAME = /^[A-Za-z_$][\w$-]*$/;

/** `name`, `a.b`, `a/b`, `../a`, `./a`, `@index`, `@root.a`, `this`, `[any text]` segments. */
function isHandlebarsPath(path: string): boolean {
  if (SIMPLE_NAME.test(path)) return true;
  const rest = path.startsWith('@') ? path.slice(1) : path;
  // `[…]` segments may hold anything but `]`; what is left are identifier runs between separators.
  const unbracketed = rest.replace(/\[[^\]]*\]/g, '_');
  if (unbracketed.includes('[')) return false;
  return unbracketed.split(/[./]/).every((segment) => !NOT_IN_ID.test(segment));
}

/** A problem with the tokens of a tag that the tokenizer still split: an open string, unbalanced parentheses, `{{a=b}}`. */
function tokenProblem(tokens: readonly Token[]): string | undefined {
  let depth = 0;
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'string' && (t.text.length < 2 || t.text[t.text.length - 1] !== t.text[0]))
      return `The string ${t.text} is not closed.`;
    if (t.kind === 'open') depth++;
    if (t.kind === 'close' && --depth < 0) return "')' closes no '('.";
    if (t.kind === 'equals' && (i < 2 || tokens[i - 1].kind !== 'path'))
      return "'=' needs a helper before its 'key=value' arguments.";
  }
  return depth > 0 ? "'(' is not closed: add ')'." : undefined;
}

/** Jinja statements that open a block, and the middle tags each accepts. */
const JINJA_BLOCKS: Record<string, ReadonlySet<string>> = {
  for: new Set(['else']),
  if: new Set(['elif', 'else']),
  macro: new Set(),
  call: new Set(),
  filter: new Set(),
  block: new Set(),
  with: new Set(),
  autoescape: new Set(),
  trans: new Set(['pluralize']),
  set: new Set(),
};

/** Statements that stand alone (built-in tags and the loop-control, `do` and debug extensions). */
const JINJA_SINGLE = new Set([
  'extends',
  'include',
  'import',
  'from',
  'do',
  'break',
  'continue',
  'debug',
  'print',
  'raw',
  'endraw',
]);

function jinjaBlocks(text: string, tags: readonly TemplateTag[], result: SyntaxScan): void {
  const stack: OpenBlock[] = [];
  const closeLabel = (block: OpenBlock) => `'{% end${block.name} %}'`;
  for (const tag of tags) {
    if (tag.kind === 'expression') {
      if (text.slice(tag.inner.offset, tag.inner.offset + tag.inner.length).trim() === '') {
        result.problems.push({ message: "Empty expression: Jinja needs something between '{{' and '}}'.", span: tag.span });
      }
      continue;
    }
    if (tag.kind !== 'statement') continue;
    const tokens = jinjaTokens(text, tag.inner.offset, tag.inner.offset + tag.inner.length);
    const head = tokens[0];
    if (!head || head.kind !== 'name') {
      result.problems.push({
        message: "A statement needs a tag name: '{% if … %}', '{% for … %}', '{% set … %}'.",
        span: tag.span,
      });
      continue;
    }
    const keyword = head.text;
    if (keyword === 'set' && tokens.some((t) => t.text === '=')) continue; // `{% set x = … %}` stands alone
    if (keyword === 'for' && !tokens.some((t, i) => i > 1 && t.kind === 'name' && t.text === 'in')) {
      result.problems.push({ message: "'{% for %}' needs 'in': '{% for item in items %}'.", span: tag.span });
    }
    if (JINJA_BLOCKS[keyword]) {
      push(stack, { name: keyword, label: `'{% ${keyword} %}'`, span: tag.span, middles: JINJA_BLOCKS[keyword] });
      continue;
    }
    if (keyword.startsWith('end') && JINJA_BLOCKS[keyword.slice(3)]) {
      closeBlock(stack, keyword.slice(3), { label: `'{% ${keyword} %}'`, span: tag.span }, result, closeLabel);
      continue;
    }
    if (keyword === 'elif' || keyword === 'else' || keyword === 'pluralize') {
      const top = stack[stack.length - 1];
      if (!top?.middles?.has(keyword)) {
        const where = keyword === 'pluralize' ? "'{% trans %}'" : keyword === 'elif' ? "'{% if %}'" : "'{% if %}' or '{% for %}'";
        result.problems.push({
          message: `'{% ${keyword} %}' outside ${where}${top ? ` (the open block is ${top.label})` : ''}.`,
          span: tag.span,
          related: top ? [{ ...top.span, message: `${top.label} opened here` }] : undefined,
        });
      }
      continue;
    }
    if (JINJA_SINGLE.has(keyword)) continue;
    result.problems.push({
      message: `Unknown tag '${keyword}': Jinja rejects the template ("Encountered unknown tag").`,
      span: { offset: head.offset, length: head.text.length },
    });
  }
  reportUnclosed(stack, result, closeLabel);
}
