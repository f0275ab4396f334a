// Where a schema document lives, and how a path inside it maps to a span: a JSON file (jsonc-parser nodes), inline YAML in the prompt (yaml nodes), or a whole value.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Span } from '../diagnostic';
import type { Frontmatter } from '../document/types';
import { findKey } from '../document/frontmatter';
import type { SchemaPath } from './walk';

export interface SchemaSource {
  /** The file the spans are in. */
  uri: string;
  locate(path: SchemaPath, at: 'key' | 'value'): Span;
  /** A JSON file's text and tree, for fixes that edit the schema (schema/provider-compat). */
  json?: { text: string; tree: JsonNode };
  /** Inline YAML: the key path of the schema in the frontmatter, for fixes that edit it. */
  yaml?: { base: readonly string[] };
}

/** A JSON file: the node at the path, or the deepest node on the way when the path leaves the text. */
export function jsonSource(uri: string, root: JsonNode | undefined, text?: string): SchemaSource {
  return {
    uri,
    ...(root && text !== undefined ? { json: { text, tree: root } } : {}),
    locate(path, at) {
      if (!root) return { offset: 0, length: 0 };
      let node = root;
      let key: JsonNode | undefined;
      for (const segment of path) {
        const child = childOf(node, segment);
        if (!child) return spanOf(node);
        key = child.key;
        node = child.value;
      }
      return spanOf(at === 'key' && key ? key : node);
    },
  };
}

/** The child of an object (by key) or array (by index) with its key node. */
export function childOf(node: JsonNode, segment: string | number): { key?: JsonNode; value: JsonNode } | undefined {
  if (node.type === 'array') {
    const index = typeof segment === 'number' ? segment : /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
    const item = index >= 0 ? node.children?.[index] : undefined;
    return item ? { value: item } : undefined;
  }
  if (node.type !== 'object') return undefined;
  // The last property with the key: that is the value JSON.parse keeps.
  let found: JsonNode | undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === String(segment)) found = property;
  }
  const [key, value] = found?.children ?? [];
  return key && value ? { key, value } : key ? { key, value: key } : undefined;
}

export function spanOf(node: JsonNode): Span {
  return { offset: node.offset, length: node.length };
}

/** Inline YAML at `base` in the prompt's frontmatter; a path that does not reach a node falls back to its nearest ancestor. */
export function yamlSource(uri: string, frontmatter: Frontmatter, base: readonly string[], whole: Span): SchemaSource {
  return {
    uri,
    yaml: { base },
    locate(path, at) {
      for (let n = path.length; n >= 0; n--) {
        const found = findKey(frontmatter, [...base, ...path.slice(0, n)]);
        if (found) return at === 'key' && n === path.length && n > 0 ? found.keySpan : found.valueSpan;
      }
      return whole;
    },
  };
}

/** A schema we cannot locate inside (converted from Picoschema or Prompty, or a JSON string): every path is the whole value. */
export function wholeSource(uri: string, span: Span): SchemaSource {
  return { uri, locate: () => span };
}

export interface ParsedJson {
  value: unknown;
  tree: JsonNode | undefined;
  errors: Array<{ message: string; span: Span }>;
}

/**
 * Parses JSON (comments and trailing commas tolerated, as editors do for schema files) keeping node offsets.
 * jsonc-parser recurses per nesting level, so call `jsonDepthOver` first on untrusted text.
 */
export function parseJsonText(text: string): ParsedJson {
  const raw: ParseError[] = [];
  const tree = parseTree(text, raw, { allowTrailingComma: true, disallowComments: false });
  const errors = raw.map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    span: { offset: e.offset, length: e.length },
  }));
  return { value: tree ? (strictValue(text) ?? nodeValue(tree)) : undefined, tree, errors };
}

/** JSON.parse when the text is strict JSON (the usual case, and exact); undefined otherwise. */
function strictValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The offset of the first bracket nested deeper than `max` (strings skipped), or undefined. One pass, so
 * a 10 000-level completion is refused before any recursive parser sees it.
 */
export function jsonDepthOver(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > max) return i;
    } else if ((ch === 93 /* ] */ || ch === 125) /* } */ && depth > 0) depth--;
  }
  return undefined;
}

/** jsonc-parser's getNodeValue, iteratively (it recurses) and without prototype-setting keys. */
function nodeValue(root: JsonNode): unknown {
  const build = (node: JsonNode): unknown =>
    node.type === 'object' ? (Object.create(null) as Record<string, unknown>) : node.type === 'array' ? [] : node.value;
  const top = build(root);
  const stack: Array<[JsonNode, unknown]> = [[root, top]];
  while (stack.length > 0) {
    const [node, target] = stack.pop()!;
    if (node.type === 'array') {
      for (const item of node.children ?? []) {
        const value = build(item);
        (target as unknown[]).push(value);
        stack.push([item, value]);
      }
    } else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, item] = property.children ?? [];
        if (!key || !item) continue;
        const value = build(item);
        (target as Record<string, unknown>)[String(key.value)] = value;
        stack.push([item, value]);
      }
    }
  }
  return normalise(top);
}

/** Null-prototype objects become plain objects again (via JSON) so ajv and JSON.stringify treat them as usual. */
function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
}
