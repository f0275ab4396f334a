// Finds a prompt's YAML block, parses it with every node's range kept, and locates keys in file offsets.
import { isAlias, isMap, isScalar, isSeq, parseDocument as parseYaml, visit } from 'yaml';
import type { Alias, Document as YamlDocument, Pair, ParsedNode, Range } from 'yaml';
import type { Span } from '../diagnostic';
import type { Frontmatter, YamlError } from './types';
import { isBlank, isWhitespace, lineAt, onlyBlanks } from './lines';

/** yaml's own default; stated here because it is what stops alias bombs ("billion laughs") in `toJS`. */
const MAX_ALIAS_COUNT = 100;

/**
 * `logLevel: 'error'`: yaml would otherwise print a Node warning on stderr for a key that is a list or mapping;
 * `collectionKeyErrors` reports those keys in the file instead.
 */
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: 'error' } as const;

export interface FrontmatterSplit {
  frontmatter?: Frontmatter;
  /** Where the body starts: after the closing fence, after an unclosed opening fence, or after a BOM. */
  bodyStart: number;
  /** A closing fence was found: nothing after `bodyStart` was read. */
  closed?: boolean;
}

/**
 * What may come before the opening `---`, per format, as each format's reference parser allows:
 * Dotprompt skips blank lines and `#` licence-header lines; Prompty skips any whitespace (the fence itself
 * may be indented); Markdown and plain text need the fence on the first line. A BOM is never part of it.
 */
export type FrontmatterStyle = 'strict' | 'dotprompt' | 'prompty';

/** Splits a leading `---` … `---` (or `...`) block off a prompt body; an unclosed block is reported, not guessed. */
export function splitFrontmatter(text: string, style: FrontmatterStyle = 'strict'): FrontmatterSplit {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let opening = lineAt(text, start, text.length);
  let fenceStart = opening.start;
  for (;;) {
    fenceStart = style === 'prompty' ? skipBlanks(text, opening.start, opening.contentEnd) : opening.start;
    if (isFence(text, fenceStart, opening.contentEnd, '---')) break;
    if (!skippableLead(text, opening, style) || opening.next >= text.length) return { bodyStart: start };
    opening = lineAt(text, opening.next, text.length);
  }
  const led = opening.start > start;
  let at = opening.next;
  while (at < text.length) {
    const line = lineAt(text, at, text.length);
    if (isClosingFence(text, line.start, line.contentEnd, style)) {
      const content: Span = { offset: opening.next, length: line.start - opening.next };
      const block: Span = { offset: fenceStart, length: line.next - fenceStart };
      return { frontmatter: parseYamlBlock(text, content, block), bodyStart: line.next, closed: true };
    }
    at = line.next;
  }
  // After a licence header an unclosed `---` is a Markdown rule in the template, as the reference parser reads it.
  if (led) return { bodyStart: start };
  // No closing fence: the rest is body, so a stray `---` cannot swallow the whole prompt into YAML.
  const fence: Span = { offset: fenceStart, length: opening.contentEnd - fenceStart };
  const empty: Span = { offset: opening.next, length: 0 };
  const frontmatter = parseYamlBlock(text, empty, { offset: fenceStart, length: opening.next - fenceStart });
  frontmatter.errors.unshift({ message: 'Frontmatter is not closed: add a line `---` after the YAML.', span: fence });
  frontmatter.value = undefined;
  return { frontmatter, bodyStart: opening.next };
}

function skippableLead(text: string, line: { start: number; contentEnd: number }, style: FrontmatterStyle): boolean {
  if (style === 'strict') return false;
  const blank =
    style === 'prompty' ? onlyWhitespace(text, line.start, line.contentEnd) : onlyBlanks(text, line.start, line.contentEnd);
  return blank || (style === 'dotprompt' && text.charCodeAt(line.start) === 35); /* # */
}

function isClosingFence(text: string, start: number, contentEnd: number, style: FrontmatterStyle): boolean {
  if (style === 'prompty') {
    const at = skipBlanks(text, start, contentEnd);
    return isFence(text, at, contentEnd, '---') || isFence(text, at, contentEnd, '+++');
  }
  return isFence(text, start, contentEnd, '---') || (style === 'strict' && isFence(text, start, contentEnd, '...'));
}

function skipBlanks(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isBlank(text.charCodeAt(at))) at++;
  return at;
}

function onlyWhitespace(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

/** A fence line is exactly `marker`, optionally followed by spaces or tabs. */
function isFence(text: string, start: number, contentEnd: number, marker: string): boolean {
  return text.startsWith(marker, start) && onlyBlanks(text, start + marker.length, contentEnd);
}

/** Parses `content` of `text` as YAML; errors, warnings and (via `nodeSpan`) nodes map to file offsets. */
export function parseYamlBlock(text: string, content: Span, block: Span): Frontmatter {
  const source = text.slice(content.offset, content.offset + content.length);
  const errors: YamlError[] = [];
  let yaml: YamlDocument.Parsed;
  const tooHeavy = heavyYaml(source);
  try {
    if (tooHeavy) {
      yaml = parseYaml('', YAML_OPTIONS);
      errors.push({ message: tooHeavy.message, span: clampedSpan(content, tooHeavy.at, tooHeavy.at + 1) });
    } else {
      yaml = parseYaml(source, YAML_OPTIONS);
    }
  } catch (error) {
    // yaml recurses on nesting; a pathological input can overflow the stack. Report it, keep an empty document.
    yaml = parseYaml('', YAML_OPTIONS);
    errors.push({ message: `YAML could not be parsed: ${messageOf(error)}`, span: { offset: content.offset, length: 0 } });
  }
  const located = (e: { message: string; pos: [number, number] }): YamlError => ({
    message: e.message,
    span: clampedSpan(content, e.pos[0], e.pos[1]),
  });
  errors.push(...yaml.errors.map(located));
  if (errors.length === 0) errors.push(...collectionKeyErrors(yaml).map(located));
  const frontmatter: Frontmatter = {
    span: content,
    blockSpan: block,
    yaml,
    value: undefined,
    errors,
    warnings: yaml.warnings.map(located),
  };
  if (errors.length === 0) frontmatter.value = plainValue(frontmatter);
  return frontmatter;
}

/**
 * yaml needs about 1 KB of memory per node and per level of flow nesting, and a process out of memory
 * cannot be caught; so YAML that no real prompt has is refused before parsing.
 */
const MAX_YAML_LENGTH = 1_000_000;
const MAX_FLOW_DEPTH = 500;

function heavyYaml(source: string): { message: string; at: number } | undefined {
  if (source.length > MAX_YAML_LENGTH) {
    return { message: `YAML larger than ${MAX_YAML_LENGTH.toLocaleString('en')} characters is not read.`, at: 0 };
  }
  // Brackets are counted everywhere, quoted text included: one pass, and no real file has 500 left open.
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > MAX_FLOW_DEPTH) return { message: `YAML nested more than ${MAX_FLOW_DEPTH} levels deep is not read.`, at: i };
    } else if ((ch === 93 /* ] */ || ch === 125) /* } */ && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Keys written as a list or mapping (`? [a, b]`): YAML allows them, but a prompt's keys are names, and turning
 * them into plain data would silently stringify them. Ranges are relative to the parsed text.
 */
export function collectionKeyErrors(doc: YamlDocument.Parsed): Array<{ message: string; pos: [number, number] }> {
  const found: Array<{ message: string; pos: [number, number] }> = [];
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key;
      if (!isMap(key) && !isSeq(key)) return;
      const range = (key as ParsedNode).range;
      const what = isMap(key) ? 'a mapping' : 'a list';
      found.push({
        message: `A key must be a single value, not ${what}: write it as a plain name.`,
        pos: range ? [range[0], range[1]] : [0, 0],
      });
      return visit.SKIP;
    },
  });
  return found;
}

/** `toJS` of an error-free document; a non-mapping top level or an alias bomb becomes an error instead. */
function plainValue(frontmatter: Frontmatter): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = frontmatter.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    frontmatter.errors.push({ message: `YAML could not be read: ${messageOf(error)}`, span: firstAliasSpan(frontmatter) });
    return undefined;
  }
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const what = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  frontmatter.errors.push({
    message: `Frontmatter must be a mapping of keys to values, not ${what}.`,
    span: nodeSpan(frontmatter, frontmatter.yaml.contents),
  });
  return undefined;
}

/** Where to show an alias-expansion error: the first alias, else the start of the YAML. */
function firstAliasSpan(frontmatter: Frontmatter): Span {
  let span: Span = { offset: frontmatter.span.offset, length: 0 };
  try {
    visit(frontmatter.yaml, {
      Alias(_key, node) {
        span = nodeSpan(frontmatter, node);
        return visit.BREAK;
      },
    });
  } catch {
    // Deep nesting again; the start of the block will do.
  }
  return span;
}

function clampedSpan(content: Span, from: number, to: number): Span {
  const start = Math.max(0, Math.min(from, content.length));
  const end = Math.max(start, Math.min(to, content.length));
  return { offset: content.offset + start, length: end - start };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A YAML node's range as a file span (the value itself, trailing comments excluded). */
export function nodeSpan(frontmatter: Pick<Frontmatter, 'span'>, node: { range?: Range | null } | null | undefined): Span {
  const range = node?.range;
  if (!range) return { offset: frontmatter.span.offset, length: 0 };
  return { offset: frontmatter.span.offset + range[0], length: Math.max(0, range[1] - range[0]) };
}

/** A key (or sequence item) found by path, with spans for reporting at the key or at the value. */
export interface KeyLocation {
  /** The key scalar; for a sequence index, the item itself. */
  keySpan: Span;
  /** The value node; an empty span right after the key when the value is missing (`warnAt:`). */
  valueSpan: Span;
  /** The value node, for `isMap`/`isScalar` narrowing; `null` when the key has no value. */
  value: ParsedNode | null;
}

/** Follows `path` (map keys as strings, sequence indexes as numbers) from the top of the YAML. */
export function findKey(frontmatter: Frontmatter, path: ReadonlyArray<string | number>): KeyLocation | undefined {
  let node: unknown = frontmatter.yaml.contents;
  let location: KeyLocation | undefined;
  for (const segment of path) {
    location = childLocation(frontmatter, node, segment);
    if (!location) return undefined;
    node = location.value;
  }
  return location;
}

function childLocation(frontmatter: Frontmatter, node: unknown, segment: string | number): KeyLocation | undefined {
  if (typeof segment === 'number') {
    if (!isSeq(node)) return undefined;
    const item = node.items[segment] as ParsedNode | null | undefined;
    if (item === undefined) return undefined;
    const span = nodeSpan(frontmatter, item);
    return { keySpan: span, valueSpan: span, value: item };
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => keyName(p) === segment);
  return pair ? pairLocation(frontmatter, pair) : undefined;
}

/** One entry of a mapping: its key as a string and where key and value are. */
export interface KeyEntry extends KeyLocation {
  key: string;
}

/** The entries of the mapping at `path` (`[]` = top level); empty when there is no mapping there. */
export function entriesAt(frontmatter: Frontmatter, path: ReadonlyArray<string | number>): KeyEntry[] {
  const node = path.length === 0 ? frontmatter.yaml.contents : findKey(frontmatter, path)?.value;
  return mapEntries(frontmatter, node);
}

/** The entries of a mapping node (non-scalar keys are skipped: they cannot name anything of ours). */
export function mapEntries(frontmatter: Frontmatter, node: unknown): KeyEntry[] {
  if (!isMap(node)) return [];
  const entries: KeyEntry[] = [];
  for (const pair of node.items) {
    const key = keyName(pair);
    if (key !== undefined) entries.push({ key, ...pairLocation(frontmatter, pair) });
  }
  return entries;
}

function keyName(pair: Pair<unknown, unknown>): string | undefined {
  if (!isScalar(pair.key)) return undefined;
  const value = pair.key.value;
  return value === null || value === undefined ? undefined : String(value);
}

function pairLocation(frontmatter: Frontmatter, pair: Pair<unknown, unknown>): KeyLocation {
  const keyNode = pair.key as ParsedNode;
  const keySpan = nodeSpan(frontmatter, keyNode);
  const value = (pair.value ?? null) as ParsedNode | null;
  const valueRange = value?.range;
  // yaml gives `key:` an empty null scalar; point at the end of the key either way.
  const valueSpan =
    value && valueRange && valueRange[1] > valueRange[0]
      ? nodeSpan(frontmatter, value)
      : { offset: keySpan.offset + keySpan.length, length: 0 };
  return { keySpan, valueSpan, value };
}

/** A scalar's value, following one alias (`model: *default`) to its anchor. */
export function scalarValue(frontmatter: Frontmatter, node: unknown): unknown {
  const target = isAlias(node) ? safeResolve(frontmatter, node) : node;
  return isScalar(target) ? target.value : undefined;
}

function safeResolve(frontmatter: Frontmatter, alias: Alias): unknown {
  try {
    return alias.resolve(frontmatter.yaml);
  } catch {
    return undefined;
  }
}
