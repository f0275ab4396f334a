// The document outline (textDocument/documentSymbol): frontmatter keys, then sections and role blocks as a tree,
// each section with its token count (and budget) in the detail, so the Outline view and breadcrumbs read as a token map.
import type { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { isMap, isSeq } from 'yaml';
import type { Span } from '../../core/diagnostic';
import { mapEntries, scalarValue } from '../../core/document';
import type { Frontmatter } from '../../core/document/types';
import { plural } from '../../core/plain-data';
import type { Section } from '../../core/document/types';
import { isLinted, type ParsedSnapshot } from '../snapshot';
import { sectionLabel } from './lenses';
import { rangeOf } from './text';

const KIND_MODULE: SymbolKind = 2;
const KIND_CLASS: SymbolKind = 5;
const KIND_PROPERTY: SymbolKind = 7;
const KIND_STRING: SymbolKind = 15;
const KIND_ARRAY: SymbolKind = 18;
const KIND_KEY: SymbolKind = 20;

/** Nesting shown under the frontmatter: deep enough for `budget.variables.x` and `output.schema.properties.x`. */
const MAX_KEY_DEPTH = 4;
/** A scalar value longer than this is cut in the detail (a multi-line `content:` would fill the outline). */
const MAX_DETAIL = 60;

/** On a version still being counted (a ParsedSnapshot), sections are listed without their counts. */
export function documentSymbols(snapshot: ParsedSnapshot): DocumentSymbol[] {
  const { document } = snapshot.result;
  const symbols: DocumentSymbol[] = [];
  if (document.frontmatter && document.format !== 'github-models') {
    const block = document.frontmatter.blockSpan;
    symbols.push({
      name: 'Frontmatter',
      kind: KIND_MODULE,
      range: rangeOf(snapshot.textDocument, block),
      selectionRange: rangeOf(snapshot.textDocument, { offset: block.offset, length: Math.min(3, block.length) }),
      children: keySymbols(snapshot, document.frontmatter, document.frontmatter.yaml.contents, 1),
    });
  } else if (document.frontmatter) {
    // A `.prompt.yml` is all YAML: its keys are the top level, with the messages' sections beside them.
    symbols.push(...keySymbols(snapshot, document.frontmatter, document.frontmatter.yaml.contents, 1));
  }
  const sections = isLinted(snapshot)
    ? snapshot.result.stats.sections.map((count) => ({ section: count.section, detail: sectionLabel(count) }))
    : document.sections.map((section) => ({ section, detail: undefined }));
  symbols.push(...sectionTree(snapshot, sections));
  return symbols;
}

function keySymbols(snapshot: ParsedSnapshot, frontmatter: Frontmatter, node: unknown, depth: number): DocumentSymbol[] {
  return mapEntries(frontmatter, node).map((entry) => {
    const whole = cover(entry.keySpan, entry.valueSpan);
    const symbol: DocumentSymbol = {
      // The protocol (and VS Code) reject an empty name: `"": x` is shown as written.
      name: entry.key.trim() === '' ? JSON.stringify(entry.key) : entry.key,
      kind: isMap(entry.value) ? KIND_KEY : isSeq(entry.value) ? KIND_ARRAY : KIND_PROPERTY,
      range: rangeOf(snapshot.textDocument, whole),
      selectionRange: rangeOf(snapshot.textDocument, entry.keySpan),
    };
    const detail = valueDetail(frontmatter, entry.value);
    if (detail) symbol.detail = detail;
    if (depth < MAX_KEY_DEPTH && isMap(entry.value)) symbol.children = keySymbols(snapshot, frontmatter, entry.value, depth + 1);
    return symbol;
  });
}

function valueDetail(frontmatter: Frontmatter, node: unknown): string | undefined {
  if (isSeq(node)) return plural(node.items.length, 'item');
  if (isMap(node)) return undefined;
  const value = scalarValue(frontmatter, node);
  if (value === undefined || value === null) return undefined;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/**
 * Sections nest by containment: headings inside a role block become its children, a `##` inside the `#` before it.
 * Sections are in document order, so a stack of open parents is enough.
 */
function sectionTree(
  snapshot: ParsedSnapshot,
  sections: ReadonlyArray<{ section: Section; detail: string | undefined }>,
): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ span: Span; symbol: DocumentSymbol }> = [];
  for (const { section, detail } of sections) {
    const span = section.span.length >= section.header.length ? section.span : section.header;
    const symbol: DocumentSymbol = {
      name: section.title.trim() || (section.kind === 'role' ? 'message' : 'heading'),
      ...(detail === undefined ? {} : { detail }),
      kind: section.kind === 'role' ? KIND_CLASS : KIND_STRING,
      range: rangeOf(snapshot.textDocument, cover(span, section.header)),
      selectionRange: rangeOf(snapshot.textDocument, section.header),
      children: [],
    };
    while (stack.length > 0 && !inside(span, stack[stack.length - 1].span)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.symbol.children!.push(symbol);
    else roots.push(symbol);
    stack.push({ span, symbol });
  }
  return roots;
}

function inside(inner: Span, outer: Span): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length && inner !== outer;
}

function cover(a: Span, b: Span): Span {
  const start = Math.min(a.offset, b.offset);
  const end = Math.max(a.offset + a.length, b.offset + b.length);
  return { offset: start, length: end - start };
}
