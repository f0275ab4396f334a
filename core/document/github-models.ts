// Reads a GitHub Models `.prompt.yml`: each `messages[i].content` string is one message, with `{{var}}` uses mapped back to the file.
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Span } from '../diagnostic';
import type { DeclaredVariable, Frontmatter, Message, Section, SentPiece, VariableUse } from './types';
import { findKey, mapEntries, nodeSpan, scalarValue } from './frontmatter';
import { handlebarsVariables } from './handlebars';
import { scanTemplate, spanEnd, type TemplateTag } from './template';

export interface GithubModelsContent {
  messages: Message[];
  sections: Section[];
  variables: VariableUse[];
  declared: DeclaredVariable[];
}

export function githubModelsContent(text: string, frontmatter: Frontmatter): GithubModelsContent {
  const content: GithubModelsContent = { messages: [], sections: [], variables: [], declared: [] };
  const list = findKey(frontmatter, ['messages'])?.value;
  if (!isSeq(list)) return content;
  for (const item of list.items) {
    const entries = mapEntries(frontmatter, item);
    if (!isMap(item) || entries.length === 0) continue;
    const roleEntry = entries.find((e) => e.key === 'role');
    const role = scalarValue(frontmatter, roleEntry?.value);
    const span = nodeSpan(frontmatter, item);
    const marker = roleEntry ? joinSpans(roleEntry.keySpan, roleEntry.valueSpan) : undefined;
    const contentNode = entries.find((e) => e.key === 'content')?.value;
    const piece = isScalar(contentNode) ? contentPiece(text, frontmatter, contentNode) : undefined;
    const message: Message = { role: typeof role === 'string' ? role : 'user', span, pieces: piece ? [piece] : [] };
    if (marker) message.marker = marker;
    content.messages.push(message);
    if (marker) content.sections.push({ kind: 'role', title: message.role, level: 0, header: marker, span });
    if (piece && isScalar(contentNode)) {
      const scan = contentVariables(text, piece, nodeSpan(frontmatter, contentNode));
      content.variables.push(...scan.uses);
      content.declared.push(...scan.declared);
    }
  }
  return content;
}

function joinSpans(a: Span, b: Span): Span {
  const start = Math.min(a.offset, b.offset);
  return { offset: start, length: Math.max(spanEnd(a), spanEnd(b)) - start };
}

/**
 * The decoded string and where it sits. Plain and quoted scalars whose source is the value itself are
 * verbatim (quotes excluded from the span); block scalars and strings with escapes or folded lines are not.
 */
function contentPiece(text: string, frontmatter: Frontmatter, node: Scalar): SentPiece | undefined {
  if (node.value === null || node.value === undefined) return undefined;
  const value = String(node.value);
  const span = nodeSpan(frontmatter, node);
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  const inner = quoted && span.length >= 2 ? { offset: span.offset + 1, length: span.length - 2 } : span;
  const plainOrQuoted = quoted || node.type === Scalar.PLAIN;
  const verbatim = plainOrQuoted && text.slice(inner.offset, spanEnd(inner)) === value;
  return { text: value, span: verbatim ? inner : span, verbatim };
}

/** After this many tags not found verbatim in the source, the rest are placed approximately (keeps it linear). */
const MAX_MISSES = 2;

/**
 * `{{var}}` uses in a decoded content string. A tag's text almost always appears unchanged in the source
 * (literal and folded blocks only drop indentation), so each is found there in order; one that is not
 * (escapes inside the tag) is reported at the whole content value.
 */
function contentVariables(text: string, piece: SentPiece, nodeRange: Span): { uses: VariableUse[]; declared: DeclaredVariable[] } {
  const value = piece.text;
  const scan = scanTemplate(value, { offset: 0, length: value.length }, { language: 'mustache' });
  const found = handlebarsVariables(value, scan.tags, false);
  const source = text.slice(nodeRange.offset, spanEnd(nodeRange));
  const place = tagPlacer(value, source, nodeRange, scan.tags);
  const map = (span: Span): Span | undefined => {
    const at = place(span.offset);
    return at === undefined ? undefined : { offset: at, length: span.length };
  };
  return {
    uses: found.uses.map((u) => {
      const nameSpan = map(u.nameSpan);
      const span = map(u.span);
      return nameSpan && span ? { name: u.name, span, nameSpan } : { name: u.name, span: nodeRange, nameSpan: nodeRange };
    }),
    declared: found.declared.map((d) => ({ ...d, span: map(d.span) ?? nodeRange })),
  };
}

/** Maps an offset inside a tag of `value` to a file offset, by locating each tag's text in the source in order. */
function tagPlacer(value: string, source: string, nodeRange: Span, tags: readonly TemplateTag[]): (at: number) => number | undefined {
  const placed: Array<{ from: number; to: number; file: number }> = [];
  let cursor = 0;
  let misses = 0;
  for (const tag of tags) {
    if (misses >= MAX_MISSES) break;
    const tagText = value.slice(tag.span.offset, spanEnd(tag.span));
    const at = source.indexOf(tagText, cursor);
    if (at === -1) {
      misses++;
      continue;
    }
    placed.push({ from: tag.span.offset, to: spanEnd(tag.span), file: nodeRange.offset + at });
    cursor = at + tagText.length;
  }
  return (offset) => {
    // Binary search: tags are placed in order and do not overlap.
    let low = 0;
    let high = placed.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const tag = placed[mid];
      if (offset < tag.from) high = mid - 1;
      else if (offset >= tag.to) low = mid + 1;
      else return tag.file + (offset - tag.from);
    }
    return undefined;
  };
}
