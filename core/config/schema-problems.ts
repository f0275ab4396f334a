// Turns ajv errors for a value read from YAML into located, readable problems: one per span, unions collapsed, did-you-mean fixes.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document as YamlDocument, Node as YamlNode } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Fix, Span } from '../diagnostic';
import { closestMatches } from '../did-you-mean';
import { decodePointer, isRecord } from '../plain-data';

export { decodePointer };

/** A schema violation at a place in the YAML source. */
export interface SchemaProblem {
  message: string;
  span: Span;
  fixes?: Fix[];
  /** Always holds `pointer` (RFC 6901, into the validated value) and `path` (as shown); plus `key`/`candidates`/`allowed`, `missing` or `expected`. */
  data?: Record<string, unknown>;
}

/** One of our schemas as compiled by scripts/compile-schemas.mjs, plus the words used to talk about it. */
export interface CompiledSchema {
  validate: { (data: unknown): boolean; errors?: ErrorObject[] | null };
  /** The inlined schema ajv compiled; error `schemaPath`s point into it. */
  schema: Readonly<Record<string, unknown>>;
  /** Inlined location → the `#/definitions/...` it came from. */
  origins: Readonly<Record<string, string>>;
  /** What a value must be, by source pointer (`#/definitions/count` → "a count: …"); overrides the generic wording. */
  labels: Readonly<Record<string, string>>;
  /** What the keys of an object are called, by source pointer (`#/definitions/budget` → "budget key"). */
  nouns: Readonly<Record<string, string>>;
  /** How to name the whole value in messages ("the frontmatter", "the config"). */
  rootName: string;
}

/** Where the validated value came from: node ranges are relative to `offset` in the file. */
export interface YamlSource {
  doc: YamlDocument.Parsed;
  offset: number;
}

type Path = readonly string[];

type Finding =
  /** `noun` names the object's keys ("budget key"); absent when the object's kind is unclear (keys merged from a union). */
  | { kind: 'unknownKey'; path: Path; key: string; allowed: string[]; noun?: string }
  | { kind: 'missing'; path: Path; properties: string[] }
  | { kind: 'value'; path: Path; expected: string; allowedValues?: string[] };

/** An ajv error, or a collapsed `anyOf`/`oneOf` with what survived of its branches. */
interface ErrorNode {
  path: Path;
  schemaPath: string;
  findings: Finding[];
  /** The value at `path` has the wrong JSON type for this node's schema: the branch it sits in does not apply. */
  typeMismatch: boolean;
}

type JsonObject = Readonly<Record<string, unknown>>;

/** Validates `value` and reports every problem at its YAML node. */
export function schemaProblems(compiled: CompiledSchema, value: unknown, source: YamlSource): SchemaProblem[] {
  if (compiled.validate(value)) return [];
  const context = new SchemaContext(compiled, value);
  const findings = collectFindings(compiled.validate.errors ?? [], context);
  const problems = dropMisspeltMissing(mergeMissing(findings)).map((finding) => context.problem(finding, source));
  // Source order reads better than schema order, in the editor's problem list and in the CLI.
  return dedupeBySpan(problems).sort((a, b) => a.span.offset - b.span.offset);
}

// ---------------------------------------------------------------------------------------------------------------
// From ajv's flat error list to findings

/**
 * ajv (allErrors) pushes a failed union's branch errors right before the union's own error, so a stack rebuilds
 * the tree: a union adopts the trailing nodes below its schema location and instance path.
 */
function collectFindings(errors: readonly ErrorObject[], context: SchemaContext): Finding[] {
  const pending: ErrorNode[] = [];
  for (const error of errors) {
    const path = decodePointer(error.instancePath);
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const children: ErrorNode[] = [];
      while (pending.length > 0 && isBelow(pending[pending.length - 1], error.schemaPath, path)) {
        children.unshift(pending.pop() as ErrorNode);
      }
      pending.push(collapseUnion(path, error.schemaPath, children, context));
    } else {
      pending.push(leafNode(error, path, context));
    }
  }
  return pending.flatMap((node) => node.findings);
}

function isBelow(node: ErrorNode, unionSchemaPath: string, unionPath: Path): boolean {
  return node.schemaPath.startsWith(`${unionSchemaPath}/`) && unionPath.every((segment, i) => node.path[i] === segment);
}

function leafNode(error: ErrorObject, path: Path, context: SchemaContext): ErrorNode {
  const parentPointer = parentOf(error.schemaPath);
  const node = { path, schemaPath: error.schemaPath, typeMismatch: false };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(asObject(context.schemaAt(parentPointer)?.properties) ?? {});
      return { ...node, findings: [{ kind: 'unknownKey', path, key, allowed, noun: context.noun(parentPointer) }] };
    }
    case 'required':
      return { ...node, findings: [{ kind: 'missing', path, properties: [String(params.missingProperty)] }] };
    case 'type':
      return { ...node, typeMismatch: true, findings: [context.valueFinding(path, parentPointer)] };
    default:
      return { ...node, findings: [context.valueFinding(path, parentPointer)] };
  }
}

/** Keeps the branch the author most plausibly meant, and says it in one message when the value itself is wrong. */
function collapseUnion(path: Path, schemaPath: string, children: ErrorNode[], context: SchemaContext): ErrorNode {
  const unionPointer = parentOf(schemaPath);
  const branches = groupByBranch(children, schemaPath)
    .filter((nodes) => nodes.length > 0)
    .filter((nodes) => !nodes.some((n) => n.typeMismatch && samePath(n.path, path)));
  if (branches.length === 0) {
    return { path, schemaPath, typeMismatch: true, findings: [context.valueFinding(path, unionPointer)] };
  }
  const findingsOf = branches.map((nodes) => nodes.flatMap((n) => n.findings));
  const best = findingsOf.reduce((a, b) => (compareBranches(a, b) <= 0 ? a : b));
  const findings = best.map((f) => (f.kind === 'unknownKey' ? mergeAllowedKeys(f, findingsOf) : f));
  const label = context.label(unionPointer);
  if (label && findings.every((f) => f.kind === 'value' && samePath(f.path, path))) {
    return { path, schemaPath, typeMismatch: false, findings: [{ kind: 'value', path, expected: label }] };
  }
  return { path, schemaPath, typeMismatch: false, findings };
}

function groupByBranch(children: ErrorNode[], schemaPath: string): ErrorNode[][] {
  const groups: ErrorNode[][] = [];
  for (const child of children) {
    const index = Number(child.schemaPath.slice(schemaPath.length + 1).split('/')[0]);
    if (!Number.isInteger(index)) continue;
    (groups[index] ??= []).push(child);
  }
  return [...groups].map((g) => g ?? []);
}

/** Fewer unknown keys first (a key another branch knows means this is the wrong branch), then fewer problems, then deeper ones. */
function compareBranches(a: Finding[], b: Finding[]): number {
  const unknown = (fs: Finding[]) => fs.filter((f) => f.kind === 'unknownKey').length;
  const depth = (fs: Finding[]) => Math.max(...fs.map((f) => f.path.length));
  return unknown(a) - unknown(b) || a.length - b.length || depth(b) - depth(a);
}

/** An unknown key may be meant for another branch of the union: suggest from every branch's keys. */
function mergeAllowedKeys(finding: Extract<Finding, { kind: 'unknownKey' }>, branches: Finding[][]): Finding {
  const allowed = new Set(finding.allowed);
  let noun = finding.noun;
  for (const other of branches.flat()) {
    if (other.kind === 'unknownKey' && other.key === finding.key && samePath(other.path, finding.path)) {
      for (const key of other.allowed) allowed.add(key);
      if (other.noun !== noun) noun = undefined;
    }
  }
  return { ...finding, allowed: [...allowed], noun };
}

/**
 * `{txt: a}` where `text` is required is one mistake, not two: a missing key that an unknown sibling key is
 * probably a misspelling of is left to the unknown-key problem (whose fix cures both).
 */
function dropMisspeltMissing(findings: Finding[]): Finding[] {
  const unknownKeys = findings.filter((f): f is Extract<Finding, { kind: 'unknownKey' }> => f.kind === 'unknownKey');
  return findings.flatMap((finding): Finding[] => {
    if (finding.kind !== 'missing') return [finding];
    const misspelt = (property: string) =>
      unknownKeys.some((u) => samePath(u.path, finding.path) && closestMatches(u.key, [property]).length > 0);
    const properties = finding.properties.filter((p) => !misspelt(p));
    return properties.length > 0 ? [{ ...finding, properties }] : [];
  });
}

/** Several missing keys of one object become one problem. */
function mergeMissing(findings: Finding[]): Finding[] {
  const result: Finding[] = [];
  const byPath = new Map<string, Extract<Finding, { kind: 'missing' }>>();
  for (const finding of findings) {
    if (finding.kind !== 'missing') {
      result.push(finding);
      continue;
    }
    const key = JSON.stringify(finding.path);
    const existing = byPath.get(key);
    if (existing) {
      if (!existing.properties.includes(finding.properties[0])) existing.properties.push(...finding.properties);
    } else {
      const copy = { ...finding, properties: [...finding.properties] };
      byPath.set(key, copy);
      result.push(copy);
    }
  }
  return result;
}

function dedupeBySpan(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.span.offset}:${p.span.length}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The schema and the instance, read by pointer

/** Looks things up in the inlined schema and the validated value, and words findings as messages. */
class SchemaContext {
  /** Origins, longest first, so the innermost inlined definition names a location. */
  private readonly origins: Array<[string, string]>;

  constructor(
    private readonly compiled: CompiledSchema,
    private readonly value: unknown,
  ) {
    this.origins = Object.entries(compiled.origins).sort((a, b) => b[0].length - a[0].length);
  }

  schemaAt(pointer: string): JsonObject | undefined {
    let node: unknown = this.compiled.schema;
    for (const token of decodePointer(pointer.replace(/^#/, ''))) {
      node = Array.isArray(node) ? node[Number(token)] : asObject(node)?.[token];
    }
    return asObject(node);
  }

  /** The pointer in the published schema file that an inlined location came from. */
  sourcePointer(pointer: string): string {
    const origin = this.origins.find(([at]) => pointer === at || pointer.startsWith(`${at}/`));
    return origin ? origin[1] + pointer.slice(origin[0].length) : pointer;
  }

  label(pointer: string): string | undefined {
    return this.compiled.labels[this.sourcePointer(pointer)];
  }

  noun(pointer: string): string | undefined {
    return this.compiled.nouns[this.sourcePointer(pointer)];
  }

  valueFinding(path: Path, schemaPointer: string): Finding {
    const schema = this.schemaAt(schemaPointer);
    const allowedValues = Array.isArray(schema?.enum) ? schema.enum.map(String) : undefined;
    return { kind: 'value', path, expected: this.describe(schemaPointer), allowedValues };
  }

  /** A noun phrase for what the schema at `pointer` accepts ("a positive integer", "one of json, markdown, text"). */
  describe(pointer: string): string {
    const label = this.label(pointer);
    if (label) return label;
    const schema = this.schemaAt(pointer) ?? {};
    if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
    if ('const' in schema) return JSON.stringify(schema.const);
    if (Array.isArray(schema.anyOf)) return schema.anyOf.map((_, i) => this.describe(`${pointer}/anyOf/${i}`)).join(', or ');
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.map((type) => describeType(String(type), schema, () => this.describe(`${pointer}/items`))).join(' or ');
  }

  valueAt(path: Path): unknown {
    let node: unknown = this.value;
    for (const segment of path) {
      node = Array.isArray(node) ? node[Number(segment)] : asObject(node)?.[segment];
    }
    return node;
  }

  /** `budget.variables.document`, `constraints.frequency[0].count`, or the root's name. */
  formatPath(path: Path): string {
    let text = '';
    let node: unknown = this.value;
    for (const segment of path) {
      if (Array.isArray(node)) text += `[${segment}]`;
      else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text ? `.${segment}` : segment;
      else text += `[${JSON.stringify(segment)}]`;
      node = Array.isArray(node) ? node[Number(segment)] : asObject(node)?.[segment];
    }
    return text || this.compiled.rootName;
  }

  problem(finding: Finding, source: YamlSource): SchemaProblem {
    switch (finding.kind) {
      case 'unknownKey':
        return this.unknownKeyProblem(finding, source);
      case 'missing': {
        const where = this.formatPath(finding.path);
        const keys = finding.properties;
        return {
          message: `${where} is missing required key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`,
          span: valueSpan(source, finding.path),
          data: { pointer: encodePointer(finding.path), path: where, missing: keys },
        };
      }
      case 'value':
        return this.valueProblem(finding, source);
    }
  }

  private unknownKeyProblem(finding: Extract<Finding, { kind: 'unknownKey' }>, source: YamlSource): SchemaProblem {
    const where = this.formatPath([...finding.path, finding.key]);
    const siblings = asObject(this.valueAt(finding.path)) ?? {};
    // Renaming onto a key that is already there would only trade this error for a duplicate-key one.
    const candidates = closestMatches(
      finding.key,
      finding.allowed.filter((k) => !Object.hasOwn(siblings, k)),
    );
    const noun = finding.noun;
    const head = noun ? `${where} is not a ${noun}` : `${where} is not a known key of ${this.formatPath(finding.path)}`;
    const tail = candidates.length > 0 ? `; did you mean ${candidates[0]}?` : knownKeys(finding.allowed);
    const location = locate(source, [...finding.path, finding.key]);
    const keyNode = location.found ? location.keyNode : undefined;
    return {
      message: head + tail,
      span: keyNode ? nodeSpan(source, keyNode) : valueSpan(source, finding.path),
      fixes: keyNode ? replacementFixes(source, keyNode, finding.key, candidates) : undefined,
      data: {
        pointer: encodePointer([...finding.path, finding.key]),
        path: where,
        key: finding.key,
        candidates,
        allowed: finding.allowed,
      },
    };
  }

  private valueProblem(finding: Extract<Finding, { kind: 'value' }>, source: YamlSource): SchemaProblem {
    const where = this.formatPath(finding.path);
    const actual = this.valueAt(finding.path);
    const candidates = typeof actual === 'string' && finding.allowedValues ? closestMatches(actual, finding.allowedValues) : [];
    const hint = candidates.length > 0 ? ` (did you mean ${candidates[0]}?)` : '';
    const location = locate(source, finding.path);
    const valueNode = location.found ? location.valueNode : undefined;
    return {
      message: `${where} must be ${finding.expected}; got ${showValue(actual)}${hint}`,
      span: valueSpan(source, finding.path),
      fixes: valueNode && isScalar(valueNode) ? replacementFixes(source, valueNode, String(actual), candidates) : undefined,
      data: {
        pointer: encodePointer(finding.path),
        path: where,
        expected: finding.expected,
        ...(candidates.length > 0 ? { candidates } : {}),
      },
    };
  }
}

function describeType(type: string, schema: JsonObject, items: () => string): string {
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  switch (type) {
    case 'integer':
      if (min !== undefined && min >= 1) return min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
      return min === 0 ? 'a non-negative integer' : 'an integer';
    case 'number': {
      const low = min ?? exclusiveMin;
      if (low !== undefined && max !== undefined) return `a number between ${low} and ${max}`;
      if (exclusiveMin === 0) return 'a positive number';
      return min === 0 ? 'a non-negative number' : 'a number';
    }
    case 'string':
      if (schema.maxLength === 1) return 'a single character';
      return schema.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return schema.minProperties === 1 ? 'a non-empty mapping' : 'a mapping';
    case 'array': {
      const of = asObject(schema.items) ? ` of ${pluralPhrase(items())}` : '';
      return `${schema.minItems === 1 ? 'a non-empty list' : 'a list'}${of}`;
    }
    default:
      return `a ${type}`;
  }
}

/** "a non-empty string" → "non-empty strings", for "a list of …". */
function pluralPhrase(phrase: string): string {
  const noun = phrase.replace(/^(a|an) /, '');
  if (noun === phrase || noun.includes(' or ') || noun.includes(',')) return `items that are ${phrase}`;
  return noun.replace(
    /^(.*?)(\w+)$/,
    (_, head: string, last: string) => `${head}${last.endsWith('y') ? `${last.slice(0, -1)}ies` : `${last}s`}`,
  );
}

function knownKeys(allowed: readonly string[]): string {
  if (allowed.length === 0) return '; no keys are allowed here';
  const shown = allowed.slice(0, 10).join(', ');
  return ` (known: ${shown}${allowed.length > 10 ? ', …' : ''})`;
}

/** Short, YAML-flavoured rendering of a value for "got …". */
function showValue(value: unknown, budget = 40): string {
  const text = renderValue(value);
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}

function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  const object = asObject(value);
  if (object)
    return `{${Object.entries(object)
      .map(([k, v]) => `${k}: ${renderValue(v)}`)
      .join(', ')}}`;
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------------
// From instance paths to YAML nodes

interface Location {
  /** True when every segment of the path was found. */
  found: boolean;
  /** The key of the last pair walked (for a sequence item: the item). */
  keyNode?: YamlNode;
  valueNode?: YamlNode;
}

/** Walks map keys and sequence indexes from the top of the document, following aliases to their anchors. */
function locate(source: YamlSource, path: Path): Location {
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
function valueSpan(source: YamlSource, path: Path): Span {
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

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

export function encodePointer(path: Path): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function parentOf(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function asObject(value: unknown): JsonObject | undefined {
  return isRecord(value) ? (value as JsonObject) : undefined;
}
