// The YAML locator for schema problems: an instance path (as the explainer gives it) → the key or value node in the YAML
// source, and the quoting-preserving replacement fixes at such a node.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document as YamlDocument, Node as YamlNode } from 'yaml';
import type { Fix, Span } from '../diagnostic';
import type { Path } from '../schema/explain';

/** Where the validated value came from: node ranges are relative to `offset` in the file. */
export interface YamlSource {
  doc: YamlDocument.Parsed;
  offset: number;
}

export interface Location {
  /** True when every segment of the path was found. */
  found: boolean;
  /** The key of the last pair walked (for a sequence item: the item). */
  keyNode?: YamlNode;
  valueNode?: YamlNode;
}

/** Walks map keys and sequence indexes from the top of the document, following aliases to their anchors. */
export function locate(source: YamlSource, path: Path): Location {
  let node: unknown = source.doc.contents;
  let keyNode: YamlNode | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = resolveAlias(source, node);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return { found: false, keyNode, valueNode: asNode(node) };
      keyNode = asNode(pair.key);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = asNode(node.items[Number(segment)]);
      if (!item) return { found: false, keyNode, valueNode: asNode(node) };
      keyNode = item;
      node = item;
    } else {
      return { found: false, keyNode, valueNode: asNode(node) };
    }
  }
  return { found: true, keyNode, valueNode: asNode(node) };
}

function resolveAlias(source: YamlSource, node: unknown): unknown {
  try {
    return isAlias(node) ? node.resolve(source.doc) : node;
  } catch {
    return undefined;
  }
}

function asNode(node: unknown): YamlNode | undefined {
  return node !== null && typeof node === 'object' && 'range' in node ? (node as YamlNode) : undefined;
}

/** The value at `path`; an empty value (`warnAt:`) or one we cannot find is shown at its key instead. */
export function valueSpan(source: YamlSource, path: Path): Span {
  const location = locate(source, path);
  const value = location.valueNode && nodeSpan(source, location.valueNode);
  if (value && value.length > 0 && location.found) return value;
  if (location.keyNode) return nodeSpan(source, location.keyNode);
  return value ?? { offset: source.offset, length: 0 };
}

export function nodeSpan(source: YamlSource, node: YamlNode): Span {
  const range = node.range;
  if (!range) return { offset: source.offset, length: 0 };
  return { offset: source.offset + range[0], length: Math.max(0, contentEnd(node) - range[0]) };
}

/** Where a node's content ends: a block collection's range runs on over the line break after its last item. */
function contentEnd(node: YamlNode): number {
  const end = node.range?.[1] ?? 0;
  if (!(isMap(node) || isSeq(node)) || node.flow || node.items.length === 0) return end;
  const last: unknown = node.items[node.items.length - 1];
  const tailNode = asNode(isPair(last) ? (last.value ?? last.key) : last);
  return tailNode?.range ? Math.min(end, Math.max(contentEnd(tailNode), tailNode.range[0])) : end;
}

/** One fix per candidate, replacing a scalar and keeping its quoting style. */
export function replacementFixes(
  source: YamlSource,
  node: YamlNode,
  current: string,
  candidates: readonly string[],
): Fix[] | undefined {
  if (!isScalar(node) || candidates.length === 0) return undefined;
  const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : '';
  if (!quote && node.type !== Scalar.PLAIN) return undefined;
  return candidates.map((candidate) => ({
    title: `Replace '${current}' with '${candidate}'`,
    edits: [{ ...nodeSpan(source, node), newText: `${quote}${candidate}${quote}` }],
    // Only a change of case is certain enough to apply unattended.
    safe: candidates.length === 1 && candidate.toLowerCase() === current.toLowerCase(),
  }));
}
