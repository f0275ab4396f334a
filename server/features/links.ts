// Document links (textDocument/documentLink): the files a prompt names — its output schema path, sample globs,
// `$ref`s of an inline schema, Prompty `${file:…}` references and Dotprompt partials (`{{> name}}`).
// Partials and globs are resolved through the workspace's FileAccess, so a link only points at a file that exists.
import type { DocumentLink } from 'vscode-languageserver';
import { isScalar, isSeq, visit, type Scalar } from 'yaml';
import type { Span } from '../../core/diagnostic';
import { findKey, nodeSpan } from '../../core/document';
import type { Frontmatter } from '../../core/document/types';
import { folderOf, resolveRelative, type FileAccess } from '../../core/files';
import { plural } from '../../core/plain-data';
import type { ParsedSnapshot } from '../snapshot';
import { allBlocks, scanBlocks } from './template-blocks';
import { rangeOf } from './text';

/** Where Dotprompt looks for a partial `name`, relative to the prompt's folder (its loader's `_name.prompt` files). */
const PARTIAL_FILES = (name: string) => [
  `_${name}.prompt`,
  `${name}.prompt`,
  `partials/_${name}.prompt`,
  `partials/${name}.prompt`,
];
/** Keys whose string value is a schema file path, per format (GitHub Models' `jsonSchema` is inline JSON, not a path). */
const SCHEMA_PATHS = [['constraints', 'schema'], ['output', 'schema'], ['outputs']];

export async function documentLinks(snapshot: ParsedSnapshot, files: FileAccess): Promise<DocumentLink[]> {
  const { document } = snapshot.result;
  const uri = snapshot.textDocument.uri;
  const links: DocumentLink[] = [];
  const link = (span: Span, target: string, tooltip: string) =>
    links.push({ range: rangeOf(snapshot.textDocument, span), target, tooltip });
  const frontmatter = document.frontmatter;
  if (frontmatter) {
    for (const path of SCHEMA_PATHS) {
      const value = stringAt(document.text, frontmatter, path);
      if (value && isLocalPath(value.text)) link(value.span, resolveRelative(uri, value.text), 'Open the output schema');
    }
    for (const ref of refs(document.text, frontmatter)) {
      const file = ref.text.split('#')[0];
      if (file !== '' && isLocalPath(file))
        link({ offset: ref.span.offset, length: file.length }, resolveRelative(uri, file), 'Open the referenced schema');
    }
    for (const glob of sampleGlobs(document.text, frontmatter)) {
      const target = await sampleTarget(uri, glob.text, files);
      if (target) link(glob.span, target.uri, target.tooltip);
    }
    for (const ref of fileReferences(document.text, frontmatter.span))
      link(ref.span, resolveRelative(uri, ref.text), 'Open the file');
  }
  if (document.format === 'dotprompt') {
    for (const partial of partials(document.text, document.body)) {
      const target = await partialFile(uri, partial.text, files);
      if (target) link(partial.span, target, `Open the partial \`${partial.text}\``);
    }
  }
  return links;
}

export interface Located {
  text: string;
  span: Span;
}

function isLocalPath(value: string): boolean {
  return value.trim() !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.includes('\n') && !/^\s*[{[]/.test(value);
}

/** A string scalar's content span: inside its quotes when quoted. */
function scalarContent(text: string, frontmatter: Frontmatter, node: Scalar): Located | undefined {
  if (typeof node.value !== 'string') return undefined;
  const span = nodeSpan(frontmatter, node);
  const source = text.slice(span.offset, span.offset + span.length);
  const at = source.indexOf(node.value);
  return { text: node.value, span: at === -1 ? span : { offset: span.offset + at, length: node.value.length } };
}

function stringAt(text: string, frontmatter: Frontmatter, path: readonly string[]): Located | undefined {
  const value = findKey(frontmatter, path)?.value;
  return isScalar(value) ? scalarContent(text, frontmatter, value) : undefined;
}

/** Every `$ref: <string>` in the frontmatter (inline schemas). */
function refs(text: string, frontmatter: Frontmatter): Located[] {
  const found: Located[] = [];
  visit(frontmatter.yaml, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '$ref' && isScalar(pair.value)) {
        const located = scalarContent(text, frontmatter, pair.value);
        if (located) found.push(located);
      }
    },
  });
  return found;
}

function sampleGlobs(text: string, frontmatter: Frontmatter): Located[] {
  const value = findKey(frontmatter, ['samples'])?.value;
  const nodes = isSeq(value) ? value.items : [value];
  return nodes.flatMap((node) => (isScalar(node) ? (scalarContent(text, frontmatter, node) ?? []) : []));
}

/** A plain path links to itself; a glob links to its first match, and the tooltip lists what it matches. */
async function sampleTarget(uri: string, glob: string, files: FileAccess): Promise<{ uri: string; tooltip: string } | undefined> {
  const relative = glob
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
  if (!/[*?[{]/.test(relative))
    return isLocalPath(relative) ? { uri: resolveRelative(uri, relative), tooltip: 'Open the sample' } : undefined;
  const matches = (await files.glob(folderOf(uri), [relative])).filter((m) => m !== uri);
  if (matches.length === 0) return undefined;
  const names = matches.slice(0, 5).map((m) => m.slice(folderOf(uri).length + 1));
  const more = matches.length > names.length ? `, and ${matches.length - names.length} more` : '';
  return {
    uri: matches[0],
    tooltip: `${plural(matches.length, 'sample')} match: ${names.join(', ')}${more}. Opens the first.`,
  };
}

/** Prompty's `${file:relative/path}` values. */
function fileReferences(text: string, region: Span): Located[] {
  const found: Located[] = [];
  const pattern = /\$\{file:([^}\r\n]+)\}/g;
  const source = text.slice(region.offset, region.offset + region.length);
  for (const match of source.matchAll(pattern)) {
    const path = match[1].trim();
    if (!isLocalPath(path)) continue;
    const at = region.offset + match.index! + match[0].indexOf(path, 7);
    found.push({ text: path, span: { offset: at, length: path.length } });
  }
  return found;
}

/** `{{> name}}` and `{{#> name}}…{{/name}}`: the name's span. */
export function partials(text: string, body: Span): Located[] {
  const scan = scanBlocks(text, body, 'handlebars');
  const tags = [
    ...scan.tags.filter((t) => t.sigil === '>'),
    ...allBlocks(scan.blocks)
      .map((b) => b.open)
      .filter((t) => t.sigil === '#>'),
  ];
  const found: Located[] = [];
  for (const tag of tags) {
    const source = text.slice(tag.tag.inner.offset, tag.tag.inner.offset + tag.tag.inner.length);
    const match = /^\s*#?>\s*([^\s}]+)/.exec(source);
    if (!match) continue;
    const name = match[1].replace(/^["']|["']$/g, '');
    const at =
      tag.tag.inner.offset + match[0].length - match[1].length + (match[1].startsWith('"') || match[1].startsWith("'") ? 1 : 0);
    found.push({ text: name, span: { offset: at, length: name.length } });
  }
  return found.sort((a, b) => a.span.offset - b.span.offset);
}

export async function partialFile(uri: string, name: string, files: FileAccess): Promise<string | undefined> {
  if (!/^[\w./-]+$/.test(name) || name.includes('..')) return undefined;
  for (const candidate of PARTIAL_FILES(name)) {
    const target = resolveRelative(uri, candidate);
    if ((await files.readText(target)) !== undefined) return target;
  }
  return undefined;
}
