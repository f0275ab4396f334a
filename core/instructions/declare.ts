// The edit that declares one constraint key in a prompt's YAML, leaving every other byte of the file as it was.
import { isMap, stringify } from 'yaml';
import type { TextEdit } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import { findKey, nodeSpan } from '../document/frontmatter';
import type { StatedValue } from './detect';

/**
 * A value as YAML on one line: enum words (`json`, `lower`) plain, other strings double-quoted (`"<=50"`),
 * numbers and booleans plain, lists and mappings in flow style (`[cat, dog]`, `{count: 3, marker: Section}`).
 */
export function yamlScalar(value: StatedValue): string {
  if (typeof value === 'object') {
    return stringify(value, { collectionStyle: 'flow', defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 }).trimEnd();
  }
  if (typeof value === 'string' && /^[a-z]{1,20}$/.test(value) && !/^(?:true|false|yes|no|on|off|null|y|n)$/.test(value)) return value;
  return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
}

/**
 * Adds `constraints.<key>: <value>`: a new frontmatter block (Markdown, Dotprompt, Prompty without one), a new
 * `constraints:` mapping at the end of the YAML, or a new line after the last entry of a block-style mapping.
 * Undefined when the YAML has errors or `constraints` is a flow mapping or not a mapping.
 */
export function declareEdit(document: PromptDocument, key: string, value: StatedValue): TextEdit | undefined {
  const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
  const entry = `${key}: ${yamlScalar(value)}`;
  const frontmatter = document.frontmatter;
  if (!frontmatter) {
    if (document.format === 'text' || document.format === 'github-models') return undefined;
    const at = document.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { offset: at, length: 0, newText: `---${eol}constraints:${eol}  ${entry}${eol}---${eol}` };
  }
  if (frontmatter.errors.length > 0) return undefined;
  const located = findKey(frontmatter, ['constraints']);
  if (!located) return appendAtEnd(document.text, frontmatter.span, `constraints:${eol}  ${entry}${eol}`, eol);
  const map = located.value;
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const first = nodeSpan(frontmatter, map.items[0].key as { range?: [number, number, number] });
  const indent = first.offset - lineStart(document.text, first.offset);
  if (indent === 0 || !/^[ ]*$/.test(document.text.slice(first.offset - indent, first.offset))) return undefined;
  const last = map.items[map.items.length - 1];
  const lastEnd = nodeSpan(frontmatter, (last.value ?? last.key) as { range?: [number, number, number] });
  const end = lastEnd.offset + lastEnd.length;
  const at = lineEnd(document.text, end, frontmatter.span.offset + frontmatter.span.length);
  const line = `${' '.repeat(indent)}${entry}${eol}`;
  return at.needsBreak ? { offset: at.offset, length: 0, newText: `${eol}${line}` } : { offset: at.offset, length: 0, newText: line };
}

function appendAtEnd(text: string, span: { offset: number; length: number }, lines: string, eol: string): TextEdit {
  const end = span.offset + span.length;
  const needsBreak = span.length > 0 && text[end - 1] !== '\n' && text[end - 1] !== '\r';
  return { offset: end, length: 0, newText: needsBreak ? `${eol}${lines}` : lines };
}

function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Where the line holding `at` ends (after its terminator), or the end of the YAML (then a line break is needed first). */
function lineEnd(text: string, at: number, limit: number): { offset: number; needsBreak: boolean } {
  if (at > 0 && text[at - 1] === '\n') return { offset: at, needsBreak: false };
  for (let i = at; i < limit; i++) {
    if (text[i] === '\n') return { offset: i + 1, needsBreak: false };
  }
  return { offset: limit, needsBreak: true };
}
