// Reads a GitHub Models `.prompt.yml`: each `messages[i].content` string is one message, with `{{var}}` uses mapped back to the file.
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Span } from '../diagnostic';
import type { DeclaredVariable, Frontmatter, Message, Section, SentPiece, VariableUse } from './types';
import { findKey, mapEntries, nodeSpan, scalarValue } from './frontmatter';
import { handlebarsVariables } from './handlebars';
import { locateInPiece } from './locate';
import { scanTemplate, spanEnd } from './template';

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

/**
 * `{{var}}` uses in a decoded content string, mapped back to the file through `locateInPiece`; a use that
 * cannot be aligned (unusual escapes inside the tag) is reported at the whole content value.
 */
function contentVariables(
  text: string,
  piece: SentPiece,
  nodeRange: Span,
): { uses: VariableUse[]; declared: DeclaredVariable[] } {
  const value = piece.text;
  const scan = scanTemplate(value, { offset: 0, length: value.length }, { language: 'mustache' });
  const found = handlebarsVariables(value, scan.tags, false);
  const map = (span: Span): Span => {
    const located = locateInPiece(text, piece, span);
    return located.length === span.length &&
      text.slice(located.offset, located.offset + located.length) === value.slice(span.offset, span.offset + span.length)
      ? located
      : nodeRange;
  };
  return {
    uses: found.uses.map((u) => ({ name: u.name, span: map(u.span), nameSpan: map(u.nameSpan) })),
    declared: found.declared.map((d) => ({ ...d, span: map(d.span) })),
  };
}

/**
 * `gh models eval` string evaluators as our constraints on the completion: `contains` → `include` (both
 * case-insensitive), `startsWith`/`endsWith` (case-insensitive in both), `equals` → a full-match `pattern`
 * (exact, as `gh` compares). Values with `{{…}}` depend on the test-data row and are not constant constraints.
 */
export function evaluatorConstraints(frontmatter: Frontmatter | undefined): Record<string, unknown> {
  const list = frontmatter && findKey(frontmatter, ['evaluators'])?.value;
  const constraints: Record<string, unknown> = {};
  if (!frontmatter || !isSeq(list)) return constraints;
  const include: string[] = [];
  for (const item of list.items) {
    const check = mapEntries(frontmatter, item).find((e) => e.key === 'string')?.value;
    for (const entry of mapEntries(frontmatter, check)) {
      const value = scalarValue(frontmatter, entry.value);
      if (typeof value !== 'string' || value.trim() === '' || value.includes('{{')) continue;
      if (entry.key === 'contains') include.push(value);
      else if ((entry.key === 'startsWith' || entry.key === 'endsWith') && !(entry.key in constraints))
        constraints[entry.key] = value;
      else if (entry.key === 'equals' && !('pattern' in constraints)) {
        constraints.pattern = { regex: value.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), fullMatch: true };
      }
    }
  }
  if (include.length > 0) constraints.include = include;
  return constraints;
}

/** The `expected` answer of each `testData` row: an ideal completion, checked like a sample. */
export function expectedAnswers(
  text: string,
  frontmatter: Frontmatter | undefined,
): Array<{ text: string; span: Span; verbatim: boolean; index: number }> {
  const rows = frontmatter && findKey(frontmatter, ['testData'])?.value;
  if (!frontmatter || !isSeq(rows)) return [];
  const answers: Array<{ text: string; span: Span; verbatim: boolean; index: number }> = [];
  rows.items.forEach((row, index) => {
    const node = mapEntries(frontmatter, row).find((e) => e.key === 'expected')?.value;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.includes('{{')) return;
    const piece = contentPiece(text, frontmatter, node);
    if (piece) answers.push({ text: piece.text, span: piece.span, verbatim: piece.verbatim, index });
  });
  return answers;
}
