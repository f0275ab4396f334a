// Block structure of a prompt's template layer: `{{#if}}…{{else}}…{{/if}}` (Handlebars/Mustache) and
// `{% for %}…{% endfor %}` (Jinja), matched from the tags core's scanner finds. Folding and the preview read it.
import type { Span } from '../../core/diagnostic';
import { scanTemplate, type TemplateLanguage, type TemplateTag } from '../../core/document/template';

/** One tag as the block matcher reads it: its role in a block and its words. */
export interface ReadTag {
  tag: TemplateTag;
  /** `open` (`{{#each xs}}`, `{% for %}`), `middle` (`{{else}}`, `{% elif %}`), `close`, or `plain` (a value, a partial). */
  role: 'open' | 'middle' | 'close' | 'plain';
  /** The block name (`if`, `each`, `for`), `else`/`elif` for a middle tag; empty for plain tags. */
  name: string;
  /** The tag's inner text after its sigil and name (`xs`, `item in items`). */
  args: string;
  /** The sigil of a Handlebars tag (`#`, `^`, `/`, `>`, `&`, or empty). */
  sigil: string;
}

export interface TemplateBlock {
  name: string;
  open: ReadTag;
  middles: ReadTag[];
  close: ReadTag;
  /** Blocks directly inside this one. */
  children: TemplateBlock[];
}

export interface BlockScan {
  tags: ReadTag[];
  /** Outermost blocks, in order; unbalanced openers and closers are left out (template/syntax reports them). */
  blocks: TemplateBlock[];
}

/** Jinja statements that open a block closed by `end<name>` (`set` only in its block form, without `=`). */
const JINJA_BLOCKS = new Set(['if', 'for', 'block', 'macro', 'call', 'filter', 'with', 'autoescape', 'trans', 'set']);

export function scanBlocks(text: string, region: Span, language: TemplateLanguage, copilotInputs = false): BlockScan {
  const scan = scanTemplate(text, region, { language, copilotInputs });
  const tags = scan.tags.map((tag) => readTag(text, tag, language));
  return { tags, blocks: matchBlocks(tags) };
}

export function readTag(text: string, tag: TemplateTag, language: TemplateLanguage): ReadTag {
  const inner = text.slice(tag.inner.offset, tag.inner.offset + tag.inner.length).trim();
  if (tag.kind === 'input') return { tag, role: 'plain', name: '', args: inner, sigil: '$' };
  if (language === 'jinja') return readJinja(tag, inner);
  const sigil = /^(#>|#\*|[#^/>&])/.exec(inner)?.[1] ?? '';
  const rest = inner.slice(sigil.length).trim();
  const name = /^[^\s()]+/.exec(rest)?.[0] ?? '';
  const args = rest.slice(name.length).trim();
  if (sigil === '#' || sigil === '^' || sigil === '#>' || sigil === '#*') return { tag, role: 'open', name, args, sigil };
  if (sigil === '/') return { tag, role: 'close', name, args, sigil };
  if (sigil === '' && (name === 'else' || inner === '^')) return { tag, role: 'middle', name: 'else', args, sigil };
  return { tag, role: 'plain', name: '', args: rest, sigil };
}

function readJinja(tag: TemplateTag, inner: string): ReadTag {
  if (tag.kind !== 'statement') return { tag, role: 'plain', name: '', args: inner, sigil: '' };
  const name = /^[A-Za-z_]+/.exec(inner)?.[0] ?? '';
  const args = inner.slice(name.length).trim();
  if (name === 'elif' || name === 'else') return { tag, role: 'middle', name, args, sigil: '' };
  if (name.startsWith('end') && JINJA_BLOCKS.has(name.slice(3)))
    return { tag, role: 'close', name: name.slice(3), args, sigil: '' };
  if (JINJA_BLOCKS.has(name) && !(name === 'set' && args.includes('='))) return { tag, role: 'open', name, args, sigil: '' };
  return { tag, role: 'plain', name, args, sigil: '' };
}

/** Pairs openers with closers of the same name on a stack; a closer with no matching opener is skipped. */
function matchBlocks(tags: readonly ReadTag[]): TemplateBlock[] {
  const roots: TemplateBlock[] = [];
  const stack: Array<{ open: ReadTag; middles: ReadTag[]; children: TemplateBlock[] }> = [];
  for (const tag of tags) {
    if (tag.role === 'open') stack.push({ open: tag, middles: [], children: [] });
    else if (tag.role === 'middle') stack[stack.length - 1]?.middles.push(tag);
    else if (tag.role === 'close') {
      const at = findOpen(stack, tag.name);
      if (at === -1) continue;
      // Openers left unclosed inside this block are dropped; their children move up to it.
      const orphans = stack.splice(at + 1);
      const frame = stack.pop()!;
      const children = [...frame.children, ...orphans.flatMap((o) => o.children)].sort(
        (a, b) => a.open.tag.span.offset - b.open.tag.span.offset,
      );
      const block: TemplateBlock = { name: tag.name, open: frame.open, middles: frame.middles, close: tag, children };
      (stack[stack.length - 1]?.children ?? roots).push(block);
    }
  }
  for (const frame of stack) roots.push(...frame.children);
  return roots.sort((a, b) => a.open.tag.span.offset - b.open.tag.span.offset);
}

function findOpen(stack: ReadonlyArray<{ open: ReadTag }>, name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].open.name === name) return i;
  return -1;
}

/** Every block, depth first. */
export function allBlocks(blocks: readonly TemplateBlock[]): TemplateBlock[] {
  return blocks.flatMap((b) => [b, ...allBlocks(b.children)]);
}
