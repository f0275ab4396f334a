// The edit that declares one constraint key in a prompt's YAML, leaving every other byte of the file as it was.
import { isMap, stringify } from 'yaml';
import type { TextEdit } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import { findKey, nodeSpan } from '../document/frontmatter';
import type { StatedValue } from './detect';

/**
 * A value as YAML on one line, as the frontmatter completion and the "declare" fix write it: strings plain when YAML
 * reads them back as the same string (`json`, `gpt-4o`, `./answer.schema.json`), else double-quoted (`"<=50"`,
 * `"yes"`); numbers, booleans and null plain; lists and mappings in flow style (`[cat, dog]`, `{count: 3}`).
 */
export function yamlScalar(value: StatedValue | null): string {
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return stringify(value, {
      collectionStyle: 'flow',
      defaultStringType: 'QUOTE_DOUBLE',
      defaultKeyType: 'PLAIN',
      lineWidth: 0,
    }).trimEnd();
  }
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);
}

/** Strings YAML reads back unchanged without quotes: no indicator characters, no leading digit, dash or space. */
const PLAIN = /^[A-Za-z_./][\w./@+-]*$/;
/** Plain words YAML 1.1 or 1.2 would read as something else: booleans, null, infinities, not-a-number. */
const YAML_WORDS = /^(?:true|false|null|yes|no|on|off|y|n|~|\.inf|\.nan)$/i;

/**
 * Adds `constraints.<key>: <value>`: a new frontmatter block (Markdown, Dotprompt, Prompty without one), a new
 * `constraints:` mapping at the end of the YAML, or a new line after the last entry of a block-style mapping.
 * Undefined when the YAML has errors or `constraints` is a flow mapping or not a mapping.
 */
export function declareEdit(document: PromptDocument, key: string, value: StatedValue): TextEdit | undefined {
  const eol = lineBreakOf(document);
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
  return at.needsBreak
    ? { offset: at.offset, length: 0, newText: `${eol}${line}` }
    : { offset: at.offset, length: 0, newText: line };
}

/** Searched once per document, not once per stated constraint (the search reads a whole text without `\r\n`). */
const lineBreaks = new WeakMap<PromptDocument, string>();

function lineBreakOf(document: PromptDocument): string {
  let eol = lineBreaks.get(document);
  if (eol === undefined) {
    eol = document.text.includes('\r\n') ? '\r\n' : '\n';
    lineBreaks.set(document, eol);
  }
  return eol;
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
